//! The yields of a report in shards (`aprime run --yields-only --shard K --of N`, the tasks of a
//! cluster job array): shard K of N runs shard K of N of every yield set of
//! [`yield_plans`] — each set split by its own chunks, so the shards are balanced — and the N
//! shards merged give bitwise the yields of [`crate::compute_yields`]: the shower tallies are
//! exact fixed-point sums (`aprime_shower::merge`) and both paths share every other step.

use aprime_experiment::ExperimentConfig;
use aprime_shower::{PartialResult, merge};
use serde::{Deserialize, Serialize};

use crate::error::LimitsError;
use crate::progress::Progress;
use crate::yield_data::{YieldSet, Yields};
use crate::yields::{assemble_yields, yield_plans, yield_simulation};

pub use crate::yield_shards_error::{YIELDS_SHARD_FORMAT, YieldShardsError};

/// Shard `shard` of `of` of the yields of a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YieldsShard {
    /// Format tag ([`YIELDS_SHARD_FORMAT`]).
    pub format: String,
    /// The configuration (after command-line overrides): the merge rebuilds the plans from it.
    pub config: ExperimentConfig,
    /// Shard index.
    pub shard: u64,
    /// Number of shards.
    pub of: u64,
    /// This shard's partial shower result of each simulated set of [`yield_plans`], in order
    /// (the sets a model does not simulate have none).
    pub parts: Vec<PartialResult>,
}

/// Run shard `shard` of `of` of every yield set of `cfg`. Progress reports the sets as stages.
pub fn yields_shard(
    cfg: &ExperimentConfig,
    shard: u64,
    of: u64,
    progress: Option<Progress<'_>>,
) -> Result<YieldsShard, LimitsError> {
    let mut parts = Vec::new();
    for plan in yield_plans(cfg).iter().filter(|p| p.simulated) {
        let sim = yield_simulation(
            cfg,
            plan.model,
            plan.annihilation,
            &plan.masses,
            plan.e_min_gev,
        )?;
        // Events of this shard: chunks ⌊K·C/N⌋ .. ⌊(K+1)·C/N⌋ (`aprime_shower` shards).
        let (c, size, events) = (sim.n_chunks(), sim.config.chunk_events, sim.config.events);
        let (lo, hi) = (shard * c / of.max(1), (shard + 1) * c / of.max(1));
        let total = (hi * size).min(events).saturating_sub(lo * size);
        let cb = |n: u64| {
            if let Some(p) = progress {
                p(plan.label, n, total);
            }
        };
        parts.push(sim.run_shard(shard, of, Some(&cb))?);
    }
    Ok(YieldsShard {
        format: YIELDS_SHARD_FORMAT.into(),
        config: cfg.clone(),
        shard,
        of,
        parts,
    })
}

/// Merge the shards 0..N of one run (any order) into the yields of the unsharded run.
pub fn merge_yields_shards(shards: Vec<YieldsShard>) -> Result<Yields, LimitsError> {
    let first = shards.first().ok_or(YieldShardsError::NoShards)?;
    let (cfg, of, first_shard) = (first.config.clone(), first.of, first.shard);
    let plans = yield_plans(&cfg);
    let simulated = plans.iter().filter(|p| p.simulated).count();
    let mut seen = vec![false; usize::try_from(of).unwrap_or(usize::MAX).min(1 << 20)];
    for s in &shards {
        if s.format != YIELDS_SHARD_FORMAT {
            return Err(YieldShardsError::Format {
                shard: s.shard,
                found: s.format.clone(),
            }
            .into());
        }
        if s.of != of || s.config != cfg {
            return Err(YieldShardsError::DifferentRun {
                shard: s.shard,
                of: s.of,
                first: first_shard,
                first_of: of,
            }
            .into());
        }
        match seen.get_mut(s.shard as usize) {
            Some(slot) if !*slot && s.shard < of => *slot = true,
            _ => return Err(YieldShardsError::Duplicate { shard: s.shard, of }.into()),
        }
        if s.parts.len() != simulated {
            return Err(YieldShardsError::Sets {
                shard: s.shard,
                found: s.parts.len(),
                expected: simulated,
            }
            .into());
        }
    }
    if let Some(missing) = (0..of).find(|k| !seen.get(*k as usize).copied().unwrap_or(false)) {
        return Err(YieldShardsError::Missing { shard: missing, of }.into());
    }
    // Per simulated set, the parts of every shard.
    let mut by_set: Vec<Vec<PartialResult>> = (0..simulated).map(|_| Vec::new()).collect();
    for s in shards {
        for (set, part) in by_set.iter_mut().zip(s.parts) {
            set.push(part);
        }
    }
    let mut merged_sets = by_set.iter();
    let mut sets: Vec<YieldSet> = Vec::new();
    for plan in &plans {
        if !plan.simulated {
            sets.push(plan.empty_set(&cfg));
            continue;
        }
        let parts = merged_sets.next().ok_or(YieldShardsError::Sets {
            shard: first_shard,
            found: by_set.len(),
            expected: simulated,
        })?;
        let res = merge(parts)?;
        sets.push(plan.set_from(&cfg, &res)?);
    }
    let [main, etl, ww]: [YieldSet; 3] =
        sets.try_into()
            .map_err(|v: Vec<YieldSet>| YieldShardsError::Sets {
                shard: first_shard,
                found: v.len(),
                expected: 3,
            })?;
    Ok(assemble_yields(&cfg, [main, etl, ww]))
}
