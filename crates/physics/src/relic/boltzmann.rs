//! Freeze-out: the Boltzmann equation for the comoving abundance Y = n/s of a dark-matter
//! population (Kolb & Turner, *The Early Universe* (1990), §5.2; Gondolo & Gelmini, NPB 360
//! (1991) 145, §2):
//!
//!   dY/dx = −sqrt(π/45) M_Pl m g_*^{1/2}(T) ⟨σv⟩_eff(x)/x² · (Y² − Y_eq²),  x = m/T,
//!
//! which is dY/dx = −(s⟨σv⟩/(H x))(Y² − Y_eq²) with H = sqrt(4π³g_*/45) T²/M_Pl,
//! s = (2π²/45) g_*s T³, plus the (1 + (1/3) d ln g_*s/d ln T) factor of g_*^{1/2} that comes
//! from dT/dt when g_*s changes ([`super::dof`]).
//! Y_eq = (45/(4π⁴)) (g_χ/g_*s) x² K₂(x) (Maxwell–Boltzmann, g_χ = all dark states).
//!
//! Integrated from x = 1 (deep in equilibrium) to x = 10⁵ (s-wave annihilation then changes Y by
//! < 0.03%) with the second-order backward-differentiation formula (BDF2, variable step,
//! L-stable, so the stiff equilibrium phase is stable at any step), whose implicit equation is a
//! quadratic in Y_{n+1} solved in closed form. Steps grow as Δx = c·x (c = 0.0025 by default:
//! Ω h² changes by < 0.03% when c is halved).

use std::f64::consts::PI;

use super::bessel::k2_scaled;
use super::cosmology::{PLANCK_MASS, omega_h2};
use super::dof::plasma_dof;
use super::error::RelicError;

/// Integration settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FreezeOutOptions {
    /// Starting x = m/T (Y = Y_eq there).
    pub x_start: f64,
    /// Final x.
    pub x_end: f64,
    /// Relative step Δx/x.
    pub step: f64,
    /// Keep the (1 + (1/3) d ln g_*s/d ln T) factor of g_*^{1/2} (the correct equation);
    /// `false` gives the constant-g_*s form dY/dx = −(s⟨σv⟩/(Hx))(Y² − Y_eq²) of textbook
    /// semi-analytic estimates, for comparison only.
    pub entropy_derivative: bool,
}

impl Default for FreezeOutOptions {
    fn default() -> Self {
        Self {
            x_start: 1.0,
            x_end: 1e5,
            step: 0.0025,
            entropy_derivative: true,
        }
    }
}

/// Result of a freeze-out integration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FreezeOut {
    /// Final comoving abundance Y∞ = n/s (all dark states).
    pub y_inf: f64,
    /// Ω h² = m Y∞ s₀/(ρ_c/h²).
    pub omega_h2: f64,
    /// Freeze-out point: the first x where Y exceeds 2 Y_eq.
    pub x_freeze_out: f64,
}

/// Equilibrium abundance Y_eq(x) of `g_chi` Maxwell–Boltzmann degrees of freedom of mass `m`.
pub fn y_equilibrium(m: f64, g_chi: f64, x: f64) -> f64 {
    let h = plasma_dof(m / x).g_star_s;
    45.0 / (4.0 * PI.powi(4)) * g_chi / h * x * x * k2_scaled(x) * (-x).exp()
}

/// The ε-independent part of a freeze-out integration, precomputed on the step grid: x_n, the
/// coefficient a(x_n) = sqrt(π/45) M_Pl m g_*^{1/2} ⟨σv⟩/x² at unit scale, and Y_eq(x_n). A
/// cross section scaled by a constant (ε² at fixed α_D) is then solved in microseconds.
#[derive(Debug, Clone, PartialEq)]
pub struct FreezeOutGrid {
    m: f64,
    x: Vec<f64>,
    rate: Vec<f64>,
    y_eq: Vec<f64>,
}

impl FreezeOutGrid {
    /// Tabulates the equation for mass `m` \[GeV\], `g_chi` degrees of freedom and thermal
    /// average `sigma_v(x)` \[GeV⁻²\].
    pub fn new<F: Fn(f64) -> f64>(m: f64, g_chi: f64, sigma_v: F, opts: &FreezeOutOptions) -> Self {
        let pref = (PI / 45.0).sqrt() * PLANCK_MASS * m;
        let mut x = vec![opts.x_start];
        let mut cur = opts.x_start;
        while cur < opts.x_end {
            cur += (opts.step * cur).min(opts.x_end - cur);
            x.push(cur);
        }
        let (rate, y_eq) = x
            .iter()
            .map(|&xi| {
                let dof = plasma_dof(m / xi);
                let g_half = if opts.entropy_derivative {
                    dof.g_half
                } else {
                    dof.g_star_s / dof.g_star.sqrt()
                };
                let a = pref * g_half * sigma_v(xi) / (xi * xi);
                let y = 45.0 / (4.0 * PI.powi(4)) * g_chi / dof.g_star_s
                    * xi
                    * xi
                    * k2_scaled(xi)
                    * (-xi).exp();
                (a, y)
            })
            .unzip();
        Self { m, x, rate, y_eq }
    }

    /// Solves with ⟨σv⟩ multiplied by `scale`.
    pub fn solve(&self, scale: f64) -> Result<FreezeOut, RelicError> {
        let (xs, rate, y_eq) = (&self.x, &self.rate, &self.y_eq);
        let mut y = y_eq[0];
        let mut y_prev = y;
        let mut h_prev = 0.0;
        let mut x_f = f64::NAN;
        for n in 1..xs.len() {
            let h = xs[n] - xs[n - 1];
            let a = scale * rate[n];
            // BDF2 with ω = h/h_prev: Y_{n+1} − (1+ω)²/(1+2ω) Y_n + ω²/(1+2ω) Y_{n−1}
            //   = (1+ω)/(1+2ω) h f(Y_{n+1}); backward Euler on the first step (and as a
            //   fallback should the explicit part turn negative).
            let (c, b_explicit) = if h_prev > 0.0 {
                let w = h / h_prev;
                let d = 1.0 + 2.0 * w;
                (
                    (1.0 + w) / d * h * a,
                    (1.0 + w).powi(2) / d * y - w * w / d * y_prev,
                )
            } else {
                (h * a, y)
            };
            let (c, b_explicit) = if b_explicit > 0.0 {
                (c, b_explicit)
            } else {
                (h * a, y)
            };
            let b = b_explicit + c * y_eq[n] * y_eq[n];
            // c Y² + Y − b = 0, positive root in a cancellation-free form.
            let y_new = 2.0 * b / (1.0 + (1.0 + 4.0 * c * b).sqrt());
            if x_f.is_nan() && y_new > 2.0 * y_eq[n] {
                x_f = xs[n];
            }
            y_prev = y;
            y = y_new;
            h_prev = h;
        }
        if !(y > 0.0 && y.is_finite()) {
            return Err(RelicError::FreezeOutFailed {
                m: self.m,
                y_inf: y,
            });
        }
        Ok(FreezeOut {
            y_inf: y,
            omega_h2: omega_h2(self.m, y),
            x_freeze_out: x_f,
        })
    }
}

/// Solves the freeze-out of a population of mass `m` \[GeV\] with `g_chi` degrees of freedom and
/// effective thermal average `sigma_v(x)` \[GeV⁻²\].
pub fn freeze_out<F: Fn(f64) -> f64>(
    m: f64,
    g_chi: f64,
    sigma_v: F,
    opts: &FreezeOutOptions,
) -> Result<FreezeOut, RelicError> {
    FreezeOutGrid::new(m, g_chi, sigma_v, opts).solve(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equilibrium_abundance_relativistic_limit() {
        // x → 0: n_eq = g T³/π² (Maxwell–Boltzmann), Y_eq = 45 g/(2π⁴ g_*s).
        let (m, g) = (1.0, 2.0);
        let x = 1e-3;
        let h = plasma_dof(m / x).g_star_s;
        let y = y_equilibrium(m, g, x);
        assert!((y / (45.0 * g / (2.0 * PI.powi(4) * h)) - 1.0).abs() < 1e-4);
    }

    #[test]
    fn step_convergence() {
        // Halving the default step must not move Ω h² by more than 0.03% (s-wave, 100 MeV).
        let sv = 2.2e-26 / super::super::cosmology::GEV_MINUS2_TO_CM3_PER_S;
        let coarse = freeze_out(0.1, 2.0, |_| sv, &FreezeOutOptions::default()).unwrap();
        let fine_opts = FreezeOutOptions {
            step: 0.5 * FreezeOutOptions::default().step,
            ..FreezeOutOptions::default()
        };
        let fine = freeze_out(0.1, 2.0, |_| sv, &fine_opts).unwrap();
        assert!((coarse.omega_h2 / fine.omega_h2 - 1.0).abs() < 3e-4);
    }
}
