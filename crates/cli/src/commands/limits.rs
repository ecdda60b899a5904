//! `aprime limits`: redo the statistics, interpretation and report from saved yields
//! (`yields.json` of an earlier `aprime run`) without re-simulating.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_limits::yields::{self, Yields};
use aprime_limits::{Overrides, report};
use aprime_report::{Provenance, write_report};

use crate::options::{ExperimentSource, FormatArg, ModelOption, Quiet, ReportDir, SeedOverride};
use crate::progress::Progress;
use crate::summary::print_report;
use crate::writable::ensure_writable;

/// Options of `aprime limits`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("seed", |a| a.help("Seed of the toys (overrides the configuration's statistics.seed; the yields keep the seed they were simulated with)")))]
pub struct Opts {
    /// Saved yields (`yields.json` written by `aprime run`).
    #[arg(long, value_name = "FILE")]
    pub yields: PathBuf,
    #[command(flatten)]
    pub experiment: ExperimentSource,
    #[command(flatten)]
    pub report_dir: ReportDir,
    #[command(flatten)]
    pub seed: SeedOverride,
    #[command(flatten)]
    pub model: ModelOption,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        ensure_writable(&self.report_dir.out, "--out")?;
        let (mut cfg, source) = self.experiment.load()?;
        self.seed.apply(&mut cfg);
        // The model overrides `[production] model` and is checked like it (beam, χ); the yields
        // must then be of that model (`check_yields`).
        self.model.apply(&mut cfg)?;
        cfg.validate(&source).context("invalid settings")?;
        let path = self.yields.display().to_string();
        let text = std::fs::read_to_string(&self.yields)
            .with_context(|| format!("cannot read yields file {path}"))?;
        let yields: Yields = serde_json::from_str(&text)
            .with_context(|| format!("yields file {path} is not a valid aprime yields file"))?;
        yields::check_yields(&cfg, &yields, &path)?;
        // The mass grid, showers and seed are those the yields were simulated with (config.toml
        // and the manifest record how the yields were made, not the configuration's defaults).
        cfg.masses.values_gev = yields.main.points.iter().map(|p| p.mass_gev).collect();
        cfg.simulation.events = yields.main.events;
        cfg.simulation.seed = yields.main.seed;
        let progress = Progress::stages(self.progress.quiet);
        let cb = |stage: &str, done: u64, total: u64| progress.stage(stage, done, total);
        let report = report(&cfg, yields, &Overrides::default(), Some(&cb))?;
        progress.finish();
        let provenance = Provenance::new("aprime limits", start)
            .seed("shower simulation (yields file)", report.yields.main.seed)
            .seed("toys", cfg.statistics.seed)
            .timing("limits", start.elapsed().as_secs_f64())
            .detail("yields_file", path)
            .detail("events", report.yields.main.events)
            .detail("seed", report.yields.main.seed);
        let out = write_report(&report, &self.report_dir.out, &provenance)
            .with_context(|| format!("writing {}", self.report_dir.out.display()))?;
        print_report(&report, &out, self.output.format)
    }
}
