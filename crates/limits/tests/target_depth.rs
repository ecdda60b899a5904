//! Issue 11 item 3: the target depth (`target.depth_x0`) in the yields. A muon crosses the
//! target losing little energy, so its dark-bremsstrahlung yield is that of a thin target,
//! n σ L ∝ depth; an electron's shower is contained well before 40 X0, so more depth adds
//! almost nothing.

use aprime_experiment::shower_run::target;
use aprime_experiment::{ExperimentConfig, presets};
use aprime_limits::projection::projection_yields;

/// Yield per particle on target per coupling² at each mass, and the depth of the target built.
fn yields_at(cfg: &ExperimentConfig, depth_x0: f64) -> (Vec<(f64, f64, f64)>, f64) {
    let mut cfg = cfg.clone();
    cfg.target.depth_x0 = Some(depth_x0);
    cfg.validate("test").unwrap();
    let built = target(&cfg).unwrap().build().unwrap().depth_x0;
    let set = projection_yields(&cfg, None).unwrap();
    let y = set
        .points
        .iter()
        .map(|p| (p.mass_gev, p.yield_per_eot_per_eps2, p.stat_error))
        .collect();
    (y, built)
}

#[test]
fn muon_yield_per_mot_is_proportional_to_the_target_depth() {
    // Thin target: the yield per muon is n σ(E) L (paper 007, PRL 132 211803, eq. 1 integrated
    // over the path); a 160 GeV muon loses only ~1 GeV in 40 X0 of Pb (dE/dx of a minimum-ionising
    // muon plus radiative losses, PDG "Passage of particles through matter" §34.6), so σ(E) is
    // the same along the path and the yield ratio is the depth ratio of the built targets,
    // 20.04 / 40.11 X0 ≈ 0.50 (na64-ecal.toml layers), within 3% (statistics of 400 muons).
    let mut cfg = presets::load("na64mu-2022").unwrap();
    cfg.simulation.events = 400;
    cfg.masses.values_gev = vec![0.01, 0.1, 1.0];
    let (thin, d20) = yields_at(&cfg, 20.0);
    let (thick, d40) = yields_at(&cfg, 40.0);
    assert!(
        (d20 - 20.04).abs() < 0.01 && (d40 - 40.1).abs() < 0.1,
        "{d20} {d40}"
    );
    for ((m, a, ea), (_, b, eb)) in thin.iter().zip(&thick) {
        let ratio = a / b;
        eprintln!("muon m = {m} GeV: {a:e} ± {ea:e} / {b:e} ± {eb:e} = {ratio:.4}");
        assert!(
            (ratio / (d20 / d40) - 1.0).abs() < 0.03,
            "m = {m} GeV: ratio {ratio}, depth ratio {}",
            d20 / d40
        );
    }
}

#[test]
fn electron_yield_hardly_grows_beyond_40_x0() {
    // The 100 GeV electron shower in Pb peaks at t_max = ln(E0/Ec) − 0.5 ≈ 8.5 X0 and 95% of its
    // energy is contained within t_max + 0.08 Z + 9.6 ≈ 25 X0 (PDG "Passage of particles through
    // matter" eq. 34.36-34.37, Ec(Pb) = 7.4 MeV); A' above the E_ECAL threshold (E_A' > 50 GeV) are
    // radiated by the few most energetic shower particles in the first X0s. So 60 X0 gives the
    // yield of 40 X0 within a few %. Measured (200 showers, seed 1): ratio 1.0000 exactly at
    // 2 and 20 MeV: with the same seed the first 40 X0 of every shower are the same, and beyond
    // 40 X0 no particle has the tens of GeV an A' above the simulated threshold needs.
    let mut cfg = presets::load("na64-2016").unwrap();
    cfg.simulation.events = 200;
    cfg.masses.values_gev = vec![0.002, 0.02];
    let (y40, _) = yields_at(&cfg, 40.0);
    let (y60, d60) = yields_at(&cfg, 60.0);
    assert!((d60 - 60.0).abs() < 0.14, "{d60}");
    for ((m, a, ea), (_, b, eb)) in y60.iter().zip(&y40) {
        let ratio = a / b;
        eprintln!("electron m = {m} GeV: {a:e} ± {ea:e} / {b:e} ± {eb:e} = {ratio:.4}");
        assert!(
            (ratio - 1.0).abs() < 0.05,
            "m = {m} GeV: 60/40 X0 ratio {ratio}"
        );
    }
}

#[test]
fn saved_yields_of_another_target_depth_are_refused() {
    // The golden na64-2016-2018 yields were simulated with the na64-ecal preset at its own
    // depth (40.1 X0); `aprime limits --yields` and `project --yields` must not reuse them for
    // a configuration whose target is 20 X0 deep (the muon yield would be off by 2×).
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../cli/tests/golden/na64-2016-2018/yields.json"
    );
    let text = std::fs::read_to_string(path).unwrap();
    let y: aprime_limits::yields::Yields = serde_json::from_str(&text).unwrap();
    let mut cfg = presets::load("na64-2016-2018").unwrap();
    assert!(aprime_limits::yields::check_yields(&cfg, &y, path).is_ok());
    cfg.target.depth_x0 = Some(20.0);
    let err = aprime_limits::yields::check_yields(&cfg, &y, path).unwrap_err();
    assert!(err.to_string().contains("20 X0"), "{err}");
}
