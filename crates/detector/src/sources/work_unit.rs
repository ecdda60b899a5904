//! The kinds of sources (the work units of a simulation) and what a source needs besides the
//! detector.

/// The kinds of sources (the work units of a simulation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Ordinary e⁻ showers.
    EmShower,
    /// Signal of A' mass index k.
    Signal(usize),
    /// Dimuon production.
    Dimuon,
    /// Photo-nuclear hadron production in the target.
    HadronTarget,
    /// Upstream interactions.
    Upstream,
    /// Decays in flight.
    DecayInFlight,
    /// Mis-tagged beam hadrons.
    MistaggedHadron,
}

impl Source {
    /// Stable id (random-key derivation).
    pub fn id(self) -> u64 {
        match self {
            Self::EmShower => 1,
            Self::Dimuon => 2,
            Self::HadronTarget => 3,
            Self::Upstream => 4,
            Self::DecayInFlight => 5,
            Self::MistaggedHadron => 6,
            Self::Signal(k) => 100 + k as u64,
        }
    }
}

/// What a source needs besides the detector: the run's EOT-equivalent and the sample size.
#[derive(Debug, Clone, Copy)]
pub struct SourceCtx {
    /// EOT-equivalent of the run.
    pub eot: f64,
    /// Events of this source in this run.
    pub n: u64,
    /// E_ECAL cut of the run's signal box \[GeV\] (where rare sources are sampled densely).
    pub box_edge_gev: f64,
}
