//! CSV event files: a plain table whose first line is the header (the [`COLUMNS`] names); the
//! [`Metadata`] goes to the sidecar [`csv_sidecar`], written before the CSV is renamed into
//! place. Reading matches columns by name in any order and ignores extra columns; booleans are
//! `true/false/1/0`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::event::{COLUMNS, Event};

use super::atomic::{AtomicFile, write_atomic};
use super::columns::{Cell, Kind, blank_event, kind_of, set_field};
use super::error::{EventFileError, Result};
use super::format::ROW_GROUP;
use super::metadata::{Metadata, csv_sidecar};

// ---- writer ---------------------------------------------------------------------------------

/// Streaming, atomic CSV writer.
pub(super) struct CsvWriter {
    path: PathBuf,
    out: BufWriter<AtomicFile>,
    meta: Metadata,
}

impl CsvWriter {
    /// Start writing `path`: the header line.
    pub(super) fn create(path: &Path, meta: &Metadata) -> Result<Self> {
        let f = AtomicFile::create(path)?;
        let mut out = BufWriter::with_capacity(1 << 20, f);
        let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        writeln!(out, "{}", header.join(",")).map_err(|e| EventFileError::io(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            out,
            meta: meta.clone(),
        })
    }

    /// Append events, one line each.
    pub(super) fn write(&mut self, events: &[Event]) -> Result<()> {
        let mut line = String::with_capacity(512);
        for e in events {
            line.clear();
            csv_row(e, &mut line);
            self.out
                .write_all(line.as_bytes())
                .map_err(|err| EventFileError::io(&self.path, err))?;
        }
        Ok(())
    }

    /// Flush, write the sidecar, then rename the CSV into place.
    pub(super) fn finish(self) -> Result<()> {
        let path = self.path;
        let f = self
            .out
            .into_inner()
            .map_err(|e| EventFileError::io(&path, e.into_error()))?;
        write_atomic(&csv_sidecar(&path), self.meta.to_json().as_bytes())?;
        f.commit()
    }
}

/// One CSV line of `e` (floats in Rust's shortest round-trip form), appended to `s`.
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

/// Streaming CSV reader: batches of [`ROW_GROUP`] events.
pub(super) struct CsvReader {
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
    /// Open `path` and check its header.
    pub(super) fn open(path: &Path) -> Result<Self> {
        let f = File::open(path).map_err(|e| EventFileError::io(path, e))?;
        let mut lines = BufReader::new(f).lines();
        let p = path.display().to_string();
        let header = match lines.next() {
            Some(Ok(h)) => h,
            Some(Err(source)) => {
                return Err(EventFileError::CsvUnreadable {
                    path: p,
                    line: 1,
                    source,
                });
            }
            None => {
                return Err(EventFileError::Csv {
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
            return Err(EventFileError::Columns {
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
            return Err(EventFileError::Csv {
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
            let bad = |message: String| EventFileError::Value {
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

    /// The next batch; `None` at the end or after an error.
    pub(super) fn next_batch(&mut self) -> Option<Result<Vec<Event>>> {
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
                Some(Err(source)) => {
                    self.done = true;
                    return Some(Err(EventFileError::CsvUnreadable {
                        path: self.path.display().to_string(),
                        line: self.line + 1,
                        source,
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
