//! The error of event-file reading and writing; every variant names the file.

use std::path::Path;

use crate::event::COLUMNS;

/// Errors of event-file reading and writing.
#[derive(Debug, thiserror::Error)]
pub enum EventFileError {
    /// Operating-system error on a file.
    #[error("{path}: {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// The file name has no known extension and no format was given.
    #[error("{path}: unknown event-file format (use a .parquet or .csv file name)")]
    UnknownFormat {
        /// File.
        path: String,
    },
    /// Parquet support was compiled out.
    #[error("{path}: Parquet support is not compiled in (build with the `parquet` feature)")]
    ParquetDisabled {
        /// File.
        path: String,
    },
    /// The Parquet file is not readable (corrupted, truncated, not Parquet).
    #[cfg(feature = "parquet")]
    #[error("{path}: not a readable Parquet event file: {source}")]
    ParquetRead {
        /// File.
        path: String,
        /// Cause.
        #[source]
        source: ParquetCause,
    },
    /// The Parquet file cannot be written.
    #[cfg(feature = "parquet")]
    #[error("{path}: cannot write the Parquet event file: {source}")]
    ParquetWrite {
        /// File.
        path: String,
        /// Cause.
        #[source]
        source: ParquetCause,
    },
    /// Malformed CSV.
    #[error("{path}, line {line}: {message}")]
    Csv {
        /// File.
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A CSV line cannot be read (operating-system error, not UTF-8).
    #[error("{path}, line {line}: unreadable line: {source}")]
    CsvUnreadable {
        /// File.
        path: String,
        /// 1-based line number.
        line: u64,
        /// Cause.
        #[source]
        source: std::io::Error,
    },
    /// Columns missing or of the wrong type; lists all of them.
    #[error("{path}: {}", columns_message(missing, mistyped))]
    Columns {
        /// File.
        path: String,
        /// Required columns not present.
        missing: Vec<String>,
        /// (column, expected type, found type).
        mistyped: Vec<(String, String, String)>,
    },
    /// A value cannot be converted (null, negative count, unknown process, …).
    #[error("{path}, row {row}, column {column}: {message}")]
    Value {
        /// File.
        path: String,
        /// 0-based data row.
        row: u64,
        /// Column name.
        column: String,
        /// What is wrong.
        message: String,
    },
    /// The metadata JSON is malformed.
    #[error("{path}: malformed event-file metadata: {source}")]
    Metadata {
        /// File.
        path: String,
        /// Cause.
        #[source]
        source: serde_json::Error,
    },
}

/// What the Parquet or Arrow library reported.
#[cfg(feature = "parquet")]
#[derive(Debug, thiserror::Error)]
pub enum ParquetCause {
    /// An error of the Parquet library (file structure, pages, footer).
    #[error(transparent)]
    Parquet(#[from] parquet::errors::ParquetError),
    /// An error of the Arrow library (record batches).
    #[error(transparent)]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The Parquet library panicked on a corrupted file; the panic message.
    #[error("the Parquet reader panicked: {0}")]
    Panic(String),
}

/// Result of event-file reading and writing.
pub type Result<T> = std::result::Result<T, EventFileError>;

impl EventFileError {
    /// An operating-system error on `path`.
    pub(super) fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            source,
        }
    }

    /// No format given and none known from the extension of `path`.
    pub(super) fn unknown_format(path: &Path) -> Self {
        Self::UnknownFormat {
            path: path.display().to_string(),
        }
    }
}

fn columns_message(missing: &[String], mistyped: &[(String, String, String)]) -> String {
    let mut parts = Vec::new();
    if !missing.is_empty() {
        parts.push(format!("missing columns: {}", missing.join(", ")));
    }
    if !mistyped.is_empty() {
        let m: Vec<String> = mistyped
            .iter()
            .map(|(c, want, got)| format!("{c} (expected {want}, found {got})"))
            .collect();
        parts.push(format!("mistyped columns: {}", m.join(", ")));
    }
    format!(
        "{}; an event file needs the columns {}",
        parts.join("; "),
        COLUMNS
            .iter()
            .map(|(n, t)| format!("{n}:{t}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
