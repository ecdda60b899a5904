//! Output paths are checked before any long computation: a run that cannot write its result
//! must fail at once, not after hours of simulation.
//!
//! Every output of aprime is written next to its final place and renamed into it (atomic files
//! and directories), so what must be writable is the directory that will hold the output: the
//! nearest existing ancestor of the path must be a directory in which a file can be created.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Fail with a one-line error naming `option` and `path` if an output cannot be written at
/// `path` (a file or a directory; missing parent directories are fine if they can be created).
/// Nothing is left behind.
pub fn ensure_writable(path: &Path, option: &str) -> anyhow::Result<()> {
    let shown = path.display();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut dir = parent.as_path();
    while !dir.exists() {
        dir = match dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
    }
    if !dir.is_dir() {
        bail!("{option} {shown}: {} is not a directory", dir.display());
    }
    probe(dir).with_context(|| format!("{option} {shown}: cannot write in {}", dir.display()))
}

/// Create and remove a file in `dir`.
fn probe(dir: &Path) -> std::io::Result<()> {
    let p = dir.join(format!(".aprime-write-check-{}", std::process::id()));
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&p)?;
    std::fs::remove_file(&p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writable_places_pass_and_others_fail_without_leftovers() {
        let base = std::env::temp_dir().join(format!("aprime-writable-{}", std::process::id()));
        std::fs::create_dir_all(&base).unwrap();
        assert!(ensure_writable(&base.join("out"), "--out").is_ok());
        assert!(ensure_writable(&base.join("a/b/c.parquet"), "--out").is_ok());
        assert!(!base.join("a").exists(), "the check creates nothing");
        let file = base.join("file");
        std::fs::write(&file, "x").unwrap();
        let e = format!(
            "{:#}",
            ensure_writable(&file.join("out"), "--out").unwrap_err()
        );
        assert!(
            e.starts_with("--out ") && e.contains("not a directory"),
            "{e}"
        );
        assert_eq!(std::fs::read_dir(&base).unwrap().count(), 1);
        std::fs::remove_dir_all(&base).ok();
    }
}
