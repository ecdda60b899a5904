//! The automatic calculator choice never uses asymptotic formulae at low counts.

use aprime_stats::{CalculatorChoice, CalculatorKind, Constraint, LimitSettings, Model};
use proptest::prelude::*;

#[test]
fn typical_cases() {
    let s = LimitSettings::default().toys(500);
    let one = Model::builder().channel("c", 0, 1.0, 0.5).build().unwrap();
    assert_eq!(s.choose(&one).0, CalculatorKind::Exact);
    let big = Model::builder()
        .channel("c", 50, 1.0, 45.0)
        .build()
        .unwrap();
    assert_eq!(s.choose(&big).0, CalculatorKind::Asymptotic);
    let na64 = Model::builder()
        .channel("I", 0, 0.53, 0.043)
        .channel("II", 0, 0.26, 0.041)
        .background_uncertainties(&[0.017, 0.02], Constraint::LogNormal)
        .unwrap()
        .build()
        .unwrap();
    let (kind, reason) = s.choose(&na64);
    assert_eq!(kind, CalculatorKind::HybridQuadrature);
    assert!(reason.contains("auto"), "{reason}");
    // The result reports what was used and why.
    let r = s.compute(&na64).unwrap();
    assert_eq!(r.calculator, CalculatorKind::HybridQuadrature);
    assert!(!r.reason.is_empty());
    // An explicit request wins.
    let r = s
        .calculator(CalculatorChoice::Asymptotic)
        .compute(&one)
        .unwrap();
    assert_eq!(r.calculator, CalculatorKind::Asymptotic);
    assert_eq!(r.reason, "requested");
}

#[test]
fn a_channel_with_large_background_but_no_signal_does_not_count() {
    // The effective count weighs channels by their signal: 1000 background events where there
    // is no signal do not make the n = 0 channel asymptotic.
    let m = Model::builder()
        .channel("signal", 0, 1.0, 0.05)
        .channel("control", 1000, 0.0, 1000.0)
        .build()
        .unwrap();
    assert!(m.effective_count() < 0.1);
    assert_ne!(
        LimitSettings::default().choose(&m).0,
        CalculatorKind::Asymptotic
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn never_asymptotic_at_low_counts(
        chans in prop::collection::vec((0u64..4, 0.0f64..2.0, 0.01f64..1.0, 0.0f64..0.5), 1..5),
        sig_unc in 0.0f64..0.3,
    ) {
        // Every channel with at most 3 events observed and 2 expected: asymptotic formulae
        // are 20–40 % off there (physics.md §8), auto must not use them.
        let mut b = Model::builder();
        for (i, (n, bkg, s, _)) in chans.iter().enumerate() {
            b = b.channel(format!("{i}"), *n, *s, *bkg);
        }
        let unc: Vec<f64> = chans.iter().map(|(_, bkg, _, r)| bkg * r).collect();
        let m = b.background_uncertainties(&unc, Constraint::LogNormal).unwrap()
            .shared_signal_uncertainty("xs", sig_unc, Constraint::LogNormal)
            .build().unwrap();
        prop_assert_ne!(LimitSettings::default().choose(&m).0, CalculatorKind::Asymptotic);
    }
}
