//! The shard files of a submission: which are present and whole, which are missing or bad —
//! each named with its newest log and, while Slurm still knows the task, its state — and the
//! parts themselves for the merge. A shard file is written atomically by its task, so one that
//! exists and parses as the right shard is complete.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aprime_limits::YieldsShard;
use aprime_limits::yield_shards::YIELDS_SHARD_FORMAT;
use aprime_shower::{PARTIAL_FORMAT, PartialResult};

use super::job::JobKind;
use super::manifest::{LOGS, Manifest};
use super::sbatch::task_state;
use crate::shard_files::{read_partial, read_yields_shard};

/// The shard files read back.
#[derive(Debug)]
pub enum Parts {
    /// Yields shards of `run`.
    Run(Vec<YieldsShard>),
    /// Partial shower results of `yield`.
    Yield(Vec<PartialResult>),
    /// Event files of `simulate` (checked by their metadata).
    Simulate(Vec<PathBuf>),
}

/// A shard that is missing or unusable, with what is known about it.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Shard index.
    pub shard: u64,
    /// One line: what is wrong, its log's last line, its Slurm state.
    pub line: String,
}

/// Check shard `k`'s file and add it to `parts` (`simulate`: its path).
fn check(dir: &Path, m: &Manifest, k: u64, parts: &mut Parts) -> Result<(), String> {
    let rel = m.part(k);
    let path = dir.join(&rel);
    let shown = rel.display();
    if !path.is_file() {
        return Err(if path.exists() {
            format!("{shown} is not a file")
        } else {
            format!("no output {shown}")
        });
    }
    let wrong = |s: u64, of: u64| format!("{shown} holds shard {s} of {of}");
    match parts {
        Parts::Run(v) => {
            let p = read_yields_shard(&path).map_err(|e| format!("{e:#}"))?;
            if p.format != YIELDS_SHARD_FORMAT {
                return Err(format!("{shown}: format '{}'", p.format));
            }
            if (p.shard, p.of) != (k, m.shards) {
                return Err(wrong(p.shard, p.of));
            }
            v.push(p);
        }
        Parts::Yield(v) => {
            let p = read_partial(&path).map_err(|e| format!("{e:#}"))?;
            if p.format != PARTIAL_FORMAT {
                return Err(format!("{shown}: format '{}'", p.format));
            }
            if (p.shard, p.of) != (k, m.shards) {
                return Err(wrong(p.shard, p.of));
            }
            v.push(p);
        }
        Parts::Simulate(v) => {
            let meta = aprime_detector::read_metadata(&path)
                .map_err(|e| format!("{shown}: {e}"))?
                .ok_or_else(|| format!("{shown}: no aprime metadata"))?;
            if (meta.shard, meta.of) != (k, m.shards) {
                return Err(wrong(meta.shard, meta.of));
            }
            v.push(path);
        }
    }
    Ok(())
}

/// Read every shard file of the submission in `dir`: the parts, and the problems (empty when
/// every shard is there and whole).
pub fn read_parts(dir: &Path, m: &Manifest) -> (Parts, Vec<Problem>) {
    let mut parts = match m.job {
        JobKind::Run => Parts::Run(Vec::new()),
        JobKind::Yield => Parts::Yield(Vec::new()),
        JobKind::Simulate => Parts::Simulate(Vec::new()),
    };
    let mut problems = Vec::new();
    for k in 0..m.shards {
        if let Err(what) = check(dir, m, k, &mut parts) {
            problems.push(Problem {
                shard: k,
                line: describe(dir, m, k, &what),
            });
        }
    }
    (parts, problems)
}

/// `shard K of N: WHAT; log LOG: LAST LINE; Slurm: STATE`.
fn describe(dir: &Path, m: &Manifest, k: u64, what: &str) -> String {
    let mut line = format!("shard {k} of {}: {what}", m.shards);
    match newest_log(dir, k) {
        Some((rel, last)) => {
            let _ = write!(line, "; log {rel}");
            if let Some(l) = last {
                let _ = write!(line, ": {l}");
            }
        }
        None => line += "; no log (the task has not run)",
    }
    let job = m
        .attempts
        .iter()
        .rev()
        .find(|a| a.tasks.contains(&k))
        .and_then(|a| a.array_job.clone());
    if let Some(state) = job.and_then(|j| task_state(&format!("{j}_{k}"))) {
        let _ = write!(line, "; Slurm: {state}");
    }
    line
}

/// The newest log of shard `k` (`logs/shard-K.JOBID.log`, highest job id) and its last
/// non-empty line (at most 300 characters).
fn newest_log(dir: &Path, k: u64) -> Option<(String, Option<String>)> {
    let prefix = format!("shard-{k}.");
    let (_, name) = std::fs::read_dir(dir.join(LOGS))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let job: u64 = name
                .strip_prefix(&prefix)?
                .strip_suffix(".log")?
                .parse()
                .ok()?;
            Some((job, name))
        })
        .max()?;
    let rel = format!("{LOGS}/{name}");
    let last = std::fs::read_to_string(dir.join(&rel)).ok().and_then(|t| {
        t.lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(|l| l.chars().take(300).collect())
    });
    Some((rel, last))
}

/// The problems as one line: the first few, and how many more.
pub fn summary(problems: &[Problem]) -> String {
    const SHOWN: usize = 4;
    let mut s = problems
        .iter()
        .take(SHOWN)
        .map(|p| p.line.as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    if problems.len() > SHOWN {
        let _ = write!(s, " | and {} more", problems.len() - SHOWN);
    }
    s
}
