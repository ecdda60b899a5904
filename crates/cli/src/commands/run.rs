//! `aprime run`: the main job. Simulates A' yields in the active target, combines the runs of an
//! NA64 configuration into CLs limits on ε, interprets them for light dark matter and writes
//! tables, HEPData and plots.

use std::time::Instant;

use anyhow::Context;
use aprime_limits::{Overrides, compute_yields, report};
use aprime_report::{Provenance, write_report};

use crate::options::{ExperimentSource, FormatArg, MassOverride, Quiet, ReportDir, SeedOverride};
use crate::parse;
use crate::progress::Progress;
use crate::summary::print_report;
use crate::writable::ensure_writable;

/// Options of `aprime run`.
#[derive(Debug, clap::Args)]
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
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run the main job.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        ensure_writable(&self.report_dir.out, "--out")?;
        let (mut cfg, source) = self.experiment.load()?;
        if let Some(n) = self.events {
            cfg.simulation.events = n;
        }
        self.seed.apply(&mut cfg);
        self.masses.apply(&mut cfg)?;
        cfg.validate(&source).context("invalid settings")?;
        let progress = Progress::stages(self.progress.quiet);
        let cb = |stage: &str, done: u64, total: u64| progress.stage(stage, done, total);
        let yields = compute_yields(&cfg, Some(&cb))?;
        let yields_s = start.elapsed().as_secs_f64();
        let report = report(&cfg, yields, &Overrides::default(), Some(&cb))?;
        progress.finish();
        let provenance = Provenance::new("aprime run", start)
            .seed("shower simulation", cfg.simulation.seed)
            .seed("toys", cfg.statistics.seed)
            .timing("A' yields (shower simulation)", yields_s)
            .timing("limits", start.elapsed().as_secs_f64() - yields_s)
            .detail("events", cfg.simulation.events);
        let out = write_report(&report, &self.report_dir.out, &provenance)
            .with_context(|| format!("writing {}", self.report_dir.out.display()))?;
        print_report(&report, &out, self.output.format)
    }
}
