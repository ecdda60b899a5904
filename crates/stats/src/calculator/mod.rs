//! CLs calculators: each turns a signal strength μ into CLs for the observed data and for the
//! expected (background-only) quantiles −2σ…+2σ.
//!
//! CLs = p_{s+b} / (1 − p_b) (Read, J. Phys. G 28 2693; Junk, NIM A434 435) with the one-sided
//! profile-likelihood ratio q̃_μ as test statistic (Cowan–Cranmer–Gross–Vitells, EPJC 71 1554).

mod asymptotic;
mod exact;
mod quadrature;
mod toys;

use serde::{Deserialize, Serialize};

pub use asymptotic::Asymptotic;
pub use exact::ExactPoisson;
pub use quadrature::HybridQuadrature;
pub use toys::{FrequentistToys, Hybrid, ToyConfig};

use crate::error::StatsError;

/// The expected-band quantiles, in units of the background-only σ: −2, −1, 0, +1, +2.
pub const BAND_SIGMAS: [f64; 5] = [-2.0, -1.0, 0.0, 1.0, 2.0];

/// Tolerance for comparing test statistics (fits converge to ~1e-10 in q̃): equal-count data
/// sets (e.g. every n = 0 toy) have equal q̃ up to fit noise and must count as ties.
pub(crate) fn tie_tolerance(q: f64) -> f64 {
    1e-6 * (1.0 + q.abs())
}

/// Which calculator produced a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalculatorKind {
    /// Asymptotic formulae with the Asimov data set (CCGV).
    Asymptotic,
    /// Frequentist toys with profiled nuisances (LHC-style CLs).
    Toys,
    /// Exact Poisson CLs (one channel, no systematics).
    Exact,
    /// Hybrid Bayesian–frequentist toys, nuisances averaged over their priors (Cousins–Highland).
    Hybrid,
    /// The hybrid CLs without toys: priors by quadrature, counts summed exactly.
    #[serde(rename = "hybrid-quadrature")]
    HybridQuadrature,
}

impl CalculatorKind {
    /// Lower-case name (as used on the command line and in JSON).
    pub fn name(self) -> &'static str {
        match self {
            Self::Asymptotic => "asymptotic",
            Self::Toys => "toys",
            Self::Exact => "exact",
            Self::Hybrid => "hybrid",
            Self::HybridQuadrature => "hybrid-quadrature",
        }
    }
}

impl std::fmt::Display for CalculatorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// CLs at one signal strength.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClsPoint {
    /// Signal strength μ (model units: expected signal = μ·Σ s_i).
    pub mu: f64,
    /// CLs of the observed data.
    pub observed: f64,
    /// Expected CLs at the background-only quantiles of [`BAND_SIGMAS`].
    pub expected: [f64; 5],
    /// Statistical (toy) standard error of ln CLs_obs; 0 for analytic calculators.
    pub ln_observed_error: f64,
}

/// A CLs calculator for one model and data set.
pub trait ClsCalculator: Sync {
    /// Which calculator this is.
    fn kind(&self) -> CalculatorKind;
    /// CLs at signal strength `mu` (≥ 0).
    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError>;
    /// A signal strength of the order of the limit, to start the search.
    fn typical_mu(&self) -> f64;
}
