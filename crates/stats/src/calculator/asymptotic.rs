//! Asymptotic CLs from the Asimov data set (Cowan, Cranmer, Gross, Vitells, EPJC 71 1554,
//! "Asymptotic formulae for likelihood-based tests of new physics", §3.8 and eq. 66).
//!
//! With σ² = μ²/q_{μ,A} from the background-only Asimov data set (nuisances at their
//! conditional estimates θ̂̂_0 from the observed data, global observables set to them), μ̂ is
//! Gaussian, and CLs follows from μ̂/σ written through q̃_μ:
//!   μ̂/σ = √q_A − √q̃           (q̃ ≤ q_A),     μ̂/σ = (q_A − q̃)/(2√q_A)   (q̃ > q_A),
//!   p_{s+b} = Φ(μ̂/σ − √q_A),   1 − p_b = Φ(μ̂/σ).
//! The expected CLs at the background-only quantile N (μ̂ = Nσ) is Φ(N − √q_A)/Φ(N).
//! Known failure: at n = 0, b = 0 it gives s_up = 1.645²/2 = 1.353 instead of 2.303.

use super::{BAND_SIGMAS, CalculatorKind, ClsCalculator, ClsPoint};
use crate::error::StatsError;
use crate::likelihood::{Data, GlobalFit, Likelihood};
use crate::model::Model;
use crate::special::{normal_cdf, normal_sf};

/// Asymptotic (Asimov) CLs calculator.
#[derive(Debug, Clone)]
pub struct Asymptotic {
    lik: Likelihood,
    obs: Data,
    obs_global: GlobalFit,
    asimov: Data,
    asimov_global: GlobalFit,
    typical_nu: f64,
}

impl Asymptotic {
    /// Fit the observed data and build the background-only Asimov data set.
    pub fn new(model: &Model) -> Self {
        let lik = Likelihood::new(model);
        let obs = Data::observed(model);
        let mut w = lik.work();
        let obs_global = lik.global_fit(&obs, &mut w);
        lik.conditional_fit(&obs, 0.0, &mut w);
        let theta0 = w.x[1..].to_vec();
        let mut counts = vec![0.0; lik.n_ch];
        lik.expected(0.0, &theta0, &mut counts);
        let asimov = Data {
            counts,
            globals: theta0,
        };
        let asimov_global = lik.global_fit(&asimov, &mut w);
        let typical_nu = typical_nu(model);
        Self {
            lik,
            obs,
            obs_global,
            asimov,
            asimov_global,
            typical_nu,
        }
    }

    /// (q̃_obs, q_A) at total signal ν.
    fn q_pair(&self, nu: f64) -> (f64, f64) {
        let mut w = self.lik.work();
        let q = self.lik.q_tilde(&self.obs, nu, &self.obs_global, &mut w);
        let qa = self
            .lik
            .q_tilde(&self.asimov, nu, &self.asimov_global, &mut w);
        (q, qa)
    }
}

/// A starting guess for the total-signal limit: 2.3 plus the excess plus ~1.64 √b.
pub(crate) fn typical_nu(model: &Model) -> f64 {
    let b = model.total_background();
    let n = model.total_observed() as f64;
    2.3 + (n - b).max(0.0) + 1.64 * b.max(n).sqrt()
}

/// Observed CLs from q̃_obs and q_A (CCGV eq. 65–66 for q̃_μ).
pub(crate) fn asymptotic_cls(q: f64, qa: f64) -> f64 {
    if qa <= 0.0 {
        return 1.0;
    }
    let sqa = qa.sqrt();
    let z = if q <= qa {
        sqa - q.sqrt()
    } else {
        (qa - q) / (2.0 * sqa)
    };
    let clb = normal_cdf(z);
    if clb <= 0.0 {
        return 1.0;
    }
    (normal_sf(sqa - z) / clb).min(1.0)
}

impl ClsCalculator for Asymptotic {
    fn kind(&self) -> CalculatorKind {
        CalculatorKind::Asymptotic
    }

    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        let nu = mu * self.lik.scale;
        let (q, qa) = self.q_pair(nu);
        let sqa = qa.max(0.0).sqrt();
        let expected = BAND_SIGMAS.map(|n| (normal_cdf(n - sqa) / normal_cdf(n)).min(1.0));
        Ok(ClsPoint {
            mu,
            observed: asymptotic_cls(q, qa),
            expected,
            ln_observed_error: 0.0,
        })
    }

    fn typical_mu(&self) -> f64 {
        self.typical_nu / self.lik.scale
    }
}
