//! Hybrid (Cousins–Highland, NIM A320 331) CLs without toys: the same statistic and ordering as
//! the [`super::Hybrid`] toys, with the two sums the toys estimate computed exactly.
//!
//! The toys draw θ from its priors N(0, 1), then counts n from Poisson(λ(μ, θ)), and rank them by
//! q̃_μ(n) (nominal global observables, so q̃ depends on the counts only). The same distribution,
//! P(n | μ) = E_θ[Π_i Poisson(n_i | λ_i(μ, θ))], is here summed over the count vectors:
//! - the expectation over θ by Gauss–Hermite quadrature ([`crate::hermite`]), nested: nuisances
//!   acting on several channels (shared, e.g. the A' yield) on an outer tensor grid, and for each
//!   outer node the nuisances of one channel only (its background, its efficiency) on an inner
//!   grid per channel, so P(n) = Σ_g w_g Π_i P_i(n_i | g) with 1-D tables P_i(k | g);
//! - the count vectors by depth-first enumeration, channel by channel, dropping a partial vector
//!   once its probability under both hypotheses (s+b at μ and b-only) is below 10⁻⁹; every
//!   dropped probability is added up and the cut is tightened until the total is below 10⁻⁶
//!   (it bounds the absolute error of every p-value). The observed vector is never dropped.
//!
//! Then p_{s+b} = Σ_{q̃(n) ≥ q̃_obs} P(n | μ), 1 − p_b = Σ_{q̃(n) ≥ q̃_obs} P(n | 0), and the
//! expected quantile q_N is the smallest q̃ with P_b(q̃ ≤ q_N) > 1 − Φ(N), as the toys' order
//! statistic. Deterministic, no statistical error.
//!
//! Speed: the unconditional fit of every count vector is cached across signal strengths (it
//! does not depend on μ); the conditional fit starts at its θ̂, so q̃ ≤ U = 2[NLL(ν, θ̂) −
//! NLL(ν̂, θ̂)], a bound that costs one likelihood evaluation. Vectors are fitted in decreasing
//! order of U only until every threshold (q̃_obs and the quantiles) lies above the U of all
//! vectors left: those cannot reach any threshold, and the sums are exact without them.
//! Everything that is summed or compared is computed with the same operations in the same order
//! whatever the thread count (results are bit-identical for 1 or n threads).
//!
//! Applicability ([`HybridQuadrature::check`]): at most three shared nuisances and three per
//! channel (tensor grids of 12, 10 or 7 points per dimension for one, two or three; doubling
//! them moves CLs by < 1e-9, unit test), Gaussian
//! nuisances with r ≤ 0.2 (their truncation at 1 + rθ = 0 lies beyond 5σ, a kink the quadrature
//! does not resolve), and at most 10⁶ count vectors in the box of the background-only supports.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

use rayon::prelude::*;

use super::asymptotic::typical_nu;
use super::{BAND_SIGMAS, CalculatorKind, ClsCalculator, ClsPoint, tie_tolerance};
use crate::error::StatsError;
use crate::hermite;
use crate::likelihood::{Data, GlobalFit, Likelihood, Poi, Work};
use crate::model::{Constraint, Model};
use crate::special::normal_cdf;

/// Largest relative Gaussian uncertainty: truncation beyond 5σ.
const MAX_GAUSSIAN_RELATIVE: f64 = 0.2;
/// Most nuisances on one grid (shared, or local to one channel).
const MAX_DIMS: usize = 3;
/// Most count vectors in the box of the background-only supports.
const MAX_BOX: f64 = 1e6;
/// Most enumerated count vectors per signal strength.
const MAX_VECTORS: usize = 100_000;
/// First probability cut of the enumeration and the largest dropped probability accepted.
const FIRST_CUT: f64 = 1e-7;
const MAX_DROPPED: f64 = 1e-5;

/// Quadrature points per dimension for a grid of `dims` dimensions.
fn points_per_dim(dims: usize) -> usize {
    match dims {
        0 | 1 => 12,
        2 => 10,
        _ => 7,
    }
}

/// One channel's quadrature: λ(ν) = ν·sig + bkg at every (outer g, inner h) node.
#[derive(Debug, Clone)]
struct ChannelGrid {
    inner_w: Vec<f64>,
    /// Normalised signal share × its nuisance factors, index g·n_in + h.
    sig: Vec<f64>,
    /// Background × its nuisance factors.
    bkg: Vec<f64>,
}

/// P_i(k | g) for k ≤ k_max and the probability above k_max, per outer node g.
#[derive(Debug, Clone)]
struct CountTable {
    k_max: usize,
    /// Beyond this count every P_i(k | g) decreases in k (the largest λ on the grid).
    k_mode: usize,
    /// P_i(k | g) at k·n_out + g, and a row of zeros for k > k_max.
    by_count: Vec<f64>,
    /// Σ_{k' ≥ k} P_i(k' | g) up to k_max, per g (k_max + 2 values, the last 0).
    upper: Vec<f64>,
    tail: Vec<f64>,
}

impl CountTable {
    /// P_i(k | g) for every outer node g.
    #[inline]
    fn row(&self, k: usize, n_out: usize) -> &[f64] {
        let k = k.min(self.k_max + 1);
        &self.by_count[k * n_out..(k + 1) * n_out]
    }

    #[inline]
    fn from(&self, g: usize, k: usize) -> f64 {
        self.upper[g * (self.k_max + 2) + k.min(self.k_max + 1)]
    }
}

/// Count vectors and their probabilities under s+b and b-only.
struct Enumeration {
    /// Channels per count vector.
    depth: usize,
    /// The count vectors one after the other (`depth` counts each).
    keys: Vec<u32>,
    p_sb: Vec<f64>,
    p_b: Vec<f64>,
    dropped_sb: f64,
    dropped_b: f64,
    /// Stop (the pass is given up) once the dropped probability exceeds this or more than
    /// [`MAX_VECTORS`] vectors are found: both sums only grow.
    give_up_above: f64,
    given_up: bool,
}

impl Enumeration {
    fn len(&self) -> usize {
        self.p_sb.len()
    }

    fn key(&self, j: usize) -> &[u32] {
        &self.keys[j * self.depth..(j + 1) * self.depth]
    }

    /// Whether the pass must stop: too much probability dropped or too many vectors.
    fn over(&mut self) -> bool {
        if self.dropped_sb.max(self.dropped_b) > self.give_up_above || self.len() > MAX_VECTORS {
            self.given_up = true;
        }
        self.given_up
    }
}

/// Hybrid CLs by quadrature over the nuisances and exact sums over the counts.
#[derive(Debug)]
pub struct HybridQuadrature {
    lik: Likelihood,
    obs_key: Vec<u32>,
    typical_nu: f64,
    outer_w: Vec<f64>,
    grids: Vec<ChannelGrid>,
    b_only: Vec<CountTable>,
    fits: Mutex<FitCache>,
}

/// Unconditional fits, and their index by count vector.
#[derive(Debug, Default)]
struct FitCache {
    index: HashMap<Vec<u32>, usize, BuildHasherDefault<KeyHasher>>,
    fits: Vec<Fitted>,
}

/// Multiply-rotate hash over 8-byte words of the counts (the keys are short integer vectors,
/// no untrusted input; the map is only looked up, never iterated, so the hash cannot change
/// any result).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut h = self.0;
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            let x = u64::from_le_bytes(w.try_into().expect("8 bytes"));
            h = (h.rotate_left(5) ^ x).wrapping_mul(K);
        }
        for b in words.remainder() {
            h = (h.rotate_left(5) ^ u64::from(*b)).wrapping_mul(K);
        }
        self.0 = h;
    }
}

/// The unconditional fit of one count vector: −ln L, ν̂ and θ̂.
#[derive(Debug, Clone)]
struct Fitted {
    global: GlobalFit,
    theta: Vec<f64>,
}

impl HybridQuadrature {
    /// Why the calculator cannot be used for `model` (`None`: it can).
    pub fn check(model: &Model) -> Option<String> {
        let (shared, local) = split_nuisances(model);
        if shared.len() > MAX_DIMS {
            return Some(format!(
                "{} nuisances act on several channels (at most {MAX_DIMS})",
                shared.len()
            ));
        }
        if let Some((i, l)) = local.iter().enumerate().find(|(_, l)| l.len() > MAX_DIMS) {
            return Some(format!(
                "{} nuisances act on channel {i} alone (at most {MAX_DIMS})",
                l.len()
            ));
        }
        for nu in model.nuisances() {
            if nu.constraint == Constraint::Gaussian
                && nu
                    .effects
                    .iter()
                    .any(|e| e.relative > MAX_GAUSSIAN_RELATIVE)
            {
                return Some(format!(
                    "Gaussian nuisance '{}' above {MAX_GAUSSIAN_RELATIVE} (its cut-off at zero yield is not resolved)",
                    nu.name
                ));
            }
        }
        let volume: f64 = model
            .channels()
            .iter()
            .map(|c| {
                let m = c.background.max(c.observed as f64) * 1.5;
                (m + 6.0 * m.sqrt() + 4.0).ceil()
            })
            .product();
        (volume > MAX_BOX).then(|| {
            format!("{volume:.3e} count vectors under the background alone (at most {MAX_BOX:e})")
        })
    }

    /// Build the quadrature grids of `model`.
    pub fn new(model: &Model) -> Result<Self, StatsError> {
        Self::with_points(model, points_per_dim)
    }

    /// Build with `per_dim(d)` points per dimension on a d-dimensional grid.
    fn with_points(model: &Model, per_dim: fn(usize) -> usize) -> Result<Self, StatsError> {
        if let Some(reason) = Self::check(model) {
            return Err(StatsError::CalculatorNotApplicable {
                calculator: "hybrid-quadrature",
                reason,
            });
        }
        let lik = Likelihood::new(model);
        let (shared, local) = split_nuisances(model);
        let (outer_x, outer_w) = hermite::tensor(per_dim(shared.len()), shared.len());
        let n_out = outer_w.len();
        let mut theta = vec![0.0; lik.n_nu];
        let grids = local
            .iter()
            .enumerate()
            .map(|(i, loc)| {
                let (inner_x, inner_w) = hermite::tensor(per_dim(loc.len()), loc.len());
                let n_in = inner_w.len();
                let mut sig = Vec::with_capacity(n_out * n_in);
                let mut bkg = Vec::with_capacity(n_out * n_in);
                for g in 0..n_out {
                    for (k, &s) in shared.iter().enumerate() {
                        theta[s] = outer_x[g * shared.len() + k];
                    }
                    for h in 0..n_in {
                        for (k, &l) in loc.iter().enumerate() {
                            theta[l] = inner_x[h * loc.len() + k];
                        }
                        let (fs, fb) = lik.factors(i, &theta);
                        sig.push(lik.sig[i] * fs);
                        bkg.push(lik.bkg[i] * fb);
                    }
                }
                ChannelGrid { inner_w, sig, bkg }
            })
            .collect::<Vec<_>>();
        let obs_key: Vec<u32> = model
            .channels()
            .iter()
            .map(|c| u32::try_from(c.observed).unwrap_or(u32::MAX))
            .collect();
        let b_only = grids
            .iter()
            .zip(&obs_key)
            .map(|(g, &n)| count_table(g, n_out, 0.0, n as usize))
            .collect();
        Ok(Self {
            lik,
            obs_key,
            typical_nu: typical_nu(model),
            outer_w,
            grids,
            b_only,
            fits: Mutex::new(FitCache::default()),
        })
    }

    /// All count vectors with probability ≥ `cut` under s+b or b-only (and the observed one);
    /// given up (`given_up`) as soon as more than `give_up_above` is dropped or more than
    /// [`MAX_VECTORS`] vectors are found.
    fn enumerate(&self, sb: &[CountTable], cut: f64, give_up_above: f64) -> Enumeration {
        let n_out = self.outer_w.len();
        let depth = self.grids.len();
        let mut e = Enumeration {
            depth,
            keys: Vec::new(),
            p_sb: Vec::new(),
            p_b: Vec::new(),
            dropped_sb: 0.0,
            dropped_b: 0.0,
            give_up_above,
            given_up: false,
        };
        // Partial products per depth: [depth][sb/b][g].
        let mut scratch = vec![1.0; (depth + 1) * 2 * n_out];
        let mut key = Vec::with_capacity(depth);
        self.descend(sb, cut, true, &mut key, &mut scratch, &mut e);
        e
    }

    /// Extend the partial vector `key` (its products per outer node at the front of `scratch`)
    /// by every count of the next channel.
    fn descend(
        &self,
        sb: &[CountTable],
        cut: f64,
        on_observed: bool,
        key: &mut Vec<u32>,
        scratch: &mut [f64],
        e: &mut Enumeration,
    ) {
        let n_out = self.outer_w.len();
        let (head, rest) = scratch.split_at_mut(2 * n_out);
        let (prod_sb, prod_b) = head.split_at(n_out);
        let i = key.len();
        if i == self.grids.len() {
            e.keys.extend_from_slice(key);
            e.p_sb.push(self.marginal(prod_sb));
            e.p_b.push(self.marginal(prod_b));
            return;
        }
        let (ts, tb) = (&sb[i], &self.b_only[i]);
        // Probability beyond the tables (k > k_max): dropped.
        e.dropped_sb += self.weighted(prod_sb, |g| ts.tail[g]);
        e.dropped_b += self.weighted(prod_b, |g| tb.tail[g]);
        if e.over() {
            return;
        }
        let k_mode = ts.k_mode.max(tb.k_mode);
        let leaf = i + 1 == self.grids.len();
        for k in 0..=ts.k_max.max(tb.k_max) {
            let (next_sb, next_b) = rest[..2 * n_out].split_at_mut(n_out);
            let m_sb = extend_products(next_sb, prod_sb, ts.row(k, n_out), &self.outer_w);
            let m_b = extend_products(next_b, prod_b, tb.row(k, n_out), &self.outer_w);
            let observed = on_observed && self.obs_key[i] as usize == k;
            if m_sb < cut && m_b < cut && !observed {
                if k > k_mode && !(on_observed && (self.obs_key[i] as usize) > k) {
                    // Past the mode every further count is less probable: drop them all.
                    e.dropped_sb += self.weighted(prod_sb, |g| ts.from(g, k));
                    e.dropped_b += self.weighted(prod_b, |g| tb.from(g, k));
                    e.over();
                    break;
                }
                e.dropped_sb += m_sb;
                e.dropped_b += m_b;
                if e.over() {
                    return;
                }
                continue;
            }
            key.push(k as u32);
            if leaf {
                // The vector is complete: its probabilities are the marginals just summed.
                e.keys.extend_from_slice(key);
                e.p_sb.push(m_sb);
                e.p_b.push(m_b);
            } else {
                self.descend(sb, cut, observed, key, rest, e);
            }
            key.pop();
            if e.over() {
                return;
            }
        }
    }

    #[inline]
    fn marginal(&self, prod: &[f64]) -> f64 {
        self.outer_w.iter().zip(prod).map(|(w, p)| w * p).sum()
    }

    #[inline]
    fn weighted(&self, prod: &[f64], f: impl Fn(usize) -> f64) -> f64 {
        self.outer_w
            .iter()
            .zip(prod)
            .enumerate()
            .map(|(g, (w, p))| w * p * f(g))
            .sum()
    }

    /// The index in `cache` of the unconditional fit of every vector of `en`, fitting those not
    /// in it yet (unconditional fits do not depend on μ).
    fn global_fits(&self, en: &Enumeration, cache: &mut FitCache) -> Vec<usize> {
        let mut ids: Vec<usize> = Vec::with_capacity(en.len());
        let mut missing: Vec<usize> = Vec::new();
        for j in 0..en.len() {
            if let Some(&id) = cache.index.get(en.key(j)) {
                ids.push(id);
            } else {
                ids.push(usize::MAX);
                missing.push(j);
            }
        }
        cache.index.reserve(missing.len());
        cache.fits.reserve(missing.len());
        let fitted: Vec<Fitted> = missing
            .par_iter()
            .map_init(
                || (self.lik.work(), self.data(&[])),
                |(w, d), &j| {
                    Self::fill(d, en.key(j));
                    let global = self.lik.global_fit(d, w);
                    Fitted {
                        global,
                        theta: w.x[1..].to_vec(),
                    }
                },
            )
            .collect();
        for (j, f) in missing.into_iter().zip(fitted) {
            let id = cache.fits.len();
            cache.fits.push(f);
            cache.index.insert(en.key(j).to_vec(), id);
            ids[j] = id;
        }
        ids
    }

    /// `d` set to the counts of `key` (nominal global observables).
    fn fill(d: &mut Data, key: &[u32]) {
        d.counts.clear();
        d.counts.extend(key.iter().map(|&n| f64::from(n)));
    }

    fn data(&self, key: &[u32]) -> Data {
        Data {
            counts: key.iter().map(|&n| f64::from(n)).collect(),
            globals: vec![0.0; self.lik.n_nu],
        }
    }

    /// q̃_ν of a count vector: 0 when ν̂ > ν, else 2[NLL(ν, θ̂̂) − NLL(ν̂, θ̂)] with the
    /// conditional fit started at θ̂ (a descent method: its minimum is at most NLL(ν, θ̂)).
    fn q(&self, key: &[u32], nu: f64, fit: &Fitted, w: &mut Work, d: &mut Data) -> f64 {
        if fit.global.nu_hat > nu {
            return 0.0;
        }
        Self::fill(d, key);
        let cond = self.lik.minimize(d, Poi::Fixed(nu), &fit.theta, w);
        (2.0 * (cond - fit.global.nll)).max(0.0)
    }

    /// Upper bound of [`Self::q`] without a fit: 2[NLL(ν, θ̂) − NLL(ν̂, θ̂)].
    fn q_bound(&self, key: &[u32], nu: f64, fit: &Fitted, x: &mut Vec<f64>, d: &mut Data) -> f64 {
        if fit.global.nu_hat > nu {
            return 0.0;
        }
        Self::fill(d, key);
        x.clear();
        x.push(nu);
        x.extend_from_slice(&fit.theta);
        (2.0 * (self.lik.nll(x, d) - fit.global.nll)).max(0.0)
    }

    fn cls_at(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        let nu = mu * self.lik.scale;
        let n_out = self.outer_w.len();
        let sb: Vec<CountTable> = self
            .grids
            .iter()
            .zip(&self.obs_key)
            .map(|(g, &n)| count_table(g, n_out, nu, n as usize))
            .collect();
        // Tighten the cut until at most MAX_DROPPED is dropped; a pass is given up as soon as
        // it drops more (the result of the full pass would be rejected all the same).
        let mut cut = FIRST_CUT;
        let en = loop {
            let last = cut < 1e-30;
            let en = self.enumerate(&sb, cut, if last { f64::INFINITY } else { MAX_DROPPED });
            // More vectors than allowed: so has every finer cut (its vectors are a superset).
            if en.len() > MAX_VECTORS {
                return Err(StatsError::CalculatorNotApplicable {
                    calculator: "hybrid-quadrature",
                    reason: format!(
                        "more than {MAX_VECTORS} count vectors at signal strength {mu}"
                    ),
                });
            }
            if !en.given_up {
                break en;
            }
            cut *= 1e-2;
        };
        let mut cache = self.fits.lock().expect("fit cache");
        let ids = self.global_fits(&en, &mut cache);
        let fits: Vec<&Fitted> = ids.iter().map(|&id| &cache.fits[id]).collect();
        let n = en.len();
        // Upper bounds first; exact q̃ in decreasing order of the bound, until every threshold
        // (q̃_obs and the expected quantiles) lies above the bound of all leaves not fitted.
        let bound: Vec<f64> = (0..n)
            .into_par_iter()
            .map_init(
                || (Vec::new(), self.data(&[])),
                |(x, d), j| self.q_bound(en.key(j), nu, fits[j], x, d),
            )
            .collect();
        let mut q: Vec<Option<f64>> = bound.iter().map(|&u| (u == 0.0).then_some(0.0)).collect();
        let obs_idx = (0..n)
            .position(|j| en.key(j) == self.obs_key.as_slice())
            .expect("the observed vector is always enumerated");
        let (mut w, mut d) = (self.lik.work(), self.data(&[]));
        let q_obs = self.q(en.key(obs_idx), nu, fits[obs_idx], &mut w, &mut d);
        q[obs_idx] = Some(q_obs);
        let mut by_bound: Vec<usize> = (0..n).filter(|&j| q[j].is_none()).collect();
        by_bound.sort_by(|&a, &b| bound[b].total_cmp(&bound[a]).then(a.cmp(&b)));
        let mut next = 0;
        let mut batch = 32;
        let thresholds = loop {
            // Leaves not fitted have q̃ ≤ u_rest; those fitted are exact.
            let u_rest = by_bound.get(next).map_or(f64::NEG_INFINITY, |&j| bound[j]);
            let quantiles = Self::quantiles(&q, &en.p_b, en.dropped_b, u_rest);
            let lowest = quantiles.iter().copied().fold(q_obs, f64::min);
            if next >= by_bound.len() || lowest - tie_tolerance(lowest) > u_rest {
                break quantiles;
            }
            let end = (next + batch).min(by_bound.len());
            let exact: Vec<f64> = by_bound[next..end]
                .par_iter()
                .map_init(
                    || (self.lik.work(), self.data(&[])),
                    |(w, d), &j| self.q(en.key(j), nu, fits[j], w, d),
                )
                .collect();
            for (&j, v) in by_bound[next..end].iter().zip(exact) {
                q[j] = Some(v);
            }
            next = end;
            batch *= 2;
        };
        let cls = |t: f64| {
            let thr = t - tie_tolerance(t);
            let (mut p_sb, mut clb) = (0.0, 0.0);
            for (j, v) in q.iter().enumerate() {
                if v.is_some_and(|v| v >= thr) {
                    p_sb += en.p_sb[j];
                    clb += en.p_b[j];
                }
            }
            if clb > 0.0 {
                (p_sb / clb).min(1.0)
            } else {
                1.0
            }
        };
        Ok(ClsPoint {
            mu,
            observed: cls(q_obs),
            expected: thresholds.map(cls),
            ln_observed_error: 0.0,
        })
    }

    /// The expected quantiles q_N (smallest q̃ with P_b(q̃ ≤ q_N) > 1 − Φ(N)) from the exact
    /// values known; leaves without one (q̃ ≤ `u_rest`) and the dropped vectors (high counts,
    /// the smallest q̃) are counted first. A quantile at or below `u_rest` is not yet resolved
    /// and is returned as `u_rest` (the caller fits more leaves).
    fn quantiles(q: &[Option<f64>], p_b: &[f64], dropped_b: f64, u_rest: f64) -> [f64; 5] {
        // q̃ = 0 (ν̂ > ν) is the commonest value: its mass is counted without sorting.
        let (mut zero, mut unknown) = (0.0, 0.0);
        let mut known: Vec<usize> = Vec::new();
        for (j, v) in q.iter().enumerate() {
            match v {
                None => unknown += p_b[j],
                Some(v) if *v == 0.0 => zero += p_b[j],
                Some(_) => known.push(j),
            }
        }
        known.sort_by(|&a, &b| {
            q[a].unwrap_or(0.0)
                .total_cmp(&q[b].unwrap_or(0.0))
                .then(a.cmp(&b))
        });
        BAND_SIGMAS.map(|z| {
            let target = 1.0 - normal_cdf(z);
            let mut cum = dropped_b + unknown;
            if cum > target {
                return u_rest;
            }
            cum += zero;
            if cum > target {
                return 0.0_f64.max(u_rest);
            }
            let mut found = known.last().map_or(u_rest, |&j| q[j].unwrap_or(0.0));
            for &j in &known {
                cum += p_b[j];
                if cum > target {
                    found = q[j].unwrap_or(0.0);
                    break;
                }
            }
            found.max(u_rest)
        })
    }
}

/// Split the nuisances into those acting on several channels and, per channel, those acting
/// on it alone (indices into the model's nuisances).
fn split_nuisances(model: &Model) -> (Vec<usize>, Vec<Vec<usize>>) {
    let mut shared = Vec::new();
    let mut local = vec![Vec::new(); model.channels().len()];
    for (k, nu) in model.nuisances().iter().enumerate() {
        let first = nu.effects[0].channel;
        if nu.effects.iter().all(|e| e.channel == first) {
            local[first].push(k);
        } else {
            shared.push(k);
        }
    }
    (shared, local)
}

/// P_i(k | g) = Σ_h w_h Poisson(k | ν·sig_gh + bkg_gh) for k up to k_max, chosen from the
/// largest λ on the grid so that the tail is below 10⁻¹² there (and ≥ `at_least`).
///
/// Speed: the Poisson recursions p_k = p_{k−1}·(λ/k) of all inner nodes h run side by side
/// (independent chains, vectorisable), then each row accumulates w_h·p_k over h in order: the
/// same operations in the same order per element as one node after the other.
fn count_table(grid: &ChannelGrid, n_out: usize, nu: f64, at_least: usize) -> CountTable {
    let n_in = grid.inner_w.len();
    let lam_max = grid
        .sig
        .iter()
        .zip(&grid.bkg)
        .map(|(s, b)| nu * s + b)
        .fold(0.0, f64::max);
    let k_max = ((lam_max + 10.0 * lam_max.sqrt() + 20.0).ceil() as usize).max(at_least);
    let mut p = vec![0.0; n_out * (k_max + 1)];
    let mut tail = vec![0.0; n_out];
    // Poisson probabilities of the inner nodes of one outer node, [k][h].
    let mut lam = vec![0.0; n_in];
    let mut pois = vec![0.0; (k_max + 1) * n_in];
    for g in 0..n_out {
        for (h, l) in lam.iter_mut().enumerate() {
            *l = nu * grid.sig[g * n_in + h] + grid.bkg[g * n_in + h];
        }
        let (first, mut rest) = pois.split_at_mut(n_in);
        for (pk, l) in first.iter_mut().zip(&lam) {
            *pk = (-l).exp();
        }
        let mut prev: &[f64] = first;
        for k in 1..=k_max {
            let (cur, next) = rest.split_at_mut(n_in);
            let kf = k as f64;
            for ((c, q), l) in cur.iter_mut().zip(prev).zip(&lam) {
                *c = q * (l / kf);
            }
            prev = cur;
            rest = next;
        }
        let row = &mut p[g * (k_max + 1)..(g + 1) * (k_max + 1)];
        for (h, w) in grid.inner_w.iter().enumerate() {
            for (k, r) in row.iter_mut().enumerate() {
                *r += w * pois[k * n_in + h];
            }
        }
        tail[g] = (1.0 - row.iter().sum::<f64>()).max(0.0);
    }
    let mut upper = vec![0.0; n_out * (k_max + 2)];
    for g in 0..n_out {
        for k in (0..=k_max).rev() {
            upper[g * (k_max + 2) + k] = upper[g * (k_max + 2) + k + 1] + p[g * (k_max + 1) + k];
        }
    }
    let mut by_count = vec![0.0; (k_max + 2) * n_out];
    for g in 0..n_out {
        for k in 0..=k_max {
            by_count[k * n_out + g] = p[g * (k_max + 1) + k];
        }
    }
    CountTable {
        k_max,
        k_mode: lam_max.ceil() as usize,
        by_count,
        upper,
        tail,
    }
}

impl ClsCalculator for HybridQuadrature {
    fn kind(&self) -> CalculatorKind {
        CalculatorKind::HybridQuadrature
    }

    fn cls(&self, mu: f64) -> Result<ClsPoint, StatsError> {
        self.cls_at(mu)
    }

    fn typical_mu(&self) -> f64 {
        self.typical_nu / self.lik.scale
    }
}

/// The products of one more channel, next_g = prod_g · row_g, and their marginal Σ_g w_g next_g.
#[inline]
fn extend_products(next: &mut [f64], prod: &[f64], row: &[f64], w: &[f64]) -> f64 {
    let mut marginal = 0.0;
    for (((n, p), t), w) in next.iter_mut().zip(prod).zip(row).zip(w) {
        *n = p * t;
        marginal += w * *n;
    }
    marginal
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Nuisance;

    #[test]
    fn twice_the_quadrature_points_change_cls_by_less_than_1e_9() {
        // The four runs of na64-2016-2022 (log-normal 33 % backgrounds, 10 % shared and 11–17 %
        // per-run signal uncertainties) with events in two runs, at μ near the limit.
        let m = Model::builder()
            .channel("I", 1, 0.05, 0.080)
            .channel("II", 0, 0.06, 0.105)
            .channel("III", 2, 0.2, 0.345)
            .channel("IV", 0, 0.69, 0.51)
            .background_uncertainties(&[0.026, 0.034, 0.111, 0.13], Constraint::LogNormal)
            .unwrap()
            .shared_signal_uncertainty("A' yield", 0.10, Constraint::LogNormal)
            .nuisance(Nuisance::log_normal("e0").on_signal(0, 0.13))
            .nuisance(Nuisance::log_normal("e3").on_signal(3, 0.11))
            .build()
            .unwrap();
        let coarse = HybridQuadrature::new(&m).unwrap();
        let fine = HybridQuadrature::with_points(&m, |d| 2 * points_per_dim(d)).unwrap();
        for mu in [1.0, 3.0, 6.0] {
            let (a, b) = (coarse.cls(mu).unwrap(), fine.cls(mu).unwrap());
            assert!((a.observed - b.observed).abs() < 1e-9, "{a:?} {b:?}");
            for (x, y) in a.expected.iter().zip(&b.expected) {
                assert!((x - y).abs() < 1e-9, "{a:?} {b:?}");
            }
        }
    }
}
