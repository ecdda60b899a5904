//! The true physics processes (event sources) of the experiment: the `process` column of event
//! files, the sources the detector simulates and the Monte Carlo rows of the background tables.

use serde::{Deserialize, Serialize};

/// True physics process that produced the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Process {
    /// A' production (bremsstrahlung or resonant annihilation) with invisible decay.
    Signal,
    /// Ordinary e⁻ electromagnetic shower in the ECAL.
    EmShower,
    /// γZ → μ⁺μ⁻Z of a shower photon in the target (paper 002 eq. 16–22).
    Dimuon,
    /// Electro-/photo-nuclear hadron production in the target (incl. leading neutrals,
    /// punch-through).
    HadronTarget,
    /// Beam e⁻ interaction upstream in beam-line material: degraded e⁻ plus escaping secondaries.
    Upstream,
    /// μ/π/K decay in flight in the beam line (incl. K_e3).
    DecayInFlight,
    /// Beam hadron mis-tagged as an electron.
    MistaggedHadron,
}

impl Process {
    /// All processes, in a fixed order.
    pub const ALL: [Self; 7] = [
        Self::Signal,
        Self::EmShower,
        Self::Dimuon,
        Self::HadronTarget,
        Self::Upstream,
        Self::DecayInFlight,
        Self::MistaggedHadron,
    ];

    /// snake_case name, as stored in files.
    pub fn name(self) -> &'static str {
        match self {
            Self::Signal => "signal",
            Self::EmShower => "em_shower",
            Self::Dimuon => "dimuon",
            Self::HadronTarget => "hadron_target",
            Self::Upstream => "upstream",
            Self::DecayInFlight => "decay_in_flight",
            Self::MistaggedHadron => "mistagged_hadron",
        }
    }

    /// Parse a stored name.
    pub fn from_name(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == s)
    }
}
