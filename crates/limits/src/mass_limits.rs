//! Limits on the model's parameter (ε, or g for the Z' models) at every mass of a yield set: the
//! expected signal of every run ([`crate::coupling::ModelScale`]) combined by
//! [`crate::combine::eps_limit`] with the configuration's backgrounds and systematics.

use aprime_experiment::ExperimentConfig;
use aprime_physics::model::Mediator;
use aprime_stats::LimitSettings;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::combine::{self, EpsLimit};
use crate::coupling::ModelScale;
use crate::error::LimitsError;
use crate::progress::Progress;
use crate::signal::signal_per_eps2;
use crate::yield_data::YieldSet;

/// Limits at one mass. "Per ε²" reads "per parameter²" for the Z' models (per g²; `model`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MassLimit {
    /// X mass \[GeV\].
    pub mass_gev: f64,
    /// The model (its parameter: ε or g).
    #[serde(default)]
    pub model: Mediator,
    /// X produced per EOT per parameter² in the signal box of the first run (before BR).
    pub yield_per_eot_per_eps2: f64,
    /// Expected signal events per parameter², summed over runs (Σ a_i, with BR(invisible)).
    pub signal_per_eps2: f64,
    /// Per run a_i = EOT_i · efficiency_i · yield_i · BR(invisible).
    pub signal_per_eps2_by_run: Vec<f64>,
    /// σ scale of the model at this mass and BR(invisible) ([`ModelScale`]).
    #[serde(default = "ModelScale::dark_photon")]
    pub scale: ModelScale,
    /// The limit on the parameter.
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

/// Limits on the model's parameter at every mass of `set`.
pub fn limits(
    cfg: &ExperimentConfig,
    set: &YieldSet,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
) -> Result<Vec<MassLimit>, LimitsError> {
    limits_with(cfg, set, overrides, progress, &combine::settings(cfg))
}

/// [`limits`] with given limit settings (e.g. the configuration's without the expected band,
/// where only the observed limit is used: it is the same number, the band is solved after it).
pub(crate) fn limits_with(
    cfg: &ExperimentConfig,
    set: &YieldSet,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
    settings: &LimitSettings,
) -> Result<Vec<MassLimit>, LimitsError> {
    let cuts: Vec<f64> = cfg.runs.iter().map(|r| cfg.ecal_cut(r)).collect();
    let done = std::sync::atomic::AtomicU64::new(0);
    let n = set.points.len() as u64;
    set.points
        .par_iter()
        .map(|p| {
            let scale = ModelScale::new(cfg, p.mass_gev)?;
            let a: Vec<f64> = signal_per_eps2(cfg, p, &cuts, overrides.efficiency.as_deref())
                .into_iter()
                .map(|x| scale.signal(x))
                .collect();
            let limit = combine::eps_limit(cfg, &a, overrides.background.as_deref(), settings)?;
            let k = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(cb) = progress {
                cb("limits", k, n);
            }
            Ok(MassLimit {
                mass_gev: p.mass_gev,
                model: scale.model,
                yield_per_eot_per_eps2: scale.production(p.above(cfg.beam.energy_gev - cuts[0])),
                signal_per_eps2: a.iter().sum(),
                signal_per_eps2_by_run: a,
                scale,
                limit,
            })
        })
        .collect()
}
