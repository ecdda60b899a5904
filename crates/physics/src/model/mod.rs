//! Dark-sector models: which new boson X is produced ([`Mediator`]), by which beam particle
//! ([`Projectile`]), how strongly it couples to each lepton, and the parameter a limit is set on.
//!
//! Conventions (docs/models.md): cross sections and widths in this crate are computed for a
//! lepton coupling g_ℓ = e ("ε = 1"); [`Mediator::sigma_scale`] converts them to the model's
//! own parameter (ε for the four ε-coupled models, g for the two Z' models).

pub mod lmu_ltau;
mod mediator;
mod projectile;

pub use crate::model_error::ModelError;
pub use mediator::{CouplingParameter, Lepton, Mediator, Vertex};
pub use projectile::Projectile;
