//! Dark-matter annihilation through an s-channel dark photon, pair → A'* → SM, with the A'
//! Breit–Wigner propagator (paper 002 §I, §X; physics.md §3–4):
//!
//!   σ(s) = (4π α α_D ε²/3) · s I(s) F(s) / ((s − m_A'²)² + m_A'² Γ_A'²)
//!
//! derived from the general s-channel vector-exchange result
//! σ = (g₁²g₂²/12π) s (β_f/β_i)(1 + 2m_i²/s)(1 + 2m_f²/s)/D with g₁² = 4πα_D, g₂² = 4παε²
//! (e⁺e⁻ → μ⁺μ⁻ for g₁ = g₂ = e, D = s²). I(s) is the dark-matter initial-state factor of
//! [`DarkMatterKind::initial_state_factor`]; F(s) = Σ_ℓ β_ℓ(1 + 2m_ℓ²/s) + R(√s) sums e⁺e⁻,
//! μ⁺μ⁻, τ⁺τ⁻ and hadrons, the latter as σ(→ hadrons) = σ(→ μ⁺μ⁻, m_μ → 0) · R(√s) (the
//! definition of R, [`super::r_ratio`]).
//!
//! The A' width Γ_A' = Γ(A' → dark matter) + Γ(ee) + Γ(μμ) + Γ(ττ) + Γ(hadrons), the hadronic
//! part (αε²/3) m_A' R(m_A').

use serde::Serialize;

use super::error::RelicError;
use super::kind::DarkMatterKind;
use super::r_ratio::r_ratio;
use crate::constants::{ALPHA, M_E, M_MU};
use crate::widths::{self, M_TAU};

/// The partial widths of the A' \[GeV\].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AprimeWidths {
    /// Γ(A' → dark matter).
    pub invisible: f64,
    /// Γ(A' → e⁺e⁻).
    pub ee: f64,
    /// Γ(A' → μ⁺μ⁻).
    pub mumu: f64,
    /// Γ(A' → τ⁺τ⁻).
    pub tautau: f64,
    /// Γ(A' → hadrons) = (αε²/3) m R(m).
    pub hadrons: f64,
    /// Sum.
    pub total: f64,
}

/// Lepton final-state factor β(1 + 2m_ℓ²/s) (0 below threshold).
fn lepton_factor(s: f64, m_l: f64) -> f64 {
    let b2 = 1.0 - 4.0 * m_l * m_l / s;
    if b2 <= 0.0 {
        0.0
    } else {
        b2.sqrt() * (1.0 + 2.0 * m_l * m_l / s)
    }
}

/// Final-state factors of the SM channels at s \[GeV²\].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FinalStates {
    /// e⁺e⁻: β_e(1 + 2m_e²/s).
    pub ee: f64,
    /// μ⁺μ⁻.
    pub mumu: f64,
    /// τ⁺τ⁻.
    pub tautau: f64,
    /// hadrons: R(√s).
    pub hadrons: f64,
}

impl FinalStates {
    /// The factors at s \[GeV²\].
    pub fn at(s: f64) -> Self {
        Self {
            ee: lepton_factor(s, M_E),
            mumu: lepton_factor(s, M_MU),
            tautau: lepton_factor(s, M_TAU),
            hadrons: r_ratio(s.sqrt()),
        }
    }

    /// F(s), the sum.
    pub fn total(&self) -> f64 {
        self.ee + self.mumu + self.tautau + self.hadrons
    }
}

/// Annihilation of one dark-matter candidate through a dark photon of mass m_A'.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DarkPhotonPortal {
    /// The candidate.
    pub kind: DarkMatterKind,
    /// m_χ \[GeV\].
    pub m_chi: f64,
    /// m_A' \[GeV\].
    pub m_aprime: f64,
    /// α_D = g_D²/4π.
    pub alpha_d: f64,
    /// Kinetic mixing ε.
    pub eps: f64,
    /// The A' widths at these couplings.
    pub widths: AprimeWidths,
}

fn check_positive(name: &'static str, value: f64) -> Result<(), RelicError> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(RelicError::NotPositive { name, value })
    }
}

impl DarkPhotonPortal {
    /// The portal for m_A' = `mass_ratio` · m_χ.
    pub fn new(
        kind: DarkMatterKind,
        m_chi: f64,
        mass_ratio: f64,
        alpha_d: f64,
        eps: f64,
    ) -> Result<Self, RelicError> {
        check_positive("m_χ [GeV]", m_chi)?;
        check_positive("m_A'/m_χ", mass_ratio)?;
        check_positive("α_D", alpha_d)?;
        check_positive("ε", eps)?;
        let m_aprime = mass_ratio * m_chi;
        let invisible = kind.invisible_width(m_aprime, alpha_d, m_chi);
        let ee = widths::lepton_pair(m_aprime, eps, M_E);
        let mumu = widths::lepton_pair(m_aprime, eps, M_MU);
        let tautau = widths::lepton_pair(m_aprime, eps, M_TAU);
        let hadrons = ALPHA * eps * eps / 3.0 * m_aprime * r_ratio(m_aprime);
        let widths = AprimeWidths {
            invisible,
            ee,
            mumu,
            tautau,
            hadrons,
            total: invisible + ee + mumu + tautau + hadrons,
        };
        Ok(Self {
            kind,
            m_chi,
            m_aprime,
            alpha_d,
            eps,
            widths,
        })
    }

    /// The same portal at another ε (A' widths recomputed).
    pub fn with_eps(&self, eps: f64) -> Result<Self, RelicError> {
        Self::new(
            self.kind,
            self.m_chi,
            self.m_aprime / self.m_chi,
            self.alpha_d,
            eps,
        )
    }

    /// (4παα_Dε²/3) s I(s)/D(s): everything but the final-state factor \[GeV⁻²\].
    fn common(&self, s: f64) -> f64 {
        let m2 = self.m_aprime * self.m_aprime;
        let d = (s - m2).powi(2) + m2 * self.widths.total * self.widths.total;
        4.0 * std::f64::consts::PI * ALPHA * self.alpha_d * self.eps * self.eps / 3.0
            * s
            * self.kind.initial_state_factor(s, self.m_chi)
            / d
    }

    /// Pair annihilation cross section σ(pair → SM) \[GeV⁻²\] at s \[GeV²\] (zero below 4m_χ²).
    pub fn sigma(&self, s: f64) -> f64 {
        let c = self.common(s);
        if c == 0.0 {
            return 0.0;
        }
        c * FinalStates::at(s).total()
    }

    /// σ per channel \[GeV⁻²\] (ee, μμ, ττ, hadrons).
    pub fn sigma_channels(&self, s: f64) -> FinalStates {
        let c = self.common(s);
        let f = FinalStates::at(s);
        FinalStates {
            ee: c * f.ee,
            mumu: c * f.mumu,
            tautau: c * f.tautau,
            hadrons: c * f.hadrons,
        }
    }

    /// σ_eff(s) of the Boltzmann equation for the total abundance \[GeV⁻²\]
    /// (σ_pair × [`DarkMatterKind::effective_fraction`]).
    pub fn sigma_eff(&self, s: f64) -> f64 {
        self.kind.effective_fraction() * self.sigma(s)
    }

    /// Where σ(s) has structure, as (√s, width) \[GeV\]: the A' pole, the ρ, ω, φ, and the
    /// μ⁺μ⁻, ππ and τ⁺τ⁻ thresholds (width 0) — break points for the thermal average.
    pub fn features(&self) -> Vec<(f64, f64)> {
        let mut f = vec![
            (self.m_aprime, self.widths.total),
            (2.0 * M_MU, 0.0),
            (2.0 * crate::constants::M_PI, 0.0),
            (2.0 * M_TAU, 0.0),
            (super::r_ratio::CONTINUUM_RAMP.0, 0.0),
            (super::r_ratio::CONTINUUM_RAMP.1, 0.0),
        ];
        f.extend_from_slice(&super::r_ratio::RESONANCES);
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dirac_matches_the_resonant_annihilation_formula() {
        // Crossing check against physics.md §3 (Dirac χ, massless e):
        // σ(e⁺e⁻ → χχ̄) = 4παε²α_D (q/√s)(s − 4q²/3)/((s − m²)² + m²Γ²). Detailed balance with
        // 4 spin states on both sides: σ(χχ̄ → e⁺e⁻) β_χ² = σ(e⁺e⁻ → χχ̄) β_e².
        let (m_chi, eps, alpha_d) = (0.01, 1e-3, 0.5);
        let p =
            DarkPhotonPortal::new(DarkMatterKind::PseudoDirac, m_chi, 3.0, alpha_d, eps).unwrap();
        let s: f64 = 0.0009 * 0.8; // between 4m_χ² and the pole
        let (m, g) = (p.m_aprime, p.widths.total);
        let q = 0.5 * s.sqrt() * (1.0 - 4.0 * m_chi * m_chi / s).sqrt();
        let forward = 4.0
            * std::f64::consts::PI
            * ALPHA
            * eps
            * eps
            * alpha_d
            * (q / s.sqrt())
            * (s - 4.0 * q * q / 3.0)
            / ((s - m * m).powi(2) + m * m * g * g);
        let beta_chi2 = 1.0 - 4.0 * m_chi * m_chi / s;
        let beta_e2 = 1.0 - 4.0 * M_E * M_E / s;
        // Our e⁺e⁻ factor keeps β_e(1 + 2m_e²/s); the reference neglects m_e: agree to O(m_e²/s).
        let ratio = p.sigma_channels(s).ee * beta_chi2 / (forward * beta_e2.sqrt());
        assert!((ratio - 1.0).abs() < 2e-3, "{ratio}");
    }

    #[test]
    fn widths_are_dominated_by_the_dark_sector() {
        let p = DarkPhotonPortal::new(DarkMatterKind::Majorana, 0.3, 3.0, 0.1, 1e-4).unwrap();
        assert!(p.widths.invisible / p.widths.total > 0.999_999);
        assert!(p.widths.hadrons > 0.0);
        assert!(DarkPhotonPortal::new(DarkMatterKind::Majorana, -1.0, 3.0, 0.1, 1e-4).is_err());
    }
}
