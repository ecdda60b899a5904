//! `aprime submit slurm`: write a submission directory — the job array of shards, the merge
//! after it (`afterany`: the merge always runs and names a failed shard), for `run` the final
//! step after the merge (`afterok`; cancelled by Slurm when the merge fails) — and submit it
//! with `sbatch`; or, with `--resume DIR`, submit only what an earlier submission still lacks.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use clap::{Args, Command, FromArgMatches};

use super::argv::{OptionTokens, absolute_paths, group, tokens};
use super::clock::utc_now;
use super::job::{JobKind, check, job_command};
use super::manifest::{
    Attempt, FINAL_DONE, FINAL_SCRIPT, LOGS, MANIFEST, MERGE_DONE, MERGE_SCRIPT, Manifest, PARTS,
    Resources, SHARD_SCRIPT, SUBMISSION_FORMAT,
};
use super::sbatch::{self, find, queued, require_sbatch};
use super::script::{array_spec, write_scripts};
use super::shards::read_parts;
use crate::parse;
use crate::writable::ensure_writable;

/// Default number of shards.
const DEFAULT_SHARDS: u64 = 8;
/// Default wall-time limit of each task and step.
const DEFAULT_TIME: &str = "04:00:00";
/// Default memory per task.
const DEFAULT_MEM: &str = "4G";
/// Default CPUs per task.
const DEFAULT_CPUS: u32 = 4;

/// Options of `aprime submit slurm`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    aprime submit slurm run --preset na64-2016-2018 --events 1000000 --out limits --shards 16 --partition short\n  \
    aprime submit slurm yield --mass log:0.001:1:20 --events 2000000 --save yields.json --shards 8\n  \
    aprime submit slurm simulate --preset na64-2016-2022 --out events.parquet --shards 8 --dry-run\n  \
    aprime submit slurm --resume aprime-slurm-run-20250101-120000\n\n\
    The job's options are those of `aprime JOB` (see `aprime JOB --help`) without --shard/--of/--threads,\n\
    which the submission sets; the options above may come before the job or after its options. Every\n\
    step gets the same resources; --cpus-per-task is also each step's --threads. Sharding `simulate`\n\
    pays only at high statistics: every task rebuilds the shower library. See docs/cluster.md.")]
pub struct Opts {
    /// The job: yield, simulate or run.
    #[arg(value_enum, required_unless_present = "resume")]
    pub job: Option<JobKind>,
    /// The job's options, as for `aprime JOB`.
    #[arg(
        value_name = "JOB OPTIONS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub args: Vec<String>,
    /// Submit what the submission in DIR still lacks: its missing shards, then the merge and
    /// final step (or only those); nothing when it is complete.
    #[arg(long, value_name = "DIR", conflicts_with = "job")]
    pub resume: Option<PathBuf>,
    #[command(flatten)]
    pub settings: Settings,
}

/// The submission's own options (also accepted after the job's options).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Settings {
    /// Number of shards = array tasks [default: 8].
    #[arg(long, value_name = "N", value_parser = parse::count::<u64>)]
    pub shards: Option<u64>,
    /// Run at most P array tasks at once (`--array=...%P`).
    #[arg(long, value_name = "P", value_parser = parse::count::<u64>)]
    pub max_parallel: Option<u64>,
    /// Slurm partition, or a comma-separated list [default: the cluster's].
    #[arg(long, value_name = "NAME", value_parser = parse::slurm_partition)]
    pub partition: Option<String>,
    /// Slurm account to charge.
    #[arg(long, value_name = "NAME", value_parser = parse::slurm_account)]
    pub account: Option<String>,
    /// Wall-time limit of each task and step: M, M:S, H:M:S, D-H, D-H:M or D-H:M:S [default:
    /// 04:00:00].
    #[arg(long, value_name = "TIME", value_parser = parse::slurm_time)]
    pub time: Option<String>,
    /// Memory per task: a whole number with K, M, G or T [default: 4G].
    #[arg(long, value_name = "SIZE", value_parser = parse::slurm_memory)]
    pub mem: Option<String>,
    /// CPUs per task, also the --threads of each step [default: 4].
    #[arg(long, value_name = "N", value_parser = parse::count::<u32>)]
    pub cpus_per_task: Option<u32>,
    /// An extra #SBATCH option for every script, e.g. `--sbatch=--qos=short` (repeatable).
    #[arg(
        long = "sbatch",
        value_name = "OPTION",
        allow_hyphen_values = true,
        value_parser = parse::sbatch_line
    )]
    pub sbatch_lines: Vec<String>,
    /// Submission directory (manifest, scripts, parts/, logs/) [default:
    /// aprime-slurm-JOB-YYYYmmdd-HHMMSS].
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The aprime binary the jobs run; the nodes must see it [default: this one].
    #[arg(long, value_name = "PATH")]
    pub aprime: Option<PathBuf>,
    /// Write the submission directory (or, with --resume, say what would be submitted) but
    /// submit nothing; submit it later with --resume DIR.
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: have `sbatch --test-only` check each script.
    #[arg(long, requires = "dry_run")]
    pub check: bool,
}

impl Settings {
    /// These settings with `later` (given after the job's options) on top: a value given
    /// later wins, flags and extra lines add up.
    fn with(self, later: Self) -> Self {
        let mut sbatch_lines = self.sbatch_lines;
        sbatch_lines.extend(later.sbatch_lines);
        Self {
            shards: later.shards.or(self.shards),
            max_parallel: later.max_parallel.or(self.max_parallel),
            partition: later.partition.or(self.partition),
            account: later.account.or(self.account),
            time: later.time.or(self.time),
            mem: later.mem.or(self.mem),
            cpus_per_task: later.cpus_per_task.or(self.cpus_per_task),
            sbatch_lines,
            dir: later.dir.or(self.dir),
            aprime: later.aprime.or(self.aprime),
            dry_run: self.dry_run || later.dry_run,
            check: self.check || later.check,
        }
    }

    /// With --resume, everything but --dry-run/--check comes from the manifest.
    fn only_dry_run(&self) -> anyhow::Result<()> {
        let fixed = Self {
            dry_run: self.dry_run,
            check: self.check,
            ..Self::default()
        };
        if format!("{self:?}") != format!("{fixed:?}") {
            bail!(
                "--resume submits with the settings of the submission (its manifest.json): only --dry-run and --check can be given"
            );
        }
        Ok(())
    }

    fn resources(&self) -> Resources {
        Resources {
            partition: self.partition.clone(),
            account: self.account.clone(),
            time: self.time.clone().unwrap_or_else(|| DEFAULT_TIME.into()),
            mem: self.mem.clone().unwrap_or_else(|| DEFAULT_MEM.into()),
            cpus_per_task: self.cpus_per_task.unwrap_or(DEFAULT_CPUS),
            max_parallel: self.max_parallel,
            extra: self.sbatch_lines.clone(),
        }
    }
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        if let Some(dir) = &self.resume {
            if !self.args.is_empty() {
                bail!(
                    "--resume DIR takes no job options (unexpected '{}')",
                    self.args[0]
                );
            }
            self.settings.only_dry_run()?;
            return resume(dir, &self.settings);
        }
        let kind = self
            .job
            .context("give the job (yield, simulate or run), or --resume DIR")?;
        // The job's options and this command's own, which may follow them.
        let job_cmd = job_command(kind);
        let mut own_cmd =
            Settings::augment_args(Command::new("aprime submit slurm").no_binary_name(true));
        own_cmd.build();
        let groups = group(&[&job_cmd, &own_cmd], &self.args);
        let (own, job): (Vec<OptionTokens>, Vec<OptionTokens>) =
            groups.into_iter().partition(|g| g.owner == Some(1));
        if job.iter().any(|g| g.id.as_deref() == Some("help")) {
            println!("{}", job_command(kind).render_long_help());
            return Ok(());
        }
        let mut settings = self.settings.clone();
        if !own.is_empty() {
            let m = own_cmd.try_get_matches_from(tokens(&own)).map_err(|e| {
                let line = crate::one_line(&e);
                anyhow!("{}", line.strip_prefix("error: ").unwrap_or(&line))
            })?;
            settings = settings.with(Settings::from_arg_matches(&m)?);
        }
        new_submission(kind, &job, &settings)
    }
}

/// Write a new submission directory and submit it (unless --dry-run).
fn new_submission(kind: JobKind, job: &[OptionTokens], s: &Settings) -> anyhow::Result<()> {
    if !s.dry_run || s.check {
        require_sbatch()?;
    }
    let (created, stamp) = utc_now();
    let dir = s
        .dir
        .clone()
        .unwrap_or_else(|| format!("aprime-slurm-{}-{stamp}", kind.name()).into());
    if dir.exists() {
        if dir.join(MANIFEST).exists() {
            bail!(
                "{} already holds a submission: resume it with `aprime submit slurm --resume {0}`, or give another --dir",
                dir.display()
            );
        }
        let empty = dir.is_dir() && dir.read_dir().is_ok_and(|mut d| d.next().is_none());
        if !empty {
            bail!(
                "--dir {}: exists and is not an empty directory",
                dir.display()
            );
        }
    }
    ensure_writable(&dir.join(MANIFEST), "--dir")?;
    let dir = std::path::absolute(&dir).with_context(|| dir.display().to_string())?;
    // The jobs run in the submission directory: a relative --config must still be found.
    let job = &absolute_paths(job, &["config"]).context("--config")?;
    let outputs = check(kind, job, &dir)?;
    let aprime = match &s.aprime {
        Some(p) => {
            let p = std::path::absolute(p).with_context(|| p.display().to_string())?;
            if !p.is_file() {
                bail!("--aprime {}: no such file", p.display());
            }
            p
        }
        None => std::env::current_exe()
            .and_then(|p| p.canonicalize())
            .context("cannot find the aprime binary: give --aprime PATH")?,
    };
    let m = Manifest {
        format: SUBMISSION_FORMAT.into(),
        version: env!("CARGO_PKG_VERSION").into(),
        aprime,
        job: kind,
        args: tokens(job),
        shards: s.shards.unwrap_or(DEFAULT_SHARDS),
        part_ext: outputs.part_ext,
        merged: outputs.merged,
        output: outputs.output,
        resources: s.resources(),
        created,
        attempts: Vec::new(),
    };
    for sub in [PARTS, LOGS] {
        let p = dir.join(sub);
        std::fs::create_dir_all(&p).with_context(|| format!("cannot create {}", p.display()))?;
    }
    write_scripts(&m, &dir)?;
    m.write(&dir)?;
    if s.dry_run {
        let scripts = if m.has_final() {
            "shard.sbatch, merge.sbatch, final.sbatch"
        } else {
            "shard.sbatch, merge.sbatch"
        };
        println!(
            "wrote {}/ ({scripts}, manifest.json); nothing submitted",
            dir.display()
        );
        if s.check {
            test_scripts(&dir, &m)?;
        }
        println!(
            "submit it with: aprime submit slurm --resume {}",
            dir.display()
        );
        return Ok(());
    }
    let all: Vec<u64> = (0..m.shards).collect();
    submit(&dir, m, &all, true)
}

/// `sbatch --test-only` on each script (without dependencies, which it does not check).
fn test_scripts(dir: &Path, m: &Manifest) -> anyhow::Result<()> {
    let mut scripts = vec![SHARD_SCRIPT, MERGE_SCRIPT];
    if m.has_final() {
        scripts.push(FINAL_SCRIPT);
    }
    for s in scripts {
        println!("{s}: {}", sbatch::test_only(dir, s)?);
    }
    Ok(())
}

/// Resubmit what the submission in `dir` lacks.
fn resume(dir: &Path, s: &Settings) -> anyhow::Result<()> {
    let m = Manifest::read(dir)?;
    let version = env!("CARGO_PKG_VERSION");
    if m.version != version {
        bail!(
            "{} was written by aprime {}, this is aprime {version}: submit the job anew",
            dir.display(),
            m.version
        );
    }
    if !s.dry_run || s.check {
        require_sbatch()?;
    }
    let dir = std::path::absolute(dir).with_context(|| dir.display().to_string())?;
    if let Some(last) = m.attempts.last()
        && find("squeue").is_some()
    {
        let q = queued(&last.jobs())?;
        if !q.is_empty() {
            bail!(
                "jobs of the last attempt are still in the queue ({}): wait for them, or cancel them with `scancel {}`",
                q.join(", "),
                last.jobs().join(" ")
            );
        }
    }
    let (_, problems) = read_parts(&dir, &m);
    let missing: Vec<u64> = problems.iter().map(|p| p.shard).collect();
    let merged = dir.join(MERGE_DONE).is_file();
    let finished = !m.has_final() || dir.join(FINAL_DONE).is_file();
    if missing.is_empty() && merged && finished {
        println!("complete, nothing to submit: {}", m.output.display());
        return Ok(());
    }
    // After an attempt, say why shards run again (a written-only directory lacks them all).
    if !m.attempts.is_empty() {
        for p in &problems {
            eprintln!("{}", p.line);
        }
    }
    let merge = !missing.is_empty() || !merged;
    if s.dry_run {
        println!(
            "would submit: shards [{}]{}{}",
            list(&missing),
            if merge { ", the merge" } else { "" },
            if m.has_final() {
                ", the final step"
            } else {
                ""
            }
        );
        if s.check {
            test_scripts(&dir, &m)?;
        }
        return Ok(());
    }
    submit(&dir, m, &missing, merge)
}

fn list(tasks: &[u64]) -> String {
    tasks
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Submit the array tasks `tasks` (if any), the merge after them (if `merge`) and the final
/// step after the merge, and record the attempt (also when a later sbatch fails).
fn submit(dir: &Path, mut m: Manifest, tasks: &[u64], merge: bool) -> anyhow::Result<()> {
    // Markers of steps that run again are stale.
    if merge {
        remove(&dir.join(MERGE_DONE))?;
    }
    if m.has_final() {
        remove(&dir.join(FINAL_DONE))?;
    }
    let mut attempt = Attempt {
        submitted: utc_now().0,
        tasks: Vec::new(),
        array_job: None,
        merge_job: None,
        final_job: None,
    };
    let result = submit_steps(dir, &m, tasks, merge, &mut attempt);
    m.attempts.push(attempt.clone());
    m.write(dir)?;
    result?;
    let d = dir.display();
    println!(
        "submitted aprime {} in {} shards from {d}/",
        m.job.name(),
        m.shards
    );
    if let Some(j) = &attempt.array_job {
        println!(
            "  shards [{}]: job {j}; parts {d}/{PARTS}/part-K.{}, logs {d}/{LOGS}/shard-K.{j}.log",
            list(tasks),
            m.part_ext
        );
    }
    if let Some(j) = &attempt.merge_job {
        println!(
            "  merge: job {j} (after the shards) -> {}; log {d}/{LOGS}/merge.{j}.log",
            m.merged.display()
        );
    }
    if let Some(j) = &attempt.final_job {
        println!(
            "  final: job {j} (after the merge) -> {}; log {d}/{LOGS}/final.{j}.log",
            m.output.display()
        );
    }
    println!("follow it with: aprime submit status {d}");
    Ok(())
}

fn submit_steps(
    dir: &Path,
    m: &Manifest,
    tasks: &[u64],
    merge: bool,
    a: &mut Attempt,
) -> anyhow::Result<()> {
    if !tasks.is_empty() {
        let id = sbatch::submit(dir, SHARD_SCRIPT, Some(&array_spec(m, tasks)), None)?;
        a.tasks = tasks.to_vec();
        a.array_job = Some(id);
    }
    if merge {
        let after = a.array_job.as_ref().map(|j| format!("afterany:{j}"));
        a.merge_job = Some(sbatch::submit(dir, MERGE_SCRIPT, None, after.as_deref())?);
    }
    if m.has_final() {
        let after = a.merge_job.as_ref().map(|j| format!("afterok:{j}"));
        a.final_job = Some(sbatch::submit(dir, FINAL_SCRIPT, None, after.as_deref())?);
    }
    Ok(())
}

fn remove(p: &Path) -> anyhow::Result<()> {
    match std::fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", p.display()))
        }
        _ => Ok(()),
    }
}
