//! Benchmarks of the shower stage (`cargo bench -p aprime-shower`):
//! - full 100 GeV e⁻ showers in the NA64 ECAL with a 1 MeV cut (one shower on one thread, and
//!   8 showers on the global pool);
//! - A' yields at 40 masses (1 MeV–1 GeV, log-spaced) to 1% statistical precision with the
//!   default ETL tables: table building plus 300 000 fast-mode EOT, the statistics the
//!   resonance masses (0.23–0.32 GeV, where annihilation dominates) need for 1%.

use aprime_physics::dark_brem::Method;
use aprime_shower::{RunConfig, ShowerSimulation, TargetConfig};
use divan::Bencher;

fn main() {
    divan::main();
}

fn ecal_showers(events: u64) -> ShowerSimulation {
    let mut cfg = RunConfig::showers(TargetConfig::na64_ecal(), 100.0, events, 1);
    cfg.chunk_events = 1;
    ShowerSimulation::new(cfg).unwrap()
}

/// One full 100 GeV shower in the NA64 ECAL on one thread.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn full_shower_100gev_ecal_one_thread(b: Bencher) {
    let sim = ecal_showers(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    b.bench_local(|| pool.install(|| sim.run(None).unwrap().energy.visible_gev));
}

/// Eight full 100 GeV showers in the NA64 ECAL on all cores.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn full_showers_100gev_ecal_x8_all_cores(b: Bencher) {
    let sim = ecal_showers(8);
    b.bench_local(|| sim.run(None).unwrap().energy.visible_gev);
}

fn forty_masses() -> Vec<f64> {
    (0..40)
        .map(|i| 1e-3 * 1000f64.powf(f64::from(i) / 39.0))
        .collect()
}

/// ETL dark-bremsstrahlung tables for 40 masses on the NA64 ECAL elements (Pb, C, H).
#[divan::bench(sample_count = 3, sample_size = 1)]
fn etl_tables_40_masses(b: Bencher) {
    b.bench_local(|| {
        let cfg = RunConfig::yields(
            TargetConfig::na64_ecal(),
            100.0,
            forty_masses(),
            Method::Etl,
            50.0,
            1,
            1,
        );
        ShowerSimulation::new(cfg)
            .unwrap()
            .dark
            .unwrap()
            .masses
            .len()
    });
}

/// Yields at 40 masses to ≤ 1% statistical precision: ETL tables + 300 000 EOT (fast mode).
#[divan::bench(sample_count = 1, sample_size = 1)]
fn yields_40_masses_to_1_percent(b: Bencher) {
    b.bench_local(|| {
        let cfg = RunConfig::yields(
            TargetConfig::na64_ecal(),
            100.0,
            forty_masses(),
            Method::Etl,
            50.0,
            300_000,
            1,
        );
        let r = ShowerSimulation::new(cfg).unwrap().run(None).unwrap();
        let worst = r
            .dark
            .iter()
            .map(|d| d.stat_error / d.yield_per_eot_per_eps2)
            .fold(0.0, f64::max);
        assert!(worst < 0.01, "worst relative error {worst}");
        worst
    });
}
