//! The hybrid CLs by quadrature and exact count sums: closed forms, agreement with the hybrid
//! toys within their statistical error, determinism, and the automatic choice.

use aprime_stats::{
    CalculatorChoice, CalculatorKind, Constraint, LimitResult, LimitSettings, Model, Nuisance,
};

fn quadrature(m: &Model) -> LimitResult {
    LimitSettings::default()
        .calculator(CalculatorChoice::HybridQuadrature)
        .compute(m)
        .unwrap()
}

/// E_θ[e^{−s κ^θ}], θ ~ N(0, 1), by a trapezoid on 4001 points over ±10σ (exact to ~1e-12).
fn prior_averaged_cls(s: f64, kappa: f64) -> f64 {
    let n = 4001_u32;
    let h = 20.0 / f64::from(n - 1);
    (0..n)
        .map(|i| {
            let t = -10.0 + h * f64::from(i);
            (-t * t / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt()
                * (-s * kappa.powf(t)).exp()
                * h
        })
        .sum()
}

fn n0_limit(kappa: f64) -> f64 {
    let (mut lo, mut hi) = (1.0, 5.0);
    for _ in 0..60 {
        let m = 0.5 * (lo + hi);
        if prior_averaged_cls(m, kappa) > 0.1 {
            lo = m;
        } else {
            hi = m;
        }
    }
    0.5 * (lo + hi)
}

/// The four runs of the na64-2016-2022 preset (backgrounds, uncertainties, 10 % shared signal
/// and 13–17 % efficiency uncertainties per run) with a signal split like its yields.
fn na64_2016_2022(observed: [u64; 4]) -> Model {
    let bkg = [0.080, 0.105, 0.345, 0.51];
    let unc = [0.026, 0.034, 0.111, 0.13];
    let split = [0.05, 0.06, 0.2, 0.69];
    let eff = [0.13, 0.17, 0.17, 0.11];
    let mut b = Model::builder();
    for i in 0..4 {
        b = b.channel(format!("run {i}"), observed[i], split[i], bkg[i]);
    }
    let mut b = b
        .background_uncertainties(&unc, Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("A' yield", 0.10, Constraint::LogNormal);
    for (i, r) in eff.iter().enumerate() {
        b = b.nuisance(Nuisance::log_normal(format!("eff {i}")).on_signal(i, *r));
    }
    b.build().unwrap()
}

#[test]
fn zero_events_give_the_prior_averaged_poisson_limit() {
    // n = 0: CLs = E_θ[e^{−s κ^θ}] (the background factors out, test hybrid.rs); κ = 1.10 gives
    // 2.316 (physics.md §8: 2.32–2.38 for 10–15 %). The quadrature is exact to ~1e-10 and the
    // root is found to 1e-3 (bracket width): 1.5e-3 allowed.
    let closed = n0_limit(1.10);
    let m = Model::builder()
        .channel("run", 0, 1.0, 0.3)
        .background_uncertainties(&[0.12], Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("xs", 0.10, Constraint::LogNormal)
        .build()
        .unwrap();
    let r = quadrature(&m);
    assert_eq!(r.calculator, CalculatorKind::HybridQuadrature);
    assert!(r.observed_error.is_none());
    assert!(
        (r.observed / closed - 1.0).abs() < 1.5e-3,
        "{r:?} vs {closed}"
    );
}

#[test]
fn without_systematics_it_is_exact_poisson_cls() {
    // One channel, n = 1, b = 0.5: CLs = F(1; s + b)/F(1; b) = 0.1 at s = 3.5082 (Read,
    // J. Phys. G 28 2693; the ExactPoisson calculator).
    let m = Model::builder().channel("c", 1, 1.0, 0.5).build().unwrap();
    let exact = LimitSettings::default()
        .calculator(CalculatorChoice::Exact)
        .compute(&m)
        .unwrap();
    let r = quadrature(&m);
    assert!((r.observed / exact.observed - 1.0).abs() < 1.5e-3, "{r:?}");
    let (a, b) = (r.expected.unwrap(), exact.expected.unwrap());
    for (x, y) in a.to_array().iter().zip(b.to_array()) {
        assert!((x / y - 1.0).abs() < 1.5e-3, "{a:?} vs {b:?}");
    }
}

#[test]
fn gaussian_nuisances_match_their_closed_form() {
    // E[e^{−s(1 + 0.1θ)}] = e^{−s + s²·0.01/2} → s² 0.005 − s + ln 10 = 0 → s = 2.331 (the
    // truncation at θ = −10 is negligible).
    let closed = (1.0 - (1.0 - 4.0 * 0.005 * 10f64.ln()).sqrt()) / (2.0 * 0.005);
    let m = Model::builder()
        .channel("run", 0, 1.0, 0.2)
        .shared_signal_uncertainty("xs", 0.10, Constraint::Gaussian)
        .build()
        .unwrap();
    let r = quadrature(&m);
    assert!(
        (r.observed / closed - 1.0).abs() < 1.5e-3,
        "{r:?} vs {closed}"
    );
}

/// Quadrature against hybrid toys (seed 21, 40 000 toys): observed within 3 toy standard
/// errors; the expected band, an order statistic of the toys without a quoted error, within 3 %.
fn agrees_with_toys(m: &Model) {
    let q = quadrature(m);
    let t = LimitSettings::default()
        .calculator(CalculatorChoice::Hybrid)
        .toys(40_000)
        .seed(21)
        .compute(m)
        .unwrap();
    let err = t.observed_error.unwrap();
    assert!(
        (q.observed - t.observed).abs() < 3.0 * err,
        "quadrature {q:?}\ntoys {t:?}"
    );
    let (a, b) = (q.expected.unwrap(), t.expected.unwrap());
    for (x, y) in a.to_array().iter().zip(b.to_array()) {
        assert!((x / y - 1.0).abs() < 0.03, "quadrature {a:?}\ntoys {b:?}");
    }
}

#[test]
fn agrees_with_the_hybrid_toys_on_the_2016_2022_runs_at_zero_events() {
    agrees_with_toys(&na64_2016_2022([0, 0, 0, 0]));
}

#[test]
fn agrees_with_the_hybrid_toys_with_observed_events() {
    // Events in two runs: the ordering by q̃ is no longer the ordering by the total count.
    agrees_with_toys(&na64_2016_2022([1, 0, 2, 0]));
}

#[test]
fn same_result_for_any_thread_count() {
    let m = na64_2016_2022([0, 1, 0, 3]);
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| quadrature(&m))
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert_eq!(one, quadrature(&m));
}

#[test]
fn fewer_roots_leave_the_ones_solved_unchanged() {
    // The limits stage asks Table V and the ε per α_D for the observed limit only and the
    // E_ECAL cut scan for the median only: the roots it gets must be the very numbers of the
    // full computation (they are solved first, from the same CLs evaluations), with fewer
    // evaluations.
    let m = na64_2016_2022([1, 0, 2, 0]);
    let s = LimitSettings::default().calculator(CalculatorChoice::HybridQuadrature);
    let full = s.compute(&m).unwrap();
    let band = full.expected.unwrap();
    let observed = s.expected(false).compute(&m).unwrap();
    assert_eq!(observed.observed.to_bits(), full.observed.to_bits());
    assert!(observed.expected.is_none());
    let median = s.median_only(true).compute(&m).unwrap();
    let mb = median.expected.unwrap();
    assert_eq!(median.observed.to_bits(), full.observed.to_bits());
    assert_eq!(mb.median.to_bits(), band.median.to_bits());
    assert!(mb.m2.is_nan() && mb.m1.is_nan() && mb.p1.is_nan() && mb.p2.is_nan());
    assert!(observed.evaluations < median.evaluations && median.evaluations < full.evaluations);
}

#[test]
fn auto_uses_quadrature_where_it_applies_and_toys_elsewhere() {
    let s = LimitSettings::default();
    let (kind, reason) = s.choose(&na64_2016_2022([0; 4]));
    assert_eq!(kind, CalculatorKind::HybridQuadrature, "{reason}");
    // Four nuisances shared by all channels: beyond the tensor grid, toys.
    let mut b = Model::builder()
        .channel("a", 0, 0.5, 0.1)
        .channel("b", 0, 0.5, 0.1);
    for k in 0..4 {
        b = b.nuisance(
            Nuisance::log_normal(format!("shared {k}"))
                .on_signal(0, 0.05)
                .on_signal(1, 0.05),
        );
    }
    let (kind, reason) = s.choose(&b.build().unwrap());
    assert_eq!(kind, CalculatorKind::Hybrid);
    assert!(reason.contains("several channels"), "{reason}");
    // A wide Gaussian (cut-off within 5σ): toys.
    let g = Model::builder()
        .channel("a", 0, 1.0, 0.1)
        .shared_signal_uncertainty("xs", 0.3, Constraint::Gaussian)
        .build()
        .unwrap();
    assert_eq!(s.choose(&g).0, CalculatorKind::Hybrid);
}
