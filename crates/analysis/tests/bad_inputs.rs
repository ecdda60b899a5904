//! Bad inputs give typed errors, never a panic: missing, truncated, corrupted files, files
//! missing columns, events of runs the configuration does not have, impossible values, and
//! files simulated for other runs.

mod common;

use std::path::PathBuf;

use aprime_analysis::{AnalysisError, Options, analyze, analyze_file};
use aprime_detector::{Metadata, RunInfo, write_events};
use aprime_experiment::presets;

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-bad-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn meta(cfg: &aprime_experiment::ExperimentConfig) -> Metadata {
    Metadata {
        preset: cfg.name.clone(),
        runs: cfg
            .runs
            .iter()
            .map(|r| RunInfo {
                name: r.name.clone(),
                eot_equivalent: 1e10,
            })
            .collect(),
        ..Metadata::default()
    }
}

#[test]
fn unreadable_files_are_typed_errors() {
    let cfg = presets::load("na64-2016").unwrap();
    let opts = Options::default();
    let events = common::sample(&common::specs(&cfg, 1e10), 3);
    let good = tmp("good.parquet");
    write_events(&good, &events, &meta(&cfg)).unwrap();
    // The good file analyses.
    let (a, m) = analyze_file(&good, &cfg, &opts, None).unwrap();
    assert_eq!(a.file_eot, vec![1e10; 3]);
    assert_eq!(m.unwrap().preset, "na64-2016");
    let bytes = std::fs::read(&good).unwrap();
    let err = |p: &PathBuf| analyze_file(p, &cfg, &opts, None).unwrap_err();
    // Missing file.
    assert!(matches!(err(&tmp("nope.parquet")), AnalysisError::Io(_)));
    // Truncated at several places, and not Parquet at all.
    for frac in [0.0, 0.1, 0.5, 0.99] {
        let p = tmp("trunc.parquet");
        std::fs::write(&p, &bytes[..(bytes.len() as f64 * frac) as usize]).unwrap();
        let e = err(&p);
        assert!(matches!(e, AnalysisError::Io(_)), "{frac}: {e}");
        assert!(e.to_string().contains("trunc.parquet"), "{e}");
    }
    // Random bytes over 4 kB in the data pages: either the page fails to decode or a value
    // comes out outside any physical range.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    for start in [bytes.len() / 5, bytes.len() / 3, bytes.len() / 2] {
        let mut bad = bytes.clone();
        for b in &mut bad[start..start + 4096] {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            *b = (x >> 56) as u8;
        }
        let p = tmp("corrupt.parquet");
        std::fs::write(&p, &bad).unwrap();
        let e = err(&p);
        assert!(
            matches!(e, AnalysisError::Io(_) | AnalysisError::BadEvent { .. }),
            "{start}: {e}"
        );
    }
    // A CSV without the energy columns: all of them are listed.
    let p = tmp("cols.csv");
    std::fs::write(&p, "run,event,process,weight\n0,1,em_shower,1\n").unwrap();
    let e = err(&p).to_string();
    for c in ["e_ecal_gev", "e_hcal1_gev", "e_veto_mev", "srd1_mev"] {
        assert!(e.contains(c), "{e}");
    }
    std::fs::remove_dir_all(good.parent().unwrap()).ok();
}

#[test]
fn inconsistent_events_are_typed_errors() {
    let cfg = presets::load("na64-2016").unwrap();
    let opts = Options::default();
    let eot = vec![1e10; 3];
    let base = vec![common::clean(0, 1), common::clean(2, 2)];
    // A run index beyond the configuration.
    let mut ev = base.clone();
    ev[1].run = 3;
    let e = analyze(&ev, &cfg, eot.clone(), &opts).unwrap_err();
    assert!(
        matches!(
            e,
            AnalysisError::UnknownRun {
                run: 3,
                n_runs: 3,
                ..
            }
        ),
        "{e}"
    );
    // Impossible values.
    for f in [
        |e: &mut aprime_detector::Event| e.weight = f64::NAN,
        |e: &mut aprime_detector::Event| e.weight = -1.0,
        |e: &mut aprime_detector::Event| e.e_ecal_gev = f64::INFINITY,
        |e: &mut aprime_detector::Event| e.e_hcal2_gev = 1e300,
        |e: &mut aprime_detector::Event| {
            e.process = aprime_detector::Process::Signal;
            e.mass_gev = 0.0;
        },
    ] {
        let mut ev = base.clone();
        f(&mut ev[0]);
        let e = analyze(&ev, &cfg, eot.clone(), &opts).unwrap_err();
        assert!(matches!(e, AnalysisError::BadEvent { event: 1, .. }), "{e}");
    }
    // A file simulated for another preset's runs.
    let other = presets::load("na64-2016-2022").unwrap();
    let e = aprime_analysis::file_eot(&cfg, Some(&meta(&other))).unwrap_err();
    assert!(e.to_string().contains("I (2016)"), "{e}");
}
