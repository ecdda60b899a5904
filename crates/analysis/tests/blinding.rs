//! Blinding (paper 002 §IV: "events from the preliminary signal box were excluded from the
//! analysis of the data until the validity of the background estimate was established"):
//! without unblinding, nothing the analysis computes or writes depends on the box content.

mod common;

use aprime_analysis::{Options, Region, analyze};
use aprime_detector::Process;
use aprime_experiment::presets;

fn with_box_events(base: &[aprime_detector::Event], n: u64) -> Vec<aprime_detector::Event> {
    let mut v = base.to_vec();
    for k in 0..n {
        let mut e = common::clean((k % 3) as u32, 50_000_000 + k);
        e.process = if k % 2 == 0 {
            Process::Upstream
        } else {
            Process::EmShower
        };
        e.e_ecal_gev = 5.0 + (k % 40) as f64;
        e.trigger = true;
        e.weight = 0.37;
        v.push(e);
    }
    v
}

#[test]
fn blind_analysis_and_outputs_do_not_depend_on_the_box() {
    let cfg = presets::load("na64-2016").unwrap();
    let base = common::sample(&common::specs(&cfg, 1e10), 5);
    let more = with_box_events(&base, 1234);
    let eot = vec![1e10; 3];
    let blind = Options::default();
    let a = analyze(&base, &cfg, eot.clone(), &blind).unwrap();
    let b = analyze(&more, &cfg, eot.clone(), &blind).unwrap();
    assert!(a.box_contents.is_none() && a.signal_estimates.is_none());
    // Every number of the analysis is identical (serialised, bit for bit).
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // No box entry was filled for the data.
    let bi = Region::ALL
        .iter()
        .position(|&r| r == Region::SignalBox)
        .unwrap();
    for r in &a.tallies.runs {
        for p in &r.regions {
            assert_eq!(p[bi].raw, 0);
        }
    }
    // The written outputs are checked byte for byte by the CLI test
    // `blind_outputs_do_not_depend_on_the_box_and_unblind_shows_it` (crates/cli/tests/analyze_cli.rs).
    // Unblinded, the extra box events are there: 1234 records of weight 0.37.
    let open = Options {
        unblind: true,
        ..Options::default()
    };
    let ua = analyze(&base, &cfg, eot.clone(), &open).unwrap();
    let ub = analyze(&more, &cfg, eot, &open).unwrap();
    let sum = |x: &aprime_analysis::Analysis| -> (u64, f64) {
        let b = x.box_contents.as_ref().unwrap();
        (
            b.iter().map(|c| c.data.raw).sum(),
            b.iter().map(|c| c.data.sum_w).sum(),
        )
    };
    let (ra, wa) = sum(&ua);
    let (rb, wb) = sum(&ub);
    assert_eq!(rb - ra, 1234);
    assert!((wb - wa - 1234.0 * 0.37).abs() < 1e-6);
}
