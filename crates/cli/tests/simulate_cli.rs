//! Golden tests of `aprime simulate` and `aprime merge-events` through the built binary: the
//! file's columns and metadata, weights summing to the exposure, reproducibility across thread
//! counts and shards, and clean failures that leave existing outputs alone.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use aprime_detector::{COLUMNS, Process, read_events};

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("the aprime binary runs")
}

fn ok(args: &[&str]) {
    let out = aprime(args);
    assert!(
        out.status.success(),
        "aprime {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
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
        "aprime {args:?}: should name '{bad}': {err}"
    );
    assert!(!err.contains("panicked"), "aprime {args:?} panicked: {err}");
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-simulate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// A small simulation (2% statistics) of the 2016 preset.
fn small(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "simulate",
        "--preset",
        "na64-2016",
        "--eot-equivalent",
        "4.3e10",
        "--statistics",
        "0.02",
        "--masses",
        "0.02",
        "--seed",
        "7",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    ok(&args);
}

#[test]
fn simulate_writes_a_complete_weighted_event_file() {
    let p = tmp("a.parquet");
    small(&p, &[]);
    let (ev, meta) = read_events(&p).unwrap();
    let meta = meta.expect("aprime metadata");
    assert_eq!(meta.preset, "na64-2016");
    assert_eq!(meta.eot_equivalent, 4.3e10);
    assert_eq!(meta.seed, 7);
    assert_eq!(meta.masses_gev, [0.02]);
    assert_eq!(meta.runs.len(), 3);
    // Run EOT split as the configuration (paper 002: 2.3, 1.1, 0.9 × 1e10).
    assert!((meta.runs[0].eot_equivalent / 2.3e10 - 1.0).abs() < 1e-12);
    // Every process present, event numbers 0..n.
    for p in Process::ALL {
        assert!(ev.iter().any(|e| e.process == p), "{} missing", p.name());
    }
    assert!(ev.iter().enumerate().all(|(i, e)| e.event == i as u64));
    // Beam electrons stand for the run's EOT: Σ weight of em_shower = EOT (exactly, by
    // construction of the weights).
    for (r, info) in meta.runs.iter().enumerate() {
        let w: f64 = ev
            .iter()
            .filter(|e| e.run == r as u32 && e.process == Process::EmShower)
            .map(|e| e.weight)
            .sum();
        assert!((w / info.eot_equivalent - 1.0).abs() < 1e-9, "run {r}: {w}");
    }
    // Signal weights per ε²: Σ w / EOT = the A' yield per EOT per ε² of the shower stage at
    // 20 MeV (ETL, E_A' > 50 GeV; docs/shower.md: 3.54e-3), within MC statistics.
    let ws: f64 = ev
        .iter()
        .filter(|e| e.process == Process::Signal && e.run == 0)
        .map(|e| e.weight)
        .sum();
    let y = ws / 2.3e10;
    assert!((y / 3.54e-3 - 1.0).abs() < 0.25, "signal yield {y}");
    // CSV: header = the column list.
    let c = tmp("a.csv");
    small(&c, &["--format", "csv"]);
    let text = std::fs::read_to_string(&c).unwrap();
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(text.lines().next().unwrap(), header.join(","));
    let (ev_csv, _) = read_events(&c).unwrap();
    assert_eq!(ev_csv, ev);
}

#[test]
fn same_seed_same_file_for_any_thread_count_and_sharding() {
    let one = tmp("t1.parquet");
    let two = tmp("t2.parquet");
    small(&one, &[]);
    let mut args = vec!["--threads", "2"];
    args.extend_from_slice(&[
        "simulate",
        "--preset",
        "na64-2016",
        "--eot-equivalent",
        "4.3e10",
        "--statistics",
        "0.02",
        "--masses",
        "0.02",
        "--seed",
        "7",
        "--quiet",
        "--out",
        two.to_str().unwrap(),
    ]);
    ok(&args);
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
    // Three shards merged = the single run, row for row.
    let parts: Vec<PathBuf> = (0..3).map(|k| tmp(&format!("s{k}.parquet"))).collect();
    for (k, p) in parts.iter().enumerate() {
        small(p, &["--shard", &k.to_string(), "--of", "3"]);
    }
    let merged = tmp("merged.parquet");
    let mut m = vec!["merge-events", "--out", merged.to_str().unwrap()];
    // Any order on input.
    for p in parts.iter().rev() {
        m.push(p.to_str().unwrap());
    }
    ok(&m);
    let (a, _) = read_events(&one).unwrap();
    let (b, mb) = read_events(&merged).unwrap();
    assert_eq!(a, b);
    assert_eq!(mb.unwrap().of, 1);
    // A missing shard is an error naming it.
    fails_naming(
        &[
            "merge-events",
            "--out",
            tmp("bad.parquet").to_str().unwrap(),
            parts[0].to_str().unwrap(),
            parts[2].to_str().unwrap(),
        ],
        "shard 1",
    );
}

#[test]
fn bad_input_fails_cleanly_and_keeps_the_old_file() {
    let p = tmp("keep.parquet");
    std::fs::write(&p, b"precious").unwrap();
    let out = p.to_str().unwrap();
    fails_naming(
        &["simulate", "--preset", "na64-1999", "--out", out],
        "na64-1999",
    );
    fails_naming(
        &[
            "simulate",
            "--preset",
            "na64-2016",
            "--masses",
            "500",
            "--out",
            out,
            "--quiet",
        ],
        "500",
    );
    fails_naming(
        &[
            "simulate",
            "--preset",
            "na64-2016",
            "--eot-equivalent=-1",
            "--out",
            out,
            "--quiet",
        ],
        "EOT",
    );
    fails_naming(
        &[
            "simulate",
            "--preset",
            "na64-2016",
            "--out",
            tmp("x.txt").to_str().unwrap(),
        ],
        "x.txt",
    );
    assert_eq!(std::fs::read(&p).unwrap(), b"precious");
    // A configuration whose detector table has a typo names the field.
    let cfg = tmp("typo.toml");
    let mut text = aprime_experiment::presets::text("na64-2016")
        .unwrap()
        .to_string();
    text.push_str("\n[detector.ecal]\nstochastik = 0.2\n");
    std::fs::write(&cfg, text).unwrap();
    fails_naming(
        &[
            "simulate",
            "--config",
            cfg.to_str().unwrap(),
            "--out",
            out,
            "--quiet",
        ],
        "stochastik",
    );
    assert_eq!(std::fs::read(&p).unwrap(), b"precious");
}
