//! The statistical error of yields with resonant annihilation (issue 15 item 6): the
//! bremsstrahlung step estimate plus the annihilation folded from the positron track-length
//! spectrum T₊, its error from the spread of the run's batches (batch means,
//! `aprime_shower::TrackLengthBatches`). Checked against what an error must do: shrink as 1/√N
//! and match the spread of independent-seed runs.

use aprime_experiment::shower_run::{YieldRequest, yield_run_config};
use aprime_experiment::{ExperimentConfig, presets};
use aprime_limits::yields;
use aprime_shower::ShowerSimulation;

/// m = 0.25 GeV: E_R = m²/2m_e = 61 GeV, inside the 2016–2022 window (E_A' > 50 GeV), where
/// annihilation is ~90 % of the yield of the na64-2016-2022 preset.
const MASS: f64 = 0.25;

/// (yield, quoted error) per EOT per ε² of `events` showers with `seed`, in chunks of 16 events
/// (so that even short runs have ≥ 100 batches).
fn run(cfg: &ExperimentConfig, events: u64, seed: u64) -> (f64, f64) {
    let e_min = yields::simulated_threshold(cfg);
    let model = cfg.production.bremsstrahlung;
    let mut rc = yield_run_config(
        cfg,
        &YieldRequest {
            masses: &[MASS],
            bremsstrahlung: model,
            annihilation: true,
            e_min_gev: e_min,
            events,
            seed,
            signal_events: 0,
        },
    )
    .unwrap();
    rc.chunk_events = 16;
    let res = ShowerSimulation::new(rc).unwrap().run(None).unwrap();
    let set = yields::yield_set_from(cfg, model, true, e_min, &res).unwrap();
    let p = &set.points[0];
    assert!(p.annihilation > 0.5 * p.yield_per_eot_per_eps2, "{p:?}");
    (p.yield_per_eot_per_eps2, p.stat_error)
}

#[test]
fn the_error_matches_the_spread_of_independent_seeds() {
    // 8 seeds × 1600 showers. The sample standard deviation of 8 Gaussian values lies within
    // [0.42, 1.63] σ with 99 % probability (χ with 7 degrees of freedom); the batch estimate
    // itself is good to ~10 % (100 batches): [0.4, 1.7] allowed.
    let cfg = presets::load("na64-2016-2022").unwrap();
    let runs: Vec<(f64, f64)> = (1..=8).map(|s| run(&cfg, 1600, 100 + s)).collect();
    let n = runs.len() as f64;
    let mean = runs.iter().map(|r| r.0).sum::<f64>() / n;
    let sd = (runs.iter().map(|r| (r.0 - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let quoted = runs.iter().map(|r| r.1).sum::<f64>() / n;
    let ratio = sd / quoted;
    assert!(
        (0.4..1.7).contains(&ratio),
        "spread {sd:e}, quoted {quoted:e}: {runs:?}"
    );
}

#[test]
fn the_error_shrinks_as_one_over_root_n() {
    // 4× the showers: half the error. Each batch estimate is good to ~7–10 % (100 and 128
    // batches) and the two runs share their first 1600 showers: 0.5 within [0.38, 0.66].
    let cfg = presets::load("na64-2016-2022").unwrap();
    let (_, e1) = run(&cfg, 1600, 7);
    let (_, e4) = run(&cfg, 6400, 7);
    let r = e4 / e1;
    assert!((0.38..0.66).contains(&r), "{e1:e} → {e4:e}: ratio {r}");
}
