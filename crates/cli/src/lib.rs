//! Library side of the `aprime` binary: argument parsing, subcommands and output formatting.

pub mod commands;
pub mod output;
pub mod parse;

use anyhow::Context;
use clap::Parser;

/// aprime — the NA64 dark-photon (A' → invisible) search from first principles.
#[derive(Debug, Parser)]
#[command(name = "aprime", version, about, long_about = None, propagate_version = true)]
pub struct Opts {
    /// Number of worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: commands::Command,
}

impl Opts {
    /// Set up the thread pool and run the chosen subcommand.
    pub fn run(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            anyhow::ensure!(n > 0, "--threads must be at least 1, got {n}");
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .context("could not start the thread pool")?;
        }
        self.command.run()
    }
}
