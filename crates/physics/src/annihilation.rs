//! Resonant annihilation of shower positrons on atomic electrons, e⁺e⁻ → A' → χχ̄
//! (Marsicano et al., PRL 121 041802 (2018); Andreev et al., PRD 104 L091701 (2021); paper 003;
//! physics.md §3). The target electron is at rest and its mass is neglected in the couplings.
//!
//! s = 2 m_e E₊ + 2 m_e² (E₊ = total positron energy), resonance at E_R = (m² − 2m_e²)/(2m_e).
//! Breit–Wigner per target electron, q = (√s/2) sqrt(1 − 4m_χ²/s) the χ momentum in the CM:
//!   Dirac χ:  σ = 4π α ε² α_D (q/√s)(s − 4q²/3) / ((s − m²)² + m²Γ²),
//!   scalar χ: the same with (s − 4q²/3) → (2/3) q².
//! Integrated over E₊ (ds = 2m_e dE₊, ∫ds/((s−m²)² + m²Γ²) = π/(mΓ)) both give, with Γ from
//! [`crate::widths`], the narrow-width form σ = (2π²αε²/m_e) BR(χχ̄) δ(E₊ − E_R), and the A'
//! yield per electron on target N/EOT = n_e (2π²αε²/m_e) BR T₊(E_R) with T₊ the differential
//! positron track length in cm/GeV (0.297 ε² T₊ for Pb, physics.md §3).

use crate::constants::{ALPHA, GEV2_TO_PB, M_E, PB_TO_CM2};
use crate::error::PhysicsError;
use crate::materials::Material;
use crate::widths::{self, ChiSpin, DarkSector};

/// Centre-of-mass energy squared of a positron of total energy `e_plus` on an electron at rest
/// \[GeV²\].
pub fn mandelstam_s(e_plus: f64) -> f64 {
    2.0 * M_E * e_plus + 2.0 * M_E * M_E
}

/// Total positron energy E₊ for a given s \[GeV\].
pub fn positron_energy(s: f64) -> f64 {
    (s - 2.0 * M_E * M_E) / (2.0 * M_E)
}

/// Resonance energy E_R = (m² − 2m_e²)/(2m_e) ≈ m²/(2m_e) of the positron \[GeV\].
pub fn resonance_energy(m: f64) -> f64 {
    positron_energy(m * m)
}

/// A' mass whose resonance sits at positron energy `e_plus`: m = sqrt(s(E₊)) \[GeV\].
pub fn resonant_mass(e_plus: f64) -> f64 {
    mandelstam_s(e_plus).sqrt()
}

/// The A' mass window (m_lo, m_hi) reachable by resonant annihilation when the A' must carry at
/// least `e_min` and at most `e_max` \[GeV\], e.g. E_miss > 50 GeV at E0 = 100 GeV gives
/// ≈ (226, 320) MeV (physics.md §3).
pub fn resonant_mass_window(e_min: f64, e_max: f64) -> (f64, f64) {
    (resonant_mass(e_min), resonant_mass(e_max))
}

/// Breit–Wigner cross section per target electron \[pb\] at positron energy `e_plus` for an A'
/// of mass `m` and total width `gamma` \[GeV\]; zero below the χχ̄ threshold.
pub fn sigma_per_electron_with_width_pb(e_plus: f64, m: f64, gamma: f64, dark: &DarkSector) -> f64 {
    let s = mandelstam_s(e_plus);
    let b2 = 1.0 - 4.0 * dark.m_chi * dark.m_chi / s;
    if b2 <= 0.0 {
        return 0.0;
    }
    let rs = s.sqrt();
    let q = 0.5 * rs * b2.sqrt();
    let numerator = match dark.spin {
        ChiSpin::Fermion => s - 4.0 * q * q / 3.0,
        ChiSpin::Scalar => 2.0 / 3.0 * q * q,
    };
    let bw = (s - m * m).powi(2) + m * m * gamma * gamma;
    4.0 * std::f64::consts::PI * ALPHA * dark.eps * dark.eps * dark.alpha_d * (q / rs) * numerator
        / bw
        * GEV2_TO_PB
}

/// Breit–Wigner cross section per target electron \[pb\] with the total width of
/// [`widths::widths`] (leptons + χχ̄).
pub fn sigma_per_electron_pb(e_plus: f64, m: f64, dark: &DarkSector) -> Result<f64, PhysicsError> {
    if !(e_plus.is_finite() && e_plus > 0.0) {
        return Err(PhysicsError::InvalidEnergy {
            name: "E+",
            value: e_plus,
        });
    }
    let gamma = widths::total_width(m, dark)?;
    Ok(sigma_per_electron_with_width_pb(e_plus, m, gamma, dark))
}

/// Breit–Wigner cross section per atom of charge `z` \[pb\]: Z times the per-electron one.
pub fn sigma_per_atom_pb(
    e_plus: f64,
    m: f64,
    z: f64,
    dark: &DarkSector,
) -> Result<f64, PhysicsError> {
    Ok(z * sigma_per_electron_pb(e_plus, m, dark)?)
}

/// Narrow-width strength per target electron, ∫σ dE₊ = 2π²αε²/m_e \[pb·GeV\] for BR(χχ̄) = 1
/// (multiply by the branching fraction otherwise).
pub fn narrow_width_integral_pb_gev(eps: f64) -> f64 {
    2.0 * std::f64::consts::PI.powi(2) * ALPHA * eps * eps / M_E * GEV2_TO_PB
}

/// Resonant A' yield per electron on target, N/EOT = n_e (2π²αε²/m_e) T₊(E_R), for electron
/// density `n_e_cm3` \[cm⁻³\], BR(χχ̄) = 1 and the differential positron track length at the
/// resonance `t_plus_cm_per_gev` \[cm/GeV\] supplied by the caller (shower stage).
pub fn resonant_yield_per_eot(n_e_cm3: f64, eps: f64, t_plus_cm_per_gev: f64) -> f64 {
    n_e_cm3 * narrow_width_integral_pb_gev(eps) * PB_TO_CM2 * t_plus_cm_per_gev
}

/// [`resonant_yield_per_eot`] for a material (uses its electron density).
pub fn material_resonant_yield_per_eot(
    material: &Material,
    eps: f64,
    t_plus_cm_per_gev: f64,
) -> f64 {
    resonant_yield_per_eot(material.electron_density_cm3(), eps, t_plus_cm_per_gev)
}
