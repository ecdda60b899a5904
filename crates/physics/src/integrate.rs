//! One-dimensional quadrature: globally adaptive Gauss–Kronrod (7/15 points, QUADPACK QAG
//! strategy) and fixed-order Gauss–Legendre rules. Deterministic: the same integrand always gets
//! the same sequence of evaluations.

use crate::error::PhysicsError;

/// An integral estimate with its estimated absolute error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// Value of the integral.
    pub value: f64,
    /// Estimated absolute error.
    pub error: f64,
}

// Kronrod 15-point abscissae (positive half, descending) and weights; the Gauss 7-point rule
// uses every second abscissa. Standard values (Piessens et al., QUADPACK, 1983).
const XGK: [f64; 8] = [
    0.991_455_371_120_812_639_206_854_697_526_329,
    0.949_107_912_342_758_524_526_189_684_047_851,
    0.864_864_423_359_769_072_789_712_788_640_926,
    0.741_531_185_599_394_439_863_864_773_280_788,
    0.586_087_235_467_691_130_294_144_845_693_013,
    0.405_845_151_377_397_166_906_606_412_076_961,
    0.207_784_955_007_898_467_600_689_403_773_245,
    0.0,
];
const WGK: [f64; 8] = [
    0.022_935_322_010_529_224_963_732_008_058_970,
    0.063_092_092_629_978_553_290_700_663_189_204,
    0.104_790_010_322_250_183_839_876_322_541_518,
    0.140_653_259_715_525_918_745_189_590_510_238,
    0.169_004_726_639_267_902_826_583_426_598_550,
    0.190_350_578_064_785_409_913_256_402_421_014,
    0.204_432_940_075_298_892_414_161_999_234_649,
    0.209_482_141_084_727_828_012_999_174_891_714,
];
const WG: [f64; 4] = [
    0.129_484_966_168_869_693_270_611_432_679_082,
    0.279_705_391_489_276_667_901_467_771_423_780,
    0.381_830_050_505_118_944_950_369_775_488_975,
    0.417_959_183_673_469_387_755_102_040_816_327,
];

/// One Gauss–Kronrod 7/15 panel on \[a, b\]: (Kronrod value, |Kronrod − Gauss|).
pub fn gk15<F: FnMut(f64) -> f64>(f: &mut F, a: f64, b: f64) -> (f64, f64) {
    let c = 0.5 * (a + b);
    let h = 0.5 * (b - a);
    let fc = f(c);
    let mut rk = fc * WGK[7];
    let mut rg = fc * WG[3];
    for j in 0..7 {
        let dx = h * XGK[j];
        let s = f(c - dx) + f(c + dx);
        rk += WGK[j] * s;
        if j % 2 == 1 {
            rg += WG[j / 2] * s;
        }
    }
    (rk * h, ((rk - rg) * h).abs())
}

/// Globally adaptive Gauss–Kronrod integration of `f` over the panels defined by `breaks`
/// (sorted, at least two points), until the summed error estimate is below
/// max(abs_tol, rel_tol·|I|) or `max_panels` panels are used.
pub fn adaptive<F: FnMut(f64) -> f64>(
    mut f: F,
    breaks: &[f64],
    rel_tol: f64,
    abs_tol: f64,
    max_panels: usize,
) -> Result<Estimate, PhysicsError> {
    if breaks.len() < 2 {
        return Err(PhysicsError::InvalidArgument(
            "integration needs at least two points".into(),
        ));
    }
    // (a, b, value, error); refine the panel with the largest error each step.
    let mut panels: Vec<(f64, f64, f64, f64)> = Vec::with_capacity(max_panels.max(breaks.len()));
    for w in breaks.windows(2) {
        if w[1] > w[0] {
            let (v, e) = gk15(&mut f, w[0], w[1]);
            panels.push((w[0], w[1], v, e));
        }
    }
    loop {
        let value: f64 = panels.iter().map(|p| p.2).sum();
        let error: f64 = panels.iter().map(|p| p.3).sum();
        if !value.is_finite() {
            return Err(PhysicsError::Integration(format!(
                "non-finite integral {value}"
            )));
        }
        if error <= abs_tol.max(rel_tol * value.abs()) {
            return Ok(Estimate { value, error });
        }
        if panels.len() >= max_panels {
            return Err(PhysicsError::Integration(format!(
                "relative error {:.2e} after {} panels (asked {rel_tol:.1e})",
                error / value.abs(),
                panels.len()
            )));
        }
        let (imax, _) =
            panels.iter().enumerate().fold(
                (0, -1.0),
                |acc, (i, p)| if p.3 > acc.1 { (i, p.3) } else { acc },
            );
        let (a, b, _, _) = panels[imax];
        let m = 0.5 * (a + b);
        let (v1, e1) = gk15(&mut f, a, m);
        let (v2, e2) = gk15(&mut f, m, b);
        panels[imax] = (a, m, v1, e1);
        panels.push((m, b, v2, e2));
    }
}

/// Gauss–Legendre nodes and weights on \[−1, 1\] of order `n` (Newton iteration on P_n).
pub fn gauss_legendre(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut x = vec![0.0; n];
    let mut w = vec![0.0; n];
    let nf = n as f64;
    for i in 0..n.div_ceil(2) {
        // Tricomi's initial guess.
        let mut z = (std::f64::consts::PI * (i as f64 + 0.75) / (nf + 0.5)).cos();
        let mut dp = 0.0;
        for _ in 0..100 {
            let (mut p0, mut p1) = (1.0, z);
            for k in 2..=n {
                let kf = k as f64;
                let p2 = ((2.0 * kf - 1.0) * z * p1 - (kf - 1.0) * p0) / kf;
                p0 = p1;
                p1 = p2;
            }
            let pn = if n == 0 {
                1.0
            } else if n == 1 {
                z
            } else {
                p1
            };
            let pn1 = if n == 1 { 1.0 } else { p0 };
            dp = nf * (z * pn - pn1) / (z * z - 1.0);
            let dz = pn / dp;
            z -= dz;
            if dz.abs() < 1e-15 {
                break;
            }
        }
        x[i] = -z;
        x[n - 1 - i] = z;
        w[i] = 2.0 / ((1.0 - z * z) * dp * dp);
        w[n - 1 - i] = w[i];
    }
    (x, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adaptive_integrates_peaked_function() {
        // ∫_0^1 1/(x² + 1e-4) dx = 100·atan(100).
        let exact = 100.0 * 100f64.atan();
        let r = adaptive(|x| 1.0 / (x * x + 1e-4), &[0.0, 1.0], 1e-10, 0.0, 500).unwrap();
        assert!((r.value / exact - 1.0).abs() < 1e-10);
    }

    #[test]
    fn gauss_legendre_is_exact_for_polynomials() {
        // An n-point rule integrates x^(2n−1) exactly; ∫_{-1}^{1} x^{10} dx = 2/11.
        let (x, w) = gauss_legendre(6);
        let s: f64 = x.iter().zip(&w).map(|(x, w)| w * x.powi(10)).sum();
        assert!((s - 2.0 / 11.0).abs() < 1e-14);
        assert!((w.iter().sum::<f64>() - 2.0).abs() < 1e-14);
        let (x, w) = gauss_legendre(7);
        assert!(x[3].abs() < 1e-15 && (w.iter().sum::<f64>() - 2.0).abs() < 1e-14);
    }
}
