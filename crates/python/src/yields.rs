//! A' yields per electron on target from the shower Monte Carlo, as `aprime yield`: the same
//! run configuration from the same options, so the same numbers for the same seed.

use std::sync::atomic::{AtomicU64, Ordering};

use aprime_shower::{
    DarkYield, Histogram, RunConfig, ShowerResult, ShowerSimulation, TargetConfig,
};
use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;

use crate::error::BindingError;
use crate::masses::mass_list;
use crate::names;
use crate::progress::Reporter;

/// Yields of `aprime.yields`, one entry per mass (arrays in the order of the masses given).
/// Yields are per electron on target (EOT) for ε = 1: multiply by ε².
#[pyclass(module = "aprime", frozen, get_all)]
pub struct Yields {
    /// A' masses [GeV].
    mass_gev: Py<PyArray1<f64>>,
    /// Total yield (bremsstrahlung + resonant annihilation) with E_A' above the threshold
    /// [per EOT per ε²].
    yield_per_eot_per_eps2: Py<PyArray1<f64>>,
    /// Its statistical error [per EOT per ε²].
    stat_error: Py<PyArray1<f64>>,
    /// Dark-bremsstrahlung part [per EOT per ε²].
    brem: Py<PyArray1<f64>>,
    /// Its statistical error.
    brem_error: Py<PyArray1<f64>>,
    /// Resonant-annihilation part [per EOT per ε²].
    annihilation: Py<PyArray1<f64>>,
    /// Its statistical error.
    annihilation_error: Py<PyArray1<f64>>,
    /// Share of the primary electron in ``brem`` (before any secondary).
    brem_primary: Py<PyArray1<f64>>,
    /// Bin edges [GeV] (bins + 1) of the spectra below: E_A' for ``spectrum_*``, the energy
    /// left in the target for ``signal_ecal``.
    spectrum_edges_gev: Py<PyArray1<f64>>,
    /// E_A' spectrum of bremsstrahlung, one row per mass [per GeV per EOT per ε²].
    spectrum_brem: Py<PyArray2<f64>>,
    /// E_A' spectrum of resonant annihilation, one row per mass [per GeV per EOT per ε²].
    spectrum_annihilation: Py<PyArray2<f64>>,
    /// Energy left in the target by signal events, one row per mass [per GeV per EOT per ε²]
    /// (zeros without ``signal_events``).
    signal_ecal: Py<PyArray2<f64>>,
    /// Electrons on target simulated.
    events: u64,
    /// Random seed.
    seed: u64,
    /// Target name.
    target: String,
    /// Beam energy [GeV].
    energy_gev: f64,
    /// Threshold on E_A' [GeV].
    emiss_min_gev: f64,
    /// Cross-section method.
    method: String,
    /// The whole shower result as JSON (what ``aprime yield --save FILE`` writes).
    json: String,
}

#[pymethods]
impl Yields {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "Yields({} masses, {} EOT of {} GeV e- on {}, E_A' > {} GeV, method {}, seed {})",
            self.mass_gev.bind(py).len(),
            self.events,
            self.energy_gev,
            self.target,
            self.emiss_min_gev,
            self.method,
            self.seed
        )
    }
}

/// The options of `aprime yield`, by Python name.
pub struct YieldOptions {
    /// Masses \[GeV\].
    pub masses: Vec<f64>,
    /// Beam electrons.
    pub events: u64,
    /// Seed.
    pub seed: u64,
    /// Target specification.
    pub target: String,
    /// Method name.
    pub method: String,
    /// Beam energy \[GeV\].
    pub energy_gev: f64,
    /// E_A' threshold \[GeV\].
    pub emiss_min_gev: f64,
    /// Block depth \[X0\].
    pub depth_x0: f64,
    /// Energy cut \[GeV\].
    pub cut_gev: f64,
    /// Follow the whole shower.
    pub full: bool,
    /// Replayed signal events.
    pub signal_events: u64,
    /// Resonant annihilation on.
    pub annihilation: bool,
    /// α_D.
    pub alpha_d: f64,
    /// m_χ/m_A'.
    pub chi_ratio: f64,
    /// χ spin name.
    pub chi: String,
    /// Events per chunk.
    pub chunk_events: u64,
}

impl YieldOptions {
    /// The run configuration `aprime yield` builds from the same options.
    pub fn config(&self) -> Result<RunConfig, BindingError> {
        let energy = names::positive("energy_gev", self.energy_gev)?;
        let emiss_min = names::non_negative("emiss_min_gev", self.emiss_min_gev)?;
        let cut = names::positive("cut_gev", self.cut_gev)?;
        let depth = names::positive("depth_x0", self.depth_x0)?;
        let alpha_d = names::positive("alpha_d", self.alpha_d)?;
        let chi_ratio = names::non_negative("chi_ratio", self.chi_ratio)?;
        let events = names::count("events", self.events)?;
        let chunk = names::count("chunk_events", self.chunk_events)?;
        let method = names::method("method", &self.method)?;
        let spin = names::chi_spin(&self.chi)?;
        if emiss_min >= energy {
            return Err(BindingError::input(format!(
                "emiss_min_gev {emiss_min} GeV must be below the beam energy {energy} GeV"
            )));
        }
        if cut >= energy {
            return Err(BindingError::input(format!(
                "cut_gev {cut} GeV must be below the beam energy {energy} GeV"
            )));
        }
        let target = TargetConfig::resolve(&self.target, depth)
            .map_err(|e| BindingError::from_library(&format!("target '{}'", self.target), &e))?;
        let mut cfg = RunConfig::yields(
            target,
            energy,
            self.masses.clone(),
            method,
            emiss_min,
            events,
            self.seed,
        );
        cfg.electron_cut_gev = cut;
        cfg.photon_cut_gev = cut;
        cfg.chunk_events = chunk;
        if self.full {
            cfg.fast_threshold_gev = None;
        }
        let d = cfg
            .dark
            .as_mut()
            .expect("a yields configuration has a dark part");
        d.signal_events = self.signal_events;
        d.annihilation.enabled = self.annihilation;
        d.annihilation.alpha_d = alpha_d;
        d.annihilation.chi_mass_ratio = chi_ratio;
        d.annihilation.spin = spin;
        Ok(cfg)
    }
}

/// Prepare and run the shower simulation of `cfg` (no GIL held), reporting events done.
fn simulate(cfg: RunConfig, reporter: &Reporter) -> Result<ShowerResult, BindingError> {
    let method = cfg.dark.as_ref().map(|d| d.method);
    let sim = ShowerSimulation::new(cfg).map_err(|e| {
        let context = method.map_or_else(String::new, |m| {
            format!("preparing the {m} cross-section tables")
        });
        BindingError::from_library(&context, &e)
    })?;
    let total = sim.config.events;
    let done = AtomicU64::new(0);
    let tick = |n: u64| {
        let k = done.fetch_add(n, Ordering::Relaxed) + n;
        reporter.report("yield", k, total);
    };
    sim.run(reporter.is_on().then_some(&tick as &(dyn Fn(u64) + Sync)))
        .map_err(|e| BindingError::from_library("", &e))
}

/// One row of values per mass, all on the bins of `edges` (the shower's one spectrum binning).
fn rows<'py>(
    py: Python<'py>,
    edges: &[f64],
    hists: &[&Histogram],
) -> PyResult<Bound<'py, PyArray2<f64>>> {
    let bins = edges.len().saturating_sub(1);
    let mut values = Vec::with_capacity(hists.len() * bins);
    for h in hists {
        if h.edges != edges {
            return Err(BindingError {
                blame: crate::error::Blame::Computation,
                message: "A' spectra with different binnings".into(),
            }
            .into());
        }
        values.extend_from_slice(&h.values);
    }
    let table = Array2::from_shape_vec((hists.len(), bins), values)
        .expect("one row of `bins` values per mass");
    Ok(table.into_pyarray(py))
}

fn column(py: Python<'_>, dark: &[DarkYield], f: impl Fn(&DarkYield) -> f64) -> Py<PyArray1<f64>> {
    dark.iter()
        .map(f)
        .collect::<Vec<_>>()
        .into_pyarray(py)
        .unbind()
}

impl Yields {
    fn new(py: Python<'_>, r: &ShowerResult) -> PyResult<Self> {
        let d = &r.dark;
        let edges = d
            .first()
            .map(|y| y.spectrum_brem.edges.clone())
            .unwrap_or_default();
        let spectrum = |f: fn(&DarkYield) -> &Histogram| {
            rows(py, &edges, &d.iter().map(f).collect::<Vec<_>>()).map(Bound::unbind)
        };
        let spectrum_brem = spectrum(|y| &y.spectrum_brem)?;
        let spectrum_annihilation = spectrum(|y| &y.spectrum_annihilation)?;
        let signal_ecal = spectrum(|y| &y.signal_ecal)?;
        let json = serde_json::to_string(r).map_err(|e| BindingError {
            blame: crate::error::Blame::Computation,
            message: format!("shower result to JSON: {e}"),
        })?;
        Ok(Self {
            mass_gev: column(py, d, |y| y.mass_gev),
            yield_per_eot_per_eps2: column(py, d, |y| y.yield_per_eot_per_eps2),
            stat_error: column(py, d, |y| y.stat_error),
            brem: column(py, d, |y| y.brem.value),
            brem_error: column(py, d, |y| y.brem.error),
            annihilation: column(py, d, |y| y.annihilation.value),
            annihilation_error: column(py, d, |y| y.annihilation.error),
            brem_primary: column(py, d, |y| y.brem_primary),
            spectrum_edges_gev: edges.into_pyarray(py).unbind(),
            spectrum_brem,
            spectrum_annihilation,
            signal_ecal,
            events: r.events,
            seed: r.config.seed,
            target: r.config.target.name.clone(),
            energy_gev: r.config.beam_energy_gev,
            emiss_min_gev: d.first().map_or(0.0, |y| y.e_min_gev),
            method: d.first().map_or_else(String::new, |y| y.method.clone()),
            json,
        })
    }
}

/// A' yields per electron on target and per ε² from the shower Monte Carlo (dark
/// bremsstrahlung along every e± track plus resonant annihilation of shower positrons) with
/// E_A' above the missing-energy threshold; the same run and numbers as ``aprime yield``.
///
/// Args:
///     masses_gev: A' mass(es) [GeV]: a number, a sequence/array, or a list text as on the
///         command line (``"0.002,0.02"``, ``"log:0.001:1:40"``).
///     events: beam electrons to simulate (EOT).
///     seed: random seed (same seed, same numbers, whatever the thread count).
///     target: ``na64-ecal`` (default), a material, or a TOML target file.
///     method: dark-bremsstrahlung cross section: ``etl``, ``wwsimple``, ``iww``, ``exact``.
///     energy_gev: beam electron energy [GeV].
///     emiss_min_gev: count only A' with E_A' above this [GeV].
///     depth_x0: depth of a single-material block [X0].
///     cut_gev: energy cut for e± (kinetic) and photons [GeV].
///     full: follow the whole shower instead of only the particles able to pass the threshold.
///     signal_events: replay this many events per mass as full signal showers (ECAL spectra).
///     annihilation: include resonant annihilation e⁺e⁻ → A'.
///     alpha_d: dark coupling α_D (Breit–Wigner width of the resonance).
///     chi_ratio: m_χ/m_A'.
///     chi: ``fermion`` or ``scalar`` dark matter.
///     chunk_events: events per chunk (the unit of parallel work; part of what fixes the
///         numbers of a seed).
///     progress: ``True`` for a progress line on stderr, or a callable ``(stage, done, total)``.
///
/// Returns:
///     ``Yields`` with float64 arrays per mass.
#[pyfunction]
#[pyo3(signature = (masses_gev, *, events=10_000, seed=1, target="na64-ecal", method="etl",
                    energy_gev=100.0, emiss_min_gev=50.0, depth_x0=40.0, cut_gev=1e-3,
                    full=false, signal_events=0, annihilation=true,
                    alpha_d=crate::decay::DEFAULT_ALPHA_D,
                    chi_ratio=crate::decay::DEFAULT_CHI_RATIO, chi="fermion",
                    chunk_events=256, progress=None),
      text_signature = "(masses_gev, *, events=10000, seed=1, target='na64-ecal', method='etl', energy_gev=100.0, emiss_min_gev=50.0, depth_x0=40.0, cut_gev=0.001, full=False, signal_events=0, annihilation=True, alpha_d=0.5, chi_ratio=0.3333333333333333, chi='fermion', chunk_events=256, progress=None)")]
pub fn yields(
    py: Python<'_>,
    masses_gev: &Bound<'_, PyAny>,
    events: u64,
    seed: u64,
    target: &str,
    method: &str,
    energy_gev: f64,
    emiss_min_gev: f64,
    depth_x0: f64,
    cut_gev: f64,
    full: bool,
    signal_events: u64,
    annihilation: bool,
    alpha_d: f64,
    chi_ratio: f64,
    chi: &str,
    chunk_events: u64,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<Yields> {
    let energy_gev = names::positive("energy_gev", energy_gev)?;
    let options = YieldOptions {
        masses: mass_list("masses_gev", masses_gev, Some(energy_gev))?,
        events,
        seed,
        target: target.to_string(),
        method: method.to_string(),
        energy_gev,
        emiss_min_gev,
        depth_x0,
        cut_gev,
        full,
        signal_events,
        annihilation,
        alpha_d,
        chi_ratio,
        chi: chi.to_string(),
        chunk_events,
    };
    let cfg = options.config()?;
    let reporter = match progress {
        Some(p) => Reporter::from_arg(p)?,
        None => Reporter::from_arg(&py.None().into_bound(py))?,
    };
    let result = py.detach(|| simulate(cfg, &reporter));
    reporter.finish(py)?;
    Yields::new(py, &result?)
}
