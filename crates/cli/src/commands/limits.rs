//! `aprime limits`: redo the statistics, interpretation and report from saved yields
//! (`yields.json` of an earlier `aprime run`) without re-simulating.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_limits::yields::{self, Yields};
use aprime_limits::{Overrides, report};
use aprime_report::{Provenance, write_report};

use super::run::{load_config, print_summary, progress_bar, report_progress};
use crate::output::Format;

/// Options of `aprime limits`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Saved yields (`yields.json` written by `aprime run`).
    #[arg(long, value_name = "FILE")]
    pub yields: PathBuf,
    /// Embedded configuration (default: na64-2016-2018).
    #[arg(long, value_name = "NAME", conflicts_with = "config")]
    pub preset: Option<String>,
    /// Experiment configuration file (TOML).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output directory (replaced atomically when complete).
    #[arg(long, value_name = "DIR", default_value = "aprime-out")]
    pub out: PathBuf,
    /// Seed of the toys (overrides the configuration).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Summary printed on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// No progress bars.
    #[arg(long)]
    pub quiet: bool,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        let mut cfg = load_config(self.preset.as_deref(), self.config.as_deref())?;
        if let Some(s) = self.seed {
            cfg.statistics.seed = s;
        }
        let path = self.yields.display().to_string();
        let text = std::fs::read_to_string(&self.yields)
            .with_context(|| format!("cannot read yields file {path}"))?;
        let yields: Yields = serde_json::from_str(&text)
            .with_context(|| format!("yields file {path} is not a valid aprime yields file"))?;
        yields::check_yields(&cfg, &yields, &path)?;
        // The mass grid is the one the yields were simulated on.
        cfg.masses.values_gev = yields.main.points.iter().map(|p| p.mass_gev).collect();
        let pb = progress_bar(self.quiet);
        let cb = |stage: &str, done: u64, total: u64| report_progress(&pb, stage, done, total);
        let report = report(&cfg, yields, &Overrides::default(), Some(&cb))?;
        pb.finish_and_clear();
        let provenance = Provenance::new("aprime limits", start)
            .seed("shower simulation (yields file)", report.yields.main.seed)
            .seed("toys", cfg.statistics.seed)
            .timing("limits", start.elapsed().as_secs_f64())
            .detail("yields_file", path);
        let out = write_report(&report, &self.out, &provenance)
            .with_context(|| format!("writing {}", self.out.display()))?;
        print_summary(&report, &out, self.format)
    }
}
