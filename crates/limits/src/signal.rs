//! The expected signal of every run at one mass (paper 000 eq. 3, paper 002 eq. 26).

use aprime_experiment::{ExperimentConfig, efficiency};

use crate::yield_data::YieldPoint;

/// Per-run expected signal per ε² at one mass: a_i = EOT_i · ∫ spectrum(E) eff_i(m, E) dE over
/// E_A' > E0 − cut_i (the efficiency may depend on E_miss ≈ E_A').
pub fn signal_per_eps2(
    cfg: &ExperimentConfig,
    p: &YieldPoint,
    cuts: &[f64],
    eff_override: Option<&[f64]>,
) -> Vec<f64> {
    let e0 = cfg.beam.energy_gev;
    cfg.runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let e_min = e0 - cuts[i];
            let y = match eff_override {
                Some(e) => e[i] * p.above(e_min),
                None => p.folded(e_min, |e| efficiency(run, p.mass_gev, e)),
            };
            run.eot * y
        })
        .collect()
}
