//! A' yields per EOT: the shower estimate against the primary-electron-only analytic estimate
//! (Tsai's I_e folded with the cross section, `analytic`), the fold of the stored track-length
//! spectra against the direct track-length estimate, the resonant-annihilation narrow-width
//! limit, and the spectra.

use aprime_physics::dark_brem::Method;
use aprime_shower::{RunConfig, ShowerSimulation, TargetConfig, analytic, fold};

#[test]
fn yield_exceeds_the_primary_only_estimate_by_less_than_2_5() {
    // Issue 3 acceptance: N(m)/EOT from the shower ≥ the primary-only analytic estimate and
    // within a factor 2.5 of it, m = 2, 20, 100 MeV, 100 GeV e⁻ on 40 X0 of Pb, E_A' > 50 GeV.
    // Measured ratios (IWW tables): 1.012, 1.021, 1.021 ± 0.005 (docs/shower.md): secondaries add
    // ≈ 6%, while our screened-brem primary alone gives ≈ 0.95 of Tsai's approximation-A I_e.
    // 40 000 events: σ_stat ≈ 0.35%, so the lower bound is a > 3σ test.
    let cfg = RunConfig::yields(
        TargetConfig::homogeneous("Pb", 40.0).unwrap(),
        100.0,
        vec![0.002, 0.02, 0.1],
        Method::Iww,
        50.0,
        40_000,
        2024,
    );
    let sim = ShowerSimulation::new(cfg).unwrap();
    let r = sim.run(None).unwrap();
    let dark = sim.dark.as_ref().unwrap();
    for (k, d) in r.dark.iter().enumerate() {
        let an = analytic::primary_brem_yield(&sim.geometry, &dark.masses[k], 100.0, 50.0);
        let ratio = d.brem.value / an;
        assert!(
            d.brem.value - 2.0 * d.brem.error > an && ratio < 2.5,
            "m = {}: shower {} ± {} vs analytic {an} (ratio {ratio})",
            d.mass_gev,
            d.brem.value,
            d.brem.error
        );
        // The primary electron alone is within 10% of Tsai's primary-only estimate.
        assert!(
            (d.brem_primary / an - 1.0).abs() < 0.1,
            "{}",
            d.brem_primary / an
        );
        assert!(d.stat_error / d.yield_per_eot_per_eps2 < 0.01);
        // Below the resonance window (226–320 MeV, physics.md §3) annihilation is negligible.
        assert!(d.annihilation.value < 0.05 * d.brem.value);
    }
}

#[test]
fn folded_track_lengths_reproduce_the_direct_estimate() {
    // One set of showers serves any mass: Σ ∫ T±(E) n σ(E) dE (paper 002 eq. 8) from the stored
    // spectra equals the per-step estimate to the binning error (100 bins/decade: < 0.5%).
    let cfg = RunConfig::yields(
        TargetConfig::na64_ecal(),
        100.0,
        vec![0.005, 0.05, 0.27],
        Method::Iww,
        50.0,
        4000,
        7,
    );
    let sim = ShowerSimulation::new(cfg).unwrap();
    let r = sim.run(None).unwrap();
    let dark = sim.dark.as_ref().unwrap();
    for (k, d) in r.dark.iter().enumerate() {
        let md = &dark.masses[k];
        let fb = fold::brem_yield(&r, md);
        assert!(
            (fb / d.brem.value - 1.0).abs() < 5e-3,
            "m = {}: {fb} vs {}",
            d.mass_gev,
            d.brem.value
        );
        let fa = fold::annihilation_yield(&r, md.resonance.as_ref().unwrap(), 50.0);
        // The fold into X energy bins integrates the same T₊ with the line in the angle
        // variable (Gauss–Legendre) instead of adaptively: the totals agree to the quadrature
        // tolerance (1e-7 adaptive; 1e-4 allowed), and the spectrum holds the total.
        let edges: Vec<f64> = (0..=100).map(f64::from).collect();
        let (fs, spec) =
            fold::annihilation_spectrum(&r, md.resonance.as_ref().unwrap(), 50.0, &edges);
        assert!((fs - fa).abs() <= 1e-4 * fa.max(1e-300), "{fs} vs {fa}");
        let integral: f64 = spec.values.iter().sum::<f64>() + spec.overflow;
        assert!((integral - fs).abs() <= 1e-12 * fs.max(1e-300));
        assert!(spec.values[..50].iter().all(|v| *v == 0.0));
        if d.annihilation.value > 0.0 {
            assert!(
                (fa / d.annihilation.value - 1.0).abs() < 0.02,
                "{fa} vs {:?}",
                d.annihilation
            );
        }
    }
    // The resonance at 270 MeV (E_R = 71 GeV) dominates bremsstrahlung there (paper 003).
    let res = &r.dark[2];
    assert!(res.annihilation.value > res.brem.value);
    // The A' spectra (one emission per event carrying the event's yield W) integrate to the
    // total yield exactly, and the bremsstrahlung one to the bremsstrahlung yield within errors.
    for d in &r.dark {
        let integ = |h: &aprime_shower::Histogram| {
            h.edges
                .windows(2)
                .zip(&h.values)
                .map(|(w, v)| v * (w[1] - w[0]))
                .sum::<f64>()
                + h.overflow
        };
        let (b, a) = (integ(&d.spectrum_brem), integ(&d.spectrum_annihilation));
        assert!(((a + b) / d.yield_per_eot_per_eps2 - 1.0).abs() < 1e-9);
        assert!(
            (b - d.brem.value).abs() < 4.0 * d.stat_error,
            "{b} vs {:?}",
            d.brem
        );
        // Nothing below the threshold.
        let below: f64 = d.spectrum_brem.values[..50].iter().sum();
        assert_eq!(below, 0.0);
    }
}

#[test]
fn narrow_width_limit_of_the_resonance() {
    // physics.md §3: for a narrow resonance N/EOT = n_e (2π²α/m_e) T₊(E_R). With α_D = 0.05
    // (Γ/m ≈ 0.015, half width in E₊ ≈ 1 GeV at E_R = 66 GeV) the Breit–Wigner yield, both the
    // direct per-step estimate and the fold of T₊, must be within 10% of the narrow-width
    // value (width effects of a few % plus the statistical error of T₊ near E_R).
    let mut cfg = RunConfig::yields(
        TargetConfig::homogeneous("Pb", 40.0).unwrap(),
        100.0,
        vec![0.26],
        Method::Iww,
        50.0,
        40_000,
        3,
    );
    cfg.dark.as_mut().unwrap().annihilation.alpha_d = 0.05;
    let sim = ShowerSimulation::new(cfg).unwrap();
    let r = sim.run(None).unwrap();
    let md = &sim.dark.as_ref().unwrap().masses[0];
    let direct = r.dark[0].annihilation.value;
    let bw = fold::annihilation_yield(&r, md.resonance.as_ref().unwrap(), 50.0);
    let nw = fold::annihilation_yield_narrow(&r, 0.26, 50.0);
    assert!(
        (bw / direct - 1.0).abs() < 0.02,
        "fold {bw} vs direct {direct}"
    );
    assert!(
        (direct / nw - 1.0).abs() < 0.1,
        "BW {direct} vs narrow {nw}"
    );
    // Pb: N/EOT = 0.297 T₊(E_R)[cm/GeV] (physics.md §3).
    let t = r.materials[0]
        .t_plus
        .density_at(aprime_physics::annihilation::resonance_energy(0.26));
    assert!((nw / (0.297 * t) - 1.0).abs() < 0.01);
}

#[test]
fn signal_events_leave_e0_minus_ea_in_the_target() {
    // Paper 002 Fig. 6: the ECAL energy of signal events is E0 − E_A' up to leakage, so it sits
    // below 50 GeV for E_A' > 50 GeV.
    let mut cfg = RunConfig::yields(
        TargetConfig::na64_ecal(),
        100.0,
        vec![0.02],
        Method::Iww,
        50.0,
        200,
        1,
    );
    cfg.dark.as_mut().unwrap().signal_events = 12;
    let r = ShowerSimulation::new(cfg).unwrap().run(None).unwrap();
    let d = &r.dark[0];
    assert!(d.signal_events >= 10, "{}", d.signal_events);
    for s in &r.signal_events {
        assert!(s.ecal_gev < 50.0 + 1e-6 && s.ecal_gev > 0.0, "{s:?}");
        assert!(s.depth_x0 >= 0.0 && s.depth_x0 < 40.5);
    }
    let above: f64 = d.signal_ecal.values[50..].iter().sum();
    assert_eq!(above, 0.0);
}

#[test]
fn etl_and_simplified_ww_yields_differ_by_the_k_factor() {
    // Paper 002 eq. 12: k = σ_WW/σ_ETL; DMG4's k at E0 = 100 GeV is 0.832 (2 MeV), 1.200
    // (20 MeV), 1.651 (100 MeV) (physics.md §2). With E_A' > 50 GeV the yield comes from
    // leptons of 50–100 GeV, where k is within ≈ 10% of its 100 GeV value, so the yield ratio
    // WW/ETL must match k within 12%. The same seed gives the same showers for both methods
    // (dark scoring never touches the shower random streams), so only the tables differ.
    let run = |method| {
        let cfg = RunConfig::yields(
            TargetConfig::homogeneous("Pb", 40.0).unwrap(),
            100.0,
            vec![0.002, 0.02, 0.1],
            method,
            50.0,
            2000,
            17,
        );
        ShowerSimulation::new(cfg).unwrap().run(None).unwrap()
    };
    let (etl, ww) = (run(Method::Etl), run(Method::WwSimple));
    for ((e, w), k) in etl.dark.iter().zip(&ww.dark).zip([0.832, 1.200, 1.651]) {
        let ratio = w.brem.value / e.brem.value;
        assert!(
            (ratio / k - 1.0).abs() < 0.12,
            "m = {}: WW/ETL = {ratio}, k = {k}",
            e.mass_gev
        );
        assert_eq!(e.method, "etl");
    }
    // Identical showers: the positron track lengths agree bitwise.
    assert_eq!(etl.materials[0].t_plus, ww.materials[0].t_plus);
}

#[test]
fn fast_mode_is_exact_for_the_yields() {
    // Every particle draws from its own random stream, so the e± that can emit an A' above the
    // threshold have identical histories whether or not the rest of the shower is followed: the
    // fast-mode yields equal the full-shower yields bitwise.
    let fast = RunConfig::yields(
        TargetConfig::na64_ecal(),
        100.0,
        vec![0.01, 0.26],
        Method::Iww,
        50.0,
        12,
        99,
    );
    let mut full = fast.clone();
    full.fast_threshold_gev = None;
    let (a, b) = (
        ShowerSimulation::new(fast).unwrap().run(None).unwrap(),
        ShowerSimulation::new(full).unwrap().run(None).unwrap(),
    );
    assert!(a.fast_mode && !b.fast_mode);
    for (x, y) in a.dark.iter().zip(&b.dark) {
        assert_eq!(x.brem, y.brem);
        assert_eq!(x.annihilation, y.annihilation);
    }
    // The full run deposits the beam energy; the fast one books it as untracked.
    assert!(b.energy.visible_gev > 98.0 && a.energy.untracked_gev > 99.0);
}
