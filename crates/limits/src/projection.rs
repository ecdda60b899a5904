//! Projections for future runs: the expected limit (median and ±1σ/±2σ band) of a configuration
//! whose exposure, and optionally background per particle on target, are changed, next to the
//! configuration's current expected and observed limits, from the same yields per EOT.
//!
//! A projected exposure N scales every run's EOT by N / N_now (the mix of runs, their
//! efficiencies and systematics are kept). The background of run i becomes
//! `background_per_eot · EOT_i` when given, else the run's own background per EOT times its new
//! EOT; its uncertainty keeps its relative size (as in [`crate::combine::model`]). The signal of
//! run i per ε² is a_i = EOT_i · efficiency_i · yield per EOT per ε² (paper 000 eq. 3, paper 002
//! eq. 26), so with zero background — a fixed limit on the signal events — ε_up ∝ N^{-1/2}.

use aprime_experiment::ExperimentConfig;
use aprime_physics::model::Mediator;
use aprime_stats::Band;
use serde::{Deserialize, Serialize};

use crate::error::LimitsError;
use crate::mass_limits::{Overrides, limits};
use crate::progress::Progress;
pub use crate::projection_error::ProjectionRequestError;
use crate::yield_data::YieldSet;
use crate::yields::{simulated_threshold, yield_set};

/// What to project: total exposures and, optionally, a background per particle on target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProjectionRequest {
    /// Total particles on target of every projection (all runs together), each > 0.
    pub eot: Vec<f64>,
    /// Background \[events per particle on target\] of every run, ≥ 0; `None`: each run keeps
    /// its configured background per EOT.
    pub background_per_eot: Option<f64>,
}

/// The limit of the configuration as it is, at one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentLimit {
    /// X mass \[GeV\].
    pub mass_gev: f64,
    /// Observed upper limit on the coupling (ε, or g for the Z' models).
    pub observed: f64,
    /// Expected band on the coupling.
    pub expected: Band,
}

/// The expected limit of one projected exposure, at one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectedLimit {
    /// X mass \[GeV\].
    pub mass_gev: f64,
    /// Expected band on the coupling.
    pub expected: Band,
    /// Expected signal events per coupling², summed over runs.
    pub signal_per_eps2: f64,
}

/// One projected exposure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExposureProjection {
    /// Total particles on target.
    pub eot: f64,
    /// Its ratio to the configuration's total.
    pub scale: f64,
    /// Total background \[events\] over all runs.
    pub background_events: f64,
    /// Per mass, ascending.
    pub limits: Vec<ProjectedLimit>,
}

/// The result of [`project`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Projection {
    /// Configuration name.
    pub config: String,
    /// The model (its coupling: ε, or g for the Z' models).
    #[serde(default)]
    pub model: Mediator,
    /// Beam energy of the yields \[GeV\].
    pub beam_energy_gev: f64,
    /// Target of the yields (`target.preset`).
    pub target: String,
    /// Depth of that target as built \[X0\] (`target.depth_x0` rounded to whole layers, or the
    /// target as defined).
    pub target_depth_x0: f64,
    /// Confidence level of the limits.
    pub cl: f64,
    /// The configuration's total particles on target.
    pub current_eot: f64,
    /// The configuration's total background \[events\].
    pub current_background_events: f64,
    /// Background per particle on target of the projections, if it was set.
    pub background_per_eot: Option<f64>,
    /// The configuration's limits.
    pub current: Vec<CurrentLimit>,
    /// The projections, in the order requested.
    pub projections: Vec<ExposureProjection>,
}

impl ProjectionRequest {
    /// Check the request: every exposure > 0 and finite, the background ≥ 0 and finite.
    pub fn validate(&self) -> Result<(), ProjectionRequestError> {
        if self.eot.is_empty() {
            return Err(ProjectionRequestError::NoExposure);
        }
        if let Some(&n) = self.eot.iter().find(|n| !(n.is_finite() && **n > 0.0)) {
            return Err(ProjectionRequestError::Exposure(n));
        }
        match self.background_per_eot {
            Some(b) if !(b.is_finite() && b >= 0.0) => Err(ProjectionRequestError::Background(b)),
            _ => Ok(()),
        }
    }
}

/// Total particles on target of all runs.
pub fn total_eot(cfg: &ExperimentConfig) -> f64 {
    cfg.runs.iter().map(|r| r.eot).sum()
}

/// The configuration with every run's EOT scaled to a total of `eot` and its background per
/// EOT set to `background_per_eot` (or kept); background uncertainties keep their relative size.
pub fn scaled_config(
    cfg: &ExperimentConfig,
    eot: f64,
    background_per_eot: Option<f64>,
) -> Result<ExperimentConfig, ProjectionRequestError> {
    let now = total_eot(cfg);
    if !(now > 0.0 && now.is_finite()) {
        return Err(ProjectionRequestError::NoCurrentExposure(now));
    }
    let factor = eot / now;
    let mut out = cfg.clone();
    for run in &mut out.runs {
        let rel = if run.background > 0.0 {
            run.background_uncertainty / run.background
        } else {
            0.0
        };
        run.eot *= factor;
        run.background = background_per_eot.map_or(run.background * factor, |b| b * run.eot);
        run.background_uncertainty = rel * run.background;
    }
    Ok(out)
}

/// The yields a projection needs, simulated afresh for `cfg` (its beam energy, target and mass
/// grid): the configured model's set only, above the loosest threshold of the runs' cuts (no
/// Table V sets, which [`crate::compute_yields`] adds for a full report).
pub fn projection_yields(
    cfg: &ExperimentConfig,
    progress: Option<Progress<'_>>,
) -> Result<YieldSet, LimitsError> {
    let events = cfg.simulation.events;
    let cb = move |n: u64| {
        if let Some(p) = progress {
            p("yields", n, events);
        }
    };
    yield_set(
        cfg,
        cfg.production.bremsstrahlung,
        cfg.production.annihilation,
        &cfg.masses.masses(),
        simulated_threshold(cfg),
        Some(&cb),
    )
}

/// The configuration's limits and the expected limits of every requested exposure, from the
/// yields per EOT of `set` (simulated for `cfg`'s beam and target).
pub fn project(
    cfg: &ExperimentConfig,
    set: &YieldSet,
    request: &ProjectionRequest,
    progress: Option<Progress<'_>>,
) -> Result<Projection, LimitsError> {
    request.validate()?;
    let current_eot = total_eot(cfg);
    let current = limits(cfg, set, &Overrides::default(), progress)?
        .into_iter()
        .map(|l| CurrentLimit {
            mass_gev: l.mass_gev,
            observed: l.limit.observed,
            expected: l.limit.expected,
        })
        .collect();
    let projections = request
        .eot
        .iter()
        .map(|&eot| {
            let scaled = scaled_config(cfg, eot, request.background_per_eot)?;
            let limits = limits(&scaled, set, &Overrides::default(), progress)?
                .into_iter()
                .map(|l| ProjectedLimit {
                    mass_gev: l.mass_gev,
                    expected: l.limit.expected,
                    signal_per_eps2: l.signal_per_eps2,
                })
                .collect();
            Ok(ExposureProjection {
                eot,
                scale: eot / current_eot,
                background_events: scaled.runs.iter().map(|r| r.background).sum(),
                limits,
            })
        })
        .collect::<Result<Vec<_>, LimitsError>>()?;
    Ok(Projection {
        config: cfg.name.clone(),
        model: cfg.production.model,
        beam_energy_gev: cfg.beam.energy_gev,
        target: cfg.target.preset.clone(),
        target_depth_x0: aprime_experiment::shower_run::target(cfg)?
            .build()?
            .depth_x0,
        cl: cfg.statistics.cl,
        current_eot,
        current_background_events: cfg.runs.iter().map(|r| r.background).sum(),
        background_per_eot: request.background_per_eot,
        current,
        projections,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_experiment::{BremModel, presets};
    use aprime_shower::Histogram;

    use crate::yield_data::YieldPoint;

    /// A flat A' spectrum from 0 to 100 GeV, 1e-6 per EOT per ε² in total (a made-up yield: the
    /// scaling below does not depend on its size).
    fn yields(masses: &[f64]) -> YieldSet {
        let points = masses
            .iter()
            .map(|&m| YieldPoint {
                mass_gev: m,
                yield_per_eot_per_eps2: 1e-6,
                stat_error: 0.0,
                brem: 1e-6,
                annihilation: 0.0,
                spectrum: Histogram {
                    edges: (0..=10).map(|i| f64::from(i) * 10.0).collect(),
                    values: vec![1e-9; 10],
                    overflow: 0.0,
                },
                spectrum_annihilation: None,
                annihilation_by_alpha_d: Vec::new(),
                refined: false,
            })
            .collect();
        YieldSet {
            model: BremModel::Etl,
            annihilation: false,
            e_min_gev: 0.0,
            events: 1000,
            seed: 1,
            points,
        }
    }

    #[test]
    fn four_times_the_exposure_halves_eps_without_background() {
        // Issue 11 acceptance: with zero background the limit on the signal events is fixed
        // (≈ 2.3 at 90% C.L. for 0 events, paper 002 §IX), the signal is ε² · EOT · eff · yield
        // (paper 000 eq. 3), so ε²_up ∝ 1/EOT and 4× the exposure moves ε_up by 2 (within 2%).
        let cfg = presets::load("na64-2016").unwrap();
        let set = yields(&[0.01, 0.1]);
        let n = total_eot(&cfg);
        let req = ProjectionRequest {
            eot: vec![n, 4.0 * n],
            background_per_eot: Some(0.0),
        };
        let p = project(&cfg, &set, &req, None).unwrap();
        assert_eq!(p.projections.len(), 2);
        assert_eq!(p.projections[1].background_events, 0.0);
        for (a, b) in p.projections[0].limits.iter().zip(&p.projections[1].limits) {
            let ratio = a.expected.median / b.expected.median;
            assert!(
                (ratio / 2.0 - 1.0).abs() < 0.02,
                "m = {}: {ratio}",
                a.mass_gev
            );
            assert!((b.signal_per_eps2 / a.signal_per_eps2 / 4.0 - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn background_per_eot_sets_every_run_and_keeps_relative_uncertainty() {
        let cfg = presets::load("na64-2016-2018").unwrap();
        let n = total_eot(&cfg);
        let s = scaled_config(&cfg, 2.0 * n, Some(1e-12)).unwrap();
        for (old, new) in cfg.runs.iter().zip(&s.runs) {
            assert!((new.eot / old.eot - 2.0).abs() < 1e-12);
            assert!((new.background / (1e-12 * new.eot) - 1.0).abs() < 1e-12);
            let rel_old = old.background_uncertainty / old.background;
            let rel_new = new.background_uncertainty / new.background;
            assert!((rel_old - rel_new).abs() < 1e-12);
        }
        // Without a background per EOT each run keeps its own: background ∝ EOT.
        let k = scaled_config(&cfg, 3.0 * n, None).unwrap();
        for (old, new) in cfg.runs.iter().zip(&k.runs) {
            assert!((new.background / old.background - 3.0).abs() < 1e-12);
        }
    }

    #[test]
    fn bad_requests_are_typed_errors() {
        let bad = |eot: Vec<f64>, b| ProjectionRequest {
            eot,
            background_per_eot: b,
        };
        assert_eq!(
            bad(vec![], None).validate(),
            Err(ProjectionRequestError::NoExposure)
        );
        assert_eq!(
            bad(vec![1e12, 0.0], None).validate(),
            Err(ProjectionRequestError::Exposure(0.0))
        );
        assert_eq!(
            bad(vec![-1.0], None).validate(),
            Err(ProjectionRequestError::Exposure(-1.0))
        );
        assert_eq!(
            bad(vec![1e12], Some(-1e-13)).validate(),
            Err(ProjectionRequestError::Background(-1e-13))
        );
        assert!(bad(vec![1e12], Some(0.0)).validate().is_ok());
    }
}
