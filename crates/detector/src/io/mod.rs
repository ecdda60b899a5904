//! Event files: Parquet (default, needs the `parquet` feature) and CSV, one row per [`Event`],
//! columns = [`COLUMNS`] (names carry the units).
//!
//! * **Writing** is atomic ([`AtomicFile`]): a crash leaves at most a hidden temporary file,
//!   never a file that looks complete; an existing destination is replaced only by a complete
//!   new file. A writer dropped without [`EventWriter::finish`] removes its temporary file.
//! * **Streaming**: [`EventWriter::write`] can be called many times; Parquet row groups hold
//!   [`ROW_GROUP`] events, so memory stays bounded for 1e6+ events. [`EventReader`] yields
//!   batches.
//! * **Metadata** ([`Metadata`]: preset, EOT-equivalent, seed, version, shard, runs, masses) is
//!   a JSON string under the Parquet key-value key [`METADATA_KEY`]; a CSV file gets it in a
//!   sidecar `NAME.csv.meta.json` (written before the CSV is renamed into place), so the CSV
//!   itself is a plain table whose first line is the header.
//! * **Reading** user files: columns are matched by name in any order, extra columns are
//!   ignored. All missing and all mistyped columns are reported together
//!   ([`EventFileError::Columns`]). Parquet numeric columns are accepted from any integer or
//!   float type that converts without loss of meaning (integers for `f64` columns; non-negative
//!   integers for `u32`/`u64` columns); `bool` columns must be Boolean (CSV: `true/false/1/0`);
//!   `process` must be one of [`Process::name`]. A corrupted or truncated file gives a typed
//!   error, never a panic.
//!
//! [`COLUMNS`]: crate::event::COLUMNS
//! [`Process::name`]: crate::event::Process::name

mod atomic;
mod columns;
mod csv;
mod error;
mod format;
mod metadata;
#[cfg(feature = "parquet")]
mod parquet;
mod reader;
mod writer;

use std::path::Path;

use crate::event::Event;

#[cfg(feature = "parquet")]
pub use self::parquet::schema as parquet_schema;
pub use atomic::{AtomicFile, write_atomic};
pub use columns::blank_event;
#[cfg(feature = "parquet")]
pub use error::ParquetCause;
pub use error::{EventFileError, Result};
pub use format::{Format, ROW_GROUP};
pub use metadata::{FORMAT_TAG, METADATA_KEY, Metadata, RunInfo, csv_sidecar};
pub use reader::EventReader;
pub use writer::EventWriter;

/// Write `events` with `meta` to `path` (format from the extension), atomically.
pub fn write_events(path: &Path, events: &[Event], meta: &Metadata) -> Result<()> {
    let mut w = EventWriter::create(path, None, meta)?;
    for chunk in events.chunks(ROW_GROUP) {
        w.write(chunk)?;
    }
    w.finish()
}

/// Read a whole event file (format from the extension): events and metadata.
pub fn read_events(path: &Path) -> Result<(Vec<Event>, Option<Metadata>)> {
    let mut r = EventReader::open(path, None)?;
    let mut out = Vec::new();
    for b in &mut r {
        out.extend(b?);
    }
    Ok((out, r.meta))
}

/// Read only the metadata of an event file.
pub fn read_metadata(path: &Path) -> Result<Option<Metadata>> {
    Ok(EventReader::open(path, None)?.meta)
}
