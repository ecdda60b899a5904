//! Toy Monte Carlo CLs calculators.
//!
//! - [`FrequentistToys`]: LHC-style CLs with profiled nuisances. Toys for the s+b (b-only)
//!   hypothesis are generated at μ (0) with nuisances at their conditional estimates θ̂̂ from the
//!   observed data; each toy also draws its global observables g_k ~ N(θ̂̂_k, 1), and q̃_μ is
//!   re-profiled on every toy.
//! - [`Hybrid`]: Cousins–Highland (NIM A320 331) hybrid: each toy draws θ from its prior
//!   N(0, 1) and then counts from Poisson(λ(μ, θ)); the test statistic q̃_μ uses the nominal
//!   global observables, so it depends on the counts only. This averages the p-values over the
//!   priors, and reproduces the ≈ 2.3 events at n = 0 with small systematics.
//!
//! Reproducibility: toys run in fixed-size chunks, chunk c of hypothesis h drawing from its own
//! Xoshiro256++ stream seeded from (seed, h, c), and results are kept in chunk order, so the
//! output is identical whatever the number of rayon threads. The streams do not depend on μ
//! (common random numbers) and counts are drawn by CDF inversion, which keeps CLs(μ) smooth
//! for the root finder. Test statistics are compared with a small tolerance: equal-count toys
//! (e.g. all n = 0 toys) have equal q̃ up to fit noise and must count as ties (physics.md §8).

use std::collections::HashMap;

use aprime_core::rng::{GOLDEN_GAMMA, finalise, stream};
use rand::RngExt;
use rand_distr::StandardNormal;
use rayon::prelude::*;

use super::asymptotic::typical_nu;
use super::{BAND_SIGMAS, CalculatorKind, ClsCalculator, ClsPoint, tie_tolerance};
use crate::error::StatsError;
use crate::likelihood::{Data, GlobalFit, Likelihood};
use crate::model::Model;
use crate::special::{normal_cdf, poisson_inverse};

/// Toys per chunk (one RNG stream each). Fixed so results do not depend on the thread count.
const CHUNK: usize = 250;

/// Number of toys and seed for the toy calculators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ToyConfig {
    /// Toys per hypothesis and signal strength.
    pub toys: usize,
    /// Seed of all random streams (default [`aprime_core::DEFAULT_SEED`]).
    pub seed: u64,
}

impl Default for ToyConfig {
    fn default() -> Self {
        Self {
            toys: 10_000,
            seed: aprime_core::DEFAULT_SEED,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Frequentist,
    Hybrid,
}

/// Shared machinery of the two toy calculators.
#[derive(Debug, Clone)]
struct ToyEngine {
    lik: Likelihood,
    obs: Data,
    obs_global: GlobalFit,
    /// θ̂̂_0 on the observed data (b-only generation point of frequentist toys).
    theta0: Vec<f64>,
    config: ToyConfig,
    mode: Mode,
    typical_nu: f64,
}

/// One SplitMix64 step, `finalise(z + φ64)` ([`aprime_core::rng::finalise`]): decorrelates the
/// seeds of the chunk streams.
fn mix(z: u64) -> u64 {
    finalise(z.wrapping_add(GOLDEN_GAMMA))
}

/// Number of sorted values ≥ q (with ties tolerance).
fn count_ge(sorted: &[f64], q: f64) -> usize {
    let thr = q - tie_tolerance(q);
    sorted.len() - sorted.partition_point(|&x| x < thr)
}

impl ToyEngine {
    fn new(model: &Model, config: ToyConfig, mode: Mode) -> Result<Self, StatsError> {
        if config.toys < 100 {
            return Err(StatsError::TooFewToys(config.toys));
        }
        let lik = Likelihood::new(model);
        let obs = Data::observed(model);
        let mut w = lik.work();
        let obs_global = lik.global_fit(&obs, &mut w);
        lik.conditional_fit(&obs, 0.0, &mut w);
        let theta0 = w.x[1..].to_vec();
        Ok(Self {
            lik,
            obs,
            obs_global,
            theta0,
            config,
            mode,
            typical_nu: typical_nu(model),
        })
    }

    /// The test statistic depends on the counts only: cache it per count vector.
    fn counts_only(&self) -> bool {
        self.mode == Mode::Hybrid || self.lik.n_nu == 0
    }

    /// q̃_ν of `toys` pseudo-experiments generated at (gen_nu, gen_theta) (frequentist) or at
    /// gen_nu with θ from the priors (hybrid); `stream` tells the hypotheses apart.
    fn run(&self, gen_nu: f64, gen_theta: &[f64], test_nu: f64, stream: u64) -> Vec<f64> {
        let n_toys = self.config.toys;
        let n_chunks = n_toys.div_ceil(CHUNK);
        let chunks: Vec<Vec<f64>> = (0..n_chunks)
            .into_par_iter()
            .map(|c| {
                let len = CHUNK.min(n_toys - c * CHUNK);
                let seed = mix(self.config.seed ^ mix((stream << 40) ^ c as u64));
                self.chunk(seed, len, gen_nu, gen_theta, test_nu)
            })
            .collect();
        chunks.concat()
    }

    fn chunk(
        &self,
        seed: u64,
        len: usize,
        gen_nu: f64,
        gen_theta: &[f64],
        test_nu: f64,
    ) -> Vec<f64> {
        let lik = &self.lik;
        let mut rng = stream(seed);
        let mut w = lik.work();
        let mut toy = Data {
            counts: vec![0.0; lik.n_ch],
            globals: vec![0.0; lik.n_nu],
        };
        let mut lam = vec![0.0; lik.n_ch];
        let mut theta = vec![0.0; lik.n_nu];
        if self.mode == Mode::Frequentist {
            lik.expected(gen_nu, gen_theta, &mut lam);
        }
        let mut cache: HashMap<Vec<u32>, f64> = HashMap::new();
        let mut key = vec![0u32; lik.n_ch];
        let mut out = Vec::with_capacity(len);
        for _ in 0..len {
            // Fixed draw order per toy: K normals, then one uniform per channel.
            match self.mode {
                Mode::Frequentist => {
                    for (g, t) in toy.globals.iter_mut().zip(gen_theta) {
                        let z: f64 = rng.sample(StandardNormal);
                        *g = t + z;
                    }
                }
                Mode::Hybrid => {
                    for t in &mut theta {
                        *t = rng.sample(StandardNormal);
                    }
                    lik.expected(gen_nu, &theta, &mut lam);
                }
            }
            for (i, n) in toy.counts.iter_mut().enumerate() {
                let u: f64 = rng.random();
                let k = poisson_inverse(u, lam[i]);
                key[i] = u32::try_from(k).unwrap_or(u32::MAX);
                *n = k as f64;
            }
            let q = if self.counts_only() {
                if let Some(&q) = cache.get(&key) {
                    q
                } else {
                    let q = self.q(&toy, test_nu, &mut w);
                    cache.insert(key.clone(), q);
                    q
                }
            } else {
                self.q(&toy, test_nu, &mut w)
            };
            out.push(q);
        }
        out
    }

    fn q(&self, data: &Data, nu: f64, w: &mut crate::likelihood::Work) -> f64 {
        let global = self.lik.global_fit(data, w);
        self.lik.q_tilde(data, nu, &global, w)
    }

    fn cls(&self, mu: f64) -> ClsPoint {
        let nu = mu * self.lik.scale;
        let mut w = self.lik.work();
        let q_obs = self.lik.q_tilde(&self.obs, nu, &self.obs_global, &mut w);
        let theta_mu = w.x[1..].to_vec();
        let mut q_sb = self.run(nu, &theta_mu, nu, 1);
        let mut q_b = self.run(0.0, &self.theta0, nu, 2);
        q_sb.sort_by(f64::total_cmp);
        q_b.sort_by(f64::total_cmp);
        let n_sb = q_sb.len() as f64;
        let n_b = q_b.len() as f64;
        let cls_at = |q: f64| {
            let p_sb = count_ge(&q_sb, q) as f64 / n_sb;
            // No b-only toy as extreme as q: bound 1 − p_b from below by one toy.
            let clb = (count_ge(&q_b, q).max(1)) as f64 / n_b;
            ((p_sb / clb).min(1.0), p_sb, clb)
        };
        let (observed, p_sb, clb) = cls_at(q_obs);
        let expected = BAND_SIGMAS.map(|z| {
            // q_N with P_b(q̃ ≥ q_N) = Φ(N): the +N side is the more signal-like, smaller q̃.
            let idx = (((1.0 - normal_cdf(z)) * n_b).floor() as usize).min(q_b.len() - 1);
            cls_at(q_b[idx]).0
        });
        let p = p_sb.max(1.0 / n_sb);
        let ln_err = ((1.0 - p) / (n_sb * p) + (1.0 - clb) / (n_b * clb)).sqrt();
        ClsPoint {
            mu,
            observed,
            expected,
            ln_observed_error: ln_err,
        }
    }
}

/// Frequentist toys with profiled nuisances (LHC-style CLs).
#[derive(Debug, Clone)]
pub struct FrequentistToys(ToyEngine);

impl FrequentistToys {
    /// Fit the observed data; toys are thrown on every [`ClsCalculator::cls`] call.
    pub fn new(model: &Model, config: ToyConfig) -> Result<Self, StatsError> {
        ToyEngine::new(model, config, Mode::Frequentist).map(Self)
    }
}

impl ClsCalculator for FrequentistToys {
    fn kind(&self) -> CalculatorKind {
        CalculatorKind::Toys
    }
    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        Ok(self.0.cls(mu))
    }
    fn typical_mu(&self) -> f64 {
        self.0.typical_nu / self.0.lik.scale
    }
}

/// Hybrid (Cousins–Highland) toys: nuisances averaged over their priors.
#[derive(Debug, Clone)]
pub struct Hybrid(ToyEngine);

impl Hybrid {
    /// Fit the observed data; toys are thrown on every [`ClsCalculator::cls`] call.
    pub fn new(model: &Model, config: ToyConfig) -> Result<Self, StatsError> {
        ToyEngine::new(model, config, Mode::Hybrid).map(Self)
    }
}

impl ClsCalculator for Hybrid {
    fn kind(&self) -> CalculatorKind {
        CalculatorKind::Hybrid
    }
    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        Ok(self.0.cls(mu))
    }
    fn typical_mu(&self) -> f64 {
        self.0.typical_nu / self.0.lik.scale
    }
}
