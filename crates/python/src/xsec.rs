//! Dark bremsstrahlung l Z → l Z X per atom at the model's coupling (ε, or g for the Z'
//! models; 1 by default): `xsec`, `dsigma_dx`, `x_range` and the k-factor `kfactor`,
//! vectorised over masses and energies. Same functions, options, precision defaults, ETL seed
//! and coupling conversion as `aprime xsec` and `aprime kfactor`, so the numbers are the
//! command line's.

use aprime_physics::dark_brem::{self, DarkBrem, Method, XsecOptions};
use aprime_physics::integrate::Estimate;
use aprime_physics::kfactor::material_model_k_factor;
use aprime_physics::model::{Mediator, Projectile};
use aprime_physics::{Material, materials::Element};
use pyo3::prelude::*;
use rayon::prelude::*;

use crate::arrays::{Arg, FloatArg, Grid, broadcast, to_python};
use crate::error::{BindingError, first_error};
use crate::{masses, names};

/// Beam energy when none is given (`aprime xsec --energy` default) \[GeV\].
pub const DEFAULT_ENERGY_GEV: f64 = 100.0;

/// The model's coupling when none is given (`aprime xsec --coupling` default): ε = 1 for the
/// ε-models, g = 1 for the Z' models.
pub const DEFAULT_COUPLING: f64 = 1.0;

/// The integration settings of `aprime xsec --precision P --seed S`: P sets both the IWW/exact
/// tolerance and the ETL precision (each method keeps its own default when `None`).
pub fn xsec_options(precision: Option<f64>, seed: u64) -> XsecOptions {
    let mut o = XsecOptions::default();
    if let Some(p) = precision {
        o.rel_tol = p;
        o.etl.rel_precision = p;
    }
    o.etl.seed = seed;
    o
}

/// Everything one cross-section point needs besides its numbers.
pub struct Setup {
    /// Target material.
    pub material: Material,
    /// Method.
    pub method: Method,
    /// Radiated boson.
    pub mediator: Mediator,
    /// The model's parameter (ε or g) at which σ is given.
    pub coupling: f64,
    /// Beam lepton.
    pub projectile: Projectile,
    /// Integration settings.
    pub options: XsecOptions,
}

impl Setup {
    /// Resolve the names and settings (bad ones raise `ValueError`); `coupling` is checked
    /// against the model's range as `aprime xsec --coupling` checks it.
    pub fn new(
        target: &str,
        method: &str,
        model: &str,
        coupling: f64,
        projectile: &str,
        precision: Option<f64>,
        seed: u64,
    ) -> Result<Self, BindingError> {
        let mediator = names::model(model)?;
        Ok(Self {
            material: names::material(target)?,
            method: names::method("method", method)?,
            mediator,
            coupling: names::coupling(mediator, coupling)?,
            projectile: names::projectile(projectile)?,
            options: xsec_options(names::precision(precision)?, seed),
        })
    }

    /// The context `aprime xsec` gives its errors.
    fn context(&self, e0: f64, m: f64) -> String {
        format!(
            "σ({} on {}, E0 = {e0} GeV, m_A' = {m} GeV, method {})",
            self.projectile, self.material.name, self.method
        )
    }

    /// The checks of `aprime xsec --energy E0 --mass M` before any physics: E0 positive, the
    /// mass by the mass rule and below E0.
    fn check(e0: f64, m: f64) -> Result<(), BindingError> {
        names::positive("energy_gev", e0)?;
        masses::mass("mass_gev", m)?;
        masses::mass_below("mass_gev", m, e0)?;
        Ok(())
    }

    /// Factor from σ at unit lepton coupling g_ℓ = e (what the physics core computes) to σ at
    /// `self.coupling`: `Mediator::sigma_scale(lepton, m)` · coupling², the physics crate's one
    /// conversion, applied as `aprime xsec` applies it (exactly 1 for the dark photon at ε = 1).
    fn coupling_scale(&self, m: f64, e0: f64) -> Result<f64, BindingError> {
        let scale = self
            .mediator
            .sigma_scale(self.projectile.lepton(), m)
            .map_err(|e| BindingError::from_library(&self.context(e0, m), &e))?;
        Ok(scale * self.coupling * self.coupling)
    }

    /// `unit` (at g_ℓ = e) at the model's coupling.
    fn at_coupling(&self, unit: Estimate, m: f64, e0: f64) -> Result<Estimate, BindingError> {
        let s = self.coupling_scale(m, e0)?;
        Ok(Estimate {
            value: unit.value * s,
            error: unit.error * s,
        })
    }

    /// σ per atom at the model's coupling \[pb\] at (m, E0).
    pub fn total(&self, m: f64, e0: f64) -> Result<Estimate, BindingError> {
        Self::check(e0, m)?;
        let unit = dark_brem::material_model_total_pb(
            &self.material,
            self.projectile,
            self.mediator,
            e0,
            m,
            self.method,
            &self.options,
        )
        .map_err(|e| BindingError::from_library(&self.context(e0, m), &e))?;
        self.at_coupling(unit, m, e0)
    }

    /// dσ/dx per atom at the model's coupling \[pb\] at (x, m, E0).
    pub fn differential(&self, x: f64, m: f64, e0: f64) -> Result<Estimate, BindingError> {
        Self::check(e0, m)?;
        let unit = dark_brem::material_model_dsigma_dx_pb(
            &self.material,
            self.projectile,
            self.mediator,
            e0,
            m,
            self.method,
            x,
            &self.options,
        )
        .map_err(|e| {
            BindingError::from_library(&format!("{}: dσ/dx at x = {x}", self.context(e0, m)), &e)
        })?;
        self.at_coupling(unit, m, e0)
    }
}

/// Evaluate `f` at every point of `grid` in parallel (without the GIL) and return the values,
/// and the errors when `with_error`, as arrays of the grid's shape.
pub fn estimates<'py, const N: usize>(
    py: Python<'py>,
    grid: &Grid<N>,
    with_error: bool,
    f: impl Fn(&[f64; N]) -> Result<Estimate, BindingError> + Sync,
) -> PyResult<Bound<'py, PyAny>> {
    let results = py.detach(|| first_error(grid.points.par_iter().map(&f).collect()))?;
    let values = to_python(py, &grid.shape, results.iter().map(|e| e.value).collect())?;
    if !with_error {
        return Ok(values);
    }
    let errors = to_python(py, &grid.shape, results.iter().map(|e| e.error).collect())?;
    Ok((values, errors).into_pyobject(py)?.into_any())
}

/// Total dark-bremsstrahlung cross section per target atom at the model's coupling [pb]:
/// ε = 1 by default for vector, scalar, pseudoscalar and axial (lepton coupling g_ℓ = ε·e),
/// g = 1 for lmu-ltau and b-l (Z' gauge coupling; L_μ−L_τ reaches electrons and nuclei through
/// the μ/τ loop mixing ε(q² = m²), real part); σ ∝ coupling².
///
/// Args:
///     mass_gev: boson mass m_A' [GeV]; scalar or array.
///     energy_gev: beam energy E0 in the target frame [GeV]; scalar or array (broadcast
///         against ``mass_gev``).
///     target: element (Pb, W, Fe, Cu, Al, C, Si, H, N, O) or ``scintillator``; compounds give
///         the per-atom average over their elements by atom fraction.
///     method: ``etl`` (exact tree level), ``exact``, ``iww`` or ``wwsimple``.
///     model: ``vector``, ``scalar``, ``pseudoscalar``, ``axial``, ``lmu-ltau`` or ``b-l``.
///     coupling: the model's parameter at which σ is given: ε in (0, 1] for the ε-models, g in
///         (0, √(4π)] for lmu-ltau and b-l (default 1); as ``aprime xsec --coupling``.
///     projectile: ``electron``, ``positron``, ``muon`` or ``antimuon``.
///     precision: relative precision of the integrals in (0, 0.5) (default: 1e-4 for
///         iww/exact, the ETL integrator's own for etl).
///     seed: seed of the ETL integration points (results are reproducible for a seed).
///     with_error: also return the integration error [pb].
///
/// Returns:
///     σ [pb/atom] (a float for scalar input, else a float64 array of the broadcast shape), or
///     ``(σ, δσ)`` with ``with_error=True``. Identical to ``aprime xsec --mass M --energy E
///     --model MODEL --coupling C --format json`` (``sigma_pb``, ``sigma_error_pb``).
///
/// Raises:
///     ValueError: non-positive mass or energy, E0 ≤ m + m_l, unknown name, coupling outside
///         the model's range.
///     AprimeError: an integral that does not converge.
#[pyfunction]
#[pyo3(signature = (mass_gev, energy_gev=None, *, target="Pb", method="etl",
                    model="vector", coupling=DEFAULT_COUPLING, projectile="electron",
                    precision=None, seed=1, with_error=false),
      text_signature = "(mass_gev, energy_gev=100.0, *, target='Pb', method='etl', model='vector', coupling=1.0, projectile='electron', precision=None, seed=1, with_error=False)")]
#[allow(clippy::needless_pass_by_value)]
pub fn xsec<'py>(
    py: Python<'py>,
    mass_gev: FloatArg<'py>,
    energy_gev: Option<FloatArg<'py>>,
    target: &str,
    method: &str,
    model: &str,
    coupling: f64,
    projectile: &str,
    precision: Option<f64>,
    seed: u64,
    with_error: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let setup = Setup::new(target, method, model, coupling, projectile, precision, seed)?;
    let grid = broadcast(
        ["mass_gev", "energy_gev"],
        &[
            Arg::Given(&mass_gev),
            Arg::or(energy_gev.as_ref(), DEFAULT_ENERGY_GEV),
        ],
    )?;
    estimates(py, &grid, with_error, |&[m, e0]| setup.total(m, e0))
}

/// Differential cross section dσ/dx per target atom at the model's coupling (as for
/// ``xsec``: ε = 1 or g = 1 by default, ∝ coupling²), x = E_A'/E0 [pb]; zero outside the
/// kinematic range (see ``x_range``).
///
/// Args:
///     x: energy fraction of the boson, x = E_A'/E0; scalar or array.
///     mass_gev: boson mass [GeV]; broadcast against ``x``.
///     energy_gev: beam energy E0 [GeV]; broadcast.
///     target, method, model, coupling, projectile, precision, seed, with_error: as for
///         ``xsec``.
///
/// Returns:
///     dσ/dx [pb/atom], or ``(dσ/dx, error)``. ``aprime xsec --differential --x-points N``
///     (with the same ``--model`` and ``--coupling``) is this function at the bin centres
///     x_i = x_min + (x_max − x_min)(i + ½)/N.
#[pyfunction]
#[pyo3(signature = (x, mass_gev, energy_gev=None, *, target="Pb", method="etl",
                    model="vector", coupling=DEFAULT_COUPLING, projectile="electron",
                    precision=None, seed=1, with_error=false),
      text_signature = "(x, mass_gev, energy_gev=100.0, *, target='Pb', method='etl', model='vector', coupling=1.0, projectile='electron', precision=None, seed=1, with_error=False)")]
#[allow(clippy::needless_pass_by_value)]
pub fn dsigma_dx<'py>(
    py: Python<'py>,
    x: FloatArg<'py>,
    mass_gev: FloatArg<'py>,
    energy_gev: Option<FloatArg<'py>>,
    target: &str,
    method: &str,
    model: &str,
    coupling: f64,
    projectile: &str,
    precision: Option<f64>,
    seed: u64,
    with_error: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let setup = Setup::new(target, method, model, coupling, projectile, precision, seed)?;
    let grid = broadcast(
        ["x", "mass_gev", "energy_gev"],
        &[
            Arg::Given(&x),
            Arg::Given(&mass_gev),
            Arg::or(energy_gev.as_ref(), DEFAULT_ENERGY_GEV),
        ],
    )?;
    estimates(py, &grid, with_error, |&[x, m, e0]| {
        setup.differential(x, m, e0)
    })
}

/// Kinematic range of x = E_A'/E0: (x_min, x_max) = (m/E0, 1 − m_l/E0).
///
/// Args:
///     mass_gev: boson mass [GeV].
///     energy_gev: beam energy [GeV].
///     projectile: beam lepton (sets m_l).
///
/// Returns:
///     ``(x_min, x_max)`` as floats.
///
/// Raises:
///     ValueError: non-positive mass or energy, or E0 ≤ m + m_l.
#[pyfunction]
#[pyo3(signature = (mass_gev, energy_gev=100.0, *, projectile="electron"))]
pub fn x_range(mass_gev: f64, energy_gev: f64, projectile: &str) -> PyResult<(f64, f64)> {
    let projectile = names::projectile(projectile)?;
    Setup::check(energy_gev, mass_gev)?;
    // The range does not depend on the nucleus; any element validates the kinematics.
    let lead = Element::by_name("Pb").expect("lead is a built-in element");
    let p = DarkBrem::for_model(lead, projectile, Mediator::Vector, energy_gev, mass_gev).map_err(
        |e| {
            BindingError::from_library(
                &format!("x range at m_A' = {mass_gev} GeV, E0 = {energy_gev} GeV"),
                &e,
            )
        },
    )?;
    Ok((p.x_min(), p.x_max()))
}

/// The k-factor k = σ_WW/σ_ref per atom (paper 002 eq. 12; σ_ref = ETL for the NA64
/// definition), as ``aprime kfactor``.
///
/// Args:
///     mass_gev: boson mass [GeV]; scalar or array.
///     energy_gev: beam energy [GeV]; broadcast against ``mass_gev``.
///     target, model, projectile, precision, seed: as for ``xsec``.
///     reference: denominator method: ``etl`` (default), ``exact`` or ``iww``.
///     with_error: also return δk propagated from the reference integration error.
///
/// Returns:
///     k (dimensionless), or ``(k, δk)``; a ratio of two cross sections at the same
///     coupling, so it has no ``coupling`` argument (as ``aprime kfactor``).
#[pyfunction]
#[pyo3(signature = (mass_gev, energy_gev=None, *, target="Pb", reference="etl",
                    model="vector", projectile="electron", precision=None,
                    seed=1, with_error=false),
      text_signature = "(mass_gev, energy_gev=100.0, *, target='Pb', reference='etl', model='vector', projectile='electron', precision=None, seed=1, with_error=False)")]
#[allow(clippy::needless_pass_by_value)]
pub fn kfactor<'py>(
    py: Python<'py>,
    mass_gev: FloatArg<'py>,
    energy_gev: Option<FloatArg<'py>>,
    target: &str,
    reference: &str,
    model: &str,
    projectile: &str,
    precision: Option<f64>,
    seed: u64,
    with_error: bool,
) -> PyResult<Bound<'py, PyAny>> {
    // k = σ_WW/σ_ref: the coupling cancels, so the unit one stands in.
    let setup = Setup::new(
        target,
        reference,
        model,
        DEFAULT_COUPLING,
        projectile,
        precision,
        seed,
    )?;
    if setup.method == Method::WwSimple {
        return Err(BindingError::input(
            "reference wwsimple: k = σ_WW/σ_WW is 1 by definition; use etl, exact or iww",
        )
        .into());
    }
    let grid = broadcast(
        ["mass_gev", "energy_gev"],
        &[
            Arg::Given(&mass_gev),
            Arg::or(energy_gev.as_ref(), DEFAULT_ENERGY_GEV),
        ],
    )?;
    estimates(py, &grid, with_error, |&[m, e0]| {
        Setup::check(e0, m)?;
        material_model_k_factor(
            &setup.material,
            setup.projectile,
            setup.mediator,
            e0,
            m,
            setup.method,
            &setup.options,
        )
        .map(|k| Estimate {
            value: k.k,
            error: k.k_error,
        })
        .map_err(|e| {
            BindingError::from_library(
                &format!(
                    "k at m_A' = {m} GeV, E0 = {e0} GeV on {} (σ_{})",
                    setup.material.name, setup.method
                ),
                &e,
            )
        })
    })
}
