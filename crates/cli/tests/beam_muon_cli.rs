//! The muon beam from the command line (issue 11): the na64mu-2022 preset runs for its Z' and,
//! with `--model vector`, for the dark photon; μ⁺ gives the μ⁻ yields; bad muon beams and what a
//! muon beam cannot do (event-level simulation, annihilation, spin-0 models) are one-line errors
//! with a non-zero exit code.

use std::path::PathBuf;
use std::process::{Command, Output};

use aprime_experiment::presets;

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("aprime runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-muon-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The preset with `from` replaced by `to`, written to a file.
fn config_with(name: &str, from: &str, to: &str) -> PathBuf {
    let text = presets::text("na64mu-2022").unwrap();
    assert!(text.contains(from), "{from}");
    let dir = tmp(name);
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("mu.toml");
    std::fs::write(&p, text.replacen(from, to, 1)).unwrap();
    p
}

/// Fails with exit code ≠ 0 and one line on stderr that contains every `needle`.
fn assert_one_line_error(o: &Output, needles: &[&str]) {
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "should fail: {e}");
    assert_eq!(e.trim().lines().count(), 1, "one line: {e}");
    for n in needles {
        assert!(e.contains(n), "'{n}' missing in: {e}");
    }
}

#[test]
fn bad_muon_beams_are_one_line_errors() {
    for (from, to, needles) in [
        (
            "muon_momentum_max_gev = 80.0",
            "muon_momentum_max_gev = 160.0",
            &["signal_box.muon_momentum_max_gev", "E0 = 160"][..],
        ),
        (
            "muon_momentum_max_gev = 80.0",
            "muon_momentum_max_gev = 200.0",
            &["signal_box.muon_momentum_max_gev"][..],
        ),
        (
            "energy_gev = 160.0",
            "energy_gev = 0.0",
            &["beam.energy_gev"][..],
        ),
        (
            "energy_gev = 160.0",
            "energy_gev = -5.0",
            &["beam.energy_gev"][..],
        ),
        (
            "particle = \"muon\"",
            "particle = \"tauon\"",
            &["tauon", "antimuon"][..],
        ),
        (
            "annihilation = false",
            "annihilation = true",
            &["annihilation", "positrons only"][..],
        ),
    ] {
        let cfg = config_with("bad", from, to);
        let o = aprime(&["run", "--config", cfg.to_str().unwrap(), "--quiet"]);
        assert_one_line_error(&o, needles);
    }
    // A spin-0 model on a muon beam is not implemented by the muon transport.
    let o = aprime(&[
        "run",
        "--preset",
        "na64mu-2022",
        "--model",
        "scalar",
        "--quiet",
    ]);
    assert_one_line_error(&o, &["muon beam", "scalar"]);
}

#[test]
fn the_event_level_chain_refuses_a_muon_beam() {
    let out = tmp("simulate").join("events.csv");
    let o = aprime(&[
        "simulate",
        "--preset",
        "na64mu-2022",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_one_line_error(&o, &["muon beam", "aprime run"]);
}

fn yields(args: &[&str], name: &str) -> serde_json::Value {
    let dir = tmp(name);
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("yields.json");
    let mut a = vec![
        "run",
        "--events",
        "400",
        "--masses",
        "0.01,0.3",
        "--yields-only",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let o = aprime(&a);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap()
}

#[test]
fn antimuon_yields_equal_muon_yields_and_no_table_v_is_simulated() {
    // μ⁺ and μ⁻ radiate alike and lose energy alike: with the same seed the transports draw the
    // same numbers, so the yields agree to the last bit (a fortiori within statistics).
    let mu = yields(&["--preset", "na64mu-2022", "--model", "vector"], "mu");
    let cfg = config_with("anti", "particle = \"muon\"", "particle = \"antimuon\"");
    let anti = yields(
        &["--config", cfg.to_str().unwrap(), "--model", "vector"],
        "anti-out",
    );
    let pts = |v: &serde_json::Value| v["main"]["points"].clone();
    assert_eq!(pts(&mu), pts(&anti));
    // ≤ 1% statistical error already at 400 MOT (the precision goal).
    for p in pts(&mu).as_array().unwrap() {
        let (y, e) = (
            p["yield_per_eot_per_eps2"].as_f64().unwrap(),
            p["stat_error"].as_f64().unwrap(),
        );
        assert!(y > 0.0 && e / y < 0.01, "{p}");
    }
    // Paper 002 Table V is an electron-beam table: not simulated for a muon beam.
    assert_eq!(mu["table_v_etl"]["points"].as_array().unwrap().len(), 0);
}

#[test]
fn saved_yields_remember_their_beam() {
    // `aprime limits --yields` checks the beam particle as it checks the energy and the model:
    // μ⁻ yields serve the μ⁻ preset and are refused, in one line, for a μ⁺ configuration.
    let dir = tmp("saved");
    std::fs::create_dir_all(&dir).unwrap();
    let y = dir.join("yields.json");
    let (y_s, out_s) = (y.to_str().unwrap(), dir.join("out"));
    let o = aprime(&[
        "run",
        "--preset",
        "na64mu-2022",
        "--events",
        "200",
        "--masses",
        "0.05",
        "--yields-only",
        "--quiet",
        "--out",
        y_s,
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ok = aprime(&[
        "limits",
        "--preset",
        "na64mu-2022",
        "--yields",
        y_s,
        "--quiet",
        "--out",
        out_s.to_str().unwrap(),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let anti = config_with(
        "saved-anti",
        "particle = \"muon\"",
        "particle = \"antimuon\"",
    );
    let o = aprime(&[
        "limits",
        "--config",
        anti.to_str().unwrap(),
        "--yields",
        y_s,
        "--quiet",
        "--out",
        dir.join("out2").to_str().unwrap(),
    ]);
    assert_one_line_error(&o, &["made for a muon beam", "antimuon"]);
}
