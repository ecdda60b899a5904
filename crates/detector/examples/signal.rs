//! Signal check: E_ECAL distributions of m_A' = 2, 20, 200 MeV (paper 002 Fig. 6) and the
//! selection efficiency after the nominal cuts, per run.
//!
//! `cargo run --release -p aprime-detector --example signal [-- PRESET]`

use aprime_detector::selection::Nominal;
use aprime_detector::{EventSimulation, Process, Request};

fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "na64-2016".into());
    let cfg = aprime_experiment::presets::load(&name).unwrap();
    let mut det = cfg.detector.clone();
    let st = &mut det.statistics;
    st.em_shower = 10;
    st.dimuon = 10;
    st.hadron_target = 10;
    st.upstream = 10;
    st.decay_in_flight = 10;
    st.mistagged_hadron = 10;
    st.signal_per_mass = 1500;
    st.signal_showers = 6000;
    let masses = vec![0.002, 0.02, 0.2];
    let sim = EventSimulation::new(
        aprime_experiment::ExperimentConfig {
            detector: det,
            ..cfg.clone()
        },
        Request {
            eot_equivalent: 1e10,
            seed: 11,
            masses_gev: masses.clone(),
            shard: (0, 1),
            preset: name.clone(),
        },
        None,
    )
    .unwrap();
    let ev = sim.events_vec();
    let edges: Vec<f64> = (0..=10).map(|i| 5.0 * f64::from(i)).collect();
    for &m in &masses {
        let sig: Vec<_> = ev
            .iter()
            .filter(|e| e.process == Process::Signal && (e.mass_gev - m).abs() < 1e-9)
            .collect();
        // E_ECAL shape (all runs, before cuts), fractions per 5 GeV bin.
        let wt: f64 = sig.iter().map(|e| e.weight).sum();
        let mut h = vec![0.0; edges.len() - 1];
        let mut mean = 0.0;
        for e in &sig {
            mean += e.weight * e.e_ecal_gev;
            if let Some(b) = edges
                .windows(2)
                .position(|w| e.e_ecal_gev >= w[0] && e.e_ecal_gev < w[1])
            {
                h[b] += e.weight;
            }
        }
        let fr: Vec<String> = h.iter().map(|v| format!("{:.3}", v / wt)).collect();
        println!(
            "m = {:.0} MeV: <E_ECAL> = {:.1} GeV, fractions per 5 GeV bin 0–50: [{}]",
            m * 1e3,
            mean / wt,
            fr.join(", ")
        );
        for (ri, run) in cfg.runs.iter().enumerate() {
            let nom = Nominal::for_run(&cfg.run_selections().unwrap()[ri]);
            let all: f64 = sig
                .iter()
                .filter(|e| e.run == ri as u32)
                .map(|e| e.weight)
                .sum();
            let pass: f64 = sig
                .iter()
                .filter(|e| e.run == ri as u32 && nom.in_box(e))
                .map(|e| e.weight)
                .sum();
            let trig: f64 = sig
                .iter()
                .filter(|e| e.run == ri as u32 && e.trigger)
                .map(|e| e.weight)
                .sum();
            println!(
                "   run {:>18}: efficiency {:.3} (trigger {:.3})",
                run.name,
                pass / all,
                trig / all
            );
        }
    }
}
