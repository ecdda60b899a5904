//! Same seed → the same events whatever the thread count; shards concatenated = the single run;
//! another seed → other events.

mod common;

#[test]
fn threads_and_shards_do_not_change_the_events() {
    let (cfg, mut det) = common::setup("na64-2016", 0.01);
    det.statistics.shower_library = 12;
    det.statistics.photon_spectrum_showers = 60;
    det.statistics.chunk = 50;
    let run = |threads: usize, shard: (u64, u64), seed: u64| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| common::simulate(&cfg, &det, 4.3e10, seed, &[0.02], shard).1)
    };
    let one = run(1, (0, 1), 9);
    let two = run(2, (0, 1), 9);
    assert_eq!(one, two);
    let mut merged = Vec::new();
    for k in 0..3 {
        merged.extend(run(2, (k, 3), 9));
    }
    assert_eq!(merged, one);
    let other = run(2, (0, 1), 10);
    assert_ne!(other, one);
    assert!(!one.is_empty());
}
