//! The three light-dark-matter candidates coupled to the dark photon (paper 002 §X; paper 000
//! Fig. 4): how each annihilates through A'* and how it is counted in the freeze-out equation.
//!
//! Couplings (g_D² = 4πα_D):
//! - complex scalar φ: g_D A'_μ i(φ*∂^μφ − φ∂^μφ*) (paper 002 §X). φφ* → A'* → f f̄ is p-wave.
//!   Dark matter is φ + φ* (2 degrees of freedom); only φφ* annihilates, so the equation for
//!   the total abundance carries σ_eff = σ(φφ*)/2.
//! - Majorana fermion χ: (g_D/2) A'_μ χ̄γ^μγ⁵χ (a Majorana vector current vanishes; the 1/2 is
//!   the usual Majorana normalisation, making the Feynman rule g_D γ^μγ⁵). The axial current
//!   makes χχ → A'* → f f̄ p-wave. 2 degrees of freedom, σ_eff = σ(χχ).
//! - pseudo-Dirac pair χ₁, χ₂ with a small mass splitting Δ: g_D A'_μ χ̄₂γ^μχ₁ (off-diagonal).
//!   Annihilation proceeds only by coannihilation χ₁χ₂ → A'* → f f̄ (s-wave). The splitting is
//!   neglected (Δ ≪ T_f ≈ m_χ/20 so χ₂ is as abundant as χ₁ at freeze-out): then χ₁ and χ₂ form
//!   a Dirac fermion and σ(χ₁χ₂) = σ(χχ̄) of a vector-coupled Dirac fermion. With Griest &
//!   Seckel (PRD 43 (1991) 3191) for equal masses: 4 degrees of freedom, σ_eff = Σσ_ij r_i r_j
//!   = 2σ₁₂ · (1/2)² = σ₁₂/2.

use serde::{Deserialize, Serialize};

use crate::widths;

/// Light-dark-matter candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DarkMatterKind {
    /// Complex scalar (p-wave annihilation).
    ComplexScalar,
    /// Majorana fermion with axial coupling (p-wave annihilation).
    Majorana,
    /// Pseudo-Dirac fermion pair with negligible splitting (s-wave coannihilation).
    PseudoDirac,
}

/// Leading partial wave of χχ → A'* → f f̄ near threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartialWave {
    /// σv → constant as v → 0.
    S,
    /// σv ∝ v² as v → 0.
    P,
}

impl DarkMatterKind {
    /// All three, in the order of paper 000 Fig. 4.
    pub const ALL: [Self; 3] = [Self::ComplexScalar, Self::PseudoDirac, Self::Majorana];

    /// Short name (as in serde).
    pub fn name(self) -> &'static str {
        match self {
            Self::ComplexScalar => "complex-scalar",
            Self::Majorana => "majorana",
            Self::PseudoDirac => "pseudo-dirac",
        }
    }

    /// Total internal degrees of freedom of the dark-matter population (particles and
    /// antiparticles, all states) that enter n_eq.
    pub fn degrees_of_freedom(self) -> f64 {
        match self {
            Self::ComplexScalar | Self::Majorana => 2.0,
            Self::PseudoDirac => 4.0,
        }
    }

    /// σ_eff/σ_pair of the Boltzmann equation for the total abundance.
    pub fn effective_fraction(self) -> f64 {
        match self {
            Self::ComplexScalar | Self::PseudoDirac => 0.5,
            Self::Majorana => 1.0,
        }
    }

    /// Leading partial wave.
    pub fn partial_wave(self) -> PartialWave {
        match self {
            Self::ComplexScalar | Self::Majorana => PartialWave::P,
            Self::PseudoDirac => PartialWave::S,
        }
    }

    /// Initial-state factor I(s) of σ(pair → A'* → f f̄) = (4παα_Dε²/3) s I(s) F(s)/D(s)
    /// (see [`super::cross_section`]), β_χ = sqrt(1 − 4m_χ²/s):
    /// - (1 + 2m_χ²/s)/β_χ for the vector-coupled (pseudo-)Dirac pair (crossing of
    ///   e⁺e⁻ → μ⁺μ⁻ with massive initial state);
    /// - β_χ² · (1/β_χ) = β_χ for the axial Majorana current (current × flux factor);
    /// - β_χ for the scalar: detailed balance with e⁺e⁻ → φφ*, σ ∝ β_φ³/4, times the ratio
    ///   g_e²k_e²/(g_φ²k_φ²) = 4/β_φ² of spin counts and momenta.
    pub fn initial_state_factor(self, s: f64, m_chi: f64) -> f64 {
        let b2 = 1.0 - 4.0 * m_chi * m_chi / s;
        if b2 <= 0.0 {
            return 0.0;
        }
        let b = b2.sqrt();
        match self {
            Self::ComplexScalar | Self::Majorana => b,
            Self::PseudoDirac => (1.0 + 2.0 * m_chi * m_chi / s) / b,
        }
    }

    /// Γ(A' → dark matter) \[GeV\] for an A' of mass `m_a`:
    /// scalar (α_D/12) m β³; Majorana (α_D/6) m β³ (axial, identical particles);
    /// pseudo-Dirac χ₁χ₂ = Dirac (α_D/3) m (1 + 2m_χ²/m²) β (paper 002 eq. 4).
    pub fn invisible_width(self, m_a: f64, alpha_d: f64, m_chi: f64) -> f64 {
        match self {
            Self::ComplexScalar => widths::chi_pair_scalar(m_a, alpha_d, m_chi),
            Self::Majorana => 2.0 * widths::chi_pair_scalar(m_a, alpha_d, m_chi),
            Self::PseudoDirac => widths::chi_pair_fermion(m_a, alpha_d, m_chi),
        }
    }
}

impl std::fmt::Display for DarkMatterKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
