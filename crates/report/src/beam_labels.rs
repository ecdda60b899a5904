//! How the outputs name what depends on the beam: the signal-box cut (the ECAL energy for e±,
//! the scattered-muon momentum for μ±, issue 11), the missing-energy variable of the spectra and
//! the beam particles on target; and which electron-beam outputs exist (paper 002 Table V and
//! its k-factor figure).

use aprime_experiment::{ExperimentConfig, Particle};

/// Beam-dependent labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BeamLabels {
    /// μ± beam.
    pub muon: bool,
    /// Electron beam (paper 002 Table V and the k-factor figure are electron-beam outputs).
    pub electron: bool,
    /// The signal-box cut, e.g. "E_ECAL cut".
    pub cut: &'static str,
    /// The variable of the yield spectra ("E_A'" or "E_miss = E0 − E_μ'").
    pub spectrum_variable: &'static str,
    /// Beam particles on target: "EOT" or "MOT".
    pub on_target: &'static str,
}

impl BeamLabels {
    /// The labels of `cfg`'s beam.
    pub fn of(cfg: &ExperimentConfig) -> Self {
        let muon = cfg.beam.particle.is_muon();
        Self {
            muon,
            electron: cfg.beam.particle == Particle::Electron,
            cut: if muon {
                "muon momentum cut"
            } else {
                "E_ECAL cut"
            },
            spectrum_variable: if muon { "E_miss = E0 − E_μ'" } else { "" },
            on_target: if muon { "MOT" } else { "EOT" },
        }
    }
}
