//! The three batch scripts of a submission: the job array (`shard.sbatch`, one task per shard,
//! task id = shard index), the merge (`merge.sbatch`: `aprime submit collect`) and, for `run`,
//! the final step (`final.sbatch`: `aprime limits --yields`). Plain bash with `#SBATCH` lines
//! that a user can read and run by hand; every path in them is absolute.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};

use super::job::{final_args, shard_args};
use super::manifest::{
    FINAL_DONE, FINAL_SCRIPT, LOGS, MERGE_SCRIPT, Manifest, PARTS, SHARD_SCRIPT,
};
use crate::output::write_atomic;

/// A word for bash: unchanged when it is safe, else in single quotes.
pub fn quote(s: &str) -> String {
    let safe = |b: u8| b.is_ascii_alphanumeric() || b"-_./=:,@%+".contains(&b);
    if !s.is_empty() && s.bytes().all(safe) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

fn quoted(words: &[String]) -> String {
    words.iter().map(|w| quote(w)).collect::<Vec<_>>().join(" ")
}

/// The `#SBATCH` lines of a step.
fn header(m: &Manifest, dir: &str, step: &str, log: &str, more: &[String]) -> String {
    let r = &m.resources;
    let mut lines = vec![
        format!("--job-name=aprime-{}-{step}", m.job.name()),
        format!("--chdir={dir}"),
        format!("--output={log}"),
    ];
    lines.extend(more.iter().cloned());
    lines.push(format!("--time={}", r.time));
    lines.push(format!("--mem={}", r.mem));
    lines.push(format!("--cpus-per-task={}", r.cpus_per_task));
    lines.extend(r.partition.iter().map(|p| format!("--partition={p}")));
    lines.extend(r.account.iter().map(|a| format!("--account={a}")));
    lines.extend(r.extra.iter().cloned());
    let mut s = String::from("#!/bin/bash\n");
    for l in lines {
        let _ = writeln!(s, "#SBATCH {l}");
    }
    s
}

/// The start of every step's command: the binary with the task's CPUs as threads.
fn aprime(m: &Manifest) -> String {
    format!(
        "{} --threads \"${{SLURM_CPUS_PER_TASK:-1}}\"",
        quote(&m.aprime.to_string_lossy())
    )
}

/// `--array=LIST[%P]` for the given shards (`0-3`, `2,5`).
pub fn array_spec(m: &Manifest, tasks: &[u64]) -> String {
    let all =
        tasks.len() as u64 == m.shards && tasks.iter().enumerate().all(|(i, k)| *k == i as u64);
    let mut s = if all {
        format!("0-{}", m.shards - 1)
    } else {
        tasks
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    if let Some(p) = m.resources.max_parallel {
        let _ = write!(s, "%{p}");
    }
    s
}

/// Write the scripts of `m` into `dir` (absolute, without whitespace: `#SBATCH` lines cannot
/// quote).
pub fn write_scripts(m: &Manifest, dir: &Path) -> anyhow::Result<()> {
    let d = dir
        .to_str()
        .context("the submission directory must be valid UTF-8")?;
    if d.chars().any(char::is_whitespace) {
        bail!(
            "the submission directory {d} contains whitespace, which #SBATCH lines cannot hold: choose another --dir"
        );
    }
    let job = m.job.name();
    let n = m.shards;
    let all: Vec<u64> = (0..n).collect();
    let ext = &m.part_ext;
    let shard_extra = match m.job {
        super::job::JobKind::Run => "--yields-only ",
        _ => "",
    };
    let shard = format!(
        "{head}\
# Shard K of {n} of `aprime {job}`, written by `aprime submit slurm` (docs/cluster.md).\n\
# By hand: SLURM_ARRAY_TASK_ID=K bash {d}/{SHARD_SCRIPT}\n\
set -euo pipefail\n\
cd {qd}\n\
k=${{SLURM_ARRAY_TASK_ID:?set SLURM_ARRAY_TASK_ID to the shard index}}\n\
{aprime} {job} {args} {shard_extra}--shard \"$k\" --of {n} --out \"{PARTS}/part-$k.{ext}\"\n",
        head = header(
            m,
            d,
            "shard",
            &format!("{LOGS}/shard-%a.%A.log"),
            &[format!("--array={}", array_spec(m, &all))]
        ),
        qd = quote(d),
        aprime = aprime(m),
        args = quoted(&shard_args(m.job, &m.args)),
    );
    let merge = format!(
        "{head}\
# Merge of the {n} shards of `aprime {job}`: checks every shard (a missing one is named with its\n\
# log), then merges into {merged}.\n\
set -euo pipefail\n\
cd {qd}\n\
{aprime} submit collect {qd}\n",
        head = header(
            m,
            d,
            "merge",
            &format!("{LOGS}/merge.%j.log"),
            &["--kill-on-invalid-dep=yes".into()]
        ),
        merged = m.merged.display(),
        qd = quote(d),
        aprime = aprime(m),
    );
    let files = [(SHARD_SCRIPT, shard), (MERGE_SCRIPT, merge)];
    for (name, text) in files {
        write_script(&dir.join(name), &text)?;
    }
    if m.has_final() {
        let mut limits = vec![
            "limits".to_string(),
            "--yields".into(),
            m.merged.to_string_lossy().into_owned(),
        ];
        limits.extend(final_args(&m.args));
        limits.extend(["--out".into(), m.output.to_string_lossy().into_owned()]);
        let text = format!(
            "{head}\
# Final step of `aprime run`: limits, interpretation and report from the merged yields.\n\
set -euo pipefail\n\
cd {qd}\n\
rm -f {FINAL_DONE}\n\
{aprime} {limits}\n\
date -u +%Y-%m-%dT%H:%M:%SZ > {FINAL_DONE}\n",
            head = header(
                m,
                d,
                "final",
                &format!("{LOGS}/final.%j.log"),
                &["--kill-on-invalid-dep=yes".into()]
            ),
            qd = quote(d),
            aprime = aprime(m),
            limits = quoted(&limits),
        );
        write_script(&dir.join(FINAL_SCRIPT), &text)?;
    }
    Ok(())
}

fn write_script(path: &Path, text: &str) -> anyhow::Result<()> {
    write_atomic(path, |f| std::io::Write::write_all(f, text.as_bytes()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
            .with_context(|| format!("cannot make {} executable", path.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words() {
        assert_eq!(quote("--masses=0.01,0.1"), "--masses=0.01,0.1");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("$HOME"), "'$HOME'");
    }
}
