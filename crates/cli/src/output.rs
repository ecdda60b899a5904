//! What commands print: tables as aligned text (for people), CSV or JSON (for scripts), and
//! JSON values and result files.
//!
//! Column keys carry their unit (`mass_gev`, `sigma_pb`) and are used as CSV headers and JSON
//! keys; labels (`m_A' [GeV]`) are used in the text table.

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context;
use clap::ValueEnum;
use serde_json::{Map, Value};

/// Format of what a command prints on standard output, selected with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Aligned text table.
    #[default]
    Table,
    /// Comma-separated values with a header line.
    Csv,
    /// JSON.
    Json,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// A floating-point number.
    Num(f64),
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Self::Num(v)
    }
}
impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Self::Int(v)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Self::Int(v as i64)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Self::Text(v.to_string())
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Self::Text(v)
    }
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Self::Num(v) => format_number(*v),
            Self::Int(v) => v.to_string(),
            Self::Text(s) => s.clone(),
        }
    }

    fn json(&self) -> Value {
        match self {
            Self::Num(v) => serde_json::Number::from_f64(*v).map_or(Value::Null, Value::Number),
            Self::Int(v) => Value::from(*v),
            Self::Text(s) => Value::from(s.as_str()),
        }
    }
}

/// Six significant digits, plain notation for moderate magnitudes and scientific otherwise.
pub fn format_number(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return v.to_string();
    }
    let mag = v.abs().log10().floor();
    if (-3.0..6.0).contains(&mag) {
        let decimals = (5.0 - mag).max(0.0) as usize;
        format!("{v:.decimals$}")
    } else {
        format!("{v:.5e}")
    }
}

/// A table column: machine key (with unit) and human label.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Key used for CSV headers and JSON objects, e.g. `sigma_pb`.
    pub key: String,
    /// Label used in the text table, e.g. `σ [pb]`.
    pub label: String,
}

/// A table of results.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table with the given `(key, label)` columns.
    pub fn new(columns: &[(&str, &str)]) -> Self {
        Self {
            columns: columns
                .iter()
                .map(|(k, l)| Column {
                    key: (*k).to_string(),
                    label: (*l).to_string(),
                })
                .collect(),
            rows: Vec::new(),
        }
    }

    /// The same table without the columns of `keys` (e.g. the error columns of a wide text
    /// table, kept in CSV and JSON).
    #[must_use]
    pub fn without(&self, keys: &[&str]) -> Self {
        let keep: Vec<bool> = self
            .columns
            .iter()
            .map(|c| !keys.contains(&c.key.as_str()))
            .collect();
        let pick = |cells: &[Cell]| -> Vec<Cell> {
            cells
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect()
        };
        Self {
            columns: self
                .columns
                .iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c.clone())
                .collect(),
            rows: self.rows.iter().map(|r| pick(r)).collect(),
        }
    }

    /// Append a row.
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The rows as a JSON array of objects keyed by column key.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|r| {
                    let mut m = Map::new();
                    for (c, v) in self.columns.iter().zip(r) {
                        m.insert(c.key.clone(), v.json());
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    }

    /// Write the table in the chosen format.
    pub fn write(&self, format: OutputFormat, out: &mut impl Write) -> io::Result<()> {
        match format {
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &self.to_json())?;
                writeln!(out)
            }
            OutputFormat::Csv => {
                let keys: Vec<&str> = self.columns.iter().map(|c| c.key.as_str()).collect();
                writeln!(out, "{}", keys.join(","))?;
                for r in &self.rows {
                    let cells: Vec<String> = r
                        .iter()
                        .map(|c| match c {
                            Cell::Num(v) => format!("{v:e}"),
                            Cell::Text(s) if s.contains(',') => format!("\"{s}\""),
                            other => other.text(),
                        })
                        .collect();
                    writeln!(out, "{}", cells.join(","))?;
                }
                Ok(())
            }
            OutputFormat::Table => {
                let texts: Vec<Vec<String>> = self
                    .rows
                    .iter()
                    .map(|r| r.iter().map(Cell::text).collect())
                    .collect();
                let widths: Vec<usize> = self
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        texts
                            .iter()
                            .map(|r| r[i].chars().count())
                            .chain(std::iter::once(c.label.chars().count()))
                            .max()
                            .unwrap_or(0)
                    })
                    .collect();
                let line = |cells: Vec<&str>| {
                    cells
                        .iter()
                        .zip(&widths)
                        .map(|(s, w)| format!("{s:>w$}"))
                        .collect::<Vec<_>>()
                        .join("  ")
                };
                writeln!(
                    out,
                    "{}",
                    line(self.columns.iter().map(|c| c.label.as_str()).collect())
                )?;
                for r in &texts {
                    writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
                }
                Ok(())
            }
        }
    }

    /// Print to standard output.
    pub fn print(&self, format: OutputFormat) -> io::Result<()> {
        self.write(format, &mut io::stdout().lock())
    }
}

/// Print a single JSON value, pretty.
pub fn print_json(value: &Value) -> io::Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)
}

/// Write a value as one line of JSON to a file, or to standard output for `None` (written
/// directly from the typed value: the exact shower tallies are 128-bit integers, which
/// `serde_json::Value` cannot hold). A file is written atomically ([`write_atomic`]).
pub fn write_json<T: serde::Serialize>(path: Option<&Path>, v: &T) -> anyhow::Result<()> {
    if let Some(p) = path {
        write_atomic(p, |f| {
            serde_json::to_writer(&mut *f, v)?;
            writeln!(f)
        })
    } else {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, v)?;
        writeln!(out)?;
        Ok(())
    }
}

/// Write a file under a temporary name next to it (`.NAME.partial-PID`), flush and sync it,
/// then rename it into place: a file that exists is complete (a shard's output on a cluster
/// is trusted by its existence). The temporary file is removed on failure.
pub fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<std::fs::File>) -> io::Result<()>,
) -> anyhow::Result<()> {
    let name = path.display();
    let file_name = path
        .file_name()
        .with_context(|| format!("{name} is not a file name"))?;
    let temp = path.with_file_name(format!(
        ".{}.partial-{}",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> io::Result<()> {
        let mut f = io::BufWriter::new(std::fs::File::create(&temp)?);
        write(&mut f)?;
        let f = f.into_inner().map_err(io::IntoInnerError::into_error)?;
        f.sync_all()?;
        std::fs::rename(&temp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(e).with_context(|| format!("cannot write {name}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_formats() {
        let mut t = Table::new(&[("mass_gev", "m [GeV]"), ("sigma_pb", "σ [pb]")]);
        t.push(vec![0.1.into(), 1.06e10.into()]);
        let mut csv = Vec::new();
        t.write(OutputFormat::Csv, &mut csv).unwrap();
        assert_eq!(
            String::from_utf8(csv).unwrap(),
            "mass_gev,sigma_pb\n1e-1,1.06e10\n"
        );
        let j = t.to_json();
        assert_eq!(j[0]["sigma_pb"].as_f64(), Some(1.06e10));
        let mut txt = Vec::new();
        t.write(OutputFormat::Table, &mut txt).unwrap();
        assert!(String::from_utf8(txt).unwrap().contains("1.06000e10"));
        let narrow = t.without(&["mass_gev"]);
        assert_eq!(narrow.columns.len(), 1);
        assert_eq!(narrow.rows, vec![vec![Cell::Num(1.06e10)]]);
    }

    #[test]
    fn json_files_appear_whole_or_not_at_all() {
        let dir = std::env::temp_dir().join(format!("aprime-output-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("part.json");
        write_json(Some(&file), &vec![1, 2]).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "[1,2]\n");
        // A directory in the way (a shard output that cannot be renamed into place): an error
        // naming the file, and no temporary file left behind.
        let blocked = dir.join("blocked.json");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        let e = format!("{:#}", write_json(Some(&blocked), &1).unwrap_err());
        assert!(
            e.starts_with("cannot write ") && e.contains("blocked.json"),
            "{e}"
        );
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
