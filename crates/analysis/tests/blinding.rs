//! Blinding (paper 002 §IV: "events from the preliminary signal box were excluded from the
//! analysis of the data until the validity of the background estimate was established"):
//! without unblinding, nothing the analysis computes or writes depends on the box content.

mod common;

use aprime_analysis::{Options, Region, SelectionConfig, analyze};
use aprime_detector::Process;
use aprime_limits::presets;
use aprime_limits::report::staging::Staging;

fn with_box_events(base: &[aprime_detector::Event], n: u64) -> Vec<aprime_detector::Event> {
    let mut v = base.to_vec();
    for k in 0..n {
        let mut e = common::clean((k % 3) as u32, 50_000_000 + k);
        e.process = if k % 2 == 0 {
            Process::Upstream
        } else {
            Process::EmShower
        };
        e.e_ecal_gev = 5.0 + (k % 40) as f64;
        e.trigger = true;
        e.weight = 0.37;
        v.push(e);
    }
    v
}

#[test]
fn blind_analysis_and_outputs_do_not_depend_on_the_box() {
    let cfg = presets::load("na64-2016").unwrap();
    let sel = SelectionConfig::from_experiment(&cfg, "na64-2016").unwrap();
    let base = common::sample(&common::specs(&cfg, 1e10), 5);
    let more = with_box_events(&base, 1234);
    let eot = vec![1e10; 3];
    let blind = Options::default();
    let a = analyze(&base, &cfg, &sel, eot.clone(), &blind).unwrap();
    let b = analyze(&more, &cfg, &sel, eot.clone(), &blind).unwrap();
    assert!(a.box_contents.is_none() && a.signal_estimates.is_none());
    // Every number of the analysis is identical (serialised, bit for bit).
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
    // No box entry was filled for the data.
    let bi = Region::ALL
        .iter()
        .position(|&r| r == Region::SignalBox)
        .unwrap();
    for r in &a.tallies.runs {
        for p in &r.regions {
            assert_eq!(p[bi].raw, 0);
        }
    }
    // The written outputs (tables, summary, plots) are byte-identical and say "blinded".
    let dir = std::env::temp_dir().join(format!("aprime-blinding-{}", std::process::id()));
    let mut files = Vec::new();
    for (name, an) in [("a", &a), ("b", &b)] {
        let mut st = Staging::new(&dir.join(name)).unwrap();
        aprime_analysis::report::write(&mut st, an, None, &serde_json::json!({})).unwrap();
        st.commit(&serde_json::json!({})).unwrap();
        let mut list: Vec<_> = walk(&dir.join(name));
        list.sort();
        files.push(list);
    }
    assert_eq!(files[0].len(), files[1].len());
    for ((na, ca), (nb, cb)) in files[0].iter().zip(&files[1]) {
        assert_eq!(na, nb);
        assert!(ca == cb, "{na} differs between the two blind analyses");
    }
    let summary = std::fs::read_to_string(dir.join("a/summary.json")).unwrap();
    assert!(summary.contains("\"box\": \"blinded\""));
    let regions = std::fs::read_to_string(dir.join("a/regions.csv")).unwrap();
    assert!(regions.contains("signal_box,blinded,blinded,blinded"));
    std::fs::remove_dir_all(&dir).ok();
    // Unblinded, the extra box events are there: 1234 records of weight 0.37.
    let open = Options {
        unblind: true,
        ..Options::default()
    };
    let ua = analyze(&base, &cfg, &sel, eot.clone(), &open).unwrap();
    let ub = analyze(&more, &cfg, &sel, eot, &open).unwrap();
    let sum = |x: &aprime_analysis::Analysis| -> (u64, f64) {
        let b = x.box_contents.as_ref().unwrap();
        (
            b.iter().map(|c| c.data.raw).sum(),
            b.iter().map(|c| c.data.sum_w).sum(),
        )
    };
    let (ra, wa) = sum(&ua);
    let (rb, wb) = sum(&ub);
    assert_eq!(rb - ra, 1234);
    assert!((wb - wa - 1234.0 * 0.37).abs() < 1e-6);
}

fn walk(d: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(d).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            for (n, c) in walk(&p) {
                out.push((
                    format!("{}/{n}", p.file_name().unwrap().to_string_lossy()),
                    c,
                ));
            }
        } else if p.file_name().unwrap() != "manifest.json" {
            out.push((
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            ));
        }
    }
    out
}
