//! `aprime yield`: yields of the new boson X (the dark photon A' by default, `--model`) per
//! electron on target and per unit lepton coupling ε_e² from the shower Monte Carlo — dark
//! bremsstrahlung along every e± track (cross-section tables of the chosen method) plus resonant
//! annihilation of shower positrons — with E_X above the missing-energy threshold.

use anyhow::{Context, ensure};
use aprime_physics::dark_brem::Method;
use aprime_physics::widths::ChiSpin;
use aprime_shower::{RunConfig, ShowerSimulation};

use crate::options::{FormatArg, ModelOption, Quiet, ResultFiles, Seed, Shard};
use crate::parse;
use crate::shower_job::execute;
use crate::summary::print_yields;

/// Options of `aprime yield`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Yields are per EOT for kinetic mixing ε = 1 (multiply by ε²), from the track-length\n\
                  estimator Σ n σ(E) Δl over all e± steps above the threshold (fast mode: only particles that\n\
                  can still give E_A' > --emiss-min are followed). --signal-events N replays the first N events\n\
                  as full showers with the A' emitted (forced emission, weight = the event's yield) for the\n\
                  ECAL energy of signal events (paper 002 Fig. 6). Masses take lists: 0.01,0.1 or\n\
                  log:0.001:1:40.\n\
                  --model: yields are per unit lepton coupling ε_e² = (g_e/e)² for every model; for the Z'\n\
                  models the output adds the yield per g² (× sigma_scale, docs/models.md §1). A scalar χ\n\
                  (--scalar) exists for the vector-like models only."
)]
pub struct Opts {
    /// A' mass(es) [GeV]: a number or a list (`0.002,0.02`, `log:0.001:1:40`).
    #[arg(long, value_name = "GEV", allow_hyphen_values = true)]
    pub mass: String,
    /// Target: `na64-ecal` (default), a material, or a TOML target file.
    #[arg(long, default_value = "na64-ecal")]
    pub target: String,
    /// Depth of a single-material block [X0].
    #[arg(long, value_name = "X0", default_value_t = 40.0, value_parser = parse::positive, allow_negative_numbers = true)]
    pub depth_x0: f64,
    /// Beam electron energy [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = parse::positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// Count only A' with energy above this (E_miss threshold) [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 50.0, value_parser = parse::non_negative, allow_negative_numbers = true)]
    pub emiss_min: f64,
    /// Number of beam electrons.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse::count::<u64>)]
    pub events: u64,
    #[command(flatten)]
    pub random: Seed,
    #[command(flatten)]
    pub model: ModelOption,
    /// Dark-bremsstrahlung cross section: etl, wwsimple, iww or exact.
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = parse::method)]
    pub method: Method,
    /// Energy cut for e± (kinetic) and photons [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 1e-3, value_parser = parse::positive, allow_negative_numbers = true)]
    pub cut: f64,
    /// Follow the whole shower instead of only the particles able to give E_A' > --emiss-min.
    #[arg(long)]
    pub full: bool,
    /// Replay this many events (the first ones) as full signal showers per mass.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub signal_events: u64,
    /// Leave out resonant annihilation e⁺e⁻ → A'.
    #[arg(long)]
    pub no_annihilation: bool,
    /// Dark coupling α_D (Breit–Wigner width of the resonance).
    #[arg(long, value_name = "ALPHA", default_value_t = 0.5, value_parser = parse::positive, allow_negative_numbers = true)]
    pub alpha_d: f64,
    /// m_χ/m_A' (χ pair threshold of the resonance).
    #[arg(long, value_name = "RATIO", default_value_t = 1.0 / 3.0, value_parser = parse::non_negative, allow_negative_numbers = true)]
    pub chi_ratio: f64,
    /// Scalar instead of Dirac-fermion χ.
    #[arg(long)]
    pub scalar: bool,
    /// Events per chunk (unit of parallel work; part of what fixes the numbers of a seed).
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = parse::count::<u64>)]
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
        let masses = parse::masses(&self.mass, "--mass", Some(self.energy))?.into_vec();
        ensure!(
            self.emiss_min < self.energy,
            "--emiss-min {} GeV must be below the beam energy {} GeV",
            self.emiss_min,
            self.energy
        );
        ensure!(
            self.cut < self.energy,
            "--cut {} GeV must be below the beam energy {} GeV",
            self.cut,
            self.energy
        );
        let t = parse::shower_target(&self.target, self.depth_x0)?;
        let mut cfg = RunConfig::yields(
            t,
            self.energy,
            masses,
            self.method,
            self.emiss_min,
            self.events,
            self.random.seed,
        );
        cfg.electron_cut_gev = self.cut;
        cfg.photon_cut_gev = self.cut;
        cfg.chunk_events = self.chunk;
        if self.full {
            cfg.fast_threshold_gev = None;
        }
        let d = cfg
            .dark
            .as_mut()
            .context("the yield run configuration has no dark-sector part")?;
        d.model = self.model.mediator()?;
        d.signal_events = self.signal_events;
        d.annihilation.enabled = !self.no_annihilation;
        d.annihilation.alpha_d = self.alpha_d;
        d.annihilation.chi_mass_ratio = self.chi_ratio;
        d.annihilation.spin = if self.scalar {
            ChiSpin::Scalar
        } else {
            ChiSpin::Fermion
        };
        Ok(cfg)
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let shard = self.shard.get()?;
        self.files.check()?;
        let cfg = self.config()?;
        let sim = ShowerSimulation::new(cfg)
            .with_context(|| format!("preparing the {} cross-section tables", self.method))?;
        if let Some(r) = execute(&sim, shard, &self.files, "yield", self.progress.quiet)? {
            print_yields(&r, self.output.format)?;
        }
        Ok(())
    }
}
