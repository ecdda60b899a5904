//! Shared helpers of the detector tests: small, fast simulations of a preset.

#![allow(dead_code)]

use aprime_detector::{DetectorConfig, Event, EventSimulation, Request};
use aprime_experiment::ExperimentConfig;

/// Preset and its detector model with all statistics scaled by `scale` (at least 8 events) and a
/// small shower library.
pub fn setup(preset: &str, scale: f64) -> (ExperimentConfig, DetectorConfig) {
    let cfg = aprime_experiment::presets::load(preset).unwrap();
    let mut det = cfg.detector.clone();
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
    ] {
        *n = ((*n as f64 * scale).round() as u64).max(8);
    }
    st.shower_library = 48;
    st.photon_spectrum_showers = 400;
    (cfg, det)
}

/// Simulate `eot` EOT of the configuration in memory.
pub fn simulate(
    cfg: &ExperimentConfig,
    det: &DetectorConfig,
    eot: f64,
    seed: u64,
    masses: &[f64],
    shard: (u64, u64),
) -> (EventSimulation, Vec<Event>) {
    let sim = EventSimulation::new(
        aprime_experiment::ExperimentConfig {
            detector: det.clone(),
            ..cfg.clone()
        },
        Request {
            eot_equivalent: eot,
            seed,
            masses_gev: masses.to_vec(),
            shard,
            preset: cfg.name.clone(),
        },
        None,
    )
    .unwrap();
    let ev = sim.events_vec();
    (sim, ev)
}

/// Weighted mean and rms of `x` over `w`.
pub fn mean_rms(xw: impl Iterator<Item = (f64, f64)>) -> (f64, f64) {
    let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
    for (x, w) in xw {
        s0 += w;
        s1 += w * x;
        s2 += w * x * x;
    }
    let m = s1 / s0;
    (m, (s2 / s0 - m * m).max(0.0).sqrt())
}
