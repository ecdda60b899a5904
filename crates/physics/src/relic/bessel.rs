//! Modified Bessel functions of the second kind K₀, K₁, K₂ with the exponential scaled out,
//! e^x K_ν(x), as the thermal averages and equilibrium densities need them for x up to 10⁵
//! where K_ν(x) itself underflows.
//!
//! Polynomial approximations of Abramowitz & Stegun, *Handbook of Mathematical Functions*
//! (1964), 9.8.1–9.8.8 (I₀, I₁ for the small-x branch of K₀, K₁); relative error ≲ 2·10⁻⁷.
//! K₂ from the recurrence K₂(x) = K₀(x) + (2/x) K₁(x) (A&S 9.6.26).

/// I₀(x) for |x| ≤ 3.75 (A&S 9.8.1).
fn i0_small(x: f64) -> f64 {
    let t = (x / 3.75).powi(2);
    1.0 + t
        * (3.515_622_9
            + t * (3.089_942_4
                + t * (1.206_749_2 + t * (0.265_973_2 + t * (0.036_076_8 + t * 0.004_581_3)))))
}

/// I₁(x) for |x| ≤ 3.75 (A&S 9.8.3).
fn i1_small(x: f64) -> f64 {
    let t = (x / 3.75).powi(2);
    x * (0.5
        + t * (0.878_905_94
            + t * (0.514_988_69
                + t * (0.150_849_34 + t * (0.026_587_33 + t * (0.003_015_32 + t * 0.000_324_11))))))
}

/// e^x K₀(x), x > 0 (A&S 9.8.5 for x ≤ 2, 9.8.6 above).
pub fn k0_scaled(x: f64) -> f64 {
    if x <= 2.0 {
        let t = (x / 2.0).powi(2);
        let k0 = -(x / 2.0).ln() * i0_small(x) - 0.577_215_66
            + t * (0.422_784_20
                + t * (0.230_697_56
                    + t * (0.034_885_90
                        + t * (0.002_626_98 + t * (0.000_107_50 + t * 0.000_007_4)))));
        k0 * x.exp()
    } else {
        let t = 2.0 / x;
        (1.253_314_14
            + t * (-0.078_323_58
                + t * (0.021_895_68
                    + t * (-0.010_624_46
                        + t * (0.005_878_72 + t * (-0.002_515_40 + t * 0.000_532_08))))))
            / x.sqrt()
    }
}

/// e^x K₁(x), x > 0 (A&S 9.8.7 for x ≤ 2, 9.8.8 above).
pub fn k1_scaled(x: f64) -> f64 {
    if x <= 2.0 {
        let t = (x / 2.0).powi(2);
        let xk1 = x * (x / 2.0).ln() * i1_small(x)
            + 1.0
            + t * (0.154_431_44
                + t * (-0.672_785_79
                    + t * (-0.181_568_97
                        + t * (-0.019_194_02 + t * (-0.001_104_04 + t * -0.000_046_86)))));
        xk1 / x * x.exp()
    } else {
        let t = 2.0 / x;
        (1.253_314_14
            + t * (0.234_986_19
                + t * (-0.036_556_20
                    + t * (0.015_042_68
                        + t * (-0.007_803_53 + t * (0.003_256_14 + t * -0.000_682_45))))))
            / x.sqrt()
    }
}

/// e^x K₂(x), x > 0, from K₂ = K₀ + (2/x) K₁.
pub fn k2_scaled(x: f64) -> f64 {
    k0_scaled(x) + 2.0 / x * k1_scaled(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k1(x: f64) -> f64 {
        k1_scaled(x) * (-x).exp()
    }

    fn k2(x: f64) -> f64 {
        k2_scaled(x) * (-x).exp()
    }

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a / b - 1.0).abs() < rel
    }

    #[test]
    fn values_match_tables() {
        // Reference values: A&S Table 9.8 (K₀(1) = 0.4210244382, K₁(1) =
        // 0.6019072302, K₀(10) = 1.778006232e-5, K₁(10) = 1.864877345e-5, K₁(0.1) = 9.853844780).
        assert!(close(k0_scaled(1.0) * (-1f64).exp(), 0.421_024_438_2, 3e-7));
        assert!(close(k1(1.0), 0.601_907_230_2, 3e-7));
        assert!(close(
            k0_scaled(10.0) * (-10f64).exp(),
            1.778_006_232e-5,
            3e-7
        ));
        assert!(close(k1(10.0), 1.864_877_345e-5, 3e-7));
        assert!(close(k1(0.1), 9.853_844_780, 3e-7));
        // K₂(1) = K₀(1) + 2K₁(1) = 1.624838899.
        assert!(close(k2(1.0), 1.624_838_899, 3e-7));
    }

    #[test]
    fn asymptotic_forms() {
        // Large x: e^x K_ν(x) → sqrt(π/2x)(1 + (4ν²−1)/(8x)) (A&S 9.7.2); small x: K₂ → 2/x².
        let x = 1e4;
        let lead = (std::f64::consts::PI / (2.0 * x)).sqrt();
        assert!(close(k1_scaled(x), lead * (1.0 + 3.0 / (8.0 * x)), 1e-7));
        assert!(close(k2_scaled(x), lead * (1.0 + 15.0 / (8.0 * x)), 1e-7));
        assert!(close(k2(1e-3), 2e6, 1e-5));
    }
}
