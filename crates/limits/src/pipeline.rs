//! The limits pipeline: X yields per EOT from the shower stage ([`crate::yields`]) → expected
//! signal per run in the model's parameter (paper 000 eq. 3, paper 002 eq. 26,
//! [`crate::coupling`]) → combined CLs upper limit on ε (or g) with its expected band →
//! dark-matter interpretation, plus the WW-vs-ETL comparison of paper 002 Table V
//! ([`crate::table_v`]) and the sensitivity against the E_ECAL cut ([`crate::cut_scan`]).
//! The dark-matter interpretation (y, α_D of a dark photon decaying to χ) and Table V (paper 002's
//! dark-photon limits) exist for the dark photon only; for the other models they are empty.

use aprime_experiment::ExperimentConfig;
use aprime_physics::model::Mediator;
use aprime_stats::{LimitSettings, Model};
use serde::{Deserialize, Serialize};

use crate::combine;
use crate::cut_scan::{CutScanPoint, cut_scan};
use crate::dm::{self, DmPoint};
use crate::error::LimitsError;
use crate::mass_limits::{MassLimit, Overrides, limits, limits_with};
use crate::progress::Progress;
use crate::relic_targets::{RelicTargets, TABLE_ALPHA_D};
use crate::signal::signal_per_eps2;
use crate::table_v;
use crate::yield_data::{YieldSet, Yields};

/// The full result of a pipeline run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The configuration used.
    pub config: ExperimentConfig,
    /// The yields used.
    pub yields: Yields,
    /// ε limits per mass.
    pub limits: Vec<MassLimit>,
    /// ε limits per mass without the resonant-annihilation contribution (bremsstrahlung only;
    /// paper 003 Fig. 2 shows both); empty when the configuration has no annihilation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits_no_annihilation: Vec<MassLimit>,
    /// Dark-matter limits per mass (dark photon only).
    pub dm: Vec<DmPoint>,
    /// Paper 002 Table V in our numbers (dark photon only).
    pub table_v: Vec<table_v::Row>,
    /// Sensitivity against the E_ECAL cut.
    pub cut_scan: Vec<CutScanPoint>,
    /// Per-run backgrounds \[events\] that replaced the configured ones in the limits
    /// ([`Overrides::background`]); `None`: the configuration's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_override: Option<Vec<f64>>,
}

impl Report {
    /// The statistical model the limit at `limit` was computed from (μ = ε²): the runs of the
    /// configuration as counting channels with the recorded per-run signal per ε² (what the
    /// published likelihood holds).
    pub fn mass_model(&self, limit: &MassLimit) -> Result<Model, LimitsError> {
        combine::model(
            &self.config,
            &limit.signal_per_eps2_by_run,
            self.background_override.as_deref(),
        )
    }
}

/// Limits on `set`, whose points differ from those of `base_set` (on which `base` was computed)
/// only in their annihilation part. Where the spectrum is unchanged the limit is `base`'s; where
/// every run's signal a_i changed by the same factor r (equal E_ECAL cuts and efficiencies that
/// do not depend on the A' energy: the statistical model depends on μ = ε² only through μ·a_i),
/// ε_up scales exactly by 1/√r; elsewhere the limit is recomputed with `settings`.
fn limits_where_changed(
    cfg: &ExperimentConfig,
    set: &YieldSet,
    base_set: &YieldSet,
    base: &[MassLimit],
    overrides: &Overrides,
    settings: &LimitSettings,
) -> Result<Vec<MassLimit>, LimitsError> {
    let cuts: Vec<f64> = cfg.runs.iter().map(|r| cfg.ecal_cut(r)).collect();
    let mut out = base.to_vec();
    let mut changed = Vec::new();
    for (i, (p, b)) in set.points.iter().zip(&base_set.points).enumerate() {
        if p.spectrum == b.spectrum {
            continue;
        }
        let old = &base[i];
        let a: Vec<f64> = signal_per_eps2(cfg, p, &cuts, overrides.efficiency.as_deref())
            .into_iter()
            .map(|x| old.scale.signal(x))
            .collect();
        let ratios: Vec<f64> = a
            .iter()
            .zip(&old.signal_per_eps2_by_run)
            .map(|(n, o)| n / o)
            .collect();
        let r = ratios.first().copied().unwrap_or(f64::NAN);
        let uniform = r.is_finite()
            && r > 0.0
            && old.limit.observed.is_finite()
            && ratios.iter().all(|x| (x / r - 1.0).abs() < 1e-12);
        if !uniform {
            changed.push(i);
            continue;
        }
        let k = r.sqrt().recip();
        let l = &mut out[i];
        l.yield_per_eot_per_eps2 = l.scale.production(p.above(cfg.beam.energy_gev - cuts[0]));
        l.signal_per_eps2 = a.iter().sum();
        l.signal_per_eps2_by_run = a;
        l.limit.observed *= k;
        l.limit.expected = l.limit.expected.map(|e| e * k);
    }
    if changed.is_empty() {
        return Ok(out);
    }
    let sub = YieldSet {
        points: changed.iter().map(|&i| set.points[i].clone()).collect(),
        ..set.clone()
    };
    for (k, l) in limits_with(cfg, &sub, overrides, None, settings)?
        .into_iter()
        .enumerate()
    {
        out[changed[k]] = l;
    }
    Ok(out)
}

/// Run the statistics and interpretation on given yields.
pub fn report(
    cfg: &ExperimentConfig,
    yields: Yields,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
) -> Result<Report, LimitsError> {
    let dark_photon = cfg.production.model == Mediator::Vector;
    // Table V and the cut scan do not depend on the main limits: computed alongside them, so
    // that both cores stay busy through the stage (every limit is computed alone, the results
    // do not depend on the order; errors are reported in the order of the steps below).
    let ((limits, derived), (table_v, cut_scan)) = rayon::join(
        || {
            let limits = limits(cfg, &yields.main, overrides, progress);
            let derived = limits
                .as_ref()
                .ok()
                .map(|l| derived_limits(cfg, &yields, l, overrides, dark_photon));
            (limits, derived)
        },
        || {
            rayon::join(
                || {
                    if dark_photon {
                        table_v::rows(cfg, &yields)
                    } else {
                        Ok(Vec::new())
                    }
                },
                || cut_scan(cfg, &yields.main),
            )
        },
    );
    let limits = limits?;
    let (limits_no_annihilation, eps_by_alpha) = derived.expect("computed with the limits")?;
    let relic = if dark_photon {
        let it = &cfg.interpretation;
        RelicTargets::for_interpretation(
            it.alpha_d.first().copied().unwrap_or(TABLE_ALPHA_D),
            it.mass_ratio,
        )?
    } else {
        RelicTargets::table().clone()
    };
    let dm = limits
        .iter()
        .enumerate()
        .filter(|(_, l)| dark_photon && l.limit.observed.is_finite())
        .map(|(i, l)| {
            let eps: Vec<f64> = eps_by_alpha.iter().map(|e| e[i].limit.observed).collect();
            dm::interpret_per_alpha_d(
                l.mass_gev,
                l.limit.observed,
                &eps,
                &cfg.interpretation,
                &relic,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    let table_v = table_v?;
    let cut_scan = cut_scan?;
    Ok(Report {
        config: cfg.clone(),
        yields,
        limits,
        limits_no_annihilation,
        dm,
        table_v,
        cut_scan,
        background_override: overrides.background.clone(),
    })
}

/// The limits that follow from the main ones where the annihilation part of the yields
/// changes: without annihilation (empty when there is none), and the ε limit of every α_D of
/// the interpretation (observed only).
fn derived_limits(
    cfg: &ExperimentConfig,
    yields: &Yields,
    limits: &[MassLimit],
    overrides: &Overrides,
    dark_photon: bool,
) -> Result<(Vec<MassLimit>, Vec<Vec<MassLimit>>), LimitsError> {
    let with_annihilation = yields.main.points.iter().any(|p| p.annihilation > 0.0);
    let settings = combine::settings(cfg);
    let limits_no_annihilation = match yields.main.without_annihilation() {
        Some(set) if with_annihilation => {
            limits_where_changed(cfg, &set, &yields.main, limits, overrides, &settings)?
        }
        _ => Vec::new(),
    };
    // The ε limit of every α_D of the interpretation: the annihilation yield depends on α_D
    // through the A' width (yields without per-α_D annihilation use the configured one). Only
    // its observed limit is used: no expected band (it would not change the observed limit).
    let observed_only = settings.expected(false);
    let eps_by_alpha = cfg
        .interpretation
        .alpha_d
        .iter()
        .map(|&a| match yields.main.at_alpha_d(a) {
            Some(set) if dark_photon && with_annihilation => {
                limits_where_changed(cfg, &set, &yields.main, limits, overrides, &observed_only)
            }
            _ => Ok(limits.to_vec()),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((limits_no_annihilation, eps_by_alpha))
}
