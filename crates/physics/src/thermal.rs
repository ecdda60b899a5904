//! Light thermal dark matter: the annihilation parameter y and the relic relation between α_D
//! and ε (paper 002 eq. 5–6 and §X; papers 000, 003; physics.md §5).
//!
//! y = ε² α_D (m_χ/m_A')⁴                                                      (eq. 6)
//! α_D ≈ 0.02 f (10⁻³/ε)² (m_A'/100 MeV)⁴ (10 MeV/m_χ)²                        (eq. 5)
//!
//! With the conventional m_A' = 3 m_χ an upper limit ε_up(m_A') becomes y_up = α_D ε_up²/81 at
//! fixed α_D, and — since the relic relation fixes α_D ∝ 1/ε² — a lower bound α_D > α_D(ε_up).

use serde::{Deserialize, Serialize};

use crate::error::PhysicsError;

/// Conventional ratio m_A'/m_χ of the y and α_D plots (paper 002 §X).
pub const MASS_RATIO: f64 = 3.0;
/// Conventional dark couplings of the y plots (paper 002 Fig. 16: 0.5 and 0.005; papers 000, 003:
/// 0.5 and 0.1).
pub const CONVENTIONAL_ALPHA_D: [f64; 3] = [0.5, 0.1, 0.005];

/// Light-dark-matter model for the relic relation (paper 002 §X).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelicModel {
    /// Pseudo-Dirac fermion with small splitting: f = 0.25.
    PseudoDirac,
    /// Majorana fermion: f = 3.
    Majorana,
}

impl RelicModel {
    /// The factor f of eq. 5 used by paper 002 for the α_D lower bounds (Fig. 17).
    pub fn f(self) -> f64 {
        match self {
            Self::PseudoDirac => 0.25,
            Self::Majorana => 3.0,
        }
    }
}

fn positive(name: &str, v: f64) -> Result<(), PhysicsError> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(PhysicsError::InvalidArgument(format!(
            "{name} must be positive and finite, got {v}"
        )))
    }
}

/// y = ε² α_D (m_χ/m_A')⁴ (paper 002 eq. 6), masses in GeV.
pub fn y(eps: f64, alpha_d: f64, m_chi: f64, m_a: f64) -> f64 {
    eps * eps * alpha_d * (m_chi / m_a).powi(4)
}

/// The α_D that gives the observed relic abundance for (ε, m_A', m_χ) and model factor f
/// (paper 002 eq. 5), masses in GeV.
pub fn relic_alpha_d(eps: f64, m_a: f64, m_chi: f64, f: f64) -> Result<f64, PhysicsError> {
    positive("ε", eps)?;
    positive("m_A'", m_a)?;
    positive("m_χ", m_chi)?;
    positive("f", f)?;
    Ok(0.02 * f * (1e-3 / eps).powi(2) * (m_a / 0.1).powi(4) * (0.01 / m_chi).powi(2))
}

/// Upper limit on y from an upper limit on ε at fixed α_D and m_A' = `mass_ratio` · m_χ:
/// y_up = α_D ε_up² / mass_ratio⁴ (= α_D ε_up²/81 for the conventional ratio 3).
pub fn y_upper_limit(eps_up: f64, alpha_d: f64, mass_ratio: f64) -> Result<f64, PhysicsError> {
    positive("ε_up", eps_up)?;
    positive("α_D", alpha_d)?;
    positive("m_A'/m_χ", mass_ratio)?;
    Ok(alpha_d * eps_up * eps_up / mass_ratio.powi(4))
}

/// Lower bound on α_D from an upper limit ε_up(m_A') through the relic relation (eq. 5) with
/// m_χ = m_A'/`mass_ratio`: since α_D ∝ 1/ε², ε < ε_up means α_D > α_D(ε_up).
pub fn alpha_d_lower_bound(
    eps_up: f64,
    m_a: f64,
    mass_ratio: f64,
    model: RelicModel,
) -> Result<f64, PhysicsError> {
    positive("m_A'/m_χ", mass_ratio)?;
    relic_alpha_d(eps_up, m_a, m_a / mass_ratio, model.f())
}
