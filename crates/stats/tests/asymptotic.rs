//! Asymptotic (Asimov) CLs: Cowan, Cranmer, Gross, Vitells, EPJC 71 1554.

use aprime_stats::special::{normal_cdf, normal_sf};
use aprime_stats::{CalculatorChoice, CalculatorKind, LimitSettings, Model};

fn single(n: u64, b: f64) -> Model {
    Model::builder().channel("c", n, 1.0, b).build().unwrap()
}

fn limit(m: &Model, c: CalculatorChoice, toys: usize) -> aprime_stats::LimitResult {
    LimitSettings::default()
        .calculator(c)
        .toys(toys)
        .seed(11)
        .compute(m)
        .unwrap()
}

#[test]
fn zero_events_zero_background_is_the_known_failure() {
    // n = 0, b = 0: q̃_obs = q_A = 2s, CLs = 2[1 − Φ(√(2s))] = 0.1 → s = 1.645²/2 = 1.353
    // (physics.md §8: asymptotic CLs is 41 % too low here; the exact value is 2.303).
    let r = limit(&single(0, 0.0), CalculatorChoice::Asymptotic, 0);
    let closed = 1.644_853_6_f64.powi(2) / 2.0;
    assert!((r.observed - closed).abs() < 1e-3, "{}", r.observed);
    assert!((closed - 1.353).abs() < 1e-3);
    // ...and auto never uses it there.
    let auto = LimitSettings::default().compute(&single(0, 0.0)).unwrap();
    assert_ne!(auto.calculator, CalculatorKind::Asymptotic);
    assert!((auto.observed - std::f64::consts::LN_10).abs() < 1e-3);
}

#[test]
fn matches_the_closed_form_for_one_channel() {
    // One channel without systematics: q̃ = 2[λ − n − n ln(λ/n)] with λ = μ + b (μ̂ = n − b ≤ μ),
    // q_A the same with n → b. At the limit CLs = Φ(−√q̃)/Φ(√q_A − √q̃) = 0.1 (CCGV eq. 66).
    let (n, b) = (50.0_f64, 45.0_f64);
    let r = limit(&single(50, 45.0), CalculatorChoice::Asymptotic, 0);
    let lam = r.observed + b;
    let q = 2.0 * (lam - n - n * (lam / n).ln());
    let qa = 2.0 * (lam - b - b * (lam / b).ln());
    let cls = normal_sf(q.sqrt()) / normal_cdf(qa.sqrt() - q.sqrt());
    assert!((cls - 0.1).abs() < 1e-5, "CLs at the limit {cls}");
}

#[test]
fn converges_to_toys_and_exact_at_large_counts() {
    // n = 50, b = 45: asymptotic 15.84 against exact Poisson CLs 16.35 and toys. The residual
    // 3 % is the discreteness of the Poisson count (exact CLs counts P(n = n_obs) fully).
    let m = single(50, 45.0);
    let asym = limit(&m, CalculatorChoice::Asymptotic, 0).observed;
    let exact = limit(&m, CalculatorChoice::Exact, 0).observed;
    let toys = limit(&m, CalculatorChoice::Toys, 4000);
    let err = toys.observed_error.unwrap();
    assert!(
        (asym / toys.observed - 1.0).abs() < 0.03 + 2.0 * err / toys.observed,
        "asymptotic {asym} toys {} ± {err}",
        toys.observed
    );
    assert!(
        (asym / exact - 1.0).abs() < 0.035,
        "asym {asym} exact {exact}"
    );
    // Closer still at ten times the counts (the approximation improves ~ 1/√n).
    let big = single(500, 480.0);
    let a = limit(&big, CalculatorChoice::Asymptotic, 0).observed;
    let e = limit(&big, CalculatorChoice::Exact, 0).observed;
    assert!((a / e - 1.0).abs() < (asym / exact - 1.0).abs(), "{a} {e}");
    assert!((a / e - 1.0).abs() < 0.015, "{a} {e}");
}

#[test]
fn expected_band_is_ordered_and_brackets_the_median() {
    let m = Model::builder()
        .channel("a", 3000, 0.5, 3000.0)
        .channel("b", 2000, 0.5, 2000.0)
        .background_uncertainties(&[30.0, 40.0], aprime_stats::Constraint::LogNormal)
        .unwrap()
        .build()
        .unwrap();
    let r = limit(&m, CalculatorChoice::Asymptotic, 0);
    let b = r.expected.unwrap().to_array();
    assert!(b.windows(2).all(|w| w[0] < w[1]), "{b:?}");
    // Median expected limit: μ̂ = 0 and CLs = Φ(−√q_A)/½ = 0.1, i.e. √q_A = 1.645 (CCGV §3.8);
    // at large counts √q_A = μ/σ_μ with 1/σ_μ² = Σ s_i²/(b_i + (b_i ln κ_i)²) (Fisher information
    // of Poisson channels, each with its profiled log-normal background, κ = 1 + σ_b/b).
    let v = |b: f64, sb: f64| b + (b * (sb / b).ln_1p()).powi(2);
    let sigma = (1.0 / (0.25 / v(3000.0, 30.0) + 0.25 / v(2000.0, 40.0))).sqrt();
    assert!(
        (b[2] / (1.644_854 * sigma) - 1.0).abs() < 0.01,
        "{} vs {}",
        b[2],
        1.644_854 * sigma
    );
    // ±1σ, ±2σ: Φ(N − μ/σ)/Φ(N) = 0.1 in the same Gaussian limit.
    for (n, v) in [(-1.0, b[1]), (1.0, b[3]), (2.0, b[4])] {
        let cls = normal_cdf(n - v / sigma) / normal_cdf(n);
        assert!((cls - 0.1).abs() < 0.005, "N = {n}: CLs {cls}");
    }
}
