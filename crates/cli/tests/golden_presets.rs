//! Golden regression test of the main job (issue 9): `limits.csv` and `yields.json` of every
//! embedded preset at reduced statistics must stay byte-identical through refactorings.
//!
//! The event-level chain is pinned too: `aprime simulate` of na64-2016-2022 at 2% statistics (a
//! 64-bit FNV-1a hash of the CSV event file) and the blind `aprime analyze --no-limits` tables.
//!
//! The files under `tests/golden/<preset>/` were written by this test with `APRIME_BLESS=1`.
//! Regenerate them only for a deliberate change of the physics or of the output format, and say
//! why in the commit message.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Two light masses and one in the resonance region of paper 003 (0.25 GeV).
const MASSES: &str = "0.002,0.02,0.25";
const EVENTS: &str = "2000";
const FILES: [&str; 2] = ["limits.csv", "yields.json"];

fn golden_dir(preset: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(preset)
}

fn check(preset: &str) {
    check_in(preset, preset, &[]);
}

/// `aprime run --preset <preset> <extra>` against `tests/golden/<golden>/`.
fn check_in(preset: &str, golden: &str, extra: &[&str]) {
    let out = std::env::temp_dir().join(format!("aprime-golden-{}-{golden}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let o = Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args([
            "run", "--preset", preset, "--events", EVENTS, "--masses", MASSES, "--seed", "7",
            "--quiet", "--format", "csv", "--out",
        ])
        .arg(&out)
        .args(extra)
        .output()
        .expect("aprime runs");
    assert!(
        o.status.success(),
        "{preset}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let dir = golden_dir(golden);
    let bless = std::env::var("APRIME_BLESS").is_ok_and(|v| v == "1");
    for f in FILES {
        let got = std::fs::read(out.join(f)).unwrap();
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join(f), &got).unwrap();
            continue;
        }
        let want = std::fs::read(dir.join(f)).unwrap_or_else(|e| {
            panic!("{preset}/{f}: no golden file ({e}); run with APRIME_BLESS=1")
        });
        assert!(
            got == want,
            "{preset}/{f} differs from tests/golden/{preset}/{f} (output kept in {})",
            out.display()
        );
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn na64_2016_is_unchanged() {
    check("na64-2016");
}

#[test]
fn na64_2016_2018_is_unchanged() {
    check("na64-2016-2018");
}

#[test]
fn na64_2016_2022_is_unchanged() {
    check("na64-2016-2022");
}

/// The muon beam (issue 11): the L_μ−L_τ Z' of the preset and, with `--model vector`, the
/// invisible dark photon.
#[test]
fn na64mu_2022_is_unchanged() {
    check("na64mu-2022");
    check_in("na64mu-2022", "na64mu-2022-vector", &["--model", "vector"]);
}

/// The positron beam (issue 11): 0.25 GeV is on the beam positron's resonance (E_R = 61 GeV).
#[test]
fn na64eplus_2022_is_unchanged() {
    check("na64eplus-2022");
}

/// FNV-1a, 64 bit: a stable fingerprint of a file too large to commit.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn compare_or_bless(dir: &Path, name: &str, got: &[u8], kept: &Path) {
    if std::env::var("APRIME_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join(name), got).unwrap();
        return;
    }
    let want = std::fs::read(dir.join(name))
        .unwrap_or_else(|e| panic!("{name}: no golden file ({e}); run with APRIME_BLESS=1"));
    assert!(
        got == want,
        "{name} differs from {} (output kept in {})",
        dir.join(name).display(),
        kept.display()
    );
}

#[test]
fn simulate_and_analyze_are_unchanged() {
    let work = std::env::temp_dir().join(format!("aprime-golden-events-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let events = work.join("events.csv");
    let run = |args: &[&str]| {
        let o = Command::new(env!("CARGO_BIN_EXE_aprime"))
            .args(args)
            .output()
            .expect("aprime runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run(&[
        "simulate",
        "--preset",
        "na64-2016-2022",
        "--statistics",
        "0.02",
        "--masses",
        "0.02",
        "--seed",
        "5",
        "--format",
        "csv",
        "--quiet",
        "--out",
        events.to_str().unwrap(),
    ]);
    let dir = golden_dir("events-na64-2016-2022");
    let hash = format!("{:016x}\n", fnv1a(&std::fs::read(&events).unwrap()));
    compare_or_bless(&dir, "events.csv.fnv1a", hash.as_bytes(), &work);
    let ana = work.join("ana");
    run(&[
        "analyze",
        events.to_str().unwrap(),
        "--no-limits",
        "--quiet",
        "--format",
        "json",
        "--out",
        ana.to_str().unwrap(),
    ]);
    for f in [
        "summary.json",
        "cutflow.csv",
        "background.csv",
        "efficiencies.csv",
        "dimuon.csv",
    ] {
        compare_or_bless(&dir, f, &std::fs::read(ana.join(f)).unwrap(), &work);
    }
    let _ = std::fs::remove_dir_all(&work);
}
