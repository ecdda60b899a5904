//! Decay widths and invisible branching fraction of every mediator of [`crate::model`]
//! (docs/models.md; models.md §2; paper 002 eq. 3–4 for the vector).
//!
//! Charged leptons, with ε_ℓ = g_ℓ/e of [`Mediator::eps_equivalent`], r = m_ℓ²/m²,
//! β = sqrt(1 − 4r):
//!   vector (and both Z')  Γ = αε_ℓ² m (1 + 2r) β / 3,   axial Γ = αε_ℓ² m β³ / 3,
//!   scalar                Γ = αε_ℓ² m β³ / 2,           pseudoscalar Γ = αε_ℓ² m β / 2.
//! For L_μ−L_τ the electron coupling is the loop mixing ε(m²) (real part above 2m_μ), μ and τ
//! couple with g; for B−L every lepton couples with g.
//!
//! Neutrinos (Z' models only, left-handed): Γ(Z' → νν̄) = g² m/(24π) per flavour, two
//! flavours (ν_μ, ν_τ) for L_μ−L_τ, three for B−L.
//!
//! Dark matter χ with coupling α_D = g_D²/4π and mass m_χ (β_χ, r_χ as above):
//!   vector-like (vector, Z'): Dirac χ α_D m (1 + 2r_χ) β_χ / 3, complex scalar χ α_D m β_χ³ / 12;
//!   axial: Dirac χ with an axial coupling, α_D m β_χ³ / 3;
//!   scalar: Dirac χ with a Yukawa coupling, α_D m β_χ³ / 2; pseudoscalar: α_D m β_χ / 2.
//! A scalar χ with the axial or spin-0 mediators is not implemented (an error if α_D > 0).
//!
//! Not included: hadronic decays (the R ratio above 2m_π for the vector, quark charges 1/3
//! for B−L); they matter only where BR(invisible) is not ≈ 1.
//!
//! A missing-energy signal counts BR(invisible) only. A visible decay X → e⁺e⁻ or μ⁺μ⁻ inside
//! the target or calorimeter deposits the X energy and is not missing energy; one beyond the
//! calorimeters would be ([`decay_length_cm`] gives where it happens).

use serde::Serialize;

use crate::constants::{ALPHA, HBARC_GEV_CM, M_E, M_MU};
use crate::error::PhysicsError;
use crate::model::{Lepton, Mediator, ModelError, Vertex};
use crate::widths::{self, ChiSpin, DarkSector, M_TAU};

/// Partial and total widths of a mediator \[GeV\].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ModelWidths {
    /// Γ(e⁺e⁻) \[GeV\].
    pub ee_gev: f64,
    /// Γ(μ⁺μ⁻) \[GeV\].
    pub mumu_gev: f64,
    /// Γ(τ⁺τ⁻) \[GeV\].
    pub tautau_gev: f64,
    /// Γ(νν̄), all flavours \[GeV\].
    pub nunu_gev: f64,
    /// Γ(χχ̄) \[GeV\].
    pub chichi_gev: f64,
    /// Sum \[GeV\] (hadrons not included).
    pub total_gev: f64,
}

impl ModelWidths {
    /// Invisible width νν̄ + χχ̄ \[GeV\].
    pub fn invisible_gev(&self) -> f64 {
        self.nunu_gev + self.chichi_gev
    }

    /// BR(X → invisible) = (Γ_νν̄ + Γ_χχ̄)/Γ (0 if Γ = 0).
    pub fn br_invisible(&self) -> f64 {
        if self.total_gev > 0.0 {
            self.invisible_gev() / self.total_gev
        } else {
            0.0
        }
    }

    /// BR(X → e⁺e⁻).
    pub fn br_ee(&self) -> f64 {
        if self.total_gev > 0.0 {
            self.ee_gev / self.total_gev
        } else {
            0.0
        }
    }
}

/// β² = 1 − 4m_f²/m², ≤ 0 below threshold.
fn beta2(m: f64, m_f: f64) -> f64 {
    1.0 - 4.0 * m_f * m_f / (m * m)
}

/// Γ(X → ℓ⁺ℓ⁻) for a vertex with ε-equivalent coupling `eps_l` \[GeV\] (module docs); zero
/// below threshold.
pub fn lepton_pair_gev(vertex: Vertex, m: f64, eps_l: f64, m_l: f64) -> f64 {
    let b2 = beta2(m, m_l);
    if b2 <= 0.0 {
        return 0.0;
    }
    let b = b2.sqrt();
    let a = ALPHA * eps_l * eps_l * m;
    match vertex {
        Vertex::Vector => widths::lepton_pair(m, eps_l, m_l),
        Vertex::Axial => a / 3.0 * b2 * b,
        Vertex::Scalar => a / 2.0 * b2 * b,
        Vertex::Pseudoscalar => a / 2.0 * b,
    }
}

/// Number of left-handed neutrino flavours the mediator decays to (0, 2 or 3).
pub fn neutrino_flavours(mediator: Mediator) -> u32 {
    match mediator {
        Mediator::LmuLtau => 2,
        Mediator::BMinusL => 3,
        _ => 0,
    }
}

/// Γ(Z' → νν̄) summed over flavours, g² m/(24π) each \[GeV\].
pub fn neutrino_pairs_gev(mediator: Mediator, m: f64, g: f64) -> f64 {
    f64::from(neutrino_flavours(mediator)) * g * g * m / (24.0 * std::f64::consts::PI)
}

/// Γ(X → χχ̄) \[GeV\] (module docs); error for a scalar χ with a non-vector-like mediator.
pub fn chi_pair_gev(mediator: Mediator, m: f64, dark: &DarkSector) -> Result<f64, PhysicsError> {
    if dark.alpha_d == 0.0 {
        return Ok(0.0);
    }
    let vertex = mediator.vertex();
    if vertex == Vertex::Vector {
        return Ok(widths::invisible(m, dark));
    }
    if dark.spin == ChiSpin::Scalar {
        return Err(ModelError::Unsupported {
            mediator: mediator.name(),
            what: "decay to a scalar χ (only Dirac χ)".into(),
        }
        .into());
    }
    let b2 = beta2(m, dark.m_chi);
    if b2 <= 0.0 {
        return Ok(0.0);
    }
    let b = b2.sqrt();
    let a = dark.alpha_d * m;
    Ok(match vertex {
        Vertex::Axial => a / 3.0 * b2 * b,
        Vertex::Scalar => a / 2.0 * b2 * b,
        Vertex::Pseudoscalar => a / 2.0 * b,
        Vertex::Vector => unreachable!("handled above"),
    })
}

/// All widths of `mediator` with mass `m` \[GeV\]; `dark.eps` is the model's parameter (ε, or g
/// for the Z' models), `dark.alpha_d`, `m_chi`, `spin` describe χ.
pub fn model_widths(
    mediator: Mediator,
    m: f64,
    dark: &DarkSector,
) -> Result<ModelWidths, PhysicsError> {
    if !(m > 0.0 && m.is_finite()) {
        return Err(PhysicsError::InvalidMass {
            name: "m_X",
            value: m,
        });
    }
    let param = mediator.check_parameter(dark.eps)?;
    let vertex = mediator.vertex();
    let lep = |l: Lepton, m_l: f64| -> Result<f64, PhysicsError> {
        Ok(lepton_pair_gev(
            vertex,
            m,
            mediator.eps_equivalent(l, param, m)?,
            m_l,
        ))
    };
    let ee = lep(Lepton::Electron, M_E)?;
    let mumu = lep(Lepton::Muon, M_MU)?;
    let tautau = lep(Lepton::Tau, M_TAU)?;
    let nunu = neutrino_pairs_gev(mediator, m, param);
    let chichi = chi_pair_gev(mediator, m, dark)?;
    Ok(ModelWidths {
        ee_gev: ee,
        mumu_gev: mumu,
        tautau_gev: tautau,
        nunu_gev: nunu,
        chichi_gev: chichi,
        total_gev: ee + mumu + tautau + nunu + chichi,
    })
}

/// Mean decay length γβcτ = (p/m) ħc/Γ \[cm\] of an X of energy `energy_gev`, mass `m` and total
/// width `total_width_gev`; infinite for Γ = 0.
pub fn decay_length_cm(energy_gev: f64, m: f64, total_width_gev: f64) -> f64 {
    let p = ((energy_gev - m) * (energy_gev + m)).max(0.0).sqrt();
    if total_width_gev > 0.0 {
        p / m * HBARC_GEV_CM / total_width_gev
    } else {
        f64::INFINITY
    }
}
