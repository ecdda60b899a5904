//! `aprime run`: the main job. Simulates the boson yields in the active target, combines the runs
//! of an NA64 configuration into CLs limits on the model's coupling (ε, or g for the Z'; `--model`
//! overrides `[production] model`), interprets dark-photon limits for light dark matter and
//! writes tables, HEPData and plots. With `--yields-only` it stops after the yields and writes them
//! (whole, or one shard of them for a cluster job array: `aprime submit slurm run`).

use std::time::Instant;

use anyhow::Context;
use aprime_limits::{Overrides, compute_yields, report, yields_shard};
use aprime_report::{Provenance, write_report};

use crate::options::{
    ExperimentSource, FormatArg, MassOverride, ModelOption, Quiet, ReportDir, SeedOverride, Shard,
};
use crate::output::write_json;
use crate::parse;
use crate::progress::Progress;
use crate::summary::print_report;
use crate::writable::ensure_writable;

/// Options of `aprime run`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("out", |a| a.help("Output directory (replaced atomically when complete); with --yields-only, the yields file (written atomically)")))]
#[command(mut_arg("shard", |a| a.requires("yields_only").help("With --yields-only: simulate only shard K (0 ≤ K < N) of --of N of every yield set; merge the parts with `aprime merge`")))]
pub struct Opts {
    #[command(flatten)]
    pub experiment: ExperimentSource,
    #[command(flatten)]
    pub report_dir: ReportDir,
    /// Showers to simulate (overrides `simulation.events`).
    #[arg(long, value_name = "N", value_parser = parse::count::<u64>)]
    pub events: Option<u64>,
    #[command(flatten)]
    pub seed: SeedOverride,
    #[command(flatten)]
    pub masses: MassOverride,
    /// Stop after the yields and write them to --out as a file: `yields.json` (the input of
    /// `aprime limits --yields`), or with --shard the shard's part.
    #[arg(long)]
    pub yields_only: bool,
    #[command(flatten)]
    pub shard: Shard,
    #[command(flatten)]
    pub model: ModelOption,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run the main job.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        let shard = self.shard.get()?;
        ensure_writable(&self.report_dir.out, "--out")?;
        let (mut cfg, source) = self.experiment.load()?;
        if let Some(n) = self.events {
            cfg.simulation.events = n;
        }
        self.seed.apply(&mut cfg);
        self.masses.apply(&mut cfg)?;
        self.model.apply(&mut cfg)?;
        cfg.validate(&source).context("invalid settings")?;
        let progress = Progress::stages(self.progress.quiet);
        let cb = |stage: &str, done: u64, total: u64| progress.stage(stage, done, total);
        if self.yields_only {
            let out = &self.report_dir.out;
            match shard {
                Some((k, n)) => write_json(Some(out), &yields_shard(&cfg, k, n, Some(&cb))?)?,
                None => write_json(Some(out), &compute_yields(&cfg, Some(&cb))?)?,
            }
            progress.finish();
            if !self.progress.quiet {
                let what = shard.map_or_else(
                    || "yields".to_string(),
                    |(k, n)| format!("yields shard {k} of {n}"),
                );
                eprintln!(
                    "{what} written to {} in {:.1} s",
                    out.display(),
                    start.elapsed().as_secs_f64()
                );
            }
            return Ok(());
        }
        let yields = compute_yields(&cfg, Some(&cb))?;
        let yields_s = start.elapsed().as_secs_f64();
        let report = report(&cfg, yields, &Overrides::default(), Some(&cb))?;
        progress.finish();
        let provenance = Provenance::new("aprime run", start)
            .seed("shower simulation", cfg.simulation.seed)
            .seed("toys", cfg.statistics.seed)
            .timing("A' yields (shower simulation)", yields_s)
            .timing("limits", start.elapsed().as_secs_f64() - yields_s)
            .detail("events", cfg.simulation.events)
            .detail("seed", cfg.simulation.seed);
        let out = write_report(&report, &self.report_dir.out, &provenance)
            .with_context(|| format!("writing {}", self.report_dir.out.display()))?;
        print_report(&report, &out, self.output.format)
    }
}
