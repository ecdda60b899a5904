//! Signal events: E_ECAL shapes ordered as paper 002 Fig. 6 (the heavier the A', the more the
//! recoil energy piles up at small E_ECAL) and a nominal-selection efficiency in 0.45–0.75 that
//! falls with the beam intensity (paper 002 §VI: 0.7 → 0.5 from low to high intensity).

mod common;

use aprime_detector::Process;
use aprime_detector::selection::Nominal;

#[test]
fn signal_shapes_and_efficiencies() {
    let (cfg, mut det) = common::setup("na64-2016", 0.01);
    det.statistics.signal_per_mass = 300;
    det.statistics.signal_showers = 1500;
    let masses = [0.002, 0.02, 0.2];
    let (_, ev) = common::simulate(&cfg, &det, 4.3e10, 4, &masses, (0, 1));
    let mut low_fraction = Vec::new();
    for &m in &masses {
        let sig: Vec<_> = ev
            .iter()
            .filter(|e| e.process == Process::Signal && (e.mass_gev - m).abs() < 1e-12)
            .collect();
        let w: f64 = sig.iter().map(|e| e.weight).sum();
        let low: f64 = sig
            .iter()
            .filter(|e| e.e_ecal_gev < 5.0)
            .map(|e| e.weight)
            .sum();
        // E_A' > 50 GeV: E_ECAL below ≈ 50 GeV for nearly all (resolution), unless a second
        // beam particle piled up.
        let above: f64 = sig
            .iter()
            .filter(|e| !e.pileup && e.e_ecal_gev > 52.0)
            .map(|e| e.weight)
            .sum();
        assert!(above < 0.01 * w, "m = {m}: {above} of {w} above 52 GeV");
        low_fraction.push(low / w);
        let mut eff = Vec::new();
        for ri in 0..cfg.runs.len() {
            let nom = Nominal::for_run(&cfg.run_selections().unwrap()[ri]);
            let all: f64 = sig
                .iter()
                .filter(|e| e.run == ri as u32)
                .map(|e| e.weight)
                .sum();
            let pass: f64 = sig
                .iter()
                .filter(|e| e.run == ri as u32 && nom.in_box(e))
                .map(|e| e.weight)
                .sum();
            eff.push(pass / all);
        }
        eprintln!(
            "m = {m}: E_ECAL < 5 GeV fraction {:.3}, efficiency per run {eff:?}",
            low / w
        );
        for e in &eff {
            assert!((0.45..=0.75).contains(e), "m = {m}: efficiency {e}");
        }
        // Higher intensity, lower efficiency (run I 1.8e6, run III 4.6e6 e⁻/spill).
        assert!(eff[0] > eff[2], "m = {m}: {eff:?}");
    }
    // Fig. 6 ordering: 2 MeV broadest, 200 MeV most concentrated at small E_ECAL.
    assert!(
        low_fraction[0] < low_fraction[1] && low_fraction[1] < low_fraction[2],
        "{low_fraction:?}"
    );
}
