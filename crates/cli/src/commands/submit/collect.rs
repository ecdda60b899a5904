//! `aprime submit collect DIR`: the merge step of a submission (what `merge.sbatch` runs; also
//! by hand). Checks every shard first — a missing or bad one fails the step with its name, its
//! log and its Slurm state, before anything is merged — then merges: the yields shards of
//! `run` into `yields.json`, the partial results of `yield` into the complete result, the
//! event files of `simulate` into the final file. Outputs are written atomically, then
//! `merge.done`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use aprime_limits::merge_yields_shards;

use super::manifest::{MERGE_DONE, Manifest};
use super::shards::{Parts, read_parts, summary};
use crate::output::{OutputFormat, write_atomic, write_json};
use crate::summary::print_yields;

/// Options of `aprime submit collect`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Submission directory (written by `aprime submit slurm`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let dir = &self.dir;
        let m = Manifest::read(dir)?;
        let (parts, problems) = read_parts(dir, &m);
        if !problems.is_empty() {
            bail!(
                "{} of {} shards missing or bad, nothing merged: {} (resubmit them: aprime submit slurm --resume {})",
                problems.len(),
                m.shards,
                summary(&problems),
                dir.display()
            );
        }
        let done = dir.join(MERGE_DONE);
        // A new merge makes an older marker stale until it succeeds.
        let _ = std::fs::remove_file(&done);
        merge(parts, &m)?;
        write_atomic(&done, |f| {
            std::io::Write::write_all(f, super::clock::utc_now().0.as_bytes())
        })?;
        println!(
            "merged {} shards of aprime {} into {}",
            m.shards,
            m.job.name(),
            m.merged.display()
        );
        Ok(())
    }
}

fn merge(parts: Parts, m: &Manifest) -> anyhow::Result<()> {
    match parts {
        Parts::Run(shards) => {
            let yields = merge_yields_shards(shards).context("merging the yields shards")?;
            write_json(Some(&m.merged), &yields)
        }
        Parts::Yield(parts) => {
            let r = aprime_shower::merge(&parts).context("merging the shards")?;
            write_json(Some(&m.merged), &r)?;
            print_yields(&r, OutputFormat::Table)
        }
        Parts::Simulate(files) => {
            let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
            let format =
                aprime_detector::Format::from_path(Path::new(&format!("x.{}", m.part_ext)));
            let n = aprime_detector::merge_files(&inputs, &m.merged, format)
                .with_context(|| format!("merging into {}", m.merged.display()))?;
            eprintln!("{n} events written to {}", m.merged.display());
            Ok(())
        }
    }
}
