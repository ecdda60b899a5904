//! The Slurm client programs a submission calls: `sbatch` (submit, `--test-only`), `squeue`
//! (what is still queued) and `scontrol` (the state of a finished array task). Their failures
//! become one-line errors with the program's own last line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, bail};

/// The program `name` on `PATH`, if any.
pub fn find(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Fail unless `sbatch` is on `PATH`.
pub fn require_sbatch() -> anyhow::Result<()> {
    if find("sbatch").is_none() {
        bail!(
            "sbatch not found on PATH: install the Slurm client, or use --dry-run to only write the scripts"
        );
    }
    Ok(())
}

/// The last non-empty line of a program's standard error (else standard output).
fn last_line(o: &Output) -> String {
    let pick = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(String::from)
    };
    pick(&o.stderr)
        .or_else(|| pick(&o.stdout))
        .unwrap_or_else(|| format!("exit status {}", o.status))
}

fn run(program: &str, args: &[String]) -> anyhow::Result<Output> {
    Command::new(program)
        .args(args)
        .output()
        .with_context(|| format!("cannot run {program}"))
}

/// Submit `script` (in `dir`) with optional `--array` and `--dependency`; returns the job id.
pub fn submit(
    dir: &Path,
    script: &str,
    array: Option<&str>,
    dependency: Option<&str>,
) -> anyhow::Result<String> {
    let mut args = vec!["--parsable".to_string()];
    args.extend(array.map(|a| format!("--array={a}")));
    args.extend(dependency.map(|d| format!("--dependency={d}")));
    args.push(dir.join(script).to_string_lossy().into_owned());
    let o = run("sbatch", &args)?;
    if !o.status.success() {
        bail!("sbatch {script}: {}", last_line(&o));
    }
    // `--parsable` prints `ID` or `ID;CLUSTER`.
    let text = String::from_utf8_lossy(&o.stdout);
    let id = text.trim().split(';').next().unwrap_or("").to_string();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        bail!("sbatch {script}: unexpected answer '{}'", text.trim());
    }
    Ok(id)
}

/// `sbatch --test-only` of a script: Slurm's verdict on it, or its error.
pub fn test_only(dir: &Path, script: &str) -> anyhow::Result<String> {
    let o = run(
        "sbatch",
        &[
            "--test-only".into(),
            dir.join(script).to_string_lossy().into_owned(),
        ],
    )?;
    if o.status.success() {
        Ok(last_line(&o))
    } else {
        bail!("sbatch --test-only {script}: {}", last_line(&o))
    }
}

/// The jobs among `ids` (array jobs with any task) that are still in the queue, as
/// `ID STATE REASON` lines of `squeue`.
pub fn queued(ids: &[String]) -> anyhow::Result<Vec<String>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let o = run("squeue", &["-h".into(), "-o".into(), "%i %T %r".into()])?;
    if !o.status.success() {
        bail!("squeue: {}", last_line(&o));
    }
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| {
            let job = l.split([' ', '_']).next().unwrap_or("");
            ids.iter().any(|id| id == job)
        })
        .map(String::from)
        .collect())
}

/// The state and exit code of array task `job_task` (`123_4`) while Slurm still knows it:
/// `FAILED, exit code 1:0`.
pub fn task_state(job_task: &str) -> Option<String> {
    find("scontrol")?;
    let o = run(
        "scontrol",
        &["-o".into(), "show".into(), "job".into(), job_task.into()],
    )
    .ok()?;
    if !o.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&o.stdout);
    let field = |name: &str| {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(name))
            .map(String::from)
    };
    let state = field("JobState=")?;
    Some(match field("ExitCode=") {
        Some(code) => format!("{state}, exit code {code}"),
        None => state,
    })
}
