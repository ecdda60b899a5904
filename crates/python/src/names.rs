//! Names given as strings (target, method, model, projectile, χ spin) resolved by the library's
//! own parsers, and numbers checked by the command line's rules (precision, coupling, …), so
//! that the accepted values and the error texts are the command line's.

use std::str::FromStr;

use aprime_physics::Material;
use aprime_physics::dark_brem::Method;
use aprime_physics::model::{Mediator, Projectile};
use aprime_physics::widths::ChiSpin;

use crate::error::BindingError;

/// A built-in material (element symbol or name, or `scintillator`); the context is the
/// command line's `--target 'NAME'` with the Python argument name.
pub fn material(name: &str) -> Result<Material, BindingError> {
    Material::by_name(name).map_err(|e| BindingError::from_library(&format!("target '{name}'"), &e))
}

/// A dark-bremsstrahlung method: `etl`, `wwsimple`, `iww` or `exact`.
pub fn method(arg: &str, name: &str) -> Result<Method, BindingError> {
    Method::from_str(name).map_err(|e| BindingError::from_library(arg, &e))
}

/// A mediator: `vector`, `scalar`, `pseudoscalar`, `axial`, `lmu-ltau` or `b-l`.
pub fn model(name: &str) -> Result<Mediator, BindingError> {
    Mediator::from_str(name).map_err(|e| BindingError::from_library("model", &e))
}

/// The model's coupling (ε, or g for the Z' models), checked against the model's range
/// (ε in (0, 1], g in (0, √(4π)]) by the library, as the command line's `parse::coupling`;
/// the context names the Python argument `coupling` where the command line says `--coupling`.
pub fn coupling(mediator: Mediator, value: f64) -> Result<f64, BindingError> {
    mediator
        .check_parameter(value)
        .map_err(|e| BindingError::from_library(&format!("coupling for model {mediator}"), &e))
}

/// A beam lepton: `electron`, `positron`, `muon` or `antimuon`.
pub fn projectile(name: &str) -> Result<Projectile, BindingError> {
    Projectile::from_str(name).map_err(|e| BindingError::from_library("projectile", &e))
}

/// The dark-matter spin: `fermion` (Dirac) or `scalar` (complex scalar).
pub fn chi_spin(name: &str) -> Result<ChiSpin, BindingError> {
    match name.trim().to_ascii_lowercase().as_str() {
        "fermion" | "dirac" => Ok(ChiSpin::Fermion),
        "scalar" => Ok(ChiSpin::Scalar),
        other => Err(BindingError::input(format!(
            "chi: unknown dark-matter spin '{other}' (valid: fermion, scalar)"
        ))),
    }
}

/// A relative precision in (0, 0.5), as `--precision` accepts.
pub fn precision(value: Option<f64>) -> Result<Option<f64>, BindingError> {
    match value {
        Some(v) if !(v.is_finite() && v > 0.0 && v < 0.5) => Err(BindingError::input(format!(
            "precision: '{v}' must be a relative precision in (0, 0.5)"
        ))),
        other => Ok(other),
    }
}

/// A positive finite number (an energy \[GeV\], a depth, a coupling), as the command line's
/// `parse::positive` accepts.
pub fn positive(arg: &str, value: f64) -> Result<f64, BindingError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(BindingError::input(format!(
            "{arg}: '{value}' must be positive and finite"
        )))
    }
}

/// A finite number ≥ 0, as the command line's `parse::non_negative` accepts.
pub fn non_negative(arg: &str, value: f64) -> Result<f64, BindingError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(BindingError::input(format!(
            "{arg}: '{value}' must be a non-negative number"
        )))
    }
}

/// A count of at least 1 (events, chunk size), as the command line's `parse::count`.
pub fn count(arg: &str, value: u64) -> Result<u64, BindingError> {
    if value == 0 {
        Err(BindingError::input(format!("{arg}: must be at least 1")))
    } else {
        Ok(value)
    }
}
