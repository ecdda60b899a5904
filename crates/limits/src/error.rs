//! Errors of the limits pipeline.

use thiserror::Error;

/// A configuration could not be read, parsed or validated. Messages name the file and field.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration {file}: {message}")]
    Read {
        /// File name.
        file: String,
        /// OS error text.
        message: String,
    },
    /// TOML syntax error, missing or unknown field (the message carries the key and line).
    #[error("invalid configuration {file}: {message}")]
    Parse {
        /// File name.
        file: String,
        /// Parser message.
        message: String,
    },
    /// A field has an invalid value.
    #[error("invalid configuration {file}: field `{field}` {message}")]
    Invalid {
        /// File name.
        file: String,
        /// Dotted field path, e.g. `runs[1] (II).eot`.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// No preset of that name.
    #[error("unknown preset '{0}' (known: {1})")]
    UnknownPreset(String, String),
}

/// Anything that can fail in the pipeline.
#[derive(Debug, Error)]
pub enum LimitsError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A physics calculation failed.
    #[error("physics: {0}")]
    Physics(#[from] aprime_physics::PhysicsError),
    /// The statistics engine failed.
    #[error("statistics: {0}")]
    Stats(String),
    /// The shower simulation failed.
    #[error("shower: {0}")]
    Shower(String),
    /// Writing outputs failed.
    #[error("cannot write {path}: {message}")]
    Output {
        /// Path being written.
        path: String,
        /// What went wrong.
        message: String,
    },
    /// A saved yields file is unusable.
    #[error("yields file {path}: {message}")]
    Yields {
        /// File name.
        path: String,
        /// What is wrong.
        message: String,
    },
}
