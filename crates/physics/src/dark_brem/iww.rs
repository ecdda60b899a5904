//! Improved Weizsäcker–Williams (IWW) dark bremsstrahlung (Bjorken, Essig, Schuster, Toro,
//! PRD 80 075018 (2009) App. A; physics.md §2):
//!
//! dσ/dx = 4 ε² α³ χ(t_min(x), E0²) β (1 − x + x²/3) / U(x),
//! U(x) = m²(1−x)/x + m_l² x,  t_min(x) = U²/(4E0²(1−x)²),  β = sqrt(1 − m²/E0²),
//!
//! i.e. the angular integral of the exact-kinematics double differential ([`super::exact`]) done
//! in the small-angle limit with the flux evaluated at θ = 0. Integrated over x it reproduces
//! the simplified WW total (paper 002 eq. 9) up to O(1) terms in the logarithm, because
//! ∫ x(1 − x + x²/3)/(1 − x) dx ≈ (1/3) ln(1/δ) − 1/9.
//!
//! The total integrates dσ/dx in s = ln(1 − x): for light A' the integrand is flat in s between
//! 1 − x ≈ m_l²/m² and 1 − x ≈ 1, which is where all the cross section is.

use super::{DarkBrem, spin};
use crate::constants::{ALPHA, GEV2_TO_PB};
use crate::error::PhysicsError;
use crate::flux;
use crate::integrate::{Estimate, adaptive};
use crate::model::Vertex;

/// The virtuality U(x) = m²(1−x)/x + m_l² x of the intermediate lepton at θ = 0 \[GeV²\].
pub fn u_forward(p: &DarkBrem, x: f64) -> f64 {
    p.mass * p.mass * (1.0 - x) / x + p.lepton_mass * p.lepton_mass * x
}

/// Minimal momentum transfer to the nucleus at A' energy fraction x, θ = 0:
/// t_min = U²/(4E0²(1−x)²) \[GeV²\].
pub fn t_min(p: &DarkBrem, x: f64) -> f64 {
    let u = u_forward(p, x);
    u * u / (4.0 * p.e0 * p.e0 * (1.0 - x) * (1.0 - x))
}

fn check_x(p: &DarkBrem, x: f64) -> Result<bool, PhysicsError> {
    if !x.is_finite() {
        return Err(PhysicsError::InvalidArgument(format!(
            "A' energy fraction x = {x} is not a finite number"
        )));
    }
    Ok(x > p.x_min() && x < p.x_max())
}

/// IWW dσ/dx per atom for ε = 1 \[pb\] at x = E_A'/E0; zero outside the kinematic range
/// (x_min, x_max) of [`DarkBrem`]. The flux χ is integrated numerically to `chi_rel_tol`.
pub fn dsigma_dx_pb_tol(p: &DarkBrem, x: f64, chi_rel_tol: f64) -> Result<f64, PhysicsError> {
    if !check_x(p, x)? {
        return Ok(0.0);
    }
    let (m, e0) = (p.mass, p.e0);
    let tmin = t_min(p, x);
    let tmax = e0 * e0;
    if tmin >= tmax {
        return Ok(0.0);
    }
    let chi = flux::chi(&p.ff, tmin, tmax, chi_rel_tol)?.value;
    let beta = (1.0 - m * m / (e0 * e0)).sqrt();
    let vertex = p.mediator.vertex();
    if vertex != Vertex::Vector {
        let bracket = spin::iww_bracket(vertex, x, p.lepton_mass, m, u_forward(p, x));
        return Ok(ALPHA.powi(3) * chi * beta * bracket * GEV2_TO_PB);
    }
    Ok(4.0 * ALPHA.powi(3) * chi * beta * (1.0 - x + x * x / 3.0) / u_forward(p, x) * GEV2_TO_PB)
}

/// IWW dσ/dx per atom at unit coupling \[pb\] with the lepton mass kept in the numerator too:
/// α³ β χ [a/Ũ − c x(1−x)/(6Ũ²)] of [`spin::iww_bracket`] for every vertex. For the vector
/// the default [`dsigma_dx_pb`] keeps BEST's form 4(1 − x + x²/3)/Ũ (lepton mass in Ũ only);
/// the two differ by (2/3) x m_l² (x² + 2x − 2)/Ũ², i.e. only where Ũ ≈ m_l² (1 − x ≲ m_l²/m²).
/// This is the form to compare models with at the real lepton mass (docs/models.md).
pub fn dsigma_dx_full_mass_pb(p: &DarkBrem, x: f64) -> Result<f64, PhysicsError> {
    if !check_x(p, x)? {
        return Ok(0.0);
    }
    let (m, e0) = (p.mass, p.e0);
    let tmin = t_min(p, x);
    let tmax = e0 * e0;
    if tmin >= tmax {
        return Ok(0.0);
    }
    let chi = flux::chi(&p.ff, tmin, tmax, flux::CHI_REL_TOL)?.value;
    let beta = (1.0 - m * m / (e0 * e0)).sqrt();
    let bracket = spin::iww_bracket(p.mediator.vertex(), x, p.lepton_mass, m, u_forward(p, x));
    Ok(ALPHA.powi(3) * chi * beta * bracket * GEV2_TO_PB)
}

/// IWW dσ/dx per atom for ε = 1 \[pb\] at x = E_A'/E0, flux to the default precision
/// ([`flux::CHI_REL_TOL`]).
pub fn dsigma_dx_pb(p: &DarkBrem, x: f64) -> Result<f64, PhysicsError> {
    dsigma_dx_pb_tol(p, x, flux::CHI_REL_TOL)
}

/// Break points of the s = ln(1 − x) integration for `p`: the ends of the range and the
/// transition 1 − x ≈ m_l²/m² where U(x) changes from the A' to the lepton mass term.
pub(crate) fn s_breaks(p: &DarkBrem) -> Vec<f64> {
    let lo = (1.0 - p.x_max()).ln();
    let hi = (-p.x_min()).ln_1p();
    let mut b = vec![lo];
    let ratio = (p.lepton_mass / p.mass).powi(2);
    for s in [ratio.ln(), (10.0 * ratio).ln(), (0.1 * ratio).ln()] {
        if s > lo && s < hi {
            b.push(s);
        }
    }
    // A panel boundary near x ≈ 1/2 helps the flat-to-falling transition of heavy A'.
    if 0.5_f64.ln() > lo && 0.5_f64.ln() < hi {
        b.push(0.5_f64.ln());
    }
    b.sort_by(f64::total_cmp);
    b.push(hi);
    b
}

/// IWW total cross section per atom for ε = 1 \[pb\]: ∫ dσ/dx dx over (x_min, x_max) by adaptive
/// Gauss–Kronrod in s = ln(1 − x) to relative precision `rel_tol`. The returned error is the
/// quadrature estimate plus the (much smaller) flux tolerance.
pub fn total(p: &DarkBrem, rel_tol: f64) -> Result<Estimate, PhysicsError> {
    if !(rel_tol > 0.0 && rel_tol < 1.0) {
        return Err(PhysicsError::InvalidArgument(format!(
            "relative tolerance must be in (0, 1), got {rel_tol}"
        )));
    }
    let chi_tol = (rel_tol * 1e-2).clamp(1e-10, flux::CHI_REL_TOL);
    let breaks = s_breaks(p);
    let mut failure = None;
    let est = adaptive(
        |s| {
            let omx = s.exp();
            match dsigma_dx_pb_tol(p, 1.0 - omx, chi_tol) {
                Ok(v) => v * omx,
                Err(e) => {
                    failure.get_or_insert(e);
                    0.0
                }
            }
        },
        &breaks,
        rel_tol,
        0.0,
        1000,
    )?;
    if let Some(e) = failure {
        return Err(e);
    }
    Ok(Estimate {
        value: est.value,
        error: est.error + chi_tol * est.value.abs(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::materials::Element;

    #[test]
    fn zero_outside_the_kinematic_range() {
        let pb = Element::by_name("Pb").unwrap();
        let p = DarkBrem::electron(pb, 100.0, 0.1).unwrap();
        assert_eq!(dsigma_dx_pb(&p, 0.5 * p.x_min()).unwrap(), 0.0);
        assert_eq!(dsigma_dx_pb(&p, 1.0).unwrap(), 0.0);
        assert!(dsigma_dx_pb(&p, f64::NAN).is_err());
        assert!(dsigma_dx_pb(&p, 0.5).unwrap() > 0.0);
    }
}
