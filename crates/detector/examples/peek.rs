//! Print a few events of each source (debugging aid).
use aprime_detector::{EventSimulation, Request};
fn main() {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "na64-2016".into());
    let cfg = aprime_experiment::presets::load(&name).unwrap();
    let mut det = cfg.detector.clone();
    let st = &mut det.statistics;
    st.shower_library = 32;
    st.em_shower = 2000;
    st.dimuon = 10;
    st.hadron_target = 10;
    st.upstream = 10;
    st.decay_in_flight = 10;
    st.mistagged_hadron = 10;
    st.signal_per_mass = 5;
    st.signal_showers = 50;
    let sim = EventSimulation::new(
        aprime_experiment::ExperimentConfig {
            detector: det,
            ..cfg
        },
        Request {
            eot_equivalent: 1e9,
            seed: 3,
            masses_gev: vec![0.02],
            shard: (0, 1),
            preset: name,
        },
        None,
    )
    .unwrap();
    let ev = sim.events_vec();
    for e in ev.iter().filter(|e| e.run == 0).step_by(97).take(40) {
        println!("{e:?}");
    }
}
