//! How library errors reach Python: bad input raises `ValueError`, every other failure the
//! module's `AprimeError`. The message is the one the `aprime` command prints after `error: `
//! (the context, then the error chain joined with ": ", as `anyhow`'s `{:#}`), with the
//! command-line option replaced by the Python argument it came from.

use std::error::Error;

use aprime_core::{MassError, error_chain};
use aprime_detector::EventFileError;
use aprime_experiment::ConfigError;
use aprime_limits::LimitsError;
use aprime_physics::PhysicsError;
use aprime_physics::model::ModelError;
use aprime_report::ReportError;
use aprime_shower::ShowerError;
use aprime_stats::StatsError;
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::{PyErr, create_exception};

create_exception!(
    aprime,
    AprimeError,
    PyException,
    "A computation of aprime failed for a reason other than bad input (an integration that did \
     not converge, a file that cannot be written, ...). The message names the cause."
);

/// Whether the caller or the computation is to blame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blame {
    /// The arguments are wrong: `ValueError`.
    Input,
    /// The computation failed: `AprimeError`.
    Computation,
}

/// An error on its way to Python, built without the GIL (inside `Python::detach`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindingError {
    /// Which exception.
    pub blame: Blame,
    /// Its message.
    pub message: String,
}

impl BindingError {
    /// Bad input with this message.
    pub fn input(message: impl Into<String>) -> Self {
        Self {
            blame: Blame::Input,
            message: message.into(),
        }
    }

    /// A library error with a context (what was being done), classified by its type.
    pub fn from_library<E: Classify>(context: &str, err: &E) -> Self {
        let chain = error_chain(err);
        Self {
            blame: err.blame(),
            message: if context.is_empty() {
                chain
            } else {
                format!("{context}: {chain}")
            },
        }
    }
}

impl From<BindingError> for PyErr {
    fn from(e: BindingError) -> Self {
        match e.blame {
            Blame::Input => PyValueError::new_err(e.message),
            Blame::Computation => AprimeError::new_err(e.message),
        }
    }
}

/// Library errors that know whether they come from bad input.
pub trait Classify: Error {
    /// Input or computation.
    fn blame(&self) -> Blame;
}

impl Classify for MassError {
    fn blame(&self) -> Blame {
        Blame::Input
    }
}

impl Classify for ModelError {
    fn blame(&self) -> Blame {
        // Unknown names, couplings out of range and combinations that are not implemented are
        // all requests the library cannot serve as asked.
        Blame::Input
    }
}

impl Classify for PhysicsError {
    fn blame(&self) -> Blame {
        match self {
            Self::Integration(_) => Blame::Computation,
            Self::UnknownMaterial(_)
            | Self::InvalidMaterial(_)
            | Self::Mass { .. }
            | Self::InvalidMass { .. }
            | Self::InvalidEnergy { .. }
            | Self::BelowThreshold(_)
            | Self::InvalidArgument(_)
            | Self::Model(_) => Blame::Input,
        }
    }
}

impl Classify for StatsError {
    fn blame(&self) -> Blame {
        match self {
            Self::NoLimit(_) => Blame::Computation,
            _ => Blame::Input,
        }
    }
}

impl Classify for ConfigError {
    fn blame(&self) -> Blame {
        match self {
            // A file that cannot be read is the caller's path.
            Self::Read { .. }
            | Self::Parse { .. }
            | Self::Invalid { .. }
            | Self::UnknownPreset { .. }
            | Self::Model { .. } => Blame::Input,
        }
    }
}

impl Classify for ShowerError {
    fn blame(&self) -> Blame {
        match self {
            Self::Physics(p) => p.blame(),
            Self::Config(_)
            | Self::Toml(_)
            | Self::Read { .. }
            | Self::UnknownTarget { .. }
            | Self::Mass(_) => Blame::Input,
            Self::Merge(_) | Self::Serde(_) => Blame::Computation,
        }
    }
}

impl Classify for LimitsError {
    fn blame(&self) -> Blame {
        match self {
            Self::Config(c) => c.blame(),
            Self::Physics(p) => p.blame(),
            Self::Stats(s) => s.blame(),
            Self::Shower(s) => s.blame(),
            Self::Yields { .. } | Self::Model(_) | Self::YieldShards(_) | Self::Projection(_) => {
                Blame::Input
            }
            // Tables of refined masses come from a run's own configuration.
            Self::Relic(_) | Self::Refinement(_) => Blame::Computation,
        }
    }
}

impl Classify for EventFileError {
    fn blame(&self) -> Blame {
        // A file that cannot be read or is not an event file is the caller's input.
        Blame::Input
    }
}

impl Classify for ReportError {
    fn blame(&self) -> Blame {
        Blame::Computation
    }
}

/// `Ok` values in order, or the first error in input order (deterministic whatever the
/// thread that failed first).
pub fn first_error<T>(results: Vec<Result<T, BindingError>>) -> Result<Vec<T>, BindingError> {
    results.into_iter().collect()
}
