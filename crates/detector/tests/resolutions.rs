//! Detector resolutions: ECAL σ_E/E at 100 GeV ≈ 0.1/√E = 1% and tracker δp/p ≈ 1%
//! (paper 002 §III), with a mono-energetic pencil-like beam and no pile-up.

mod common;

use aprime_detector::Process;

#[test]
fn ecal_and_tracker_resolutions_at_100_gev() {
    let (cfg, mut det) = common::setup("na64-2016", 0.02);
    det.statistics.em_shower = 6000;
    det.statistics.shower_library = 96;
    det.beam.momentum_spread = 0.0;
    det.beam.tail_fraction = 0.0;
    det.beam.spot_sigma_cm = 0.2;
    for r in &mut det.runs {
        r.intensity_per_spill = 0.0;
    }
    let mut cfg1 = cfg.clone();
    cfg1.runs.truncate(1);
    det.runs.truncate(1);
    let (_, ev) = common::simulate(&cfg1, &det, 1e6, 5, &[], (0, 1));
    let em: Vec<_> = ev
        .iter()
        .filter(|e| e.process == Process::EmShower)
        .collect();
    let (m, s) = common::mean_rms(em.iter().map(|e| (e.e_ecal_gev, 1.0)));
    eprintln!("ECAL: mean {m:.3} GeV, sigma/E {:.4}", s / m);
    // 0.1/sqrt(100) = 1.0%; shower-to-shower containment fluctuations of the shower stage add
    // a little: accept 0.8–1.4%.
    assert!((0.008..0.014).contains(&(s / m)), "σ/E = {}", s / m);
    // Nearly all of the 100 GeV is seen (40 X0, 6×6 cells of 3.8 cm: ≈ 1–3% leaks).
    assert!((95.0..100.0).contains(&m), "mean {m}");
    let (pm, ps) = common::mean_rms(em.iter().map(|e| (e.p_track_gev, 1.0)));
    eprintln!("tracker: mean {pm:.3} GeV, dp/p {:.4}", ps / pm);
    assert!((pm - 100.0).abs() < 0.1);
    assert!((ps / pm - 0.01).abs() < 0.001, "δp/p = {}", ps / pm);
    // Lateral shape of electron showers: the hottest cell holds most of the energy, and the
    // shape χ²/ndf against the template is ≈ 1 on average (the cut at 5 keeps ≳ 97%).
    let (f, _) = common::mean_rms(em.iter().map(|e| (e.ecal_max_cell_fraction, 1.0)));
    assert!((0.75..0.95).contains(&f), "hottest cell {f}");
    let pass = em.iter().filter(|e| e.ecal_shape_chi2 <= 5.0).count() as f64 / em.len() as f64;
    assert!(pass > 0.97, "shape χ² ≤ 5 for {pass}");
}
