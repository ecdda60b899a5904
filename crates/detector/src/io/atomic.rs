//! Atomic files: written under a hidden temporary name in the destination directory
//! (`.NAME.partial-PID-N`, which never ends in `.parquet`/`.csv`), flushed, fsynced and renamed
//! over the destination, so a crash never leaves a file that looks complete.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::error::{EventFileError, Result};

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`];
/// dropped uncommitted, the temporary file is removed.
#[derive(Debug)]
pub struct AtomicFile {
    dest: PathBuf,
    temp: PathBuf,
    file: Option<File>,
}

impl AtomicFile {
    /// Create the temporary file next to `dest`.
    pub fn create(dest: &Path) -> Result<Self> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .ok_or_else(|| {
                EventFileError::io(
                    dest,
                    std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"),
                )
            })?
            .to_string_lossy()
            .into_owned();
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.partial-{}-{n}", std::process::id()));
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| EventFileError::io(&temp, e))?;
        Ok(Self {
            dest: dest.to_path_buf(),
            temp,
            file: Some(file),
        })
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("open until commit")
    }

    /// Path of the temporary file.
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// fsync and rename over the destination (then fsync the directory, best effort).
    pub fn commit(mut self) -> Result<()> {
        let f = self.file.take().expect("open until commit");
        f.sync_all()
            .map_err(|e| EventFileError::io(&self.temp, e))?;
        drop(f);
        std::fs::rename(&self.temp, &self.dest).map_err(|e| EventFileError::io(&self.dest, e))?;
        if let Some(dir) = self.dest.parent()
            && let Ok(d) = File::open(if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            })
        {
            let _ = d.sync_all();
        }
        self.temp = PathBuf::new();
        Ok(())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if !self.temp.as_os_str().is_empty() {
            self.file.take();
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file().flush()
    }
}

/// Write `bytes` atomically to `dest`.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.file()
        .write_all(bytes)
        .map_err(|e| EventFileError::io(dest, e))?;
    f.commit()
}
