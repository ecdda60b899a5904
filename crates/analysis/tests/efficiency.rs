//! Signal efficiencies (paper 002 eq. 23, 25; Table II) measured on simulated A' events, and
//! the shapes of their ECAL energy distributions (paper 002 Fig. 6).

mod common;

use aprime_analysis::{Options, analyze};

#[test]
fn signal_efficiency_is_in_the_published_range_with_the_table_ii_factors() {
    // Issue 6 acceptance: selection efficiency for signal 0.45–0.75 (paper 002 §VI: overall
    // 0.7 → 0.5 from low to high intensity; paper 000: 0.69 → 0.48).
    let s = common::sim::simulate("na64-2016", &[0.002, 0.02, 0.2], 21);
    let a = analyze(&s.events, &s.cfg, s.run_eot.clone(), &Options::default()).unwrap();
    assert_eq!(a.efficiencies.len(), 9);
    for e in &a.efficiencies {
        let f: Vec<String> = e
            .factors
            .iter()
            .map(|f| format!("{} {:.3}", f.name, f.value))
            .collect();
        println!(
            "run {} m = {} GeV: {} → {:.3} ± {:.3}, × {:.3} = {:.3}, <E_ECAL> = {:.1} GeV",
            e.run,
            e.mass_gev,
            f.join(", "),
            e.selection,
            e.selection_error,
            e.correction,
            e.total,
            e.mean_e_ecal_gev
        );
        assert!(
            (0.45..=0.75).contains(&e.selection),
            "run {} m = {}: efficiency {} outside 0.45–0.75",
            e.run,
            e.mass_gev,
            e.selection
        );
        // The paper 002 corrections (dimuon data/MC f of Table I, ECAL reweighting of Fig. 11)
        // are configured per run and multiply the measured efficiency.
        let f = [(0.92, 0.95), (0.85, 0.95), (0.81, 0.93)][e.run_index];
        assert!((e.correction - f.0 * f.1).abs() < 1e-12, "{}", e.correction);
        assert!((e.total - e.selection * e.correction).abs() < 1e-12);
        // The product of the eq. 23 factors is the measured efficiency (the signal sample is
        // generated with E_A' > E0 − cut, the yields' definition).
        let prod: f64 = e.factors.iter().map(|f| f.value).product();
        assert!(
            (prod / e.selection - 1.0).abs() < 1e-9,
            "{prod} vs {} ({} of {} per ε² above E0 − cut)",
            e.selection,
            e.kinematic_per_eps2,
            e.signal_per_eps2
        );
        // Table II (run III): ε_V = 0.94, ε_HCAL = 0.98: each within 0.05 (300 events per
        // mass and run give ±0.015).
        let factor = |n: &str| e.factors.iter().find(|f| f.name == n).unwrap().value;
        assert!(
            (factor("veto") - 0.94).abs() < 0.05,
            "ε_V = {}",
            factor("veto")
        );
        assert!(
            (factor("hcal") - 0.98).abs() < 0.05,
            "ε_HCAL = {}",
            factor("hcal")
        );
    }
    // Intensity dependence (paper 002 §VI): run I (1.8e6 e⁻/spill) above run III (4.6e6),
    // averaged over the masses.
    let mean = |run: &str| {
        let v: Vec<f64> = a
            .efficiencies
            .iter()
            .filter(|e| e.run == run)
            .map(|e| e.total)
            .collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    assert!(mean("I") > mean("III"), "{} vs {}", mean("I"), mean("III"));
    // Table II (run III, corrections included): ε_tot = 0.50 at 10 MeV, 0.48 at 100 MeV; our
    // 2 and 20 MeV samples within 0.07 of 0.50 (the Monte Carlo error is ±0.03).
    for e in a
        .efficiencies
        .iter()
        .filter(|e| e.run == "III" && e.mass_gev < 0.05)
    {
        assert!(
            (e.total - 0.50).abs() < 0.07,
            "run III m = {}: ε_tot = {} (Table II: 0.50)",
            e.mass_gev,
            e.total
        );
    }
    // Fig. 6: the heavier the A', the larger the fraction of the beam energy it takes, so the
    // mean ECAL energy falls with the mass (2 → 200 MeV), all runs together.
    let mean_ecal = |m: f64| {
        let v: Vec<&aprime_analysis::Efficiency> =
            a.efficiencies.iter().filter(|e| e.mass_gev == m).collect();
        v.iter()
            .map(|e| e.mean_e_ecal_gev * e.signal_per_eps2)
            .sum::<f64>()
            / v.iter().map(|e| e.signal_per_eps2).sum::<f64>()
    };
    assert!(
        mean_ecal(0.002) > mean_ecal(0.2) + 2.0,
        "<E_ECAL>: {} (2 MeV) vs {} (200 MeV)",
        mean_ecal(0.002),
        mean_ecal(0.2)
    );
}
