//! The L_μ−L_τ Z': its loop-induced kinetic mixing with the photon and its one-loop contribution
//! to the muon anomalous magnetic moment.
//!
//! **Kinetic mixing** (models.md §2; Holdom, PLB 166 (1986) 196; Araki et al., PRD 95 055006
//! (2017)): μ and τ carry charges +1 and −1 under the gauge coupling g, so the photon–Z' vacuum
//! polarisation is finite,
//!
//! ε(q²) = (e g / 2π²) ∫₀¹ dx x(1−x) ln[(m_τ² − x(1−x)q²)/(m_μ² − x(1−x)q²)],
//!
//! and at q² → 0 it is e g ln(m_τ²/m_μ²)/(12π²) ≈ g/69.3. Electrons and nuclei feel the Z' only
//! through ε. **Choice:** production of an on-shell Z' of mass m and its decay to e⁺e⁻ use
//! ε(q² = m²) (the Z' line is on shell). Above q² = 4m_μ² the argument of the muon logarithm is
//! negative for x between the roots of x(1−x)q² = m_μ² (the muon loop goes on shell and ε gets
//! an imaginary part π∫x(1−x)dx over that range); this crate takes the **real part**, i.e.
//! ln|…|, and says so wherever ε is reported. Above 2m_τ the same holds for the τ term.
//!
//! **Muon g−2** (models.md §2; Leveille, NPB 137 (1978) 63; Baek, Deshpande, He, Ko, PRD 64
//! 055006 (2001)): Δa_μ = (g²/4π²) ∫₀¹ dz m_μ² z(1−z)² / (m_μ²(1−z)² + m_Z'² z), which is
//! g²/(8π²) for m_Z' ≪ m_μ and g² m_μ²/(12π² m_Z'²) for m_Z' ≫ m_μ.

use crate::constants::{ALPHA, M_MU};
use crate::error::PhysicsError;
use crate::integrate::adaptive;
use crate::widths::M_TAU;

/// Δa_μ = a_μ(exp) − a_μ(SM) used by the papers' favoured band: (2.51 ± 0.59)e-9, the 2021
/// average (Muon g−2 Collaboration, PRL 126 141801 (2021), with the 2020 Theory-Initiative SM
/// value). The 2025 SM update brings the discrepancy to about zero: label any band "2021".
pub const DELTA_A_MU_2021: f64 = 2.51e-9;
/// One standard deviation of [`DELTA_A_MU_2021`].
pub const DELTA_A_MU_2021_SIGMA: f64 = 0.59e-9;

/// x(1−x)-weighted logarithm ∫₀¹ dx x(1−x) ln|m_f² − x(1−x)q²| \[dimensionless, ln GeV²\],
/// with panel breaks at the on-shell roots so that the integrable log singularity sits at a
/// panel end.
fn weighted_log(m_f: f64, q2: f64) -> Result<f64, PhysicsError> {
    let m2 = m_f * m_f;
    let mut breaks = vec![0.0, 1.0];
    if q2 > 4.0 * m2 {
        let r = (1.0 - 4.0 * m2 / q2).sqrt();
        breaks = vec![0.0, 0.5 * (1.0 - r), 0.5, 0.5 * (1.0 + r), 1.0];
    }
    let est = adaptive(
        |x| {
            let arg = (m2 - x * (1.0 - x) * q2).abs();
            if arg > 0.0 {
                x * (1.0 - x) * arg.ln()
            } else {
                0.0
            }
        },
        &breaks,
        1e-11,
        1e-14,
        400,
    )?;
    Ok(est.value)
}

/// Loop mixing per unit gauge coupling, ε(q²)/g (real part above 2m_μ, module docs), for
/// q² = `q2_gev2` \[GeV²\] (time-like positive).
pub fn eps_per_g(q2_gev2: f64) -> Result<f64, PhysicsError> {
    if !q2_gev2.is_finite() {
        return Err(PhysicsError::InvalidArgument(format!(
            "q² = {q2_gev2} GeV² is not finite"
        )));
    }
    let e = (4.0 * std::f64::consts::PI * ALPHA).sqrt();
    let i = weighted_log(M_TAU, q2_gev2)? - weighted_log(M_MU, q2_gev2)?;
    Ok(e / (2.0 * std::f64::consts::PI.powi(2)) * i)
}

/// ε(0)/g = e ln(m_τ²/m_μ²)/(12π²) (closed form of [`eps_per_g`] at q² = 0).
pub fn eps_per_g_at_zero() -> f64 {
    let e = (4.0 * std::f64::consts::PI * ALPHA).sqrt();
    e * (M_TAU * M_TAU / (M_MU * M_MU)).ln() / (12.0 * std::f64::consts::PI.powi(2))
}

/// One-loop Δa_μ per g², Δa_μ/g² = (1/4π²)∫₀¹ dz m_μ² z(1−z)²/(m_μ²(1−z)² + m² z) for a Z' of
/// mass `mass_gev` (module docs).
pub fn delta_a_mu_per_g2(mass_gev: f64) -> Result<f64, PhysicsError> {
    if !(mass_gev > 0.0 && mass_gev.is_finite()) {
        return Err(PhysicsError::InvalidMass {
            name: "m_Z'",
            value: mass_gev,
        });
    }
    let (mu2, m2) = (M_MU * M_MU, mass_gev * mass_gev);
    let est = adaptive(
        |z| {
            let w = (1.0 - z) * (1.0 - z);
            mu2 * z * w / (mu2 * w + m2 * z)
        },
        &[0.0, 0.5, 1.0],
        1e-11,
        0.0,
        400,
    )?;
    Ok(est.value / (4.0 * std::f64::consts::PI.powi(2)))
}

/// Δa_μ(g, m) of the L_μ−L_τ Z' (module docs).
pub fn delta_a_mu(g: f64, mass_gev: f64) -> Result<f64, PhysicsError> {
    Ok(g * g * delta_a_mu_per_g2(mass_gev)?)
}

/// Coupling g that gives Δa_μ = `delta_a` at mass `mass_gev` (g = sqrt(Δa/(Δa_μ/g²))); NaN-free:
/// a non-positive Δa returns 0.
pub fn g_for_delta_a_mu(delta_a: f64, mass_gev: f64) -> Result<f64, PhysicsError> {
    let per = delta_a_mu_per_g2(mass_gev)?;
    Ok((delta_a.max(0.0) / per).sqrt())
}

/// The favoured g band (g_low, g_high) at mass `mass_gev` for Δa_μ = `central` ± `n_sigma`·`sigma`
/// (e.g. [`DELTA_A_MU_2021`], [`DELTA_A_MU_2021_SIGMA`], 2 for the 2σ band).
pub fn g_band(
    mass_gev: f64,
    central: f64,
    sigma: f64,
    n_sigma: f64,
) -> Result<(f64, f64), PhysicsError> {
    Ok((
        g_for_delta_a_mu(central - n_sigma * sigma, mass_gev)?,
        g_for_delta_a_mu(central + n_sigma * sigma, mass_gev)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixing_at_zero_momentum_is_the_closed_form() {
        // models.md §2: ε(0) = e g ln(m_τ²/m_μ²)/(12π²) ≈ g/70.
        let num = eps_per_g(0.0).unwrap();
        let cf = eps_per_g_at_zero();
        assert!((num / cf - 1.0).abs() < 1e-9, "{num} vs {cf}");
        assert!((1.0 / cf - 69.3).abs() < 0.5, "1/(ε/g) = {}", 1.0 / cf);
        // Small q² (1 MeV) changes it by O(q²/m_μ²) only.
        assert!((eps_per_g(1e-6).unwrap() / cf - 1.0).abs() < 1e-4);
    }

    #[test]
    fn g_minus_2_limits() {
        // Light Z': Δa_μ → g²/(8π²); heavy: g² m_μ²/(12π² m²) (Leveille 1978).
        let light = delta_a_mu_per_g2(1e-6).unwrap() * 8.0 * std::f64::consts::PI.powi(2);
        assert!((light - 1.0).abs() < 1e-3, "{light}");
        let m = 20.0;
        let heavy = delta_a_mu_per_g2(m).unwrap() * 12.0 * std::f64::consts::PI.powi(2) * m * m
            / (M_MU * M_MU);
        assert!((heavy - 1.0).abs() < 1e-2, "{heavy}");
        let (lo, hi) = g_band(0.01, DELTA_A_MU_2021, DELTA_A_MU_2021_SIGMA, 2.0).unwrap();
        assert!(lo < hi && delta_a_mu(hi, 0.01).unwrap() > DELTA_A_MU_2021);
    }
}
