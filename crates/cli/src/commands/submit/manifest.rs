//! `manifest.json` of a submission directory: what was submitted (job, options, shards,
//! outputs, Slurm resources, binary) and every attempt (job ids, tasks). It is all that
//! `--resume`, `collect` and `status` need; it is rewritten atomically.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::job::JobKind;
use crate::output::write_atomic;

/// Format tag of `manifest.json`.
pub const SUBMISSION_FORMAT: &str = "aprime-slurm-submission-1";
/// The file names of a submission directory.
pub const MANIFEST: &str = "manifest.json";
/// The job array script.
pub const SHARD_SCRIPT: &str = "shard.sbatch";
/// The merge script.
pub const MERGE_SCRIPT: &str = "merge.sbatch";
/// The final-step script (`run`).
pub const FINAL_SCRIPT: &str = "final.sbatch";
/// Written by the merge when every shard was merged.
pub const MERGE_DONE: &str = "merge.done";
/// Written by the final step when it succeeded.
pub const FINAL_DONE: &str = "final.done";
/// Shard outputs.
pub const PARTS: &str = "parts";
/// Slurm logs.
pub const LOGS: &str = "logs";

/// Slurm resources of every step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resources {
    /// Partition(s) (`None`: the cluster's default).
    pub partition: Option<String>,
    /// Account.
    pub account: Option<String>,
    /// Wall-time limit of each task and step.
    pub time: String,
    /// Memory per task.
    pub mem: String,
    /// CPUs per task (also the `--threads` of each step).
    pub cpus_per_task: u32,
    /// At most this many array tasks at once.
    pub max_parallel: Option<u64>,
    /// Extra `#SBATCH` options.
    pub extra: Vec<String>,
}

/// One submission to Slurm of (part of) the work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// When (UTC).
    pub submitted: String,
    /// Shards submitted as array tasks (empty: none).
    pub tasks: Vec<u64>,
    /// Job id of the array.
    pub array_job: Option<String>,
    /// Job id of the merge.
    pub merge_job: Option<String>,
    /// Job id of the final step.
    pub final_job: Option<String>,
}

impl Attempt {
    /// Its job ids.
    pub fn jobs(&self) -> Vec<String> {
        [&self.array_job, &self.merge_job, &self.final_job]
            .into_iter()
            .flatten()
            .cloned()
            .collect()
    }
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`SUBMISSION_FORMAT`].
    pub format: String,
    /// aprime version that wrote it (the scripts run `aprime`).
    pub version: String,
    /// The aprime binary the scripts run.
    pub aprime: PathBuf,
    /// The job.
    pub job: JobKind,
    /// The job's options as given (`aprime JOB ARGS`).
    pub args: Vec<String>,
    /// Number of shards.
    pub shards: u64,
    /// Extension of the shard files.
    pub part_ext: String,
    /// The merged result.
    pub merged: PathBuf,
    /// The final output.
    pub output: PathBuf,
    /// Slurm resources.
    pub resources: Resources,
    /// When the directory was written (UTC).
    pub created: String,
    /// Submissions, oldest first (none after `--dry-run`).
    pub attempts: Vec<Attempt>,
}

impl Manifest {
    /// The shard file of shard `k`, relative to the directory.
    pub fn part(&self, k: u64) -> PathBuf {
        Path::new(PARTS).join(format!("part-{k}.{}", self.part_ext))
    }

    /// Whether the job has a final step after the merge.
    pub fn has_final(&self) -> bool {
        self.job == JobKind::Run
    }

    /// Read `DIR/manifest.json`.
    pub fn read(dir: &Path) -> anyhow::Result<Self> {
        let path = dir.join(MANIFEST);
        let text = std::fs::read_to_string(&path).with_context(|| {
            format!(
                "{} is not a submission directory: cannot read {}",
                dir.display(),
                path.display()
            )
        })?;
        let m: Self = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a valid submission manifest", path.display()))?;
        if m.format != SUBMISSION_FORMAT {
            bail!(
                "{}: format '{}', expected '{SUBMISSION_FORMAT}'",
                path.display(),
                m.format
            );
        }
        Ok(m)
    }

    /// Write `DIR/manifest.json` atomically.
    pub fn write(&self, dir: &Path) -> anyhow::Result<()> {
        write_atomic(&dir.join(MANIFEST), |f| {
            serde_json::to_writer_pretty(&mut *f, self)?;
            std::io::Write::write_all(f, b"\n")
        })
    }
}
