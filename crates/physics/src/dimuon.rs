//! The dimuon benchmark γ Z → μ⁺μ⁻ Z (Bethe–Heitler muon pair production; paper 002 §V.A
//! eq. 18–22, the parametrisation used by Geant4's G4GammaConversionToMuons after Kelner,
//! Kokoulin and Petrukhin; physics.md §6):
//!
//! dσ/dx₊ = 4 α Z² r_μ² (1 − (4/3) x₊x₋) ln W,   x₋ = 1 − x₊,  r_μ = α/m_μ,            (18)
//! W = W∞ (1 + (D_n√e − 2) δ/m_μ) / (1 + B Z^(−1/3) √e δ/m_e),                      (19)
//! W∞ = B Z^(−1/3) m_μ/(D_n m_e),  δ = m_μ²/(2E_γ x₊x₋),
//! B = 183, D_n = 1.54 A^0.27 (hydrogen: B = 202.4, D_n = 1.49),
//! σ_tot = ∫ dσ/dx₊ over x₊ ∈ [1/2 − sqrt(1/4 − m_μ/E_γ), 1/2 + sqrt(1/4 − m_μ/E_γ)].        (22)
//!
//! The formula integrates to 28/9 α Z² r_μ² ln W∞ at high energy (∫₀¹ 4(1 − 4x(1−x)/3) dx = 28/9)
//! and reproduces the Pb totals quoted in paper 002 (30.2, 334, 886 μb at 1, 10, 100 GeV) with
//! α = 1/137.036 to 0.2%. Where W < 1 (only close to threshold) ln W is set to zero: the
//! parametrisation is not meant to go negative.

use crate::constants::{ALPHA, GEV2_TO_UB, M_E, M_MU};
use crate::error::PhysicsError;
use crate::integrate::{Estimate, adaptive};
use crate::materials::Material;

/// Screening and nuclear-size parameters of eq. 19 for a nucleus (Z, A).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DimuonTarget {
    /// Atomic number Z.
    pub z: f64,
    /// Mass number A.
    pub a: f64,
    /// B (183, or 202.4 for hydrogen).
    pub b: f64,
    /// D_n = 1.54 A^0.27 (1.49 for hydrogen).
    pub d_n: f64,
}

impl DimuonTarget {
    /// Parameters for a nucleus of charge `z` and mass number `a` (Z = 1 is hydrogen).
    pub fn new(z: f64, a: f64) -> Result<Self, PhysicsError> {
        if !(z >= 1.0 && z.is_finite() && a >= 1.0 && a.is_finite()) {
            return Err(PhysicsError::InvalidArgument(format!(
                "target needs Z, A ≥ 1, got Z = {z}, A = {a}"
            )));
        }
        let (b, d_n) = if z < 1.5 {
            (202.4, 1.49)
        } else {
            (183.0, 1.54 * a.powf(0.27))
        };
        Ok(Self { z, a, b, d_n })
    }

    /// W∞ = B Z^(−1/3) m_μ/(D_n m_e).
    pub fn w_infinity(&self) -> f64 {
        self.b * self.z.powf(-1.0 / 3.0) * M_MU / (self.d_n * M_E)
    }
}

/// The range of x₊ = E_μ⁺/E_γ of eq. 22, `None` below E_γ = 4 m_μ where the formula's range is
/// empty.
pub fn x_range(e_gamma: f64) -> Option<(f64, f64)> {
    let d = 0.25 - M_MU / e_gamma;
    (e_gamma.is_finite() && d > 0.0).then(|| {
        let r = d.sqrt();
        (0.5 - r, 0.5 + r)
    })
}

/// Lowest photon energy at which eq. 22 has a non-empty x range, 4 m_μ \[GeV\].
pub fn threshold_gev() -> f64 {
    4.0 * M_MU
}

/// dσ/dx₊ per atom \[μb\] (eq. 18–19); zero outside the x range of eq. 22.
pub fn dsigma_dx_ub(target: &DimuonTarget, e_gamma: f64, x_plus: f64) -> f64 {
    let Some((lo, hi)) = x_range(e_gamma) else {
        return 0.0;
    };
    if !(x_plus >= lo && x_plus <= hi) {
        return 0.0;
    }
    let xx = x_plus * (1.0 - x_plus);
    let sqrt_e = std::f64::consts::E.sqrt();
    let delta = M_MU * M_MU / (2.0 * e_gamma * xx);
    let zm13 = target.z.powf(-1.0 / 3.0);
    let w = target.w_infinity() * (1.0 + (target.d_n * sqrt_e - 2.0) * delta / M_MU)
        / (1.0 + target.b * zm13 * sqrt_e * delta / M_E);
    if w <= 1.0 {
        return 0.0;
    }
    let r_mu = ALPHA / M_MU;
    4.0 * ALPHA * target.z * target.z * r_mu * r_mu * (1.0 - 4.0 / 3.0 * xx) * w.ln() * GEV2_TO_UB
}

/// Total cross section per atom \[μb\] (eq. 22) by adaptive Gauss–Kronrod to 1e-9 relative.
pub fn total_ub(target: &DimuonTarget, e_gamma: f64) -> Result<Estimate, PhysicsError> {
    if !(e_gamma > 0.0 && e_gamma.is_finite()) {
        return Err(PhysicsError::InvalidEnergy {
            name: "E_γ",
            value: e_gamma,
        });
    }
    let Some((lo, hi)) = x_range(e_gamma) else {
        return Err(PhysicsError::BelowThreshold(format!(
            "E_γ = {e_gamma} GeV: the dimuon formula (paper 002 eq. 22) needs E_γ > 4 m_μ = {:.4} GeV",
            threshold_gev()
        )));
    };
    adaptive(
        |x| dsigma_dx_ub(target, e_gamma, x),
        &[lo, 0.5, hi],
        1e-9,
        0.0,
        1000,
    )
}

/// Per-atom total of a material \[μb\], averaged over its elements by atom fraction.
pub fn material_total_ub(material: &Material, e_gamma: f64) -> Result<Estimate, PhysicsError> {
    let n = material.atom_densities_cm3();
    let n_tot: f64 = n.iter().sum();
    let mut out = Estimate {
        value: 0.0,
        error: 0.0,
    };
    for (c, ni) in material.components.iter().zip(&n) {
        let t = DimuonTarget::new(c.element.zf(), c.element.a)?;
        let e = total_ub(&t, e_gamma)?;
        out.value += ni / n_tot * e.value;
        out.error += ni / n_tot * e.error;
    }
    Ok(out)
}

/// Per-atom dσ/dx₊ of a material \[μb\], averaged over its elements by atom fraction.
pub fn material_dsigma_dx_ub(
    material: &Material,
    e_gamma: f64,
    x_plus: f64,
) -> Result<f64, PhysicsError> {
    let n = material.atom_densities_cm3();
    let n_tot: f64 = n.iter().sum();
    let mut out = 0.0;
    for (c, ni) in material.components.iter().zip(&n) {
        let t = DimuonTarget::new(c.element.zf(), c.element.a)?;
        out += ni / n_tot * dsigma_dx_ub(&t, e_gamma, x_plus);
    }
    Ok(out)
}
