//! `aprime merge`: combine the partial results of `aprime shower|yield --shard K --of N` into the
//! answer of the single run (bitwise: the tallies are exact fixed-point sums).

use std::path::PathBuf;

use aprime_shower::merge;

use crate::options::FormatArg;
use crate::output::write_json;
use crate::shower_job::read_partial;
use crate::summary::{print_shower, print_yields};
use crate::writable::ensure_writable;

/// Options of `aprime merge`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("format", |a| a.help("Output format of the summary printed (as the unsharded command would print it)")))]
pub struct Opts {
    /// Partial-result files, one per shard (any order).
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Write the complete merged result (library `ShowerResult`, JSON) to this file.
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
        let parts = self
            .files
            .iter()
            .map(|f| read_partial(f))
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
