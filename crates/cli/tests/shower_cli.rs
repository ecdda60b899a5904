//! Golden tests of `aprime shower`, `aprime yield` and `aprime merge` through the built binary:
//! JSON keys and physics values with tolerances, reproducibility across threads and shards,
//! and clean failures on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("the aprime binary runs")
}

fn stdout_ok(args: &[&str]) -> Vec<u8> {
    let out = aprime(args);
    assert!(
        out.status.success(),
        "aprime {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn json_ok(args: &[&str]) -> Value {
    serde_json::from_slice(&stdout_ok(args)).expect("valid JSON on stdout")
}

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("key {key} missing in {v}"))
}

/// Non-zero exit, a first line starting with `error:` that names `bad`, no panic.
fn fails_naming(args: &[&str], bad: &str) {
    let out = aprime(args);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "aprime {args:?} should fail");
    let first = err.lines().next().unwrap_or_default();
    assert!(first.starts_with("error:"), "aprime {args:?}: {err}");
    assert!(
        first.contains(bad),
        "aprime {args:?}: first line should name '{bad}': {err}"
    );
    assert!(!err.contains("panicked"), "aprime {args:?} panicked: {err}");
}

fn tmp(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("aprime-shower-cli-{}-{name}", std::process::id()))
}

#[test]
fn shower_json_reproduces_the_pdg_shower_parameters() {
    // physics.md §7: t_max = ln(E0/E_c) − 0.5 (±1 X0), total charged track length ≈ (E0/E_c) X0
    // (±15%), 90% containment within ≈ R_M (±25%); Pb: E_c = 7.43 MeV, X0 = 0.561 cm, R_M = 1.60 cm.
    let j = json_ok(&[
        "shower",
        "--material",
        "Pb",
        "--energy",
        "10",
        "--events",
        "100",
        "--format",
        "json",
    ]);
    let t = num(&j, "t_max_x0");
    let expect = (10.0_f64 / 7.43e-3).ln() - 0.5;
    assert!((t - expect).abs() < 1.0, "t_max {t} vs {expect}");
    let tl = num(&j, "track_length_cm");
    let tl_expect = 10.0 / 7.43e-3 * 6.37 / 11.35;
    assert!(
        (tl / tl_expect - 1.0).abs() < 0.15,
        "track length {tl} vs {tl_expect}"
    );
    let rm = num(&j, "moliere_radius_cm");
    assert!((rm - 1.60).abs() < 0.01);
    assert!((num(&j, "r90_cm") / rm - 1.0).abs() < 0.25);
    assert!(num(&j, "max_relative_energy_residual") < 1e-9);
    assert!(j["longitudinal"].as_array().is_some_and(|a| a.len() == 40));
    assert!(
        j["materials"][0]["t_plus_cm_per_gev"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
}

#[test]
fn shower_table_on_the_na64_ecal_shows_the_preshower() {
    let out = stdout_ok(&[
        "shower",
        "--target",
        "na64-ecal",
        "--energy",
        "20",
        "--events",
        "4",
    ]);
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("preshower energy") && text.contains("T₊(E) [cm/GeV]"),
        "{text}"
    );
    assert!(text.contains("scintillator"));
}

#[test]
fn yield_json_has_the_published_keys_and_scales_with_mass() {
    // Issue 3: JSON includes mass_gev, yield_per_eot_per_eps2, stat_error, brem, annihilation.
    let one = json_ok(&[
        "yield", "--mass", "0.01", "--events", "3000", "--seed", "5", "--method", "iww",
        "--format", "json",
    ]);
    for k in [
        "mass_gev",
        "yield_per_eot_per_eps2",
        "stat_error",
        "brem",
        "annihilation",
    ] {
        assert!(one[k].is_number(), "{k} missing: {one}");
    }
    let y = num(&one, "yield_per_eot_per_eps2");
    assert!((num(&one, "brem") + num(&one, "annihilation") - y).abs() < 1e-12 * y);
    assert!(num(&one, "stat_error") < 0.03 * y);
    // Paper 002 eq. 9: σ ∝ 1/m² up to logarithms, so the yield falls steeply with the mass;
    // the 2 → 20 MeV ratio of the IWW yields is ≈ 30 (flux and log factors), bounded by 10–100.
    let list = json_ok(&[
        "yield",
        "--mass",
        "0.002,0.02",
        "--events",
        "3000",
        "--seed",
        "5",
        "--method",
        "iww",
        "--format",
        "json",
    ]);
    let a = list.as_array().expect("a list of masses gives an array");
    let r = num(&a[0], "yield_per_eot_per_eps2") / num(&a[1], "yield_per_eot_per_eps2");
    assert!(r > 10.0 && r < 100.0, "ratio {r}");
    // In the resonance window (226–320 MeV for E_miss > 50 GeV, physics.md §3) annihilation
    // dominates the yield.
    let res = json_ok(&[
        "yield", "--mass", "0.26", "--events", "3000", "--method", "iww", "--format", "json",
    ]);
    assert!(num(&res, "annihilation") > num(&res, "brem"), "{res}");
}

#[test]
fn same_seed_same_numbers_for_any_thread_count_and_sharding() {
    let base = [
        "yield",
        "--mass",
        "0.005,0.27",
        "--events",
        "1500",
        "--seed",
        "11",
        "--method",
        "iww",
        "--format",
        "json",
        "--chunk",
        "100",
    ];
    let single = stdout_ok(&base);
    let mut t1 = vec!["--threads", "1"];
    t1.extend_from_slice(&base);
    assert_eq!(single, stdout_ok(&t1));
    let mut t2 = vec!["--threads", "2"];
    t2.extend_from_slice(&base);
    assert_eq!(single, stdout_ok(&t2));
    let files: Vec<String> = (0..4)
        .map(|k| {
            let f = tmp(&format!("yield-{k}.json")).display().to_string();
            let ks = k.to_string();
            let mut a = base.to_vec();
            a.extend_from_slice(&["--shard", &ks, "--of", "4", "--out", &f]);
            stdout_ok(&a);
            f
        })
        .collect();
    let mut m = vec!["merge", "--format", "json"];
    m.extend(files.iter().rev().map(String::as_str));
    assert_eq!(single, stdout_ok(&m));
    // Full showers too, with the complete saved result compared byte for byte.
    let (s_full, m_full) = (tmp("shower-single.json"), tmp("shower-merged.json"));
    let sh = [
        "shower",
        "--material",
        "W",
        "--energy",
        "5",
        "--events",
        "40",
        "--seed",
        "3",
        "--format",
        "json",
    ];
    let mut a = sh.to_vec();
    let sf = s_full.display().to_string();
    a.extend_from_slice(&["--save", &sf]);
    let single = stdout_ok(&a);
    let parts: Vec<String> = (0..3)
        .map(|k| {
            let f = tmp(&format!("shower-{k}.json")).display().to_string();
            let ks = k.to_string();
            let mut a = sh.to_vec();
            a.extend_from_slice(&["--shard", &ks, "--of", "3", "--out", &f]);
            stdout_ok(&a);
            f
        })
        .collect();
    let mf = m_full.display().to_string();
    let mut m = vec!["merge", "--format", "json", "--out", &mf];
    m.extend(parts.iter().map(String::as_str));
    assert_eq!(single, stdout_ok(&m));
    assert_eq!(
        std::fs::read(&s_full).unwrap(),
        std::fs::read(&m_full).unwrap()
    );
    for f in files.iter().chain(&parts) {
        let _ = std::fs::remove_file(f);
    }
    let _ = std::fs::remove_file(s_full);
    let _ = std::fs::remove_file(m_full);
}

#[test]
fn signal_events_are_saved_with_their_ecal_energy() {
    // Paper 002 Fig. 6: signal events leave E0 − E_A' < 50 GeV in the ECAL.
    let f = tmp("signal.json");
    let fs = f.display().to_string();
    stdout_ok(&[
        "yield",
        "--mass",
        "0.02",
        "--events",
        "50",
        "--method",
        "iww",
        "--signal-events",
        "5",
        "--save",
        &fs,
    ]);
    let full: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
    let sig = full["signal_events"].as_array().unwrap();
    assert!(sig.len() >= 4, "{}", sig.len());
    for s in sig {
        let (ecal, ea) = (num(s, "ecal_gev"), num(s, "e_aprime_gev"));
        assert!(ea > 50.0 && ecal < 50.0 && ecal + ea <= 100.0 + 1e-9, "{s}");
        assert_eq!(s["cells_gev"].as_array().unwrap().len(), 36);
    }
    let _ = std::fs::remove_file(f);
}

#[test]
fn bad_input_is_a_one_line_error() {
    fails_naming(&["shower", "--energy", "-5"], "--energy");
    fails_naming(&["shower", "--events", "0"], "--events");
    fails_naming(
        &["shower", "--material", "unobtainium", "--events", "2"],
        "unobtainium",
    );
    fails_naming(
        &["shower", "--events", "8", "--shard", "4", "--of", "4"],
        "--shard 4",
    );
    fails_naming(
        &["shower", "--events", "8", "--cut", "200", "--energy", "100"],
        "--cut",
    );
    fails_naming(&["yield", "--mass", "-0.01"], "--mass");
    fails_naming(&["yield", "--mass", "0.01", "--events", "0"], "--events");
    fails_naming(&["yield", "--mass", "0.01", "--method", "magic"], "magic");
    fails_naming(
        &["yield", "--mass", "0.01", "--emiss-min", "150"],
        "--emiss-min",
    );
    fails_naming(
        &["yield", "--mass", "0.01", "--target", "nothing.toml"],
        "nothing.toml",
    );
    fails_naming(
        &["merge", "/nonexistent/aprime-part.json"],
        "/nonexistent/aprime-part.json",
    );
}
