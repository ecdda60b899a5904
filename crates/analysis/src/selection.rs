//! Event-level selection: the ordered cut steps of the cut flow and the regions of the
//! (E_ECAL, E_HCAL) plane (paper 002 §IV, paper 000 Fig. 2).

use aprime_detector::Event;
use serde::{Deserialize, Serialize};

use aprime_experiment::RunSelection;

/// One step of the cut flow, in the order applied. The last two define the signal box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Hardware trigger (paper 002 eq. 14).
    Trigger,
    /// One and only one incoming track (paper 002 §IV (i)).
    OneTrack,
    /// Momentum window around E0.
    Momentum,
    /// Small incoming angle.
    Angle,
    /// In-time SR energy in the SRD counters (paper 002 §IV (ii)).
    Srd,
    /// No multiple hits in the straw chambers (paper 000 (iv)).
    Straws,
    /// No unresolved pile-up.
    Pileup,
    /// ECAL shower shape: preshower energy, χ² against the template, hottest-cell fraction.
    EcalShape,
    /// No activity in the VETO (paper 002 §IV (iv)).
    Veto,
    /// No hard neutral in the zero-degree HCAL0 (paper 000).
    Hcal0,
    /// E_HCAL below the zero-energy threshold (paper 002 eq. 15).
    HcalZero,
    /// E_ECAL below the run's cut (E_miss above E0 − cut).
    EcalMissing,
}

impl Step {
    /// All steps in cut-flow order.
    pub const ALL: [Self; 12] = [
        Self::Trigger,
        Self::OneTrack,
        Self::Momentum,
        Self::Angle,
        Self::Srd,
        Self::Straws,
        Self::Pileup,
        Self::EcalShape,
        Self::Veto,
        Self::Hcal0,
        Self::HcalZero,
        Self::EcalMissing,
    ];

    /// Number of steps before the (E_ECAL, E_HCAL) plane is cut: the "selection".
    pub const N_SELECTION: usize = 10;

    /// Short snake_case name (column/key in outputs).
    pub fn name(self) -> &'static str {
        match self {
            Self::Trigger => "trigger",
            Self::OneTrack => "one_track",
            Self::Momentum => "momentum",
            Self::Angle => "angle",
            Self::Srd => "srd",
            Self::Straws => "straws",
            Self::Pileup => "pileup",
            Self::EcalShape => "ecal_shape",
            Self::Veto => "veto",
            Self::Hcal0 => "hcal0",
            Self::HcalZero => "hcal_zero",
            Self::EcalMissing => "ecal_missing",
        }
    }

    /// A human description of the cut with the run's values.
    pub fn describe(self, r: &RunSelection) -> String {
        let c = &r.cuts;
        match self {
            Self::Trigger => {
                if c.require_trigger {
                    "trigger (eq. 14)".into()
                } else {
                    "trigger (not required)".into()
                }
            }
            Self::OneTrack => format!("{} incoming track(s)", c.tracks),
            Self::Momentum => format!("P = {} ± {} GeV", r.beam_energy_gev, c.momentum_window_gev),
            Self::Angle => format!("θ < {} mrad", c.max_track_angle_mrad),
            Self::Srd => format!(
                "SRD {}–{} MeV in ≥ {} counters",
                c.srd_min_mev, c.srd_max_mev, c.srd_counters
            ),
            Self::Straws => {
                if c.straw_cut {
                    format!("straw hits ≤ {}", c.max_straw_hits)
                } else {
                    "straws (not applied)".into()
                }
            }
            Self::Pileup => {
                if c.reject_pileup {
                    "no pile-up".into()
                } else {
                    "pile-up (not rejected)".into()
                }
            }
            Self::EcalShape => format!(
                "ECAL shape: E_PS > {} GeV, χ² < {}, max cell > {}",
                c.min_preshower_gev, c.max_ecal_shape_chi2, c.min_ecal_max_cell_fraction
            ),
            Self::Veto => format!("E_VETO < {} MeV", c.max_veto_mev),
            Self::Hcal0 => {
                if c.hcal0_cut {
                    format!("E_HCAL0 < {} GeV", c.max_hcal0_gev)
                } else {
                    "HCAL0 (not applied)".into()
                }
            }
            Self::HcalZero => format!("E_HCAL < {} GeV", r.hcal_cut_gev),
            Self::EcalMissing => format!("E_ECAL < {} GeV", r.ecal_cut_gev),
        }
    }
}

/// Region of the (E_ECAL, E_HCAL) plane (paper 000 Fig. 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    /// E_ECAL < cut, E_HCAL < threshold: the signal box.
    SignalBox,
    /// E_ECAL < cut, E_HCAL ≥ threshold: side band A (neutral hadrons, dimuons).
    A,
    /// E_ECAL ≥ cut, E_HCAL < threshold: side band C (degraded electrons; the fit region).
    C,
    /// E_ECAL ≥ cut, E_HCAL ≥ threshold: everything else (hadronic events along E_ECAL +
    /// E_HCAL ≈ E0).
    D,
}

impl Region {
    /// All regions.
    pub const ALL: [Self; 4] = [Self::SignalBox, Self::A, Self::C, Self::D];

    /// snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Self::SignalBox => "signal_box",
            Self::A => "a",
            Self::C => "c",
            Self::D => "d",
        }
    }

    /// The region of an event in run `r`.
    pub fn of(ev: &Event, r: &RunSelection) -> Self {
        let low_ecal = ev.e_ecal_gev < r.ecal_cut_gev;
        let zero_hcal = ev.e_hcal_gev() < r.hcal_cut_gev;
        match (low_ecal, zero_hcal) {
            (true, true) => Self::SignalBox,
            (true, false) => Self::A,
            (false, true) => Self::C,
            (false, false) => Self::D,
        }
    }
}

/// Whether `ev` passes `step` of run `r` (each step on its own, not the cumulative flow).
#[inline]
pub fn passes(step: Step, ev: &Event, r: &RunSelection) -> bool {
    let c = &r.cuts;
    match step {
        Step::Trigger => !c.require_trigger || ev.trigger,
        Step::OneTrack => ev.n_tracks == c.tracks,
        Step::Momentum => (ev.p_track_gev - r.beam_energy_gev).abs() <= c.momentum_window_gev,
        Step::Angle => ev.track_angle_mrad.abs() < c.max_track_angle_mrad,
        Step::Srd => {
            let inside = |e: f64| e >= c.srd_min_mev && e <= c.srd_max_mev;
            let n = u32::from(inside(ev.srd1_mev))
                + u32::from(inside(ev.srd2_mev))
                + u32::from(inside(ev.srd3_mev));
            n >= c.srd_counters
        }
        Step::Straws => !c.straw_cut || ev.straw_hits <= c.max_straw_hits,
        Step::Pileup => !c.reject_pileup || !ev.pileup,
        Step::EcalShape => {
            ev.e_ps_gev >= c.min_preshower_gev
                && ev.ecal_shape_chi2 < c.max_ecal_shape_chi2
                && ev.ecal_max_cell_fraction >= c.min_ecal_max_cell_fraction
        }
        Step::Veto => ev.e_veto_mev < c.max_veto_mev,
        Step::Hcal0 => !c.hcal0_cut || ev.e_hcal0_gev < c.max_hcal0_gev,
        Step::HcalZero => ev.e_hcal_gev() < r.hcal_cut_gev,
        Step::EcalMissing => ev.e_ecal_gev < r.ecal_cut_gev,
    }
}

/// Index in [`Step::ALL`] of the first step `ev` fails, or `Step::ALL.len()` if it passes all
/// (i.e. it is a selected event in the signal box).
#[inline]
pub fn first_failed(ev: &Event, r: &RunSelection) -> usize {
    Step::ALL
        .iter()
        .position(|&s| !passes(s, ev, r))
        .unwrap_or(Step::ALL.len())
}

/// Primary-electron identification only (trigger, one track, momentum, angle, SRD): the loose
/// selection of paper 000 Fig. 2 (left) and the electron part of the dimuon benchmark.
#[inline]
pub fn electron_id(ev: &Event, r: &RunSelection) -> bool {
    Step::ALL[..5].iter().all(|&s| passes(s, ev, r))
}

/// The dimuon benchmark of paper 002 §V.B: an identified electron (if configured), MIP-like
/// energy in each of the configured HCAL modules and E_ECAL below the benchmark cut.
#[inline]
pub fn dimuon_selected(ev: &Event, r: &RunSelection) -> bool {
    let d = &r.dimuon;
    if d.electron_id && !electron_id(ev, r) {
        return false;
    }
    if ev.e_ecal_gev >= d.max_e_ecal_gev {
        return false;
    }
    d.modules.iter().all(|&m| {
        let e = match m {
            1 => ev.e_hcal1_gev,
            2 => ev.e_hcal2_gev,
            3 => ev.e_hcal3_gev,
            _ => ev.e_hcal4_gev,
        };
        e >= d.module_min_gev && e <= d.module_max_gev
    })
}
