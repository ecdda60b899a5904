//! A' decay widths (paper 002 eq. 3–4; physics.md §4) and the dark-sector parameters they need.
//!
//! Γ(A' → l⁺l⁻) = (αε²/3) m (1 + 2m_l²/m²) sqrt(1 − 4m_l²/m²)              (eq. 3)
//! Γ(A' → χχ̄), Dirac χ = (α_D/3) m (1 + 2m_χ²/m²) sqrt(1 − 4m_χ²/m²)        (eq. 4)
//! Γ(A' → χχ̄), complex scalar χ = (α_D/12) m (1 − 4m_χ²/m²)^{3/2}
//!
//! The visible width counts e⁺e⁻, μ⁺μ⁻ and τ⁺τ⁻ only: hadronic A' decays (above 2m_π, via the
//! R ratio) are not included, which is immaterial for the invisible search where
//! α_D ≫ αε² makes BR(A' → χχ̄) ≈ 1 (paper 002 §I).

use serde::{Deserialize, Serialize};

use crate::constants::{ALPHA, M_E, M_MU};
use crate::error::PhysicsError;

/// τ mass \[GeV\] (PDG 2024).
pub const M_TAU: f64 = 1.776_93;

/// Spin of the dark-matter particle χ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ChiSpin {
    /// Dirac (or pseudo-Dirac with small splitting) fermion.
    #[default]
    Fermion,
    /// Complex scalar.
    Scalar,
}

/// Dark-sector couplings and masses that set the A' width and the annihilation cross section.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DarkSector {
    /// The mediator's coupling to leptons: the kinetic mixing ε (dark photon and the other
    /// ε-models), or the gauge coupling g of a Z' model (`crate::model`).
    pub eps: f64,
    /// Dark coupling α_D = g_D²/4π.
    pub alpha_d: f64,
    /// Dark-matter mass m_χ \[GeV\].
    pub m_chi: f64,
    /// Fermion or scalar χ.
    pub spin: ChiSpin,
}

impl DarkSector {
    /// A dark sector; checks the coupling > 0, α_D ≥ 0 and m_χ ≥ 0 (all finite).
    pub fn new(eps: f64, alpha_d: f64, m_chi: f64, spin: ChiSpin) -> Result<Self, PhysicsError> {
        if !(eps > 0.0 && eps.is_finite()) {
            return Err(PhysicsError::InvalidArgument(format!(
                "coupling (kinetic mixing ε, or g of a Z') must be positive and finite, got {eps}"
            )));
        }
        if !(alpha_d >= 0.0 && alpha_d.is_finite()) {
            return Err(PhysicsError::InvalidArgument(format!(
                "α_D must be non-negative and finite, got {alpha_d}"
            )));
        }
        if !(m_chi >= 0.0 && m_chi.is_finite()) {
            return Err(PhysicsError::InvalidMass {
                name: "m_χ",
                value: m_chi,
            });
        }
        Ok(Self {
            eps,
            alpha_d,
            m_chi,
            spin,
        })
    }
}

/// β² = 1 − 4m_f²/m² of a pair of mass m_f from an A' of mass m; ≤ 0 below threshold.
fn beta2(m: f64, m_f: f64) -> f64 {
    1.0 - 4.0 * m_f * m_f / (m * m)
}

/// Γ(A' → l⁺l⁻) \[GeV\] (paper 002 eq. 3); zero below threshold m ≤ 2m_l.
pub fn lepton_pair(m: f64, eps: f64, m_l: f64) -> f64 {
    let b2 = beta2(m, m_l);
    if b2 <= 0.0 {
        return 0.0;
    }
    ALPHA * eps * eps / 3.0 * m * (1.0 + 2.0 * m_l * m_l / (m * m)) * b2.sqrt()
}

/// Γ(A' → χχ̄) for Dirac χ \[GeV\] (paper 002 eq. 4); zero below threshold m ≤ 2m_χ.
pub fn chi_pair_fermion(m: f64, alpha_d: f64, m_chi: f64) -> f64 {
    let b2 = beta2(m, m_chi);
    if b2 <= 0.0 {
        return 0.0;
    }
    alpha_d / 3.0 * m * (1.0 + 2.0 * m_chi * m_chi / (m * m)) * b2.sqrt()
}

/// Γ(A' → χχ̄*) for a complex scalar χ \[GeV\] (physics.md §4); zero below threshold.
pub fn chi_pair_scalar(m: f64, alpha_d: f64, m_chi: f64) -> f64 {
    let b2 = beta2(m, m_chi);
    if b2 <= 0.0 {
        return 0.0;
    }
    alpha_d / 12.0 * m * b2.powf(1.5)
}

/// Γ(A' → χχ̄) for the given dark sector \[GeV\].
pub fn invisible(m: f64, dark: &DarkSector) -> f64 {
    match dark.spin {
        ChiSpin::Fermion => chi_pair_fermion(m, dark.alpha_d, dark.m_chi),
        ChiSpin::Scalar => chi_pair_scalar(m, dark.alpha_d, dark.m_chi),
    }
}

/// Partial and total widths of an A' of mass m \[GeV\].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Widths {
    /// Γ(e⁺e⁻) \[GeV\].
    pub ee: f64,
    /// Γ(μ⁺μ⁻) \[GeV\].
    pub mumu: f64,
    /// Γ(τ⁺τ⁻) \[GeV\].
    pub tautau: f64,
    /// Γ(χχ̄) \[GeV\].
    pub invisible: f64,
    /// Sum of the above \[GeV\] (hadrons not included).
    pub total: f64,
}

impl Widths {
    /// Branching fraction into χχ̄ (zero if the total width vanishes).
    pub fn br_invisible(&self) -> f64 {
        if self.total > 0.0 {
            self.invisible / self.total
        } else {
            0.0
        }
    }

    /// Branching fraction into e⁺e⁻.
    pub fn br_ee(&self) -> f64 {
        if self.total > 0.0 {
            self.ee / self.total
        } else {
            0.0
        }
    }
}

/// All widths of an A' of mass `m` \[GeV\] for the given dark sector.
pub fn widths(m: f64, dark: &DarkSector) -> Result<Widths, PhysicsError> {
    PhysicsError::check_mass("m_A'", m)?;
    let ee = lepton_pair(m, dark.eps, M_E);
    let mumu = lepton_pair(m, dark.eps, M_MU);
    let tautau = lepton_pair(m, dark.eps, M_TAU);
    let inv = invisible(m, dark);
    Ok(Widths {
        ee,
        mumu,
        tautau,
        invisible: inv,
        total: ee + mumu + tautau + inv,
    })
}

/// Total A' width \[GeV\] (leptons + χχ̄).
pub fn total_width(m: f64, dark: &DarkSector) -> Result<f64, PhysicsError> {
    widths(m, dark).map(|w| w.total)
}
