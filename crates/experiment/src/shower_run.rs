//! The one translation of an experiment configuration into the shower stage's run
//! configuration, used by the limits pipeline (yields) and the detector (signal replays).

use aprime_physics::constants::M_E;
use aprime_shower::{RunConfig, ShowerError, TargetConfig};

use crate::config::ExperimentConfig;
use crate::production::BremModel;

/// Depth of a homogeneous block target named by a material \[X0\] (`target.preset = "Pb"`).
pub const BLOCK_DEPTH_X0: f64 = 40.0;

/// The shower-stage target of the configuration: `target.preset` resolved (a material block
/// `target.depth_x0` or [`BLOCK_DEPTH_X0`] deep), a layered target brought to the nearest depth to
/// `target.depth_x0` if that is given ([`TargetConfig::with_depth_x0`]).
pub fn target(cfg: &ExperimentConfig) -> Result<TargetConfig, ShowerError> {
    let depth = cfg.target.depth_x0;
    let t = TargetConfig::resolve(&cfg.target.preset, depth.unwrap_or(BLOCK_DEPTH_X0))?;
    match depth {
        // A block is already `d` deep: its one section keeps repeat = 1.
        Some(d) => t.with_depth_x0(d),
        None => Ok(t),
    }
}

/// What a shower run for dark-photon yields should score.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldRequest<'a> {
    /// A' masses \[GeV\].
    pub masses: &'a [f64],
    /// Bremsstrahlung model (`off`: the tables are still built with ETL, the caller drops the
    /// bremsstrahlung part).
    pub bremsstrahlung: BremModel,
    /// Resonant annihilation of shower positrons.
    pub annihilation: bool,
    /// Threshold on the A' energy \[GeV\].
    pub e_min_gev: f64,
    /// Showers.
    pub events: u64,
    /// Seed of the shower run.
    pub seed: u64,
    /// Forced-emission signal events to replay per mass (0: none).
    pub signal_events: u64,
}

/// The shower run configuration for `req`: the configuration's target and beam (particle,
/// energy, energy spread), the
/// model (`production.model`: the boson radiated and annihilated), the bremsstrahlung method,
/// and the annihilation settings (α_D, χ spin, m_χ = m_A'/mass_ratio).
pub fn yield_run_config(
    cfg: &ExperimentConfig,
    req: &YieldRequest<'_>,
) -> Result<RunConfig, ShowerError> {
    let method = req
        .bremsstrahlung
        .method()
        .unwrap_or(aprime_physics::dark_brem::Method::Etl);
    let mut rc = RunConfig::yields(
        target(cfg)?,
        cfg.beam.energy_gev,
        req.masses.to_vec(),
        method,
        req.e_min_gev,
        req.events,
        req.seed,
    );
    rc = rc.with_beam(cfg.beam.particle.projectile(), cfg.beam.energy_spread_gev);
    let photon_cut = rc.photon_cut_gev;
    if let Some(d) = rc.dark.as_mut() {
        d.model = cfg.production.model;
        d.signal_events = req.signal_events;
        // Muon beams: no annihilation (refused by `Production::check_model`).
        d.annihilation.enabled = req.annihilation && !cfg.beam.particle.is_muon();
        d.annihilation.alpha_d = cfg.production.alpha_d;
        d.annihilation.chi_mass_ratio = 1.0 / cfg.production.mass_ratio;
        d.annihilation.spin = cfg.production.chi;
        // Copies split at the threshold of the run: every spectrum a yield is folded from.
        let copies = cfg.simulation.hard_photon_copies(
            d.annihilation.enabled,
            cfg.beam.particle == crate::Particle::Electron,
        );
        let split = req.e_min_gev - M_E;
        d.hard_photon_copies = (copies > 0 && !cfg.beam.particle.is_muon()).then_some(
            aprime_shower::HardPhotonCopies {
                split_gev: split.max(photon_cut),
                copies,
            },
        );
    }
    Ok(rc)
}
