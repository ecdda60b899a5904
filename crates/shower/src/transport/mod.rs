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
//!
//! Layout: [`engine`] holds the engine and its settings, [`cascade`] the event loop over the
//! particle stack, [`charged`] and [`photon`] the transport of one particle of each kind,
//! [`navigation`] the slab geometry, [`secondaries`] what happens to a new particle, and
//! [`scoring`] the ledger, profiles, track lengths and dark yields.

mod cascade;
mod charged;
mod engine;
mod event;
mod navigation;
mod particle;
mod photon;
mod scoring;
mod secondaries;

pub use engine::{Engine, Settings};
pub use event::{Emission, EventOut};
pub use particle::Kind;

use serde::{Deserialize, Serialize};

use crate::dark::{DarkBremTable, Resonance};

/// Dark process that produced the A'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Process {
    /// Dark bremsstrahlung e Z → e Z A'.
    Brem,
    /// Resonant annihilation e⁺e⁻ → A'.
    Annihilation,
}

/// Dark physics of one A' mass, prepared for transport.
#[derive(Debug, Clone)]
pub struct MassDark {
    /// A' mass \[GeV\].
    pub mass: f64,
    /// One dark-bremsstrahlung table per distinct element (all on the same energy nodes).
    pub tables: Vec<DarkBremTable>,
    /// Per material: (table index, atoms per cm³).
    pub mat_elems: Vec<Vec<(usize, f64)>>,
    /// Per material: macroscopic σ(E_A' > E_min) at the energy nodes \[1/cm\].
    pub mat_sigma: Vec<Vec<f64>>,
    /// Resonant annihilation (None if disabled).
    pub resonance: Option<Resonance>,
    /// Electron density per material \[1/cm³\].
    pub n_e: Vec<f64>,
    ln_e0: f64,
    inv_dln: f64,
}

impl MassDark {
    /// Assemble from per-element tables; `mat_elems` gives each material's (table, density).
    pub fn new(
        mass: f64,
        tables: Vec<DarkBremTable>,
        mat_elems: Vec<Vec<(usize, f64)>>,
        resonance: Option<Resonance>,
        n_e: Vec<f64>,
    ) -> Self {
        let t0 = &tables[0];
        let n = t0.energies.len();
        let mat_sigma = mat_elems
            .iter()
            .map(|els| {
                (0..n)
                    .map(|j| els.iter().map(|&(t, na)| na * tables[t].sigma_cm2[j]).sum())
                    .collect()
            })
            .collect();
        let ln_e0 = t0.energies[0].ln();
        let inv_dln = (n - 1) as f64 / (t0.energies[n - 1] / t0.energies[0]).ln();
        Self {
            mass,
            tables,
            mat_elems,
            mat_sigma,
            resonance,
            n_e,
            ln_e0,
            inv_dln,
        }
    }

    /// Macroscopic σ(E_A' > E_min) \[1/cm\] in material `m` at lepton energy `e`.
    #[inline]
    pub fn sigma_macro(&self, m: usize, e: f64) -> f64 {
        self.sigma_macro_ln(m, e.ln())
    }

    /// [`Self::sigma_macro`] at ln E.
    #[inline]
    pub fn sigma_macro_ln(&self, m: usize, ln_e: f64) -> f64 {
        let u = (ln_e - self.ln_e0) * self.inv_dln;
        if u.is_nan() || u <= 0.0 {
            return 0.0;
        }
        let s = &self.mat_sigma[m];
        let i = (u as usize).min(s.len() - 2);
        let f = (u - i as f64).min(1.0);
        s[i] + f * (s[i + 1] - s[i])
    }

    /// Sample x for bremsstrahlung in material `m` at energy `e` (element by its share).
    pub fn sample_x(&self, m: usize, e: f64, u1: f64, u2: f64) -> f64 {
        let els = &self.mat_elems[m];
        if els.len() == 1 {
            return self.tables[els[0].0].sample_x(e, u1, u2);
        }
        let w: Vec<f64> = els
            .iter()
            .map(|&(t, na)| na * self.tables[t].sigma_above(e))
            .collect();
        let tot: f64 = w.iter().sum();
        let mut acc = 0.0;
        let target = u1 * tot;
        for (k, &(t, _)) in els.iter().enumerate() {
            let lo = acc;
            acc += w[k];
            if target < acc || k + 1 == els.len() {
                // Reuse the deviate within the chosen element's share.
                let u1r = if w[k] > 0.0 {
                    ((target - lo) / w[k]).clamp(0.0, 1.0 - 1e-16)
                } else {
                    0.5
                };
                return self.tables[t].sample_x(e, u1r, u2);
            }
        }
        0.0
    }
}

/// All dark physics of a run.
#[derive(Debug, Clone)]
pub struct DarkSetup {
    /// Threshold on the A' energy \[GeV\].
    pub e_min: f64,
    /// Per mass.
    pub masses: Vec<MassDark>,
}
