//! `aprime submit status DIR`: where a submission stands — its last attempt's jobs still in the
//! queue, the shards present and those missing (with their logs), the merge and the final step
//! — and what to do next.

use std::path::PathBuf;

use super::manifest::{FINAL_DONE, MERGE_DONE, Manifest};
use super::sbatch::{find, queued};
use super::shards::read_parts;

/// Options of `aprime submit status`.
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
        println!(
            "aprime {} in {} shards, written {} ({} attempt(s)); output {}",
            m.job.name(),
            m.shards,
            m.created,
            m.attempts.len(),
            m.output.display()
        );
        let mut in_queue = Vec::new();
        if let Some(a) = m.attempts.last() {
            println!(
                "last attempt {}: shards {} (job {}), merge job {}, final job {}",
                a.submitted,
                if a.tasks.is_empty() {
                    "none".to_string()
                } else {
                    a.tasks
                        .iter()
                        .map(u64::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                },
                a.array_job.as_deref().unwrap_or("-"),
                a.merge_job.as_deref().unwrap_or("-"),
                a.final_job.as_deref().unwrap_or("-")
            );
            if find("squeue").is_some() {
                in_queue = queued(&a.jobs())?;
                if in_queue.is_empty() {
                    println!("queue: none of its jobs");
                }
                for q in &in_queue {
                    println!("queue: {q}");
                }
            } else {
                println!("queue: unknown (squeue not on PATH)");
            }
        }
        let (_, problems) = read_parts(dir, &m);
        println!(
            "shards: {} of {} present",
            m.shards - problems.len() as u64,
            m.shards
        );
        for p in &problems {
            println!("  {}", p.line);
        }
        let merged = dir.join(MERGE_DONE).is_file();
        let finished = !m.has_final() || dir.join(FINAL_DONE).is_file();
        println!(
            "merge: {}",
            if merged {
                format!("done ({})", m.merged.display())
            } else {
                "not done".into()
            }
        );
        if m.has_final() {
            println!(
                "final: {}",
                if finished {
                    format!("done ({})", m.output.display())
                } else {
                    "not done".into()
                }
            );
        }
        let state = if merged && finished {
            "complete".to_string()
        } else if m.attempts.is_empty() {
            format!(
                "written, not submitted: aprime submit slurm --resume {}",
                dir.display()
            )
        } else if !in_queue.is_empty() {
            "running".to_string()
        } else {
            format!(
                "stopped before the end: aprime submit slurm --resume {}",
                dir.display()
            )
        };
        println!("state: {state}");
        Ok(())
    }
}
