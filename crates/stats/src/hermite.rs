//! Gauss–Hermite quadrature for expectations over a unit Gaussian: E[f(θ)], θ ~ N(0, 1), as
//! Σ_j w_j f(x_j), exact for polynomials of degree ≤ 2n − 1.
//!
//! The nodes are the eigenvalues of the Jacobi matrix of the orthonormal (probabilists')
//! Hermite polynomials, p₀ = 1, p₁ = x, √(k+1) p_{k+1} = x p_k − √k p_{k−1} (zero diagonal,
//! off-diagonal √k), found one by one by Sturm-sequence bisection and polished by Newton steps
//! on p_n (p_n' = √n p_{n−1}); the weights follow from the Christoffel–Darboux identity,
//! w_j = 1 / Σ_{k<n} p_k(x_j)² (Golub & Welsch, Math. Comp. 23 (1969) 221).

/// Nodes and weights (weights sum to 1) of the n-point rule for N(0, 1), nodes ascending.
pub(crate) fn gauss_hermite(n: usize) -> (Vec<f64>, Vec<f64>) {
    let n = n.max(1);
    // Every eigenvalue lies within the Gershgorin bound 2√(n − 1).
    let bound = 2.0 * ((n as f64) - 1.0).max(0.0).sqrt() + 1.0;
    let mut nodes = Vec::with_capacity(n);
    for j in 0..n {
        // The j-th smallest eigenvalue: count(x) = number of eigenvalues below x.
        let (mut lo, mut hi) = (-bound, bound);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if below(mid, n) > j {
                hi = mid;
            } else {
                lo = mid;
            }
            if hi - lo <= 1e-15 * (1.0 + mid.abs()) {
                break;
            }
        }
        let mut x = 0.5 * (lo + hi);
        for _ in 0..3 {
            let (pn, pn1) = orthonormal(x, n);
            let d = (n as f64).sqrt() * pn1;
            if d != 0.0 {
                let step = pn / d;
                if step.abs() < hi - lo + 1e-12 {
                    x -= step;
                }
            }
        }
        nodes.push(x);
    }
    let weights: Vec<f64> = nodes
        .iter()
        .map(|&x| {
            let (mut p0, mut p1) = (1.0, x);
            let mut s = 1.0;
            for k in 1..n {
                s += p1 * p1;
                let p2 = (x * p1 - (k as f64).sqrt() * p0) / ((k + 1) as f64).sqrt();
                p0 = p1;
                p1 = p2;
            }
            1.0 / s
        })
        .collect();
    (nodes, weights)
}

/// Number of eigenvalues of the n×n Jacobi matrix below x (Sturm sequence of the LDLᵀ pivots
/// of J − x: the count of negative pivots).
fn below(x: f64, n: usize) -> usize {
    // A zero pivot is taken as a tiny negative one (x on an eigenvalue of a leading block).
    let pivot = |d: f64| if d == 0.0 { -1e-300 } else { d };
    let mut d = pivot(-x);
    let mut count = usize::from(d < 0.0);
    for k in 1..n {
        d = pivot(-x - k as f64 / d);
        count += usize::from(d < 0.0);
    }
    count
}

/// (p_n(x), p_{n−1}(x)) of the orthonormal Hermite polynomials.
fn orthonormal(x: f64, n: usize) -> (f64, f64) {
    let (mut p0, mut p1) = (1.0, x);
    if n == 1 {
        return (p1, p0);
    }
    for k in 1..n {
        let p2 = (x * p1 - (k as f64).sqrt() * p0) / ((k + 1) as f64).sqrt();
        p0 = p1;
        p1 = p2;
    }
    (p1, p0)
}

/// Tensor-product rule in `dims` dimensions: every combination of the 1-D nodes, weight the
/// product. Returns (points, row-major `dims` values each; weights).
pub(crate) fn tensor(n: usize, dims: usize) -> (Vec<f64>, Vec<f64>) {
    let (x, w) = gauss_hermite(n);
    let total = n.pow(u32::try_from(dims).unwrap_or(u32::MAX));
    let mut points = Vec::with_capacity(total * dims);
    let mut weights = Vec::with_capacity(total);
    for idx in 0..total {
        let mut rest = idx;
        let mut wt = 1.0;
        for _ in 0..dims {
            let j = rest % n;
            rest /= n;
            points.push(x[j]);
            wt *= w[j];
        }
        weights.push(wt);
    }
    (points, weights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_of_the_unit_gaussian_are_exact_to_degree_2n_minus_1() {
        // E[θ^{2k}] = (2k − 1)!!, odd moments 0 (exact for the n-point rule up to degree 2n − 1).
        for n in [1, 2, 5, 16, 24] {
            let (x, w) = gauss_hermite(n);
            assert_eq!(x.len(), n);
            let mut dfact = 1.0;
            for deg in 0..2 * n {
                let m: f64 = x.iter().zip(&w).map(|(x, w)| w * x.powi(deg as i32)).sum();
                let exact = if deg % 2 == 1 {
                    0.0
                } else {
                    if deg >= 2 {
                        dfact *= (deg - 1) as f64;
                    }
                    dfact
                };
                // Rounding scale: E|θ|^deg (odd moments cancel between ± nodes).
                let scale: f64 = x
                    .iter()
                    .zip(&w)
                    .map(|(x, w)| w * x.abs().powi(deg as i32))
                    .sum();
                assert!(
                    (m - exact).abs() <= 1e-12 * scale.max(1.0),
                    "n = {n}, degree {deg}: {m} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn lognormal_mean_converges() {
        // E[e^{σθ}] = e^{σ²/2}: σ = 0.3 to 1e-14 with 16 points.
        let (x, w) = gauss_hermite(16);
        let m: f64 = x.iter().zip(&w).map(|(x, w)| w * (0.3 * x).exp()).sum();
        assert!((m / 0.045_f64.exp() - 1.0).abs() < 1e-14, "{m}");
    }

    #[test]
    fn tensor_weights_sum_to_one() {
        let (p, w) = tensor(4, 3);
        assert_eq!(w.len(), 64);
        assert_eq!(p.len(), 192);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-14);
    }
}
