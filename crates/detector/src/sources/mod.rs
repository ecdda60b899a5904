//! Event sources: each turns random numbers into an [`EventDraft`] with a weight such that
//! Σ weight is the expected number of events for the run's EOT-equivalent. Rare topologies are
//! forced in a fixed fraction of the events and weighted down by their probability (importance
//! sampling), so the signal box gets enough statistics.
//!
//! | source | rate per EOT | forced topology |
//! |---|---|---|
//! | `em_shower` | 1 (beam electrons, incl. a low-energy tail) | — |
//! | `signal` | A' yield per ε² from the shower stage (weights per ε²) | — |
//! | `dimuon` | ∫ dN/dk P_μμ(k) dk (physics, [`PhotonSpectrum`]) | half: both muons undetected (p_miss²) |
//! | `hadron_target` | ∫ dN/dk P_γA(k) dk, k > 1 GeV | half: leading neutral punches through |
//! | `upstream` | electroproduction in the beam-line material: virtual-photon flux × σ_γA (physics, [`electroproduction`]), E′ = E − ν sampled flat and around the box edge | half: all secondaries escape, exp(−κν) with κ from the run's `upstream_escape_distance_m` (TUNED) |
//! | `decay_in_flight` | f_h · L/(γβcτ) · BR for π, K → eν, K_e3, μ → eνν̄ | half: fake SRD tag (TUNED probability) |
//! | `mistagged_hadron` | f_π, f_K, f_μ | half fake-tagged; hadrons: 1/3 of those charge-exchange leaks (TUNED) |
//!
//! [`EventDraft`]: crate::response::EventDraft
//! [`PhotonSpectrum`]: crate::prepare::PhotonSpectrum

// Shared by the sources: the work unit, the incoming beam particle, the detector deposits.
mod beam_particle;
mod deposits;
pub mod electroproduction;
mod work_unit;

// One file per source family.
mod decay_in_flight;
mod dimuon;
mod em_shower;
mod hadron_target;
mod mistagged_hadron;
mod signal;
mod upstream;

pub use decay_in_flight::decay_in_flight;
pub use dimuon::dimuon;
pub use em_shower::em_shower;
pub use hadron_target::hadron_target;
pub use mistagged_hadron::mistagged_hadron;
pub use signal::signal;
pub use upstream::upstream;
pub use work_unit::{Source, SourceCtx};
