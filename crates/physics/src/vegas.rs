//! VEGAS adaptive Monte Carlo integration over the unit hypercube (G. P. Lepage, J. Comput.
//! Phys. 27 (1978) 192): a separable importance-sampling grid per dimension, refined after every
//! iteration, with the production iterations combined by inverse-variance weights.
//!
//! Reproducibility: points come in fixed-size batches, each drawn from its own random stream
//! ([`aprime_core::rng::stream`]) keyed by (seed, iteration, batch). Batches run in parallel with
//! rayon but are summed in batch order, so a result is bit-identical for a seed whatever the
//! number of threads.
//!
//! The integrand sees a point of the unit cube and returns f(y); map physical variables inside
//! it (and multiply by their Jacobian). Points outside the physical region simply return 0.

use aprime_core::rng::{finalise, stream, u01};
use rayon::prelude::*;

use crate::error::PhysicsError;
use crate::integrate::Estimate;

/// Settings of a VEGAS run. Iteration sizes are whole batches so that the random streams do
/// not depend on how the work is split between threads.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VegasOptions {
    /// Grid intervals per dimension.
    pub bins: usize,
    /// Points per batch (one random stream each).
    pub batch_size: usize,
    /// Grid-adaptation iterations whose estimates are discarded.
    pub warmup_iterations: usize,
    /// Batches per warm-up iteration.
    pub warmup_batches: usize,
    /// Batches per production iteration.
    pub batches_per_iteration: usize,
    /// Production iterations always run (≥ 1); with 2 or more the χ²/dof is meaningful.
    pub min_iterations: usize,
    /// Give up refining after this many production iterations (the result is still returned,
    /// with its achieved error).
    pub max_iterations: usize,
    /// Stop once error ≤ max(abs_precision, rel_precision·|value|).
    pub rel_precision: f64,
    /// Absolute error target (0 to use the relative one only).
    pub abs_precision: f64,
    /// Grid damping exponent α (Lepage: 0.2–2; larger adapts faster).
    pub alpha: f64,
    /// Seed of the random streams.
    pub seed: u64,
}

impl Default for VegasOptions {
    fn default() -> Self {
        Self {
            bins: 64,
            batch_size: 1024,
            warmup_iterations: 5,
            warmup_batches: 4,
            batches_per_iteration: 8,
            min_iterations: 2,
            max_iterations: 50,
            rel_precision: 1e-3,
            abs_precision: 0.0,
            alpha: 1.5,
            seed: aprime_core::DEFAULT_SEED,
        }
    }
}

/// Outcome of a VEGAS integration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VegasResult {
    /// Inverse-variance weighted mean of the production iterations.
    pub value: f64,
    /// Its standard error.
    pub error: f64,
    /// χ² per degree of freedom of the production iterations around the mean (0 if only one);
    /// values ≫ 1 signal an unreliable error estimate.
    pub chi2_per_dof: f64,
    /// Production iterations used.
    pub iterations: usize,
    /// Integrand evaluations, warm-up included.
    pub evaluations: u64,
    /// Whether the requested precision was reached.
    pub converged: bool,
}

impl VegasResult {
    /// Value and error as an [`Estimate`].
    pub fn estimate(&self) -> Estimate {
        Estimate {
            value: self.value,
            error: self.error,
        }
    }
}

/// Separable VEGAS grid: for each dimension, `bins` intervals covering \[0, 1\].
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    ndim: usize,
    bins: usize,
    /// Edges, dimension-major: `edges[d * (bins + 1) + i]`.
    edges: Vec<f64>,
}

impl Grid {
    /// Uniform grid.
    pub fn uniform(ndim: usize, bins: usize) -> Self {
        let mut edges = Vec::with_capacity(ndim * (bins + 1));
        for _ in 0..ndim {
            edges.extend((0..=bins).map(|i| i as f64 / bins as f64));
        }
        Self { ndim, bins, edges }
    }

    /// Number of dimensions.
    pub fn ndim(&self) -> usize {
        self.ndim
    }

    /// Edges of dimension `d`.
    pub fn edges(&self, d: usize) -> &[f64] {
        &self.edges[d * (self.bins + 1)..(d + 1) * (self.bins + 1)]
    }

    /// Maps uniform numbers `r` ∈ \[0,1)^n to the point `y` and the grid bins it fell in;
    /// returns the Jacobian ∏ bins·Δ_i (the inverse sampling density).
    pub fn map(&self, r: &[f64], y: &mut [f64], bin: &mut [usize]) -> f64 {
        let nb = self.bins as f64;
        let mut jac = 1.0;
        for d in 0..self.ndim {
            let e = self.edges(d);
            let pos = r[d] * nb;
            let i = (pos as usize).min(self.bins - 1);
            let frac = pos - i as f64;
            let w = e[i + 1] - e[i];
            y[d] = e[i] + frac * w;
            bin[d] = i;
            jac *= nb * w;
        }
        jac
    }

    /// Lepage's refinement: per dimension, the importance of bin i is m_i = sqrt(Σ (f·J)²)
    /// (∝ sqrt⟨f²⟩·Δ_i), smoothed over neighbours, compressed as ((1 − m̂)/ln(1/m̂))^α and
    /// redistributed so that every new interval carries the same share.
    fn refine(&mut self, sum_f2: &[f64], alpha: f64) {
        let nb = self.bins;
        for d in 0..self.ndim {
            let raw: Vec<f64> = sum_f2[d * nb..(d + 1) * nb]
                .iter()
                .map(|s| s.sqrt())
                .collect();
            let sm: Vec<f64> = (0..nb)
                .map(|i| {
                    let lo = i.saturating_sub(1);
                    let hi = (i + 1).min(nb - 1);
                    raw[lo..=hi].iter().sum::<f64>() / (hi - lo + 1) as f64
                })
                .collect();
            let tot: f64 = sm.iter().sum();
            if !(tot > 0.0 && tot.is_finite()) {
                continue;
            }
            let r: Vec<f64> = sm
                .iter()
                .map(|&s| {
                    let m = s / tot;
                    if m <= 0.0 {
                        0.0
                    } else if m >= 1.0 {
                        1.0
                    } else {
                        ((1.0 - m) / -m.ln()).powf(alpha)
                    }
                })
                .collect();
            let rtot: f64 = r.iter().sum();
            if !(rtot > 0.0 && rtot.is_finite()) {
                continue;
            }
            let old: Vec<f64> = self.edges(d).to_vec();
            let step = rtot / nb as f64;
            let mut new = Vec::with_capacity(nb + 1);
            new.push(0.0);
            let (mut j, mut acc) = (0usize, 0.0);
            for k in 1..nb {
                let target = step * k as f64;
                while j < nb && acc + r[j] < target {
                    acc += r[j];
                    j += 1;
                }
                let j_c = j.min(nb - 1);
                let frac = if r[j_c] > 0.0 {
                    ((target - acc) / r[j_c]).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                let edge = old[j_c] + frac * (old[j_c + 1] - old[j_c]);
                new.push(edge.max(*new.last().unwrap()));
            }
            new.push(1.0);
            let base = d * (nb + 1);
            self.edges[base..=base + nb].copy_from_slice(&new);
        }
    }
}

/// Accumulators of one batch (or one iteration).
struct Acc {
    n: u64,
    sum: f64,
    sum2: f64,
    grid_f2: Vec<f64>,
    hist: Vec<f64>,
    hist2: Vec<f64>,
}

impl Acc {
    fn new(grid_len: usize, n_hist: usize) -> Self {
        Self {
            n: 0,
            sum: 0.0,
            sum2: 0.0,
            grid_f2: vec![0.0; grid_len],
            hist: vec![0.0; n_hist],
            hist2: vec![0.0; n_hist],
        }
    }

    fn add(&mut self, o: &Acc) {
        self.n += o.n;
        self.sum += o.sum;
        self.sum2 += o.sum2;
        for (a, b) in self.grid_f2.iter_mut().zip(&o.grid_f2) {
            *a += b;
        }
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
        for (a, b) in self.hist2.iter_mut().zip(&o.hist2) {
            *a += b;
        }
    }
}

/// Seed of batch `batch` of iteration `iter`: the SplitMix64 finaliser
/// ([`aprime_core::rng::finalise`]) of a linear combination of the three words.
fn stream_seed(seed: u64, iter: u64, batch: u64) -> u64 {
    finalise(
        seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(iter.wrapping_mul(0xBF58_476D_1CE4_E5B9))
            .wrapping_add(batch.wrapping_mul(0x94D0_49BB_1331_11EB))
            .wrapping_add(0x2545_F491_4F6C_DD1D),
    )
}

fn validate(ndim: usize, o: &VegasOptions) -> Result<(), PhysicsError> {
    let bad = |what: &str| Err(PhysicsError::InvalidArgument(format!("VEGAS: {what}")));
    if ndim == 0 {
        return bad("needs at least one dimension");
    }
    if o.bins < 2 || o.batch_size < 2 || o.batches_per_iteration == 0 {
        return bad("needs ≥ 2 bins, ≥ 2 points per batch and ≥ 1 batch per iteration");
    }
    if o.warmup_iterations > 0 && o.warmup_batches == 0 {
        return bad("warm-up iterations need ≥ 1 batch");
    }
    if o.min_iterations == 0 || o.max_iterations < o.min_iterations {
        return bad("needs 1 ≤ min_iterations ≤ max_iterations");
    }
    if !(o.rel_precision >= 0.0 && o.abs_precision >= 0.0 && o.alpha >= 0.0) {
        return bad("precisions and α must be non-negative");
    }
    Ok(())
}

/// Runs one iteration of `n_batches` batches on the current grid.
fn iteration<F, H>(
    grid: &Grid,
    f: &F,
    hist: &H,
    n_hist: usize,
    o: &VegasOptions,
    iter: u64,
    n_batches: usize,
) -> Acc
where
    F: Fn(&[f64]) -> f64 + Sync,
    H: Fn(&[f64]) -> Option<usize> + Sync,
{
    let ndim = grid.ndim;
    let nb = grid.bins;
    let parts: Vec<Acc> = (0..n_batches)
        .into_par_iter()
        .map(|b| {
            let mut rng = stream(stream_seed(o.seed, iter, b as u64));
            let mut acc = Acc::new(ndim * nb, n_hist);
            let mut r = vec![0.0; ndim];
            let mut y = vec![0.0; ndim];
            let mut bin = vec![0usize; ndim];
            for _ in 0..o.batch_size {
                for v in &mut r {
                    *v = u01(&mut rng);
                }
                let jac = grid.map(&r, &mut y, &mut bin);
                let mut g = f(&y) * jac;
                if !g.is_finite() {
                    // A non-finite integrand value is a bug in the integrand; do not let it
                    // poison the grid. It is counted as 0 (a caller can detect it via tests).
                    g = 0.0;
                }
                let g2 = g * g;
                acc.sum += g;
                acc.sum2 += g2;
                for (d, &b) in bin.iter().enumerate() {
                    acc.grid_f2[d * nb + b] += g2;
                }
                if n_hist > 0
                    && let Some(h) = hist(&y)
                    && h < n_hist
                {
                    acc.hist[h] += g;
                    acc.hist2[h] += g2;
                }
            }
            acc.n = o.batch_size as u64;
            acc
        })
        .collect();
    let mut tot = Acc::new(ndim * nb, n_hist);
    for p in &parts {
        tot.add(p);
    }
    tot
}

/// Mean and variance of the mean of an iteration from Σg, Σg², N.
fn mean_var(sum: f64, sum2: f64, n: u64) -> (f64, f64) {
    let nf = n as f64;
    let mean = sum / nf;
    let var = ((sum2 / nf - mean * mean) / (nf - 1.0)).max(0.0);
    (mean, var)
}

/// Integrates `f` over the unit cube \[0,1\]^ndim.
pub fn integrate<F>(ndim: usize, f: F, opts: &VegasOptions) -> Result<VegasResult, PhysicsError>
where
    F: Fn(&[f64]) -> f64 + Sync,
{
    integrate_with_histogram(ndim, f, |_: &[f64]| None, 0, opts).map(|(r, _)| r)
}

/// Integrates `f` over the unit cube and, in the same production iterations, the pieces of the
/// integral falling in each of `n_hist` histogram bins chosen by `hist` (a function of the same
/// unit-cube point; `None` for no bin). Bin contents are combined over iterations with the
/// weights of the total, so they add up to it (when every point has a bin).
pub fn integrate_with_histogram<F, H>(
    ndim: usize,
    f: F,
    hist: H,
    n_hist: usize,
    opts: &VegasOptions,
) -> Result<(VegasResult, Vec<Estimate>), PhysicsError>
where
    F: Fn(&[f64]) -> f64 + Sync,
    H: Fn(&[f64]) -> Option<usize> + Sync,
{
    validate(ndim, opts)?;
    let mut grid = Grid::uniform(ndim, opts.bins);
    let mut evaluations = 0u64;
    let mut iter = 0u64;
    for _ in 0..opts.warmup_iterations {
        let acc = iteration(&grid, &f, &hist, 0, opts, iter, opts.warmup_batches);
        evaluations += acc.n;
        iter += 1;
        grid.refine(&acc.grid_f2, opts.alpha);
    }
    // Production: (value, variance) per iteration and the per-bin pieces.
    let mut its: Vec<(f64, f64)> = Vec::new();
    let mut hists: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut converged = false;
    let (mut value, mut error) = (0.0, 0.0);
    while its.len() < opts.max_iterations {
        let acc = iteration(
            &grid,
            &f,
            &hist,
            n_hist,
            opts,
            iter,
            opts.batches_per_iteration,
        );
        evaluations += acc.n;
        iter += 1;
        its.push(mean_var(acc.sum, acc.sum2, acc.n));
        hists.push(
            (0..n_hist)
                .map(|h| mean_var(acc.hist[h], acc.hist2[h], acc.n))
                .collect(),
        );
        grid.refine(&acc.grid_f2, opts.alpha);
        (value, error) = combine(&its);
        if its.len() >= opts.min_iterations
            && error <= opts.abs_precision.max(opts.rel_precision * value.abs())
        {
            converged = true;
            break;
        }
    }
    let chi2_per_dof = if its.len() > 1 {
        its.iter()
            .map(|&(v, var)| {
                if var > 0.0 {
                    (v - value).powi(2) / var
                } else {
                    0.0
                }
            })
            .sum::<f64>()
            / (its.len() - 1) as f64
    } else {
        0.0
    };
    // Histogram: same weights as the total.
    let w = weights(&its);
    let wsum: f64 = w.iter().sum();
    let bins = (0..n_hist)
        .map(|h| {
            let (mut v, mut var) = (0.0, 0.0);
            for (i, hi) in hists.iter().enumerate() {
                v += w[i] * hi[h].0;
                var += w[i] * w[i] * hi[h].1;
            }
            Estimate {
                value: v / wsum,
                error: var.sqrt() / wsum,
            }
        })
        .collect();
    Ok((
        VegasResult {
            value,
            error,
            chi2_per_dof,
            iterations: its.len(),
            evaluations,
            converged,
        },
        bins,
    ))
}

/// Inverse-variance weights; equal weights if any iteration has zero variance (a constant or
/// vanishing integrand, where all iterations agree anyway).
fn weights(its: &[(f64, f64)]) -> Vec<f64> {
    if its.iter().all(|&(_, var)| var > 0.0) {
        its.iter().map(|&(_, var)| 1.0 / var).collect()
    } else {
        vec![1.0; its.len()]
    }
}

fn combine(its: &[(f64, f64)]) -> (f64, f64) {
    let w = weights(its);
    let wsum: f64 = w.iter().sum();
    let value = its.iter().zip(&w).map(|(it, wi)| it.0 * wi).sum::<f64>() / wsum;
    let var = its
        .iter()
        .zip(&w)
        .map(|(it, wi)| wi * wi * it.1)
        .sum::<f64>()
        / (wsum * wsum);
    (value, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(seed: u64) -> VegasOptions {
        VegasOptions {
            rel_precision: 1e-3,
            seed,
            ..VegasOptions::default()
        }
    }

    #[test]
    fn narrow_gaussian_product_in_four_dimensions() {
        // ∏_d ∫_0^1 exp(−(y−0.5)²/(2σ²)) dy = (σ√(2π) erf(0.5/(σ√2)))^4; with σ = 0.05 the
        // erf is 1 to 1e-22, so the exact value is (0.05·√(2π))^4. A uniform sampler needs
        // ~10⁸ points for 1e-3; VEGAS must get there with its adapted grid.
        let s = 0.05;
        let f = |y: &[f64]| {
            y.iter()
                .map(|v| (-(v - 0.5) * (v - 0.5) / (2.0 * s * s)).exp())
                .product::<f64>()
        };
        let exact = (s * (2.0 * std::f64::consts::PI).sqrt()).powi(4);
        let r = integrate(4, f, &opts(7)).unwrap();
        assert!(r.converged, "{r:?}");
        let pull = (r.value - exact) / r.error;
        assert!(pull.abs() < 4.0, "{r:?} exact {exact}");
        assert!((r.value / exact - 1.0).abs() < 5e-3, "{r:?}");
        assert!(r.error <= 1.05e-3 * r.value);
        assert!(r.evaluations < 2_000_000, "{r:?}");
    }

    #[test]
    fn error_estimate_is_honest_over_seeds() {
        // A product of peaked 1-D functions with a known integral:
        // ∫_0^1 1/(y + 0.01) dy = ln(101) per dimension (3 dimensions). Over 20 seeds the
        // pulls (value − exact)/error must have an rms near 1 (loose bound 0.5–1.8).
        let f = |y: &[f64]| y.iter().map(|v| 1.0 / (v + 0.01)).product::<f64>();
        let exact = 101f64.ln().powi(3);
        let mut s2 = 0.0;
        for seed in 0..20 {
            let r = integrate(3, f, &opts(seed)).unwrap();
            s2 += ((r.value - exact) / r.error).powi(2);
        }
        let rms = (s2 / 20.0).sqrt();
        assert!((0.5..1.8).contains(&rms), "pull rms {rms}");
    }

    #[test]
    fn identical_whatever_the_thread_count() {
        let f = |y: &[f64]| (y[0] * 3.0).sin().powi(2) * (-y[1] * 5.0).exp() / (y[2] + 0.1);
        let run = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
                .install(|| integrate(3, f, &opts(3)).unwrap())
        };
        assert_eq!(run(1), run(2));
        assert_ne!(run(1), integrate(3, f, &opts(4)).unwrap());
    }

    #[test]
    fn histogram_adds_up_to_the_total_and_matches_the_marginal() {
        // f = 2y₀ · 1 on [0,1]²: integral 1; the y₀-marginal in 10 bins is (2i+1)/100 per bin.
        let f = |y: &[f64]| 2.0 * y[0];
        let hist = |y: &[f64]| Some(((y[0] * 10.0) as usize).min(9));
        let (r, h) = integrate_with_histogram(2, f, hist, 10, &opts(5)).unwrap();
        let sum: f64 = h.iter().map(|e| e.value).sum();
        assert!((sum / r.value - 1.0).abs() < 1e-12);
        for (i, e) in h.iter().enumerate() {
            let exact = (2 * i + 1) as f64 / 100.0;
            assert!(
                (e.value - exact).abs() < 5.0 * e.error + 1e-12,
                "bin {i}: {e:?}"
            );
        }
    }

    #[test]
    fn bad_options_are_errors() {
        let f = |_: &[f64]| 1.0;
        assert!(integrate(0, f, &opts(1)).is_err());
        let mut o = opts(1);
        o.bins = 1;
        assert!(integrate(2, f, &o).is_err());
        let mut o = opts(1);
        o.min_iterations = 0;
        assert!(integrate(2, f, &o).is_err());
    }

    #[test]
    fn zero_integrand_is_zero_not_nan() {
        let r = integrate(2, |_: &[f64]| 0.0, &opts(1)).unwrap();
        assert_eq!((r.value, r.error), (0.0, 0.0));
    }
}
