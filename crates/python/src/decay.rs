//! Widths, branching fractions and resonant annihilation e⁺e⁻ → X → invisible of every
//! mediator (physics `decay`, `resonance`, `annihilation`), vectorised over masses and
//! energies.

use aprime_physics::annihilation;
use aprime_physics::decay::{self, ModelWidths};
use aprime_physics::model::Mediator;
use aprime_physics::resonance;
use aprime_physics::widths::{ChiSpin, DarkSector};
use numpy::IntoPyArray;
use numpy::ndarray::{ArrayD, IxDyn};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

use crate::arrays::{Arg, FloatArg, Grid, broadcast, to_python};
use crate::error::{BindingError, first_error};
use crate::{masses, names};

/// m_χ/m_X when not given (the NA64 benchmark m_A' = 3 m_χ; `aprime yield --chi-ratio`).
pub const DEFAULT_CHI_RATIO: f64 = 1.0 / 3.0;
/// Dark coupling when not given (`aprime yield --alpha-d`).
pub const DEFAULT_ALPHA_D: f64 = 0.5;

/// The dark sector of a model point: the model's coupling (ε or g), α_D and m_χ = ratio·m.
struct Dark {
    mediator: Mediator,
    coupling: f64,
    alpha_d: f64,
    chi_ratio: f64,
    spin: ChiSpin,
}

impl Dark {
    /// Resolve the names and check the numbers before any point is evaluated; `coupling` is
    /// checked against the model's range by `names::coupling`, as `aprime.xsec` and the
    /// command line's `--coupling` check it, so the error names ε or g as the model has it.
    fn new(
        model: &str,
        coupling: f64,
        alpha_d: f64,
        chi_ratio: f64,
        chi: &str,
    ) -> Result<Self, BindingError> {
        if !(chi_ratio.is_finite() && chi_ratio >= 0.0) {
            return Err(BindingError::input(format!(
                "chi_ratio: '{chi_ratio}' must be a non-negative number"
            )));
        }
        let mediator = names::model(model)?;
        Ok(Self {
            mediator,
            coupling: names::coupling(mediator, coupling)?,
            alpha_d,
            chi_ratio,
            spin: names::chi_spin(chi)?,
        })
    }

    /// The physics crate's dark sector at mass `m` \[GeV\].
    fn at(&self, m: f64) -> Result<DarkSector, BindingError> {
        let m = masses::mass("mass_gev", m)?;
        DarkSector::new(self.coupling, self.alpha_d, self.chi_ratio * m, self.spin)
            .map_err(|e| BindingError::from_library(&format!("dark sector at m = {m} GeV"), &e))
    }

    fn widths(&self, m: f64) -> Result<ModelWidths, BindingError> {
        let dark = self.at(m)?;
        decay::model_widths(self.mediator, m, &dark).map_err(|e| {
            BindingError::from_library(&format!("widths of {} at m = {m} GeV", self.mediator), &e)
        })
    }
}

/// A named quantity of [`ModelWidths`].
type WidthColumn = (&'static str, fn(&ModelWidths) -> f64);

/// Evaluate `f` at every point in parallel without the GIL; values in grid order.
fn evaluate<const N: usize, T: Send>(
    py: Python<'_>,
    grid: &Grid<N>,
    f: impl Fn(&[f64; N]) -> Result<T, BindingError> + Sync,
) -> Result<Vec<T>, BindingError> {
    py.detach(|| first_error(grid.points.par_iter().map(&f).collect()))
}

/// Partial and total widths and branching fractions of a mediator.
///
/// Args:
///     mass_gev: mediator mass m [GeV]; scalar or array.
///     coupling: the model's parameter: ε in (0, 1] for vector/scalar/pseudoscalar/axial, g
///         in (0, √(4π)] for lmu-ltau and b-l; as ``aprime --coupling``.
///     model: mediator name (``vector`` = dark photon).
///     alpha_d: dark coupling α_D = g_D²/4π.
///     chi_ratio: m_χ/m (default 1/3).
///     chi: ``fermion`` (Dirac) or ``scalar`` (complex scalar) dark matter.
///
/// Returns:
///     dict of float64 arrays of the shape of ``mass_gev``: ``ee_gev``, ``mumu_gev``,
///     ``tautau_gev``, ``nunu_gev``, ``chichi_gev``, ``invisible_gev``, ``total_gev`` [GeV]
///     and ``br_invisible``, ``br_ee`` (hadronic widths are not included).
///
/// Raises:
///     ValueError: unknown name, non-positive mass, coupling outside the model's range (as
///         ``xsec``).
#[pyfunction]
#[pyo3(signature = (mass_gev, coupling, *, model="vector", alpha_d=DEFAULT_ALPHA_D,
                    chi_ratio=DEFAULT_CHI_RATIO, chi="fermion"),
      text_signature = "(mass_gev, coupling, *, model='vector', alpha_d=0.5, chi_ratio=0.3333333333333333, chi='fermion')")]
#[allow(clippy::needless_pass_by_value)]
pub fn widths<'py>(
    py: Python<'py>,
    mass_gev: FloatArg<'py>,
    coupling: f64,
    model: &str,
    alpha_d: f64,
    chi_ratio: f64,
    chi: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let dark = Dark::new(model, coupling, alpha_d, chi_ratio, chi)?;
    let grid = broadcast(["mass_gev"], &[Arg::Given(&mass_gev)])?;
    let w = evaluate(py, &grid, |&[m]| dark.widths(m))?;
    let columns: [WidthColumn; 9] = [
        ("ee_gev", |w| w.ee_gev),
        ("mumu_gev", |w| w.mumu_gev),
        ("tautau_gev", |w| w.tautau_gev),
        ("nunu_gev", |w| w.nunu_gev),
        ("chichi_gev", |w| w.chichi_gev),
        ("invisible_gev", ModelWidths::invisible_gev),
        ("total_gev", |w| w.total_gev),
        ("br_invisible", ModelWidths::br_invisible),
        ("br_ee", ModelWidths::br_ee),
    ];
    let out = PyDict::new(py);
    for (name, f) in columns {
        let values = ArrayD::from_shape_vec(IxDyn(&grid.shape), w.iter().map(f).collect())
            .expect("one value per point");
        out.set_item(name, values.into_pyarray(py))?;
    }
    Ok(out)
}

/// Breit–Wigner cross section of resonant annihilation e⁺e⁻ → X → invisible per target
/// electron at rest [pb], with the energy-dependent partial widths and the pole total width
/// (physics ``resonance``; models.md §2).
///
/// Args:
///     positron_energy_gev: total positron energy E₊ [GeV]; scalar or array.
///     mass_gev: mediator mass [GeV]; broadcast against ``positron_energy_gev``.
///     coupling, model, alpha_d, chi_ratio, chi: as for ``widths``.
///
/// Returns:
///     σ [pb per electron] (float or float64 array).
#[pyfunction]
#[pyo3(signature = (positron_energy_gev, mass_gev, coupling, *, model="vector",
                    alpha_d=DEFAULT_ALPHA_D, chi_ratio=DEFAULT_CHI_RATIO, chi="fermion"),
      text_signature = "(positron_energy_gev, mass_gev, coupling, *, model='vector', alpha_d=0.5, chi_ratio=0.3333333333333333, chi='fermion')")]
#[allow(clippy::needless_pass_by_value)]
pub fn annihilation_xsec<'py>(
    py: Python<'py>,
    positron_energy_gev: FloatArg<'py>,
    mass_gev: FloatArg<'py>,
    coupling: f64,
    model: &str,
    alpha_d: f64,
    chi_ratio: f64,
    chi: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let dark = Dark::new(model, coupling, alpha_d, chi_ratio, chi)?;
    let grid = broadcast(
        ["positron_energy_gev", "mass_gev"],
        &[Arg::Given(&positron_energy_gev), Arg::Given(&mass_gev)],
    )?;
    let values = evaluate(py, &grid, |&[e_plus, m]| {
        let d = dark.at(m)?;
        resonance::sigma_per_electron_pb(dark.mediator, e_plus, m, &d).map_err(|e| {
            BindingError::from_library(
                &format!(
                    "annihilation σ of {} at E+ = {e_plus} GeV, m = {m} GeV",
                    dark.mediator
                ),
                &e,
            )
        })
    })?;
    to_python(py, &grid.shape, values)
}

/// Narrow-width strength of resonant annihilation per target electron,
/// ∫σ dE₊ = (2J+1) 2π² Γ_ee BR_inv/(m m_e) [pb·GeV] (physics ``resonance``). The yield per
/// electron on target is n_e · this · T₊(E_R) with T₊ the positron track length per GeV.
///
/// Args:
///     mass_gev: mediator mass [GeV]; scalar or array.
///     coupling, model, alpha_d, chi_ratio, chi: as for ``widths``.
///
/// Returns:
///     ∫σ dE₊ [pb·GeV per electron].
#[pyfunction]
#[pyo3(signature = (mass_gev, coupling, *, model="vector", alpha_d=DEFAULT_ALPHA_D,
                    chi_ratio=DEFAULT_CHI_RATIO, chi="fermion"),
      text_signature = "(mass_gev, coupling, *, model='vector', alpha_d=0.5, chi_ratio=0.3333333333333333, chi='fermion')")]
#[allow(clippy::needless_pass_by_value)]
pub fn annihilation_strength<'py>(
    py: Python<'py>,
    mass_gev: FloatArg<'py>,
    coupling: f64,
    model: &str,
    alpha_d: f64,
    chi_ratio: f64,
    chi: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let dark = Dark::new(model, coupling, alpha_d, chi_ratio, chi)?;
    let grid = broadcast(["mass_gev"], &[Arg::Given(&mass_gev)])?;
    let values = evaluate(py, &grid, |&[m]| {
        let d = dark.at(m)?;
        resonance::narrow_width_integral_pb_gev(dark.mediator, m, &d).map_err(|e| {
            BindingError::from_library(
                &format!("annihilation strength of {} at m = {m} GeV", dark.mediator),
                &e,
            )
        })
    })?;
    to_python(py, &grid.shape, values)
}

/// Positron energy of the resonance, E_R = (m² − 2m_e²)/(2m_e) ≈ m²/(2m_e) [GeV].
///
/// Args:
///     mass_gev: mediator mass [GeV]; scalar or array.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
pub fn resonance_energy<'py>(
    py: Python<'py>,
    mass_gev: FloatArg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let grid = broadcast(["mass_gev"], &[Arg::Given(&mass_gev)])?;
    let values = evaluate(py, &grid, |&[m]| {
        masses::mass("mass_gev", m).map(annihilation::resonance_energy)
    })?;
    to_python(py, &grid.shape, values)
}

/// Mediator mass whose resonance sits at positron energy E₊: m = sqrt(2 m_e E₊ + 2 m_e²) [GeV].
///
/// Args:
///     positron_energy_gev: total positron energy [GeV]; scalar or array.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
pub fn resonant_mass<'py>(
    py: Python<'py>,
    positron_energy_gev: FloatArg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let grid = broadcast(["positron_energy_gev"], &[Arg::Given(&positron_energy_gev)])?;
    let values = evaluate(py, &grid, |&[e]| {
        names::positive("positron_energy_gev", e).map(annihilation::resonant_mass)
    })?;
    to_python(py, &grid.shape, values)
}

/// Mean decay length γβcτ = (p/m) ħc/Γ of a boson [cm]; infinite for Γ = 0.
///
/// Args:
///     energy_gev: boson energy [GeV]; scalar or array.
///     mass_gev: boson mass [GeV]; broadcast.
///     total_width_gev: total width Γ [GeV] (e.g. ``widths(...)["total_gev"]``); broadcast.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
pub fn decay_length_cm<'py>(
    py: Python<'py>,
    energy_gev: FloatArg<'py>,
    mass_gev: FloatArg<'py>,
    total_width_gev: FloatArg<'py>,
) -> PyResult<Bound<'py, PyAny>> {
    let grid = broadcast(
        ["energy_gev", "mass_gev", "total_width_gev"],
        &[
            Arg::Given(&energy_gev),
            Arg::Given(&mass_gev),
            Arg::Given(&total_width_gev),
        ],
    )?;
    let values = evaluate(py, &grid, |&[e, m, w]| {
        let m = masses::mass("mass_gev", m)?;
        if !(w.is_finite() && w >= 0.0) {
            return Err(BindingError::input(format!(
                "total_width_gev: '{w}' must be a non-negative finite width [GeV]"
            )));
        }
        Ok(decay::decay_length_cm(e, m, w))
    })?;
    to_python(py, &grid.shape, values)
}
