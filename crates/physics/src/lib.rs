//! Stage 1 of aprime: the physics of A' production and decay.
//!
//! Units: GeV for energies and masses, GeV² for momentum transfers, cm and g/cm³ for matter,
//! picobarn for cross sections unless a function name says otherwise. Cross sections are for
//! kinetic mixing ε = 1 unless an `eps` argument is taken.

pub mod constants;
pub mod error;
pub mod flux;
pub mod form_factor;
pub mod integrate;
pub mod materials;

pub use error::PhysicsError;
pub use form_factor::{FormFactor, FormFactorModel};
pub use materials::{Element, Material};
pub mod annihilation;
pub mod dark_brem;
pub mod decay;
pub mod dimuon;
pub mod dmg4_reference;
pub mod kfactor;
pub mod model;
mod model_error;
pub mod relic;
pub mod resonance;
pub mod thermal;
pub mod vegas;
pub mod widths;
