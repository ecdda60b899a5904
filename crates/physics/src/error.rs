//! Errors of the physics crate.

use thiserror::Error;

/// Everything that can go wrong when asking for a cross section, width or material.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PhysicsError {
    /// The material or element name is not known.
    #[error("unknown target material '{0}'")]
    UnknownMaterial(String),
    /// A material description is inconsistent.
    #[error("invalid material: {0}")]
    InvalidMaterial(String),
    /// A mass is zero, negative or not finite.
    #[error("invalid mass {name} = {value} GeV: must be positive and finite")]
    InvalidMass {
        /// Which mass.
        name: &'static str,
        /// The value given \[GeV\].
        value: f64,
    },
    /// An energy is not positive/finite.
    #[error("invalid energy {name} = {value} GeV: must be positive and finite")]
    InvalidEnergy {
        /// Which energy.
        name: &'static str,
        /// The value given \[GeV\].
        value: f64,
    },
    /// The process is kinematically forbidden.
    #[error("below threshold: {0}")]
    BelowThreshold(String),
    /// A numerical integration failed to reach its tolerance.
    #[error("integration did not converge: {0}")]
    Integration(String),
    /// Any other invalid argument.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// An unknown model name or a model/projectile/process combination not implemented.
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
}
