//! The dimuon benchmark γ Z → μ⁺μ⁻ Z per atom (paper 002 eq. 18–22), as `aprime dimuon`.

use aprime_physics::dimuon as bethe_heitler;
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::arrays::{Arg, FloatArg, broadcast, to_python};
use crate::error::{BindingError, first_error};
use crate::names;
use crate::xsec::estimates;

/// Bethe–Heitler muon-pair production cross section per atom [μb] (paper 002 eq. 18–22, valid
/// for E_γ > 4 m_μ ≈ 0.42 GeV). Pb reference totals: 30.2, 334, 886 μb at 1, 10, 100 GeV.
///
/// Args:
///     energy_gev: photon energy E_γ [GeV]; scalar or array.
///     target: element or ``scintillator`` (per-atom average by atom fraction).
///     with_error: also return the integration error [μb].
///
/// Returns:
///     σ(γZ → μμZ) [μb/atom] (float or float64 array), or ``(σ, δσ)``; as
///     ``aprime dimuon --energy E --format json`` (``sigma_ub``, ``sigma_error_ub``).
#[pyfunction]
#[pyo3(signature = (energy_gev, *, target="Pb", with_error=false))]
#[allow(clippy::needless_pass_by_value)]
pub fn dimuon<'py>(
    py: Python<'py>,
    energy_gev: FloatArg<'py>,
    target: &str,
    with_error: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let material = names::material(target)?;
    let grid = broadcast(["energy_gev"], &[Arg::Given(&energy_gev)])?;
    estimates(py, &grid, with_error, |&[e]| {
        let e = names::positive("energy_gev", e)?;
        bethe_heitler::material_total_ub(&material, e).map_err(|err| {
            BindingError::from_library(
                &format!("dimuon σ on {} at E_γ = {e} GeV", material.name),
                &err,
            )
        })
    })
}

/// Differential dimuon cross section dσ/dx₊ per atom, x₊ = E_μ⁺/E_γ [μb]; zero outside the
/// range of ``dimuon_x_range``.
///
/// Args:
///     x_plus: energy fraction of the μ⁺; scalar or array.
///     energy_gev: photon energy [GeV]; broadcast against ``x_plus``.
///     target: element or ``scintillator``.
///
/// Returns:
///     dσ/dx₊ [μb/atom]. ``aprime dimuon --differential`` is this at the bin centres of
///     ``dimuon_x_range``.
#[pyfunction]
#[pyo3(signature = (x_plus, energy_gev, *, target="Pb"))]
#[allow(clippy::needless_pass_by_value)]
pub fn dimuon_dsigma_dx<'py>(
    py: Python<'py>,
    x_plus: FloatArg<'py>,
    energy_gev: FloatArg<'py>,
    target: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let material = names::material(target)?;
    let grid = broadcast(
        ["x_plus", "energy_gev"],
        &[Arg::Given(&x_plus), Arg::Given(&energy_gev)],
    )?;
    let values = py.detach(|| {
        first_error(
            grid.points
                .par_iter()
                .map(|&[x, e]| {
                    let e = names::positive("energy_gev", e)?;
                    bethe_heitler::material_dsigma_dx_ub(&material, e, x).map_err(|err| {
                        BindingError::from_library(
                            &format!("dimuon σ on {} at E_γ = {e} GeV", material.name),
                            &err,
                        )
                    })
                })
                .collect(),
        )
    })?;
    to_python(py, &grid.shape, values)
}

/// The x₊ range of paper 002 eq. 22 at photon energy ``energy_gev`` [GeV].
///
/// Returns:
///     ``(x_min, x_max)``.
///
/// Raises:
///     ValueError: E_γ ≤ 4 m_μ (below the dimuon threshold).
#[pyfunction]
pub fn dimuon_x_range(energy_gev: f64) -> PyResult<(f64, f64)> {
    let e = names::positive("energy_gev", energy_gev)?;
    bethe_heitler::x_range(e).ok_or_else(|| {
        BindingError::input(format!(
            "energy_gev: E_γ = {e} GeV is below the dimuon threshold 4 m_μ = {:.4} GeV",
            bethe_heitler::threshold_gev()
        ))
        .into()
    })
}
