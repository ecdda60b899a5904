//! `aprime submit`: run a job (`yield`, `simulate`, `run`) on a cluster as a job array of shards,
//! a merge that depends on it and, for `run`, the final limits step after the merge
//! (docs/cluster.md). Everything a submission needs lives in its directory: `manifest.json`,
//! the scripts, `parts/` and `logs/`.
//!
//! - `submit slurm` writes the directory and submits with `sbatch` ([`slurm`]), or resubmits
//!   what an earlier submission still lacks (`--resume`);
//! - `submit collect` is the merge step: checks every shard, then merges ([`collect`]);
//! - `submit status` tells where a submission stands ([`status`]).

mod argv;
mod clock;
mod collect;
mod job;
mod manifest;
mod sbatch;
mod script;
mod shards;
mod slurm;
mod status;

use clap::Subcommand;

/// Options of `aprime submit`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    #[command(subcommand)]
    pub action: Action,
}

/// What `aprime submit` does.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Write a Slurm job array (one task per shard), a merge job after it and, for `run`, the
    /// limits step after the merge; submit them with sbatch (or resubmit with --resume).
    Slurm(Box<slurm::Opts>),
    /// Check every shard of a submission and merge them (the merge job runs this).
    Collect(collect::Opts),
    /// Where a submission stands: jobs in the queue, shards present or missing (with their
    /// logs), merge and final step.
    Status(status::Opts),
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        match &self.action {
            Action::Slurm(o) => o.run(),
            Action::Collect(o) => o.run(),
            Action::Status(o) => o.run(),
        }
    }
}
