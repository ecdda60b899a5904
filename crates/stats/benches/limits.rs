//! Benchmarks of the limit calculators (goals from issue 4: asymptotic 5 channels × 7 nuisances
//! < 1 ms; toy-based limit with 10⁴ toys per point < 1 s on 2 cores).

use aprime_stats::{CalculatorChoice, Constraint, LimitSettings, Model, Nuisance};
use divan::black_box;

fn main() {
    divan::main();
}

/// Five runs with moderate counts, one log-normal background nuisance each, plus the shared
/// A' cross-section (10 %) and EOT (3 %) uncertainties on every signal: 7 nuisances.
fn five_channels() -> Model {
    let obs = [23, 17, 31, 9, 14];
    let bkg = [20.0, 18.5, 27.0, 10.2, 12.9];
    let frac = [0.3, 0.2, 0.25, 0.1, 0.15];
    let mut b = Model::builder();
    for i in 0..5 {
        b = b.channel(format!("run {i}"), obs[i], frac[i], bkg[i]);
    }
    let unc: Vec<f64> = bkg.iter().map(|x| 0.15 * x).collect();
    b.background_uncertainties(&unc, Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("xs", 0.10, Constraint::LogNormal)
        .nuisance((0..5).fold(Nuisance::log_normal("eot"), |n, i| n.on_signal(i, 0.03)))
        .build()
        .unwrap()
}

/// The three 2016 NA64 runs at n = 0 (paper 002 §IX) with 10 % signal uncertainty: 4 nuisances.
fn na64() -> Model {
    Model::builder()
        .channel("I", 0, 0.53, 0.043)
        .channel("II", 0, 0.26, 0.041)
        .channel("III", 0, 0.21, 0.01)
        .background_uncertainties(&[0.017, 0.02, 0.003], Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("xs", 0.10, Constraint::LogNormal)
        .build()
        .unwrap()
}

#[divan::bench]
fn asymptotic_5ch_7nuis_observed_and_band(bencher: divan::Bencher) {
    let m = five_channels();
    assert_eq!(m.nuisances().len(), 7);
    let s = LimitSettings::default().calculator(CalculatorChoice::Asymptotic);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn toys_1e4_na64_profiled_observed(bencher: divan::Bencher) {
    let m = na64();
    let s = LimitSettings::default()
        .calculator(CalculatorChoice::Toys)
        .toys(10_000)
        .expected(false);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn toys_1e4_5ch_7nuis_profiled_observed(bencher: divan::Bencher) {
    let m = five_channels();
    let s = LimitSettings::default()
        .calculator(CalculatorChoice::Toys)
        .toys(10_000)
        .expected(false);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

#[divan::bench(sample_count = 3, sample_size = 1)]
fn hybrid_1e4_na64_observed_and_band(bencher: divan::Bencher) {
    let m = na64();
    let s = LimitSettings::default()
        .calculator(CalculatorChoice::Hybrid)
        .toys(10_000);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

/// The four runs of na64-2016-2022 at n = 0 with their backgrounds (log-normal, 30 %), the 10 %
/// shared A' yield and the 11–17 % per-run efficiency uncertainties: 9 nuisances.
fn na64_2016_2022() -> Model {
    na64_2016_2022_observing([0; 4])
}

/// [`na64_2016_2022`] with `observed` events per run.
fn na64_2016_2022_observing(observed: [u64; 4]) -> Model {
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

#[divan::bench(sample_count = 3, sample_size = 1)]
fn hybrid_4000_toys_na64_2016_2022_observed_and_band(bencher: divan::Bencher) {
    let m = na64_2016_2022();
    let s = LimitSettings::default()
        .calculator(CalculatorChoice::Hybrid)
        .toys(4000);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn hybrid_quadrature_na64_2016_2022_observed_and_band(bencher: divan::Bencher) {
    let m = na64_2016_2022();
    let s = LimitSettings::default().calculator(CalculatorChoice::HybridQuadrature);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

/// One limit of the limits stage of `aprime run --preset na64-2016-2022` (Table V and the ε per
/// α_D need the observed limit only).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn hybrid_quadrature_na64_2016_2022_observed_only(bencher: divan::Bencher) {
    let m = na64_2016_2022();
    let s = LimitSettings::default()
        .calculator(CalculatorChoice::HybridQuadrature)
        .expected(false);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}

/// The same runs with 1 and 2 events in runs I and III (more count vectors to fit).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn hybrid_quadrature_na64_2016_2022_with_events_observed_and_band(bencher: divan::Bencher) {
    let m = na64_2016_2022_observing([1, 0, 2, 0]);
    let s = LimitSettings::default().calculator(CalculatorChoice::HybridQuadrature);
    bencher.bench(|| s.compute(black_box(&m)).unwrap());
}
