//! ε limits at every mass of a yield set: the expected signal of every run combined by
//! [`crate::combine::eps_limit`] with the configuration's backgrounds and systematics.

use aprime_experiment::ExperimentConfig;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::combine::{self, EpsLimit};
use crate::error::LimitsError;
use crate::progress::Progress;
use crate::signal::signal_per_eps2;
use crate::yield_data::YieldSet;

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
