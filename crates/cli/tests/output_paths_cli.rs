//! Output paths are checked before any simulation (issue 9): a command whose output cannot be
//! written fails at once with a one-line error naming the option and the path, and leaves
//! nothing behind. Every command below would otherwise compute for seconds to minutes (default
//! statistics); the time taken is printed for the record, only the behaviour is asserted.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("the aprime binary runs")
}

/// Non-zero exit and exactly one line on stderr, `error: …` naming `option` and `path`.
fn fails_at_once(args: &[&str], option: &str, path: &Path) {
    let t = Instant::now();
    let out = aprime(args);
    eprintln!(
        "aprime {} failed after {:.2} s",
        args[0],
        t.elapsed().as_secs_f64()
    );
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "aprime {args:?} should fail");
    assert_eq!(err.trim().lines().count(), 1, "aprime {args:?}: {err}");
    assert!(err.starts_with("error:"), "aprime {args:?}: {err}");
    let shown = path.display().to_string();
    assert!(
        err.contains(option) && err.contains(&shown),
        "aprime {args:?}: should name {option} {shown}: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

fn scratch() -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-output-paths-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn unwritable_outputs_fail_before_any_work() {
    let dir = scratch();
    // A regular file where a directory is needed: nothing can be written below it.
    let blocker = dir.join("not-a-directory");
    std::fs::write(&blocker, "x").unwrap();
    let bad_dir = blocker.join("out");
    let bad_file = blocker.join("events.parquet");
    let d = bad_dir.to_str().unwrap();
    let f = bad_file.to_str().unwrap();
    fails_at_once(&["run", "--quiet", "--out", d], "--out", &bad_dir);
    fails_at_once(
        &["limits", "--yields", "yields.json", "--quiet", "--out", d],
        "--out",
        &bad_dir,
    );
    fails_at_once(
        &["analyze", "events.parquet", "--quiet", "--out", d],
        "--out",
        &bad_dir,
    );
    fails_at_once(&["simulate", "--quiet", "--out", f], "--out", &bad_file);
    let j = blocker.join("part.json");
    let js = j.to_str().unwrap();
    fails_at_once(
        &[
            "yield", "--mass", "0.02", "--shard", "0", "--of", "2", "--out", js,
        ],
        "--out",
        &j,
    );
    fails_at_once(
        &["shower", "--events", "100000", "--save", js],
        "--save",
        &j,
    );
    fails_at_once(
        &["merge-events", "--out", f, "a.parquet"],
        "--out",
        &bad_file,
    );
    // The example of the issue: a directory of the kernel's, where no file can be created.
    let proc = Path::new("/proc/x");
    if Path::new("/proc/self").exists() {
        fails_at_once(&["run", "--quiet", "--out", "/proc/x"], "--out", proc);
    }
    // Nothing was created next to the blocker.
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(left.len(), 1, "{left:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn command_line_mistakes_are_one_line_errors() {
    for (args, names) in [
        (&["run", "--mases", "0.1"][..], "--masses"),
        (&["shower", "--energy", "-5"][..], "--energy"),
        (&["yield"][..], "--mass"),
        (
            &["run", "--preset", "na64-2016", "--config", "x.toml"][..],
            "--config",
        ),
        (
            &["--threads", "0", "cls", "--obs", "0", "--bkg", "0"][..],
            "--threads",
        ),
    ] {
        let out = aprime(args);
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(!out.status.success(), "aprime {args:?} should fail");
        assert_eq!(err.trim().lines().count(), 1, "aprime {args:?}: {err}");
        assert!(
            err.starts_with("error:") && err.contains(names),
            "aprime {args:?}: {err}"
        );
    }
}
