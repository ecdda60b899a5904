//! Shards and their merge: shard `k` of `n` runs chunks ⌊k·C/n⌋ .. ⌊(k+1)·C/n⌋ of the C chunks
//! of a run, and merging the n partial results gives bitwise the numbers of the single run
//! (chunk tallies are combined exactly, [`crate::tally`]).

use serde::{Deserialize, Serialize};

use crate::error::{Result, ShowerError, ensure};
use crate::result::{ShowerResult, SignalEvent};
use crate::run_config::RunConfig;
use crate::simulation::{Progress, ShowerSimulation};
use crate::tally::ExactTally;

/// A partial result of shard `shard` of `of` (JSON file for `aprime merge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartialResult {
    /// Format tag.
    pub format: String,
    /// Run configuration (must be identical in all shards).
    pub config: RunConfig,
    /// Name of the dark-bremsstrahlung source.
    pub source: Option<String>,
    /// Shard index.
    pub shard: u64,
    /// Number of shards.
    pub of: u64,
    /// Exact sums.
    pub tally: ExactTally,
    /// Replayed signal events.
    pub signals: Vec<SignalEvent>,
}

/// Format tag of partial results.
pub const PARTIAL_FORMAT: &str = "aprime-shower-partial-1";

impl ShowerSimulation {
    /// Run shard `shard` of `of` and return the partial result.
    pub fn run_shard(
        &self,
        shard: u64,
        of: u64,
        progress: Option<Progress<'_>>,
    ) -> Result<PartialResult> {
        ensure(of >= 1, || "the number of shards must be at least 1".into())?;
        ensure(shard < of, || {
            format!("shard index {shard} must be below the number of shards {of}")
        })?;
        let c = self.n_chunks();
        let (lo, hi) = (shard * c / of, (shard + 1) * c / of);
        let (tally, signals) = self.run_range(lo, hi, progress);
        Ok(PartialResult {
            format: PARTIAL_FORMAT.into(),
            config: self.config.clone(),
            source: self.source.clone(),
            shard,
            of,
            tally,
            signals,
        })
    }
}

/// Merge partial results of all shards into the single-run result.
pub fn merge(parts: &[PartialResult]) -> Result<ShowerResult> {
    let Some(first) = parts.first() else {
        return Err(ShowerError::Merge("no partial results given".into()));
    };
    let of = first.of;
    let mut seen = vec![false; of as usize];
    for p in parts {
        if p.format != PARTIAL_FORMAT {
            return Err(ShowerError::Merge(format!(
                "unknown format '{}' (expected {PARTIAL_FORMAT})",
                p.format
            )));
        }
        if p.config != first.config || p.of != of || p.source != first.source {
            return Err(ShowerError::Merge(
                "the partial results come from different runs (configuration, seed or shard count)"
                    .into(),
            ));
        }
        if p.shard >= of || seen[p.shard as usize] {
            return Err(ShowerError::Merge(format!(
                "shard {} given twice or out of range",
                p.shard
            )));
        }
        seen[p.shard as usize] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(ShowerError::Merge(format!(
            "shard {missing} of {of} is missing"
        )));
    }
    let sim = ShowerSimulation::build(first.config.clone(), None, false)?;
    let sim = ShowerSimulation {
        source: first.source.clone(),
        ..sim
    };
    let mut t = ExactTally::zeros(sim.layout.len);
    let mut signals = Vec::new();
    for p in parts {
        if p.tally.values.len() != t.values.len() {
            return Err(ShowerError::Merge("tally layouts differ".into()));
        }
        t.add(&p.tally);
        signals.extend(p.signals.iter().cloned());
    }
    signals.sort_by_key(|s| (s.event, s.mass_index));
    sim.finish(&t, signals)
}
