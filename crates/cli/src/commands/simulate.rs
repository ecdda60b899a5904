//! `aprime simulate`: event-level simulation of the NA64 setup (beam, SRD, trackers, ECAL, VETO,
//! HCAL, pile-up, trigger) for the signal and every background source, written as one row per
//! event to Parquet or CSV (columns: `aprime_detector::COLUMNS`; see docs/detector.md).

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_detector::{EventSimulation, Request};

use crate::options::{EventFileFormat, ExperimentSource, Quiet, Seed, Shard};
use crate::parse;
use crate::progress::Progress;
use crate::writable::ensure_writable;

/// Options of `aprime simulate`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("quiet", |a| a.help("No progress bar and no summary")))]
pub struct Opts {
    #[command(flatten)]
    pub experiment: ExperimentSource,
    /// Electrons on target the file stands for (default: the configuration's total EOT).
    #[arg(long, value_name = "X")]
    pub eot_equivalent: Option<f64>,
    /// Output event file (.parquet or .csv); written atomically.
    #[arg(long, value_name = "FILE", default_value = "events.parquet")]
    pub out: PathBuf,
    /// File format (default: from the extension of --out).
    #[arg(long, value_enum)]
    pub format: Option<EventFileFormat>,
    #[command(flatten)]
    pub random: Seed,
    /// A' masses of the signal samples [GeV]: `0.002,0.02,0.2`, `log:0.001:1:5`, or `none`.
    #[arg(long, value_name = "LIST", default_value = "0.002,0.02,0.2")]
    pub masses: String,
    #[command(flatten)]
    pub shard: Shard,
    /// Scale the number of simulated events of every source, the shower library and the
    /// photon-spectrum showers (statistics only: weights keep the expectations).
    #[arg(long, value_name = "F", default_value_t = 1.0, value_parser = parse::statistics_scale)]
    pub statistics: f64,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        let format = EventFileFormat::resolve(self.format, &self.out);
        anyhow::ensure!(
            format.is_some(),
            "--out {}: give a .parquet or .csv file name, or --format",
            self.out.display()
        );
        ensure_writable(&self.out, "--out")?;
        let shard = self.shard.get()?.unwrap_or((0, 1));
        let (mut cfg, source) = self.experiment.load()?;
        if self.statistics != 1.0 {
            let st = &mut cfg.detector.statistics;
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
            parse::masses(&self.masses, "--masses", Some(cfg.beam.energy_gev))?.into_vec()
        };
        let eot = self
            .eot_equivalent
            .unwrap_or_else(|| cfg.runs.iter().map(|r| r.eot).sum());
        let request = Request {
            eot_equivalent: eot,
            seed: self.random.seed,
            masses_gev: masses,
            shard,
            preset: cfg.name.clone(),
        };
        let library = Progress::new(
            self.progress.quiet,
            "shower library",
            cfg.detector.statistics.shower_library,
        );
        let tick = |n: u64| library.inc(n);
        let sim = EventSimulation::new(cfg, request, Some(&tick))
            .with_context(|| format!("simulation of {source}"))?;
        library.finish();
        let progress = Progress::new(self.progress.quiet, "simulate", sim.events());
        let tick = |n: u64| progress.inc(n);
        let n = sim
            .write(&self.out, format, Some(&tick))
            .with_context(|| format!("writing {}", self.out.display()))?;
        progress.finish();
        if !self.progress.quiet {
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
