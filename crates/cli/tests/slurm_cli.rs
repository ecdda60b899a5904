//! Issue 13 acceptance on a real Slurm (docs/cluster.md): a single-node cluster started with
//! `scripts/slurm/local-cluster.sh` runs `aprime submit slurm run` as a 4-task job array, the
//! merge and the limits step, at reduced statistics; the outputs equal the single-process
//! `aprime run` byte for byte (limits.csv, yields.json and every other file but the provenance
//! in manifest.json and report.html). On the way: `--dry-run` scripts pass `sbatch --test-only`,
//! a failed shard makes the merge fail naming the shard and its log while nothing appears at
//! `--out`, and `--resume` resubmits only that shard. The cluster is stopped at the end (queue
//! drained, no daemon left), also when the test fails.
//!
//! Never skipped: without Slurm (and apt-get to install it), or without root or password-less
//! sudo, the test fails with the script's one-line reason.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The job of the comparison: the golden test's preset and statistics (2000 showers = 8 chunks
/// of 256, so each of 4 shards simulates 2 chunks of every yield set).
const JOB: [&str; 9] = [
    "--preset",
    "na64-2016-2018",
    "--events",
    "2000",
    "--masses",
    "0.002,0.02,0.25",
    "--seed",
    "7",
    "--quiet",
];
/// Longest wait for a round of jobs (a loaded 2-core machine: ~20 s expected).
const ROUND_TIMEOUT: Duration = Duration::from_mins(5);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn describe(what: &str, o: &Output) -> String {
    format!(
        "{what}: {}\n--- stdout\n{}--- stderr\n{}",
        o.status,
        text(&o.stdout),
        text(&o.stderr)
    )
}

/// The local cluster of this test; stopped on drop (so also when an assertion fails).
struct Cluster {
    dir: PathBuf,
    conf: PathBuf,
    stopped: bool,
}

impl Cluster {
    fn script() -> PathBuf {
        repo_root().join("scripts/slurm/local-cluster.sh")
    }

    fn start(dir: &Path) -> Self {
        let o = Command::new("bash")
            .arg(Self::script())
            .arg("start")
            .arg(dir)
            .output()
            .expect("cannot run bash");
        if !o.status.success() {
            // The script's reason is its last line (cannot install, no root, port in use, ...).
            let stderr = text(&o.stderr);
            let reason = stderr
                .lines()
                .rev()
                .find(|l| l.starts_with("local-cluster:"));
            panic!(
                "the local Slurm cluster did not start: {}\n{stderr}",
                reason.unwrap_or("(no reason given)")
            );
        }
        let stdout = text(&o.stdout);
        let conf = stdout
            .lines()
            .find_map(|l| l.strip_prefix("export SLURM_CONF="))
            .unwrap_or_else(|| panic!("no SLURM_CONF in the start output: {stdout}"));
        Self {
            dir: dir.to_path_buf(),
            conf: PathBuf::from(conf),
            stopped: false,
        }
    }

    /// A Slurm client program or aprime with this cluster's configuration.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> Command {
        let mut c = Command::new(program);
        c.env("SLURM_CONF", &self.conf);
        c
    }

    /// Job ids in the queue.
    fn queue(&self) -> String {
        let o = self
            .command("squeue")
            .args(["-h", "-o", "%i %j %T %r"])
            .output()
            .expect("cannot run squeue");
        assert!(o.status.success(), "{}", describe("squeue", &o));
        text(&o.stdout)
    }

    /// Wait until the queue is empty.
    fn drain(&self) -> Duration {
        let t0 = Instant::now();
        loop {
            let q = self.queue();
            if q.trim().is_empty() {
                return t0.elapsed();
            }
            assert!(
                t0.elapsed() < ROUND_TIMEOUT,
                "jobs still queued after {ROUND_TIMEOUT:?}:\n{q}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn stop(&mut self) -> Output {
        self.stopped = true;
        Command::new("bash")
            .arg(Self::script())
            .arg("stop")
            .arg(&self.dir)
            .output()
            .expect("cannot run bash")
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if !self.stopped {
            let o = self.stop();
            eprintln!(
                "{}",
                describe("local-cluster.sh stop (after a failure)", &o)
            );
        }
    }
}

fn aprime() -> &'static str {
    env!("CARGO_BIN_EXE_aprime")
}

/// `aprime submit slurm ...` in `cwd`; must succeed.
fn submit(c: &Cluster, cwd: &Path, args: &[&str]) -> Output {
    let o = c
        .command(aprime())
        .current_dir(cwd)
        .args(["submit", "slurm"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}",
        describe("aprime submit slurm", &o)
    );
    o
}

fn read(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// Bad input fails with one line before anything is written (issue 13 acceptance).
fn bad_input(work: &Path) {
    let empty = work.join("empty-path");
    std::fs::create_dir_all(&empty).unwrap();
    for (args, path, expected) in [
        (
            vec!["run", "--preset", "na64-2016", "--dir", "b1"],
            Some(&empty),
            "sbatch not found",
        ),
        (
            vec![
                "run",
                "--preset",
                "na64-2016",
                "--dir",
                "b2",
                "--shards",
                "0",
            ],
            None,
            "'--shards <N>': must be at least 1",
        ),
        (
            vec!["--shards", "0", "run", "--dir", "b3", "--dry-run"],
            None,
            "'--shards <N>': must be at least 1",
        ),
        (
            vec!["run", "--dir", "b4", "--partition", "a b", "--dry-run"],
            None,
            "'a b' is not a Slurm partition name",
        ),
        (
            vec!["run", "--dir", "b5", "--time", "4h", "--dry-run"],
            None,
            "'4h' is not a Slurm time",
        ),
    ] {
        let mut c = Command::new(aprime());
        c.current_dir(work).args(["submit", "slurm"]).args(&args);
        if let Some(p) = path {
            c.env("PATH", p);
        }
        let o = c.output().unwrap();
        let err = text(&o.stderr);
        assert!(!o.status.success(), "{args:?} succeeded");
        assert_eq!(err.lines().count(), 1, "{args:?}: not one line: {err}");
        assert!(
            err.starts_with("error:") && err.contains(expected),
            "{args:?}: {err}"
        );
        let dir = args.iter().position(|a| *a == "--dir").map(|i| args[i + 1]);
        assert!(
            !work.join(dir.unwrap()).exists(),
            "{args:?} wrote its directory"
        );
    }
}

#[test]
fn a_job_array_on_a_local_slurm_gives_the_single_process_outputs() {
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("slurm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    bad_input(&work);

    let mut cluster = Cluster::start(&work.join("cluster"));

    // The single-process reference.
    let t0 = Instant::now();
    let o = Command::new(aprime())
        .current_dir(&work)
        .arg("run")
        .args(JOB)
        .args(["--out", "single"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", describe("aprime run", &o));
    eprintln!("in-process aprime run: {:.1} s", t0.elapsed().as_secs_f64());

    // Written, checked by `sbatch --test-only`, not submitted.
    let mut args: Vec<&str> = vec!["run"];
    args.extend(JOB);
    args.extend([
        "--out",
        "slurm",
        "--shards",
        "4",
        "--cpus-per-task",
        "1",
        "--mem",
        "1G",
        "--time",
        "00:10:00",
        "--dir",
        "sub",
        "--dry-run",
        "--check",
    ]);
    let o = submit(&cluster, &work, &args);
    assert_eq!(
        text(&o.stdout).matches(" to start at ").count(),
        3,
        "{}",
        describe("--dry-run --check", &o)
    );
    let sub = work.join("sub");
    for script in ["shard.sbatch", "merge.sbatch", "final.sbatch"] {
        let o = cluster
            .command("sbatch")
            .arg("--test-only")
            .arg(sub.join(script))
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", describe(script, &o));
    }
    assert!(
        cluster.queue().trim().is_empty(),
        "--dry-run submitted jobs"
    );

    // Shard 2 cannot rename its output into place (a directory is in the way): a real task
    // failure, without test hooks in the product.
    let blocker = sub.join("parts/part-2.json");
    std::fs::create_dir(&blocker).unwrap();
    let t0 = Instant::now();
    submit(&cluster, &work, &["--resume", "sub"]);
    cluster.drain();
    eprintln!(
        "round 1 (4 tasks, shard 2 failing): {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let logs = files(&sub.join("logs"));
    let merge_log = logs
        .iter()
        .find(|p| p.to_string_lossy().starts_with("merge."))
        .unwrap_or_else(|| panic!("no merge log among {logs:?}"));
    let merge = text(&read(&sub.join("logs").join(merge_log)));
    assert!(
        merge.contains("shard 2 of 4") && merge.contains("log logs/shard-2."),
        "the merge does not name shard 2 and its log: {merge}"
    );
    assert!(
        !work.join("slurm").exists() && !sub.join("yields.json").exists(),
        "outputs appeared although a shard failed"
    );
    let status = cluster
        .command(aprime())
        .args(["submit", "status"])
        .arg(&sub)
        .output()
        .unwrap();
    let status = text(&status.stdout);
    assert!(
        status.contains("shards: 3 of 4 present") && status.contains("stopped before the end"),
        "{status}"
    );

    // Resume: only shard 2 runs again, then the merge and the limits step.
    std::fs::remove_dir(&blocker).unwrap();
    let t0 = Instant::now();
    submit(&cluster, &work, &["--resume", "sub"]);
    cluster.drain();
    eprintln!(
        "round 2 (shard 2 + merge + limits): {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&read(&sub.join("manifest.json"))).unwrap();
    let attempts = manifest["attempts"].as_array().unwrap();
    assert_eq!(attempts.len(), 2, "{manifest}");
    assert_eq!(attempts[0]["tasks"], serde_json::json!([0, 1, 2, 3]));
    assert_eq!(attempts[1]["tasks"], serde_json::json!([2]));

    // Bit for bit the single-process outputs; only the provenance (command, time) differs.
    let single = work.join("single");
    let slurm = work.join("slurm");
    assert_eq!(files(&single), files(&slurm));
    for f in files(&single) {
        let name = f.to_string_lossy();
        if name == "manifest.json" || name == "report.html" {
            continue;
        }
        assert!(
            read(&single.join(&f)) == read(&slurm.join(&f)),
            "{name} differs between the single process and Slurm"
        );
    }
    // The merged yields (one line) hold the same numbers as the report's (pretty-printed).
    let json = |p: &Path| serde_json::from_slice::<serde_json::Value>(&read(p)).unwrap();
    assert!(json(&sub.join("yields.json")) == json(&single.join("yields.json")));
    let o = submit(&cluster, &work, &["--resume", "sub"]);
    assert!(
        text(&o.stdout).starts_with("complete, nothing to submit"),
        "{}",
        describe("resume", &o)
    );

    let o = cluster.stop();
    assert!(
        o.status.success(),
        "{}",
        describe("local-cluster.sh stop", &o)
    );
    let o = Command::new("bash")
        .arg(Cluster::script())
        .arg("status")
        .arg(&cluster.dir)
        .output()
        .unwrap();
    let s = text(&o.stdout);
    assert!(
        !o.status.success() && !s.contains(": running"),
        "daemons left after stop:\n{s}"
    );
    std::fs::remove_dir_all(&work).ok();
}

/// The scripts of `yield` and `simulate` submissions, run by hand as the array tasks would be
/// (no cluster needed), merge to the files of the single process byte for byte.
#[test]
fn yield_and_simulate_scripts_merge_to_the_single_process_files() {
    let work =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("scripts-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let run = |args: &[&str], env: Option<(&str, &str)>| {
        let mut c = Command::new(args[0]);
        c.current_dir(&work).args(&args[1..]);
        if let Some((k, v)) = env {
            c.env(k, v);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", describe(&args.join(" "), &o));
    };
    let yield_job = [
        "--mass", "0.01", "--events", "1200", "--seed", "3", "--quiet",
    ];
    let sim_job = [
        "--preset",
        "na64-2016",
        "--statistics",
        "0.005",
        "--seed",
        "3",
        "--quiet",
    ];
    for (job, opts, out, dir) in [
        ("yield", &yield_job, ["--save", "merged.json"], "y"),
        ("simulate", &sim_job, ["--out", "merged.parquet"], "s"),
    ] {
        let mut args = vec![aprime(), "submit", "slurm", job];
        args.extend(opts.iter());
        args.extend(out);
        args.extend([
            "--shards",
            "3",
            "--cpus-per-task",
            "1",
            "--dir",
            dir,
            "--dry-run",
        ]);
        run(&args, None);
        for k in ["0", "1", "2"] {
            let script = format!("{dir}/shard.sbatch");
            run(&["bash", &script], Some(("SLURM_ARRAY_TASK_ID", k)));
        }
        run(&["bash", &format!("{dir}/merge.sbatch")], None);
        let mut args = vec![aprime(), job];
        args.extend(opts.iter());
        let whole = out[1].replace("merged", "whole");
        args.extend([out[0], &whole]);
        run(&args, None);
        assert!(
            read(&work.join(out[1])) == read(&work.join(&whole)),
            "{job}: the merged shards differ from the single process"
        );
    }
    std::fs::remove_dir_all(&work).ok();
}
