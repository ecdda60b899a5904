//! Event files: Parquet and CSV round trips are exact (every column, every bit of the floats),
//! metadata travels with the file, batched reading covers files larger than one row group.

use aprime_detector::io::{self, EventReader, EventWriter, Format, Metadata, ROW_GROUP, RunInfo};
use aprime_detector::{Event, Process};

/// Awkward but valid values in every column (tiny, huge, negative, non-round floats).
fn sample(n: usize) -> Vec<Event> {
    (0..n)
        .map(|i| {
            let x = i as f64;
            let mut e = io::blank_event();
            e.run = (i % 3) as u32;
            e.event = i as u64 * 7 + u64::from(i == 5) * (u64::MAX / 2);
            e.process = Process::ALL[i % Process::ALL.len()];
            e.weight = 1.0 / (x + 3.0) * 1e9;
            e.mass_gev = if i % 7 == 0 { 0.0167 } else { 0.0 };
            e.true_emiss_gev = x.sqrt() * 0.1;
            e.n_tracks = (i % 4) as u32;
            e.p_track_gev = 100.0 + (x * 0.37).sin();
            e.track_angle_mrad = 1e-300 * x;
            e.straw_hits = (i % 9) as u32;
            e.srd1_mev = std::f64::consts::PI * x;
            e.srd2_mev = -0.0;
            e.srd3_mev = 1e300;
            e.e_ecal_gev = 99.999_999_999_9 - x * 1e-3;
            e.e_ps_gev = 0.1 + 0.2;
            e.ecal_max_cell_fraction = 2.0_f64.sqrt() / 3.0;
            e.ecal_shape_chi2 = f64::MIN_POSITIVE;
            e.ecal_x_cm = -1.25 * x;
            e.ecal_y_cm = 3.75e-5;
            e.e_veto_mev = 0.5;
            e.e_hcal1_gev = x;
            e.e_hcal2_gev = -x;
            e.e_hcal3_gev = 1.0 / 3.0;
            e.e_hcal4_gev = 7.0;
            e.e_hcal0_gev = 1e-17;
            e.pileup = i % 2 == 0;
            e.trigger = i % 3 != 0;
            e
        })
        .collect()
}

fn meta() -> Metadata {
    Metadata {
        preset: "na64-2016".into(),
        eot_equivalent: 4.3e10,
        seed: 42,
        runs: vec![
            RunInfo {
                name: "I".into(),
                eot_equivalent: 2.3e10,
            },
            RunInfo {
                name: "II".into(),
                eot_equivalent: 2.0e10,
            },
        ],
        masses_gev: vec![0.002, 0.02, 0.2],
        ..Metadata::default()
    }
}

#[test]
fn parquet_and_csv_round_trip_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let ev = sample(1000);
    for name in ["a.parquet", "a.csv"] {
        let p = dir.path().join(name);
        io::write_events(&p, &ev, &meta()).unwrap();
        let (back, m) = io::read_events(&p).unwrap();
        assert_eq!(back.len(), ev.len(), "{name}");
        for (a, b) in ev.iter().zip(&back) {
            // Bitwise equality of the floats (PartialEq would accept -0.0 == 0.0).
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{name}");
        }
        assert_eq!(m.unwrap(), meta(), "{name}");
    }
    // The CSV header is exactly the column list.
    let text = std::fs::read_to_string(dir.path().join("a.csv")).unwrap();
    let header: Vec<&str> = aprime_detector::COLUMNS.iter().map(|c| c.0).collect();
    assert_eq!(text.lines().next().unwrap(), header.join(","));
    assert!(dir.path().join("a.csv.meta.json").exists());
}

#[test]
fn streaming_writer_and_batched_reader_span_several_row_groups() {
    let dir = tempfile::tempdir().unwrap();
    let n = 2 * ROW_GROUP + 123;
    let ev = sample(n);
    let p = dir.path().join("big.parquet");
    let mut w = EventWriter::create(&p, None, &meta()).unwrap();
    for c in ev.chunks(10_000) {
        w.write(c).unwrap();
    }
    assert_eq!(w.rows(), n as u64);
    w.finish().unwrap();
    let r = EventReader::open(&p, None).unwrap();
    assert_eq!(r.rows(), Some(n as u64));
    let batches: Vec<Vec<Event>> = r.map(Result::unwrap).collect();
    assert!(batches.len() >= 3, "{} batches", batches.len());
    assert!(batches.iter().all(|b| b.len() <= ROW_GROUP));
    let all: Vec<Event> = batches.into_iter().flatten().collect();
    assert_eq!(all, ev);
}

#[test]
fn explicit_format_and_unknown_extension() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("events.dat");
    assert!(matches!(
        io::write_events(&p, &sample(3), &meta()),
        Err(io::EventFileError::UnknownFormat { .. })
    ));
    let mut w = EventWriter::create(&p, Some(Format::Csv), &meta()).unwrap();
    w.write(&sample(3)).unwrap();
    w.finish().unwrap();
    let r = EventReader::open(&p, Some(Format::Csv)).unwrap();
    assert_eq!(r.flat_map(Result::unwrap).count(), 3);
}

#[test]
fn user_csv_with_reordered_extra_columns_and_quotes_reads() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("user.csv");
    let mut cols: Vec<&str> = aprime_detector::COLUMNS.iter().map(|c| c.0).collect();
    cols.reverse();
    let mut header = cols.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>();
    header.push("comment".into());
    let values: Vec<String> = cols
        .iter()
        .map(|c| match *c {
            "process" => "dimuon".into(),
            "pileup" | "trigger" => "1".into(),
            "e_ecal_gev" => "42.5".into(),
            _ => "3".into(),
        })
        .collect();
    let text = format!("{}\n{},hello\n\n", header.join(","), values.join(","));
    std::fs::write(&p, text).unwrap();
    let (ev, m) = io::read_events(&p).unwrap();
    assert!(m.is_none());
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].process, Process::Dimuon);
    assert_eq!(ev[0].e_ecal_gev, 42.5);
    assert_eq!(ev[0].n_tracks, 3);
    assert!(ev[0].trigger);
}
