//! What an event produces (ledger, yields, chosen emission points, cells) and the mutable
//! context of an event in transport.

use serde::{Deserialize, Serialize};

use crate::dark::DarkProcess;
use crate::tally::ledger;
use aprime_core::rng::Rng;

/// Where the forced emission of a signal event happens: the step `step` of the particle with
/// lineage key `key`, at the fraction `frac` of its length; `u1`, `u2` sample x.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Emission {
    /// Lineage key of the emitting e±.
    pub key: u64,
    /// Index of the step along that particle's track.
    pub step: u32,
    /// Dark process.
    pub process: DarkProcess,
    /// Fraction of the step.
    pub frac: f64,
    /// Deviates for x.
    pub u1: f64,
    /// Deviates for x.
    pub u2: f64,
    /// Lepton energy at the middle of the step \[GeV\].
    pub energy: f64,
    /// Material index of the step.
    pub material: usize,
}

/// What happened in one event.
#[derive(Debug, Clone, Default)]
pub struct EventOut {
    /// Ledger (see [`ledger`]).
    pub ledger: [f64; ledger::N],
    /// Energy per section \[GeV\].
    pub sections: Vec<f64>,
    /// Energy per material \[GeV\].
    pub materials: Vec<f64>,
    /// Per mass: bremsstrahlung yield W_b (per ε²).
    pub w_brem: Vec<f64>,
    /// Per mass: resonant-annihilation yield W_a.
    pub w_ann: Vec<f64>,
    /// Per mass: the primary electron's share of W_b.
    pub w_brem_primary: Vec<f64>,
    /// Per mass: chosen emission point.
    pub chosen: Vec<Option<Emission>>,
    /// Per mass: running Σw for the reservoir.
    pub(super) wsum: Vec<f64>,
    /// Cell energies (nx × ny, row-major in y), filled in replays.
    pub cells: Vec<f64>,
    /// In a replay: the A' energy, the emission z \[cm\] and depth \[X0\].
    pub emitted: Option<(f64, f64, f64)>,
}

/// Mutable state of one event while its particles are transported.
pub(super) struct Ctx<'c> {
    /// The chunk tally to score into (`None` in a replay).
    pub(super) chunk: Option<&'c mut [f64]>,
    /// The event being followed.
    pub(super) ev: &'c mut EventOut,
    /// The event's dark-sector stream (reservoir choice of the emission point).
    pub(super) dark_rng: Rng,
    /// In a replay: the mass index and the forced emission.
    pub(super) replay: Option<(usize, Emission)>,
    /// Whether cell energies are recorded.
    pub(super) cells: bool,
    /// Whether the particles followed are hard-photon copies ([`crate::HardPhotonCopies`]): they
    /// score only the track-length spectra.
    pub(super) copies: bool,
}
