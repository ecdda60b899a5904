//! The jobs a submission runs (`aprime yield|simulate|run`): their options checked as the job
//! parses them, what the submission sets itself, and where the shards, the merged result and
//! the final output go.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow, bail};
use clap::{ArgMatches, Command, CommandFactory, FromArgMatches};
use serde::{Deserialize, Serialize};

use super::argv::{OptionTokens, group, tokens};
use crate::options::{EventFileFormat, ExperimentSource, MassOverride, ModelOption, SeedOverride};
use crate::writable::ensure_writable;

/// A job that runs as shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobKind {
    /// `aprime yield`: shards of the shower Monte Carlo, merged with `aprime merge`.
    Yield,
    /// `aprime simulate`: shards of the event file, concatenated like `aprime merge-events`.
    Simulate,
    /// `aprime run`: shards of the yields, merged into `yields.json`, then `aprime limits`.
    Run,
}

impl JobKind {
    /// The subcommand name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Yield => "yield",
            Self::Simulate => "simulate",
            Self::Run => "run",
        }
    }

    /// Options the submission sets itself, with the reason given when one is passed.
    fn managed(self) -> Vec<(&'static str, &'static str)> {
        let mut v = vec![
            (
                "shard",
                "--shard and --of are set by the submission (one array task per shard; --shards N)",
            ),
            (
                "of",
                "--shard and --of are set by the submission (one array task per shard; --shards N)",
            ),
            (
                "threads",
                "--threads is set by the submission from --cpus-per-task",
            ),
        ];
        match self {
            Self::Run => v.push((
                "yields_only",
                "--yields-only is set by the submission for the shards",
            )),
            Self::Yield => v.push((
                "out",
                "--out of `aprime yield` names one shard's file: the merged result goes to --save FILE (default: result.json in the submission directory)",
            )),
            Self::Simulate => {}
        }
        v
    }
}

/// The job's command as the binary parses it (built: `--help` and global options included).
pub fn job_command(kind: JobKind) -> Command {
    let mut root = crate::Opts::command();
    root.build();
    root.find_subcommand(kind.name())
        .cloned()
        .unwrap_or_else(|| Command::new(kind.name()))
}

/// What a submission of a job writes, from the job's options.
#[derive(Debug, Clone)]
pub struct JobOutputs {
    /// Extension of the shard files (`json`, `parquet`, `csv`).
    pub part_ext: String,
    /// The merged result (absolute).
    pub merged: PathBuf,
    /// The final output (absolute): the report directory of `run`, else the merged result.
    pub output: PathBuf,
}

/// Parse `aprime KIND ARGS` with the binary's own parser.
fn matches(kind: JobKind, args: &[String]) -> anyhow::Result<ArgMatches> {
    let argv = ["aprime", kind.name()]
        .into_iter()
        .map(String::from)
        .chain(args.iter().cloned());
    let m = crate::Opts::command()
        .try_get_matches_from(argv)
        .map_err(|e| {
            let line = crate::one_line(&e);
            anyhow!(
                "aprime {}: {}",
                kind.name(),
                line.strip_prefix("error: ").unwrap_or(&line)
            )
        })?;
    m.subcommand_matches(kind.name())
        .cloned()
        .with_context(|| format!("aprime {}: no options parsed", kind.name()))
}

/// A value of the job's options (its default when not given).
fn value<T: Clone + Send + Sync + 'static>(m: &ArgMatches, id: &str) -> anyhow::Result<Option<T>> {
    Ok(m.try_get_one::<T>(id)
        .with_context(|| format!("option {id}"))?
        .cloned())
}

/// Check the options of a job (`args`, already cut by [`group`]) and derive its outputs; `dir`
/// is the submission directory. Rejects what the job's parser rejects and the options the
/// submission sets itself; for `run` and `simulate` the configuration is loaded (and for `run`
/// validated) as the job will load it, so that a bad preset fails here and not on the nodes.
pub fn check(kind: JobKind, args: &[OptionTokens], dir: &Path) -> anyhow::Result<JobOutputs> {
    for (id, reason) in kind.managed() {
        if args.iter().any(|g| g.id.as_deref() == Some(id)) {
            bail!("{reason}");
        }
    }
    let m = matches(kind, &tokens(args))?;
    let absolute = |p: PathBuf| std::path::absolute(&p).with_context(|| p.display().to_string());
    let outputs = match kind {
        JobKind::Run => {
            let experiment = ExperimentSource::from_arg_matches(&m)?;
            let (mut cfg, source) = experiment.load()?;
            if let Some(n) = value::<u64>(&m, "events")? {
                cfg.simulation.events = n;
            }
            SeedOverride::from_arg_matches(&m)?.apply(&mut cfg);
            MassOverride::from_arg_matches(&m)?.apply(&mut cfg)?;
            ModelOption::from_arg_matches(&m)?.apply(&mut cfg)?;
            cfg.validate(&source).context("invalid settings")?;
            let out = value::<PathBuf>(&m, "out")?.unwrap_or_else(|| "aprime-out".into());
            JobOutputs {
                part_ext: "json".into(),
                merged: absolute(dir.join("yields.json"))?,
                output: absolute(out)?,
            }
        }
        JobKind::Simulate => {
            ExperimentSource::from_arg_matches(&m)?.load()?;
            let out = value::<PathBuf>(&m, "out")?.unwrap_or_else(|| "events.parquet".into());
            let format = EventFileFormat::resolve(value::<EventFileFormat>(&m, "format")?, &out)
                .with_context(|| {
                    format!(
                        "--out {}: give a .parquet or .csv file name, or --format",
                        out.display()
                    )
                })?;
            let out = absolute(out)?;
            JobOutputs {
                part_ext: format.name().into(),
                merged: out.clone(),
                output: out,
            }
        }
        JobKind::Yield => {
            let save = value::<PathBuf>(&m, "save")?.unwrap_or_else(|| dir.join("result.json"));
            let save = absolute(save)?;
            JobOutputs {
                part_ext: "json".into(),
                merged: save.clone(),
                output: save,
            }
        }
    };
    for p in [&outputs.merged, &outputs.output] {
        ensure_writable(p, "output")?;
    }
    Ok(outputs)
}

/// The job's options for every shard: those given, without the outputs the submission sets.
pub fn shard_args(kind: JobKind, args: &[String]) -> Vec<String> {
    let cmd = job_command(kind);
    let groups = group(&[&cmd], args);
    tokens(
        groups
            .iter()
            .filter(|g| !matches!(g.id.as_deref(), Some("out" | "save"))),
    )
}

/// The options of `aprime limits` (the final step of `run`) among those of `aprime run`: the
/// configuration, the model, the seed of the toys and what it prints (the masses, showers and
/// seed of the simulation come from the yields).
pub fn final_args(args: &[String]) -> Vec<String> {
    let cmd = job_command(JobKind::Run);
    let groups = group(&[&cmd], args);
    tokens(groups.iter().filter(|g| {
        matches!(
            g.id.as_deref(),
            Some("preset" | "config" | "model" | "seed" | "format" | "quiet")
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_final_step_keeps_what_limits_takes() {
        let run = strings(
            "--preset na64-2016 --events 2000 --masses=0.01,0.1 --model scalar --seed 7 --out x --quiet",
        );
        assert_eq!(
            final_args(&run).join(" "),
            "--preset na64-2016 --model scalar --seed 7 --quiet"
        );
        assert_eq!(
            shard_args(JobKind::Run, &run).join(" "),
            "--preset na64-2016 --events 2000 --masses=0.01,0.1 --model scalar --seed 7 --quiet"
        );
    }

    #[test]
    fn options_the_submission_sets_are_refused() {
        let cmd = job_command(JobKind::Run);
        let dir = std::env::temp_dir();
        for (args, start) in [
            ("--shard 0 --of 2", "--shard and --of are set"),
            ("--threads 2", "--threads is set"),
            ("--yields-only", "--yields-only is set"),
            ("--bogus 1", "aprime run: unexpected argument '--bogus'"),
            ("--preset nonexistent", "unknown preset"),
        ] {
            let g = group(&[&cmd], &strings(args));
            let e = format!("{:#}", check(JobKind::Run, &g, &dir).unwrap_err());
            assert!(e.starts_with(start) || e.contains(start), "{args}: {e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }
}
