//! `aprime merge`: combine the partial results of `aprime shower|yield --shard K --of N` into the
//! answer of the single run (bitwise: the tallies are exact fixed-point sums).

use aprime_shower::merge;

use super::shower::{print_shower, read_partial, write_json};
use super::yield_::print_yields;
use crate::output::Format;

/// Options of `aprime merge`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Partial-result files, one per shard (any order).
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<String>,
    /// Write the complete merged result (library `ShowerResult`, JSON) to this file.
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Output format of the summary printed (as the unsharded command would print it).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
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
            print_yields(&r, self.format)
        } else {
            print_shower(&r, self.format)
        }
    }
}
