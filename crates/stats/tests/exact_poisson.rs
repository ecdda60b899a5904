//! Exact single-channel Poisson CLs (Read, J. Phys. G 28 2693).

use aprime_stats::{CalculatorChoice, ExactPoisson, LimitSettings, Model, StatsError};

fn single(n: u64, b: f64) -> Model {
    Model::builder().channel("c", n, 1.0, b).build().unwrap()
}

fn exact(n: u64, b: f64) -> aprime_stats::LimitResult {
    LimitSettings::default()
        .calculator(CalculatorChoice::Exact)
        .compute(&single(n, b))
        .unwrap()
}

#[test]
fn zero_observed_gives_2_303_for_any_background() {
    // CLs at n = 0 is e^{−s} for any b: s_up = −ln 0.10 = 2.303 (paper 002 §IX, "N90 = 2.3").
    for b in [0.0, 0.12, 0.53] {
        let r = exact(0, b);
        assert!(
            (r.observed / std::f64::consts::LN_10 - 1.0).abs() < 0.01,
            "b = {b}: {}",
            r.observed
        );
        // The root finder is far more precise than the 1 % acceptance.
        assert!(
            (r.observed - 10f64.ln()).abs() < 1e-4,
            "b = {b}: {}",
            r.observed
        );
    }
}

#[test]
fn one_observed_over_half_an_event() {
    // e^{−s}(1.5 + s)/1.5 = 0.1 → s = 3.508 (Read 2002 CLs for n = 1, b = 0.5).
    let r = exact(1, 0.5);
    assert!((r.observed / 3.508 - 1.0).abs() < 0.01, "{}", r.observed);
}

#[test]
fn other_confidence_levels() {
    // n = 0: s_up = −ln(1 − CL); 95 %: 2.996.
    let r = LimitSettings::default()
        .cl(0.95)
        .calculator(CalculatorChoice::Exact)
        .compute(&single(0, 0.3))
        .unwrap();
    assert!((r.observed - 20f64.ln()).abs() < 1e-4, "{}", r.observed);
}

#[test]
fn expected_band_is_the_limit_at_poisson_quantiles() {
    // b = 0.12: P(n = 0) = 0.887 ≥ Φ(1) = 0.841, so −2σ…+1σ all sit at n = 0 (2.303); the +2σ
    // quantile Φ(2) = 0.977 is n = 1, whose limit is that of exact(1, 0.12).
    let r = exact(0, 0.12);
    let b = r.expected.unwrap();
    for v in [b.m2, b.m1, b.median, b.p1] {
        assert!((v - 10f64.ln()).abs() < 1e-4, "{b:?}");
    }
    assert!((b.p2 - exact(1, 0.12).observed).abs() < 1e-4, "{b:?}");
}

#[test]
fn exact_refuses_systematics_and_several_channels() {
    let two = Model::builder()
        .channel("a", 0, 1.0, 0.1)
        .channel("b", 0, 1.0, 0.1)
        .build()
        .unwrap();
    assert!(matches!(
        ExactPoisson::new(&two),
        Err(StatsError::CalculatorNotApplicable { .. })
    ));
    let syst = Model::builder()
        .channel("a", 0, 1.0, 0.1)
        .shared_signal_uncertainty("xs", 0.1, aprime_stats::Constraint::LogNormal)
        .build()
        .unwrap();
    assert!(ExactPoisson::new(&syst).is_err());
}

#[test]
fn limit_scales_with_signal_units() {
    // The limit is on μ with signal μ·s: s = 1e8 per unit ε² gives ε² = 2.303e−8.
    let m = Model::builder().channel("c", 0, 1e8, 0.2).build().unwrap();
    let r = LimitSettings::default().compute(&m).unwrap();
    assert!((r.observed * 1e8 - 10f64.ln()).abs() < 1e-4);
}
