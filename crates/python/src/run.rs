//! The main job, as `aprime run`: yields of an experiment configuration → combined CLs limits
//! on ε → dark-matter interpretation → the report directory (tables, HEPData, plots), with the
//! same configuration overrides, seeds and outputs as the command line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use aprime_experiment::{ExperimentConfig, presets};
use aprime_limits::{Overrides, Report, compute_yields, report};
use aprime_report::{Provenance, write_report};
use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray1, PyArray2, PyUntypedArrayMethods};
use pyo3::prelude::*;

use crate::error::{BindingError, Blame};
use crate::masses::mass_list;
use crate::names;
use crate::progress::Reporter;

/// Result of ``aprime.run``: per-mass limits (the columns of ``limits.csv``), the dark-matter
/// interpretation (``dm_limits.csv``) and where the outputs went.
#[pyclass(module = "aprime", frozen, get_all)]
pub struct RunResult {
    /// Configuration (preset) name.
    config_name: String,
    /// A' masses [GeV].
    mass_gev: Py<PyArray1<f64>>,
    /// Observed upper limit on ε (90 % C.L. unless the configuration says otherwise).
    eps_observed: Py<PyArray1<f64>>,
    /// Expected limit on ε: median.
    eps_expected_median: Py<PyArray1<f64>>,
    /// Expected limit on ε: −1σ.
    eps_expected_m1: Py<PyArray1<f64>>,
    /// Expected limit on ε: +1σ.
    eps_expected_p1: Py<PyArray1<f64>>,
    /// Expected limit on ε: −2σ.
    eps_expected_m2: Py<PyArray1<f64>>,
    /// Expected limit on ε: +2σ.
    eps_expected_p2: Py<PyArray1<f64>>,
    /// Yield in the signal box of the first run [per EOT per ε²].
    yield_per_eot_per_eps2: Py<PyArray1<f64>>,
    /// Expected signal events per ε², summed over runs.
    signal_events_per_eps2: Py<PyArray1<f64>>,
    /// CLs calculator used at each mass.
    calculator: Vec<String>,
    /// A' masses of the dark-matter interpretation [GeV] (masses with a finite ε limit).
    dm_mass_gev: Py<PyArray1<f64>>,
    /// χ masses m_A'/r [GeV].
    m_chi_gev: Py<PyArray1<f64>>,
    /// The α_D values of the y limits.
    alpha_d: Py<PyArray1<f64>>,
    /// Upper limits on y = ε² α_D (m_χ/m_A')⁴, one row per DM mass, one column per α_D.
    y_upper: Py<PyArray2<f64>>,
    /// Lower bound on α_D for pseudo-Dirac χ (relic density).
    alpha_d_min_pseudo_dirac: Py<PyArray1<f64>>,
    /// Lower bound on α_D for Majorana χ.
    alpha_d_min_majorana: Py<PyArray1<f64>>,
    /// Showers simulated per configuration (EOT of the simulation).
    events: u64,
    /// Seed of the simulation.
    seed: u64,
    /// The output directory.
    out_dir: PathBuf,
    /// Every file written, relative to ``out_dir``, sorted.
    files: Vec<PathBuf>,
}

#[pymethods]
impl RunResult {
    fn __repr__(&self, py: Python<'_>) -> String {
        format!(
            "RunResult({}: {} masses, {} events, seed {}, outputs in {})",
            self.config_name,
            self.mass_gev.bind(py).len(),
            self.events,
            self.seed,
            self.out_dir.display()
        )
    }
}

/// A preset or a configuration file (the default preset if neither), as `aprime run`, with
/// the name of its source for messages (the file, or `preset NAME`).
fn load_config(
    preset: Option<&str>,
    file: Option<&Path>,
) -> Result<(ExperimentConfig, String), BindingError> {
    let (loaded, source) = match (preset, file) {
        (Some(_), Some(_)) => {
            return Err(BindingError::input(
                "preset and config cannot both be given (a configuration file is a preset of its own)",
            ));
        }
        (None, Some(f)) => (ExperimentConfig::from_file(f), f.display().to_string()),
        (Some(p), None) => (presets::load(p), format!("preset {p}")),
        (None, None) => (
            presets::load(presets::DEFAULT_PRESET),
            format!("preset {}", presets::DEFAULT_PRESET),
        ),
    };
    let cfg = loaded.map_err(|e| BindingError::from_library("", &e))?;
    Ok((cfg, source))
}

/// Files under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_path_buf());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn array(py: Python<'_>, v: impl Iterator<Item = f64>) -> Py<PyArray1<f64>> {
    v.collect::<Vec<_>>().into_pyarray(py).unbind()
}

impl RunResult {
    fn new(py: Python<'_>, r: &Report, out_dir: PathBuf, files: Vec<PathBuf>) -> Self {
        let l = &r.limits;
        let alphas = &r.config.interpretation.alpha_d;
        let y: Vec<f64> =
            r.dm.iter()
                .flat_map(|p| p.y_upper.iter().copied())
                .collect();
        let y_upper = Array2::from_shape_vec((r.dm.len(), alphas.len()), y)
            .expect("one y limit per α_D at every DM mass");
        Self {
            config_name: r.config.name.clone(),
            mass_gev: array(py, l.iter().map(|x| x.mass_gev)),
            eps_observed: array(py, l.iter().map(|x| x.limit.observed)),
            eps_expected_median: array(py, l.iter().map(|x| x.limit.expected.median)),
            eps_expected_m1: array(py, l.iter().map(|x| x.limit.expected.m1)),
            eps_expected_p1: array(py, l.iter().map(|x| x.limit.expected.p1)),
            eps_expected_m2: array(py, l.iter().map(|x| x.limit.expected.m2)),
            eps_expected_p2: array(py, l.iter().map(|x| x.limit.expected.p2)),
            yield_per_eot_per_eps2: array(py, l.iter().map(|x| x.yield_per_eot_per_eps2)),
            signal_events_per_eps2: array(py, l.iter().map(|x| x.signal_per_eps2)),
            calculator: l.iter().map(|x| x.limit.calculator.clone()).collect(),
            dm_mass_gev: array(py, r.dm.iter().map(|p| p.mass_gev)),
            m_chi_gev: array(py, r.dm.iter().map(|p| p.m_chi_gev)),
            alpha_d: array(py, alphas.iter().copied()),
            y_upper: y_upper.into_pyarray(py).unbind(),
            alpha_d_min_pseudo_dirac: array(py, r.dm.iter().map(|p| p.alpha_d_min_pseudo_dirac)),
            alpha_d_min_majorana: array(py, r.dm.iter().map(|p| p.alpha_d_min_majorana)),
            events: r.config.simulation.events,
            seed: r.config.simulation.seed,
            out_dir,
            files,
        }
    }
}

/// Yields → limits → report, without the GIL; returns the report and its directory.
fn job(
    cfg: &ExperimentConfig,
    out_dir: &Path,
    reporter: &Reporter,
) -> Result<(Report, PathBuf), BindingError> {
    let start = Instant::now();
    let cb = |stage: &str, done: u64, total: u64| reporter.report(stage, done, total);
    let progress: Option<aprime_limits::Progress<'_>> = reporter.is_on().then_some(&cb);
    let yields = compute_yields(cfg, progress).map_err(|e| BindingError::from_library("", &e))?;
    let yields_s = start.elapsed().as_secs_f64();
    let report = report(cfg, yields, &Overrides::default(), progress)
        .map_err(|e| BindingError::from_library("", &e))?;
    let provenance = Provenance::new("aprime.run (Python)", start)
        .seed("shower simulation", cfg.simulation.seed)
        .seed("toys", cfg.statistics.seed)
        .timing("A' yields (shower simulation)", yields_s)
        .timing("limits", start.elapsed().as_secs_f64() - yields_s)
        .detail("events", cfg.simulation.events)
        .detail("seed", cfg.simulation.seed);
    let out = write_report(&report, out_dir, &provenance)
        .map_err(|e| BindingError::from_library(&format!("writing {}", out_dir.display()), &e))?;
    Ok((report, out))
}

/// The main job, as ``aprime run``: A' yields in the active target, CLs limits on ε combined
/// over the runs of an NA64 configuration, the light-dark-matter interpretation, and the
/// outputs (``limits.csv``, ``dm_limits.csv``, ``table_v.csv``, ``yields.json``, ``hepdata/``,
/// ``plots/``) written to ``out_dir``. Same seed, same numbers as the command line.
///
/// Args:
///     preset: embedded configuration: ``na64-2016``, ``na64-2016-2018`` (default) or
///         ``na64-2016-2022``.
///     config: an experiment configuration file (TOML) instead of a preset.
///     masses_gev: A' masses [GeV] replacing the configuration's grid: a sequence/array or a
///         list text (``"0.01,0.1"``, ``"log:0.001:1:20"``).
///     events: showers to simulate (overrides ``simulation.events``).
///     seed: seed of the shower simulation and the toys (overrides the configuration).
///     out_dir: output directory (replaced atomically when the run completes).
///     progress: ``True`` for a progress line on stderr, or a callable ``(stage, done, total)``.
///
/// Returns:
///     ``RunResult`` with float64 arrays and the output paths.
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
#[pyo3(signature = (preset=None, *, config=None, masses_gev=None, events=None, seed=None,
                    out_dir=PathBuf::from("aprime-out"), progress=None),
      text_signature = "(preset=None, *, config=None, masses_gev=None, events=None, seed=None, out_dir='aprime-out', progress=None)")]
pub fn run(
    py: Python<'_>,
    preset: Option<&str>,
    config: Option<PathBuf>,
    masses_gev: Option<&Bound<'_, PyAny>>,
    events: Option<u64>,
    seed: Option<u64>,
    out_dir: PathBuf,
    progress: Option<&Bound<'_, PyAny>>,
) -> PyResult<RunResult> {
    let (mut cfg, source) = load_config(preset, config.as_deref())?;
    if let Some(n) = events {
        cfg.simulation.events = names::count("events", n)?;
    }
    if let Some(s) = seed {
        cfg.simulation.seed = s;
        cfg.statistics.seed = s;
    }
    if let Some(m) = masses_gev {
        cfg.masses.values_gev = mass_list("masses_gev", m, Some(cfg.beam.energy_gev))?;
    }
    cfg.validate(&source)
        .map_err(|e| BindingError::from_library("invalid settings", &e))?;
    let reporter = match progress {
        Some(p) => Reporter::from_arg(p)?,
        None => Reporter::from_arg(&py.None().into_bound(py))?,
    };
    let result = py.detach(|| job(&cfg, &out_dir, &reporter));
    reporter.finish(py)?;
    let (report, out) = result?;
    let files = files_under(&out).map_err(|e| BindingError {
        blame: Blame::Computation,
        message: format!("listing {}: {e}", out.display()),
    })?;
    Ok(RunResult::new(py, &report, out, files))
}
