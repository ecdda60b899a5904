//! Golden tests of `aprime cls` through the built binary: JSON values with tolerances, the
//! calculator report, reproducibility, and one-line errors on bad input.

use std::process::{Command, Output};

use serde_json::Value;

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("the aprime binary runs")
}

fn json_ok(args: &[&str]) -> Value {
    let mut all = vec!["cls"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let out = aprime(&all);
    assert!(
        out.status.success(),
        "aprime {all:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

/// Fails with a non-zero exit and a single `error:` line naming `bad`, without a panic.
fn fails_naming(args: &[&str], bad: &str) {
    let mut all = vec!["cls"];
    all.extend_from_slice(args);
    let out = aprime(&all);
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{all:?} should fail");
    assert!(
        err.contains(bad),
        "{all:?}: error does not name '{bad}': {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty());
}

const NA64: [&str; 10] = [
    "--obs",
    "0,0,0",
    "--bkg",
    "0.043,0.041,0.01",
    "--bkg-unc",
    "0.017,0.02,0.003",
    "--sig-fractions",
    "0.53,0.26,0.21",
    "--sig-unc",
    "0.10",
];

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

#[test]
fn na64_example_is_2_3_with_hybrid() {
    // Paper 002 §IX: three runs, n = 0, limit within a few % of N90 = 2.3; the prior-averaged
    // value with a 10 % log-normal signal uncertainty is 2.316 (physics.md §8: 2.32–2.38),
    // computed by auto with the hybrid quadrature (no toy error; root bracketed to 1e-3).
    let v = json_ok(&NA64);
    assert_eq!(v["calculator"], "hybrid-quadrature");
    assert_eq!(num(&v, "cl"), 0.9);
    let obs = num(&v, "observed");
    assert!((obs / 2.3 - 1.0).abs() < 0.04, "{v}");
    assert!((obs - 2.316).abs() < 0.004, "{v}");
    let e = &v["expected"];
    for k in ["m2", "m1", "median", "p1", "p2"] {
        assert!(e[k].as_f64().is_some(), "{k} in {v}");
    }
    // The band collapses onto n = 0 up to +1σ (P_b(n = 0) = 91 %).
    assert_eq!(num(e, "median"), obs);
    assert!(num(e, "p2") > num(e, "p1"));
    assert!(v["reason"].as_str().unwrap().contains("auto"));
}

#[test]
fn na64_example_is_reproducible_across_thread_counts() {
    let mut one = vec!["--threads", "1"];
    one.extend_from_slice(&NA64);
    one.extend_from_slice(&["--seed", "5"]);
    let mut two = vec!["--threads", "2"];
    two.extend_from_slice(&NA64);
    two.extend_from_slice(&["--seed", "5"]);
    assert_eq!(json_ok(&one), json_ok(&two));
}

#[test]
fn single_channel_exact_values() {
    // n = 0: 2.303 for any b; n = 1, b = 0.5: 3.508 (Read 2002).
    for b in ["0", "0.12", "0.53"] {
        let v = json_ok(&["--obs", "0", "--bkg", b]);
        assert_eq!(v["calculator"], "exact");
        assert!(
            (num(&v, "observed") - std::f64::consts::LN_10).abs() < 1e-3,
            "{v}"
        );
        assert!(v["observed_toy_error"].is_null());
    }
    let v = json_ok(&["--obs", "1", "--bkg", "0.5", "--calculator", "exact"]);
    assert!((num(&v, "observed") / 3.508 - 1.0).abs() < 0.01, "{v}");
    // 95 % C.L. at n = 0: −ln 0.05 = 2.996.
    let v = json_ok(&["--obs", "0", "--bkg", "0.2", "--cl", "0.95"]);
    assert!((num(&v, "observed") - 20f64.ln()).abs() < 1e-3, "{v}");
}

#[test]
fn asymptotic_known_failure_only_on_request() {
    // CCGV at n = 0, b = 0: 1.645²/2 = 1.353 (physics.md §8).
    let v = json_ok(&["--obs", "0", "--bkg", "0", "--calculator", "asymptotic"]);
    assert_eq!(v["calculator"], "asymptotic");
    assert!((num(&v, "observed") - 1.353).abs() < 2e-3, "{v}");
    let v = json_ok(&["--obs", "50", "--bkg", "45"]);
    assert_eq!(v["calculator"], "asymptotic");
    assert!((num(&v, "observed") - 15.84).abs() < 0.02, "{v}");
}

#[test]
fn toys_calculator_and_table_output() {
    let v = json_ok(&[
        "--obs",
        "1",
        "--bkg",
        "0.5",
        "--calculator",
        "toys",
        "--toys",
        "20000",
        "--seed",
        "3",
    ]);
    assert_eq!(v["calculator"], "toys");
    assert_eq!(v["toys"], 20000);
    let err = num(&v, "observed_toy_error");
    assert!((num(&v, "observed") - 3.508).abs() < 3.0 * err, "{v}");
    let out = aprime(&["cls", "--obs", "0", "--bkg", "0.1", "--no-expected"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("90% C.L.") && text.contains("exact"),
        "{text}"
    );
    assert!(
        text.contains("N_sig upper limit [events]") && text.contains("2.30"),
        "{text}"
    );
    assert!(!text.contains("expected"), "{text}");
}

#[test]
fn bad_input_gives_one_line_errors() {
    fails_naming(&["--obs", "0,1", "--bkg", "0.1"], "--bkg");
    fails_naming(
        &["--obs", "0,0", "--bkg", "0.1,0.1", "--sig-fractions", "1"],
        "--sig-fractions",
    );
    fails_naming(
        &["--obs", "0", "--bkg", "0.1", "--bkg-unc", "0.1,0.2"],
        "--bkg-unc",
    );
    fails_naming(&["--obs", "-1", "--bkg", "0.1"], "-1");
    fails_naming(&["--obs", "2.5", "--bkg", "0.1"], "2.5");
    fails_naming(&["--obs", "zz", "--bkg", "0.1"], "zz");
    fails_naming(&["--obs", "0", "--bkg", "-0.3"], "-0.3");
    fails_naming(&["--obs", "0", "--bkg", "0.1", "--cl", "1.2"], "1.2");
    fails_naming(&["--obs", "0", "--bkg", "0.1", "--cl", "0"], "--cl");
    fails_naming(&["--obs", "0", "--bkg", "0.1", "--sig-unc", "-0.1"], "-0.1");
    fails_naming(
        &["--obs", "0", "--bkg", "0", "--bkg-unc", "0.1"],
        "zero background",
    );
    fails_naming(
        &[
            "--obs",
            "0,0",
            "--bkg",
            "1,1",
            "--sig-fractions",
            "1,1",
            "--calculator",
            "exact",
        ],
        "exact",
    );
    fails_naming(
        &["--obs", "0", "--bkg", "0.1", "--sig-fractions", "0"],
        "--sig-fractions",
    );
}
