//! Errors of the experiment configuration.

use thiserror::Error;

/// A configuration could not be read, parsed or validated. Messages name the file and field.
#[derive(Debug, Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration {file}")]
    Read {
        /// File name.
        file: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// TOML syntax error, missing or unknown field (the cause carries the key and line).
    #[error("invalid configuration {file}")]
    Parse {
        /// File name.
        file: String,
        /// The TOML error, on one line.
        #[source]
        source: TomlError,
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
    /// The model cannot be used with the rest of the configuration (beam, χ type).
    #[error("invalid configuration {file}: field `production.model`")]
    Model {
        /// File name.
        file: String,
        /// What the physics core does not implement.
        #[source]
        source: aprime_physics::PhysicsError,
    },
    /// No preset of that name.
    #[error("unknown preset '{name}' (known: {known})")]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The embedded presets, comma-separated.
        known: String,
    },
}

/// A TOML error of a configuration file, shown on one line (`line L: message`) instead of the
/// parser's multi-line snippet; the parser's error is kept ([`TomlError::parser_error`]).
#[derive(Debug)]
pub struct TomlError {
    line: Option<usize>,
    inner: Box<toml::de::Error>,
}

impl TomlError {
    /// Locate `inner` in `text`.
    pub(crate) fn new(inner: toml::de::Error, text: &str) -> Self {
        // Errors of the `detector`/`analysis` overlays name their field themselves; the parser
        // would point at the first line of the whole section.
        let overlay = ["detector: ", "analysis: "]
            .iter()
            .any(|p| inner.message().starts_with(p));
        let line = inner
            .span()
            .filter(|_| !overlay)
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        Self {
            line,
            inner: Box::new(inner),
        }
    }

    /// The 1-based line the parser points at, if any.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// The parser's own error.
    pub fn parser_error(&self) -> &toml::de::Error {
        &self.inner
    }
}

impl std::fmt::Display for TomlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let msg = self.inner.message().replace('\n', " ");
        match self.line {
            Some(l) => write!(f, "line {l}: {}", msg.trim()),
            None => write!(f, "{}", msg.trim()),
        }
    }
}

impl std::error::Error for TomlError {}
