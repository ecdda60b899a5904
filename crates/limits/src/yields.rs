//! X yields from the shower stage: the configured model (`production.model`, the boson, and the
//! bremsstrahlung method) on the mass grid, and for the dark photon ETL and simplified-WW
//! bremsstrahlung at the Table V masses, above the loosest threshold any output needs; and the
//! check that saved yields fit a configuration.

use aprime_experiment::shower_run::{YieldRequest, yield_run_config};
use aprime_experiment::{BremModel, ExperimentConfig, Particle};
use aprime_physics::model::Mediator;
use aprime_shower::{ShowerResult, ShowerSimulation};

use crate::cut_scan::SCAN_CUTS_FRACTION;
use crate::error::LimitsError;
use crate::progress::Progress;
use crate::table_v;
pub use crate::yield_data::{YIELDS_FORMAT, YieldPoint, YieldSet, Yields};

/// Lowest E_A' threshold any output needs: the loosest run cut and the cut scan.
pub fn simulated_threshold(cfg: &ExperimentConfig) -> f64 {
    let e0 = cfg.beam.energy_gev;
    let loosest = cfg.runs.iter().map(|r| cfg.ecal_cut(r)).fold(0.0, f64::max);
    let scan = SCAN_CUTS_FRACTION.iter().copied().fold(0.0, f64::max) * e0;
    (e0 - loosest.max(scan)).max(0.0)
}

/// Simulate yields for `masses` with `model`, E_A' > `e_min`.
pub fn yield_set(
    cfg: &ExperimentConfig,
    model: BremModel,
    annihilation: bool,
    masses: &[f64],
    e_min: f64,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<YieldSet, LimitsError> {
    let res = yield_simulation(cfg, model, annihilation, masses, e_min)?.run(progress)?;
    Ok(yield_set_from(cfg, model, annihilation, e_min, &res))
}

/// The prepared shower run of a yield set (run it whole, or shard by shard and merge the parts
/// with `aprime_shower::merge`; [`yield_set_from`] makes the set of either result).
pub fn yield_simulation(
    cfg: &ExperimentConfig,
    model: BremModel,
    annihilation: bool,
    masses: &[f64],
    e_min: f64,
) -> Result<ShowerSimulation, LimitsError> {
    if cfg.beam.particle != Particle::Electron {
        return Err(LimitsError::Beam(cfg.beam.particle));
    }
    let sim = &cfg.simulation;
    let rc = yield_run_config(
        cfg,
        &YieldRequest {
            masses,
            bremsstrahlung: model,
            annihilation,
            e_min_gev: e_min,
            events: sim.events,
            seed: sim.seed,
            signal_events: 0,
        },
    )?;
    Ok(ShowerSimulation::new(rc)?)
}

/// The yield set of a shower result of [`yield_simulation`].
pub fn yield_set_from(
    cfg: &ExperimentConfig,
    model: BremModel,
    annihilation: bool,
    e_min: f64,
    res: &ShowerResult,
) -> YieldSet {
    let sim = &cfg.simulation;
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
    YieldSet {
        model,
        annihilation,
        e_min_gev: e_min,
        events: sim.events,
        seed: sim.seed,
        points,
    }
}

/// What one yield set of a report simulates.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldPlan {
    /// Name of the stage in progress reports.
    pub label: &'static str,
    /// Bremsstrahlung model.
    pub model: BremModel,
    /// Resonant annihilation included.
    pub annihilation: bool,
    /// A' masses \[GeV\].
    pub masses: Vec<f64>,
    /// Threshold on E_A' \[GeV\].
    pub e_min_gev: f64,
    /// Simulated; `false` for the Table V sets of a model other than the dark photon (paper 002
    /// Table V is a dark-photon table), which stay empty ([`YieldPlan::empty_set`]).
    pub simulated: bool,
}

impl YieldPlan {
    /// The set of a plan that is not simulated: no masses, no showers.
    pub fn empty_set(&self, cfg: &ExperimentConfig) -> YieldSet {
        YieldSet {
            model: self.model,
            annihilation: self.annihilation,
            e_min_gev: self.e_min_gev,
            events: 0,
            seed: cfg.simulation.seed,
            points: Vec::new(),
        }
    }
}

/// The yield sets a report needs, in the order of [`assemble_yields`]: the configured model on
/// the mass grid, and (dark photon only) ETL and WW bremsstrahlung at the Table V masses with
/// E_A' > E0/2.
pub fn yield_plans(cfg: &ExperimentConfig) -> [YieldPlan; 3] {
    let table_v = cfg.production.model == Mediator::Vector;
    let tv = if table_v {
        table_v::masses_gev()
    } else {
        Vec::new()
    };
    let e_tv = cfg.beam.energy_gev * 0.5;
    [
        YieldPlan {
            label: "yields",
            model: cfg.production.bremsstrahlung,
            annihilation: cfg.production.annihilation,
            masses: cfg.masses.masses(),
            e_min_gev: simulated_threshold(cfg),
            simulated: true,
        },
        YieldPlan {
            label: "Table V, ETL",
            model: BremModel::Etl,
            annihilation: false,
            masses: tv.clone(),
            e_min_gev: e_tv,
            simulated: table_v,
        },
        YieldPlan {
            label: "Table V, WW",
            model: BremModel::Wwsimple,
            annihilation: false,
            masses: tv,
            e_min_gev: e_tv,
            simulated: table_v,
        },
    ]
}

/// The yields of a report from its three sets, in the order of [`yield_plans`].
pub fn assemble_yields(cfg: &ExperimentConfig, sets: [YieldSet; 3]) -> Yields {
    let [main, table_v_etl, table_v_ww] = sets;
    Yields {
        format: YIELDS_FORMAT.into(),
        config: cfg.name.clone(),
        model: cfg.production.model,
        beam_energy_gev: cfg.beam.energy_gev,
        target: cfg.target.preset.clone(),
        main,
        table_v_etl,
        table_v_ww,
    }
}

/// All yields a report needs: the sets of [`yield_plans`], each simulated whole (the sharded
/// path, [`crate::yield_shards`], shares every step but the run).
pub fn compute_yields(
    cfg: &ExperimentConfig,
    progress: Option<Progress<'_>>,
) -> Result<Yields, LimitsError> {
    let events = cfg.simulation.events;
    let run = |plan: &YieldPlan| {
        if !plan.simulated {
            return Ok(plan.empty_set(cfg));
        }
        let cb = |n: u64| {
            if let Some(p) = progress {
                p(plan.label, n, events);
            }
        };
        let (m, a, e) = (plan.model, plan.annihilation, plan.e_min_gev);
        yield_set(cfg, m, a, &plan.masses, e, Some(&cb))
    };
    let [main, etl, ww] = yield_plans(cfg);
    Ok(assemble_yields(cfg, [run(&main)?, run(&etl)?, run(&ww)?]))
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
    if y.model != cfg.production.model {
        return Err(bad(format!(
            "made for the {} model, the configuration has {}",
            y.model, cfg.production.model
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

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_shower::Histogram;

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
}
