//! Light thermal dark matter relations, paper 002 eq. 5–6 and §X (physics.md §5).

use aprime_physics::thermal::{self, RelicModel};

#[test]
fn y_with_the_conventional_mass_ratio() {
    // Eq. 6 with m_A' = 3 m_χ: y = ε² α_D / 81 (physics.md §5).
    let y = thermal::y(1e-4, 0.5, 0.01, 0.03);
    assert!((y / (1e-8 * 0.5 / 81.0) - 1.0).abs() < 1e-12);
    let y_up = thermal::y_upper_limit(1e-4, 0.5, thermal::MASS_RATIO).unwrap();
    assert!((y_up / y - 1.0).abs() < 1e-12);
}

#[test]
fn relic_relation_at_its_reference_point() {
    // Eq. 5 at ε = 1e-3, m_A' = 100 MeV, m_χ = 10 MeV: α_D = 0.02 f; paper 002 §X uses
    // f = 0.25 (pseudo-Dirac) and f = 3 (Majorana).
    for (model, f) in [(RelicModel::PseudoDirac, 0.25), (RelicModel::Majorana, 3.0)] {
        assert_eq!(model.f(), f);
        let a = thermal::relic_alpha_d(1e-3, 0.1, 0.01, model.f()).unwrap();
        assert!((a - 0.02 * f).abs() < 1e-15, "{model:?}: {a}");
    }
}

#[test]
fn alpha_d_bound_scales_as_one_over_eps_squared() {
    // Eq. 5: α_D ∝ ε⁻² m_A'⁴ m_χ⁻², so with m_χ = m_A'/3 it scales as m_A'²/ε²; an upper limit
    // on ε therefore is a lower limit on α_D.
    let b = |eps: f64, m: f64| {
        thermal::alpha_d_lower_bound(eps, m, 3.0, RelicModel::PseudoDirac).unwrap()
    };
    assert!((b(1e-4, 0.1) / b(1e-3, 0.1) - 100.0).abs() < 1e-9);
    assert!((b(1e-3, 0.2) / b(1e-3, 0.1) - 4.0).abs() < 1e-12);
    // Along the relic curve y is independent of ε: y = ε² α_D(ε) (m_χ/m_A')⁴.
    let y = |eps: f64| thermal::y(eps, b(eps, 0.06), 0.02, 0.06);
    assert!((y(1e-5) / y(1e-3) - 1.0).abs() < 1e-12);
    assert!(thermal::relic_alpha_d(0.0, 0.1, 0.01, 0.25).is_err());
    assert!(thermal::y_upper_limit(1e-3, -0.1, 3.0).is_err());
}
