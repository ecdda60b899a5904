//! Kinematic limits and general properties of the dark-bremsstrahlung cross sections, checked on
//! random (m_A', E0) with proptest.

use aprime_physics::constants::M_E;
use aprime_physics::dark_brem::{self, DarkBrem, Method, XsecOptions};
use aprime_physics::{Element, PhysicsError};
use proptest::prelude::*;

fn pb(e0: f64, m: f64) -> DarkBrem {
    DarkBrem::electron(Element::by_name("Pb").unwrap(), e0, m).unwrap()
}

fn total(e0: f64, m: f64, method: Method) -> f64 {
    dark_brem::total_pb(&pb(e0, m), method, &XsecOptions::default())
        .unwrap()
        .value
}

/// log-uniform mass in [1 MeV, 1 GeV].
fn mass() -> impl Strategy<Value = f64> {
    (-3.0_f64..0.0).prop_map(|l| 10f64.powf(l))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn iww_is_positive_and_falls_with_mass(m in mass(), e0 in 10.0_f64..200.0, f in 1.05_f64..3.0) {
        // σ ∝ χ/m² (paper 002 eq. 9): heavier A' are always rarer.
        prop_assume!(f * m < 0.5 * e0);
        let (a, b) = (total(e0, m, Method::Iww), total(e0, f * m, Method::Iww));
        prop_assert!(a > 0.0 && b > 0.0 && b < a, "m={} {} vs {}·m {}", m, a, f, b);
    }

    #[test]
    fn simplified_ww_falls_with_mass(m in mass(), e0 in 10.0_f64..200.0, f in 1.05_f64..3.0) {
        // Eq. 9 needs m > m_e (ln 1/δ > 0); from 1 MeV on it decreases with m.
        prop_assume!(f * m < 0.5 * e0);
        let (a, b) = (total(e0, m, Method::WwSimple), total(e0, f * m, Method::WwSimple));
        prop_assert!(a > 0.0 && b > 0.0 && b < a);
    }

    #[test]
    fn iww_grows_with_beam_energy(m in mass(), e0 in 5.0_f64..100.0, f in 1.1_f64..2.0) {
        // More phase space and smaller t_min = m⁴/4E0²: σ rises with E0 (as in the ETL table of
        // physics.md §2, every row increasing from 20 to 160 GeV).
        prop_assume!(m < 0.5 * e0);
        prop_assert!(total(f * e0, m, Method::Iww) > total(e0, m, Method::Iww));
    }

    #[test]
    fn iww_spectrum_is_non_negative_and_zero_outside(m in mass(), e0 in 10.0_f64..200.0, u in 0.0_f64..1.0) {
        prop_assume!(m < 0.5 * e0);
        let p = pb(e0, m);
        let x = p.x_min() + u * (p.x_max() - p.x_min());
        let o = XsecOptions::default();
        prop_assert!(dark_brem::dsigma_dx_pb(&p, Method::Iww, x, &o).unwrap().value >= 0.0);
        prop_assert_eq!(dark_brem::dsigma_dx_pb(&p, Method::Iww, 0.999 * p.x_min(), &o).unwrap().value, 0.0);
        prop_assert_eq!(dark_brem::dsigma_dx_pb(&p, Method::Iww, p.x_max() + 1e-12, &o).unwrap().value, 0.0);
    }
}

proptest! {
    // The exact-kinematics double integral takes ~10 ms: fewer cases.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn exact_is_positive_and_monotonic(m in mass(), e0 in 10.0_f64..150.0) {
        prop_assume!(2.0 * m < 0.5 * e0);
        let a = total(e0, m, Method::Exact);
        prop_assert!(a > 0.0);
        prop_assert!(total(e0, 2.0 * m, Method::Exact) < a, "falls with m");
        prop_assert!(total(1.3 * e0, m, Method::Exact) > a, "grows with E0");
    }

    #[test]
    fn cross_sections_vanish_at_threshold(m in mass()) {
        // At E0 → m + m_e the allowed x range (m/E0, 1 − m_e/E0) closes: σ → 0 linearly in the
        // excess energy. 1e-4 above threshold σ is below 1e-3 of its value at E0 = 2(m + m_e).
        let thr = m + M_E;
        for method in [Method::Iww, Method::Exact] {
            let near = total(thr * (1.0 + 1e-4), m, method);
            let far = total(2.0 * thr, m, method);
            prop_assert!(near >= 0.0 && near < 1e-3 * far, "{}: {} vs {}", method, near, far);
        }
    }
}

#[test]
fn at_and_below_threshold_is_an_error() {
    // E0 ≤ m + m_e: no A' can be made (DarkBrem::new refuses, naming the mass).
    let pb = Element::by_name("Pb").unwrap();
    let e = DarkBrem::electron(pb, 0.1, 0.1).unwrap_err();
    assert!(matches!(e, PhysicsError::BelowThreshold(_)) && e.to_string().contains("0.1"));
    assert!(DarkBrem::electron(pb, 100.0, 0.0).is_err());
    assert!(DarkBrem::electron(pb, 100.0, f64::NAN).is_err());
    assert!(DarkBrem::electron(pb, f64::INFINITY, 0.1).is_err());
}

#[test]
fn spectra_reject_non_finite_x() {
    let p = pb(100.0, 0.1);
    let o = XsecOptions::default();
    for method in [Method::Iww, Method::Exact] {
        assert!(dark_brem::dsigma_dx_pb(&p, method, f64::NAN, &o).is_err());
    }
}
