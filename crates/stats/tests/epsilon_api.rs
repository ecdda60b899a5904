//! The limits-pipeline interface: ε_up from the signal per unit ε² of each run.

use aprime_stats::{
    CalculatorChoice, CalculatorKind, CountingExperiment, LimitSettings, StatsError,
};

#[test]
fn zero_events_without_systematics() {
    // N_A' = ε² Σ a_i < 2.303 (paper 002 eq. 26 with N90 = 2.3) → ε_up = √(2.303/Σa).
    let exp = CountingExperiment::new()
        .run("I", 0, 0.043, 0.0, 2.0e8)
        .run("II", 0, 0.041, 0.0, 1.0e8)
        .run("III", 0, 0.010, 0.0, 0.8e8);
    // Auto: three channels without systematics, the hybrid quadrature (exact Poisson sums);
    // the root is bracketed to 1e-3.
    let lim = exp.epsilon_limit(&LimitSettings::default()).unwrap();
    assert_eq!(lim.calculator, CalculatorKind::HybridQuadrature);
    assert!(lim.eps2_error.is_none());
    assert!(
        (lim.signal_events / std::f64::consts::LN_10 - 1.0).abs() < 1e-3,
        "{lim:?}"
    );
    assert!((lim.eps - (lim.signal_events / 3.8e8).sqrt()).abs() < 1e-15);
    assert!((lim.eps * lim.eps - lim.eps2).abs() < 1e-20);
    let band = lim.expected_eps.unwrap();
    assert!(band.m2 <= band.median && band.median <= band.p2);
}

#[test]
fn single_run_uses_exact_and_reports_it() {
    let exp = CountingExperiment::new().run("I", 0, 0.1, 0.0, 1.0e9);
    let lim = exp.epsilon_limit(&LimitSettings::default()).unwrap();
    assert_eq!(lim.calculator, CalculatorKind::Exact);
    assert!((lim.eps2 * 1e9 - 10f64.ln()).abs() < 1e-4);
    assert!(lim.eps2_error.is_none());
}

#[test]
fn asymptotic_at_many_events() {
    let exp = CountingExperiment::new()
        .run("I", 120, 110.0, 10.0, 3e8)
        .run("II", 80, 85.0, 9.0, 2e8)
        .signal_uncertainty(0.1);
    let lim = exp.epsilon_limit(&LimitSettings::default()).unwrap();
    assert_eq!(lim.calculator, CalculatorKind::Asymptotic);
    assert!(
        lim.signal_events > 10.0 && lim.signal_events < 60.0,
        "{lim:?}"
    );
}

#[test]
fn bad_inputs_are_errors() {
    let neg = CountingExperiment::new().run("I", 0, -0.1, 0.0, 1e8);
    assert!(matches!(
        neg.epsilon_limit(&LimitSettings::default()),
        Err(StatsError::BadChannelValue { .. })
    ));
    let zero_sig = CountingExperiment::new().run("I", 0, 0.1, 0.0, 0.0);
    assert_eq!(
        zero_sig
            .epsilon_limit(&LimitSettings::default())
            .unwrap_err(),
        StatsError::NoSignal
    );
    let unc_on_zero = CountingExperiment::new().run("I", 0, 0.0, 0.1, 1e8);
    assert!(matches!(
        unc_on_zero.epsilon_limit(&LimitSettings::default()),
        Err(StatsError::UncertaintyOnZeroBackground { .. })
    ));
    let ok = CountingExperiment::new().run("I", 0, 0.1, 0.0, 1e8);
    assert_eq!(
        ok.epsilon_limit(&LimitSettings::default().cl(1.0))
            .unwrap_err(),
        StatsError::BadConfidenceLevel(1.0)
    );
    assert_eq!(
        ok.epsilon_limit(
            &LimitSettings::default()
                .calculator(CalculatorChoice::Hybrid)
                .toys(10)
        )
        .unwrap_err(),
        StatsError::TooFewToys(10)
    );
}
