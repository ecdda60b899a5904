//! Monotonicity of the limits (property tests): the limit grows with the background
//! uncertainty and with the observed count, and the ε limit falls with the exposure (EOT).

use aprime_stats::{CalculatorChoice, Constraint, CountingExperiment, LimitSettings, Model};
use proptest::prelude::*;

fn asym() -> LimitSettings {
    LimitSettings::default()
        .calculator(CalculatorChoice::Asymptotic)
        .expected(false)
}

fn one_channel(n: u64, b: f64, sigma_b: f64) -> Model {
    Model::builder()
        .channel("c", n, 1.0, b)
        .background_uncertainties(&[sigma_b], Constraint::LogNormal)
        .unwrap()
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn grows_with_background_uncertainty(b in 5.0f64..50.0, z in -2.0f64..3.0, r1 in 0.0f64..0.5, dr in 0.02f64..0.5) {
        // A wider background prior absorbs more signal-like fluctuations. Checked where the
        // asymptotic formulae apply, n = b + z√b (|z| ≲ 2–3); at n = 0 they are meaningless
        // (physics.md §8) and, e.g. at b = 5, drift by 3e-5 the other way.
        let n = (b + z * b.sqrt()).round().max(0.0) as u64;
        let lo = asym().compute(&one_channel(n, b, r1 * b)).unwrap().observed;
        let hi = asym().compute(&one_channel(n, b, (r1 + dr) * b)).unwrap().observed;
        prop_assert!(hi >= lo * (1.0 - 1e-6), "σ_b/b {r1} → {}: {lo} → {hi}", r1 + dr);
    }

    #[test]
    fn grows_with_observed_count_exact(n in 0u64..30, b in 0.0f64..20.0) {
        let s = LimitSettings::default().calculator(CalculatorChoice::Exact).expected(false);
        let lo = s.compute(&one_channel(n, b, 0.0)).unwrap().observed;
        let hi = s.compute(&one_channel(n + 1, b, 0.0)).unwrap().observed;
        prop_assert!(hi > lo, "n {n} → {}: {lo} → {hi}", n + 1);
    }

    #[test]
    fn grows_with_observed_count_multichannel(n1 in 0u64..40, n2 in 0u64..40, b1 in 5.0f64..30.0, b2 in 5.0f64..30.0, f in 0.1f64..0.9) {
        let m = |n1: u64| Model::builder()
            .channel("a", n1, f, b1)
            .channel("b", n2, 1.0 - f, b2)
            .background_uncertainties(&[0.1 * b1, 0.2 * b2], Constraint::LogNormal).unwrap()
            .shared_signal_uncertainty("xs", 0.1, Constraint::LogNormal)
            .build().unwrap();
        let lo = asym().compute(&m(n1)).unwrap().observed;
        let hi = asym().compute(&m(n1 + 1)).unwrap().observed;
        prop_assert!(hi > lo, "{lo} → {hi}");
    }

    #[test]
    fn epsilon_limit_falls_with_eot(k in 1.05f64..10.0, n in 0u64..20, b in 0.0f64..15.0, a1 in 1e6f64..1e9, a2 in 1e6f64..1e9) {
        // More EOT with the same backgrounds and counts: the signal per ε² grows ∝ EOT and the
        // ε limit falls (exactly as 1/√k, since the limit on the signal count is unchanged).
        let exp = |k: f64| CountingExperiment::new()
            .run("I", n, b, 0.2 * b, a1 * k)
            .run("II", 0, 0.1, 0.02, a2 * k)
            .signal_uncertainty(0.1);
        let s = asym();
        let e1 = exp(1.0).epsilon_limit(&s).unwrap();
        let ek = exp(k).epsilon_limit(&s).unwrap();
        prop_assert!(ek.eps < e1.eps);
        prop_assert!((ek.eps * k.sqrt() / e1.eps - 1.0).abs() < 1e-4);
    }
}

#[test]
fn exposure_with_proportional_background_still_lowers_the_epsilon_limit() {
    // More EOT also brings proportionally more background; with the expected count observed
    // (n = b) the ε² limit falls roughly as 1/√EOT at large counts and faster at small ones.
    let mut last = f64::INFINITY;
    for k in [1.0, 2.0, 4.0, 8.0, 16.0] {
        let b: f64 = 3.0 * k;
        let exp = CountingExperiment::new()
            .run("I", b.round() as u64, b, 0.1 * b, 1e8 * k)
            .signal_uncertainty(0.1);
        let e = exp
            .epsilon_limit(&LimitSettings::default().toys(2_000).expected(false))
            .unwrap();
        assert!(e.eps < last, "k = {k}: {} after {last}", e.eps);
        last = e.eps;
    }
}
