//! Resonant annihilation e⁺e⁻(atomic) → X → invisible for every mediator of [`crate::model`]
//! (models.md §2; physics.md §3; the dark-photon form is [`crate::annihilation`]).
//!
//! Relativistic Breit–Wigner per target electron at rest, s = 2m_e E₊ + 2m_e²: with spin
//! averaging 1/4 over the e⁺e⁻ helicities and the flux 16π/s of two light particles,
//!
//! σ(s) = 4π (2J+1) Γ_ee(√s) Γ_inv(√s) / ((s − m²)² + m² Γ²),
//!
//! with the partial widths of [`crate::decay`] evaluated at mass √s (couplings fixed, the L_μ−L_τ
//! loop mixing at q² = m²) and the total width Γ at the pole. For the vector with a Dirac or
//! scalar χ this is exactly the form of [`crate::annihilation`] (there Γ_ee is taken with
//! m_e → 0; here with m_e, which matters only for m within a few m_e of threshold), and the
//! vector delegates to it so that its numbers are unchanged. Integrated over E₊
//! (ds = 2m_e dE₊, ∫ds/((s−m²)² + m²Γ²) = π/(mΓ)) every model gives the narrow-width strength
//!
//! ∫σ dE₊ = (2J+1) 2π² Γ_ee BR_inv / (m m_e),
//!
//! i.e. 2π²αε_e² BR_inv/m_e for V and A and half of it for S and P (β_e → 1).

use crate::annihilation;
use crate::constants::{GEV2_TO_PB, M_E, PB_TO_CM2};
use crate::decay::{self, ModelWidths};
use crate::error::PhysicsError;
use crate::model::{Lepton, Mediator, ModelError, Projectile};
use crate::widths::DarkSector;

/// Checks that the projectile can annihilate resonantly on atomic electrons (positrons only).
pub fn check_projectile(mediator: Mediator, projectile: Projectile) -> Result<(), ModelError> {
    if projectile == Projectile::Positron {
        Ok(())
    } else {
        Err(ModelError::Unsupported {
            mediator: mediator.name(),
            what: format!("resonant annihilation with a {projectile} beam (needs a positron)"),
        })
    }
}

/// Γ_ee and Γ_inv at mass `w` = √s with the couplings of a mediator of pole mass `m` \[GeV\].
fn partial_widths_at(
    mediator: Mediator,
    m: f64,
    w: f64,
    dark: &DarkSector,
) -> Result<(f64, f64), PhysicsError> {
    let eps_e = mediator.eps_equivalent(Lepton::Electron, dark.eps, m)?;
    let ee = decay::lepton_pair_gev(mediator.vertex(), w, eps_e, M_E);
    let inv =
        decay::neutrino_pairs_gev(mediator, w, dark.eps) + decay::chi_pair_gev(mediator, w, dark)?;
    Ok((ee, inv))
}

/// Breit–Wigner σ(e⁺e⁻ → X → invisible) per target electron \[pb\] at total positron energy
/// `e_plus` \[GeV\], for `mediator` of mass `m` with parameter `dark.eps` (ε or g) and the χ of
/// `dark` (module docs).
pub fn sigma_per_electron_pb(
    mediator: Mediator,
    e_plus: f64,
    m: f64,
    dark: &DarkSector,
) -> Result<f64, PhysicsError> {
    if mediator == Mediator::Vector {
        return annihilation::sigma_per_electron_pb(e_plus, m, dark);
    }
    if !(e_plus.is_finite() && e_plus > 0.0) {
        return Err(PhysicsError::InvalidEnergy {
            name: "E+",
            value: e_plus,
        });
    }
    let widths = decay::model_widths(mediator, m, dark)?;
    let s = annihilation::mandelstam_s(e_plus);
    let (ee, inv) = partial_widths_at(mediator, m, s.sqrt(), dark)?;
    let bw = (s - m * m).powi(2) + m * m * widths.total_gev * widths.total_gev;
    Ok(4.0 * std::f64::consts::PI * mediator.multiplicity() * ee * inv / bw * GEV2_TO_PB)
}

/// Narrow-width strength per target electron, ∫σ dE₊ = (2J+1) 2π² Γ_ee BR_inv/(m m_e)
/// \[pb·GeV\], with the widths of [`decay::model_widths`].
pub fn narrow_width_integral_pb_gev(
    mediator: Mediator,
    m: f64,
    dark: &DarkSector,
) -> Result<f64, PhysicsError> {
    let w: ModelWidths = decay::model_widths(mediator, m, dark)?;
    Ok(
        mediator.multiplicity() * 2.0 * std::f64::consts::PI.powi(2) * w.ee_gev * w.br_invisible()
            / (m * M_E)
            * GEV2_TO_PB,
    )
}

/// Resonant X yield per electron on target, N/EOT = n_e ∫σ dE₊ T₊(E_R), for electron density
/// `n_e_cm3` \[cm⁻³\] and the differential positron track length at the resonance energy
/// `t_plus_cm_per_gev` \[cm/GeV\] (from the shower); invisible decays only.
pub fn resonant_yield_per_eot(
    mediator: Mediator,
    m: f64,
    dark: &DarkSector,
    n_e_cm3: f64,
    t_plus_cm_per_gev: f64,
) -> Result<f64, PhysicsError> {
    Ok(n_e_cm3 * narrow_width_integral_pb_gev(mediator, m, dark)? * PB_TO_CM2 * t_plus_cm_per_gev)
}
