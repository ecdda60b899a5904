//! [`EventWriter`]: the streaming, atomic writer of either format.

use std::path::{Path, PathBuf};

use crate::event::Event;

use super::csv::CsvWriter;
use super::error::{EventFileError, Result};
use super::format::Format;
use super::metadata::Metadata;
#[cfg(feature = "parquet")]
use super::parquet::ParquetWriter;

enum Sink {
    Csv(Box<CsvWriter>),
    #[cfg(feature = "parquet")]
    Parquet(Box<ParquetWriter>),
}

/// Streaming, atomic event-file writer.
pub struct EventWriter {
    path: PathBuf,
    sink: Sink,
    rows: u64,
}

impl std::fmt::Debug for EventWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventWriter")
            .field("path", &self.path)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl EventWriter {
    /// Start writing `path` in `format` (from the extension when `None`).
    pub fn create(path: &Path, format: Option<Format>, meta: &Metadata) -> Result<Self> {
        let format = format
            .or_else(|| Format::from_path(path))
            .ok_or_else(|| EventFileError::unknown_format(path))?;
        let sink = match format {
            Format::Csv => Sink::Csv(Box::new(CsvWriter::create(path, meta)?)),
            Format::Parquet => {
                #[cfg(feature = "parquet")]
                {
                    Sink::Parquet(Box::new(ParquetWriter::create(path, meta)?))
                }
                #[cfg(not(feature = "parquet"))]
                {
                    return Err(EventFileError::ParquetDisabled {
                        path: path.display().to_string(),
                    });
                }
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            sink,
            rows: 0,
        })
    }

    /// Append events.
    pub fn write(&mut self, events: &[Event]) -> Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => w.write(events)?,
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.write(events)?,
        }
        self.rows += events.len() as u64;
        Ok(())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Finish: flush, fsync, rename into place. Without this call nothing appears.
    pub fn finish(self) -> Result<()> {
        match self.sink {
            Sink::Csv(w) => w.finish(),
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.finish(),
        }
    }
}
