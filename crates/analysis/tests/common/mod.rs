//! A synthetic NA64-like event sample with known truth, for tests that must not depend on the
//! detector simulation: clean electrons, upstream interactions with a known exponential E_ECAL
//! spectrum (paper 002 §VIII), dimuons, hadronic events and A' signal.

#![allow(dead_code)]

pub mod sim;

use aprime_detector::{Event, Process};
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;
use rand_xoshiro::Xoshiro256PlusPlus;

/// A clean 100 GeV beam electron that passes every cut of every preset, E_ECAL = 100 GeV.
pub fn clean(run: u32, event: u64) -> Event {
    Event {
        run,
        event,
        process: Process::EmShower,
        weight: 1.0,
        mass_gev: 0.0,
        true_emiss_gev: 0.0,
        n_tracks: 1,
        p_track_gev: 100.0,
        track_angle_mrad: 0.3,
        straw_hits: 1,
        srd1_mev: 10.0,
        srd2_mev: 10.0,
        srd3_mev: 10.0,
        e_ecal_gev: 100.0,
        e_ps_gev: 2.0,
        ecal_max_cell_fraction: 0.8,
        ecal_shape_chi2: 1.0,
        ecal_x_cm: 0.0,
        ecal_y_cm: 0.0,
        e_veto_mev: 0.3,
        e_hcal1_gev: 0.1,
        e_hcal2_gev: 0.0,
        e_hcal3_gev: 0.0,
        e_hcal4_gev: 0.0,
        e_hcal0_gev: 0.0,
        pileup: false,
        trigger: false,
    }
}

/// What to put in the sample of one run.
#[derive(Debug, Clone)]
pub struct RunSpec {
    /// Slope p2 of the upstream E_ECAL spectrum exp(p1 + p2 E) [1/GeV].
    pub slope: f64,
    /// Expected upstream events with E_ECAL in [0, `cut`) and E_HCAL = 0 (the true box content).
    pub box_truth: f64,
    /// E_ECAL cut of the run.
    pub cut: f64,
    /// Upstream records (E_ECAL sampled uniformly in [0, 100), weights carry the exponential).
    pub n_upstream: usize,
    /// Weight and number of clean electrons.
    pub n_em: usize,
    /// Signal records per mass.
    pub n_signal: usize,
    /// Signal yield per EOT per ε² of each mass (the weights' normalisation).
    pub signal_yield: f64,
    /// EOT the run's events stand for.
    pub eot: f64,
    /// ECAL threshold of the trigger [GeV] (80; 90 from 2021).
    pub trigger_gev: f64,
}

/// True upstream content of [a, b) for a spectrum normalised to `box_truth` in [0, cut).
pub fn upstream_integral(r: &RunSpec, a: f64, b: f64) -> f64 {
    let n = r.box_truth / ((r.slope * r.cut).exp() - 1.0);
    n * ((r.slope * b).exp() - (r.slope * a).exp())
}

/// Simulated A' masses [GeV].
pub const MASSES: [f64; 2] = [0.002, 0.02];

/// The sample: for each run, clean electrons, upstream events, dimuons, hadronic events and
/// signal events at `MASSES` (weights per ε²).
pub fn sample(runs: &[RunSpec], seed: u64) -> Vec<Event> {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut out = Vec::new();
    let mut n = 0u64;
    let mut next = || {
        n += 1;
        n
    };
    for (ri, r) in runs.iter().enumerate() {
        let run = ri as u32;
        let gauss = |rng: &mut Xoshiro256PlusPlus| -> f64 { rng.sample(StandardNormal) };
        for _ in 0..r.n_em {
            let mut e = clean(run, next());
            e.e_ecal_gev = 100.0 + gauss(&mut rng);
            e.weight = r.eot / r.n_em as f64;
            out.push(e);
        }
        // Upstream: uniform sampling, density exp(p1 + p2 E) in the weights.
        let p1 = (r.box_truth * r.slope / ((r.slope * r.cut).exp() - 1.0)).ln();
        for _ in 0..r.n_upstream {
            let mut e = clean(run, next());
            e.process = Process::Upstream;
            let x: f64 = 100.0 * rng.random::<f64>();
            e.e_ecal_gev = x;
            e.true_emiss_gev = 100.0 - x;
            e.weight = (p1 + r.slope * x).exp() * 100.0 / r.n_upstream as f64;
            e.trigger = x < r.trigger_gev;
            out.push(e);
        }
        // Dimuons: two MIPs through the HCAL, E_ECAL below 80 GeV.
        for _ in 0..2000 {
            let mut e = clean(run, next());
            e.process = Process::Dimuon;
            e.e_ecal_gev = 80.0 * rng.random::<f64>();
            e.e_veto_mev = 16.0;
            e.e_hcal1_gev = 4.0 + 0.3 * gauss(&mut rng);
            e.e_hcal2_gev = 4.0;
            e.e_hcal3_gev = 4.0;
            e.e_hcal4_gev = 4.0 + 0.3 * gauss(&mut rng);
            e.weight = 1e-5 * r.eot / 2000.0;
            e.trigger = true;
            out.push(e);
        }
        // Hadronic events in the target: E_ECAL + E_HCAL ≈ 100 GeV.
        for _ in 0..2000 {
            let mut e = clean(run, next());
            e.process = Process::HadronTarget;
            let x: f64 = 100.0 * rng.random::<f64>();
            e.e_ecal_gev = x;
            e.e_hcal1_gev = 100.0 - x;
            e.trigger = x < 80.0;
            e.weight = 1e-4 * r.eot / 2000.0;
            out.push(e);
        }
        // Signal: E_A' = E0 (1 − u²·(1/2)) above 50 GeV; 6% VETO and 2% HCAL accidentals.
        for &m in &MASSES {
            for _ in 0..r.n_signal {
                let mut e = clean(run, next());
                e.process = Process::Signal;
                e.mass_gev = m;
                let u: f64 = rng.random();
                let ea = 100.0 * (1.0 - 0.5 * u * u);
                e.true_emiss_gev = ea;
                e.e_ecal_gev = (100.0 - ea + 0.1 * (100.0 - ea).sqrt() * gauss(&mut rng)).max(0.0);
                e.trigger = true;
                if rng.random::<f64>() < 0.06 {
                    e.e_veto_mev = 10.0;
                }
                if rng.random::<f64>() < 0.02 {
                    e.e_hcal2_gev = 3.0;
                }
                e.weight = r.eot * r.signal_yield / r.n_signal as f64;
                out.push(e);
            }
        }
    }
    out
}

/// The synthetic spec of a configuration's runs: slopes as paper 002 §VIII (0.315, 0.396, 0.49,
/// then 0.4), box truth as the paper's side-band estimates, scaled to `eot` per run.
pub fn specs(cfg: &aprime_experiment::ExperimentConfig, eot: f64) -> Vec<RunSpec> {
    let slopes = [0.315, 0.396, 0.49, 0.4];
    cfg.runs
        .iter()
        .enumerate()
        .map(|(i, r)| RunSpec {
            slope: slopes[i % 4],
            box_truth: r.background * eot / r.eot,
            cut: cfg.ecal_cut(r),
            n_upstream: 40_000,
            n_em: 2_000,
            n_signal: 4_000,
            signal_yield: 1e-4,
            eot,
            trigger_gev: if r.name.contains("2021") { 90.0 } else { 80.0 },
        })
        .collect()
}
