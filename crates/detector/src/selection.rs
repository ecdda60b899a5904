//! The nominal selection the background rates are tuned to: paper 002 §IV (i)–(iv) with the
//! signal box E_ECAL < cut, E_HCAL < 1 GeV. The cut values that differ between data sets (the
//! momentum window, the track angle, the straw and HCAL0 cuts) come from the configuration's
//! resolved selection of the run ([`RunSelection`], the analysis stage's cuts); the rest are
//! fixed: trigger; one track; all three SRD counters in 1–100 MeV; no unresolved pile-up;
//! PS > 0.3 GeV, shape χ² ≤ 5, hottest-cell fraction ≥ 0.5; VETO < 4 MeV; straws ≤ 1 hit and
//! HCAL0 < 1 GeV where those cuts are on. It exists so the detector's tuning is reproducible
//! without the analysis stage.

use aprime_experiment::RunSelection;

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
    /// The cuts of a run's resolved selection.
    pub fn for_run(sel: &RunSelection) -> Self {
        Self {
            e0: sel.beam_energy_gev,
            momentum_window_gev: sel.cuts.momentum_window_gev,
            max_angle_mrad: sel.cuts.max_track_angle_mrad,
            straw_cut: sel.cuts.straw_cut,
            hcal0_cut: sel.cuts.hcal0_cut,
            e_ecal_max_gev: sel.ecal_cut_gev,
            e_hcal_max_gev: sel.hcal_cut_gev,
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
