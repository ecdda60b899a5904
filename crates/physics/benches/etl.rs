//! Benchmarks of the exact-tree-level (ETL) cross section (Pb, electron beam):
//! `cargo bench -p aprime-physics --bench etl`. Goals (issue 2): one total in < 50 ms and the
//! 62-mass × 8-energy grid in < 10 s on 2 cores, both at ≤ 1% integration error.

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, etl};

fn main() {
    divan::main();
}

fn pb(e0: f64, m: f64) -> DarkBrem {
    DarkBrem::electron(Element::by_name("Pb").unwrap(), e0, m).unwrap()
}

fn opts(rel: f64) -> etl::EtlOptions {
    etl::EtlOptions {
        rel_precision: rel,
        seed: 1,
    }
}

/// One ETL total at m = 100 MeV, E0 = 100 GeV, for requested precisions 1%, 0.5% (the
/// default) and 0.1%.
#[divan::bench(args = [1e-2, 5e-3, 1e-3])]
fn total_one_point(rel: f64) -> f64 {
    etl::total(&pb(100.0, 0.1), &opts(divan::black_box(rel)))
        .unwrap()
        .value
}

/// One total at the extremes of the grid (1 MeV and 1 GeV at 20 GeV), 1% precision.
#[divan::bench(args = [0.001, 1.0])]
fn total_extremes(m: f64) -> f64 {
    etl::total(&pb(20.0, divan::black_box(m)), &opts(1e-2))
        .unwrap()
        .value
}

/// The full k-factor grid: 62 log-spaced masses 1 MeV–1 GeV × E0 = 20, 40, …, 160 GeV, rayon
/// over the points (and over VEGAS batches inside each), 1% precision.
#[divan::bench(sample_count = 3, args = [1e-2, 5e-3])]
fn total_grid_62x8(rel: f64) -> f64 {
    let points: Vec<DarkBrem> = (0..62)
        .flat_map(|i| {
            let m = 1e-3 * 1e3f64.powf(f64::from(i) / 61.0);
            (1..=8).map(move |j| pb(20.0 * f64::from(j), m))
        })
        .collect();
    etl::total_many(&points, &opts(divan::black_box(rel)))
        .iter()
        .map(|r| r.as_ref().unwrap().value)
        .sum()
}

/// dσ/dx at one x (2-D integration), 1% precision.
#[divan::bench]
fn dsigma_dx_one_x() -> f64 {
    etl::dsigma_dx(&pb(100.0, 0.1), divan::black_box(0.7), &opts(1e-2))
        .unwrap()
        .value
}

/// Total plus a 100-bin x spectrum from one integration, 0.5% precision on the total.
#[divan::bench]
fn spectrum_100_bins() -> f64 {
    let edges: Vec<f64> = (0..=100).map(|i| f64::from(i) / 100.0).collect();
    etl::spectrum(&pb(100.0, 0.1), divan::black_box(&edges), &opts(5e-3))
        .unwrap()
        .total
        .value
}
