//! The beam as configuration (issue 11): a bad beam — unknown particle, energy ≤ 0 or not
//! finite, energy at or below an E_ECAL cut, an impossible energy spread — stops `aprime run`
//! with a one-line error naming the file and the field, a non-zero exit code and no output.

use std::process::Command;

/// The positron preset's text: a valid configuration to break one field at a time.
const EPLUS: &str = include_str!("../../experiment/presets/na64eplus-2022.toml");

fn run_with(name: &str, text: &str) -> (bool, String, bool) {
    let dir = std::env::temp_dir().join(format!("aprime-beam-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cfg = dir.join("beam.toml");
    std::fs::write(&cfg, text).unwrap();
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(["run", "--quiet", "--config"])
        .arg(&cfg)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("aprime runs");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let wrote = out.exists();
    std::fs::remove_dir_all(&dir).ok();
    (o.status.success(), err, wrote)
}

#[test]
fn a_bad_beam_is_a_one_line_error_with_a_non_zero_exit() {
    let cases = [
        (
            "particle",
            "particle = \"positron\"",
            "particle = \"proton\"",
            "proton",
        ),
        (
            "zero",
            "energy_gev = 100.0",
            "energy_gev = 0.0",
            "beam.energy_gev",
        ),
        (
            "negative",
            "energy_gev = 100.0",
            "energy_gev = -5.0",
            "beam.energy_gev",
        ),
        (
            "nan",
            "energy_gev = 100.0",
            "energy_gev = nan",
            "beam.energy_gev",
        ),
        (
            "inf",
            "energy_gev = 100.0",
            "energy_gev = inf",
            "beam.energy_gev",
        ),
        // The E_ECAL cut of the preset is 50 GeV: E0 at or below it puts every event in the box.
        (
            "at-cut",
            "energy_gev = 100.0",
            "energy_gev = 50.0",
            "E_ECAL cut",
        ),
        (
            "below-cut",
            "energy_gev = 100.0",
            "energy_gev = 30.0",
            "E_ECAL cut",
        ),
        (
            "spread",
            "energy_gev = 100.0",
            "energy_gev = 100.0\nenergy_spread_gev = -1.0",
            "beam.energy_spread_gev",
        ),
        (
            "wide-spread",
            "energy_gev = 100.0",
            "energy_gev = 100.0\nenergy_spread_gev = 30.0",
            "beam.energy_spread_gev",
        ),
    ];
    for (name, from, to, says) in cases {
        assert!(EPLUS.contains(from), "{name}: the preset has no `{from}`");
        let (ok, err, wrote) = run_with(name, &EPLUS.replacen(from, to, 1));
        assert!(!ok, "{name}: accepted");
        assert!(!wrote, "{name}: wrote an output directory");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{name}: not one line:\n{err}"
        );
        assert!(
            err.contains("beam.toml") && err.contains(says) && !err.contains("panicked"),
            "{name}: {err}"
        );
    }
}

#[test]
fn an_unknown_particle_lists_the_known_ones() {
    let (_, err, _) = run_with(
        "known",
        &EPLUS.replacen("particle = \"positron\"", "particle = \"pion\"", 1),
    );
    for p in ["electron", "positron", "muon"] {
        assert!(err.contains(p), "{err}");
    }
}
