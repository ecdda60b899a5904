//! Bad input gives errors, never panics.

use aprime_physics::dark_brem::Method;
use aprime_shower::{RunConfig, ShowerSimulation, TargetConfig, merge};

#[test]
fn invalid_runs_are_rejected() {
    let t = TargetConfig::homogeneous("Pb", 10.0).unwrap();
    let bad = |f: &dyn Fn(&mut RunConfig)| {
        let mut c = RunConfig::showers(t.clone(), 10.0, 10, 1);
        f(&mut c);
        ShowerSimulation::new(c).err().map(|e| e.to_string())
    };
    assert!(
        bad(&|c| c.beam_energy_gev = -1.0)
            .unwrap()
            .contains("beam energy")
    );
    assert!(bad(&|c| c.beam_energy_gev = f64::NAN).is_some());
    assert!(bad(&|c| c.events = 0).unwrap().contains("events"));
    assert!(bad(&|c| c.electron_cut_gev = 0.0).unwrap().contains("cut"));
    assert!(bad(&|c| c.photon_cut_gev = 20.0).is_some());
    assert!(bad(&|c| c.chunk_events = 0).is_some());
    let y = |m: f64, emin: f64| {
        ShowerSimulation::new(RunConfig::yields(
            t.clone(),
            100.0,
            vec![m],
            Method::Iww,
            emin,
            10,
            1,
        ))
        .err()
        .map(|e| e.to_string())
    };
    assert!(y(-0.01, 50.0).unwrap().contains("mass"));
    assert!(y(0.01, 150.0).unwrap().contains("threshold"));
    // A mass too heavy to give E_A' > E_min is an error, not a zero.
    assert!(y(120.0, 50.0).is_some());
    assert!(
        TargetConfig::resolve("unobtainium", 40.0)
            .unwrap_err()
            .to_string()
            .contains("unobtainium")
    );
    assert!(merge(&[]).is_err());
}

#[test]
fn toml_targets_round_trip_and_validate() {
    let c = TargetConfig::na64_ecal();
    let text = toml::to_string(&c).unwrap();
    assert_eq!(TargetConfig::from_toml_str(&text).unwrap(), c);
    let bad = text.replace("repeat = 15", "repeat = 0");
    assert!(TargetConfig::from_toml_str(&bad).unwrap().build().is_err());
    assert!(TargetConfig::from_toml_str("name = \"x\"\nsections = []\nfoo = 1").is_err());
    // A custom compound referenced by a layer.
    let custom = r#"
name = "pbwo4"
[[materials]]
name = "PbWO4"
density_g_cm3 = 8.28
composition = [["Pb", 0.4553], ["W", 0.4040], ["O", 0.1407]]
[[sections]]
name = "crystal"
repeat = 1
layers = [{ material = "PbWO4", thickness_mm = 220.0 }]
"#;
    let g = TargetConfig::from_toml_str(custom)
        .unwrap()
        .build()
        .unwrap();
    // PDG: X0(PbWO4) = 0.89 cm → 22 cm ≈ 24.7 X0 (mass-fraction rule within 3%).
    assert!((g.depth_x0 / 24.7 - 1.0).abs() < 0.03, "{}", g.depth_x0);
}

#[test]
fn errors_keep_their_cause() {
    use std::error::Error;

    use aprime_core::MassError;
    use aprime_shower::ShowerError;
    // A TOML syntax error is the parser's error, reachable as the source.
    let e = TargetConfig::from_toml_str("name = ").unwrap_err();
    assert!(matches!(e, ShowerError::Toml(_)), "{e:?}");
    assert!(e.source().is_some());
    // A bad mass is the core mass rule's error.
    let c = RunConfig::yields(
        TargetConfig::homogeneous("Pb", 10.0).unwrap(),
        100.0,
        vec![0.01, f64::NAN],
        Method::Iww,
        50.0,
        10,
        1,
    );
    let e = ShowerSimulation::new(c).err().unwrap();
    assert!(
        matches!(e, ShowerError::Mass(MassError::NotPositive(m)) if m.is_nan()),
        "{e:?}"
    );
    // An unknown target name keeps the physics error that rejected it as a material.
    let e = TargetConfig::resolve("unobtainium", 40.0).unwrap_err();
    assert!(matches!(e, ShowerError::UnknownTarget { .. }), "{e:?}");
    assert!(e.source().unwrap().to_string().contains("unobtainium"));
    // A missing file keeps the I/O error.
    let e = TargetConfig::resolve("/nonexistent/target.toml", 40.0).unwrap_err();
    assert!(matches!(e, ShowerError::Read { .. }), "{e:?}");
    assert!(e.source().is_some());
}
