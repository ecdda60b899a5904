//! Throughput of the analysis: events analysed per second from a Parquet event file (read,
//! checked, selected, tallied; then fits and efficiencies), and from memory.
//!
//! `cargo bench -p aprime-analysis --bench analyze`

use std::path::PathBuf;
use std::sync::OnceLock;

use aprime_analysis::{FillOptions, Options, Tallies, analyze_file};
use aprime_detector::{Event, EventSimulation, Request};
use aprime_experiment::ExperimentConfig;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
    if let Some(i) = IN.get() {
        std::fs::remove_file(&i.path).ok();
    }
}

static IN: OnceLock<Input> = OnceLock::new();

struct Input {
    cfg: ExperimentConfig,
    events: Vec<Event>,
    path: PathBuf,
}

/// The default na64-2016 simulation (≈ 2.9e5 events with signal at 2, 20, 200 MeV), written
/// once to a temporary Parquet file; not timed.
fn input() -> &'static Input {
    IN.get_or_init(|| {
        let cfg = aprime_experiment::presets::load("na64-2016").unwrap();
        let sim = EventSimulation::new(
            cfg.clone(),
            Request {
                eot_equivalent: 4.3e10,
                seed: 1,
                masses_gev: vec![0.002, 0.02, 0.2],
                shard: (0, 1),
                preset: "na64-2016".into(),
            },
            None,
        )
        .unwrap();
        let path =
            std::env::temp_dir().join(format!("aprime-bench-{}.parquet", std::process::id()));
        sim.write(&path, None, None).unwrap();
        Input {
            cfg,
            events: sim.events_vec(),
            path,
        }
    })
}

/// Read the Parquet file in batches and run the whole analysis (blind).
#[divan::bench(sample_count = 10)]
fn analyze_parquet(b: divan::Bencher) {
    let i = input();
    b.counter(ItemsCount::new(i.events.len()))
        .bench(|| analyze_file(&i.path, &i.cfg, &Options::default(), None).unwrap());
}

/// The one-pass selection and tallies on events in memory.
#[divan::bench(sample_count = 10)]
fn tally_in_memory(b: divan::Bencher) {
    let i = input();
    let runs = i.cfg.run_selections().unwrap();
    b.counter(ItemsCount::new(i.events.len())).bench(|| {
        Tallies::fill(
            &i.events,
            &runs,
            FillOptions {
                blind: true,
                inject: None,
            },
            "na64-2016",
        )
        .unwrap()
    });
}
