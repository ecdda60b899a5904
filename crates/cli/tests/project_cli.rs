//! `aprime project` (issue 11 item 3): projections of the expected limit to other exposures
//! from saved yields, and its one-line errors.

use std::path::PathBuf;
use std::process::{Command, Output};

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("aprime runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-project-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The golden yields of preset na64-2016 (written by `aprime run`, pinned by golden_presets).
fn golden_yields() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/na64-2016/yields.json"
    )
    .to_string()
}

#[test]
fn four_times_the_exposure_halves_the_expected_eps_without_background() {
    // Issue 11 acceptance. With zero background the limit on the number of signal events is
    // fixed (≈ 2.3 events at 90% C.L., paper 002 §IX) and the signal is ε² · EOT · efficiency ·
    // yield per EOT (paper 000 eq. 3), so ε²_up ∝ 1/EOT: 4× the exposure moves ε_up by a factor
    // 2, within 2%.
    let out = tmp("scale");
    let yields = golden_yields();
    let o = aprime(&[
        "project",
        "--preset",
        "na64-2016",
        "--yields",
        &yields,
        "--eot",
        "1e11,4e11",
        "--background-per-eot",
        "0",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("projection.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        head,
        [
            "curve",
            "exposure_eot",
            "background_events",
            "mass_gev",
            "eps_expected_median",
            "eps_expected_m1",
            "eps_expected_p1",
            "eps_expected_m2",
            "eps_expected_p2",
            "eps_observed",
            "target_depth_x0"
        ]
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(String::from).collect())
        .collect();
    let median = |eot: f64| -> Vec<(f64, f64)> {
        rows.iter()
            .filter(|r| r[0] == "projected" && r[1].parse::<f64>().unwrap() == eot)
            .map(|r| (r[3].parse().unwrap(), r[4].parse().unwrap()))
            .collect()
    };
    let (one, four) = (median(1e11), median(4e11));
    assert!(!one.is_empty() && one.len() == four.len());
    let mut compared = 0;
    for (a, b) in one.iter().zip(&four) {
        assert_eq!(a.0, b.0);
        if a.1.is_finite() && b.1.is_finite() {
            assert!(
                (a.1 / b.1 / 2.0 - 1.0).abs() < 0.02,
                "m = {} GeV: {a:?} {b:?}",
                a.0
            );
            compared += 1;
        }
    }
    // The golden yields hold three masses (2, 20, 250 MeV).
    assert!(compared >= 3, "only {compared} masses with a limit");
    // The current limits are there as well, with an observed limit.
    assert!(rows.iter().any(|r| r[0] == "current" && !r[9].is_empty()));
    for f in [
        "projection.json",
        "plots/projection.png",
        "plots/projection.svg",
        "manifest.json",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    let svg = std::fs::read_to_string(out.join("plots/projection.svg")).unwrap();
    assert!(svg.contains("[GeV]"), "mass axis without unit");
    std::fs::remove_dir_all(out).ok();
}

#[test]
fn bad_input_is_a_one_line_error() {
    let yields = golden_yields();
    let out = tmp("bad");
    let o = out.to_str().unwrap();
    for (args, needle) in [
        (
            vec!["--preset", "na64-2016", "--yields", &yields, "--eot", "0"],
            "--eot",
        ),
        (
            vec![
                "--preset",
                "na64-2016",
                "--yields",
                &yields,
                "--eot",
                "-1e12",
            ],
            "--eot",
        ),
        (
            vec![
                "--preset",
                "na64-2016",
                "--yields",
                &yields,
                "--eot",
                "1e12",
                "--background-per-eot",
                "-1e-12",
            ],
            "--background-per-eot",
        ),
        (
            vec![
                "--preset",
                "na64-nope",
                "--yields",
                &yields,
                "--eot",
                "1e12",
            ],
            "na64-nope",
        ),
    ] {
        let mut full = vec!["project"];
        full.extend(args.iter().copied());
        full.extend(["--quiet", "--out", o]);
        let r = aprime(&full);
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{full:?} succeeded");
        assert_eq!(err.trim().lines().count(), 1, "{full:?}: {err}");
        assert!(err.contains(needle), "{full:?}: {err}");
        assert!(!out.exists(), "{full:?} wrote {o}");
    }
}

#[test]
fn target_depth_needs_fresh_yields_and_a_positive_depth() {
    let yields = golden_yields();
    let out = tmp("depth-bad");
    let o = out.to_str().unwrap();
    for (args, needle) in [
        (
            vec!["--yields", yields.as_str(), "--target-depth-x0", "20"],
            "--target-depth-x0",
        ),
        (vec!["--target-depth-x0", "0"], "target.depth_x0"),
        (vec!["--target-depth-x0", "-1"], "target.depth_x0"),
        (vec!["--target-depth-x0", "nan"], "target.depth_x0"),
        // The na64-ecal preshower alone is 4.06 X0 (na64-ecal.toml).
        (vec!["--target-depth-x0", "3"], "preshower"),
    ] {
        let mut full = vec!["project", "--preset", "na64mu-2022", "--eot", "1e11"];
        full.extend(args.iter().copied());
        full.extend(["--events", "2", "--masses", "0.1", "--quiet", "--out", o]);
        let r = aprime(&full);
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(!r.status.success(), "{full:?} succeeded");
        assert_ne!(r.status.code(), Some(0));
        assert_eq!(err.trim().lines().count(), 1, "{full:?}: {err}");
        assert!(err.contains(needle), "{full:?}: {err}");
        assert!(!out.exists(), "{full:?} wrote {o}");
    }
}

#[test]
fn a_projection_with_another_target_depth_records_it() {
    // na64-ecal at 20 X0: 15 preshower pairs (4.06 X0) + 59 main pairs of 0.2708 X0 = 20.04 X0
    // (na64-ecal.toml; TargetConfig::with_depth_x0 takes the nearest whole number of pairs).
    let out = tmp("depth");
    let o = aprime(&[
        "project",
        "--preset",
        "na64mu-2022",
        "--eot",
        "1e11",
        "--target-depth-x0",
        "20",
        "--events",
        "50",
        "--masses",
        "0.1",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.join("projection.csv")).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{text}");
    for r in rows {
        let depth: f64 = r.rsplit(',').next().unwrap().parse().unwrap();
        assert!((depth - 20.04).abs() < 0.01, "{r}");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let d = manifest["target_depth_x0"].as_f64().unwrap();
    assert!((d - 20.04).abs() < 0.01, "{manifest}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("projection.json")).unwrap())
            .unwrap();
    assert_eq!(json["target_depth_x0"].as_f64(), Some(d));
    std::fs::remove_dir_all(out).ok();
}
