//! `aprime merge-events`: concatenate the shard files of `aprime simulate --shard K --of N` into
//! the file of the single run (row for row identical).

use std::path::{Path, PathBuf};

use anyhow::Context;
use aprime_detector::merge_files;

use crate::options::EventFileFormat;
use crate::writable::ensure_writable;

/// Options of `aprime merge-events`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Shard files (any order).
    #[arg(required = true, value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// Merged event file (.parquet or .csv); written atomically.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// File format (default: from the extension of --out).
    #[arg(long, value_enum)]
    pub format: Option<EventFileFormat>,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        ensure_writable(&self.out, "--out")?;
        let inputs: Vec<&Path> = self.files.iter().map(PathBuf::as_path).collect();
        let format = self.format.map(EventFileFormat::detector);
        let n = merge_files(&inputs, &self.out, format)
            .with_context(|| format!("merging into {}", self.out.display()))?;
        eprintln!("{n} events written to {}", self.out.display());
        Ok(())
    }
}
