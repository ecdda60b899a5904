//! Event files: Parquet (default, needs the `parquet` feature) and CSV, one row per [`Event`],
//! columns = [`COLUMNS`] (names carry the units).
//!
//! * **Writing** is atomic: rows go to a hidden temporary file in the destination directory
//!   (`.NAME.partial-PID-N`, which never ends in `.parquet`/`.csv`), which is flushed, fsynced and
//!   then renamed over the destination. A crash leaves at most that temporary file, never a file
//!   that looks complete; an existing destination is replaced only by a complete new file. A
//!   writer dropped without [`EventWriter::finish`] removes its temporary file.
//! * **Streaming**: [`EventWriter::write`] can be called many times; Parquet row groups hold
//!   [`ROW_GROUP`] events, so memory stays bounded for 1e6+ events. [`EventReader`] yields
//!   batches.
//! * **Metadata** ([`Metadata`]: preset, EOT-equivalent, seed, version, shard, runs, masses) is
//!   a JSON string under the Parquet key-value key [`METADATA_KEY`]; a CSV file gets it in a
//!   sidecar `NAME.csv.meta.json` (written before the CSV is renamed into place), so the CSV
//!   itself is a plain table whose first line is the header.
//! * **Reading** user files: columns are matched by name in any order, extra columns are
//!   ignored. All missing and all mistyped columns are reported together
//!   ([`IoError::Columns`]). Parquet numeric columns are accepted from any integer or float
//!   type that converts without loss of meaning (integers for `f64` columns; non-negative
//!   integers for `u32`/`u64` columns); `bool` columns must be Boolean (CSV: `true/false/1/0`);
//!   `process` must be one of [`Process::name`]. A corrupted or truncated file gives a typed
//!   error, never a panic.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::event::{COLUMNS, Event, Process};

/// Parquet key-value key holding the JSON [`Metadata`].
pub const METADATA_KEY: &str = "aprime.events.metadata";
/// Format tag written into [`Metadata::format`].
pub const FORMAT_TAG: &str = "aprime-events-1";
/// Events per Parquet row group (and per read batch).
pub const ROW_GROUP: usize = 65_536;

/// Errors of event-file reading and writing.
#[derive(Debug, thiserror::Error)]
pub enum IoError {
    /// Operating-system error on a file.
    #[error("{path}: {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
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
    #[error("{path}: not a readable Parquet event file: {message}")]
    Parquet {
        /// File.
        path: String,
        /// Cause.
        message: String,
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
    #[error("{path}: malformed event-file metadata: {message}")]
    Metadata {
        /// File.
        path: String,
        /// Cause.
        message: String,
    },
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

/// Result of this module.
pub type Result<T> = std::result::Result<T, IoError>;

fn io_err(path: &Path, source: std::io::Error) -> IoError {
    IoError::Io {
        path: path.display().to_string(),
        source,
    }
}

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
    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("metadata serialises")
    }

    fn from_json(path: &Path, s: &str) -> Result<Self> {
        serde_json::from_str(s).map_err(|e| IoError::Metadata {
            path: path.display().to_string(),
            message: e.to_string(),
        })
    }
}

/// Sidecar metadata file of a CSV event file: `NAME.csv.meta.json`.
pub fn csv_sidecar(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".meta.json");
    PathBuf::from(s)
}

// ---- atomic files ---------------------------------------------------------------------------

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
                io_err(
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
            .map_err(|e| io_err(&temp, e))?;
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
        f.sync_all().map_err(|e| io_err(&self.temp, e))?;
        drop(f);
        std::fs::rename(&self.temp, &self.dest).map_err(|e| io_err(&self.dest, e))?;
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

/// Write `bytes` atomically to `dest`.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = AtomicFile::create(dest)?;
    f.file().write_all(bytes).map_err(|e| io_err(dest, e))?;
    f.commit()
}

// ---- writer ---------------------------------------------------------------------------------

enum Sink {
    Csv(BufWriter<AtomicFile>),
    #[cfg(feature = "parquet")]
    Parquet(Box<pq::Writer>),
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file().flush()
    }
}

/// Streaming, atomic event-file writer.
pub struct EventWriter {
    path: PathBuf,
    sink: Sink,
    meta: Metadata,
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
        let format =
            format
                .or_else(|| Format::from_path(path))
                .ok_or_else(|| IoError::UnknownFormat {
                    path: path.display().to_string(),
                })?;
        let sink = match format {
            Format::Csv => {
                let f = AtomicFile::create(path)?;
                let mut w = BufWriter::with_capacity(1 << 20, f);
                let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
                writeln!(w, "{}", header.join(",")).map_err(|e| io_err(path, e))?;
                Sink::Csv(w)
            }
            Format::Parquet => {
                #[cfg(feature = "parquet")]
                {
                    Sink::Parquet(Box::new(pq::Writer::create(path, meta)?))
                }
                #[cfg(not(feature = "parquet"))]
                {
                    return Err(IoError::ParquetDisabled {
                        path: path.display().to_string(),
                    });
                }
            }
        };
        Ok(Self {
            path: path.to_path_buf(),
            sink,
            meta: meta.clone(),
            rows: 0,
        })
    }

    /// Append events.
    pub fn write(&mut self, events: &[Event]) -> Result<()> {
        match &mut self.sink {
            Sink::Csv(w) => {
                let mut line = String::with_capacity(512);
                for e in events {
                    line.clear();
                    csv_row(e, &mut line);
                    w.write_all(line.as_bytes())
                        .map_err(|err| io_err(&self.path, err))?;
                }
            }
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
        let path = self.path;
        match self.sink {
            Sink::Csv(w) => {
                let f = w.into_inner().map_err(|e| io_err(&path, e.into_error()))?;
                write_atomic(&csv_sidecar(&path), self.meta.to_json().as_bytes())?;
                f.commit()
            }
            #[cfg(feature = "parquet")]
            Sink::Parquet(w) => w.finish(),
        }
    }
}

/// Write `events` with `meta` to `path` (format from the extension), atomically.
pub fn write_events(path: &Path, events: &[Event], meta: &Metadata) -> Result<()> {
    let mut w = EventWriter::create(path, None, meta)?;
    for chunk in events.chunks(ROW_GROUP) {
        w.write(chunk)?;
    }
    w.finish()
}

fn csv_row(e: &Event, s: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(
        s,
        "{},{},{},{:?},{:?},{:?},{},{:?},{:?},{},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{:?},{},{}",
        e.run,
        e.event,
        e.process.name(),
        e.weight,
        e.mass_gev,
        e.true_emiss_gev,
        e.n_tracks,
        e.p_track_gev,
        e.track_angle_mrad,
        e.straw_hits,
        e.srd1_mev,
        e.srd2_mev,
        e.srd3_mev,
        e.e_ecal_gev,
        e.e_ps_gev,
        e.ecal_max_cell_fraction,
        e.ecal_shape_chi2,
        e.ecal_x_cm,
        e.ecal_y_cm,
        e.e_veto_mev,
        e.e_hcal1_gev,
        e.e_hcal2_gev,
        e.e_hcal3_gev,
        e.e_hcal4_gev,
        e.e_hcal0_gev,
        e.pileup,
        e.trigger,
    );
    s.push('\n');
}

// ---- reader ---------------------------------------------------------------------------------

/// Streaming event-file reader: an iterator of batches.
pub struct EventReader {
    inner: ReaderInner,
    meta: Option<Metadata>,
}

enum ReaderInner {
    Csv(CsvReader),
    #[cfg(feature = "parquet")]
    Parquet(Box<pq::Reader>),
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
        let format =
            format
                .or_else(|| Format::from_path(path))
                .ok_or_else(|| IoError::UnknownFormat {
                    path: path.display().to_string(),
                })?;
        match format {
            Format::Csv => {
                let r = CsvReader::open(path)?;
                let side = csv_sidecar(path);
                let meta = if side.exists() {
                    let text = std::fs::read_to_string(&side).map_err(|e| io_err(&side, e))?;
                    Some(Metadata::from_json(&side, &text)?)
                } else {
                    None
                };
                Ok(Self {
                    inner: ReaderInner::Csv(r),
                    meta,
                })
            }
            Format::Parquet => {
                #[cfg(feature = "parquet")]
                {
                    let r = pq::Reader::open(path)?;
                    let meta = r.meta.clone();
                    Ok(Self {
                        inner: ReaderInner::Parquet(Box::new(r)),
                        meta,
                    })
                }
                #[cfg(not(feature = "parquet"))]
                {
                    Err(IoError::ParquetDisabled {
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
            ReaderInner::Csv(_) => None,
            #[cfg(feature = "parquet")]
            ReaderInner::Parquet(r) => Some(r.rows),
        }
    }
}

impl Iterator for EventReader {
    type Item = Result<Vec<Event>>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            ReaderInner::Csv(r) => r.next_batch(),
            #[cfg(feature = "parquet")]
            ReaderInner::Parquet(r) => r.next_batch(),
        }
    }
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

/// Column kind as in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    U32,
    U64,
    F64,
    Bool,
    Str,
}

fn kind_of(t: &str) -> Kind {
    match t {
        "u32" => Kind::U32,
        "u64" => Kind::U64,
        "bool" => Kind::Bool,
        "str" => Kind::Str,
        _ => Kind::F64,
    }
}

/// A typed cell on its way into an [`Event`].
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    U(u64),
    F(f64),
    B(bool),
    S(&'a str),
}

/// Set column `col` (index into [`COLUMNS`]) of `e`; `Err(message)` on an unusable value.
fn set_field(e: &mut Event, col: usize, v: Cell<'_>) -> std::result::Result<(), String> {
    let f = |v: Cell<'_>| match v {
        Cell::F(x) => Ok(x),
        Cell::U(x) => Ok(x as f64),
        _ => Err("expected a number".to_string()),
    };
    let u = |v: Cell<'_>, max: u64| match v {
        Cell::U(x) if x <= max => Ok(x),
        Cell::U(x) => Err(format!("{x} is out of range")),
        _ => Err("expected a non-negative integer".to_string()),
    };
    let b = |v: Cell<'_>| match v {
        Cell::B(x) => Ok(x),
        _ => Err("expected a boolean".to_string()),
    };
    match COLUMNS[col].0 {
        "run" => e.run = u(v, u64::from(u32::MAX))? as u32,
        "event" => e.event = u(v, u64::MAX)?,
        "process" => {
            let Cell::S(s) = v else {
                return Err("expected a process name".into());
            };
            e.process = Process::from_name(s.trim()).ok_or_else(|| {
                format!(
                    "unknown process '{s}' (known: {})",
                    Process::ALL.map(Process::name).join(", ")
                )
            })?;
        }
        "weight" => e.weight = f(v)?,
        "mass_gev" => e.mass_gev = f(v)?,
        "true_emiss_gev" => e.true_emiss_gev = f(v)?,
        "n_tracks" => e.n_tracks = u(v, u64::from(u32::MAX))? as u32,
        "p_track_gev" => e.p_track_gev = f(v)?,
        "track_angle_mrad" => e.track_angle_mrad = f(v)?,
        "straw_hits" => e.straw_hits = u(v, u64::from(u32::MAX))? as u32,
        "srd1_mev" => e.srd1_mev = f(v)?,
        "srd2_mev" => e.srd2_mev = f(v)?,
        "srd3_mev" => e.srd3_mev = f(v)?,
        "e_ecal_gev" => e.e_ecal_gev = f(v)?,
        "e_ps_gev" => e.e_ps_gev = f(v)?,
        "ecal_max_cell_fraction" => e.ecal_max_cell_fraction = f(v)?,
        "ecal_shape_chi2" => e.ecal_shape_chi2 = f(v)?,
        "ecal_x_cm" => e.ecal_x_cm = f(v)?,
        "ecal_y_cm" => e.ecal_y_cm = f(v)?,
        "e_veto_mev" => e.e_veto_mev = f(v)?,
        "e_hcal1_gev" => e.e_hcal1_gev = f(v)?,
        "e_hcal2_gev" => e.e_hcal2_gev = f(v)?,
        "e_hcal3_gev" => e.e_hcal3_gev = f(v)?,
        "e_hcal4_gev" => e.e_hcal4_gev = f(v)?,
        "e_hcal0_gev" => e.e_hcal0_gev = f(v)?,
        "pileup" => e.pileup = b(v)?,
        "trigger" => e.trigger = b(v)?,
        other => return Err(format!("internal: unhandled column {other}")),
    }
    Ok(())
}

/// An all-zero event to be filled column by column.
pub fn blank_event() -> Event {
    Event {
        run: 0,
        event: 0,
        process: Process::EmShower,
        weight: 0.0,
        mass_gev: 0.0,
        true_emiss_gev: 0.0,
        n_tracks: 0,
        p_track_gev: 0.0,
        track_angle_mrad: 0.0,
        straw_hits: 0,
        srd1_mev: 0.0,
        srd2_mev: 0.0,
        srd3_mev: 0.0,
        e_ecal_gev: 0.0,
        e_ps_gev: 0.0,
        ecal_max_cell_fraction: 0.0,
        ecal_shape_chi2: 0.0,
        ecal_x_cm: 0.0,
        ecal_y_cm: 0.0,
        e_veto_mev: 0.0,
        e_hcal1_gev: 0.0,
        e_hcal2_gev: 0.0,
        e_hcal3_gev: 0.0,
        e_hcal4_gev: 0.0,
        e_hcal0_gev: 0.0,
        pileup: false,
        trigger: false,
    }
}

// ---- CSV reader -----------------------------------------------------------------------------

struct CsvReader {
    path: PathBuf,
    lines: std::io::Lines<BufReader<File>>,
    /// For each of COLUMNS, its position in the file's header.
    pos: Vec<usize>,
    n_fields: usize,
    line: u64,
    row: u64,
    done: bool,
}

fn unquote(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(t)
}

impl CsvReader {
    fn open(path: &Path) -> Result<Self> {
        let f = File::open(path).map_err(|e| io_err(path, e))?;
        let mut lines = BufReader::new(f).lines();
        let p = path.display().to_string();
        let header = match lines.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => {
                return Err(IoError::Csv {
                    path: p,
                    line: 1,
                    message: format!("unreadable header: {e}"),
                });
            }
            None => {
                return Err(IoError::Csv {
                    path: p,
                    line: 1,
                    message: "empty file (no header line)".into(),
                });
            }
        };
        let header = header.trim_start_matches('\u{feff}');
        let names: Vec<&str> = header.split(',').map(unquote).collect();
        let mut pos = Vec::with_capacity(COLUMNS.len());
        let mut missing = Vec::new();
        for (c, _) in COLUMNS {
            match names.iter().position(|n| n == c) {
                Some(i) => pos.push(i),
                None => missing.push((*c).to_string()),
            }
        }
        if !missing.is_empty() {
            return Err(IoError::Columns {
                path: p,
                missing,
                mistyped: Vec::new(),
            });
        }
        Ok(Self {
            path: path.to_path_buf(),
            lines,
            pos,
            n_fields: names.len(),
            line: 1,
            row: 0,
            done: false,
        })
    }

    fn parse_line(&self, text: &str) -> Result<Event> {
        let fields: Vec<&str> = text.split(',').map(unquote).collect();
        if fields.len() != self.n_fields {
            return Err(IoError::Csv {
                path: self.path.display().to_string(),
                line: self.line,
                message: format!(
                    "{} fields, the header has {} (truncated or malformed line)",
                    fields.len(),
                    self.n_fields
                ),
            });
        }
        let mut e = blank_event();
        for (k, (name, ty)) in COLUMNS.iter().enumerate() {
            let s = fields[self.pos[k]];
            let bad = |message: String| IoError::Value {
                path: self.path.display().to_string(),
                row: self.row,
                column: (*name).to_string(),
                message: format!("line {}: {message}", self.line),
            };
            let cell = match kind_of(ty) {
                Kind::U32 | Kind::U64 => Cell::U(
                    s.parse::<u64>()
                        .map_err(|_| bad(format!("'{s}' is not a non-negative integer")))?,
                ),
                Kind::F64 => Cell::F(
                    s.parse::<f64>()
                        .map_err(|_| bad(format!("'{s}' is not a number")))?,
                ),
                Kind::Bool => Cell::B(match s.to_ascii_lowercase().as_str() {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(bad(format!("'{s}' is not a boolean (true/false/1/0)"))),
                }),
                Kind::Str => Cell::S(s),
            };
            set_field(&mut e, k, cell).map_err(bad)?;
        }
        Ok(e)
    }

    fn next_batch(&mut self) -> Option<Result<Vec<Event>>> {
        if self.done {
            return None;
        }
        let mut out = Vec::new();
        while out.len() < ROW_GROUP {
            match self.lines.next() {
                None => {
                    self.done = true;
                    break;
                }
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(IoError::Csv {
                        path: self.path.display().to_string(),
                        line: self.line + 1,
                        message: format!("unreadable line: {e}"),
                    }));
                }
                Some(Ok(l)) => {
                    self.line += 1;
                    if l.trim().is_empty() {
                        continue;
                    }
                    match self.parse_line(&l) {
                        Ok(e) => out.push(e),
                        Err(err) => {
                            self.done = true;
                            return Some(Err(err));
                        }
                    }
                    self.row += 1;
                }
            }
        }
        if out.is_empty() && self.done {
            None
        } else {
            Some(Ok(out))
        }
    }
}

// ---- Parquet --------------------------------------------------------------------------------

#[cfg(feature = "parquet")]
mod pq {
    use std::fs::File;
    use std::panic::{AssertUnwindSafe, catch_unwind};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use arrow_array::cast::AsArray;
    use arrow_array::types::{
        Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
        UInt32Type, UInt64Type,
    };
    use arrow_array::{
        Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt32Array,
        UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use parquet::arrow::ArrowWriter;
    use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
    use parquet::basic::{Compression, ZstdLevel};
    use parquet::file::metadata::KeyValue;
    use parquet::file::properties::WriterProperties;

    use super::{
        AtomicFile, COLUMNS, Cell, Event, IoError, Kind, METADATA_KEY, Metadata, ROW_GROUP, Result,
        blank_event, kind_of, set_field,
    };

    fn perr(path: &Path, e: impl std::fmt::Display) -> IoError {
        IoError::Parquet {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }

    fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
        p.downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "reader panicked".into())
    }

    fn data_type(t: &str) -> DataType {
        match kind_of(t) {
            Kind::U32 => DataType::UInt32,
            Kind::U64 => DataType::UInt64,
            Kind::F64 => DataType::Float64,
            Kind::Bool => DataType::Boolean,
            Kind::Str => DataType::Utf8,
        }
    }

    /// The schema of event files.
    pub fn schema() -> SchemaRef {
        Arc::new(Schema::new(
            COLUMNS
                .iter()
                .map(|(n, t)| Field::new(*n, data_type(t), false))
                .collect::<Vec<_>>(),
        ))
    }

    pub struct Writer {
        path: PathBuf,
        arrow: Option<ArrowWriter<AtomicFile>>,
        schema: SchemaRef,
        pending: Vec<Event>,
    }

    impl Writer {
        pub fn create(path: &Path, meta: &Metadata) -> Result<Self> {
            let file = AtomicFile::create(path)?;
            let schema = schema();
            let props = WriterProperties::builder()
                .set_compression(Compression::ZSTD(ZstdLevel::try_new(3).expect("level 3")))
                .set_max_row_group_size(ROW_GROUP)
                .set_key_value_metadata(Some(vec![KeyValue::new(
                    METADATA_KEY.to_string(),
                    meta.to_json(),
                )]))
                .set_created_by(format!("aprime-detector {}", env!("CARGO_PKG_VERSION")))
                .build();
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props))
                .map_err(|e| perr(path, e))?;
            Ok(Self {
                path: path.to_path_buf(),
                arrow: Some(writer),
                schema,
                pending: Vec::new(),
            })
        }

        pub fn write(&mut self, events: &[Event]) -> Result<()> {
            self.pending.extend_from_slice(events);
            while self.pending.len() >= ROW_GROUP {
                let rest = self.pending.split_off(ROW_GROUP);
                let batch = std::mem::replace(&mut self.pending, rest);
                self.flush_batch(&batch)?;
            }
            Ok(())
        }

        fn flush_batch(&mut self, events: &[Event]) -> Result<()> {
            if events.is_empty() {
                return Ok(());
            }
            let batch = to_batch(&self.schema, events).map_err(|e| perr(&self.path, e))?;
            let w = self.arrow.as_mut().expect("open until finish");
            w.write(&batch).map_err(|e| perr(&self.path, e))?;
            w.flush().map_err(|e| perr(&self.path, e))
        }

        pub fn finish(mut self) -> Result<()> {
            let rest = std::mem::take(&mut self.pending);
            self.flush_batch(&rest)?;
            let w = self.arrow.take().expect("open until finish");
            let file = w.into_inner().map_err(|e| perr(&self.path, e))?;
            file.commit()
        }
    }

    fn to_batch(
        schema: &SchemaRef,
        ev: &[Event],
    ) -> std::result::Result<RecordBatch, arrow_schema::ArrowError> {
        let f = |g: fn(&Event) -> f64| -> ArrayRef {
            Arc::new(Float64Array::from_iter_values(ev.iter().map(g)))
        };
        let u32c = |g: fn(&Event) -> u32| -> ArrayRef {
            Arc::new(UInt32Array::from_iter_values(ev.iter().map(g)))
        };
        let b = |g: fn(&Event) -> bool| -> ArrayRef {
            Arc::new(BooleanArray::from(ev.iter().map(g).collect::<Vec<_>>()))
        };
        let cols: Vec<ArrayRef> = COLUMNS
            .iter()
            .map(|(name, _)| match *name {
                "run" => u32c(|e| e.run),
                "event" => {
                    Arc::new(UInt64Array::from_iter_values(ev.iter().map(|e| e.event))) as ArrayRef
                }
                "process" => Arc::new(StringArray::from_iter_values(
                    ev.iter().map(|e| e.process.name()),
                )) as ArrayRef,
                "weight" => f(|e| e.weight),
                "mass_gev" => f(|e| e.mass_gev),
                "true_emiss_gev" => f(|e| e.true_emiss_gev),
                "n_tracks" => u32c(|e| e.n_tracks),
                "p_track_gev" => f(|e| e.p_track_gev),
                "track_angle_mrad" => f(|e| e.track_angle_mrad),
                "straw_hits" => u32c(|e| e.straw_hits),
                "srd1_mev" => f(|e| e.srd1_mev),
                "srd2_mev" => f(|e| e.srd2_mev),
                "srd3_mev" => f(|e| e.srd3_mev),
                "e_ecal_gev" => f(|e| e.e_ecal_gev),
                "e_ps_gev" => f(|e| e.e_ps_gev),
                "ecal_max_cell_fraction" => f(|e| e.ecal_max_cell_fraction),
                "ecal_shape_chi2" => f(|e| e.ecal_shape_chi2),
                "ecal_x_cm" => f(|e| e.ecal_x_cm),
                "ecal_y_cm" => f(|e| e.ecal_y_cm),
                "e_veto_mev" => f(|e| e.e_veto_mev),
                "e_hcal1_gev" => f(|e| e.e_hcal1_gev),
                "e_hcal2_gev" => f(|e| e.e_hcal2_gev),
                "e_hcal3_gev" => f(|e| e.e_hcal3_gev),
                "e_hcal4_gev" => f(|e| e.e_hcal4_gev),
                "e_hcal0_gev" => f(|e| e.e_hcal0_gev),
                "pileup" => b(|e| e.pileup),
                "trigger" => b(|e| e.trigger),
                other => unreachable!("column {other} has no writer"),
            })
            .collect();
        RecordBatch::try_new(schema.clone(), cols)
    }

    pub struct Reader {
        path: PathBuf,
        inner: Option<ParquetRecordBatchReader>,
        /// For each of COLUMNS, its index in the (projected) batches.
        pos: Vec<usize>,
        pub meta: Option<Metadata>,
        pub rows: u64,
        row: u64,
    }

    fn type_name(t: &DataType) -> String {
        format!("{t}")
    }

    fn accepts(kind: Kind, t: &DataType) -> bool {
        use DataType as D;
        let int = matches!(
            t,
            D::Int8 | D::Int16 | D::Int32 | D::Int64 | D::UInt8 | D::UInt16 | D::UInt32 | D::UInt64
        );
        match kind {
            Kind::U32 | Kind::U64 => int,
            Kind::F64 => int || matches!(t, D::Float32 | D::Float64),
            Kind::Bool => matches!(t, D::Boolean),
            Kind::Str => matches!(t, D::Utf8 | D::LargeUtf8 | D::Utf8View),
        }
    }

    impl Reader {
        pub fn open(path: &Path) -> Result<Self> {
            let file = File::open(path).map_err(|e| super::io_err(path, e))?;
            let built = catch_unwind(AssertUnwindSafe(|| {
                ParquetRecordBatchReaderBuilder::try_new(file)
            }))
            .map_err(|p| perr(path, panic_message(p.as_ref())))?
            .map_err(|e| perr(path, e))?;
            let kv = built.metadata().file_metadata().key_value_metadata();
            let meta = match kv.and_then(|kv| kv.iter().find(|k| k.key == METADATA_KEY)) {
                Some(KeyValue { value: Some(v), .. }) => Some(Metadata::from_json(path, v)?),
                _ => None,
            };
            let rows = built.metadata().file_metadata().num_rows().max(0) as u64;
            let schema = built.schema().clone();
            let mut missing = Vec::new();
            let mut mistyped = Vec::new();
            let mut file_idx = Vec::with_capacity(COLUMNS.len());
            for (name, ty) in COLUMNS {
                match schema.index_of(name) {
                    Ok(i) => {
                        let dt = schema.field(i).data_type();
                        if accepts(kind_of(ty), dt) {
                            file_idx.push(i);
                        } else {
                            mistyped.push(((*name).to_string(), (*ty).to_string(), type_name(dt)));
                        }
                    }
                    Err(_) => missing.push((*name).to_string()),
                }
            }
            if !missing.is_empty() || !mistyped.is_empty() {
                return Err(IoError::Columns {
                    path: path.display().to_string(),
                    missing,
                    mistyped,
                });
            }
            // Projection keeps file order: position of each wanted column among the projected.
            let mut sorted = file_idx.clone();
            sorted.sort_unstable();
            let pos = file_idx
                .iter()
                .map(|i| sorted.binary_search(i).expect("present"))
                .collect();
            let mask = parquet::arrow::ProjectionMask::roots(
                built.parquet_schema(),
                sorted.iter().copied(),
            );
            let inner = catch_unwind(AssertUnwindSafe(|| {
                built
                    .with_projection(mask)
                    .with_batch_size(ROW_GROUP)
                    .build()
            }))
            .map_err(|p| perr(path, panic_message(p.as_ref())))?
            .map_err(|e| perr(path, e))?;
            Ok(Self {
                path: path.to_path_buf(),
                inner: Some(inner),
                pos,
                meta,
                rows,
                row: 0,
            })
        }

        pub fn next_batch(&mut self) -> Option<Result<Vec<Event>>> {
            let inner = self.inner.as_mut()?;
            let next = catch_unwind(AssertUnwindSafe(|| inner.next()));
            let batch = match next {
                Err(p) => Err(perr(&self.path, panic_message(p.as_ref()))),
                Ok(None) => {
                    self.inner = None;
                    return None;
                }
                Ok(Some(Err(e))) => Err(perr(&self.path, e)),
                Ok(Some(Ok(b))) => self.convert(&b),
            };
            if batch.is_err() {
                self.inner = None;
            }
            Some(batch)
        }

        fn convert(&mut self, b: &RecordBatch) -> Result<Vec<Event>> {
            let n = b.num_rows();
            let mut out = vec![blank_event(); n];
            for (k, (name, _)) in COLUMNS.iter().enumerate() {
                let col = b.column(self.pos[k]);
                for (r, e) in out.iter_mut().enumerate() {
                    let bad = |message: String| IoError::Value {
                        path: self.path.display().to_string(),
                        row: self.row + r as u64,
                        column: (*name).to_string(),
                        message,
                    };
                    if col.is_null(r) {
                        return Err(bad("null value".into()));
                    }
                    let cell = cell_at(col.as_ref(), r).map_err(&bad)?;
                    set_field(e, k, cell).map_err(bad)?;
                }
            }
            self.row += n as u64;
            Ok(out)
        }
    }

    fn cell_at(a: &dyn Array, r: usize) -> std::result::Result<Cell<'_>, String> {
        use DataType as D;
        let neg = |v: i64| -> std::result::Result<Cell<'static>, String> {
            if v >= 0 {
                Ok(Cell::U(v as u64))
            } else {
                // Negative integers are only meaningful for float columns.
                Ok(Cell::F(v as f64))
            }
        };
        Ok(match a.data_type() {
            D::Float64 => Cell::F(a.as_primitive::<Float64Type>().value(r)),
            D::Float32 => Cell::F(f64::from(a.as_primitive::<Float32Type>().value(r))),
            D::Int8 => neg(i64::from(a.as_primitive::<Int8Type>().value(r)))?,
            D::Int16 => neg(i64::from(a.as_primitive::<Int16Type>().value(r)))?,
            D::Int32 => neg(i64::from(a.as_primitive::<Int32Type>().value(r)))?,
            D::Int64 => neg(a.as_primitive::<Int64Type>().value(r))?,
            D::UInt8 => Cell::U(u64::from(a.as_primitive::<UInt8Type>().value(r))),
            D::UInt16 => Cell::U(u64::from(a.as_primitive::<UInt16Type>().value(r))),
            D::UInt32 => Cell::U(u64::from(a.as_primitive::<UInt32Type>().value(r))),
            D::UInt64 => Cell::U(a.as_primitive::<UInt64Type>().value(r)),
            D::Boolean => Cell::B(a.as_boolean().value(r)),
            D::Utf8 => Cell::S(a.as_string::<i32>().value(r)),
            D::LargeUtf8 => Cell::S(a.as_string::<i64>().value(r)),
            D::Utf8View => Cell::S(a.as_string_view().value(r)),
            other => return Err(format!("unsupported type {other}")),
        })
    }
}

#[cfg(feature = "parquet")]
pub use pq::schema as parquet_schema;
