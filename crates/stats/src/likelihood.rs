//! The multi-channel likelihood and its profiling.
//!
//! Internally the signal is normalised to Σ s_i = 1, so the parameter of interest ν is the
//! total expected signal; this keeps the minimiser well scaled whatever the units of the model
//! (signal per ε² can be 10⁸). The negative log-likelihood is written as half the Poisson
//! deviance, Σ_i [λ_i − n_i + n_i ln(n_i/λ_i)] + ½ Σ_k (θ_k − g_k)², which is 0 for a perfect
//! fit (well conditioned, and valid for the non-integer counts of an Asimov data set).

use crate::model::{Component, Constraint, Model};

#[derive(Debug, Clone, Copy)]
struct Eff {
    nu: usize,
    /// ln κ (log-normal) or r (Gaussian).
    p: f64,
    gaussian: bool,
}

/// Compiled likelihood of a [`Model`] (signal normalised to unit total).
#[derive(Debug, Clone)]
pub(crate) struct Likelihood {
    pub n_ch: usize,
    pub n_nu: usize,
    pub sig: Vec<f64>,
    pub bkg: Vec<f64>,
    /// Σ s_i of the model: μ_model = ν / scale.
    pub scale: f64,
    /// Priors of the nuisances are unit Gaussians; this says which nuisance is Gaussian-shaped.
    sig_eff: Vec<Vec<Eff>>,
    bkg_eff: Vec<Vec<Eff>>,
    max_eff: usize,
}

/// A data set: counts per channel and global observables per nuisance.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Data {
    pub counts: Vec<f64>,
    pub globals: Vec<f64>,
}

impl Data {
    pub fn observed(model: &Model) -> Self {
        Self {
            counts: model.channels().iter().map(|c| c.observed as f64).collect(),
            globals: vec![0.0; model.nuisances().len()],
        }
    }
}

/// Scratch space for derivatives and the Newton solver, reused across fits.
#[derive(Debug, Clone)]
pub(crate) struct Work {
    d: usize,
    grad: Vec<f64>,
    hess: Vec<f64>,
    gs: Vec<f64>,
    hs: Vec<f64>,
    gb: Vec<f64>,
    hb: Vec<f64>,
    ent_i: Vec<usize>,
    ent_v: Vec<f64>,
    a: Vec<f64>,
    rhs: Vec<f64>,
    step: Vec<f64>,
    /// The parameters [ν, θ…] of the last fit.
    pub x: Vec<f64>,
    xt: Vec<f64>,
    /// Per channel, from the last [`Likelihood::nll_kept`]: the signal and background factors
    /// and the deviance (the transcendental part of the derivatives at the same point).
    kept: Kept,
}

/// The per-channel values of one NLL evaluation.
#[derive(Debug, Clone)]
struct Kept {
    sig_factor: Vec<f64>,
    bkg_factor: Vec<f64>,
    deviance: Vec<f64>,
}

/// What to do with the parameter of interest in a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Poi {
    /// Fixed at this ν.
    Fixed(f64),
    /// Free in [0, ∞), starting at this ν.
    Free(f64),
}

/// Result of the unconditional fit (ν ≥ 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GlobalFit {
    pub nll: f64,
    pub nu_hat: f64,
}

/// Half the Poisson deviance of one channel, n·[(x − 1) − ln x] with x = λ/n.
#[inline]
fn deviance(n: f64, lam: f64) -> f64 {
    if n <= 0.0 {
        lam
    } else if lam <= 0.0 {
        f64::INFINITY
    } else {
        let d = lam - n;
        d - n * (d / n).ln_1p()
    }
}

/// d ln F/dθ and d² ln F/dθ² per effect of the factors acting on one yield (zero where a
/// Gaussian factor is cut off: the yield is zero there).
#[inline]
fn factor_derivs(effs: &[Eff], theta: &[f64], g: &mut [f64], h: &mut [f64]) {
    for (j, e) in effs.iter().enumerate() {
        let t = theta[e.nu];
        if e.gaussian {
            let f = 1.0 + e.p * t;
            if f <= 0.0 {
                g[..effs.len()].fill(0.0);
                h[..effs.len()].fill(0.0);
                return;
            }
            g[j] = e.p / f;
            h[j] = -g[j] * g[j];
        } else {
            g[j] = e.p;
            h[j] = 0.0;
        }
    }
}

#[inline]
fn factor_value(effs: &[Eff], theta: &[f64]) -> f64 {
    let mut ln = 0.0;
    for e in effs {
        let t = theta[e.nu];
        if e.gaussian {
            let f = 1.0 + e.p * t;
            if f <= 0.0 {
                return 0.0;
            }
            ln += f.ln();
        } else {
            ln += e.p * t;
        }
    }
    ln.exp()
}

impl Likelihood {
    pub fn new(model: &Model) -> Self {
        let n_ch = model.channels().len();
        let scale = model.total_signal();
        let mut sig_eff = vec![Vec::new(); n_ch];
        let mut bkg_eff = vec![Vec::new(); n_ch];
        for (k, nu) in model.nuisances().iter().enumerate() {
            let gaussian = nu.constraint == Constraint::Gaussian;
            for e in &nu.effects {
                let p = if gaussian {
                    e.relative
                } else {
                    e.relative.ln_1p()
                };
                let eff = Eff { nu: k, p, gaussian };
                match e.component {
                    Component::Signal => sig_eff[e.channel].push(eff),
                    Component::Background => bkg_eff[e.channel].push(eff),
                }
            }
        }
        let max_eff = sig_eff
            .iter()
            .chain(&bkg_eff)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        Self {
            n_ch,
            n_nu: model.nuisances().len(),
            sig: model.channels().iter().map(|c| c.signal / scale).collect(),
            bkg: model.channels().iter().map(|c| c.background).collect(),
            scale,
            sig_eff,
            bkg_eff,
            max_eff,
        }
    }

    pub fn work(&self) -> Work {
        let d = 1 + self.n_nu;
        let e = self.max_eff.max(1);
        Work {
            d,
            grad: vec![0.0; d],
            hess: vec![0.0; d * d],
            gs: vec![0.0; e],
            hs: vec![0.0; e],
            gb: vec![0.0; e],
            hb: vec![0.0; e],
            ent_i: vec![0; 1 + 2 * e],
            ent_v: vec![0.0; 1 + 2 * e],
            a: vec![0.0; d * d],
            rhs: vec![0.0; d],
            step: vec![0.0; d],
            x: vec![0.0; d],
            xt: vec![0.0; d],
            kept: Kept {
                sig_factor: vec![0.0; self.n_ch],
                bkg_factor: vec![0.0; self.n_ch],
                deviance: vec![0.0; self.n_ch],
            },
        }
    }

    /// Expected counts λ_i(ν, θ).
    pub fn expected(&self, nu: f64, theta: &[f64], out: &mut [f64]) {
        for (i, o) in out.iter_mut().enumerate() {
            *o = nu * self.sig[i] * factor_value(&self.sig_eff[i], theta)
                + self.bkg[i] * factor_value(&self.bkg_eff[i], theta);
        }
    }

    /// The factors Π f_k(θ_k) on the signal and on the background of channel `i`.
    pub fn factors(&self, i: usize, theta: &[f64]) -> (f64, f64) {
        (
            factor_value(&self.sig_eff[i], theta),
            factor_value(&self.bkg_eff[i], theta),
        )
    }

    /// Negative log-likelihood (half deviance plus constraints) at x = [ν, θ…].
    pub fn nll(&self, x: &[f64], data: &Data) -> f64 {
        let nu = x[0];
        let theta = &x[1..];
        let mut sum = 0.0;
        for i in 0..self.n_ch {
            let lam = nu * self.sig[i] * factor_value(&self.sig_eff[i], theta)
                + self.bkg[i] * factor_value(&self.bkg_eff[i], theta);
            sum += deviance(data.counts[i], lam);
        }
        for (t, g) in theta.iter().zip(&data.globals) {
            sum += 0.5 * (t - g) * (t - g);
        }
        sum
    }

    /// [`Self::nll`], keeping the per-channel factors and deviances in `kept` for
    /// [`Self::nll_derivs`] at the same point (the same operations in the same order).
    fn nll_kept(&self, x: &[f64], data: &Data, kept: &mut Kept) -> f64 {
        let nu = x[0];
        let theta = &x[1..];
        let mut sum = 0.0;
        for i in 0..self.n_ch {
            let sf = factor_value(&self.sig_eff[i], theta);
            let bf = factor_value(&self.bkg_eff[i], theta);
            let lam = nu * self.sig[i] * sf + self.bkg[i] * bf;
            let v = deviance(data.counts[i], lam);
            kept.sig_factor[i] = sf;
            kept.bkg_factor[i] = bf;
            kept.deviance[i] = v;
            sum += v;
        }
        for (t, g) in theta.iter().zip(&data.globals) {
            sum += 0.5 * (t - g) * (t - g);
        }
        sum
    }

    /// NLL with gradient and Hessian in `w` (x = [ν, θ…]); +∞ where a count is impossible.
    /// `x` must be the point of the last [`Self::nll_kept`] into `w.kept`: its factors and
    /// deviances are taken from there.
    fn nll_derivs(&self, x: &[f64], data: &Data, w: &mut Work) -> f64 {
        let d = w.d;
        w.grad.fill(0.0);
        w.hess.fill(0.0);
        let nu = x[0];
        let theta = &x[1..];
        let mut sum = 0.0;
        for i in 0..self.n_ch {
            let se = &self.sig_eff[i];
            let be = &self.bkg_eff[i];
            factor_derivs(se, theta, &mut w.gs, &mut w.hs);
            factor_derivs(be, theta, &mut w.gb, &mut w.hb);
            let sf = w.kept.sig_factor[i];
            let bf = w.kept.bkg_factor[i];
            let ls = nu * self.sig[i] * sf;
            let lb = self.bkg[i] * bf;
            let lam = ls + lb;
            let n = data.counts[i];
            let v = w.kept.deviance[i];
            if !v.is_finite() {
                return f64::INFINITY;
            }
            sum += v;
            let (w1, w2) = if n > 0.0 {
                (1.0 - n / lam, n / (lam * lam))
            } else {
                (1.0, 0.0)
            };
            // Sparse first derivatives of λ_i.
            let mut m = 0;
            w.ent_i[m] = 0;
            w.ent_v[m] = self.sig[i] * sf;
            m += 1;
            for (j, e) in se.iter().enumerate() {
                w.ent_i[m] = 1 + e.nu;
                w.ent_v[m] = ls * w.gs[j];
                m += 1;
            }
            for (j, e) in be.iter().enumerate() {
                w.ent_i[m] = 1 + e.nu;
                w.ent_v[m] = lb * w.gb[j];
                m += 1;
            }
            for a in 0..m {
                let (ia, va) = (w.ent_i[a], w.ent_v[a]);
                w.grad[ia] += w1 * va;
                if w2 != 0.0 {
                    for b in 0..m {
                        w.hess[ia * d + w.ent_i[b]] += w2 * va * w.ent_v[b];
                    }
                }
            }
            // Second derivatives of λ_i, weighted by dNLL/dλ.
            for (j, e) in se.iter().enumerate() {
                let k = 1 + e.nu;
                let v = w1 * self.sig[i] * sf * w.gs[j];
                w.hess[k] += v;
                w.hess[k * d] += v;
                for (l, f) in se.iter().enumerate() {
                    let mut h = w.gs[j] * w.gs[l];
                    if j == l {
                        h += w.hs[j];
                    }
                    w.hess[k * d + 1 + f.nu] += w1 * ls * h;
                }
            }
            for (j, e) in be.iter().enumerate() {
                let k = 1 + e.nu;
                for (l, f) in be.iter().enumerate() {
                    let mut h = w.gb[j] * w.gb[l];
                    if j == l {
                        h += w.hb[j];
                    }
                    w.hess[k * d + 1 + f.nu] += w1 * lb * h;
                }
            }
        }
        for (k, (t, g)) in theta.iter().zip(&data.globals).enumerate() {
            let r = t - g;
            sum += 0.5 * r * r;
            w.grad[1 + k] += r;
            w.hess[(1 + k) * (d + 1)] += 1.0;
        }
        sum
    }

    /// Minimise the NLL over θ (and ν ≥ 0 if free) by damped, projected Newton steps with an
    /// Armijo line search. Robust at n = 0 (ν lands on its bound through the active set) and
    /// for b → 0 (impossible points are rejected by the line search). Returns the minimum; the
    /// parameters are left in `w.x`.
    pub fn minimize(&self, data: &Data, poi: Poi, theta0: &[f64], w: &mut Work) -> f64 {
        const MAX_ITER: usize = 200;
        let d = w.d;
        let (free_nu, nu0) = match poi {
            Poi::Fixed(nu) => (false, nu),
            Poi::Free(nu) => (true, nu.max(0.0)),
        };
        w.x[0] = nu0;
        w.x[1..].copy_from_slice(theta0);
        let mut f = self.nll_kept(&w.x, data, &mut w.kept);
        if !f.is_finite() {
            // A Gaussian factor may be cut off at the start: restart at nominal θ.
            w.x[1..].fill(0.0);
            f = self.nll_kept(&w.x, data, &mut w.kept);
        }
        if !f.is_finite() && free_nu {
            // Some channel has n > 0 but no background: it needs signal.
            let mut nu = w.x[0].max(data.counts.iter().sum::<f64>().max(1.0));
            for _ in 0..60 {
                w.x[0] = nu;
                f = self.nll_kept(&w.x, data, &mut w.kept);
                if f.is_finite() {
                    break;
                }
                nu *= 2.0;
            }
        }
        if !f.is_finite() {
            return f64::INFINITY;
        }
        let mut xcur = std::mem::take(&mut w.x);
        f = self.nll_derivs(&xcur, data, w);
        for _ in 0..MAX_ITER {
            // Active set: ν at its bound with the gradient pushing outwards stays fixed.
            let first = usize::from(!(free_nu && !(xcur[0] <= 0.0 && w.grad[0] > 0.0)));
            let m = d - first;
            if m == 0 {
                break;
            }
            let mut maxdiag: f64 = 0.0;
            for a in 0..m {
                maxdiag = maxdiag.max(w.hess[(first + a) * (d + 1)].abs());
                w.rhs[a] = -w.grad[first + a];
            }
            let mut tau = 0.0;
            loop {
                for a in 0..m {
                    for b in 0..m {
                        w.a[a * m + b] = w.hess[(first + a) * d + first + b];
                    }
                    w.a[a * (m + 1)] += tau;
                }
                if cholesky_solve(&mut w.a, m, &w.rhs, &mut w.step) {
                    break;
                }
                tau = if tau == 0.0 {
                    1e-10 * maxdiag.max(1.0)
                } else {
                    tau * 10.0
                };
                if tau > 1e20 {
                    // Give up on curvature: steepest descent.
                    w.step[..m].copy_from_slice(&w.rhs[..m]);
                    break;
                }
            }
            let dec: f64 = (0..m).map(|a| w.rhs[a] * w.step[a]).sum();
            if dec.is_nan() || dec <= 1e-13 * (1.0 + f.abs()) {
                break;
            }
            // Armijo backtracking on the projected step.
            let mut t = 1.0;
            let mut accepted = false;
            for _ in 0..60 {
                w.xt.copy_from_slice(&xcur);
                for a in 0..m {
                    w.xt[first + a] += t * w.step[a];
                }
                if w.xt[0] < 0.0 {
                    w.xt[0] = 0.0;
                }
                let ft = self.nll_kept(&w.xt, data, &mut w.kept);
                let slope: f64 = (0..d).map(|a| w.grad[a] * (w.xt[a] - xcur[a])).sum();
                if ft.is_finite() && ft <= f + 1e-4 * slope.min(0.0) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if !accepted {
                break;
            }
            xcur.copy_from_slice(&w.xt);
            let fnew = self.nll_derivs(&xcur, data, w);
            let gain = f - fnew;
            f = fnew;
            if gain.abs() <= 1e-15 * (1.0 + f.abs()) && dec < 1e-9 {
                break;
            }
        }
        w.x = xcur;
        f
    }

    /// Unconditional fit with ν ≥ 0, started at the naive estimate and θ = g.
    pub fn global_fit(&self, data: &Data, w: &mut Work) -> GlobalFit {
        let n: f64 = data.counts.iter().sum();
        let b: f64 = self.bkg.iter().sum();
        let nll = self.minimize(data, Poi::Free((n - b).max(0.0)), &data.globals, w);
        GlobalFit {
            nll,
            nu_hat: w.x[0],
        }
    }

    /// Conditional fit at fixed ν, started at θ = g; θ̂̂ is left in `w.x[1..]`.
    pub fn conditional_fit(&self, data: &Data, nu: f64, w: &mut Work) -> f64 {
        self.minimize(data, Poi::Fixed(nu), &data.globals, w)
    }

    /// One-sided profile-likelihood ratio q̃_ν (Cowan–Cranmer–Gross–Vitells, EPJC 71 1554,
    /// eq. 16): 2[NLL(ν, θ̂̂) − NLL(ν̂, θ̂)] with ν̂ ∈ [0, ν], and 0 when ν̂ > ν.
    pub fn q_tilde(&self, data: &Data, nu: f64, global: &GlobalFit, w: &mut Work) -> f64 {
        if global.nu_hat > nu {
            // Still leave θ̂̂ in w.x for callers that generate from it.
            self.conditional_fit(data, nu, w);
            return 0.0;
        }
        let cond = self.conditional_fit(data, nu, w);
        (2.0 * (cond - global.nll)).max(0.0)
    }
}

/// Solve A·x = rhs for symmetric A (m×m, row-major, overwritten by its Cholesky factor).
/// Returns false if A is not numerically positive definite. (Row slices instead of indices:
/// the same operations in the same order, without bounds checks in the inner products.)
fn cholesky_solve(a: &mut [f64], m: usize, rhs: &[f64], x: &mut [f64]) -> bool {
    let a = &mut a[..m * m];
    for j in 0..m {
        let from_j = &mut a[j * m..];
        let (row_j, below) = from_j.split_at_mut(m);
        let mut s = row_j[j];
        for v in &row_j[..j] {
            s -= v * v;
        }
        if s.is_nan() || s <= 1e-300 {
            return false;
        }
        let l = s.sqrt();
        row_j[j] = l;
        for row_i in below.chunks_exact_mut(m) {
            let mut s = row_i[j];
            for (u, v) in row_i[..j].iter().zip(&row_j[..j]) {
                s -= u * v;
            }
            row_i[j] = s / l;
        }
    }
    let x = &mut x[..m];
    for i in 0..m {
        let row_i = &a[i * m..=i * m + i];
        let mut s = rhs[i];
        for (u, v) in row_i[..i].iter().zip(&x[..i]) {
            s -= u * v;
        }
        x[i] = s / row_i[i];
    }
    for i in (0..m).rev() {
        let mut s = x[i];
        for k in i + 1..m {
            s -= a[k * m + i] * x[k];
        }
        x[i] = s / a[i * m + i];
    }
    true
}
