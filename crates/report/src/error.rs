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
    /// A file written earlier (a plot to inline in the HTML report) cannot be read back.
    #[error("cannot read {}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A file to inline in the HTML report is not an SVG image.
    #[error("{} is not an SVG image (no <svg> element)", path.display())]
    NotSvg {
        /// The file.
        path: PathBuf,
    },
    /// A tar archive member name does not fit the ustar header.
    #[error("archive {}: member name '{name}' must be 1 to 100 ASCII bytes", archive.display())]
    ArchiveMember {
        /// The archive.
        archive: PathBuf,
        /// The member name.
        name: String,
    },
    /// A HEPData additional resource points into a subdirectory (the validator wants every
    /// local resource directly in the submission directory).
    #[error(
        "HEPData additional resource '{location}' must be a file directly in the submission directory (no '/')"
    )]
    NestedResource {
        /// The location given.
        location: String,
    },
    /// The statistical model of one mass cannot be rebuilt for the published likelihood.
    #[error("statistical model at m_A' = {mass_gev} GeV")]
    Model {
        /// A' mass \[GeV\].
        mass_gev: f64,
        /// Why.
        #[source]
        source: aprime_limits::LimitsError,
    },
    /// The model cannot be written as a pyhf workspace and patchset.
    #[error("pyhf likelihood")]
    Likelihood(#[from] aprime_stats::pyhf::PyhfError),
}

impl ReportError {
    /// A write error at `path`.
    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Write {
            path: path.into(),
            source,
        }
    }

    /// A read error at `path`.
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Read {
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
