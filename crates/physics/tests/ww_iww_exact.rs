//! Simplified WW, improved WW and exact-kinematics dark bremsstrahlung: precision and mutual
//! consistency where their approximations agree (physics.md §2).

use aprime_physics::constants::{M_E, M_MU};
use aprime_physics::dark_brem::{self, DarkBrem, Method, XsecOptions, etl};
use aprime_physics::{Element, FormFactorModel, Material};

fn pb(e0: f64, m: f64) -> DarkBrem {
    DarkBrem::electron(Element::by_name("Pb").unwrap(), e0, m).unwrap()
}

fn total(p: &DarkBrem, method: Method) -> f64 {
    dark_brem::total_pb(p, method, &XsecOptions::default())
        .unwrap()
        .value
}

#[test]
fn integration_precision_is_as_stated() {
    // The totals at the default 1e-4 agree with 1e-7 runs to better than 1e-4, and the returned
    // error estimates cover the difference.
    for (e0, m) in [(100.0, 0.002), (100.0, 0.1), (20.0, 1.0)] {
        let p = pb(e0, m);
        for (f, name) in [
            (dark_brem::iww::total as fn(&DarkBrem, f64) -> _, "iww"),
            (dark_brem::exact::total, "exact"),
        ] {
            let a = f(&p, 1e-4).unwrap();
            let b = f(&p, 1e-7).unwrap();
            let d = (a.value - b.value).abs();
            assert!(
                d < 1e-4 * b.value,
                "{name} E0={e0} m={m}: {} vs {}",
                a.value,
                b.value
            );
            assert!(
                a.error <= 1e-4 * a.value + 1e-300 && d <= a.error + b.error,
                "{name}: {a:?}"
            );
        }
    }
}

#[test]
fn iww_and_simplified_ww_share_the_leading_logarithm() {
    // Integrating the IWW dσ/dx gives (4/3)α³χ/m² [ln(1/δ) − 1/3] (BEST 2009 App. A) — the
    // simplified WW of paper 002 eq. 9 up to O(1) terms and the x-dependence of t_min. Where
    // δ = m_e²/m² and the log is large (20–200 MeV at 100 GeV, ln 1/δ ≈ 7–12) they must agree to
    // ~1/ln(1/δ): require 15%.
    for m in [0.02, 0.05, 0.1, 0.2] {
        let p = pb(100.0, m);
        let r = total(&p, Method::Iww) / total(&p, Method::WwSimple);
        assert!((r - 1.0).abs() < 0.15, "m = {m}: IWW/WW = {r}");
    }
}

#[test]
fn exact_and_iww_agree_for_light_a_prime() {
    // The exact-kinematics θ integral with the flux frozen at θ = 0 is the IWW dσ/dx up to
    // m_e²-suppressed terms (see exact.rs). For light A' at 100 GeV t_min(θ) stays far below the
    // nuclear scale over the whole angular peak, so dσ/dx agree within 3% at moderate x; the
    // totals (with the x → 1 region where the m_e terms matter) within 10%.
    for m in [0.005, 0.01] {
        let p = pb(100.0, m);
        let o = XsecOptions::default();
        for x in [0.3, 0.5, 0.7, 0.9] {
            let e = dark_brem::dsigma_dx_pb(&p, Method::Exact, x, &o)
                .unwrap()
                .value;
            let i = dark_brem::dsigma_dx_pb(&p, Method::Iww, x, &o)
                .unwrap()
                .value;
            assert!(
                (e / i - 1.0).abs() < 0.03,
                "m={m} x={x}: exact/IWW = {}",
                e / i
            );
        }
    }
    for m in [0.005, 0.01, 0.02, 0.05] {
        let p = pb(100.0, m);
        let r = total(&p, Method::Exact) / total(&p, Method::Iww);
        assert!((r - 1.0).abs() < 0.10, "m = {m}: exact/IWW = {r}");
    }
}

#[test]
fn exact_is_below_iww_for_heavy_a_prime() {
    // With m ≫ m_e the only difference is χ(t_min(θ)) ≤ χ(t_min(0)): t_min grows with θ and χ
    // falls with t_min, so the exact-kinematics cross section is the smaller one.
    for (e0, m) in [(100.0, 0.05), (100.0, 0.2), (20.0, 0.5), (160.0, 1.0)] {
        let p = pb(e0, m);
        assert!(
            total(&p, Method::Exact) < total(&p, Method::Iww),
            "E0={e0} m={m}"
        );
    }
}

#[test]
fn muon_beam_works() {
    // The projectile mass is a parameter (issue 2): a 160 GeV muon on Pb gives finite positive
    // cross sections, much smaller than for electrons (the lepton propagator is ∝ 1/m_l² at small
    // m_A').
    let p = DarkBrem::new(
        82.0,
        207.2,
        160.0,
        0.1,
        M_MU,
        FormFactorModel::ElasticInelastic,
    )
    .unwrap();
    let e = pb(160.0, 0.1);
    for method in [Method::Iww, Method::Exact] {
        let s = total(&p, method);
        assert!(
            s.is_finite() && s > 0.0 && s < 0.2 * total(&e, method),
            "{method}: {s}"
        );
    }
}

#[test]
fn method_names_round_trip() {
    for m in Method::ALL {
        assert_eq!(m.name().parse::<Method>().unwrap(), m);
        assert_eq!(m.to_string(), m.name());
    }
    assert_eq!(" ETL ".parse::<Method>().unwrap(), Method::Etl);
    let e = "foo".parse::<Method>().unwrap_err().to_string();
    assert!(e.contains("foo") && e.contains("wwsimple"), "{e}");
    assert_eq!(
        serde_json::to_string(&Method::WwSimple).unwrap(),
        "\"wwsimple\""
    );
}

#[test]
fn dispatch_forwards_to_each_method() {
    let p = pb(100.0, 0.1);
    let o = XsecOptions::default();
    assert_eq!(
        dark_brem::total_pb(&p, Method::WwSimple, &o).unwrap().value,
        dark_brem::wwsimple::total_pb(&p).unwrap()
    );
    assert_eq!(
        dark_brem::total_pb(&p, Method::Iww, &o).unwrap(),
        dark_brem::iww::total(&p, o.rel_tol).unwrap()
    );
    // ETL goes to etl::total / etl::dsigma_dx unchanged, whether they work yet or not.
    assert_eq!(
        dark_brem::total_pb(&p, Method::Etl, &o),
        etl::total(&p, &o.etl)
    );
    assert_eq!(
        dark_brem::dsigma_dx_pb(&p, Method::Etl, 0.5, &o),
        etl::dsigma_dx(&p, 0.5, &o.etl)
    );
    // The simplified WW spectrum is the fixed-flux WW differential.
    assert_eq!(
        dark_brem::dsigma_dx_pb(&p, Method::WwSimple, 0.5, &o)
            .unwrap()
            .value,
        dark_brem::wwsimple::dsigma_dx_pb(&p, 0.5).unwrap()
    );
}

#[test]
fn material_average_by_atom_fraction() {
    let o = XsecOptions::default();
    let lead = Material::by_name("Pb").unwrap();
    let a = dark_brem::material_total_pb(&lead, 100.0, 0.1, M_E, Method::Exact, &o).unwrap();
    assert_eq!(a.value, total(&pb(100.0, 0.1), Method::Exact));
    // Polystyrene C8H8 has as many H as C atoms: σ̄ = (σ_C + σ_H)/2.
    let sc = Material::by_name("scintillator").unwrap();
    let s = dark_brem::material_total_pb(&sc, 100.0, 0.1, M_E, Method::Iww, &o)
        .unwrap()
        .value;
    let el = |n: &str| {
        let e = Element::by_name(n).unwrap();
        total(&DarkBrem::electron(e, 100.0, 0.1).unwrap(), Method::Iww)
    };
    assert!((s / (0.5 * (el("C") + el("H"))) - 1.0).abs() < 1e-3);
}

#[test]
fn exact_kinematics_integrand_is_the_small_t_limit_of_the_exact_tree_level() {
    // At fixed (x, θ) eq. 16–17 (DMG4 App. A; BEST 2009 App. A) say d³σ/(dx dcosθ dt) =
    // K(x, θ)(t − t_min)G2(t)/t² with K = [d²σ/dx dθ]/(χ sin θ). The exact tree level (etl.rs,
    // |M|² checked against Dirac traces) must approach it for photon virtualities t ≪ U, the
    // virtuality of the internal lepton: this pins |A|², the sqrt(x²E0² − m²)E0(1 − x) prefactor,
    // the sin θ measure and t_min, electron and muon mass terms included. For t ≫ U the exact
    // |M|² falls ∝ U/t relative to the WW form: the physics the WW flux (run to t_max = E0²)
    // misses, which makes `exact` exceed ETL for electrons (exact.rs module docs).
    for (ml, e0, m, x, f) in [
        (M_E, 100.0, 0.1, 0.7, 1.0),
        (M_E, 100.0, 1.0, 0.5, 1.0),
        (M_E, 100.0, 0.002, 0.99, 1.0),
        (M_E, 100.0, 0.01, 0.3, 3.0),
        (M_E, 20.0, 0.1, 0.9, 0.5),
        (M_MU, 160.0, 0.1, 0.8, 1.0),
        (M_MU, 100.0, 1.0, 0.5, 2.0),
    ] {
        let p = DarkBrem::new(82.0, 207.2, e0, m, ml, FormFactorModel::ElasticInelastic).unwrap();
        // θ in units of the peak angle θ_c = sqrt(U(θ = 0)/(x E0²)).
        let u0 = m * m * (1.0 - x) / x + ml * ml * x;
        let theta = f * (u0 / (x * e0 * e0)).sqrt();
        let u = u0 + x * e0 * e0 * theta * theta;
        let t_min = u * u / (4.0 * e0 * e0 * (1.0 - x) * (1.0 - x));
        let chi = aprime_physics::flux::chi_value(&p.ff, t_min, e0 * e0).unwrap();
        let k = dark_brem::exact::d2sigma_dx_dtheta_pb(&p, x, theta).unwrap() / (chi * theta.sin());
        let y = 2.0 * (0.5 * theta).sin().powi(2); // 1 − cos θ
        let ratio = |t: f64| {
            let ww = k * (t - t_min) / (t * t) * p.ff.g2(t);
            etl::d3sigma(&p, x, y, t).unwrap() / ww
        };
        let near = ratio(t_min + 1e-2 * u);
        assert!(
            (near - 1.0).abs() < 5e-3,
            "m_l={ml} E0={e0} m={m} x={x}: ETL/WW at t = U/100 is {near}"
        );
        let far = ratio(t_min + 1e2 * u);
        assert!(
            far < 0.05,
            "m_l={ml} E0={e0} m={m} x={x}: ETL/WW at t = 100 U is {far}"
        );
    }
}

#[test]
fn exact_exceeds_etl_for_electrons_as_documented() {
    // exact.rs module docs: for electrons the WW flux counts virtualities U < t ≲ d (nuclear
    // form-factor scale, 4.7e-3 GeV² for Pb) that the exact process suppresses, so `exact` is
    // 1.3–1.9× the exact tree level. Reference: DMG4 ETL table, Pb, physics.md §2 (×1e8 for
    // ε = 1). The ratios are pinned to 2% so that any change of them is seen and documented.
    for (e0, m, etl_pb, documented) in [
        (100.0, 0.002, 91284.1e8, 1.592),
        (100.0, 0.01, 8486.30e8, 1.397),
        (100.0, 0.1, 106.040e8, 1.338),
        (100.0, 1.0, 0.191974e8, 1.476),
        (160.0, 0.1, 119.076e8, 1.306),
        (20.0, 1.0, 0.0191653e8, 1.860),
    ] {
        let r = total(&pb(e0, m), Method::Exact) / etl_pb;
        assert!(
            (r / documented - 1.0).abs() < 0.02,
            "E0={e0} m={m}: exact/ETL(DMG4) = {r:.3}, documented {documented}"
        );
    }
    // For m ≥ 100 MeV the excess sits at x → 1 (1 − x ≲ d/m², where U ≈ m²(1 − x) < d): the
    // spectra agree within 1% at x = 0.3 and differ by > 20% at x = 0.999 (ours: 1.003 and 1.46
    // at 100 MeV, 1.003 and 1.23 at 1 GeV, ETL at 0.2% precision).
    let o = etl::EtlOptions {
        rel_precision: 2e-3,
        seed: 1,
    };
    for m in [0.1, 1.0] {
        let p = pb(100.0, m);
        let r = |x: f64| {
            dark_brem::exact::dsigma_dx(&p, x, 1e-6).unwrap().value
                / etl::dsigma_dx(&p, x, &o).unwrap().value
        };
        let (mid, edge) = (r(0.3), r(0.999));
        assert!(
            (mid - 1.0).abs() < 0.01 && edge > 1.2,
            "m={m}: exact/ETL dσ/dx {mid:.4} at x = 0.3, {edge:.4} at x = 0.999"
        );
    }
}

#[test]
fn exact_agrees_with_etl_for_muons() {
    // For a muon beam U ≥ m_μ² x ≈ 0.011 GeV² exceeds the Pb nuclear scale d = 4.7e-3 GeV², so the
    // flux never reaches t ≫ U and the WW factorisation holds: exact/ETL = 1.007–1.017 (ours,
    // 100–160 GeV). Voronchikhin & Kirpichnikov, arXiv:2409.12748, likewise find WW within
    // O(1–10)% of ETL for muons but up to O(80)% off for electrons. Require 3%. The masses span
    // the grid of the na64mu-2022 preset (1 MeV – 2 GeV, issue 11; 2 GeV: exact/ETL ≈ 1.02).
    let o = etl::EtlOptions {
        rel_precision: 3e-3,
        seed: 1,
    };
    for m in [0.001, 0.01, 0.1, 1.0, 2.0] {
        let p = DarkBrem::new(
            82.0,
            207.2,
            160.0,
            m,
            M_MU,
            FormFactorModel::ElasticInelastic,
        )
        .unwrap();
        let r = total(&p, Method::Exact) / etl::total(&p, &o).unwrap().value;
        assert!((r - 1.0).abs() < 0.03, "muon m={m}: exact/ETL = {r:.4}");
    }
}
