//! `aprime run`: the main job. Simulates A' yields in the active target, combines the runs of an
//! NA64 configuration into CLs limits on ε, interprets them for light dark matter and writes
//! tables, HEPData and plots.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use aprime_experiment::{ExperimentConfig, presets};
use aprime_limits::{Overrides, Report, compute_yields, report};
use aprime_report::{Provenance, write_report};
use indicatif::{ProgressBar, ProgressStyle};

use crate::output::{Format, Table};
use crate::parse::number_list;

/// Options of `aprime run`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Embedded configuration: na64-2016, na64-2016-2018 (default) or na64-2016-2022.
    #[arg(long, value_name = "NAME", conflicts_with = "config")]
    pub preset: Option<String>,
    /// Experiment configuration file (TOML; see crates/experiment/presets for documented examples).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output directory (replaced atomically when the run completes).
    #[arg(long, value_name = "DIR", default_value = "aprime-out")]
    pub out: PathBuf,
    /// Showers to simulate (overrides `simulation.events`).
    #[arg(long, value_name = "N")]
    pub events: Option<u64>,
    /// Random seed of the shower simulation and the toys (overrides the configuration).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// A' masses [GeV] (overrides the grid): `0.01,0.1`, `log:0.001:1:20`, ...
    #[arg(long, value_name = "LIST")]
    pub masses: Option<String>,
    /// Summary printed on standard output.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// No progress bars.
    #[arg(long)]
    pub quiet: bool,
}

/// Load a preset or a configuration file (default preset if neither is given).
pub(crate) fn load_config(
    preset: Option<&str>,
    file: Option<&Path>,
) -> anyhow::Result<ExperimentConfig> {
    Ok(match (preset, file) {
        (_, Some(f)) => ExperimentConfig::from_file(f)?,
        (Some(p), None) => presets::load(p)?,
        (None, None) => presets::load(presets::DEFAULT_PRESET)?,
    })
}

/// A progress bar driven by the pipeline's `(stage, done, total)` callback.
pub(crate) fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(1);
    pb.set_style(
        ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len} ({eta})")
            .expect("static template")
            .progress_chars("=> "),
    );
    pb
}

/// Update `pb` from a pipeline progress report.
pub(crate) fn report_progress(pb: &ProgressBar, stage: &str, done: u64, total: u64) {
    if pb.message() != stage {
        pb.set_message(stage.to_string());
        pb.set_length(total);
        pb.set_position(0);
    }
    pb.set_position(done);
}

/// Print the per-mass summary and where the outputs went.
pub(crate) fn print_summary(r: &Report, out: &Path, format: Format) -> anyhow::Result<()> {
    let mut t = Table::new(&[
        ("mass_gev", "m_A' [GeV]"),
        ("yield_per_eot_per_eps2", "yield/EOT/ε²"),
        ("eps_observed", "ε obs"),
        ("eps_expected_median", "ε exp"),
        ("eps_expected_m1", "−1σ"),
        ("eps_expected_p1", "+1σ"),
        ("calculator", "calculator"),
    ]);
    for l in &r.limits {
        t.push(vec![
            l.mass_gev.into(),
            l.yield_per_eot_per_eps2.into(),
            l.limit.observed.into(),
            l.limit.expected.median.into(),
            l.limit.expected.m1.into(),
            l.limit.expected.p1.into(),
            l.limit.calculator.clone().into(),
        ]);
    }
    t.print(format)?;
    if format == Format::Table {
        println!(
            "outputs written to {}/ (limits.csv, dm_limits.csv, table_v.csv, hepdata/, plots/)",
            out.display()
        );
    }
    Ok(())
}

impl Opts {
    /// Run the main job.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        let mut cfg = load_config(self.preset.as_deref(), self.config.as_deref())?;
        if let Some(n) = self.events {
            anyhow::ensure!(n > 0, "--events must be at least 1, got {n}");
            cfg.simulation.events = n;
        }
        if let Some(s) = self.seed {
            cfg.simulation.seed = s;
            cfg.statistics.seed = s;
        }
        if let Some(m) = &self.masses {
            cfg.masses.values_gev = number_list(m, "--masses")?;
        }
        cfg.validate("command line").context("invalid settings")?;
        let pb = progress_bar(self.quiet);
        let cb = |stage: &str, done: u64, total: u64| report_progress(&pb, stage, done, total);
        let yields = compute_yields(&cfg, Some(&cb))?;
        let yields_s = start.elapsed().as_secs_f64();
        let report = report(&cfg, yields, &Overrides::default(), Some(&cb))?;
        pb.finish_and_clear();
        let provenance = Provenance::new("aprime run", start)
            .seed("shower simulation", cfg.simulation.seed)
            .seed("toys", cfg.statistics.seed)
            .timing("A' yields (shower simulation)", yields_s)
            .timing("limits", start.elapsed().as_secs_f64() - yields_s)
            .detail("events", cfg.simulation.events);
        let out = write_report(&report, &self.out, &provenance)
            .with_context(|| format!("writing {}", self.out.display()))?;
        print_summary(&report, &out, self.format)
    }
}
