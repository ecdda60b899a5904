//! Errors of the shower crate.

use aprime_core::MassError;
use aprime_physics::PhysicsError;
use thiserror::Error;

/// Everything that can go wrong when configuring or running the shower Monte Carlo.
#[derive(Debug, Error)]
pub enum ShowerError {
    /// A configuration value is out of range or inconsistent.
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The TOML target description could not be parsed.
    #[error("cannot parse the target configuration: {0}")]
    Toml(#[from] toml::de::Error),
    /// A target file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A target given by name is neither a preset, a `.toml` file nor a known material.
    #[error("{source}; or a preset ({presets}) or a .toml file")]
    UnknownTarget {
        /// The known presets.
        presets: String,
        /// Why it is not a material.
        #[source]
        source: PhysicsError,
    },
    /// An A' mass breaks the mass rule of [`aprime_core::check_mass`].
    #[error("invalid A' mass: {0}")]
    Mass(#[from] MassError),
    /// A material, element or cross section from the physics core failed.
    #[error(transparent)]
    Physics(#[from] PhysicsError),
    /// Partial results that cannot be merged (different run settings).
    #[error("cannot merge: {0}")]
    Merge(String),
    /// (De)serialisation of a result failed.
    #[error("result (de)serialisation: {0}")]
    Serde(#[from] serde_json::Error),
}

/// Shorthand.
pub type Result<T> = std::result::Result<T, ShowerError>;

/// `Err(ShowerError::Config(..))` unless `cond`.
pub(crate) fn ensure(cond: bool, msg: impl FnOnce() -> String) -> Result<()> {
    if cond {
        Ok(())
    } else {
        Err(ShowerError::Config(msg()))
    }
}
