//! Bad event files: every missing and mistyped column is named in one error; corrupted or
//! truncated files give typed errors (never a panic).

use std::sync::Arc;

use aprime_detector::io::{self, EventFileError, Metadata};
use aprime_detector::{COLUMNS, Process};
use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;

fn events(n: usize) -> Vec<aprime_detector::Event> {
    (0..n)
        .map(|i| {
            let mut e = io::blank_event();
            e.event = i as u64;
            e.process = Process::Upstream;
            e.e_ecal_gev = 60.0 + i as f64;
            e
        })
        .collect()
}

#[test]
fn csv_missing_columns_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.csv");
    let keep: Vec<&str> = COLUMNS
        .iter()
        .map(|c| c.0)
        .filter(|c| !matches!(*c, "weight" | "e_hcal3_gev" | "srd2_mev"))
        .collect();
    std::fs::write(&p, format!("{}\n", keep.join(","))).unwrap();
    let err = io::read_events(&p).unwrap_err();
    let EventFileError::Columns { missing, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!(missing, &["weight", "srd2_mev", "e_hcal3_gev"]);
    let msg = err.to_string();
    assert!(msg.contains("weight") && msg.contains("e_hcal3_gev") && msg.contains("srd2_mev"));
}

#[test]
fn parquet_missing_and_mistyped_columns_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.parquet");
    // A user file: e_ecal_gev as text, trigger as float, weight missing, run as Int64 (fine),
    // e_hcal1_gev as Int64 (fine: integers convert to f64).
    let mut fields = Vec::new();
    let mut cols: Vec<ArrayRef> = Vec::new();
    for (name, ty) in COLUMNS {
        match (*name, *ty) {
            ("weight", _) => {}
            ("e_ecal_gev", _) => {
                fields.push(Field::new(*name, DataType::Utf8, false));
                cols.push(Arc::new(StringArray::from(vec!["12.5"])));
            }
            ("trigger", _) => {
                fields.push(Field::new(*name, DataType::Float64, false));
                cols.push(Arc::new(Float64Array::from(vec![1.0])));
            }
            ("process", _) => {
                fields.push(Field::new(*name, DataType::Utf8, false));
                cols.push(Arc::new(StringArray::from(vec!["signal"])));
            }
            (_, "f64" | "u32" | "u64") => {
                fields.push(Field::new(*name, DataType::Int64, false));
                cols.push(Arc::new(Int64Array::from(vec![1])));
            }
            _ => {
                fields.push(Field::new(*name, DataType::Boolean, false));
                cols.push(Arc::new(arrow_array::BooleanArray::from(vec![true])));
            }
        }
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), cols).unwrap();
    let mut w = ArrowWriter::try_new(std::fs::File::create(&p).unwrap(), schema, None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let err = io::read_events(&p).unwrap_err();
    let EventFileError::Columns {
        missing, mistyped, ..
    } = &err
    else {
        panic!("{err}")
    };
    assert_eq!(missing, &["weight"]);
    let names: Vec<&str> = mistyped.iter().map(|m| m.0.as_str()).collect();
    assert_eq!(names, ["e_ecal_gev", "trigger"]);
    assert!(
        err.to_string()
            .contains("e_ecal_gev (expected f64, found Utf8)"),
        "{err}"
    );
}

#[test]
fn bad_values_name_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v.csv");
    io::write_events(&p, &events(3), &Metadata::default()).unwrap();
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("upstream", "martian");
    std::fs::write(&p, text).unwrap();
    let err = io::read_events(&p).unwrap_err();
    let EventFileError::Value { row, column, .. } = &err else {
        panic!("{err}")
    };
    assert_eq!((*row, column.as_str()), (0, "process"));
    assert!(err.to_string().contains("martian"));
}

#[test]
fn truncated_and_corrupted_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ev = events(5000);
    let p = dir.path().join("t.parquet");
    io::write_events(&p, &ev, &Metadata::default()).unwrap();
    let bytes = std::fs::read(&p).unwrap();
    // Truncations at many points, and byte flips in the data pages and the footer.
    for cut in [
        0,
        3,
        4,
        100,
        bytes.len() / 2,
        bytes.len() - 9,
        bytes.len() - 1,
    ] {
        let q = dir.path().join(format!("cut{cut}.parquet"));
        std::fs::write(&q, &bytes[..cut]).unwrap();
        assert!(io::read_events(&q).is_err(), "truncated at {cut}");
    }
    let mut flipped = 0;
    for pos in (8..bytes.len() - 8).step_by(97) {
        let mut b = bytes.clone();
        b[pos] ^= 0xff;
        let q = dir.path().join("flip.parquet");
        std::fs::write(&q, &b).unwrap();
        // Either an error or (if the flip hit padding/statistics) a readable file: never a panic.
        if io::read_events(&q).is_err() {
            flipped += 1;
        }
    }
    assert!(flipped > 0);
    // Not Parquet at all.
    let q = dir.path().join("text.parquet");
    std::fs::write(&q, "run,event\n1,2\n").unwrap();
    assert!(matches!(
        io::read_events(&q),
        Err(EventFileError::ParquetRead { .. })
    ));
    // CSV cut in the middle of a line.
    let c = dir.path().join("t.csv");
    io::write_events(&c, &ev[..10], &Metadata::default()).unwrap();
    let text = std::fs::read_to_string(&c).unwrap();
    std::fs::write(&c, &text[..text.len() - 20]).unwrap();
    assert!(matches!(
        io::read_events(&c),
        Err(EventFileError::Csv { .. })
    ));
    // Missing file, empty CSV.
    assert!(matches!(
        io::read_events(&dir.path().join("none.parquet")),
        Err(EventFileError::Io { .. })
    ));
    let e = dir.path().join("empty.csv");
    std::fs::write(&e, "").unwrap();
    assert!(matches!(
        io::read_events(&e),
        Err(EventFileError::Csv { .. })
    ));
}
