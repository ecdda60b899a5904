//! Exact Poisson CLs for one counting channel without systematics (Read, J. Phys. G 28 2693).
//!
//! For one channel q̃_μ decreases monotonically with n below μs + b and is 0 above, so ordering
//! by q̃ is ordering by n: CLs(μ) = F(n_obs; μs + b) / F(n_obs; b) with F the Poisson CDF, and
//! CLs = 1 once n_obs ≥ μs + b. At n_obs = 0 this is e^{−μs} for any b: s_up = −ln(1 − CL)
//! (= 2.303 at 90 %, paper 002 §IX). Expected bands use the Φ(N)-quantiles of Poisson(b).

use super::{BAND_SIGMAS, CalculatorKind, ClsCalculator, ClsPoint};
use crate::error::StatsError;
use crate::model::Model;
use crate::special::{normal_cdf, poisson_cdf, poisson_quantile};

/// Exact single-channel Poisson CLs.
#[derive(Debug, Clone)]
pub struct ExactPoisson {
    n: u64,
    s: f64,
    b: f64,
    band_n: [u64; 5],
}

impl ExactPoisson {
    /// Requires exactly one channel and no nuisance parameters.
    pub fn new(model: &Model) -> Result<Self, StatsError> {
        if model.channels().len() != 1 || model.has_systematics() {
            return Err(StatsError::CalculatorNotApplicable {
                calculator: "exact",
                reason: format!(
                    "it needs one channel without systematics, the model has {} channel(s) and {} nuisance(s)",
                    model.channels().len(),
                    model.nuisances().len()
                ),
            });
        }
        let c = &model.channels()[0];
        Ok(Self {
            n: c.observed,
            s: c.signal,
            b: c.background,
            band_n: BAND_SIGMAS.map(|z| poisson_quantile(normal_cdf(z), c.background)),
        })
    }

    /// ln CLs for n observed events.
    fn cls_n(&self, n: u64, mu: f64) -> f64 {
        let lam = mu * self.s + self.b;
        if n as f64 >= lam {
            return 0.0; // ln CLs = ln 1
        }
        ln_poisson_cdf(n, lam) - ln_poisson_cdf(n, self.b)
    }
}

/// ln F(n; λ), by a log-sum-exp of the terms for moderate n (no underflow for large λ).
fn ln_poisson_cdf(n: u64, lam: f64) -> f64 {
    if lam <= 0.0 {
        return 0.0;
    }
    if n > 2000 {
        return poisson_cdf(n, lam).ln();
    }
    // Terms t_k = λ^k/k!; sum in log space relative to the largest.
    let lnl = lam.ln();
    let mut ln_terms = Vec::with_capacity(n as usize + 1);
    let mut lt = 0.0;
    ln_terms.push(lt);
    for k in 1..=n {
        lt += lnl - (k as f64).ln();
        ln_terms.push(lt);
    }
    let mx = ln_terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = ln_terms.iter().map(|t| (t - mx).exp()).sum();
    -lam + mx + s.ln()
}

impl ClsCalculator for ExactPoisson {
    fn kind(&self) -> CalculatorKind {
        CalculatorKind::Exact
    }

    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        let obs = self.cls_n(self.n, mu);
        let expected = self.band_n.map(|n| self.cls_n(n, mu));
        Ok(ClsPoint {
            mu,
            observed: obs.exp().min(1.0),
            expected: expected.map(|v| v.exp().min(1.0)),
            ln_observed_error: 0.0,
        })
    }

    fn typical_mu(&self) -> f64 {
        let n = self.n as f64;
        (2.3 + (n - self.b).max(0.0) + 1.64 * self.b.max(n).sqrt()) / self.s
    }
}
