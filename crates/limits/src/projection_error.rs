//! Why a projection request ([`crate::projection::ProjectionRequest`]) is unusable (its own
//! module: the crate error wraps it, and the projection returns the crate error).

/// Why a projection request is unusable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectionRequestError {
    /// No exposure asked for.
    #[error("no exposure to project (give at least one --eot)")]
    NoExposure,
    /// An exposure that is not a positive finite number.
    #[error("projected exposure must be a positive number of particles on target, got {0}")]
    Exposure(f64),
    /// A background that is negative or not finite.
    #[error("background per particle on target must be ≥ 0 and finite, got {0}")]
    Background(f64),
    /// The configuration has no exposure to scale.
    #[error("the configuration has no particles on target to scale (total EOT {0})")]
    NoCurrentExposure(f64),
}
