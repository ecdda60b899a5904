//! The detector model of an experiment configuration: embedded per-preset runs, a user's
//! `[detector]` table merged on top, and errors naming the field.

use aprime_detector::DetectorConfig;
use aprime_limits::ExperimentConfig;

#[test]
fn presets_have_one_detector_run_per_configured_run() {
    for name in aprime_limits::presets::names() {
        let cfg = aprime_limits::presets::load(name).unwrap();
        let d = DetectorConfig::for_experiment(&cfg, name).unwrap();
        assert_eq!(d.runs.len(), cfg.runs.len(), "{name}");
        // Paper 002 §VIII side-band slopes of 2016 runs I–III.
        if name == "na64-2016" {
            let s: Vec<f64> = d.runs.iter().map(|r| r.upstream_slope_per_gev).collect();
            assert_eq!(s, [0.315, 0.396, 0.49]);
        }
        // 2021–22: 5×6 ECAL, 3 HCAL modules + HCAL0, 90 GeV trigger (na64-setup.md).
        if let Some(r) = d.runs.iter().find(|r| r.name.contains("2021")) {
            assert_eq!((r.ecal_nx, r.hcal_modules, r.hcal0), (5, 3, true));
            assert_eq!(r.trigger_ecal_threshold_gev, 90.0);
        }
    }
}

#[test]
fn user_tables_merge_and_errors_name_the_field() {
    let base = aprime_limits::presets::text("na64-2016").unwrap();
    let with = |extra: &str| {
        ExperimentConfig::from_toml(&format!("{base}\n{extra}"), "test.toml").unwrap()
    };
    // One field changed, the rest from the preset.
    let cfg = with("[detector.ecal]\nstochastic = 0.15\n");
    let d = DetectorConfig::for_experiment(&cfg, "test.toml").unwrap();
    assert_eq!(d.ecal.stochastic, 0.15);
    assert_eq!(d.ecal.cell_mm, 38.2);
    assert_eq!(d.runs.len(), 3);
    // A typo is rejected with its name.
    let e = DetectorConfig::for_experiment(&with("[detector.veto]\nmip_mev = 8\nnoize = 1\n"), "t")
        .unwrap_err()
        .to_string();
    assert!(e.contains("noize"), "{e}");
    // Out-of-range values name the field.
    let e = DetectorConfig::for_experiment(&with("[detector.beam]\npion_fraction = 2.0\n"), "t")
        .unwrap_err()
        .to_string();
    assert!(e.contains("beam.pion_fraction"), "{e}");
    // A run list that does not match the configuration's runs.
    let e = DetectorConfig::for_experiment(
        &with("[[detector.runs]]\nname = \"I\"\nintensity_per_spill = 1e6\necal_nx = 6\necal_ny = 6\nhcal_modules = 4\nhcal0 = false\ntrigger_ecal_threshold_gev = 80.0\ntracker_efficiency = 0.9\nupstream_rate_per_eot = 1e-6\nupstream_slope_per_gev = 0.3\nsrd_fake_tag_probability = 1e-5\nmuon_miss_probability = 1e-4\nhadron_leak_probability = 1e-4\npunch_through_probability = 1e-9\n"),
        "t",
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("runs"), "{e}");
}

#[test]
fn configurations_without_a_preset_get_generic_runs() {
    let text = aprime_limits::presets::text("na64-2016")
        .unwrap()
        .replace("name = \"na64-2016\"", "name = \"my-experiment\"");
    let cfg = ExperimentConfig::from_toml(&text, "my.toml").unwrap();
    let d = DetectorConfig::for_experiment(&cfg, "my.toml").unwrap();
    assert_eq!(d.runs.len(), 3);
    assert_eq!(d.runs[1].name, "II");
}
