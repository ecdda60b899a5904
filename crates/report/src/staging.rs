//! Atomic output directories: everything is written into a hidden staging directory next to the
//! target and renamed into place only when complete, so a failed or interrupted run never leaves
//! a directory that looks finished. A `manifest.json` listing every file is written last.

use std::path::{Path, PathBuf};

use crate::error::ReportError;

/// A staging directory that becomes `target` on [`Staging::commit`] and is removed if dropped.
#[derive(Debug)]
pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    files: Vec<String>,
    committed: bool,
}

fn io_err(p: &Path, e: std::io::Error) -> ReportError {
    ReportError::write(p, e)
}

impl Staging {
    /// Start writing the contents of `target`.
    pub fn new(target: &Path) -> Result<Self, ReportError> {
        let name = target
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        let dir = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
        Ok(Self {
            target: target.to_path_buf(),
            dir,
            files: Vec::new(),
            committed: false,
        })
    }

    /// Path of `rel` inside the staging directory (parent directories are created); the file
    /// is recorded in the manifest.
    pub fn path(&mut self, rel: &str) -> Result<PathBuf, ReportError> {
        let p = self.dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        }
        self.files.push(rel.to_string());
        Ok(p)
    }

    /// Write a text file.
    pub fn write(&mut self, rel: &str, text: &str) -> Result<(), ReportError> {
        let p = self.path(rel)?;
        std::fs::write(&p, text).map_err(|e| io_err(&p, e))
    }

    /// Files recorded so far (paths relative to the output directory, in writing order);
    /// `manifest.json` comes last, at [`Staging::commit`].
    pub fn files(&self) -> &[String] {
        &self.files
    }

    /// The staging directory (for writers that take a directory).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Record files written by other means under `rel_dir`.
    pub fn record_dir(&mut self, rel_dir: &str) -> Result<(), ReportError> {
        let d = self.dir.join(rel_dir);
        let mut names: Vec<String> = std::fs::read_dir(&d)
            .map_err(|e| io_err(&d, e))?
            .filter_map(Result::ok)
            .map(|e| format!("{rel_dir}/{}", e.file_name().to_string_lossy()))
            .collect();
        names.sort();
        self.files.extend(names);
        Ok(())
    }

    /// Write the manifest and move the directory into place, replacing an older one.
    pub fn commit(mut self, manifest: &serde_json::Value) -> Result<PathBuf, ReportError> {
        let mut m = manifest.clone();
        m["files"] = serde_json::json!(self.files);
        let p = self.dir.join("manifest.json");
        let text = serde_json::to_string_pretty(&m)
            .map_err(|e| ReportError::encode("manifest.json", e))?;
        std::fs::write(&p, text).map_err(|e| io_err(&p, e))?;
        if self.target.exists() {
            let old = self.dir.with_extension("old");
            std::fs::rename(&self.target, &old).map_err(|e| io_err(&self.target, e))?;
            std::fs::rename(&self.dir, &self.target).map_err(|e| io_err(&self.target, e))?;
            std::fs::remove_dir_all(&old).map_err(|e| io_err(&old, e))?;
        } else {
            std::fs::rename(&self.dir, &self.target).map_err(|e| io_err(&self.target, e))?;
        }
        self.committed = true;
        Ok(self.target.clone())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_cleans_up() {
        let base = std::env::temp_dir().join(format!("aprime-staging-{}", std::process::id()));
        let target = base.join("out");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("stale.csv"), "old").unwrap();
        {
            let mut s = Staging::new(&target).unwrap();
            s.write("a.csv", "x").unwrap();
            // Dropped without commit: the old output is untouched, the staging dir is gone.
        }
        assert!(target.join("stale.csv").exists());
        assert_eq!(std::fs::read_dir(&base).unwrap().count(), 1);
        let mut s = Staging::new(&target).unwrap();
        s.write("sub/b.csv", "y").unwrap();
        s.commit(&serde_json::json!({"status": "complete"}))
            .unwrap();
        assert!(!target.join("stale.csv").exists());
        assert!(target.join("sub/b.csv").exists());
        let m: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(target.join("manifest.json")).unwrap())
                .unwrap();
        assert_eq!(m["files"][0], "sub/b.csv");
        std::fs::remove_dir_all(base).ok();
    }

    #[test]
    fn an_unwritable_place_is_a_one_line_typed_error() {
        // /proc refuses new directories, even to root.
        let e = Staging::new(Path::new("/proc/aprime-test/out")).unwrap_err();
        assert!(matches!(e, ReportError::Write { .. }), "{e:?}");
        let text = e.to_string();
        assert_eq!(text, "cannot write /proc/aprime-test");
        assert!(std::error::Error::source(&e).is_some());
    }
}
