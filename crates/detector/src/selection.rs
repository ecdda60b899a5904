//! The nominal selection the background rates are tuned to: paper 002 §IV (i)–(iv) with the
//! signal box E_ECAL < cut, E_HCAL < 1 GeV, and the same default cut values as the analysis
//! stage (`aprime_analysis`): trigger; one track with |P − E0| ≤ 2 GeV (2016; 3 GeV 2017–18,
//! 10 GeV 2021–22) and angle < 5 mrad (3 mrad 2021–22); all three SRD counters in 1–100 MeV;
//! no unresolved pile-up; PS > 0.3 GeV, shape χ² ≤ 5, hottest-cell fraction ≥ 0.5; VETO
//! < 4 MeV; straws ≤ 1 hit and HCAL0 < 1 GeV from 2017 on. The full, configurable selection is
//! the analysis stage's; this one exists so the detector's tuning is reproducible on its own.

use crate::event::Event;

/// Cut values of [`Nominal`].
#[derive(Debug, Clone, PartialEq)]
pub struct Nominal {
    /// Beam energy \[GeV\].
    pub e0: f64,
    /// |P − E0| window \[GeV\].
    pub momentum_window_gev: f64,
    /// Track angle cut \[mrad\].
    pub max_angle_mrad: f64,
    /// Straw multiplicity cut on.
    pub straw_cut: bool,
    /// HCAL0 cut on.
    pub hcal0_cut: bool,
    /// Box: E_ECAL below \[GeV\].
    pub e_ecal_max_gev: f64,
    /// Box: E_HCAL below \[GeV\].
    pub e_hcal_max_gev: f64,
}

impl Nominal {
    /// The cuts for a preset name and run name (as the analysis defaults).
    pub fn for_run(preset: &str, run_name: &str, e0: f64, e_ecal_max_gev: f64) -> Self {
        let later = preset != "na64-2016";
        let r2021 = run_name.contains("2021");
        Self {
            e0,
            momentum_window_gev: if r2021 {
                10.0
            } else if later {
                3.0
            } else {
                2.0
            },
            max_angle_mrad: if r2021 { 3.0 } else { 5.0 },
            straw_cut: later,
            hcal0_cut: later,
            e_ecal_max_gev,
            e_hcal_max_gev: 1.0,
        }
    }

    /// Primary-electron and shower cuts (everything but the box).
    pub fn passes_cuts(&self, e: &Event) -> bool {
        let srd_ok = [e.srd1_mev, e.srd2_mev, e.srd3_mev]
            .iter()
            .all(|&s| (1.0..=100.0).contains(&s));
        e.trigger
            && e.n_tracks == 1
            && (e.p_track_gev - self.e0).abs() <= self.momentum_window_gev
            && e.track_angle_mrad < self.max_angle_mrad
            && srd_ok
            && !e.pileup
            && e.e_ps_gev > 0.3
            && e.ecal_shape_chi2 <= 5.0
            && e.ecal_max_cell_fraction >= 0.5
            && e.e_veto_mev < 4.0
            && (!self.straw_cut || e.straw_hits <= 1)
            && (!self.hcal0_cut || e.e_hcal0_gev < 1.0)
    }

    /// In the signal box after all cuts.
    pub fn in_box(&self, e: &Event) -> bool {
        self.passes_cuts(e)
            && e.e_ecal_gev < self.e_ecal_max_gev
            && e.e_hcal_gev() < self.e_hcal_max_gev
    }
}
