//! The event record: one row per simulated (or real) event, as written to Parquet/CSV by
//! `aprime simulate` and read by `aprime analyze`. Energies in GeV unless the name says MeV,
//! angles in mrad, positions in cm. Column names are the field names.

pub use aprime_experiment::Process;
use serde::{Deserialize, Serialize};

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Run index into the configuration's `runs` list.
    pub run: u32,
    /// Event number within the file.
    pub event: u64,
    /// True process (simulation truth; `em_shower` for data without truth).
    pub process: Process,
    /// Weight: number of real events this record stands for in the simulated exposure; Σ weight
    /// over a selection is the expected count for the file's EOT-equivalent. Signal weights are
    /// for ε = 1 (per ε²: multiply by ε²; metadata `signal_weight = "per_eps2"`).
    pub weight: f64,
    /// A' mass for signal events \[GeV\] (0 otherwise).
    pub mass_gev: f64,
    /// True missing energy carried by invisible particles (A', ν) \[GeV\].
    pub true_emiss_gev: f64,
    /// Number of reconstructed incoming tracks.
    pub n_tracks: u32,
    /// Reconstructed incoming momentum \[GeV\].
    pub p_track_gev: f64,
    /// Incoming track angle to the beam axis \[mrad\].
    pub track_angle_mrad: f64,
    /// Hits in the downstream straw chambers (multiplicity > 1 flags upstream interactions).
    pub straw_hits: u32,
    /// In-time synchrotron-radiation energy in SRD counters 1–3 \[MeV\].
    pub srd1_mev: f64,
    /// SRD counter 2 \[MeV\].
    pub srd2_mev: f64,
    /// SRD counter 3 \[MeV\].
    pub srd3_mev: f64,
    /// Total ECAL energy (preshower + main) \[GeV\].
    pub e_ecal_gev: f64,
    /// Preshower energy \[GeV\].
    pub e_ps_gev: f64,
    /// Fraction of the ECAL energy in the cell with the most energy.
    pub ecal_max_cell_fraction: f64,
    /// ECAL shower-shape χ² per degree of freedom against the electron-shower template.
    pub ecal_shape_chi2: f64,
    /// ECAL energy-weighted centre, x \[cm\].
    pub ecal_x_cm: f64,
    /// ECAL energy-weighted centre, y \[cm\].
    pub ecal_y_cm: f64,
    /// VETO energy \[MeV\].
    pub e_veto_mev: f64,
    /// HCAL module energies \[GeV\] (modules 1–4 behind the VETO; 0 where absent).
    pub e_hcal1_gev: f64,
    /// HCAL module 2 \[GeV\].
    pub e_hcal2_gev: f64,
    /// HCAL module 3 \[GeV\].
    pub e_hcal3_gev: f64,
    /// HCAL module 4 \[GeV\].
    pub e_hcal4_gev: f64,
    /// Zero-degree HCAL0 energy \[GeV\] (0 where the run had none).
    pub e_hcal0_gev: f64,
    /// A second beam particle within the ECAL pulse (pile-up).
    pub pileup: bool,
    /// Hardware trigger fired (paper 002 eq. 14).
    pub trigger: bool,
}

impl Event {
    /// Sum of the downstream HCAL modules 1–4 \[GeV\].
    pub fn e_hcal_gev(&self) -> f64 {
        self.e_hcal1_gev + self.e_hcal2_gev + self.e_hcal3_gev + self.e_hcal4_gev
    }
}

/// Column names and their types, in file order (`u32`, `u64`, `f64`, `bool`, `str`).
pub const COLUMNS: &[(&str, &str)] = &[
    ("run", "u32"),
    ("event", "u64"),
    ("process", "str"),
    ("weight", "f64"),
    ("mass_gev", "f64"),
    ("true_emiss_gev", "f64"),
    ("n_tracks", "u32"),
    ("p_track_gev", "f64"),
    ("track_angle_mrad", "f64"),
    ("straw_hits", "u32"),
    ("srd1_mev", "f64"),
    ("srd2_mev", "f64"),
    ("srd3_mev", "f64"),
    ("e_ecal_gev", "f64"),
    ("e_ps_gev", "f64"),
    ("ecal_max_cell_fraction", "f64"),
    ("ecal_shape_chi2", "f64"),
    ("ecal_x_cm", "f64"),
    ("ecal_y_cm", "f64"),
    ("e_veto_mev", "f64"),
    ("e_hcal1_gev", "f64"),
    ("e_hcal2_gev", "f64"),
    ("e_hcal3_gev", "f64"),
    ("e_hcal4_gev", "f64"),
    ("e_hcal0_gev", "f64"),
    ("pileup", "bool"),
    ("trigger", "bool"),
];
