//! Events from the detector stage's simulation of a preset (the real input of the analysis).

use aprime_detector::{Event, EventSimulation, Request};
use aprime_experiment::{ExperimentConfig, presets};

/// A simulated sample.
pub struct Simulated {
    /// The experiment configuration.
    pub cfg: ExperimentConfig,
    /// The events.
    pub events: Vec<Event>,
    /// EOT the events stand for per run.
    pub run_eot: Vec<f64>,
}

/// Simulate `preset` for its full exposure (the published EOT of every run) with signal at
/// `masses` [GeV], default detector statistics.
pub fn simulate(preset: &str, masses: &[f64], seed: u64) -> Simulated {
    let cfg = presets::load(preset).unwrap();
    let eot: f64 = cfg.runs.iter().map(|r| r.eot).sum();
    let sim = EventSimulation::new(
        cfg.clone(),
        Request {
            eot_equivalent: eot,
            seed,
            masses_gev: masses.to_vec(),
            shard: (0, 1),
            preset: preset.into(),
        },
        None,
    )
    .unwrap();
    Simulated {
        events: sim.events_vec(),
        run_eot: sim.run_eot(),
        cfg,
    }
}
