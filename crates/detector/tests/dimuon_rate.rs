//! The dimuon benchmark comes out of the physics: bremsstrahlung photons of the shower stage's
//! track lengths converting with paper 002 eq. 18–22; selected events with E_ECAL < 60 GeV per
//! EOT agree with paper 002 Table I (MC: 1223 events for 1.71e8 EOT in run I) within 20%.

mod common;

use aprime_detector::Process;

#[test]
fn dimuon_yield_per_eot_matches_table_i() {
    let (cfg, mut det) = common::setup("na64-2016", 0.02);
    det.statistics.dimuon = 12_000;
    let eot = cfg.runs[0].eot;
    let mut cfg1 = cfg.clone();
    cfg1.runs.truncate(1);
    det.runs.truncate(1);
    let (sim, ev) = common::simulate(&cfg1, &det, eot, 3, &[], (0, 1));
    // Minimal selection of paper 002 §V.B: trigger (eq. 14), E_ECAL < 60 GeV, and MIP-like
    // energy 1–6 GeV in HCAL1 and HCAL4 (both muons punch through ≈ 21 λ of HCAL1–3).
    let selected: f64 = ev
        .iter()
        .filter(|e| e.process == Process::Dimuon && e.trigger && e.e_ecal_gev < 60.0)
        .filter(|e| (1.0..=6.0).contains(&e.e_hcal1_gev) && (1.0..=6.0).contains(&e.e_hcal4_gev))
        .map(|e| e.weight)
        .sum();
    let per_eot = selected / eot;
    let table_i = 1223.0 / 1.71e8;
    eprintln!(
        "dimuon: {per_eot:.4e} per EOT selected (Table I MC {table_i:.4e}); conversions {:.4e}, with E_γ > 40 GeV {:.4e}",
        sim.prepared.photons.dimuon_per_eot,
        sim.prepared.photons.dimuon_above(40.0)
    );
    assert!(
        (per_eot / table_i - 1.0).abs() < 0.2,
        "{per_eot} vs {table_i}"
    );
    // Paper 002 §V: the muon pair gives ≈ 2.5 GeV per muon per module, HCAL ≈ 10 GeV in two
    // modules: the mean E_HCAL1 of selected pairs is 2 × (2.2–2.8) GeV.
    let (m1, _) = common::mean_rms(
        ev.iter()
            .filter(|e| e.process == Process::Dimuon && e.e_ecal_gev < 60.0 && e.e_hcal4_gev > 1.0)
            .map(|e| (e.e_hcal1_gev, e.weight)),
    );
    assert!((4.4..=5.6).contains(&m1), "mean E_HCAL1 of pairs {m1}");
}
