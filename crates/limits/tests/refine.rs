//! The adaptive mass grid (issue 15 item 6, `aprime_limits::refine`): yields of added masses
//! folded from the track-length spectra of the grid's showers (paper 002 eq. 8), added where the
//! observed ε curve bends, identical for any thread count and shard split.

use aprime_experiment::shower_run::{YieldRequest, yield_run_config};
use aprime_experiment::{ExperimentConfig, MassRefinement, RefinedBrem, presets};
use aprime_limits::yields::{self, YieldPoint};
use aprime_limits::{YieldsShard, compute_yields, merge_yields_shards, yields_shard};
use aprime_shower::{ShowerSimulation, fold};

/// na64-2016-2022 with `events` showers on `masses` (seed 3) and the refinement `refine`.
fn config(events: u64, masses: &[f64], refine: Option<MassRefinement>) -> ExperimentConfig {
    let mut cfg = presets::load("na64-2016-2022").unwrap();
    cfg.simulation.events = events;
    cfg.simulation.seed = 3;
    cfg.masses.values_gev = masses.to_vec();
    cfg.masses.refine = refine;
    cfg
}

fn refinement(max_points: usize, tolerance: f64, max_depth: u32) -> MassRefinement {
    MassRefinement {
        max_points,
        tolerance,
        max_depth,
        bremsstrahlung: RefinedBrem::Interpolate,
    }
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

#[test]
fn folded_bremsstrahlung_agrees_with_the_direct_estimate() {
    // The fold Σ ∫ dE T±(E) Σ_>(E) (paper 002 eq. 8, `fold::brem_yield`) and the step-by-step
    // estimate score the same showers, the fold with Σ_> averaged over each track-length bin
    // (100 per decade): they differ by the binning error, FOLD_TOLERANCE below (measured
    // ≤ MEASURED_FOLD over these masses, docs/limits.md), far below the statistical error.
    let cfg = config(3000, &[0.002, 0.02, 0.1, 0.25, 0.6], None);
    let e_min = yields::simulated_threshold(&cfg);
    let masses = cfg.masses.masses();
    let rc = yield_run_config(
        &cfg,
        &YieldRequest {
            masses: &masses,
            bremsstrahlung: cfg.production.bremsstrahlung,
            annihilation: true,
            e_min_gev: e_min,
            events: cfg.simulation.events,
            seed: cfg.simulation.seed,
            signal_events: 0,
        },
    )
    .unwrap();
    let res = ShowerSimulation::new(rc).unwrap().run(None).unwrap();
    let setup = fold::dark_setup_for(&res, &masses).unwrap();
    let b = res.batches.as_ref().unwrap();
    for (k, md) in setup.masses.iter().enumerate() {
        let direct = res.dark[k].brem.value;
        let folded = fold::brem_yield(&res, md);
        assert!(
            (folded / direct - 1.0).abs() < FOLD_TOLERANCE,
            "m = {} GeV: fold {folded:e}, direct {direct:e}",
            md.mass
        );
        // The batch means of the fold average to the fold and give an error like the direct
        // estimate's batch error (same showers, same kind of estimator): within a factor 1.5.
        let per_batch = fold::brem_batches(&res, md);
        let n: f64 = b.events.iter().map(|&e| e as f64).sum();
        let mean: f64 = b
            .events
            .iter()
            .zip(&per_batch)
            .map(|(&e, v)| e as f64 * v)
            .sum::<f64>()
            / n;
        assert!((mean / folded - 1.0).abs() < 1e-9, "{mean:e} vs {folded:e}");
        let direct_batches: Vec<f64> = b.brem.iter().map(|v| v[k]).collect();
        let (ef, ed) = (b.mean_error(&per_batch), b.mean_error(&direct_batches));
        assert!(
            (ef / ed - 1.0).abs() < 0.5,
            "m = {}: {ef:e} vs {ed:e}",
            md.mass
        );
    }
}

/// Binning error allowed between the folded and the direct bremsstrahlung yield.
const FOLD_TOLERANCE: f64 = 0.01;

#[test]
fn a_refined_point_lies_between_its_neighbours_where_the_curve_is_smooth() {
    // Bremsstrahlung only at 10–40 MeV: the yield falls smoothly with mass (paper 002 Fig. 5,
    // ∝ ~1/m² above a few MeV). A tolerance of 1e-9 forces both intervals of 20 MeV to be
    // halved once; the midpoints, interpolated or folded, must lie between their neighbours
    // and within 2% of the straight line in (ln m, ln Y) through them (the fold sits 0.03–0.18%
    // below the direct estimates, docs/limits.md).
    let masses_gev = [0.005, 0.01, 0.02, 0.04, 0.08];
    let mut cfg = config(2000, &masses_gev, None);
    cfg.production.annihilation = false;
    let grid = compute_yields(&cfg, None).unwrap().main;
    for brem in [RefinedBrem::Interpolate, RefinedBrem::Fold] {
        cfg.masses.refine = Some(MassRefinement {
            bremsstrahlung: brem,
            ..refinement(2, 1e-9, 1)
        });
        // Every interior point bends more than 1e-9: the two intervals of the largest bend
        // are halved (max_points = 2).
        let refined = compute_yields(&cfg, None).unwrap().main;
        let p = &refined.points;
        assert_eq!(p.len(), masses_gev.len() + 2, "{brem:?}: {:?}", masses(p));
        // The grid keeps its points bit for bit; the added ones are marked.
        let kept: Vec<&YieldPoint> = p.iter().filter(|p| !p.refined).collect();
        assert_eq!(kept.len(), masses_gev.len());
        for (a, b) in kept.iter().zip(&grid.points) {
            assert_eq!(json(a), json(b));
        }
        for i in (1..p.len() - 1).filter(|&i| p[i].refined) {
            let (lo, mid, hi) = (&p[i - 1], &p[i], &p[i + 1]);
            assert!(!lo.refined && !hi.refined);
            assert!(((lo.mass_gev * hi.mass_gev).sqrt() / mid.mass_gev - 1.0).abs() < 1e-12);
            let y = |p: &YieldPoint| p.yield_per_eot_per_eps2;
            assert!(
                y(lo) > y(mid) && y(mid) > y(hi),
                "{brem:?}: {:?}",
                masses(p)
            );
            let line = 0.5 * (y(lo).ln() + y(hi).ln());
            assert!(
                (y(mid).ln() - line).abs() < 0.02,
                "{brem:?}: {} vs {}",
                y(mid),
                line.exp()
            );
            // Its error is a batch-means error of the size of its neighbours'.
            let rel = |p: &YieldPoint| p.stat_error / y(p);
            assert!(
                rel(mid) > 0.5 * rel(lo).min(rel(hi)) && rel(mid) < 2.0 * rel(lo).max(rel(hi)),
                "{brem:?}: {} {} {}",
                rel(lo),
                rel(mid),
                rel(hi)
            );
            // Its spectrum integrates to its yield (interpolated bremsstrahlung shape).
            let h = &mid.spectrum;
            let integral: f64 = h
                .edges
                .windows(2)
                .zip(&h.values)
                .map(|(e, v)| v * (e[1] - e[0]))
                .sum::<f64>()
                + h.overflow;
            assert!((integral / y(mid) - 1.0).abs() < 1e-9);
        }
    }
}

fn masses(p: &[YieldPoint]) -> Vec<f64> {
    p.iter().map(|p| p.mass_gev).collect()
}

#[test]
fn the_na64_2016_2022_grid_is_refined_in_the_resonance_window_only() {
    // Paper 003: shower positrons annihilate resonantly at E_R = m²/2m_e, which lies in the
    // E_A' > 50 GeV window (up to 100 GeV) for m ≈ 0.16–0.32 GeV (physics.md §3): the ε limit
    // dips there, and is smooth bremsstrahlung elsewhere. The preset's grid (40 log-spaced
    // masses, 1 MeV–1 GeV) at 5000 showers, refined as the preset configures it: every added
    // mass lies within one grid interval of the window (0.13–0.42 GeV), at least four inside it,
    // none below 0.1 GeV.
    let preset = presets::load("na64-2016-2022").unwrap();
    let opts = preset.masses.refine.expect("the preset refines its grid");
    let mut cfg = preset;
    cfg.simulation.events = 5000;
    let y = compute_yields(&cfg, None).unwrap().main;
    let added: Vec<f64> = y
        .points
        .iter()
        .filter(|p| p.refined)
        .map(|p| p.mass_gev)
        .collect();
    assert!(!added.is_empty() && added.len() <= opts.max_points);
    assert!(
        added.iter().all(|&m| (0.13..0.42).contains(&m)),
        "{added:?}"
    );
    assert!(
        added.iter().filter(|&&m| (0.16..0.35).contains(&m)).count() >= 4,
        "{added:?}"
    );
    assert_eq!(y.points.len(), 40 + added.len());
    assert!(y.points.windows(2).all(|w| w[0].mass_gev < w[1].mass_gev));
}

#[test]
fn refinement_is_the_same_for_any_thread_count_and_shard_split() {
    // Issue 13: shards merged = one run bit for bit; every step after the shower run (folds,
    // limits, the choice of intervals) is a pure function of the merged result.
    let cfg = config(
        600,
        &[0.1, 0.16, 0.2, 0.25, 0.3, 0.4],
        Some(refinement(5, 0.01, 2)),
    );
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| compute_yields(&cfg, None).unwrap());
    let two = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap()
        .install(|| compute_yields(&cfg, None).unwrap());
    assert!(one.main.points.iter().any(|p| p.refined), "nothing refined");
    assert_eq!(json(&one), json(&two));
    let shards: Vec<YieldsShard> = (0..3)
        .map(|k| {
            let s = yields_shard(&cfg, k, 3, None).unwrap();
            serde_json::from_str(&json(&s)).unwrap()
        })
        .collect();
    let merged = merge_yields_shards(shards).unwrap();
    assert_eq!(json(&merged), json(&one));
    // Saved and read back, the refined yields fit the configuration.
    let back: aprime_limits::Yields = serde_json::from_str(&json(&one)).unwrap();
    yields::check_yields(&cfg, &back, "yields.json").unwrap();
    assert_eq!(back, one);
}
