//! The cascade: stack-based transport of e⁻, e⁺ and γ through the slabs of a [`Geometry`],
//! with track-length scoring of the dark processes along every e± step.
//!
//! Charged particles move in condensed-history steps limited by (i) the next discrete
//! interaction (bremsstrahlung above the photon cut, e⁺ annihilation in flight), sampled in mean
//! free paths with the integral method for the energy dependence of σ along the step, (ii) a
//! slab boundary, (iii) a fraction of the residual CSDA range and a maximal length in X0, (iv)
//! the range down to the cut. The continuous loss over a step follows from the range table
//! (exact for CSDA), is deposited at the step midpoint, and the direction is deflected by
//! multiple scattering at the end of the step. Photons fly from interaction to interaction
//! across slabs (pair production, Compton). Everything below the cuts is deposited locally.
//!
//! Energy ledger (per event, exact up to rounding): E_beam = ionisation + cut + escaped +
//! untracked + dark + rest_mass, where rest_mass = m_e × (electrons left in the target −
//! atomic electrons consumed by positron annihilation); escaped particles carry their total
//! energy; an untracked (fast mode) e⁻ counts its kinetic energy, an untracked e⁺ its total
//! energy plus the m_e of the electron it will annihilate with.
//!
//! Dark processes: every e± step of length s contributes w = s·Σ_i n_i σ_i(E_A' > E_min; E) to
//! the bremsstrahlung yield and, for e⁺, s·n_e σ_BW(E) to the resonant-annihilation yield (per
//! ε², ε² → 0 where at most one A' per event is automatic). The per-event sum W = Σ w is the
//! track-length estimator of the yield (exact in expectation, no sampling). For signal events
//! one emission point is chosen among the steps with probability w/W (reservoir sampling on a
//! separate random stream) and the event is replayed in full mode with the A' emitted there;
//! the replayed event carries the weight W, which makes the signal sample exactly unbiased.
//!
//! Random streams (with [`aprime_core::rng`], so that any number can be reproduced): every
//! particle carries a lineage key — the beam electron of an event has the event key (see
//! [`crate::ShowerSimulation`]), the `n`-th secondary made by a particle of key `p` has `mix(p, n)`
//! (the two photons of a positron annihilating at rest `mix(p, u64::MAX − 1 − j)`, their
//! direction drawn from `mix(p, u64::MAX)`) — and draws from its own generator `stream(key)`.
//! Dark-sector sampling of an event uses `stream(mix(event key, salt::DARK))`
//! ([`aprime_core::seed::salt::DARK`]), so biasing never perturbs the shower. Because each
//! particle's history depends only on its own key, a particle is followed identically whether
//! or not other particles are tracked (full or fast mode), in any order, on any thread: the
//! signal-event replay relies on this.
//!
//! Hard-photon copies ([`crate::HardPhotonCopies`]): optionally, the track-length spectra
//! above E_min − m_e are estimated with N weighted copies of the hard part of each photon
//! spectrum at the beam lineage's bremsstrahlung vertices (variance reduction; the real shower
//! and everything else it scores are unchanged).
//!
//! Layout: `engine` holds the engine and its settings, `cascade` the event loop over the
//! particle stack, `charged` and `photon` the transport of one particle of each kind,
//! `navigation` the slab geometry, `secondaries` what happens to a new particle, and `scoring`
//! the ledger, profiles, track lengths and dark yields.

mod cascade;
mod charged;
mod engine;
mod event;
mod navigation;
mod particle;
mod photon;
mod scoring;
mod secondaries;

pub use engine::{Engine, TransportSettings};
pub use event::{Emission, EventOut};
pub use particle::Kind;
