//! Library side of the `aprime` binary: argument parsing, subcommands and output formatting.
//!
//! Layout (the rules of the CLI):
//! - [`commands`]: one module per subcommand, each with its own clap `Opts` and `run`; no
//!   command module imports another — what two commands share lives in the modules below;
//! - [`options`]: option groups shared by several commands (`#[command(flatten)]`);
//! - [`parse`]: every value parser and validator;
//! - [`output`]: tables (text/CSV/JSON) and JSON output; [`summary`]: the summaries printed by
//!   more than one command;
//! - [`progress`]: the one progress bar; [`writable`]: the check of output paths before any
//!   long work; [`shower_job`]: running the shower Monte Carlo whole or as one shard;
//!   [`shard_files`]: reading the part files of sharded runs back;
//!   [`coupling`]: cross sections at the model's own coupling and its name in headers.

pub mod commands;
pub mod coupling;
pub mod options;
pub mod output;
pub mod parse;
pub mod progress;
pub mod shard_files;
pub mod shower_job;
pub mod summary;
pub mod writable;

use anyhow::Context;
use clap::Parser;

/// aprime — the NA64 dark-photon (A' → invisible) search from first principles.
#[derive(Debug, Parser)]
#[command(name = "aprime", version, about, long_about = None, propagate_version = true)]
pub struct Opts {
    /// Number of worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N", value_parser = parse::count::<usize>)]
    pub threads: Option<usize>,
    #[command(subcommand)]
    pub command: commands::Command,
}

impl Opts {
    /// Set up the thread pool and run the chosen subcommand.
    pub fn run(&self) -> anyhow::Result<()> {
        if let Some(n) = self.threads {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build_global()
                .context("could not start the thread pool")?;
        }
        self.command.run()
    }
}

/// A command-line error of clap (unknown option, bad value) as one line `error: …`, with
/// clap's further lines (the missing arguments, a tip) joined to it; the usage and the
/// `--help` pointer are left out.
pub fn one_line(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let mut parts = text.lines().map(str::trim).filter(|l| {
        !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
    });
    let first = parts
        .next()
        .unwrap_or("error: invalid command line")
        .to_string();
    parts.fold(first, |acc, l| {
        if acc.ends_with(':') {
            format!("{acc} {l}")
        } else {
            format!("{acc}; {l}")
        }
    })
}
