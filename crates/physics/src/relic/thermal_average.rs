//! Thermal average of an annihilation cross section over Maxwell–Boltzmann distributions
//! (Gondolo & Gelmini, NPB 360 (1991) 145, §3, equal masses m):
//!
//!   ⟨σv⟩(x) = ∫_{4m²}^∞ σ(s) (s − 4m²) √s K₁(√s/T) ds / (8 m⁴ T K₂(m/T)²),  x = m/T,
//!
//! the Møller-velocity average that enters dn/dt + 3Hn = −⟨σv⟩(n² − n_eq²).
//! Integrated in w with √s = 2m + T w² (so the Boltzmann factor is e^{−w²} after scaling out
//! e^{−√s/T + 2x} from the Bessel functions, and the threshold behaviour σ ∝ β^{±1} becomes
//! polynomial in w): ⟨σv⟩ = ∫₀^∞ σ (s − 4m²) s e^{√s/T}K₁(√s/T) e^{−w²} 2w dw
//! / (4m⁴ (e^x K₂(x))²), cut at w² = 60 (e^{−60} ≈ 10⁻²⁶), with adaptive Gauss–Kronrod panels
//! broken at every resonance (±3Γ) and threshold of σ inside the range.

use super::bessel::{k1_scaled, k2_scaled};
use super::error::RelicError;
use crate::integrate;

/// Upper end of the Boltzmann exponent u = (√s − 2m)/T.
const U_MAX: f64 = 60.0;

/// ⟨σv⟩ \[units of σ\] at x = m/T of the equal-mass pair cross section `sigma(s)` (s in GeV²),
/// with `features` = (√s, width) \[GeV\] of its resonances and thresholds, to relative
/// precision `rel_tol`.
pub fn thermal_average<F: Fn(f64) -> f64>(
    sigma: F,
    m: f64,
    x: f64,
    features: &[(f64, f64)],
    rel_tol: f64,
) -> Result<f64, RelicError> {
    let t = m / x;
    let w_of = |rs: f64| ((rs - 2.0 * m) / t).max(0.0).sqrt();
    let w_max = U_MAX.sqrt();
    let mut breaks = vec![0.0, w_max];
    for &(rs, width) in features {
        for r in [rs - 3.0 * width, rs, rs + 3.0 * width] {
            let w = w_of(r);
            if w > 0.0 && w < w_max {
                breaks.push(w);
            }
        }
    }
    // A few fixed breaks where the Boltzmann weight w² e^{−w²} changes shape.
    breaks.extend_from_slice(&[0.5, 1.0, 1.5, 2.0, 3.0, 4.5]);
    breaks.sort_by(f64::total_cmp);
    breaks.dedup_by(|a, b| (*a - *b).abs() < 1e-12);

    let k2s = k2_scaled(x);
    let norm = 1.0 / (4.0 * m.powi(4) * k2s * k2s);
    let integrand = |w: f64| {
        let u = w * w;
        let rs = 2.0 * m + t * u;
        let s = rs * rs;
        let s_minus_4m2 = t * u * (4.0 * m + t * u);
        sigma(s) * s_minus_4m2 * s * k1_scaled(rs / t) * (-u).exp() * 2.0 * w
    };
    integrate::adaptive(integrand, &breaks, rel_tol, 0.0, 2000)
        .map(|e| e.value * norm)
        .map_err(|source| RelicError::ThermalAverage { x, source })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative velocity in the centre-of-mass frame, v = 2β (= v_Møl there).
    fn v_cm(s: f64, m: f64) -> f64 {
        2.0 * (1.0 - 4.0 * m * m / s).max(0.0).sqrt()
    }

    #[test]
    fn s_and_p_wave_nonrelativistic_limits() {
        // σv = a + b v² averages to ⟨σv⟩ = a + 6b/x + O(1/x²) (Gondolo & Gelmini 1991; Kolb &
        // Turner §5.2 with ⟨v²⟩ = 6/x).
        let m = 0.1;
        for x in [20.0, 200.0, 2000.0] {
            let s_wave = thermal_average(|s| 1.0 / v_cm(s, m), m, x, &[], 1e-8).unwrap();
            assert!((s_wave - 1.0).abs() < 3.0 / x, "x = {x}: {s_wave}");
            let p_wave = thermal_average(|s| v_cm(s, m), m, x, &[], 1e-8).unwrap();
            assert!(
                (p_wave * x / 6.0 - 1.0).abs() < 6.0 / x,
                "x = {x}: {}",
                p_wave * x / 6.0
            );
        }
    }

    #[test]
    fn narrow_resonance_is_resolved() {
        // σ = a very narrow Breit–Wigner at √s_R = 2m(1 + 2/x). With ∫ds σ = π/(M_R Γ) the
        // Gondolo–Gelmini integral collapses to π/(M_R Γ) × its kernel at s = M_R²; the
        // adaptive quadrature must find the pole through the break points.
        let (m, x) = (0.1, 20.0);
        let rs_r = 2.0 * m * (1.0 + 2.0 / x);
        let g = 1e-7;
        let bw = |s: f64| 1.0 / ((s - rs_r * rs_r).powi(2) + rs_r * rs_r * g * g);
        let with = thermal_average(bw, m, x, &[(rs_r, g)], 1e-6).unwrap();
        let t = m / x;
        let s = rs_r * rs_r;
        let kernel = (s - 4.0 * m * m) * rs_r * k1_scaled(rs_r / t) * (-(rs_r - 2.0 * m) / t).exp()
            / (8.0 * m.powi(4) * t * k2_scaled(x).powi(2));
        let narrow = std::f64::consts::PI / (rs_r * g) * kernel;
        assert!((with / narrow - 1.0).abs() < 1e-3, "{with} vs {narrow}");
    }
}
