//! Paper 002 Table V: 90% C.L. limits on ε from the 2016 data (na64-2016 preset) with
//! simplified-WW and exact-tree-level A' yields, E_miss > E0/2.

use aprime_experiment::{BremModel, presets};
use aprime_limits::table_v;
use aprime_limits::yields::{self, Yields};
use aprime_physics::dark_brem::XsecOptions;
use aprime_physics::kfactor;

#[test]
fn table_v_is_reproduced() {
    let mut cfg = presets::load("na64-2016").unwrap();
    cfg.simulation.events = 4000;
    let m = table_v::masses_gev();
    let etl = yields::yield_set(&cfg, BremModel::Etl, false, &m, 50.0, None).unwrap();
    let ww = yields::yield_set(&cfg, BremModel::Wwsimple, false, &m, 50.0, None).unwrap();
    let y = Yields {
        format: yields::YIELDS_FORMAT.into(),
        config: cfg.name.clone(),
        model: aprime_physics::model::Mediator::Vector,
        beam: aprime_experiment::Particle::Electron,
        beam_energy_gev: 100.0,
        target: cfg.target.preset.clone(),
        target_depth_x0: None,
        main: etl.clone(),
        table_v_etl: etl,
        table_v_ww: ww,
    };
    let rows = table_v::rows(&cfg, &y).unwrap();
    for r in &rows {
        let (rw, re) = (r.eps_ww / r.paper_eps_ww, r.eps_etl / r.paper_eps_etl);
        eprintln!(
            "m = {:6} MeV: WW {rw:.3}, ETL {re:.3} of paper 002 Table V",
            r.mass_mev
        );
        // Issue 5: within 25% of paper 002 Table V. Three published entries are inconsistent
        // with the paper's own cross sections and are checked differently below:
        // - WW at 2 MeV: the paper's ε_WW(1.1 MeV)/ε_WW(2 MeV) = 0.96 means equal yields,
        //   whereas σ_WW ∝ ln(m²/m_e²)/m² (eq. 9) falls by 1.9 from 1.1 to 2 MeV;
        // - ETL at 500 and 950 MeV: the published (ε_ETL/ε_WW)² = 6.4 and 14.8 would need
        //   k = σ_WW/σ_ETL ≈ 6–15, while the k-factors of Fig. 2 / DMG4 are 1.9–2.5 there
        //   (our ETL reproduces DMG4's ETL table to < 4%, see tests/etl.rs of aprime-physics).
        if r.mass_mev != 2.0 {
            assert!((rw - 1.0).abs() < 0.25, "WW at {} MeV: {rw}", r.mass_mev);
        }
        if r.mass_mev < 400.0 {
            assert!((re - 1.0).abs() < 0.25, "ETL at {} MeV: {re}", r.mass_mev);
        }
    }
    // Where the paper is inconsistent, our ETL/WW yield ratio must follow the k-factor instead:
    // (ε_ETL/ε_WW)² = Y_WW/Y_ETL ≈ k(m, E) averaged over the 50–100 GeV shower electrons
    // (k(m, 60 GeV) here), within 25%.
    let pb = aprime_physics::materials::Element::by_name("Pb").unwrap();
    for r in rows.iter().filter(|r| r.mass_mev >= 100.0) {
        let k = kfactor::k_factor(
            pb.zf(),
            pb.a,
            60.0,
            r.mass_mev * 1e-3,
            &XsecOptions::default(),
        )
        .unwrap()
        .k;
        let ratio = (r.eps_etl / r.eps_ww).powi(2);
        assert!(
            (ratio / k - 1.0).abs() < 0.25,
            "{} MeV: yield ratio {ratio}, k {k}",
            r.mass_mev
        );
    }
}
