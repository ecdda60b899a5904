//! The event-file formats and their batch size.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Events per Parquet row group (and per read batch).
pub const ROW_GROUP: usize = 65_536;

/// File format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Apache Parquet (zstd-compressed columns, row groups of [`ROW_GROUP`] events).
    Parquet,
    /// Comma-separated values, header line = column names.
    Csv,
}

impl Format {
    /// From the file extension (`.parquet`/`.pq`, `.csv`), case-insensitive.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "parquet" | "pq" => Some(Self::Parquet),
            "csv" => Some(Self::Csv),
            _ => None,
        }
    }

    /// Name as used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::Parquet => "parquet",
            Self::Csv => "csv",
        }
    }
}
