//! What an event file stands for ([`Metadata`], [`RunInfo`]) and where it is stored: a JSON
//! string under the Parquet key [`METADATA_KEY`], or the CSV sidecar [`csv_sidecar`].

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::error::{EventFileError, Result};

/// Parquet key-value key holding the JSON [`Metadata`].
pub const METADATA_KEY: &str = "aprime.events.metadata";
/// Format tag written into [`Metadata::format`].
pub const FORMAT_TAG: &str = "aprime-events-1";

/// One run of the file: name and the EOT-equivalent its events stand for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// Run name from the configuration (index = the `run` column).
    pub name: String,
    /// Electrons on target this run's events stand for.
    pub eot_equivalent: f64,
}

/// What a file stands for (stored with the events; all fields default when absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Metadata {
    /// Format tag, [`FORMAT_TAG`].
    pub format: String,
    /// Writing program and version, e.g. `aprime 0.1.0`.
    pub version: String,
    /// Experiment configuration (preset) name.
    pub preset: String,
    /// Electrons on target the file stands for (Σ over runs); background weights sum to
    /// expected counts for this exposure.
    pub eot_equivalent: f64,
    /// Random seed.
    pub seed: u64,
    /// Shard index (0 for an unsharded or merged file).
    pub shard: u64,
    /// Number of shards (1 for an unsharded or merged file).
    pub of: u64,
    /// Runs; the `run` column indexes this list.
    pub runs: Vec<RunInfo>,
    /// Simulated A' masses \[GeV\].
    pub masses_gev: Vec<f64>,
    /// How signal weights are normalised: signal weights are the expected number of events
    /// for the exposure at ε = 1, i.e. per ε² (multiply by ε²).
    pub signal_weight: String,
    /// The detector configuration used (TOML), for provenance and for merge checks.
    pub detector_toml: String,
    /// Free-form notes (e.g. which rates were tuned).
    pub notes: Vec<String>,
}

impl Default for Metadata {
    fn default() -> Self {
        Self {
            format: FORMAT_TAG.into(),
            version: format!("aprime-detector {}", env!("CARGO_PKG_VERSION")),
            preset: String::new(),
            eot_equivalent: 0.0,
            seed: 0,
            shard: 0,
            of: 1,
            runs: Vec::new(),
            masses_gev: Vec::new(),
            signal_weight: "per_eps2".into(),
            detector_toml: String::new(),
            notes: Vec::new(),
        }
    }
}

impl Metadata {
    /// The JSON stored with the events.
    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).expect("metadata serialises")
    }

    /// Parse the JSON stored with the events of `path`.
    pub(super) fn from_json(path: &Path, s: &str) -> Result<Self> {
        serde_json::from_str(s).map_err(|source| EventFileError::Metadata {
            path: path.display().to_string(),
            source,
        })
    }
}

/// Sidecar metadata file of a CSV event file: `NAME.csv.meta.json`.
pub fn csv_sidecar(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".meta.json");
    PathBuf::from(s)
}
