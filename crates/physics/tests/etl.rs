//! Exact-tree-level (ETL) dark bremsstrahlung: acceptance tests of issue 2 against the DMG4 ETL
//! reference table and the NA64 k-factors, plus physics properties.

use aprime_physics::constants::{M_E, M_MU};
use aprime_physics::dark_brem::{DarkBrem, etl, exact, wwsimple};
use aprime_physics::error::PhysicsError;
use aprime_physics::form_factor::FormFactorModel;

// DMG4 ETL test table (physics.md §2): σ for Pb, ε = 1e-4, pb per atom, at E0 = 20, 60, 100,
// 160 GeV; ×1e8 for ε = 1. The reference used the elastic + inelastic form factor of
// Gninenko et al. PLB 782 (2018) eq. 9 (= physics.md §2): with the elastic part only, our
// totals fall 2–7% below it for m ≥ 10 MeV (−7% at 1 GeV, 20 GeV), with both parts they agree
// (table in docs/physics.md). The nucleus mass (we use M = A·u) is irrelevant at this level: M = A·m_p and
// M → 100·A GeV change no total by more than 0.05%.
use aprime_physics::dmg4_reference::{DMG4_ETL_PB as REFERENCE, ETL_ENERGIES_GEV as ENERGIES};

fn lead(e0: f64, m: f64) -> DarkBrem {
    DarkBrem::new(82.0, 207.2, e0, m, M_E, FormFactorModel::ElasticInelastic).unwrap()
}

fn opts(rel: f64) -> etl::EtlOptions {
    etl::EtlOptions {
        rel_precision: rel,
        seed: 1,
    }
}

#[test]
fn totals_match_the_dmg4_etl_table() {
    // Issue 2 acceptance: within 5% at every point, median |deviation| within 2%
    // (physics.md §2 table; paper 002 §II quotes ≈10% between independent ETL codes).
    let points: Vec<DarkBrem> = REFERENCE
        .iter()
        .flat_map(|(m, _)| ENERGIES.iter().map(move |&e| lead(e, *m)))
        .collect();
    let ours = etl::total_many(&points, &opts(2e-3));
    let mut devs = Vec::new();
    for (i, r) in ours.iter().enumerate() {
        let r = r.as_ref().unwrap();
        let reference = REFERENCE[i / 4].1[i % 4] * 1e8;
        assert!(r.error <= 2.5e-3 * r.value, "{r:?}");
        let dev = r.value / reference - 1.0;
        assert!(
            dev.abs() < 0.05,
            "m = {} GeV, E0 = {} GeV: {:.3e} pb vs DMG4 {reference:.3e} ({:+.2}%)",
            points[i].mass,
            points[i].e0,
            r.value,
            dev * 100.0
        );
        devs.push(dev.abs());
    }
    devs.sort_by(f64::total_cmp);
    let median = 0.5 * (devs[15] + devs[16]);
    assert!(median < 0.02, "median |deviation| {median}");
}

#[test]
fn k_factor_at_100_gev() {
    // Issue 2 acceptance from paper 002 §II: σ_WW/σ_ETL ≈ 1.7 at 100 MeV, 100 GeV (accepted
    // 1.55–1.80; DMG4 tabulates 1.651), and σ_ETL > σ_WW (k < 1) for m ≲ 5 MeV (Fig. 2).
    let k = |m: f64| {
        let p = lead(100.0, m);
        wwsimple::total_pb(&p).unwrap() / etl::total(&p, &opts(2e-3)).unwrap().value
    };
    let k100 = k(0.1);
    assert!((1.55..=1.80).contains(&k100), "k(100 MeV) = {k100}");
    for m in [0.001, 0.002, 0.003, 0.004] {
        assert!(k(m) < 1.0, "k({m}) = {}", k(m));
    }
    // And k grows with the mass between 10 MeV and 1 GeV as in DMG4's table
    // (1.083, 1.200, 1.443, 1.651, 1.888, 1.922, 2.144).
    let ks: Vec<f64> = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
        .iter()
        .map(|&m| k(m))
        .collect();
    assert!(ks.windows(2).all(|w| w[1] > w[0]), "{ks:?}");
}

#[test]
fn vanishes_at_threshold_and_is_positive() {
    // σ → 0 at threshold, which with the nuclear recoil is sqrt(s) = M + m_A' + m_e, i.e.
    // m_A' = sqrt(M² + m_e² + 2ME0) − M − m_e = 1.98923 GeV for E0 = 2 GeV on Pb; positive
    // below, exactly 0 above (still a valid DarkBrem: E0 > m_A' + m_e).
    let e0 = 2.0;
    let sig = |m: f64| etl::total(&lead(e0, m), &opts(5e-3)).unwrap();
    assert_eq!(sig(1.9895).value, 0.0);
    let far = sig(0.5).value;
    let mut last = far;
    for m in [1.5, 1.9, 1.98, 1.989] {
        let s = sig(m);
        assert!(
            s.value > 0.0 && s.value < last,
            "m {m}: {s:?} (previous {last})"
        );
        last = s.value;
    }
    assert!(
        last < 1e-5 * far,
        "σ(1.989 GeV) = {last}, σ(0.5 GeV) = {far}"
    );
    // Fully differential cross section: non-negative everywhere, zero outside the t range.
    let p = lead(100.0, 0.05);
    for x in [0.01, 0.3, 0.9, 0.999] {
        for y in [1e-12, 1e-8, 1e-5, 1e-2, 1.0] {
            let Some((lo, hi)) = etl::t_range(&p, x, y).unwrap() else {
                continue;
            };
            assert!(lo > 0.0 && hi > lo);
            assert_eq!(etl::d3sigma(&p, x, y, lo * 0.999).unwrap(), 0.0);
            for f in [1.001, 2.0, 10.0, 1e3, 1e6] {
                let v = etl::d3sigma(&p, x, y, (lo * f).min(hi)).unwrap();
                assert!(v >= 0.0 && v.is_finite(), "x {x} y {y} t {}: {v}", lo * f);
            }
        }
    }
}

#[test]
fn below_threshold_and_bad_input_are_errors() {
    let p = lead(100.0, 0.1);
    assert!(matches!(
        DarkBrem::new(
            82.0,
            207.2,
            1.0,
            1.0,
            M_E,
            FormFactorModel::ElasticInelastic
        ),
        Err(PhysicsError::BelowThreshold(_))
    ));
    assert!(etl::total(&p, &opts(0.0)).is_err());
    assert!(etl::total(&p, &opts(f64::NAN)).is_err());
    assert!(etl::dsigma_dx(&p, 1.5, &opts(5e-3)).is_err());
    assert!(etl::dsigma_dx(&p, f64::NAN, &opts(5e-3)).is_err());
    assert!(etl::spectrum(&p, &[0.5], &opts(5e-3)).is_err());
    assert!(etl::spectrum(&p, &[0.5, 0.4], &opts(5e-3)).is_err());
    assert!(etl::spectrum(&p, &[-0.1, 0.4], &opts(5e-3)).is_err());
    // Outside the kinematic x range the spectrum is zero, not an error.
    assert_eq!(etl::dsigma_dx(&p, 0.0005, &opts(5e-3)).unwrap().value, 0.0);
}

#[test]
fn dsigma_dx_integrates_to_the_total() {
    // ∫ dσ/dx dx = σ: 24-point Gauss–Legendre in w = ln(1 − x + m_e²/m²) (the map that
    // flattens the x → 1 peak) over independent dσ/dx integrations, against the total.
    for (e0, m) in [(100.0, 0.01), (60.0, 0.5)] {
        let p = lead(e0, m);
        let c = (M_E / m) * (M_E / m);
        let (w_lo, w_hi) = ((1.0 - p.x_max() + c).ln(), (1.0 - p.x_min() + c).ln());
        let (nodes, weights) = aprime_physics::integrate::gauss_legendre(24);
        let (mut sum, mut var) = (0.0, 0.0);
        for (u, wt) in nodes.iter().zip(&weights) {
            let w = 0.5 * (w_lo + w_hi) + 0.5 * (w_hi - w_lo) * u;
            let x = 1.0 + c - w.exp();
            let jac = 0.5 * (w_hi - w_lo) * wt * w.exp();
            let d = etl::dsigma_dx(&p, x, &opts(3e-3)).unwrap();
            sum += jac * d.value;
            var += (jac * d.error).powi(2);
        }
        let tot = etl::total(&p, &opts(2e-3)).unwrap();
        let err = (var + tot.error * tot.error).sqrt();
        // Statistical errors plus 0.3% for the 24-point rule.
        assert!(
            (sum - tot.value).abs() < 4.0 * err + 3e-3 * tot.value,
            "E0 {e0} m {m}: ∫dσ/dx = {sum:.4e}, σ = {:.4e} ± {:.1e}",
            tot.value,
            tot.error
        );
    }
}

#[test]
fn one_integration_spectrum_matches_pointwise_dsigma_dx() {
    // The histogram filled during the total's VEGAS run must add up to that total exactly and
    // agree with independent dσ/dx integrations (bin averages by 3-point Gauss–Legendre).
    let p = lead(100.0, 0.1);
    let edges: Vec<f64> = (0..=10).map(|i| f64::from(i) / 10.0).collect();
    let s = etl::spectrum(&p, &edges, &opts(2e-3)).unwrap();
    let tot = etl::total(&p, &opts(2e-3)).unwrap();
    // Same seed and integrand: the spectrum's total is the total, bit for bit.
    assert_eq!(s.total, tot);
    let sum: f64 = s.dsigma_dx.iter().map(|e| e.value * 0.1).sum();
    assert!((sum / tot.value - 1.0).abs() < 1e-12);
    // Bin averages by 6-point Gauss–Legendre in w = ln(1 − x + m_e²/m²) (flat near x → 1).
    let c = (M_E / 0.1) * (M_E / 0.1);
    let (nodes, weights) = aprime_physics::integrate::gauss_legendre(6);
    for (i, bin) in s.dsigma_dx.iter().enumerate().skip(1) {
        let (wa, wb) = (
            (1.0 - edges[i] + c).ln(),
            (1.0 - edges[i + 1].min(p.x_max()) + c).ln(),
        );
        let mut avg = 0.0;
        for (u, wt) in nodes.iter().zip(&weights) {
            let w = 0.5 * (wa + wb) + 0.5 * (wb - wa) * u;
            let x = 1.0 + c - w.exp();
            let d = etl::dsigma_dx(&p, x, &opts(3e-3)).unwrap().value;
            avg += 0.5 * (wa - wb) * wt * w.exp() * d / 0.1;
        }
        assert!(
            (bin.value / avg - 1.0).abs() < 0.01 + 4.0 * bin.error / bin.value,
            "bin {i}: {bin:?} vs {avg:.4e}"
        );
    }
    // The A' of a 100 MeV mass takes most of the beam energy: the last bin dominates.
    let last = s.dsigma_dx[9].value;
    assert!(s.dsigma_dx.iter().all(|e| e.value <= last));
}

#[test]
fn agrees_with_exact_kinematics_ww_away_from_x_to_1() {
    // For m_A' ≫ m_e and x not close to 1 the WW approximation with exact kinematics (DMG4
    // App. A eq. 16–17) is accurate (BEST 2009 App. A; Liu et al. PRD 95 036010 Fig. 3): the
    // ETL dσ/dx must agree with it within 1.5% there. (Near x → 1 the ETL is smaller; that
    // difference is the k-factor.)
    for (m, x) in [(0.1, 0.3), (0.1, 0.5), (0.5, 0.3), (0.5, 0.5)] {
        let p = lead(100.0, m);
        let a = etl::dsigma_dx(&p, x, &opts(2e-3)).unwrap().value;
        let b = exact::dsigma_dx(&p, x, 1e-5).unwrap().value;
        assert!(
            (a / b - 1.0).abs() < 0.015,
            "m {m} x {x}: ETL {a:.4e} exact {b:.4e}"
        );
    }
}

#[test]
fn muon_beam_works_and_radiates_much_less() {
    // A 100 GeV muon: same code with m_l = m_μ. The lepton propagators scale as 1/m_l² at
    // small m_A' so the cross section must be far smaller than the electron's (sanity check).
    let mu = DarkBrem::new(
        82.0,
        207.2,
        100.0,
        0.01,
        M_MU,
        FormFactorModel::ElasticInelastic,
    )
    .unwrap();
    let sm = etl::total(&mu, &opts(5e-3)).unwrap();
    let se = etl::total(&lead(100.0, 0.01), &opts(5e-3)).unwrap();
    assert!(sm.value > 0.0 && sm.value.is_finite() && sm.error < 5.1e-3 * sm.value);
    assert!(sm.value < 0.1 * se.value, "σ_μ {sm:?} σ_e {se:?}");
    // Heavy A' from a muon: also fine.
    let heavy = DarkBrem::new(82.0, 207.2, 160.0, 1.0, M_MU, FormFactorModel::Elastic).unwrap();
    assert!(etl::total(&heavy, &opts(5e-3)).unwrap().value > 0.0);
}

#[test]
fn inelastic_part_adds_a_little() {
    // G2 = G2_el + G2_in with G2_in = O(1/Z) of the elastic part for Pb (physics.md §2).
    for m in [0.01, 0.1] {
        let el = DarkBrem::new(82.0, 207.2, 100.0, m, M_E, FormFactorModel::Elastic).unwrap();
        let a = etl::total(&el, &opts(2e-3)).unwrap().value;
        let b = etl::total(&lead(100.0, m), &opts(2e-3)).unwrap().value;
        let r = b / a - 1.0;
        assert!(r > 0.0 && r < 0.05, "m {m}: inelastic adds {r}");
    }
}

#[test]
fn reproducible_whatever_the_thread_count() {
    let p = lead(60.0, 0.02);
    let run = |n: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap()
            .install(|| etl::total(&p, &opts(5e-3)).unwrap())
    };
    assert_eq!(run(1), run(2));
    let other = etl::total(
        &p,
        &etl::EtlOptions {
            rel_precision: 5e-3,
            seed: 2,
        },
    )
    .unwrap();
    assert_ne!(other, run(1));
    assert!((other.value - run(1).value).abs() < 5.0 * other.error);
}

#[test]
fn whole_k_factor_grid_converges_and_is_monotonic() {
    // The 62 × 8 grid of the benchmark (1 MeV–1 GeV, 20–160 GeV) at 1%: every point reaches the
    // precision; σ falls with m_A' and (within errors) rises with E0, as in the DMG4 table.
    let masses: Vec<f64> = (0..62)
        .map(|i| 1e-3 * 1e3f64.powf(f64::from(i) / 61.0))
        .collect();
    let points: Vec<DarkBrem> = masses
        .iter()
        .flat_map(|&m| (1..=8).map(move |j| lead(20.0 * f64::from(j), m)))
        .collect();
    let res: Vec<_> = etl::total_many(&points, &opts(1e-2))
        .into_iter()
        .map(Result::unwrap)
        .collect();
    for (p, r) in points.iter().zip(&res) {
        assert!(
            r.value > 0.0 && r.error <= 1e-2 * r.value,
            "m {} E0 {}: {r:?}",
            p.mass,
            p.e0
        );
    }
    for i in 0..62 {
        for j in 0..8 {
            let r = res[8 * i + j];
            if i > 0 {
                assert!(r.value < res[8 * (i - 1) + j].value);
            }
            if j > 0 {
                let prev = res[8 * i + j - 1];
                assert!(
                    r.value > prev.value - 3.0 * (r.error + prev.error),
                    "{r:?} {prev:?}"
                );
            }
        }
    }
}
