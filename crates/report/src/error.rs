//! Errors of the report stage.

use std::path::PathBuf;

use thiserror::Error;

/// An output could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    /// A file or directory cannot be written.
    #[error("cannot write {}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A plot cannot be drawn (the plotting library reports its errors as text).
    #[error("cannot draw {}: {message}", path.display())]
    Plot {
        /// The image file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Serialising an output failed.
    #[error("cannot encode {what}")]
    Encode {
        /// The file or table being encoded.
        what: String,
        /// The encoder's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A table is inconsistent (a programming error caught before writing).
    #[error("{what}: {message}")]
    Table {
        /// The table.
        what: String,
        /// What is wrong.
        message: String,
    },
    /// A physics calculation for a figure failed.
    #[error("physics")]
    Physics(#[from] aprime_physics::PhysicsError),
}

impl ReportError {
    /// A write error at `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Write {
            path: path.into(),
            source,
        }
    }

    /// An encoding error of `what`.
    pub fn encode(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self::Encode {
            what: what.into(),
            source: Box::new(source),
        }
    }
}
