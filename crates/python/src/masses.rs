//! Boson masses by the one mass rule of `aprime_core` (positive, finite, below the beam
//! energy where it is known), as the command line checks `--mass`/`--masses`. A list is a
//! number, a sequence or array, or a list text (`0.01,0.1`, `log:0.001:1:20`).

use aprime_core::{MassError, MassGrid, check_mass};
use pyo3::prelude::*;

use crate::arrays::FloatArg;
use crate::error::BindingError;

/// The masses \[GeV\] of argument `arg`, in the order given, checked against the beam energy
/// `beam_energy_gev` when known.
pub fn mass_list(
    arg: &str,
    value: &Bound<'_, PyAny>,
    beam_energy_gev: Option<f64>,
) -> PyResult<Vec<f64>> {
    let grid = if let Ok(text) = value.extract::<String>() {
        MassGrid::parse(&text)
    } else {
        let array: FloatArg<'_> = value.extract()?;
        MassGrid::new(array.as_array().iter().copied().collect())
    };
    let checked = grid.and_then(|g| match beam_energy_gev {
        Some(e0) => g.check_below(e0).map(|()| g),
        None => Ok(g),
    });
    checked
        .map(MassGrid::into_vec)
        .map_err(|e| BindingError::from_library(arg, &e).into())
}

/// One mass \[GeV\] (positive, finite).
pub fn mass(arg: &str, m: f64) -> Result<f64, BindingError> {
    check_mass(m).map_err(|e: MassError| BindingError::from_library(arg, &e))
}

/// One mass \[GeV\] that a beam of `beam_energy_gev` can produce (also below the beam energy).
pub fn mass_below(arg: &str, m: f64, beam_energy_gev: f64) -> Result<f64, BindingError> {
    MassGrid::new(vec![m])
        .and_then(|g| g.check_below(beam_energy_gev))
        .map(|()| m)
        .map_err(|e| BindingError::from_library(arg, &e))
}
