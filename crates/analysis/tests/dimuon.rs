//! The dimuon benchmark (paper 002 §V.B, Table I): events with an identified beam electron and
//! MIP-like energy 1–6 GeV in HCAL1 and HCAL4, E_ECAL < 60 GeV.

mod common;

use aprime_analysis::{Options, analyze};

#[test]
fn dimuon_yield_per_eot_matches_table_i() {
    // Issue 6 acceptance: selected dimuons with E_ECAL < 60 GeV per EOT within 20% of the MC
    // expectation of paper 002 Table I, run I: 1223 events for 1.71e8 EOT.
    let s = common::sim::simulate("na64-2016", &[], 31);
    let a = analyze(&s.events, &s.cfg, s.run_eot.clone(), &Options::default()).unwrap();
    let reference = 1223.0 / 1.71e8;
    let run1 = &a.dimuon.runs[0];
    println!(
        "run I: {:.4e} ± {:.1e} per EOT ({} records), all runs {:.4e}; Table I {reference:.4e}",
        run1.yield_per_eot, run1.yield_error, run1.selected.raw, a.dimuon.yield_per_eot
    );
    assert!(
        (run1.yield_per_eot / reference - 1.0).abs() < 0.2,
        "run I: {} vs {reference}",
        run1.yield_per_eot
    );
    assert!((a.dimuon.yield_per_eot / reference - 1.0).abs() < 0.2);
    // The selection is pure: selected events are true dimuons (paper 002 Fig. 8), and enough
    // of them for a 10% statistical check.
    for d in &a.dimuon.runs {
        assert!(d.true_dimuon.sum_w / d.selected.sum_w > 0.95, "{d:?}");
        assert!(d.yield_error / d.yield_per_eot < 0.1, "{d:?}");
    }
}
