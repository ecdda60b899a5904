//! `aprime simulate`: event-level simulation of the NA64 setup (beam, SRD, trackers, ECAL, VETO,
//! HCAL, pile-up, trigger) for the signal and every background source, written as one row per
//! event to Parquet or CSV (columns: `aprime_detector::COLUMNS`; see the README).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_detector::{Format, Request, Simulation};

use super::run::load_config;
use super::shower::progress_bar;
use crate::parse::number_list;

/// Output file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// Apache Parquet.
    Parquet,
    /// Comma-separated values (metadata in NAME.meta.json).
    Csv,
}

/// Options of `aprime simulate`.
#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Embedded configuration: na64-2016, na64-2016-2018 (default) or na64-2016-2022.
    #[arg(long, value_name = "NAME", conflicts_with = "config")]
    pub preset: Option<String>,
    /// Experiment configuration file (TOML); its `[detector]` table overrides the NA64 defaults.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Electrons on target the file stands for (default: the configuration's total EOT).
    #[arg(long, value_name = "X")]
    pub eot_equivalent: Option<f64>,
    /// Output event file (.parquet or .csv); written atomically.
    #[arg(long, value_name = "FILE", default_value = "events.parquet")]
    pub out: PathBuf,
    /// File format (default: from the extension of --out).
    #[arg(long, value_enum)]
    pub format: Option<FileFormat>,
    /// Random seed.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// A' masses of the signal samples [GeV]: `0.002,0.02,0.2`, `log:0.001:1:5`, or `none`.
    #[arg(long, value_name = "LIST", default_value = "0.002,0.02,0.2")]
    pub masses: String,
    /// Run only shard K of --of N (merge the shard files with `aprime merge-events`).
    #[arg(long, value_name = "K", requires = "of")]
    pub shard: Option<u64>,
    /// Number of shards.
    #[arg(long, value_name = "N", requires = "shard")]
    pub of: Option<u64>,
    /// Scale the number of simulated events of every source, the shower library and the
    /// photon-spectrum showers (statistics only: weights keep the expectations).
    #[arg(long, value_name = "F", default_value_t = 1.0)]
    pub statistics: f64,
    /// No progress bar and no summary.
    #[arg(long)]
    pub quiet: bool,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        let cfg = load_config(self.preset.as_deref(), self.config.as_deref())?;
        let source = self.config.as_ref().map_or_else(
            || format!("preset {}", cfg.name),
            |p| p.display().to_string(),
        );
        let mut cfg = cfg;
        let det = &mut cfg.detector;
        anyhow::ensure!(
            self.statistics > 0.0 && self.statistics.is_finite() && self.statistics <= 1000.0,
            "--statistics must be in (0, 1000], got {}",
            self.statistics
        );
        if self.statistics != 1.0 {
            let st = &mut det.statistics;
            for n in [
                &mut st.em_shower,
                &mut st.dimuon,
                &mut st.hadron_target,
                &mut st.upstream,
                &mut st.decay_in_flight,
                &mut st.mistagged_hadron,
                &mut st.signal_per_mass,
                &mut st.signal_showers,
                &mut st.shower_library,
                &mut st.photon_spectrum_showers,
            ] {
                *n = ((*n as f64 * self.statistics).round() as u64).max(8);
            }
        }
        let masses = if self.masses.trim().eq_ignore_ascii_case("none") {
            Vec::new()
        } else {
            number_list(&self.masses, "--masses")?
        };
        let eot = self
            .eot_equivalent
            .unwrap_or_else(|| cfg.runs.iter().map(|r| r.eot).sum());
        let format = match self.format {
            Some(FileFormat::Parquet) => Some(Format::Parquet),
            Some(FileFormat::Csv) => Some(Format::Csv),
            None => Format::from_path(&self.out),
        };
        anyhow::ensure!(
            format.is_some(),
            "--out {}: give a .parquet or .csv file name, or --format",
            self.out.display()
        );
        let request = Request {
            eot_equivalent: eot,
            seed: self.seed,
            masses_gev: masses,
            shard: (self.shard.unwrap_or(0), self.of.unwrap_or(1)),
            preset: cfg.name.clone(),
        };
        let prep_bar = if self.quiet {
            indicatif::ProgressBar::hidden()
        } else {
            progress_bar(det.statistics.shower_library, "shower library")
        };
        let tick = |n: u64| prep_bar.inc(n);
        let sim = Simulation::new(cfg, request, Some(&tick))
            .with_context(|| format!("simulation of {source}"))?;
        prep_bar.finish_and_clear();
        let bar = if self.quiet {
            indicatif::ProgressBar::hidden()
        } else {
            progress_bar(sim.events(), "simulate")
        };
        let tick = |n: u64| bar.inc(n);
        let n = sim
            .write(&self.out, format, Some(&tick))
            .with_context(|| format!("writing {}", self.out.display()))?;
        bar.finish_and_clear();
        if !self.quiet {
            let m = sim.metadata();
            eprintln!(
                "{n} events ({} EOT-equivalent, {} runs, {} signal masses, seed {}) written to {} in {:.1} s",
                m.eot_equivalent,
                m.runs.len(),
                m.masses_gev.len(),
                m.seed,
                self.out.display(),
                start.elapsed().as_secs_f64()
            );
        }
        Ok(())
    }
}
