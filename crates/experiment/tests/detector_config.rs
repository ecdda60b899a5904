//! The detector model of an experiment configuration: embedded runs of every preset, a user's
//! `[detector]` table merged over the embedded model, and errors naming the field.

use aprime_experiment::{ExperimentConfig, error_chain, presets};

#[test]
fn presets_have_one_detector_run_per_configured_run() {
    for name in presets::names() {
        let cfg = presets::load(name).unwrap();
        let d = &cfg.detector;
        assert_eq!(d.runs.len(), cfg.runs.len(), "{name}");
        // The upstream model's one tuned number per run: an escape distance of metres (the
        // calorimeters stand metres behind the beam-line material, not centimetres or 20 m).
        for r in &d.runs {
            assert!(
                (0.5..20.0).contains(&r.upstream_escape_distance_m),
                "{name} {}: {}",
                r.name,
                r.upstream_escape_distance_m
            );
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
    let base = presets::text("na64-2016").unwrap();
    let load = |extra: &str| ExperimentConfig::from_toml(&format!("{base}\n{extra}"), "test.toml");
    let err = |extra: &str| error_chain(&load(extra).unwrap_err());
    // One field changed, the rest from the embedded model and the preset's runs.
    let cfg = load("[detector.ecal]\nstochastic = 0.15\n").unwrap();
    assert_eq!(cfg.detector.ecal.stochastic, 0.15);
    assert_eq!(cfg.detector.ecal.cell_mm, 38.2);
    assert_eq!(cfg.detector.runs.len(), 3);
    // A typo is rejected with its name.
    let e = err("[detector.veto]\nmip_mev = 8\nnoize = 1\n");
    assert!(e.contains("noize") && e.contains("test.toml"), "{e}");
    // Out-of-range values name the field.
    let e = err("[detector.beam]\npion_fraction = 2.0\n");
    assert!(e.contains("detector.beam.pion_fraction"), "{e}");
    // A run list that does not match the configuration's runs (the preset's list is replaced).
    let text = base.split("[[detector.runs]]").next().unwrap();
    let one_run = "[[detector.runs]]\nname = \"I\"\nintensity_per_spill = 1e6\necal_nx = 6\necal_ny = 6\nhcal_modules = 4\nhcal0 = false\ntrigger_ecal_threshold_gev = 80.0\ntracker_efficiency = 0.9\nupstream_escape_distance_m = 4.0\nsrd_fake_tag_probability = 1e-5\nmuon_miss_probability = 1e-4\nhadron_leak_probability = 1e-4\npunch_through_probability = 1e-9\n";
    let e =
        error_chain(&ExperimentConfig::from_toml(&format!("{text}\n{one_run}"), "t").unwrap_err());
    assert!(e.contains("detector.runs"), "{e}");
}

#[test]
fn configurations_without_detector_runs_get_generic_runs() {
    let text = presets::text("na64-2016").unwrap();
    let without: String = text.split("[[detector.runs]]").next().unwrap().to_string();
    let cfg = ExperimentConfig::from_toml(&without, "my.toml").unwrap();
    assert_eq!(cfg.detector.runs.len(), 3);
    assert_eq!(cfg.detector.runs[1].name, "II");
    assert_eq!(cfg.detector.runs[1].intensity_per_spill, 3e6);
}

#[test]
fn a_written_configuration_reads_back_identically() {
    // `aprime run` writes the configuration it used as config.toml; reading it back must give
    // the same typed configuration, detector and selection included.
    for name in presets::names() {
        let cfg = presets::load(name).unwrap();
        let text = toml::to_string(&cfg).unwrap();
        let again = ExperimentConfig::from_toml(&text, "config.toml").unwrap();
        assert_eq!(cfg, again, "{name}");
    }
}
