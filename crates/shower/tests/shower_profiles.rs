//! Shower shape against the PDG parametrisations (physics.md §7; PDG "Passage of particles
//! through matter" §34.5): longitudinal maximum, lateral containment, total track length.

use aprime_shower::{RunConfig, ShowerResult, ShowerSimulation, TargetConfig};

const EC_PB: f64 = 7.43e-3; // GeV, PDG critical energy of Pb (physics.md §1)

fn lead_showers(e0: f64, events: u64, seed: u64) -> ShowerResult {
    let cfg = RunConfig::showers(
        TargetConfig::homogeneous("Pb", 40.0).unwrap(),
        e0,
        events,
        seed,
    );
    ShowerSimulation::new(cfg).unwrap().run(None).unwrap()
}

#[test]
fn longitudinal_maximum_follows_ln_e0_over_ec() {
    // physics.md §7: t_max = ln(E0/E_c) − 0.5 for electrons; acceptance: within 1 X0 for
    // 10–100 GeV. The fitted maximum of the mean profile has a statistical spread ≈ 0.1 X0
    // with these event counts (per-event t_max RMS ≈ 1 X0).
    for (e0, n) in [(10.0, 200), (30.0, 60), (100.0, 24)] {
        let r = lead_showers(e0, n, 1);
        let expect = (e0 / EC_PB).ln() - 0.5;
        assert!(
            (r.t_max_x0 - expect).abs() < 1.0,
            "E0 = {e0}: t_max = {} X0, expected {expect}",
            r.t_max_x0
        );
    }
}

#[test]
fn ninety_percent_containment_radius_is_one_moliere_radius() {
    // PDG §34.5: ≈ 90% of the energy lies within R_M (1.60 cm for Pb, physics.md §1);
    // acceptance: R90 within 25% of R_M.
    let r = lead_showers(30.0, 60, 2);
    assert!((r.moliere_radius_cm - 1.60).abs() < 0.01);
    let ratio = r.r90_cm / r.moliere_radius_cm;
    assert!((ratio - 1.0).abs() < 0.25, "R90/R_M = {ratio}");
}

#[test]
fn total_charged_track_length_is_e0_over_ec_radiation_lengths() {
    // PDG §34.5 / Rossi approximation B: total charged track length ≈ (E0/E_c) X0;
    // acceptance 15%. Our count includes the CSDA residual ranges below the 1 MeV cut.
    let x0 = 6.37 / 11.35;
    for (e0, n) in [(10.0, 100), (100.0, 10)] {
        let r = lead_showers(e0, n, 3);
        let expect = e0 / EC_PB * x0;
        let ratio = r.track_length_cm / expect;
        assert!((ratio - 1.0).abs() < 0.15, "E0 = {e0}: ratio {ratio}");
        // Positrons carry a sizeable but minority share of the explicit track length.
        let (ele, pos): (f64, f64) = r
            .materials
            .iter()
            .map(|m| (m.electron_track_cm, m.positron_track_cm))
            .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
        assert!(pos > 0.05 * ele && pos < ele, "e+ {pos} e- {ele}");
    }
}

#[test]
fn profile_integrates_to_the_visible_energy_and_the_shower_is_contained() {
    let r = lead_showers(20.0, 40, 4);
    let long: f64 = r
        .longitudinal
        .edges
        .windows(2)
        .zip(&r.longitudinal.values)
        .map(|(w, v)| v * (w[1] - w[0]))
        .sum::<f64>()
        + r.longitudinal.overflow;
    assert!((long / r.energy.visible_gev - 1.0).abs() < 1e-9);
    // 40 X0 of lead contains a 20 GeV shower to better than 1% (PDG Fig. 34.21 profiles);
    // what escapes is mostly backscatter.
    assert!(
        r.energy.visible_gev > 0.99 * 20.0,
        "{}",
        r.energy.visible_gev
    );
    // Mean depth ≈ t_max + 1/b with b ≈ 0.5 (Γ-profile mean a/b vs maximum (a−1)/b).
    assert!(
        (r.t_mean_x0 - r.t_max_x0 - 2.0).abs() < 0.8,
        "{} {}",
        r.t_mean_x0,
        r.t_max_x0
    );
}

#[test]
fn na64_ecal_preshower_and_lateral_leakage() {
    // NA64 ECAL preset: 100 GeV electrons; the preshower (≈ 4 X0) sees the early shower, a
    // few GeV on average (t < 4 X0 of a t_max ≈ 9 X0 Γ-profile: ≈ 3% of E0); the 23 cm wide
    // calorimeter (≈ 8 effective R_M) leaks < 2% laterally and longitudinally.
    let cfg = RunConfig::showers(TargetConfig::na64_ecal(), 100.0, 8, 5);
    let r = ShowerSimulation::new(cfg).unwrap().run(None).unwrap();
    assert!(
        r.preshower_mean_gev > 0.5 && r.preshower_mean_gev < 8.0,
        "{}",
        r.preshower_mean_gev
    );
    assert!(r.energy.escaped_gev < 2.0, "{}", r.energy.escaped_gev);
    assert_eq!(r.sections.len(), 2);
    assert!((r.sections[0].1 - r.preshower_mean_gev).abs() < 1e-9);
    // The scintillator (sampling fraction) gets a few percent of the energy.
    let sc = r
        .materials
        .iter()
        .find(|m| m.name == "scintillator")
        .unwrap();
    let f = sc.deposited_gev / r.energy.visible_gev;
    assert!(f > 0.02 && f < 0.2, "sampling fraction {f}");
}
