//! `aprime merge`: combine the partial results of `aprime shower|yield --shard K --of N` into the
//! answer of the single run (bitwise: the tallies are exact fixed-point sums), or the yields
//! shards of `aprime run --yields-only --shard K --of N` into the `yields.json` of the single run.

use std::path::PathBuf;

use aprime_limits::merge_yields_shards;
use aprime_limits::yield_shards::YIELDS_SHARD_FORMAT;
use aprime_shower::merge;

use crate::options::FormatArg;
use crate::output::write_json;
use crate::shard_files::{format_tag, parse_partial, parse_yields_shard, read_text};
use crate::summary::{print_shower, print_yields};
use crate::writable::ensure_writable;

/// Options of `aprime merge`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("format", |a| a.help("Output format of the summary printed (as the unsharded command would print it)")))]
pub struct Opts {
    /// Partial-result files, one per shard (any order).
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Write the complete merged result (library `ShowerResult`, JSON; for yields shards the
    /// `yields.json` of `aprime limits --yields`) to this file (default for yields shards:
    /// standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub output: FormatArg,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        if let Some(f) = &self.out {
            ensure_writable(f, "--out")?;
        }
        let texts = self
            .files
            .iter()
            .map(|f| read_text(f))
            .collect::<anyhow::Result<Vec<_>>>()?;
        if texts
            .first()
            .and_then(|t| format_tag(t))
            .is_some_and(|t| t == YIELDS_SHARD_FORMAT)
        {
            let shards = texts
                .iter()
                .zip(&self.files)
                .map(|(t, f)| parse_yields_shard(t, f))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let yields = merge_yields_shards(shards)?;
            return write_json(self.out.as_deref(), &yields);
        }
        let parts = texts
            .iter()
            .zip(&self.files)
            .map(|(t, f)| parse_partial(t, f))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let r = merge(&parts)?;
        if let Some(f) = &self.out {
            write_json(Some(f), &r)?;
        }
        if r.config.dark.is_some() {
            print_yields(&r, self.output.format)
        } else {
            print_shower(&r, self.output.format)
        }
    }
}
