//! Tuning check: per preset, run and source, the expected box background after the nominal
//! selection against the run's `box_targets`, and the knob values that would hit the targets
//! (the box expectation of each source is linear in its TUNED knob).
//!
//! `cargo run --release -p aprime-detector --example tune [-- PRESET...]`

use std::fmt::Write as _;
use std::time::Instant;

use aprime_detector::selection::Nominal;
use aprime_detector::{EventSimulation, Process, Request};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let presets: Vec<String> = if args.is_empty() {
        aprime_experiment::presets::names()
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    } else {
        args
    };
    for name in presets {
        let t = Instant::now();
        let cfg = aprime_experiment::presets::load(&name).unwrap();
        let det = cfg.detector.clone();
        let eot: f64 = cfg.runs.iter().map(|r| r.eot).sum();
        let sim = EventSimulation::new(
            aprime_experiment::ExperimentConfig {
                detector: det.clone(),
                ..cfg.clone()
            },
            Request {
                eot_equivalent: eot,
                seed: 1,
                masses_gev: vec![],
                shard: (0, 1),
                preset: name.clone(),
            },
            None,
        )
        .unwrap();
        let prep_s = t.elapsed().as_secs_f64();
        let ev = sim.events_vec();
        println!(
            "== {name}: {} events, prepare {:.1} s, total {:.1} s; dimuon conversions/EOT {:.4e}, photonuclear/EOT {:.4e}",
            ev.len(),
            prep_s,
            t.elapsed().as_secs_f64(),
            sim.prepared.photons.dimuon_per_eot,
            sim.prepared.photons.nuclear_per_eot
        );
        println!(
            "   dimuon conversions with E_γ > 40 GeV per EOT: {:.4e}",
            sim.prepared.photons.dimuon_above(40.0)
        );
        let mut grand = 0.0;
        for (ri, run) in cfg.runs.iter().enumerate() {
            let nom = Nominal::for_run(&cfg.run_selections().unwrap()[ri]);
            let d = &det.runs[ri];
            let tg = &d.box_targets;
            let mut line = format!("run {:>18}:", run.name);
            let mut tot = 0.0;
            for (p, target, knob, kname) in [
                (
                    Process::Upstream,
                    tg.upstream,
                    d.upstream_rate_per_eot,
                    "upstream_rate_per_eot",
                ),
                (
                    Process::DecayInFlight,
                    tg.decay_in_flight,
                    d.srd_fake_tag_probability,
                    "srd_fake_tag_probability",
                ),
                (
                    Process::Dimuon,
                    tg.dimuon,
                    d.muon_miss_probability,
                    "muon_miss_probability",
                ),
                (
                    Process::MistaggedHadron,
                    tg.mistagged_hadron,
                    d.hadron_leak_probability,
                    "hadron_leak_probability",
                ),
                (
                    Process::HadronTarget,
                    tg.hadron_target,
                    d.punch_through_probability,
                    "punch_through_probability",
                ),
                (Process::EmShower, 0.0, 0.0, "-"),
            ] {
                let sel: Vec<_> = ev
                    .iter()
                    .filter(|e| e.run == ri as u32 && e.process == p && nom.in_box(e))
                    .collect();
                let b: f64 = sel.iter().map(|e| e.weight).sum();
                tot += b;
                // Dimuon box ∝ p², hadron leak mixes with the decay knob: report the linear ratio.
                let suggest = if b > 0.0 && target > 0.0 {
                    if p == Process::Dimuon {
                        knob * (target / b).sqrt()
                    } else {
                        knob * target / b
                    }
                } else {
                    f64::NAN
                };
                let _ = write!(
                    line,
                    " {}={:.3e}/{:.3e} (n={}, {kname}→{:.3e})",
                    p.name(),
                    b,
                    target,
                    sel.len(),
                    suggest
                );
            }
            grand += tot;
            println!("{line}\n    run total {tot:.4} (targets {:.4})", tg.total());
            // Side band C and a few efficiencies.
            let c: f64 = ev
                .iter()
                .filter(|e| {
                    e.run == ri as u32
                        && nom.passes_cuts(e)
                        && e.e_hcal_gev() < 1.0
                        && e.e_ecal_gev > nom.e_ecal_max_gev
                        && e.e_ecal_gev < 80.0
                })
                .map(|e| e.weight)
                .sum();
            let em: Vec<_> = ev
                .iter()
                .filter(|e| e.run == ri as u32 && e.process == Process::EmShower)
                .collect();
            let wem: f64 = em.iter().map(|e| e.weight).sum();
            let pass: f64 = em
                .iter()
                .filter(|e| {
                    let mut x: aprime_detector::Event = (**e).clone();
                    x.trigger = true;
                    nom.passes_cuts(&x)
                })
                .map(|e| e.weight)
                .sum();
            let mu: f64 = ev
                .iter()
                .filter(|e| {
                    e.run == ri as u32
                        && e.process == Process::Dimuon
                        && e.trigger
                        && e.e_ecal_gev < 60.0
                        && (1.0..=6.0).contains(&e.e_hcal1_gev)
                        && (1.0..=6.0).contains(
                            &[e.e_hcal1_gev, e.e_hcal2_gev, e.e_hcal3_gev, e.e_hcal4_gev]
                                [d.hcal_modules as usize - 1],
                        )
                })
                .map(|e| e.weight)
                .sum();
            let mu_id: f64 = ev
                .iter()
                .filter(|e| {
                    e.run == ri as u32
                        && e.process == Process::Dimuon
                        && e.trigger
                        && e.n_tracks == 1
                        && (e.p_track_gev - nom.e0).abs() <= nom.momentum_window_gev
                        && e.track_angle_mrad < nom.max_angle_mrad
                        && [e.srd1_mev, e.srd2_mev, e.srd3_mev]
                            .iter()
                            .all(|s| (1.0..=100.0).contains(s))
                        && e.e_ecal_gev < 60.0
                        && (1.0..=6.0).contains(&e.e_hcal1_gev)
                        && (1.0..=6.0).contains(
                            &[e.e_hcal1_gev, e.e_hcal2_gev, e.e_hcal3_gev, e.e_hcal4_gev]
                                [d.hcal_modules as usize - 1],
                        )
                })
                .map(|e| e.weight)
                .sum();
            println!(
                "    side band C (50–80 GeV): {c:.1} events; e- passing cuts: {:.3}; dimuon(E<60, trig, HCAL1,last in 1–6) per EOT: {:.3e} (with e-ID cuts {:.3e})",
                pass / wem,
                mu / run.eot,
                mu_id / run.eot
            );
        }
        println!("   preset total {grand:.4}");
    }
}
