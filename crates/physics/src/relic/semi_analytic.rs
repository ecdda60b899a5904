//! The semi-analytic freeze-out of Kolb & Turner, *The Early Universe* (1990) §5.2: the method
//! paper 000 ref. \[59\] names for its f ranges ("calculations based on semianalytical formulae
//! of Ref. \[29\]", K&T). Re-derived here so that \[59\] can be compared like for like with the
//! same cross sections; our thermal targets are the full solution of [`super::target`].
//!
//! K&T expand the thermal average in temperature, ⟨σv⟩ = σ₀ x⁻ⁿ (n = 0 s-wave, 1 p-wave). With
//! σ_eff v = a + b v² + … in the relative velocity v and ⟨v²⟩ = 6/x (Maxwell–Boltzmann), σ₀ = a
//! for an s-wave and σ₀ = 6b for a p-wave. With λ = sqrt(π/45) M_Pl m g_*s/√g_* (the
//! coefficient of dY/dx = −λ⟨σv⟩x⁻²(Y² − Y_eq²) at constant g_*s) and
//! Y_eq = (45/(2π⁴)) sqrt(π/8) (g/g_*s) x^{3/2} e^{−x}:
//!
//! ```text
//! x_f = ln[c (n+1) (g/√g_*) M_Pl m σ₀] − (n + ½) ln ln[c (n+1) (g/√g_*) M_Pl m σ₀]
//! Y∞  = (n+1) x_f^{n+1} / (λ σ₀)
//! ```
//!
//! (K&T §5.2), c = (45/(2π⁴)) sqrt(π/8) sqrt(π/45) = 0.0383 (the 0.038 of the textbook form), with
//! g_* and g_*s taken at T_f = m/x_f and held constant afterwards. Ω h² follows from Y∞ as for
//! the full solution ([`super::cosmology::omega_h2`]). For a p-wave with m_A' = 3m_χ the
//! lowest-order σ₀ misses most: σv/v² ∝ s/(s − m_A'²)² grows as 1 + 0.65v², i.e. ≈ +40% of ⟨σv⟩
//! at x_f ≈ 16; the constant g_*s drops the (1/3) d ln g_*s/d ln T term during e± annihilation
//! (docs/relic.md, "Implied f against paper 000 ref. \[59\]").

use serde::Serialize;

use super::cosmology::{PLANCK_MASS, omega_h2};
use super::cross_section::DarkPhotonPortal;
use super::dof::plasma_dof;
use super::error::RelicError;
use super::kind::{DarkMatterKind, PartialWave};
use super::target::ThermalTarget;

/// c of K&T's x_f (§5.2): (45/(2π⁴)) sqrt(π/8) · sqrt(π/45).
fn freeze_out_constant() -> f64 {
    use std::f64::consts::PI;
    45.0 / (2.0 * PI.powi(4)) * (PI / 8.0).sqrt() * (PI / 45.0).sqrt()
}

/// A thermal target from the semi-analytic freeze-out at one mass.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SemiAnalyticTarget {
    /// ε, y, f as for the full solution; `x_freeze_out` is K&T's closed-form x_f and
    /// `sigma_v_freeze_out_cm3_s` is σ₀ x_f⁻ⁿ.
    pub target: ThermalTarget,
    /// n of ⟨σv⟩ = σ₀ x⁻ⁿ (0 s-wave, 1 p-wave).
    pub n: u8,
    /// σ₀ \[GeV⁻²\] at this ε.
    pub sigma0: f64,
}

/// σ_eff·v_rel at CM velocity β of each χ (v_rel = 2β, s = 4m²/(1 − β²)) \[GeV⁻²\].
fn sigma_v_at(portal: &DarkPhotonPortal, beta: f64) -> f64 {
    let m = portal.m_chi;
    let s = 4.0 * m * m / (1.0 - beta * beta);
    portal.sigma_eff(s) * 2.0 * beta
}

/// (n, σ₀) of K&T's ⟨σv⟩ = σ₀ x⁻ⁿ from the velocity expansion σ_eff v = a + b v² at v → 0:
/// s-wave σ₀ = a; p-wave σ₀ = 6b (⟨v²⟩ = 6/x). Limits taken by Richardson extrapolation from
/// β = 10⁻³ and 2·10⁻³, which removes the first correction, O(β²) ≈ 10⁻⁶ relative.
fn velocity_expansion(portal: &DarkPhotonPortal) -> (u8, f64) {
    let (b1, b2) = (1e-3, 2e-3);
    match portal.kind.partial_wave() {
        PartialWave::S => {
            let (g1, g2) = (sigma_v_at(portal, b1), sigma_v_at(portal, b2));
            (0, (4.0 * g1 - g2) / 3.0)
        }
        PartialWave::P => {
            // σv/v² with v = 2β.
            let h = |b: f64| sigma_v_at(portal, b) / (4.0 * b * b);
            let (h1, h2) = (h(b1), h(b2));
            (1, 6.0 * (4.0 * h1 - h2) / 3.0)
        }
    }
}

/// K&T's closed-form x_f and Y∞ (§5.2) for σ₀, with g_*, g_*s at T_f = m/x_f (fixed point).
fn freeze_out_kt(m: f64, g_chi: f64, n: u8, sigma0: f64) -> (f64, f64) {
    let np1 = f64::from(n) + 1.0;
    let mut x_f = 20.0;
    for _ in 0..50 {
        let dof = plasma_dof(m / x_f);
        let arg =
            freeze_out_constant() * np1 * g_chi / dof.g_star.sqrt() * PLANCK_MASS * m * sigma0;
        let next = arg.ln() - (f64::from(n) + 0.5) * arg.ln().ln();
        let done = (next - x_f).abs() < 1e-10 * x_f;
        x_f = next;
        if done {
            break;
        }
    }
    let dof = plasma_dof(m / x_f);
    let lambda =
        (std::f64::consts::PI / 45.0).sqrt() * PLANCK_MASS * m * dof.g_star_s / dof.g_star.sqrt();
    (x_f, np1 * x_f.powf(np1) / (lambda * sigma0))
}

/// The semi-analytic thermal target of `kind` at m_χ \[GeV\], dark coupling α_D and
/// m_A' = `mass_ratio` · m_χ, for the relic density `omega_h2` (Planck: 0.120). Needs the A' pole
/// above threshold (`mass_ratio` > 2), where the velocity expansion holds.
pub fn semi_analytic_target(
    kind: DarkMatterKind,
    m_chi: f64,
    alpha_d: f64,
    mass_ratio: f64,
    omega_h2_target: f64,
) -> Result<SemiAnalyticTarget, RelicError> {
    if m_chi <= crate::constants::M_E {
        return Err(RelicError::NoOpenChannel { m_chi });
    }
    if !(omega_h2_target > 0.0 && omega_h2_target.is_finite()) {
        return Err(RelicError::NotPositive {
            name: "Ω h²",
            value: omega_h2_target,
        });
    }
    if !(mass_ratio > 2.0 && mass_ratio.is_finite()) {
        return Err(RelicError::PoleBelowThreshold { mass_ratio });
    }
    // σ₀ ∝ ε² away from the pole; start from eq. 5 with f = 1 and iterate ln ε² ← ln ε² +
    // ln(Ω/target): d ln Ω/d ln σ₀ = −1 + (n+1)/x_f, so each step shrinks the error ≈ 10×.
    let y_guess = 2e-8 * m_chi * m_chi;
    let mut eps = (y_guess * mass_ratio.powi(4) / alpha_d).sqrt();
    let mut last = f64::NAN;
    for _ in 0..60 {
        let portal = DarkPhotonPortal::new(kind, m_chi, mass_ratio, alpha_d, eps)?;
        let (n, sigma0) = velocity_expansion(&portal);
        let (x_f, y_inf) = freeze_out_kt(m_chi, kind.degrees_of_freedom(), n, sigma0);
        let omega = omega_h2(m_chi, y_inf);
        if !(omega.is_finite() && omega > 0.0) {
            return Err(RelicError::FreezeOutFailed { m: m_chi, y_inf });
        }
        let r = (omega / omega_h2_target).ln();
        if r.abs() < 1e-9 {
            let sigma_v = sigma0 * x_f.powi(-i32::from(n));
            let target = ThermalTarget::reached(&portal, eps, mass_ratio, omega, x_f, sigma_v);
            return Ok(SemiAnalyticTarget { target, n, sigma0 });
        }
        eps *= (0.5 * r).exp();
        last = omega;
    }
    Err(RelicError::NoThermalTarget {
        m_chi,
        target: omega_h2_target,
        eps,
        omega_h2: last,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::constants::ALPHA;
    use crate::relic::{FreezeOutOptions, freeze_out};
    use std::f64::consts::PI;

    #[test]
    fn velocity_expansion_matches_the_threshold_formulae() {
        // At s = 4m²(1 + v²/4), m_A' = 3m_χ (s − m_A'² → −5m²), F(4m²) = β_e(1 + 2m_e²/s):
        // Majorana σv = (2π/3)αα_Dε² s F v²/(s − m_A'²)² ⇒ σ₀ = 6b = 6(8π/75)αα_Dε² F/m²;
        // pseudo-Dirac σ_eff v = (4π/3)αα_Dε² s(1 + 2m²/s) F/(s − m_A'²)² ⇒ σ₀ = (8π/25)αα_Dε² F/m²
        // (σ(s) of docs/relic.md, "Annihilation through the dark photon"); 25m⁴ is
        // (s − m_A'²)² + m_A'²Γ² without its width term, put back below.
        let (m, alpha_d, eps) = (0.01, 0.5, 1e-5);
        let s = 4.0 * m * m;
        let me = crate::constants::M_E;
        let f = (1.0 - 4.0 * me * me / s).sqrt() * (1.0 + 2.0 * me * me / s);
        let c = ALPHA * alpha_d * eps * eps * f / (m * m);
        for (kind, n, expected) in [
            (DarkMatterKind::Majorana, 1, 6.0 * 8.0 * PI / 75.0 * c),
            (DarkMatterKind::PseudoDirac, 0, 8.0 * PI / 25.0 * c),
        ] {
            let portal = DarkPhotonPortal::new(kind, m, 3.0, alpha_d, eps).unwrap();
            let gamma = portal.widths.total;
            let expected =
                expected * 25.0 * m.powi(4) / (25.0 * m.powi(4) + 9.0 * m * m * gamma * gamma);
            let (got_n, sigma0) = velocity_expansion(&portal);
            assert_eq!(got_n, n);
            assert!(
                (sigma0 / expected - 1.0).abs() < 1e-5,
                "{kind}: {sigma0} vs {expected}"
            );
        }
    }

    #[test]
    fn closed_form_against_the_boltzmann_equation() {
        // K&T's x_f and Y∞ approximate the constant-g_*s Boltzmann equation with the same
        // ⟨σv⟩ = σ₀x⁻ⁿ. At m = 100 MeV (T_f ≈ 6 MeV, g_* flat) the closed form is measured within
        // 1.5% (s-wave) and 4.7% (p-wave) of the integration; 6% still fails a wrong constant
        // or power of x_f (≥ 10%). At m ≲ 10 MeV the gap grows (−15% s-wave at 5 MeV), because
        // K&T hold g_*s/√g_* at its T_f value through e± annihilation.
        let opts = FreezeOutOptions {
            entropy_derivative: false,
            ..FreezeOutOptions::default()
        };
        for (n, sigma0) in [(0u8, 2e-9), (1, 2e-8)] {
            let m = 0.1;
            let (_, y_kt) = freeze_out_kt(m, 2.0, n, sigma0);
            let sv = |x: f64| sigma0 * x.powi(-i32::from(n));
            let ode = freeze_out(m, 2.0, sv, &opts).unwrap();
            let ratio = omega_h2(m, y_kt) / ode.omega_h2;
            assert!((ratio - 1.0).abs() < 0.06, "n = {n}: K&T/ODE = {ratio}");
        }
    }

    #[test]
    fn bad_inputs_are_errors() {
        let k = DarkMatterKind::Majorana;
        assert!(matches!(
            semi_analytic_target(k, 0.01, 0.1, 2.0, 0.12),
            Err(RelicError::PoleBelowThreshold { .. })
        ));
        assert!(matches!(
            semi_analytic_target(k, 1e-4, 0.1, 3.0, 0.12),
            Err(RelicError::NoOpenChannel { .. })
        ));
        assert!(semi_analytic_target(k, 0.01, -1.0, 3.0, 0.12).is_err());
        assert!(semi_analytic_target(k, 0.01, 0.1, 3.0, 0.0).is_err());
    }
}
