//! [`EventReader`]: the streaming reader of either format, an iterator of batches.

use std::path::Path;

use crate::event::Event;

use super::csv::CsvReader;
use super::error::{EventFileError, Result};
use super::format::Format;
use super::metadata::{Metadata, csv_sidecar};
#[cfg(feature = "parquet")]
use super::parquet::ParquetReader;

/// Streaming event-file reader: an iterator of batches.
pub struct EventReader {
    inner: Source,
    pub(super) meta: Option<Metadata>,
}

enum Source {
    Csv(CsvReader),
    #[cfg(feature = "parquet")]
    Parquet(Box<ParquetReader>),
}

impl std::fmt::Debug for EventReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventReader")
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

impl EventReader {
    /// Open `path` (format from the extension when `None`) and check its columns.
    pub fn open(path: &Path, format: Option<Format>) -> Result<Self> {
        let format = format
            .or_else(|| Format::from_path(path))
            .ok_or_else(|| EventFileError::unknown_format(path))?;
        match format {
            Format::Csv => {
                let r = CsvReader::open(path)?;
                let side = csv_sidecar(path);
                let meta = if side.exists() {
                    let text =
                        std::fs::read_to_string(&side).map_err(|e| EventFileError::io(&side, e))?;
                    Some(Metadata::from_json(&side, &text)?)
                } else {
                    None
                };
                Ok(Self {
                    inner: Source::Csv(r),
                    meta,
                })
            }
            Format::Parquet => {
                #[cfg(feature = "parquet")]
                {
                    let r = ParquetReader::open(path)?;
                    let meta = r.meta.clone();
                    Ok(Self {
                        inner: Source::Parquet(Box::new(r)),
                        meta,
                    })
                }
                #[cfg(not(feature = "parquet"))]
                {
                    Err(EventFileError::ParquetDisabled {
                        path: path.display().to_string(),
                    })
                }
            }
        }
    }

    /// The file's metadata (`None` for files not written by aprime).
    pub fn metadata(&self) -> Option<&Metadata> {
        self.meta.as_ref()
    }

    /// Total rows when known up front (Parquet).
    pub fn rows(&self) -> Option<u64> {
        match &self.inner {
            Source::Csv(_) => None,
            #[cfg(feature = "parquet")]
            Source::Parquet(r) => Some(r.rows),
        }
    }
}

impl Iterator for EventReader {
    type Item = Result<Vec<Event>>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Source::Csv(r) => r.next_batch(),
            #[cfg(feature = "parquet")]
            Source::Parquet(r) => r.next_batch(),
        }
    }
}
