//! The analysis on simulated events of each preset (the detector stage): cut flow, side-band
//! background against the true box content, efficiencies per mass, dimuon yield per EOT.
//!
//! `cargo run --release -p aprime-analysis --example simulated [-- PRESET...]`

use std::time::Instant;

use aprime_analysis::{Options, Step, analyze};
use aprime_detector::{EventSimulation, Request};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<String> = if args.is_empty() {
        aprime_experiment::presets::names()
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    } else {
        args
    };
    for name in names {
        let t = Instant::now();
        let cfg = aprime_experiment::presets::load(&name).unwrap();
        let eot: f64 = cfg.runs.iter().map(|r| r.eot).sum();
        let sim = EventSimulation::new(
            cfg.clone(),
            Request {
                eot_equivalent: eot,
                seed: 1,
                masses_gev: vec![0.002, 0.02, 0.2],
                shard: (0, 1),
                preset: name.clone(),
            },
            None,
        )
        .unwrap();
        let ev = sim.events_vec();
        let t_sim = t.elapsed().as_secs_f64();
        let t2 = Instant::now();
        let a = analyze(
            &ev,
            &cfg,
            sim.run_eot(),
            &Options {
                unblind: true,
                ..Options::default()
            },
        )
        .unwrap();
        println!(
            "== {name}: {} events, simulated in {t_sim:.1} s, analysed in {:.2} s",
            ev.len(),
            t2.elapsed().as_secs_f64()
        );
        let boxes = a.box_contents.as_ref().unwrap();
        for (i, b) in a.background.iter().enumerate() {
            let flow = a.tallies.runs[i].flow_total();
            let steps: Vec<String> = flow
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let n = if k == 0 {
                        "in"
                    } else {
                        Step::ALL[k - 1].name()
                    };
                    format!("{n} {:.3e}", t.sum_w)
                })
                .collect();
            println!("run {}: {}", b.run, steps.join(", "));
            let up = boxes[i]
                .by_process
                .iter()
                .find(|(p, _)| p == "upstream")
                .unwrap()
                .1;
            let procs: Vec<String> = boxes[i]
                .by_process
                .iter()
                .filter(|(_, t)| t.raw > 0)
                .map(|(p, t)| format!("{p} {:.4} ({} rec)", t.sum_w, t.raw))
                .collect();
            let em = boxes[i]
                .by_process
                .iter()
                .find(|(p, _)| p == "em_shower")
                .unwrap()
                .1;
            println!(
                "  side band: {:.4} ± {:.4} (stat {:.4}, data-eq {:.4}, syst {:.4}; slope {:?}; C {:.1} ev) vs true upstream+em {:.4} ± {:.4} (pull {:.2})",
                b.side_band_predicted,
                b.side_band_error,
                b.stat_error,
                b.stat_error_data,
                b.syst_error,
                b.slope_per_gev,
                b.side_band_events,
                up.sum_w + em.sum_w,
                (up.sum_w2 + em.sum_w2).sqrt(),
                (b.side_band_predicted - up.sum_w - em.sum_w)
                    / b.side_band_error.hypot((up.sum_w2 + em.sum_w2).sqrt())
            );
            println!(
                "  total: {:.4} ± {:.4} ({}) vs true box {:.4} ± {:.4} [{}]; config EOT: {:.4} ± {:.4} (preset {:.4} ± {:.4})",
                b.predicted,
                b.error,
                b.method,
                boxes[i].data.sum_w,
                boxes[i].data.error(),
                procs.join(", "),
                b.predicted_config,
                b.error_config,
                cfg.runs[i].background,
                cfg.runs[i].background_uncertainty
            );
            for v in &b.variants {
                print!("    [{}: {:.4}]", v.variant, v.predicted);
            }
            println!();
        }
        for e in &a.efficiencies {
            let f: Vec<String> = e
                .factors
                .iter()
                .map(|f| format!("{} {:.3}", f.name, f.value))
                .collect();
            println!(
                "  eff run {} m = {} GeV: {} → selection {:.3} ± {:.3} (N = {}, <E_ECAL> = {:.1})",
                e.run,
                e.mass_gev,
                f.join(", "),
                e.selection,
                e.selection_error,
                e.signal_records,
                e.mean_e_ecal_gev
            );
        }
        for d in &a.dimuon.runs {
            println!(
                "  dimuon run {}: {:.4e} ± {:.1e} per EOT ({} rec; true dimuon {:.3e})",
                d.run,
                d.yield_per_eot,
                d.yield_error,
                d.selected.raw,
                d.true_dimuon.sum_w / d.file_eot
            );
        }
        println!(
            "  dimuon all runs: {:.4e} per EOT vs paper 002 Table I {:.4e} (ratio {:.3})",
            a.dimuon.yield_per_eot,
            a.dimuon.reference_per_eot,
            a.dimuon.yield_per_eot / a.dimuon.reference_per_eot
        );
    }
}
