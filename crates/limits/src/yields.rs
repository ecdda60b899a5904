//! X yields from the shower stage: the configured model (`production.model`, the boson, and the
//! bremsstrahlung method) on the mass grid, and for the dark photon ETL and simplified-WW
//! bremsstrahlung at the Table V masses, above the loosest threshold any output needs; and the
//! check that saved yields fit a configuration.

use aprime_experiment::shower_run::{YieldRequest, yield_run_config};
use aprime_experiment::{BremModel, ExperimentConfig, Particle};
use aprime_physics::model::Mediator;
use aprime_shower::{AnnihilationSpec, Histogram, Resonance, ShowerResult, ShowerSimulation, fold};

use crate::yield_data::AnnihilationAtAlphaD as AtAlphaD;

use crate::cut_scan::SCAN_CUTS_FRACTION;
use crate::error::LimitsError;
use crate::progress::Progress;
use crate::table_v;
pub use crate::yield_data::{AnnihilationAtAlphaD, YIELDS_FORMAT, YieldPoint, YieldSet, Yields};

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
    yield_set_from(cfg, model, annihilation, e_min, &res)
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

/// The yield set of a shower result of [`yield_simulation`] (whole or merged from shards): the
/// bremsstrahlung estimates of the run and the resonant annihilation folded from its positron
/// track lengths ([`annihilation_at_alpha_d`]), also per α_D of the interpretation.
pub fn yield_set_from(
    cfg: &ExperimentConfig,
    model: BremModel,
    annihilation: bool,
    e_min: f64,
    res: &ShowerResult,
) -> Result<YieldSet, LimitsError> {
    let sim = &cfg.simulation;
    let spec = res.config.dark.as_ref().map(|d| d.annihilation);
    let brem_on = model != BremModel::Off;
    let points = res
        .dark
        .iter()
        .enumerate()
        .map(|(k, y)| -> Result<YieldPoint, LimitsError> {
            let brem = if brem_on { y.brem.value } else { 0.0 };
            let (ann, ann_spectrum, by_alpha) =
                folded_annihilation(res, cfg, y.mass_gev, annihilation)?;
            let mut spectrum = ann_spectrum
                .clone()
                .unwrap_or_else(|| zero_like(&y.spectrum_brem));
            if brem_on {
                // With annihilation the run's per-process spectra share the event weight (one
                // emission per event carries W_brem + W_ann): the bremsstrahlung spectrum is
                // unbiased but its normalisation carries annihilation noise. Its shape is kept
                // and normalised to the track-length estimate of the bremsstrahlung yield.
                // (Without annihilation it integrates to that yield already; not rescaled.)
                let norm = if annihilation {
                    let integral = histogram_integral(&y.spectrum_brem);
                    if integral > 0.0 { brem / integral } else { 0.0 }
                } else {
                    1.0
                };
                for (v, b) in spectrum.values.iter_mut().zip(&y.spectrum_brem.values) {
                    *v += if annihilation { b * norm } else { *b };
                }
            }
            // With annihilation the error is that of the yield as computed, the step-by-step
            // bremsstrahlung plus the fold, from the spread of the run's batches
            // ([`folded_yield_error`]). Without, the step estimates' own errors (per-event
            // second moments). Runs saved without batches fall back to the step estimate's
            // relative error.
            let rel = |m: &aprime_shower::Measured| {
                if m.value > 0.0 {
                    m.error / m.value
                } else {
                    0.0
                }
            };
            let folded = match spec.filter(|_| annihilation) {
                Some(spec) => folded_yield_error(res, cfg, k, &spec, brem_on)?,
                None => None,
            };
            let err = if let Some(e) = folded {
                e
            } else if brem_on {
                let direct = y.brem.value + y.annihilation.value;
                if direct > 0.0 {
                    y.stat_error * (brem + ann) / direct
                } else {
                    y.stat_error
                }
            } else {
                rel(&y.annihilation) * ann
            };
            Ok(YieldPoint {
                mass_gev: y.mass_gev,
                yield_per_eot_per_eps2: brem + ann,
                stat_error: err,
                brem,
                annihilation: ann,
                spectrum,
                spectrum_annihilation: ann_spectrum,
                annihilation_by_alpha_d: by_alpha,
                refined: false,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(YieldSet {
        model,
        annihilation,
        e_min_gev: e_min,
        events: sim.events,
        seed: sim.seed,
        points,
    })
}

/// The resonant annihilation of mass `mass` folded from the positron track lengths of `res`
/// (with `annihilation`; zero and no spectra otherwise): the yield per EOT per ε² and its
/// spectrum at the configured α_D, and (dark photon only: the other models have no
/// light-dark-matter interpretation) at every α_D of the interpretation.
pub(crate) fn folded_annihilation(
    res: &ShowerResult,
    cfg: &ExperimentConfig,
    mass: f64,
    annihilation: bool,
) -> Result<(f64, Option<Histogram>, Vec<AtAlphaD>), LimitsError> {
    let spec = res.config.dark.as_ref().map(|d| d.annihilation);
    let Some(spec) = spec.filter(|_| annihilation) else {
        return Ok((0.0, None, Vec::new()));
    };
    let alphas: &[f64] = if cfg.production.model == Mediator::Vector {
        &cfg.interpretation.alpha_d
    } else {
        &[]
    };
    let (a, s) = annihilation_at_alpha_d(res, cfg, mass, &spec, spec.alpha_d)?;
    let by = alphas
        .iter()
        .map(|&alpha_d| {
            annihilation_at_alpha_d(res, cfg, mass, &spec, alpha_d).map(|(v, s)| AtAlphaD {
                alpha_d,
                yield_per_eot_per_eps2: v,
                spectrum: s,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((a, Some(s), by))
}

pub(crate) fn histogram_integral(h: &Histogram) -> f64 {
    h.edges
        .windows(2)
        .zip(&h.values)
        .map(|(w, v)| v * (w[1] - w[0]))
        .sum::<f64>()
        + h.overflow
}

pub(crate) fn zero_like(h: &Histogram) -> Histogram {
    Histogram {
        edges: h.edges.clone(),
        values: vec![0.0; h.values.len()],
        overflow: 0.0,
    }
}

/// Resonant-annihilation yield per EOT per ε² at `mass` and its A' energy spectrum for dark
/// coupling `alpha_d` (the χ of `spec` otherwise): the Breit–Wigner with the width
/// Γ(A' → χχ̄) of that α_D folded with the positron track-length spectra of the run `res`
/// ([`aprime_shower::fold::annihilation_spectrum`], physics.md §3). The width enters only the
/// line shape: in the narrow-width limit the yield is n_e (2π²α/m_e) T₊(E_R) for any α_D
/// (BR(invisible) = 1), but for Γ/m of a few % the line samples T₊ over E_R(1 ± Γ/m) and the
/// tails above and below the threshold.
pub fn annihilation_at_alpha_d(
    res: &aprime_shower::ShowerResult,
    cfg: &ExperimentConfig,
    mass: f64,
    spec: &AnnihilationSpec,
    alpha_d: f64,
) -> Result<(f64, Histogram), LimitsError> {
    let spec = AnnihilationSpec { alpha_d, ..*spec };
    let r = Resonance::for_model(mass, cfg.production.model, &spec)?;
    let e_min = res.config.dark.as_ref().map_or(0.0, |d| d.e_min_gev);
    let edges = res.config.dark.as_ref().map_or_else(Vec::new, |_| {
        res.dark
            .first()
            .map(|d| d.spectrum_annihilation.edges.clone())
            .unwrap_or_default()
    });
    Ok(fold::annihilation_spectrum(res, &r, e_min, &edges))
}

/// Statistical error of the yield of mass `k` of `res` as [`yield_set_from`] computes it with
/// annihilation, the step-by-step bremsstrahlung (if `brem_on`) plus the resonant annihilation
/// folded from T₊ at the configured α_D, by batch means over the run's batches
/// ([`aprime_shower::TrackLengthBatches`]); `None` for a run without batches.
pub fn folded_yield_error(
    res: &aprime_shower::ShowerResult,
    cfg: &ExperimentConfig,
    k: usize,
    spec: &AnnihilationSpec,
    brem_on: bool,
) -> Result<Option<f64>, LimitsError> {
    let Some(b) = &res.batches else {
        return Ok(None);
    };
    let r = Resonance::for_model(res.dark[k].mass_gev, cfg.production.model, spec)?;
    let e_min = res.config.dark.as_ref().map_or(0.0, |d| d.e_min_gev);
    let ann = fold::annihilation_batches(res, &r, e_min);
    let per_batch: Vec<f64> = ann
        .iter()
        .zip(&b.brem)
        .map(|(a, br)| a + if brem_on { br[k] } else { 0.0 })
        .collect();
    Ok(Some(b.mean_error(&per_batch)))
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
    /// Simulated; `false` for the Table V sets of a model other than the dark photon or of a
    /// beam other than electrons (paper 002 Table V is an electron-beam dark-photon table),
    /// which stay empty ([`YieldPlan::empty_set`]).
    pub simulated: bool,
    /// The grid is refined where the limit curve bends (`[masses] refine`, [`YieldPlan::set_from`]):
    /// the configured grid's set only.
    pub refined: bool,
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
/// the mass grid, and (dark photon with an electron beam only) ETL and WW bremsstrahlung at the
/// Table V masses with E_A' > E0/2.
pub fn yield_plans(cfg: &ExperimentConfig) -> [YieldPlan; 3] {
    // Paper 002 Table V is an electron-beam table: no Table V sets for other beams.
    let table_v =
        cfg.production.model == Mediator::Vector && cfg.beam.particle == Particle::Electron;
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
            refined: cfg.masses.refine.is_some(),
        },
        YieldPlan {
            label: "Table V, ETL",
            model: BremModel::Etl,
            annihilation: false,
            masses: tv.clone(),
            e_min_gev: e_tv,
            simulated: table_v,
            refined: false,
        },
        YieldPlan {
            label: "Table V, WW",
            model: BremModel::Wwsimple,
            annihilation: false,
            masses: tv,
            e_min_gev: e_tv,
            simulated: table_v,
            refined: false,
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
        beam: cfg.beam.particle,
        beam_energy_gev: cfg.beam.energy_gev,
        target: cfg.target.preset.clone(),
        target_depth_x0: cfg.target.depth_x0,
        main,
        table_v_etl,
        table_v_ww,
    }
}

/// All yields a report needs: the sets of [`yield_plans`], each simulated whole and made by
/// [`YieldPlan::set_from`] (the sharded path, [`crate::yield_shards`], shares every step but
/// the run).
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
        let res = yield_simulation(cfg, m, a, &plan.masses, e)?.run(Some(&cb))?;
        plan.set_from(cfg, &res)
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
    if y.beam != cfg.beam.particle {
        return Err(bad(format!(
            "made for a {} beam, the configuration has a {} beam",
            y.beam.projectile(),
            cfg.beam.particle.projectile()
        )));
    }
    if (y.beam_energy_gev - cfg.beam.energy_gev).abs() > 1e-9 {
        return Err(bad(format!(
            "made for E0 = {} GeV, the configuration has {} GeV",
            y.beam_energy_gev, cfg.beam.energy_gev
        )));
    }
    if y.target != cfg.target.preset || y.target_depth_x0 != cfg.target.depth_x0 {
        let depth = |d: Option<f64>| d.map_or(String::new(), |d| format!(" at {d} X0"));
        return Err(bad(format!(
            "made for the target '{}'{}, the configuration has '{}'{}",
            y.target,
            depth(y.target_depth_x0),
            cfg.target.preset,
            depth(cfg.target.depth_x0)
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
            spectrum_annihilation: None,
            annihilation_by_alpha_d: Vec::new(),
            refined: false,
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
