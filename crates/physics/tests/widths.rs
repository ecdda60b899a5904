//! A' decay widths, paper 002 eq. 3–4 (physics.md §4).

use aprime_physics::constants::{ALPHA, M_E, M_MU};
use aprime_physics::widths::{self, ChiSpin, DarkSector};

#[test]
fn lepton_width_limits() {
    // Eq. 3: Γ = (αε²/3) m (1 + 2m_l²/m²) sqrt(1 − 4m_l²/m²) → αε²m/3 for m ≫ m_l, and zero
    // below 2m_l.
    let (m, eps) = (0.5, 1e-3);
    let g = widths::lepton_pair(m, eps, M_E);
    assert!((g / (ALPHA * eps * eps * m / 3.0) - 1.0).abs() < 1e-5);
    assert_eq!(widths::lepton_pair(0.2, eps, M_MU), 0.0);
    assert!(widths::lepton_pair(0.22, eps, M_MU) > 0.0);
    // Exactly at threshold the phase space closes.
    assert_eq!(widths::lepton_pair(2.0 * M_MU, eps, M_MU), 0.0);
}

#[test]
fn dark_widths_dirac_and_scalar() {
    // Eq. 4 and physics.md §4: for m_χ → 0 the scalar width is 1/4 of the Dirac one
    // ((α_D/12) m vs (α_D/3) m); with m_A' = 3 m_χ, Γ_Dirac = (α_D/3) m (11/9) sqrt(5/9).
    let (m, ad) = (0.3, 0.1);
    let r = widths::chi_pair_scalar(m, ad, 1e-9) / widths::chi_pair_fermion(m, ad, 1e-9);
    assert!((r - 0.25).abs() < 1e-9);
    let g = widths::chi_pair_fermion(m, ad, m / 3.0);
    assert!((g - ad / 3.0 * m * 11.0 / 9.0 * (5.0_f64 / 9.0).sqrt()).abs() < 1e-15);
    let gs = widths::chi_pair_scalar(m, ad, m / 3.0);
    assert!((gs - ad / 12.0 * m * (5.0_f64 / 9.0).powf(1.5)).abs() < 1e-15);
    assert_eq!(widths::chi_pair_fermion(m, ad, 0.6 * m), 0.0);
}

#[test]
fn invisible_decays_dominate_for_thermal_benchmarks() {
    // Paper 002 §I: with α_D ≫ αε² the A' decays invisibly, Γ(χχ̄)/Γ_tot ≃ 1.
    for spin in [ChiSpin::Fermion, ChiSpin::Scalar] {
        let d = DarkSector::new(1e-3, 0.1, 0.1 / 3.0, spin).unwrap();
        let w = widths::widths(0.1, &d).unwrap();
        assert!(w.br_invisible() > 0.9999, "{spin:?}: {}", w.br_invisible());
        assert!((w.total - (w.ee + w.mumu + w.tautau + w.invisible)).abs() < 1e-18);
    }
    // Without a dark channel (m_χ > m/2) the A' decays visibly.
    let d = DarkSector::new(1e-3, 0.1, 0.1, ChiSpin::Fermion).unwrap();
    let w = widths::widths(0.1, &d).unwrap();
    assert_eq!(w.br_invisible(), 0.0);
    assert!((w.br_ee() - 1.0).abs() < 1e-12);
}

#[test]
fn bad_parameters_are_errors() {
    assert!(DarkSector::new(0.0, 0.1, 0.01, ChiSpin::Fermion).is_err());
    assert!(DarkSector::new(1e-3, f64::NAN, 0.01, ChiSpin::Fermion).is_err());
    assert!(DarkSector::new(1e-3, 0.1, -0.01, ChiSpin::Scalar).is_err());
    let d = DarkSector::new(1e-3, 0.1, 0.01, ChiSpin::Fermion).unwrap();
    assert!(widths::widths(-1.0, &d).is_err());
    assert!(widths::total_width(f64::INFINITY, &d).is_err());
}
