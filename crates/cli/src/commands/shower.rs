//! `aprime shower`: electromagnetic showers of beam electrons in a target (a material, the
//! embedded `na64-ecal` preset or a TOML file): longitudinal and lateral profiles, energy
//! balance, preshower energy and e± track lengths.

use anyhow::ensure;
use aprime_shower::{RunConfig, ShowerSimulation};

use crate::options::{FormatArg, Quiet, ResultFiles, Seed, Shard};
use crate::parse;
use crate::shower_job::execute;
use crate::summary::print_shower;

/// Options of `aprime shower`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Full electromagnetic cascade (e⁻, e⁺, γ) with a kinetic-energy cut for e± and an energy cut\n\
                  for photons; everything below the cut is deposited on the spot. Physics list and target\n\
                  configuration: docs/shower.md. Results do not depend on --threads;\n\
                  `--shard K --of N` writes partial results that `aprime merge` combines into the one-run answer."
)]
pub struct Opts {
    /// Target: a material (Pb, W, Fe, Cu, Al, C, Si, scintillator), the preset `na64-ecal`, or a
    /// TOML target file (`*.toml`).
    #[arg(long, visible_alias = "target", default_value = "Pb")]
    pub material: String,
    /// Depth of a single-material block [X0].
    #[arg(long, value_name = "X0", default_value_t = 40.0, value_parser = parse::positive, allow_negative_numbers = true)]
    pub depth_x0: f64,
    /// Beam electron energy [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = parse::positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// Number of beam electrons.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = parse::count::<u64>)]
    pub events: u64,
    /// Energy cut for e± (kinetic) and photons [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 1e-3, value_parser = parse::positive, allow_negative_numbers = true)]
    pub cut: f64,
    #[command(flatten)]
    pub random: Seed,
    /// Events per chunk (unit of parallel work; part of what fixes the numbers of a seed).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = parse::count::<u64>)]
    pub chunk: u64,
    #[command(flatten)]
    pub shard: Shard,
    #[command(flatten)]
    pub files: ResultFiles,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// The run configuration of these options.
    pub fn config(&self) -> anyhow::Result<RunConfig> {
        let t = parse::shower_target(&self.material, self.depth_x0)?;
        let mut cfg = RunConfig::showers(t, self.energy, self.events, self.random.seed);
        ensure!(
            self.cut < self.energy,
            "--cut {} GeV must be below the beam energy {} GeV",
            self.cut,
            self.energy
        );
        cfg.electron_cut_gev = self.cut;
        cfg.photon_cut_gev = self.cut;
        cfg.chunk_events = self.chunk;
        Ok(cfg)
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let shard = self.shard.get()?;
        self.files.check()?;
        let cfg = self.config()?;
        let sim = ShowerSimulation::new(cfg)?;
        if let Some(r) = execute(&sim, shard, &self.files, "shower", self.progress.quiet)? {
            print_shower(&r, self.output.format)?;
        }
        Ok(())
    }
}
