//! One module per subcommand, each with its own clap options struct and `run`. A command
//! module never imports another: shared option groups are in [`crate::options`], parsers in
//! [`crate::parse`], shared summaries in [`crate::summary`], the progress bar in
//! [`crate::progress`].

pub mod analyze;
pub mod cls;
pub mod dimuon;
pub mod kfactor;
pub mod limits;
pub mod merge;
pub mod merge_events;
pub mod project;
pub mod run;
pub mod shower;
pub mod simulate;
pub mod submit;
pub mod validate;
pub mod xsec;
pub mod yield_;

use clap::Subcommand;

/// The subcommands of `aprime`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// The main job: A' yields → combined CLs limits on ε → dark-matter limits, tables, HEPData
    /// and plots, for an embedded NA64 configuration (default na64-2016-2018) or a TOML file.
    Run(run::Opts),
    /// Total (or differential) A' production cross section per atom for ε = 1.
    Xsec(xsec::Opts),
    /// k-factor table k = σ_WW/σ_ETL over masses and beam energies (paper 002 Fig. 2).
    Kfactor(kfactor::Opts),
    /// Dimuon pair production γZ → μ⁺μ⁻Z cross section (paper 002 eq. 18–22).
    Dimuon(dimuon::Opts),
    /// Electromagnetic shower profiles and track lengths in a target.
    Shower(shower::Opts),
    /// A' yield per electron on target and per ε² from the shower Monte Carlo.
    #[command(name = "yield")]
    Yield(yield_::Opts),
    /// Merge the partial results of sharded runs (`--shard K --of N`) into the one-run answer.
    Merge(merge::Opts),
    /// Redo the limits, interpretation and report from saved yields (no re-simulation).
    Limits(limits::Opts),
    /// Expected limits projected to other exposures (`--eot`), backgrounds per particle on
    /// target and beam energies, next to the configuration's current limits.
    Project(project::Opts),
    /// CLs upper limit on the total signal from several counting channels (runs).
    Cls(cls::Opts),
    /// Blind missing-energy analysis of an event file: cut flow, side-band background,
    /// efficiencies, dimuon benchmark, limits (paper 002 §IV–IX).
    Analyze(analyze::Opts),
    /// Event-level simulation of the NA64 setup (signal and backgrounds) into an event file.
    Simulate(simulate::Opts),
    /// Concatenate the shard files of `aprime simulate --shard K --of N`.
    #[command(name = "merge-events")]
    MergeEvents(merge_events::Opts),
    /// Run `yield`, `simulate` or `run` on a cluster: a Slurm job array of shards, the merge
    /// and the final step (docs/cluster.md).
    Submit(submit::Opts),
    /// Every published number of the papers the tool can compute, next to ours (paper, table,
    /// tolerance, pass/fail), written as CSV, Markdown and JSON.
    Validate(validate::Opts),
}

impl Command {
    /// Run the subcommand.
    pub fn run(&self) -> anyhow::Result<()> {
        match self {
            Self::Run(o) => o.run(),
            Self::Xsec(o) => o.run(),
            Self::Kfactor(o) => o.run(),
            Self::Dimuon(o) => o.run(),
            Self::Shower(o) => o.run(),
            Self::Yield(o) => o.run(),
            Self::Merge(o) => o.run(),
            Self::Limits(o) => o.run(),
            Self::Project(o) => o.run(),
            Self::Cls(o) => o.run(),
            Self::Analyze(o) => o.run(),
            Self::Simulate(o) => o.run(),
            Self::MergeEvents(o) => o.run(),
            Self::Submit(o) => o.run(),
            Self::Validate(o) => o.run(),
        }
    }
}
