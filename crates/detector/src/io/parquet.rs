//! Parquet event files (the `parquet` feature): zstd-compressed columns in row groups of
//! [`ROW_GROUP`] events, the [`Metadata`] JSON under the key-value key [`METADATA_KEY`].
//! Reading accepts any integer or float type for `f64` columns, non-negative integers for
//! `u32`/`u64` columns, Boolean for `bool`, any string type for `str`; a corrupted or truncated
//! file (even one that makes the Parquet library panic) gives a typed error.

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
    Array, ArrayRef, BooleanArray, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;

use crate::event::{COLUMNS, Event};

use super::atomic::AtomicFile;
use super::columns::{Cell, Kind, blank_event, kind_of, set_field};
use super::error::{EventFileError, ParquetCause, Result};
use super::format::ROW_GROUP;
use super::metadata::{METADATA_KEY, Metadata};

fn read_err(path: &Path, cause: impl Into<ParquetCause>) -> EventFileError {
    EventFileError::ParquetRead {
        path: path.display().to_string(),
        source: cause.into(),
    }
}

fn write_err(path: &Path, cause: impl Into<ParquetCause>) -> EventFileError {
    EventFileError::ParquetWrite {
        path: path.display().to_string(),
        source: cause.into(),
    }
}

fn panic_cause(p: &(dyn std::any::Any + Send)) -> ParquetCause {
    ParquetCause::Panic(
        p.downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "reader panicked".into()),
    )
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

// ---- writer ---------------------------------------------------------------------------------

/// Streaming, atomic Parquet writer: events are buffered into row groups of [`ROW_GROUP`].
pub(super) struct ParquetWriter {
    path: PathBuf,
    arrow: Option<ArrowWriter<AtomicFile>>,
    schema: SchemaRef,
    pending: Vec<Event>,
}

impl ParquetWriter {
    /// Start writing `path` with `meta` in the footer.
    pub(super) fn create(path: &Path, meta: &Metadata) -> Result<Self> {
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
            .map_err(|e| write_err(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            arrow: Some(writer),
            schema,
            pending: Vec::new(),
        })
    }

    /// Append events; full row groups are written out.
    pub(super) fn write(&mut self, events: &[Event]) -> Result<()> {
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
        let batch = to_batch(&self.schema, events).map_err(|e| write_err(&self.path, e))?;
        let w = self.arrow.as_mut().expect("open until finish");
        w.write(&batch).map_err(|e| write_err(&self.path, e))?;
        w.flush().map_err(|e| write_err(&self.path, e))
    }

    /// Write the last row group and the footer, then rename into place.
    pub(super) fn finish(mut self) -> Result<()> {
        let rest = std::mem::take(&mut self.pending);
        self.flush_batch(&rest)?;
        let w = self.arrow.take().expect("open until finish");
        let file = w.into_inner().map_err(|e| write_err(&self.path, e))?;
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

// ---- reader ---------------------------------------------------------------------------------

/// Streaming Parquet reader: one batch per row group, columns projected and matched by name.
pub(super) struct ParquetReader {
    path: PathBuf,
    inner: Option<ParquetRecordBatchReader>,
    /// For each of COLUMNS, its index in the (projected) batches.
    pos: Vec<usize>,
    /// The file's metadata (`None` for files not written by aprime).
    pub(super) meta: Option<Metadata>,
    /// Rows in the file (from the footer).
    pub(super) rows: u64,
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

impl ParquetReader {
    /// Open `path`, read its footer and check its columns.
    pub(super) fn open(path: &Path) -> Result<Self> {
        let file = File::open(path).map_err(|e| EventFileError::io(path, e))?;
        let built = catch_unwind(AssertUnwindSafe(|| {
            ParquetRecordBatchReaderBuilder::try_new(file)
        }))
        .map_err(|p| read_err(path, panic_cause(p.as_ref())))?
        .map_err(|e| read_err(path, e))?;
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
            return Err(EventFileError::Columns {
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
        let mask =
            parquet::arrow::ProjectionMask::roots(built.parquet_schema(), sorted.iter().copied());
        let inner = catch_unwind(AssertUnwindSafe(|| {
            built
                .with_projection(mask)
                .with_batch_size(ROW_GROUP)
                .build()
        }))
        .map_err(|p| read_err(path, panic_cause(p.as_ref())))?
        .map_err(|e| read_err(path, e))?;
        Ok(Self {
            path: path.to_path_buf(),
            inner: Some(inner),
            pos,
            meta,
            rows,
            row: 0,
        })
    }

    /// The next batch; `None` at the end or after an error.
    pub(super) fn next_batch(&mut self) -> Option<Result<Vec<Event>>> {
        let inner = self.inner.as_mut()?;
        let next = catch_unwind(AssertUnwindSafe(|| inner.next()));
        let batch = match next {
            Err(p) => Err(read_err(&self.path, panic_cause(p.as_ref()))),
            Ok(None) => {
                self.inner = None;
                return None;
            }
            Ok(Some(Err(e))) => Err(read_err(&self.path, e)),
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
                let bad = |message: String| EventFileError::Value {
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
