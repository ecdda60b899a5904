//! Errors of the limits stage.

use aprime_experiment::ConfigError;
use thiserror::Error;

/// Anything that can fail between yields and limits.
#[derive(Debug, Error)]
pub enum LimitsError {
    /// Bad configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A physics calculation failed.
    #[error("physics")]
    Physics(#[from] aprime_physics::PhysicsError),
    /// A model request the physics core does not serve (e.g. a coupling out of range).
    #[error("model")]
    Model(#[from] aprime_physics::model::ModelError),
    /// The thermal relic targets could not be computed.
    #[error("thermal relic targets")]
    Relic(#[from] aprime_physics::relic::RelicError),
    /// The statistics engine failed.
    #[error("statistics")]
    Stats(#[from] aprime_stats::StatsError),
    /// The shower simulation failed.
    #[error("shower simulation")]
    Shower(#[from] aprime_shower::ShowerError),
    /// The tables or folds of the masses added by the mass-grid refinement (`refine` module).
    #[error("mass-grid refinement")]
    Refinement(#[source] aprime_shower::ShowerError),
    /// Yields shards that cannot be merged.
    #[error(transparent)]
    YieldShards(#[from] crate::yield_shards_error::YieldShardsError),
    /// A projection request that cannot be computed.
    #[error(transparent)]
    Projection(#[from] crate::projection_error::ProjectionRequestError),
    /// A saved yields file is unusable.
    #[error("yields file {path}: {message}")]
    Yields {
        /// File name.
        path: String,
        /// What is wrong.
        message: String,
    },
}
