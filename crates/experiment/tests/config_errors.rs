//! Bad configurations give errors that name the field and the file (issue 5).

use aprime_experiment::{ExperimentConfig, error_chain, presets};

fn preset_text() -> String {
    presets::text("na64-2016").unwrap().to_string()
}

fn error_of(text: &str) -> String {
    error_chain(&ExperimentConfig::from_toml(text, "my.toml").unwrap_err())
}

#[test]
fn missing_field_is_named() {
    let t = preset_text().replacen("eot = 2.3e10\n", "", 1);
    let e = error_of(&t);
    assert!(e.contains("my.toml") && e.contains("eot"), "{e}");
}

#[test]
fn negative_eot_is_named() {
    let t = preset_text().replacen("eot = 2.3e10", "eot = -2.3e10", 1);
    let e = error_of(&t);
    assert!(
        e.contains("my.toml") && e.contains("runs[0] (I).eot"),
        "{e}"
    );
}

#[test]
fn efficiency_above_one_is_named() {
    let t = preset_text().replacen("values = [[0.70], [0.672]]", "values = [[1.2], [0.672]]", 1);
    let e = error_of(&t);
    assert!(
        e.contains("efficiency_table.values[0]") && e.contains("1.2"),
        "{e}"
    );
}

#[test]
fn unknown_field_and_preset_and_file() {
    let t = preset_text().replacen("observed = 0", "observed = 0\nobserverd = 1", 1);
    assert!(error_of(&t).contains("observerd"));
    let e = presets::load("na64-1999").unwrap_err().to_string();
    assert!(
        e.contains("na64-1999") && e.contains("na64-2016-2018"),
        "{e}"
    );
    let e = error_chain(
        &ExperimentConfig::from_file(std::path::Path::new("/nonexistent/cfg.toml")).unwrap_err(),
    );
    assert!(e.contains("/nonexistent/cfg.toml"), "{e}");
}

#[test]
fn bad_statistics_and_masses() {
    let t = preset_text().replacen("cl = 0.9", "cl = 1.5", 1);
    assert!(error_of(&t).contains("statistics.cl"));
    let t = preset_text().replacen("\nmax_gev = 1.0", "\nmax_gev = 150.0", 1);
    assert!(error_of(&t).contains("masses["));
}
