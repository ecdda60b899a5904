//! Errors of the shower crate.

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
    Toml(String),
    /// A material, element or cross section from the physics core failed.
    #[error(transparent)]
    Physics(#[from] PhysicsError),
    /// Partial results that cannot be merged (different run settings).
    #[error("cannot merge: {0}")]
    Merge(String),
    /// (De)serialisation of a result failed.
    #[error("result (de)serialisation: {0}")]
    Serde(String),
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
