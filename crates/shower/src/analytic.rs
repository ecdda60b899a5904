//! Primary-electron-only analytic yield: Tsai's energy distribution of an electron after t
//! radiation lengths (Tsai, Rev. Mod. Phys. 46 (1974) 815, eq. 3.76 with b = 4/3),
//! I_e(E0, E, t) = [ln(E0/E)]^{4t/3 − 1}/(E0 Γ(4t/3)), folded with the dark cross section over
//! the target depth:
//!
//! N/EOT = ∫_0^T dt ∫ dE I_e(E0, E, t) Σ_X0(E),
//!
//! Σ_X0(E) = the macroscopic σ(E_A' > E_min) per radiation length averaged over the slabs. With
//! L = ln(E0/E) = e^{−v} and h(v) = ∫_0^{4T/3} e^{−v b}/Γ(b) db this becomes
//! N/EOT = (3/4) ∫ dv e^{−L} Σ_X0(E0 e^{−L}) h(v), smooth in v (h → 1/v² for v → ∞); the outer
//! integral is done in w = 1/v.

use aprime_physics::integrate::adaptive;

use crate::dark_setup::MassDark;
use crate::target::Geometry;

/// ln Γ(x) for x > 0: recurrence up to x ≥ 12, then Stirling's series to 1/x⁹.
pub fn ln_gamma(x: f64) -> f64 {
    let mut shift = 0.0;
    let mut y = x;
    while y < 12.0 {
        shift -= y.ln();
        y += 1.0;
    }
    let y2 = y * y;
    shift + (y - 0.5) * y.ln() - y + 0.5 * (std::f64::consts::TAU).ln() + 1.0 / (12.0 * y)
        - 1.0 / (360.0 * y * y2)
        + 1.0 / (1260.0 * y * y2 * y2)
        - 1.0 / (1680.0 * y * y2 * y2 * y2)
        + 1.0 / (1188.0 * y * y2 * y2 * y2 * y2)
}

/// 1/Γ(b), exact zero at b = 0.
pub fn inv_gamma(b: f64) -> f64 {
    if b <= 0.0 { 0.0 } else { (-ln_gamma(b)).exp() }
}

/// The primary-only yield per EOT per ε² of A' with E_A' > E_min for a beam of energy `e0`.
pub fn primary_brem_yield(geom: &Geometry, md: &MassDark, e0: f64, e_min: f64) -> f64 {
    let depth = geom.depth_x0;
    let bmax = 4.0 / 3.0 * depth;
    let sigma_x0 = |e: f64| -> f64 {
        geom.slabs
            .iter()
            .map(|s| md.sigma_macro(s.material, e) * (s.z_hi - s.z_lo))
            .sum::<f64>()
            / depth
    };
    let h = |v: f64| -> f64 {
        let knee = (20.0 / v).min(bmax);
        let mut br = vec![0.0, knee];
        if bmax > knee {
            br.push(bmax);
        }
        adaptive(|b| (-v * b).exp() * inv_gamma(b), &br, 1e-9, 1e-300, 4000)
            .map_or(0.0, |e| e.value)
    };
    let l_max = (e0 / e_min.max(1e-12)).ln();
    let v_lo = -(l_max.min(50.0)).ln();
    let w_max = 1.0 / v_lo.max(1e-3);
    // If L_max > 1, v_lo < 0: split off v ∈ [v_lo, 1] and integrate it directly in v.
    let f_v = |v: f64| {
        let l = (-v).exp();
        (-l).exp() * sigma_x0(e0 * (-l).exp()) * h(v)
    };
    let mut total = 0.0;
    let v_split = v_lo.max(1.0);
    if v_lo < v_split {
        total += adaptive(f_v, &[v_lo, v_split], 1e-7, 1e-300, 2000).map_or(0.0, |e| e.value);
    }
    let w_top = (1.0 / v_split).min(w_max);
    total += adaptive(
        |w| {
            if w <= 0.0 {
                // v → ∞: e^{-L} Σ(E0) h(v) v² → Σ(E0) (h ~ 1/v²).
                return sigma_x0(e0 * (1.0 - 1e-12));
            }
            f_v(1.0 / w) / (w * w)
        },
        &[0.0, 0.25 * w_top, w_top],
        1e-7,
        1e-300,
        2000,
    )
    .map_or(0.0, |e| e.value);
    0.75 * total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_function_values() {
        // Γ(1/2) = √π, Γ(5) = 24, Γ(0.1) = 9.513507698668732.
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-12);
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-12);
        assert!((ln_gamma(0.1) - 9.513507698668732_f64.ln()).abs() < 1e-12);
    }

    #[test]
    fn electron_energy_distribution_is_normalised() {
        // ∫ I_e dE = 1 at any depth: ∫_0^∞ L^{b−1} e^{−L}/Γ(b) dL = 1.
        for b in [0.3, 1.0, 4.0] {
            let r = adaptive(
                |l: f64| l.powf(b - 1.0) * (-l).exp() * inv_gamma(b),
                &[0.0, 1e-6, 1.0, 10.0, 80.0],
                1e-10,
                0.0,
                4000,
            )
            .unwrap()
            .value;
            assert!((r - 1.0).abs() < 1e-5, "b={b}: {r}");
        }
    }
}
