//! The side-band fit of paper 002 §VIII (Fig. 13): f(E) = exp(p1 + p2·E) \[events/GeV\] fitted
//! to the weighted E_ECAL distribution of side band C and integrated over the signal box, with
//! its statistical error from the fit covariance, and fit variants (binning, range, method,
//! functional form) for the systematic uncertainty.
//!
//! Weighted bins: the likelihood uses the scaled Poisson distribution of Bohm & Zech (NIM A 748
//! (2014) 1): a bin with Σw = W and Σw² = V is an effective Poisson count W²/V scaled by V/W,
//! so −ln L = Σ (μ − W ln μ)/s with s = V/W (empty bins: the range's mean V/W). The χ² is
//! Neyman's, Σ (W − μ)²/V over non-empty bins.

use serde::{Deserialize, Serialize};

use crate::tally::Hist1;
use aprime_experiment::{FitMethod, SideBand};

/// 8-point Gauss–Legendre nodes and weights on \[−1, 1\] (Abramowitz & Stegun Table 25.4).
const GL_X: [f64; 8] = [
    -0.960_289_856_497_536_3,
    -0.796_666_477_413_626_7,
    -0.525_532_409_916_329,
    -0.183_434_642_495_649_8,
    0.183_434_642_495_649_8,
    0.525_532_409_916_329,
    0.796_666_477_413_626_7,
    0.960_289_856_497_536_3,
];
const GL_W: [f64; 8] = [
    0.101_228_536_290_376_26,
    0.222_381_034_453_374_47,
    0.313_706_645_877_887_3,
    0.362_683_783_378_362,
    0.362_683_783_378_362,
    0.313_706_645_877_887_3,
    0.222_381_034_453_374_47,
    0.101_228_536_290_376_26,
];

/// The functional form of the fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// exp(p1 + p2·E).
    Exponential,
    /// exp(p1 + p2·E + p3·E²).
    QuadraticExponent,
}

impl Shape {
    fn n_par(self) -> usize {
        match self {
            Self::Exponential => 2,
            Self::QuadraticExponent => 3,
        }
    }
}

/// One binned fit and its extrapolation into the box.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// What was varied (`nominal`, `bin width 0.5 GeV`, …).
    pub variant: String,
    /// Fit method.
    pub method: FitMethod,
    /// Functional form.
    pub shape: Shape,
    /// Bin width \[GeV\].
    pub bin_width_gev: f64,
    /// Fit range \[GeV\].
    pub range_gev: (f64, f64),
    /// Number of bins in the range.
    pub bins: usize,
    /// Σw in the fit range (the side-band content).
    pub side_band_events: f64,
    /// Effective number of events (Σw)²/Σw² in the fit range.
    pub effective_events: f64,
    /// p1, p2 (and p3): f(E) = exp(p1 + p2 E + p3 E²) in events per GeV, E in GeV.
    pub params: Vec<f64>,
    /// Their standard errors.
    pub errors: Vec<f64>,
    /// Covariance of the parameters (row-major, n×n).
    pub covariance: Vec<f64>,
    /// Goodness of fit: the scaled-Poisson deviance (likelihood) or χ² (chi2).
    pub goodness: f64,
    /// Degrees of freedom of `goodness` (non-empty bins for χ²) minus parameters.
    pub ndf: usize,
    /// Whether the minimiser converged.
    pub converged: bool,
    /// Integral of f over the box, from the extrapolation start to the E_ECAL cut \[events\].
    pub predicted: f64,
    /// Its statistical error from the parameter covariance \[events\]: for weighted (simulated)
    /// events the Monte Carlo statistical error, for unweighted data the Poisson error.
    pub predicted_error: f64,
    /// The Poisson error the prediction would have if the side band were real data with the
    /// fitted expectations (expected Fisher information Σ μ'μ'ᵀ/μ) \[events\].
    pub predicted_error_data: f64,
}

struct Bins {
    lo: Vec<f64>,
    hi: Vec<f64>,
    w: Vec<f64>,
    v: Vec<f64>,
}

/// Rebin the fine histogram into bins of `width` over \[lo, hi); edges snap to the fine grid.
fn rebin(h: &Hist1, lo: f64, hi: f64, width: f64) -> Bins {
    let k = ((width / h.width).round() as usize).max(1);
    let i0 = ((lo - h.lo) / h.width).round().max(0.0) as usize;
    let i_end = (((hi - h.lo) / h.width).round().max(0.0) as usize).min(h.w.len());
    let n = i_end.saturating_sub(i0) / k;
    let mut b = Bins {
        lo: Vec::with_capacity(n),
        hi: Vec::with_capacity(n),
        w: Vec::with_capacity(n),
        v: Vec::with_capacity(n),
    };
    for j in 0..n {
        let a = i0 + j * k;
        b.lo.push(h.edge(a));
        b.hi.push(h.edge(a + k));
        b.w.push(h.w[a..a + k].iter().sum());
        b.v.push(h.w2[a..a + k].iter().sum());
    }
    b
}

/// The model in centred coordinates u = E − e_ref: f = exp(q0 + q1 u + q2 u²).
struct Model {
    n: usize,
    e_ref: f64,
}

impl Model {
    fn phi(&self, e: f64) -> [f64; 3] {
        let u = e - self.e_ref;
        [1.0, u, u * u]
    }

    fn eta(&self, q: &[f64; 3], e: f64) -> f64 {
        let p = self.phi(e);
        (0..self.n).map(|a| q[a] * p[a]).sum()
    }

    /// ∫_a^b f dE with its gradient and Hessian in q (8-point Gauss–Legendre on `segments`
    /// equal pieces).
    fn integral(
        &self,
        q: &[f64; 3],
        a: f64,
        b: f64,
        segments: usize,
    ) -> (f64, [f64; 3], [[f64; 3]; 3]) {
        let mut v = 0.0;
        let mut g = [0.0; 3];
        let mut h = [[0.0; 3]; 3];
        let seg = (b - a) / segments as f64;
        for s in 0..segments {
            let c = a + seg * (s as f64 + 0.5);
            let half = 0.5 * seg;
            for (x, w) in GL_X.iter().zip(GL_W) {
                let e = c + half * x;
                let f = w * half * self.eta(q, e).exp();
                let p = self.phi(e);
                v += f;
                for i in 0..self.n {
                    g[i] += f * p[i];
                    for j in 0..self.n {
                        h[i][j] += f * p[i] * p[j];
                    }
                }
            }
        }
        (v, g, h)
    }
}

/// Solve the n×n system `a x = b` (Gaussian elimination with partial pivoting); `None` if
/// singular.
fn solve(n: usize, a: &[[f64; 3]; 3], b: &[f64; 3]) -> Option<[f64; 3]> {
    let mut m = *a;
    let mut r = *b;
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| m[i][col].abs().total_cmp(&m[j][col].abs()))?;
        if m[piv][col].abs() < 1e-300 {
            return None;
        }
        m.swap(col, piv);
        r.swap(col, piv);
        let pivot_row = m[col];
        for row in col + 1..n {
            let f = m[row][col] / pivot_row[col];
            for (x, p) in m[row][col..n].iter_mut().zip(&pivot_row[col..n]) {
                *x -= f * p;
            }
            r[row] -= f * r[col];
        }
    }
    let mut x = [0.0; 3];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|k| m[i][k] * x[k]).sum();
        x[i] = (r[i] - s) / m[i][i];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

fn invert(n: usize, a: &[[f64; 3]; 3]) -> Option<[[f64; 3]; 3]> {
    let mut inv = [[0.0; 3]; 3];
    for c in 0..n {
        let mut e = [0.0; 3];
        e[c] = 1.0;
        let x = solve(n, a, &e)?;
        for r in 0..n {
            inv[r][c] = x[r];
        }
    }
    Some(inv)
}

struct Objective<'a> {
    model: Model,
    bins: &'a Bins,
    method: FitMethod,
    scale: Vec<f64>,
}

impl Objective<'_> {
    /// Value, gradient and Hessian of −ln L (likelihood) or χ².
    fn eval(&self, q: &[f64; 3]) -> (f64, [f64; 3], [[f64; 3]; 3]) {
        let n = self.model.n;
        let mut val = 0.0;
        let mut g = [0.0; 3];
        let mut h = [[0.0; 3]; 3];
        for j in 0..self.bins.w.len() {
            let (w, v) = (self.bins.w[j], self.bins.v[j]);
            let (mu, d1, d2) = self.model.integral(q, self.bins.lo[j], self.bins.hi[j], 1);
            match self.method {
                FitMethod::Likelihood => {
                    let s = self.scale[j];
                    let mu = mu.max(1e-300);
                    val += (mu - if w > 0.0 { w * mu.ln() } else { 0.0 }) / s;
                    let c1 = (1.0 - w / mu) / s;
                    let c2 = w / (mu * mu) / s;
                    for a in 0..n {
                        g[a] += c1 * d1[a];
                        for b in 0..n {
                            h[a][b] += c1 * d2[a][b] + c2 * d1[a] * d1[b];
                        }
                    }
                }
                FitMethod::Chi2 => {
                    if v <= 0.0 {
                        continue;
                    }
                    let r = w - mu;
                    val += r * r / v;
                    for a in 0..n {
                        g[a] += -2.0 * r * d1[a] / v;
                        for b in 0..n {
                            h[a][b] += (2.0 * d1[a] * d1[b] - 2.0 * r * d2[a][b]) / v;
                        }
                    }
                }
            }
        }
        (val, g, h)
    }
}

/// Fit the fine histogram `h` over \[lo, hi) with bins of `width` and integrate the result over
/// \[box_lo, box_hi\]. `None` if the range holds no events.
pub fn fit(
    h: &Hist1,
    (lo, hi): (f64, f64),
    width: f64,
    method: FitMethod,
    shape: Shape,
    (box_lo, box_hi): (f64, f64),
    variant: &str,
) -> Option<Fit> {
    let bins = rebin(h, lo, hi, width);
    let n_bins = bins.w.len();
    let total_w: f64 = bins.w.iter().sum();
    let total_v: f64 = bins.v.iter().sum();
    let npar = shape.n_par();
    if n_bins < npar + 1 || total_w <= 0.0 || total_v <= 0.0 {
        return None;
    }
    let lo = bins.lo[0];
    let hi = bins.hi[n_bins - 1];
    let mean_scale = total_v / total_w;
    let scale: Vec<f64> = bins
        .w
        .iter()
        .zip(&bins.v)
        .map(|(&w, &v)| if w > 0.0 { v / w } else { mean_scale })
        .collect();
    let model = Model { n: npar, e_ref: lo };
    // Start: weighted least squares of ln(density) against u over non-empty bins.
    let (mut s0, mut s1, mut s2, mut t0, mut t1) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for j in 0..n_bins {
        let (w, v) = (bins.w[j], bins.v[j]);
        if w <= 0.0 || v <= 0.0 {
            continue;
        }
        let y = (w / (bins.hi[j] - bins.lo[j])).ln();
        let u = 0.5 * (bins.lo[j] + bins.hi[j]) - lo;
        let k = w * w / v;
        s0 += k;
        s1 += k * u;
        s2 += k * u * u;
        t0 += k * y;
        t1 += k * u * y;
    }
    let det = s0 * s2 - s1 * s1;
    let mut q = [0.0; 3];
    if det.abs() > 1e-12 * s0 * s2.max(1e-300) {
        q[1] = (s0 * t1 - s1 * t0) / det;
        q[0] = (t0 - q[1] * s1) / s0;
    } else {
        q[0] = (total_w / (hi - lo)).ln();
    }
    let obj = Objective {
        model,
        bins: &bins,
        method,
        scale,
    };
    let (mut val, mut g, mut hess) = obj.eval(&q);
    let mut converged = false;
    let mut lambda = 0.0f64;
    for _ in 0..300 {
        let mut hd = hess;
        for (a, row) in hd.iter_mut().enumerate().take(npar) {
            row[a] += lambda * hess[a][a].abs().max(1e-12);
        }
        let neg = [-g[0], -g[1], -g[2]];
        let Some(step) = solve(npar, &hd, &neg) else {
            lambda = if lambda == 0.0 { 1e-3 } else { lambda * 10.0 };
            continue;
        };
        let decrease: f64 = (0..npar).map(|a| -g[a] * step[a]).sum();
        if decrease.abs() < 1e-11 * (1.0 + val.abs()) {
            converged = true;
            break;
        }
        // Backtracking: accept the first step length that lowers the objective.
        let mut t = 1.0;
        let mut accepted = false;
        for _ in 0..40 {
            let mut qn = q;
            for a in 0..npar {
                qn[a] += t * step[a];
            }
            let (vn, gn, hn) = obj.eval(&qn);
            if vn.is_finite() && vn <= val {
                q = qn;
                let improvement = val - vn;
                val = vn;
                g = gn;
                hess = hn;
                accepted = true;
                if improvement < 1e-12 * (1.0 + val.abs()) {
                    converged = true;
                }
                break;
            }
            t *= 0.5;
        }
        if converged {
            break;
        }
        lambda = if accepted {
            lambda * 0.1
        } else {
            (lambda * 10.0).max(1e-3)
        };
        if lambda > 1e12 {
            break;
        }
    }
    let cov_q = invert(npar, &hess).map(|c| {
        let k = match method {
            FitMethod::Likelihood => 1.0,
            FitMethod::Chi2 => 2.0,
        };
        c.map(|row| row.map(|x| x * k))
    });
    let cov_q = cov_q.unwrap_or([[f64::NAN; 3]; 3]);
    // Prediction in the box and its error by error propagation.
    let segs = (((box_hi - box_lo) / 0.5).ceil() as usize).max(1);
    let (pred, dpred, _) = obj.model.integral(&q, box_lo, box_hi, segs);
    let mut var = 0.0;
    for a in 0..npar {
        for b in 0..npar {
            var += dpred[a] * cov_q[a][b] * dpred[b];
        }
    }
    // Data-equivalent error: expected Poisson Fisher information at the fitted expectations.
    let mut info = [[0.0; 3]; 3];
    for j in 0..n_bins {
        let (mu, d1, _) = obj.model.integral(&q, bins.lo[j], bins.hi[j], 1);
        if mu > 0.0 {
            for a in 0..npar {
                for b in 0..npar {
                    info[a][b] += d1[a] * d1[b] / mu;
                }
            }
        }
    }
    let var_data = invert(npar, &info).map_or(f64::NAN, |c| {
        let mut v = 0.0;
        for a in 0..npar {
            for b in 0..npar {
                v += dpred[a] * c[a][b] * dpred[b];
            }
        }
        v
    });
    // Paper convention: exponent in E, not u = E − lo.
    let e = lo;
    let jac: [[f64; 3]; 3] = [[1.0, -e, e * e], [0.0, 1.0, -2.0 * e], [0.0, 0.0, 1.0]];
    let mut params = vec![0.0; npar];
    let mut cov = vec![0.0; npar * npar];
    for i in 0..npar {
        params[i] = (0..npar).map(|a| jac[i][a] * q[a]).sum();
        for j in 0..npar {
            cov[i * npar + j] = (0..npar)
                .map(|a| {
                    (0..npar)
                        .map(|b| jac[i][a] * cov_q[a][b] * jac[j][b])
                        .sum::<f64>()
                })
                .sum();
        }
    }
    let errors = (0..npar)
        .map(|i| cov[i * npar + i].max(0.0).sqrt())
        .collect();
    let (goodness, used) = match method {
        FitMethod::Likelihood => {
            let mut d = 0.0;
            for j in 0..n_bins {
                let (mu, _, _) = obj.model.integral(&q, bins.lo[j], bins.hi[j], 1);
                let w = bins.w[j];
                let t = if w > 0.0 { w * (w / mu).ln() } else { 0.0 };
                d += 2.0 * (mu - w + t) / obj.scale[j];
            }
            (d, n_bins)
        }
        FitMethod::Chi2 => (val, bins.v.iter().filter(|&&v| v > 0.0).count()),
    };
    Some(Fit {
        variant: variant.to_string(),
        method,
        shape,
        bin_width_gev: bins.hi[0] - bins.lo[0],
        range_gev: (lo, hi),
        bins: n_bins,
        side_band_events: total_w,
        effective_events: total_w * total_w / total_v,
        params,
        errors,
        covariance: cov,
        goodness,
        ndf: used.saturating_sub(npar),
        converged,
        predicted: pred,
        predicted_error: var.max(0.0).sqrt(),
        predicted_error_data: var_data.max(0.0).sqrt(),
    })
}

/// One fit to run: name, range, bin width, method, shape.
type Spec = (String, (f64, f64), f64, FitMethod, Shape);

/// The nominal fit and its variants for one run.
pub fn fit_with_variants(h: &Hist1, ecal_cut: f64, sb: &SideBand) -> Vec<Fit> {
    let range = (ecal_cut, sb.fit_max_gev);
    let bx = (sb.extrapolate_from_gev, ecal_cut);
    let other = match sb.method {
        FitMethod::Likelihood => FitMethod::Chi2,
        FitMethod::Chi2 => FitMethod::Likelihood,
    };
    let mut specs: Vec<Spec> = vec![(
        "nominal".into(),
        range,
        sb.bin_width_gev,
        sb.method,
        Shape::Exponential,
    )];
    for &w in &sb.variant_bin_widths_gev {
        specs.push((
            format!("bin width {w} GeV"),
            range,
            w,
            sb.method,
            Shape::Exponential,
        ));
    }
    let d = sb.variant_range_shift_gev;
    if d > 0.0 {
        specs.push((
            format!("fit from {} GeV", range.0 + d),
            (range.0 + d, range.1),
            sb.bin_width_gev,
            sb.method,
            Shape::Exponential,
        ));
        specs.push((
            format!("fit up to {} GeV", range.1 - d),
            (range.0, range.1 - d),
            sb.bin_width_gev,
            sb.method,
            Shape::Exponential,
        ));
    }
    if sb.variant_other_method {
        let name = match other {
            FitMethod::Likelihood => "binned likelihood",
            FitMethod::Chi2 => "chi2 fit",
        };
        specs.push((
            name.into(),
            range,
            sb.bin_width_gev,
            other,
            Shape::Exponential,
        ));
    }
    if sb.variant_quadratic {
        specs.push((
            "exp(p1 + p2 E + p3 E^2)".into(),
            range,
            sb.bin_width_gev,
            sb.method,
            Shape::QuadraticExponent,
        ));
    }
    specs
        .into_iter()
        .filter_map(|(name, r, w, m, s)| fit(h, r, w, m, s, bx, &name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected exponential content per fine bin (no noise): the fit must return the truth.
    fn asimov(p1: f64, p2: f64, lo: f64, hi: f64, weight: f64) -> Hist1 {
        let mut h = Hist1::new(0.0, 0.05, 4000);
        for i in 0..h.w.len() {
            let (a, b) = (h.edge(i), h.edge(i + 1));
            if a < lo - 1e-9 || b > hi + 1e-9 {
                continue;
            }
            let mu = (p1 + p2 * a).exp() * ((p2 * (b - a)).exp() - 1.0) / p2;
            h.w[i] = mu;
            h.w2[i] = mu * weight;
        }
        h
    }

    #[test]
    fn asimov_fit_returns_the_true_exponential_and_its_box_integral() {
        // Paper 002 §VIII run I: slope 0.315/GeV; the box integral of exp(p1 + p2 E) over
        // [0, 50] is exp(p1)(exp(50 p2) − 1)/p2.
        let (p1, p2) = (-10.0, 0.315);
        let h = asimov(p1, p2, 50.0, 75.0, 0.3);
        let truth = p1.exp() * ((50.0 * p2).exp() - 1.0) / p2;
        for m in [FitMethod::Likelihood, FitMethod::Chi2] {
            for (w, s) in [(1.0, Shape::Exponential), (0.5, Shape::QuadraticExponent)] {
                let f = fit(&h, (50.0, 75.0), w, m, s, (0.0, 50.0), "t").unwrap();
                assert!(f.converged, "{f:?}");
                assert!((f.params[1] / p2 - 1.0).abs() < 1e-6, "{f:?}");
                assert!(
                    (f.predicted / truth - 1.0).abs() < 1e-5,
                    "{} {truth}",
                    f.predicted
                );
                assert!(f.predicted_error > 0.0);
            }
        }
    }

    #[test]
    fn empty_side_band_gives_no_fit() {
        let h = Hist1::new(0.0, 0.05, 4000);
        assert!(
            fit(
                &h,
                (50.0, 75.0),
                1.0,
                FitMethod::Likelihood,
                Shape::Exponential,
                (0.0, 50.0),
                "t"
            )
            .is_none()
        );
    }
}
