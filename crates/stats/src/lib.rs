//! Stage 5 of aprime: CLs upper limits for multi-channel (multi-run) counting experiments with
//! nuisance parameters, as NA64 sets them (paper 002 §IX, paper 000).
//!
//! - [`Model`]: channels Poisson(n_i | μ·s_i·Πf + b_i·Πf) with log-normal (κ = 1 + r) or
//!   Gaussian nuisances, shared across channels or per channel;
//! - test statistic: the one-sided profile-likelihood ratio q̃_μ (CCGV, EPJC 71 1554), profiled
//!   by a damped projected Newton minimiser ([`ProfileLikelihood`]);
//! - calculators ([`ClsCalculator`]): [`Asymptotic`], [`FrequentistToys`], [`ExactPoisson`],
//!   [`Hybrid`] and its toy-free form [`HybridQuadrature`]; [`LimitSettings::choose`] picks one
//!   by the expected counts;
//! - [`upper_limit`] / [`LimitSettings::compute`]: observed limit and expected band;
//! - [`CountingExperiment`]: the pipeline interface, ε_up from signal per ε² per run.
//!
//! ```
//! use aprime_stats::{CountingExperiment, LimitSettings};
//! let exp = CountingExperiment::new()
//!     .run("2016 run I", 0, 0.043, 0.017, 1.2e8)
//!     .run("2016 run II", 0, 0.041, 0.020, 0.6e8)
//!     .signal_uncertainty(0.10);
//! let lim = exp.epsilon_limit(&LimitSettings::default().toys(2000).seed(7)).unwrap();
//! assert!((lim.signal_events - 2.33).abs() < 0.1);
//! ```

pub mod calculator;
mod counting;
mod error;
mod hermite;
mod likelihood;
mod limit;
mod model;
pub mod pyhf;
pub mod special;

pub use calculator::{
    Asymptotic, BAND_SIGMAS, CalculatorKind, ClsCalculator, ClsPoint, ExactPoisson,
    FrequentistToys, Hybrid, HybridQuadrature, ToyConfig,
};
pub use counting::{CountingExperiment, EpsilonLimit, Run};
pub use error::StatsError;
pub use limit::{Band, CalculatorChoice, LimitResult, LimitSettings, upper_limit};
pub use model::{Channel, Component, Constraint, Effect, Model, ModelBuilder, Nuisance};

use likelihood::{Data, Likelihood};

/// The profile likelihood of a model's observed data, for inspection and tests.
#[derive(Debug, Clone)]
pub struct ProfileLikelihood {
    lik: Likelihood,
    data: Data,
}

impl ProfileLikelihood {
    /// Compile the model's likelihood with its observed data.
    pub fn new(model: &Model) -> Self {
        Self {
            lik: Likelihood::new(model),
            data: Data::observed(model),
        }
    }

    /// Maximum-likelihood μ̂ (≥ 0) and the nuisances θ̂.
    pub fn best_fit(&self) -> (f64, Vec<f64>) {
        let mut w = self.lik.work();
        let g = self.lik.global_fit(&self.data, &mut w);
        (g.nu_hat / self.lik.scale, w.x[1..].to_vec())
    }

    /// Conditional estimate θ̂̂(μ) and −ln L there (half deviance plus constraints).
    pub fn profile(&self, mu: f64) -> (f64, Vec<f64>) {
        let mut w = self.lik.work();
        let nll = self
            .lik
            .conditional_fit(&self.data, mu * self.lik.scale, &mut w);
        (nll, w.x[1..].to_vec())
    }

    /// −ln L at (μ, θ) (half deviance plus constraints), no profiling.
    pub fn nll(&self, mu: f64, theta: &[f64]) -> f64 {
        let mut x = vec![mu * self.lik.scale];
        x.extend_from_slice(theta);
        self.lik.nll(&x, &self.data)
    }

    /// The one-sided test statistic q̃_μ of the observed data.
    pub fn q_tilde(&self, mu: f64) -> f64 {
        let mut w = self.lik.work();
        let g = self.lik.global_fit(&self.data, &mut w);
        self.lik
            .q_tilde(&self.data, mu * self.lik.scale, &g, &mut w)
    }
}
