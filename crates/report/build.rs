//! Embeds the git commit the crate is built from as `APRIME_GIT_COMMIT` (the provenance of every
//! output directory): `git rev-parse HEAD`, or the environment variable of that name when set
//! (builds from a source archive), else "unknown" (no git or no checkout).

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// Ask cargo to rerun this script when `path` changes (only existing files: a missing one would
/// rerun it, and rebuild the crate, on every build).
fn watch(path: &Path) {
    if path.exists() {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=APRIME_GIT_COMMIT");
    let commit = std::env::var("APRIME_GIT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(|| git(&["rev-parse", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=APRIME_GIT_COMMIT={commit}");
    // HEAD moves with a checkout (the git dir's HEAD; per worktree) or a commit (the branch ref
    // in the common dir, or packed-refs after `git gc`).
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        watch(&PathBuf::from(dir).join("HEAD"));
    }
    if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
        let common = PathBuf::from(common);
        if let Some(head_ref) = git(&["symbolic-ref", "-q", "HEAD"]) {
            watch(&common.join(head_ref));
        }
        watch(&common.join("packed-refs"));
    }
}
