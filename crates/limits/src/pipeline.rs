//! The limits pipeline: A' yields per EOT from the shower stage → expected signal per run
//! (paper 000 eq. 3, paper 002 eq. 26) → combined CLs upper limit on ε with its expected band
//! → dark-matter interpretation, plus the WW-vs-ETL comparison of paper 002 Table V and the
//! sensitivity against the E_ECAL cut (paper 002 Fig. 14).

use aprime_physics::dark_brem::Method;
use aprime_physics::widths::ChiSpin;
use aprime_shower::{Histogram, RunConfig, Simulation, TargetConfig};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::combine::{self, EpsLimit};
use crate::config::{BremModel, ChiType, ExperimentConfig, Particle};
use crate::dm::{self, DmPoint};
use crate::efficiency::efficiency;
use crate::error::LimitsError;
use crate::table_v;

/// Format tag of saved yields files.
pub const YIELDS_FORMAT: &str = "aprime-yields-1";

/// A' yield at one mass, with the A' energy spectrum above the simulated threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YieldPoint {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Total yield per EOT per ε² with E_A' above the simulated threshold.
    pub yield_per_eot_per_eps2: f64,
    /// Its statistical error.
    pub stat_error: f64,
    /// Bremsstrahlung part.
    pub brem: f64,
    /// Resonant-annihilation part.
    pub annihilation: f64,
    /// A' energy spectrum (brem + annihilation) \[per GeV per EOT per ε²\].
    pub spectrum: Histogram,
}

impl YieldPoint {
    /// Yield with E_A' > `e_min` \[GeV\], from the spectrum (linear within a bin).
    pub fn above(&self, e_min: f64) -> f64 {
        self.folded(e_min, |_| 1.0)
    }

    /// ∫_{E > e_min} spectrum(E) w(E) dE, w evaluated at the bin centre.
    pub fn folded(&self, e_min: f64, w: impl Fn(f64) -> f64) -> f64 {
        let h = &self.spectrum;
        let mut sum = 0.0;
        for (i, edge) in h.edges.windows(2).enumerate() {
            let (lo, hi) = (edge[0], edge[1]);
            if hi <= e_min {
                continue;
            }
            let frac = if lo >= e_min {
                1.0
            } else {
                (hi - e_min) / (hi - lo)
            };
            sum += h.values[i] * (hi - lo) * frac * w(0.5 * (lo.max(e_min) + hi));
        }
        sum
    }
}

/// A' yields on a mass grid for one cross-section model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YieldSet {
    /// Cross-section model (`etl`, `iww`, `wwsimple`, `off`).
    pub model: BremModel,
    /// Resonant annihilation included.
    pub annihilation: bool,
    /// Simulated threshold on E_A' \[GeV\].
    pub e_min_gev: f64,
    /// Showers simulated (EOT).
    pub events: u64,
    /// Seed.
    pub seed: u64,
    /// Per mass, ascending.
    pub points: Vec<YieldPoint>,
}

/// Everything the statistics need from the simulation: saved as `yields.json` and read back
/// by `aprime limits --yields`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Yields {
    /// Format tag ([`YIELDS_FORMAT`]).
    pub format: String,
    /// Name of the configuration they were made for.
    pub config: String,
    /// Beam energy \[GeV\].
    pub beam_energy_gev: f64,
    /// Target description name.
    pub target: String,
    /// Yields of the configured model on the configured mass grid.
    pub main: YieldSet,
    /// ETL (bremsstrahlung only) yields at the Table V masses.
    pub table_v_etl: YieldSet,
    /// Simplified-WW yields at the Table V masses.
    pub table_v_ww: YieldSet,
}

/// Limits at one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MassLimit {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Yield per EOT per ε² in the signal box of the first run.
    pub yield_per_eot_per_eps2: f64,
    /// Expected signal events per ε², summed over runs (Σ a_i).
    pub signal_per_eps2: f64,
    /// Per run a_i = EOT_i · efficiency_i · yield_i.
    pub signal_per_eps2_by_run: Vec<f64>,
    /// The ε limit.
    pub limit: EpsLimit,
}

/// Per-run replacements from an event-level analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overrides {
    /// Background per run \[events\] (the relative uncertainty of the configuration is kept).
    pub background: Option<Vec<f64>>,
    /// Signal efficiency per run (replaces the configured efficiency at every mass).
    pub efficiency: Option<Vec<f64>>,
}

/// One point of the sensitivity scan against the E_ECAL cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutScanPoint {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// E_ECAL cut applied to every run \[GeV\].
    pub e_ecal_cut_gev: f64,
    /// Expected background summed over runs \[events\].
    pub background: f64,
    /// Median expected upper limit on ε.
    pub eps_expected_median: f64,
}

/// The full result of a pipeline run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The configuration used.
    pub config: ExperimentConfig,
    /// The yields used.
    pub yields: Yields,
    /// ε limits per mass.
    pub limits: Vec<MassLimit>,
    /// Dark-matter limits per mass.
    pub dm: Vec<DmPoint>,
    /// Paper 002 Table V in our numbers.
    pub table_v: Vec<table_v::Row>,
    /// Sensitivity against the E_ECAL cut.
    pub cut_scan: Vec<CutScanPoint>,
}

/// Progress callback: `(stage, done, total)`.
pub type Progress<'p> = &'p (dyn Fn(&str, u64, u64) + Sync);

fn method(model: BremModel) -> Method {
    match model {
        BremModel::Etl | BremModel::Off => Method::Etl,
        BremModel::Iww => Method::Iww,
        BremModel::Wwsimple => Method::WwSimple,
    }
}

fn shower_err(e: &aprime_shower::ShowerError) -> LimitsError {
    LimitsError::Shower(e.to_string())
}

/// The shower-stage target of the configuration.
pub fn target(cfg: &ExperimentConfig) -> Result<TargetConfig, LimitsError> {
    TargetConfig::resolve(&cfg.target.preset, 40.0).map_err(|e| shower_err(&e))
}

/// Lowest E_A' threshold any output needs: the loosest run cut and the cut scan.
pub fn simulated_threshold(cfg: &ExperimentConfig) -> f64 {
    let e0 = cfg.beam.energy_gev;
    let loosest = cfg.runs.iter().map(|r| cfg.ecal_cut(r)).fold(0.0, f64::max);
    let scan = SCAN_CUTS_FRACTION.iter().copied().fold(0.0, f64::max) * e0;
    (e0 - loosest.max(scan)).max(0.0)
}

/// E_ECAL cuts of the Fig. 14 scan, as fractions of E0.
pub const SCAN_CUTS_FRACTION: [f64; 9] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
/// Masses of the Fig. 14 scan \[GeV\] (paper 002 Fig. 14: 2 and 20 MeV).
pub const SCAN_MASSES: [f64; 2] = [0.002, 0.02];

/// Simulate yields for `masses` with `model`, E_A' > `e_min`.
pub fn yield_set(
    cfg: &ExperimentConfig,
    model: BremModel,
    annihilation: bool,
    masses: &[f64],
    e_min: f64,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<YieldSet, LimitsError> {
    if cfg.beam.particle != Particle::Electron {
        return Err(LimitsError::Shower(format!(
            "the shower stage simulates electron beams; beam.particle = {:?} is not supported yet",
            cfg.beam.particle
        )));
    }
    let sim = &cfg.simulation;
    let mut rc = RunConfig::yields(
        target(cfg)?,
        cfg.beam.energy_gev,
        masses.to_vec(),
        method(model),
        e_min,
        sim.events,
        sim.seed,
    );
    if let Some(d) = rc.dark.as_mut() {
        d.annihilation.enabled = annihilation;
        d.annihilation.alpha_d = cfg.production.alpha_d;
        d.annihilation.chi_mass_ratio = 1.0 / cfg.production.mass_ratio;
        d.annihilation.spin = match cfg.production.chi {
            ChiType::Fermion => ChiSpin::Fermion,
            ChiType::Scalar => ChiSpin::Scalar,
        };
    }
    let res = Simulation::new(rc)
        .and_then(|s| s.run(progress))
        .map_err(|e| shower_err(&e))?;
    let brem_on = model != BremModel::Off;
    let points = res
        .dark
        .iter()
        .map(|y| {
            let brem = if brem_on { y.brem.value } else { 0.0 };
            let mut spectrum = y.spectrum_annihilation.clone();
            if brem_on {
                for (v, b) in spectrum.values.iter_mut().zip(&y.spectrum_brem.values) {
                    *v += b;
                }
            }
            let err = if brem_on {
                y.stat_error
            } else {
                y.annihilation.error
            };
            YieldPoint {
                mass_gev: y.mass_gev,
                yield_per_eot_per_eps2: brem + y.annihilation.value,
                stat_error: err,
                brem,
                annihilation: y.annihilation.value,
                spectrum,
            }
        })
        .collect();
    Ok(YieldSet {
        model,
        annihilation,
        e_min_gev: e_min,
        events: sim.events,
        seed: sim.seed,
        points,
    })
}

/// All yields a report needs: the configured model on the mass grid, and ETL and WW
/// bremsstrahlung at the Table V masses.
pub fn compute_yields(
    cfg: &ExperimentConfig,
    progress: Option<Progress<'_>>,
) -> Result<Yields, LimitsError> {
    let e_min = simulated_threshold(cfg);
    let events = cfg.simulation.events;
    let stage = |name: &'static str| {
        move |n: u64| {
            if let Some(p) = progress {
                p(name, n, events);
            }
        }
    };
    let main_cb = stage("yields");
    let main = yield_set(
        cfg,
        cfg.production.bremsstrahlung,
        cfg.production.annihilation,
        &cfg.masses.masses(),
        e_min,
        Some(&main_cb),
    )?;
    let tv = table_v::masses_gev();
    let e_tv = cfg.beam.energy_gev * 0.5;
    let etl_cb = stage("Table V, ETL");
    let table_v_etl = yield_set(cfg, BremModel::Etl, false, &tv, e_tv, Some(&etl_cb))?;
    let ww_cb = stage("Table V, WW");
    let table_v_ww = yield_set(cfg, BremModel::Wwsimple, false, &tv, e_tv, Some(&ww_cb))?;
    Ok(Yields {
        format: YIELDS_FORMAT.into(),
        config: cfg.name.clone(),
        beam_energy_gev: cfg.beam.energy_gev,
        target: cfg.target.preset.clone(),
        main,
        table_v_etl,
        table_v_ww,
    })
}

/// Check that saved yields fit a configuration.
pub fn check_yields(cfg: &ExperimentConfig, y: &Yields, path: &str) -> Result<(), LimitsError> {
    let bad = |message: String| LimitsError::Yields {
        path: path.into(),
        message,
    };
    if y.format != YIELDS_FORMAT {
        return Err(bad(format!(
            "format '{}', expected '{YIELDS_FORMAT}'",
            y.format
        )));
    }
    if (y.beam_energy_gev - cfg.beam.energy_gev).abs() > 1e-9 {
        return Err(bad(format!(
            "made for E0 = {} GeV, the configuration has {} GeV",
            y.beam_energy_gev, cfg.beam.energy_gev
        )));
    }
    let need = simulated_threshold(cfg);
    if y.main.e_min_gev > need + 1e-9 {
        return Err(bad(format!(
            "simulated only E_A' > {} GeV; the configuration's cuts need E_A' > {need} GeV",
            y.main.e_min_gev
        )));
    }
    if y.main.points.is_empty() {
        return Err(bad("no masses".into()));
    }
    for p in y
        .main
        .points
        .iter()
        .chain(&y.table_v_etl.points)
        .chain(&y.table_v_ww.points)
    {
        if p.spectrum.values.len() + 1 != p.spectrum.edges.len() {
            return Err(bad(format!("ragged spectrum at m = {} GeV", p.mass_gev)));
        }
    }
    Ok(())
}

/// Per-run expected signal per ε² at one mass: a_i = EOT_i · ∫ spectrum(E) eff_i(m, E) dE over
/// E_A' > E0 − cut_i (the efficiency may depend on E_miss ≈ E_A').
pub fn signal_per_eps2(
    cfg: &ExperimentConfig,
    p: &YieldPoint,
    cuts: &[f64],
    eff_override: Option<&[f64]>,
) -> Vec<f64> {
    let e0 = cfg.beam.energy_gev;
    cfg.runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let e_min = e0 - cuts[i];
            let y = match eff_override {
                Some(e) => e[i] * p.above(e_min),
                None => p.folded(e_min, |e| efficiency(run, p.mass_gev, e)),
            };
            run.eot * y
        })
        .collect()
}

/// ε limits at every mass of `set`.
pub fn limits(
    cfg: &ExperimentConfig,
    set: &YieldSet,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
) -> Result<Vec<MassLimit>, LimitsError> {
    let settings = combine::settings(cfg);
    let cuts: Vec<f64> = cfg.runs.iter().map(|r| cfg.ecal_cut(r)).collect();
    let done = std::sync::atomic::AtomicU64::new(0);
    let n = set.points.len() as u64;
    set.points
        .par_iter()
        .map(|p| {
            let a = signal_per_eps2(cfg, p, &cuts, overrides.efficiency.as_deref());
            let limit = combine::eps_limit(cfg, &a, overrides.background.as_deref(), &settings)?;
            let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(cb) = progress {
                cb("limits", k, n);
            }
            Ok(MassLimit {
                mass_gev: p.mass_gev,
                yield_per_eot_per_eps2: p.above(cfg.beam.energy_gev - cuts[0]),
                signal_per_eps2: a.iter().sum(),
                signal_per_eps2_by_run: a,
                limit,
            })
        })
        .collect()
}

/// Paper 002 Table V with our yields: observed ε limits with ETL and WW yields, E_miss > E0/2.
pub fn table_v_rows(cfg: &ExperimentConfig, y: &Yields) -> Result<Vec<table_v::Row>, LimitsError> {
    let mut half = cfg.clone();
    for r in &mut half.runs {
        r.e_ecal_max_gev = Some(0.5 * cfg.beam.energy_gev);
    }
    let etl = limits(&half, &y.table_v_etl, &Overrides::default(), None)?;
    let ww = limits(&half, &y.table_v_ww, &Overrides::default(), None)?;
    Ok(table_v::PUBLISHED
        .iter()
        .zip(etl.iter().zip(&ww))
        .map(|(&(m, pw, pe), (e, w))| table_v::Row {
            mass_mev: m,
            eps_ww: w.limit.observed,
            eps_etl: e.limit.observed,
            paper_eps_ww: pw * 1e-4,
            paper_eps_etl: pe * 1e-4,
        })
        .collect())
}

/// Background of a run for a different E_ECAL cut: the side-band shape exp(p1 + p2·E) integrated
/// over the box, b(c) = b(c0)·(e^{p2 c} − 1)/(e^{p2 c0} − 1) (paper 002 §VIII); flat in E_ECAL
/// (b ∝ c) where no slope is configured.
pub fn background_at_cut(b: f64, c0: f64, c: f64, slope: Option<f64>) -> f64 {
    match slope {
        Some(p2) if p2.abs() > 1e-12 => b * (p2 * c).exp_m1() / (p2 * c0).exp_m1(),
        _ => b * c / c0,
    }
}

/// Median expected ε limit against the E_ECAL cut (paper 002 Fig. 14) for the scan masses that
/// lie inside the simulated grid (interpolated in ln m between grid points).
pub fn cut_scan(cfg: &ExperimentConfig, set: &YieldSet) -> Result<Vec<CutScanPoint>, LimitsError> {
    let e0 = cfg.beam.energy_gev;
    let settings = combine::settings(cfg);
    let mut jobs = Vec::new();
    for &m in &SCAN_MASSES {
        let Some(p) = nearest(set, m) else { continue };
        for f in SCAN_CUTS_FRACTION {
            jobs.push((p, f * e0));
        }
    }
    jobs.par_iter()
        .map(|&(p, c)| {
            let cuts = vec![c; cfg.runs.len()];
            let b: Vec<f64> = cfg
                .runs
                .iter()
                .map(|r| {
                    background_at_cut(r.background, cfg.ecal_cut(r), c, r.background_slope_per_gev)
                })
                .collect();
            let a = signal_per_eps2(cfg, p, &cuts, None);
            let l = combine::eps_limit(cfg, &a, Some(&b), &settings)?;
            Ok(CutScanPoint {
                mass_gev: p.mass_gev,
                e_ecal_cut_gev: c,
                background: b.iter().sum(),
                eps_expected_median: l.expected.median,
            })
        })
        .collect()
}

fn nearest(set: &YieldSet, m: f64) -> Option<&YieldPoint> {
    set.points
        .iter()
        .min_by(|a, b| {
            (a.mass_gev / m)
                .ln()
                .abs()
                .total_cmp(&(b.mass_gev / m).ln().abs())
        })
        .filter(|p| (p.mass_gev / m).ln().abs() < 0.35)
}

/// Run the statistics and interpretation on given yields.
pub fn report(
    cfg: &ExperimentConfig,
    yields: Yields,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
) -> Result<Report, LimitsError> {
    let limits = limits(cfg, &yields.main, overrides, progress)?;
    let dm = limits
        .iter()
        .filter(|l| l.limit.observed.is_finite())
        .map(|l| dm::interpret(l.mass_gev, l.limit.observed, &cfg.interpretation))
        .collect::<Result<Vec<_>, _>>()?;
    let table_v = table_v_rows(cfg, &yields)?;
    let cut_scan = cut_scan(cfg, &yields.main)?;
    Ok(Report {
        config: cfg.clone(),
        yields,
        limits,
        dm,
        table_v,
        cut_scan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point() -> YieldPoint {
        YieldPoint {
            mass_gev: 0.01,
            yield_per_eot_per_eps2: 4.0,
            stat_error: 0.0,
            brem: 4.0,
            annihilation: 0.0,
            spectrum: Histogram {
                edges: vec![40.0, 50.0, 60.0, 70.0, 80.0],
                values: vec![0.1, 0.1, 0.1, 0.1],
                overflow: 0.0,
            },
        }
    }

    #[test]
    fn yield_above_threshold_integrates_the_spectrum() {
        let p = point();
        assert!((p.above(50.0) - 3.0).abs() < 1e-12);
        assert!((p.above(45.0) - 3.5).abs() < 1e-12);
        assert!((p.folded(60.0, |e| e / 100.0) - (0.65 + 0.75)).abs() < 1e-12);
    }

    #[test]
    fn background_moves_with_the_side_band_shape() {
        // Paper 002 run I slope 0.315/GeV: moving the cut from 50 to 55 GeV multiplies the box
        // background by ≈ e^{0.315·5} = 4.8.
        let b = background_at_cut(0.043, 50.0, 55.0, Some(0.315));
        assert!(
            (b / 0.043 - (0.315f64 * 55.0).exp_m1() / (0.315f64 * 50.0).exp_m1()).abs() < 1e-12
        );
        assert!((b / 0.043 - 4.83).abs() < 0.01);
        assert!((background_at_cut(1.0, 50.0, 25.0, None) - 0.5).abs() < 1e-12);
    }
}
