//! Running a prepared shower Monte Carlo (`shower`, `yield`) whole or as one shard.

use aprime_shower::{ShowerResult, ShowerSimulation};

use crate::options::ResultFiles;
use crate::output::write_json;
use crate::progress::Progress;

/// Run `sim` (whole, or shard K of N) and write its result files; returns the full result when
/// not sharded (a shard's partial result goes to `files.out`, default standard output).
pub fn execute(
    sim: &ShowerSimulation,
    shard: Option<(u64, u64)>,
    files: &ResultFiles,
    label: &str,
    quiet: bool,
) -> anyhow::Result<Option<ShowerResult>> {
    let events = match shard {
        Some((k, n)) => {
            let c = sim.n_chunks();
            let (lo, hi) = (k * c / n, (k + 1) * c / n);
            (hi * sim.config.chunk_events).min(sim.config.events) - lo * sim.config.chunk_events
        }
        None => sim.config.events,
    };
    let progress = Progress::new(quiet, label, events);
    let tick = |n: u64| progress.inc(n);
    if let Some((k, n)) = shard {
        let part = sim.run_shard(k, n, Some(&tick))?;
        progress.finish();
        write_json(files.out.as_deref(), &part)?;
        return Ok(None);
    }
    let r = sim.run(Some(&tick))?;
    progress.finish();
    if let Some(f) = &files.save {
        write_json(Some(f), &r)?;
    }
    Ok(Some(r))
}
