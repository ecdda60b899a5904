//! Errors of the model layer: names that are not models, and model/projectile/process
//! combinations that the physics library does not implement. A module of its own (not inside
//! `model`) so that the crate error can wrap it without an import circle.

use thiserror::Error;

/// Why a dark-sector model request cannot be served.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum ModelError {
    /// The name is not one of the six mediators.
    #[error("unknown model '{name}' (valid: vector, scalar, pseudoscalar, axial, lmu-ltau, b-l)")]
    UnknownMediator {
        /// The name given.
        name: String,
    },
    /// The name is not one of the projectiles.
    #[error("unknown projectile '{name}' (valid: electron, positron, muon, antimuon)")]
    UnknownProjectile {
        /// The name given.
        name: String,
    },
    /// A model/projectile/process combination that is not implemented.
    #[error("not implemented: {what} for model '{mediator}'")]
    Unsupported {
        /// The model name.
        mediator: &'static str,
        /// What was asked for.
        what: String,
    },
    /// A coupling outside the range the model accepts.
    #[error(
        "{parameter} = {value} is outside the accepted range (0, {max}] for model '{mediator}'"
    )]
    CouplingOutOfRange {
        /// The model name.
        mediator: &'static str,
        /// The parameter name (eps or g).
        parameter: &'static str,
        /// The value given.
        value: f64,
        /// Largest accepted value.
        max: f64,
    },
}
