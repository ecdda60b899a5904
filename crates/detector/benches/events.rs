//! Throughput of the event simulation (full events: shower-library resampling, detector
//! response, all sources in the default mix) and of event-file writing and reading.
//!
//! `cargo bench -p aprime-detector --bench events`

use std::sync::OnceLock;

use aprime_detector::io::{self, Metadata};
use aprime_detector::{Event, EventSimulation, Request};
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// A prepared 2016 simulation with 10% of the default statistics (≈ 29 000 events) and one
/// signal mass; preparation (shower library, photon spectrum, signal replays) is not timed.
fn sim() -> &'static EventSimulation {
    static SIM: OnceLock<EventSimulation> = OnceLock::new();
    SIM.get_or_init(|| {
        let cfg = aprime_experiment::presets::load("na64-2016").unwrap();
        let mut det = cfg.detector.clone();
        let st = &mut det.statistics;
        for n in [
            &mut st.em_shower,
            &mut st.dimuon,
            &mut st.hadron_target,
            &mut st.upstream,
            &mut st.decay_in_flight,
            &mut st.mistagged_hadron,
        ] {
            *n /= 10;
        }
        st.shower_library = 64;
        EventSimulation::new(
            aprime_experiment::ExperimentConfig {
                detector: det,
                ..cfg
            },
            Request {
                eot_equivalent: 4.3e10,
                seed: 1,
                masses_gev: vec![0.02],
                shard: (0, 1),
                preset: "na64-2016".into(),
            },
            None,
        )
        .unwrap()
    })
}

fn events() -> &'static Vec<Event> {
    static EV: OnceLock<Vec<Event>> = OnceLock::new();
    EV.get_or_init(|| sim().events_vec())
}

#[divan::bench(sample_count = 5)]
fn simulate_events(b: divan::Bencher) {
    let s = sim();
    b.counter(ItemsCount::new(s.events()))
        .bench(|| s.events_vec());
}

#[divan::bench(args = ["parquet", "csv"], sample_count = 5)]
fn write(b: divan::Bencher, ext: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(format!("ev.{ext}"));
    let ev = events();
    b.counter(ItemsCount::new(ev.len()))
        .bench(|| io::write_events(&p, ev, &Metadata::default()).unwrap());
}

#[divan::bench(args = ["parquet", "csv"], sample_count = 5)]
fn read(b: divan::Bencher, ext: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(format!("ev.{ext}"));
    let ev = events();
    io::write_events(&p, ev, &Metadata::default()).unwrap();
    b.counter(ItemsCount::new(ev.len()))
        .bench(|| io::read_events(&p).unwrap());
}
