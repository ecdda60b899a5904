//! Special functions: the standard normal CDF and the Poisson distribution (CDF, quantile and
//! sampling by inversion, so that toys share random numbers across signal strengths).

use statrs::function::erf::erfc;
use statrs::function::gamma::{gamma_ur, ln_gamma};

/// Standard normal CDF Φ(x), via erfc for full relative precision in the lower tail.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Upper tail 1 − Φ(x).
pub fn normal_sf(x: f64) -> f64 {
    0.5 * erfc(x / std::f64::consts::SQRT_2)
}

/// Poisson probability P(k; λ).
pub fn poisson_pmf(k: u64, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    let k = k as f64;
    (k * lambda.ln() - lambda - ln_gamma(k + 1.0)).exp()
}

/// Poisson CDF F(n; λ) = P(N ≤ n) = Q(n + 1, λ) (regularized upper incomplete gamma).
pub fn poisson_cdf(n: u64, lambda: f64) -> f64 {
    if lambda <= 0.0 {
        return 1.0;
    }
    if n < 30 && lambda < 30.0 {
        // Direct sum: exact to rounding for small arguments.
        let mut p = (-lambda).exp();
        let mut sum = p;
        for k in 1..=n {
            p *= lambda / k as f64;
            sum += p;
        }
        return sum.min(1.0);
    }
    gamma_ur(n as f64 + 1.0, lambda)
}

/// The smallest n with F(n; λ) ≥ p: the p-quantile of a Poisson distribution.
pub fn poisson_quantile(p: f64, lambda: f64) -> u64 {
    poisson_inverse(p, lambda)
}

/// Inverse-CDF Poisson sampling: the smallest n with F(n; λ) ≥ u. One uniform per draw, and
/// monotone in λ for fixed u (common random numbers across hypotheses).
pub fn poisson_inverse(u: f64, lambda: f64) -> u64 {
    if lambda <= 0.0 || u <= 0.0 {
        return 0;
    }
    if lambda < 30.0 {
        let mut k = 0u64;
        let mut p = (-lambda).exp();
        let mut cdf = p;
        while cdf < u {
            k += 1;
            p *= lambda / k as f64;
            cdf += p;
            if p < 1e-300 && k as f64 > lambda {
                break; // u within rounding of 1
            }
        }
        return k;
    }
    // Start at the mode with the exact CDF and walk.
    let mut k = lambda.floor() as u64;
    let mut cdf = poisson_cdf(k, lambda);
    let mut p = poisson_pmf(k, lambda);
    if cdf >= u {
        // Walk down while F(k − 1) ≥ u.
        while k > 0 && cdf - p >= u {
            cdf -= p;
            p *= k as f64 / lambda;
            k -= 1;
        }
    } else {
        while cdf < u {
            k += 1;
            p *= lambda / k as f64;
            cdf += p;
            if p < 1e-300 {
                break;
            }
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_values() {
        // Φ(1.644854) = 0.95 (standard table).
        assert!((normal_cdf(1.644_853_627) - 0.95).abs() < 1e-9);
        assert!((normal_sf(-1.0) - normal_cdf(1.0)).abs() < 1e-15);
    }

    #[test]
    fn poisson_cdf_branches_agree() {
        for &lam in &[0.1, 2.5, 29.9, 30.1, 45.0, 80.0] {
            for n in [0u64, 1, 5, 29, 31, 50, 90] {
                let direct: f64 = (0..=n).map(|k| poisson_pmf(k, lam)).sum();
                assert!((poisson_cdf(n, lam) - direct).abs() < 1e-10, "{lam} {n}");
            }
        }
    }

    #[test]
    fn inversion_is_the_quantile() {
        for &lam in &[0.0, 0.3, 4.0, 29.0, 45.0, 200.0] {
            for &u in &[1e-6, 0.1, 0.5, 0.9, 0.999_999] {
                let k = poisson_inverse(u, lam);
                assert!(poisson_cdf(k, lam) >= u - 1e-12);
                if k > 0 {
                    assert!(poisson_cdf(k - 1, lam) < u + 1e-12, "{lam} {u} {k}");
                }
            }
        }
    }
}
