//! Hard-photon copies: a variance reduction of the track-length spectra T± above E_s = E_min − m_e.
//!
//! Above E_s the spectra of a 100 GeV electron shower come from the beam particle and from the
//! few photons it radiates with k ≥ E_s (the only ones whose pairs can reach E_s); a vertex makes
//! such a photon rarely (a few per cent), so T₊ near the resonance energies E_R = m²/(2m_e) of
//! 0.2–0.32 GeV rests on few positrons. At every bremsstrahlung vertex of the beam particle's
//! lineage (weight 1) the hard part of the photon spectrum is therefore sampled N more times:
//! each copy picks the element by its share (as the real photon does) and k uniformly in ln k on
//! [E_s, E − m_e], with the weight
//!   w = n_el α r_e² B(E, k) ln((E − m_e)/E_s) / (N Σ_el(E)),
//! B the screened Bethe–Heitler bracket the real photon is sampled from
//! (dσ/d ln k = α r_e² B, [`crate::em::tables::brem_sigma_atom`]) and Σ_el = n_el σ_el(k > k_cut)
//! the element's share of the vertex rate. The copies are followed above E_s and score T± with
//! that weight; the real photon, if hard, and its descendants score T± above E_s with weight 0
//! (below E_s with 1, so the spectra there are the analogue ones). Then
//! E[copies] = Σ_el P(el) ∫_{E_s} (dσ_el/dk / σ_el) C(k) dk = E[real photon's C; k ≥ E_s] at
//! every vertex, so the spectra stay unbiased; the beam particle's own path is unchanged (its
//! energy loss is the real photon's), and the copies draw from their own streams
//! (`mix(mix(key, salt), vertex)`), so the real shower, the step-by-step yields, the emission
//! points and the signal replays are the same as without copies. (Importance weights instead of
//! rejection: near the kinematic end the bracket vanishes, where rejection would not terminate.)
//!
//! The copies never deposit energy, never enter the ledger or the profiles, and do not score
//! the step-by-step dark yields; they stop below E_s. Their leptons fly straight (no multiple
//! scattering: at E ≥ E_s ≈ 30 GeV, θ0 ≲ 0.5 mrad per X0 shortens a step's depth by < 1e-6).

use serde::{Deserialize, Serialize};

/// The hard-photon copies of a run: the split energy and the number of copies per vertex.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardPhotonCopies {
    /// E_s \[GeV\]: the lowest photon energy (and lepton total energy) copied and weighted.
    pub split_gev: f64,
    /// Copies per vertex.
    pub copies: u32,
}
