//! Errors of the validation.

use thiserror::Error;

use crate::error::LimitsError;

/// Anything that can fail while computing the validation rows.
#[derive(Debug, Error)]
pub enum ValidationError {
    /// A preset did not load.
    #[error("configuration")]
    Config(#[from] aprime_experiment::ConfigError),
    /// A cross section failed.
    #[error("physics")]
    Physics(#[from] aprime_physics::PhysicsError),
    /// Yields or limits failed.
    #[error("limits")]
    Limits(#[from] LimitsError),
    /// The detector simulation failed.
    #[error("detector simulation")]
    Detector(#[from] aprime_detector::SimError),
    /// The analysis failed.
    #[error("analysis")]
    Analysis(#[from] aprime_analysis::AnalysisError),
    /// A thermal-target (freeze-out) computation failed.
    #[error("thermal target")]
    Relic(#[from] aprime_physics::relic::RelicError),
    /// A mass the validation needs is missing from a result.
    #[error("no result at m = {0} GeV")]
    MissingMass(f64),
}
