//! Shower-profile analysis: the effective Molière radius of a layered target, the depth of the
//! longitudinal maximum and the lateral containment radius.

use aprime_physics::constants::E_S;

use crate::result::Histogram;
use crate::target::Geometry;

/// Effective Molière radius \[cm\] of the target: PDG §34.5, 1/R_M = Σ_j w_j E_cj/(E_s X_j) by
/// mass fractions w_j (X_j in g/cm²), converted with the mean density.
pub fn effective_moliere_radius(g: &Geometry) -> f64 {
    let mut mass = 0.0;
    let mut inv = 0.0;
    for s in &g.slabs {
        let m = &g.materials[s.material];
        let dm = m.density_g_cm3 * (s.z_hi - s.z_lo);
        mass += dm;
        inv += dm * m.critical_energy_gev / (E_S * m.x0_g_cm2);
    }
    let rm_g = mass / inv;
    rm_g / (mass / g.length_cm)
}

/// Depth of the maximum of dE/dt: least-squares fit of ln(dE/dt) = c + α ln t − β t (Γ-shape,
/// PDG eq. 34.36) to the bins above half the maximum; t_max = α/β. Also the mean depth.
pub fn longitudinal_maximum(h: &Histogram) -> (f64, f64) {
    let c = h.centres();
    let tot: f64 = h.values.iter().sum();
    let mean = if tot > 0.0 {
        c.iter().zip(&h.values).map(|(t, v)| t * v).sum::<f64>() / tot
    } else {
        0.0
    };
    let Some((imax, &vmax)) = h
        .values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
    else {
        return (0.0, mean);
    };
    if vmax <= 0.0 {
        return (0.0, mean);
    }
    let pts: Vec<(f64, f64)> = c
        .iter()
        .zip(&h.values)
        .filter(|(t, v)| **t > 0.0 && **v > 0.5 * vmax)
        .map(|(t, v)| (*t, v.ln()))
        .collect();
    if pts.len() < 4 {
        return (c[imax], mean);
    }
    // Normal equations for y = c + α ln t − β t.
    let mut a = [[0.0_f64; 3]; 3];
    let mut r = [0.0_f64; 3];
    for &(t, y) in &pts {
        let f = [1.0, t.ln(), -t];
        for i in 0..3 {
            r[i] += f[i] * y;
            for j in 0..3 {
                a[i][j] += f[i] * f[j];
            }
        }
    }
    match solve3(a, r) {
        Some([_, alpha, beta]) if beta > 0.0 && alpha > 0.0 => (alpha / beta, mean),
        _ => (c[imax], mean),
    }
}

fn solve3(mut a: [[f64; 3]; 3], mut r: [f64; 3]) -> Option<[f64; 3]> {
    for i in 0..3 {
        let p = (i..3).max_by(|&x, &y| a[x][i].abs().total_cmp(&a[y][i].abs()))?;
        a.swap(i, p);
        r.swap(i, p);
        if a[i][i].abs() < 1e-300 {
            return None;
        }
        for k in i + 1..3 {
            let f = a[k][i] / a[i][i];
            let row = a[i];
            for (akj, aij) in a[k].iter_mut().zip(row).skip(i) {
                *akj -= f * aij;
            }
            r[k] -= f * r[i];
        }
    }
    let mut x = [0.0; 3];
    for i in (0..3).rev() {
        let s: f64 = (i + 1..3).map(|j| a[i][j] * x[j]).sum();
        x[i] = (r[i] - s) / a[i][i];
    }
    Some(x)
}

/// Radius containing `frac` of the energy of a radial dE/dr histogram (overflow included in
/// the total), interpolated linearly within the bin.
pub fn containment_radius(h: &Histogram, frac: f64) -> f64 {
    let widths: Vec<f64> = h.edges.windows(2).map(|w| w[1] - w[0]).collect();
    let total: f64 = h
        .values
        .iter()
        .zip(&widths)
        .map(|(v, w)| v * w)
        .sum::<f64>()
        + h.overflow;
    if total <= 0.0 {
        return 0.0;
    }
    let mut acc = 0.0;
    for (i, (v, w)) in h.values.iter().zip(&widths).enumerate() {
        let e = v * w;
        if acc + e >= frac * total {
            let f = if e > 0.0 {
                (frac * total - acc) / e
            } else {
                0.0
            };
            return h.edges[i] + f * w;
        }
        acc += e;
    }
    *h.edges.last().expect("edges")
}
