//! Yields folded from stored track-length spectra: one set of showers serves any mass,
//! N/EOT = Σ_materials ∫ dE [T₋(E) + T₊(E)] Σ_>(E) (+ ∫ dE T₊(E) n_e σ_BW(E) for annihilation),
//! the discrete form of paper 002 eq. 8. Σ_> is averaged over each track-length bin with
//! 8-point Gauss–Legendre. The direct track-length estimate of a run scores the same sum with
//! the exact energy of every step; the two agree to the binning error (checked in the tests).

use aprime_physics::annihilation;
use aprime_physics::constants::{M_E, PB_TO_CM2};
use aprime_physics::integrate::gauss_legendre;

use crate::dark_setup::MassDark;
use crate::resonance::Resonance;
use crate::result::{Histogram, ShowerResult};

fn bin_average(lo: f64, hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    let (x, w) = gauss_legendre(8);
    let (c, h) = (0.5 * (lo + hi), 0.5 * (hi - lo));
    0.5 * x
        .iter()
        .zip(&w)
        .map(|(xi, wi)| wi * f(c + h * xi))
        .sum::<f64>()
}

fn fold(t: &Histogram, f: impl Fn(f64) -> f64) -> f64 {
    t.edges
        .windows(2)
        .zip(&t.values)
        .filter(|(_, v)| **v > 0.0)
        .map(|(e, v)| v * (e[1] - e[0]) * bin_average(e[0], e[1], &f))
        .sum()
}

/// Dark-bremsstrahlung yield per EOT per ε² from the track-length spectra of `res` and the
/// tables of `md` (built for the same geometry, E_min and beam energy).
pub fn brem_yield(res: &ShowerResult, md: &MassDark) -> f64 {
    res.materials
        .iter()
        .enumerate()
        .map(|(m, mt)| {
            fold(&mt.t_minus, |e| md.sigma_macro(m, e)) + fold(&mt.t_plus, |e| md.sigma_macro(m, e))
        })
        .sum()
}

/// Resonant-annihilation yield per EOT per ε² (Breit–Wigner) from T₊(E): Σ_bins T₊ ∫_bin
/// n_e σ_BW dE ([`Resonance::integral_cm2_gev`]: adaptive with E_R as a break point for the dark
/// photon, the exact line integral for the other mediators), so that even a resonance narrower
/// than a bin is integrated exactly.
pub fn annihilation_yield(res: &ShowerResult, r: &Resonance, e_min: f64) -> f64 {
    let bin_integral = |lo: f64, hi: f64| r.integral_cm2_gev(lo.max(e_min - M_E).min(hi), hi);
    res.materials
        .iter()
        .map(|mt| {
            mt.electron_density_cm3
                * mt.t_plus
                    .edges
                    .windows(2)
                    .zip(&mt.t_plus.values)
                    .filter(|(e, v)| **v > 0.0 && e[1] + M_E > e_min)
                    .map(|(e, v)| v * bin_integral(e[0], e[1]))
                    .sum::<f64>()
        })
        .sum()
}

/// Narrow-width resonant yield per EOT per ε² of the dark photon, N = Σ_m n_e,m (2π²α/m_e)
/// T₊,m(E_R) (physics.md §3), T₊ interpolated at E_R; zero if E_R + m_e ≤ E_min.
pub fn annihilation_yield_narrow(res: &ShowerResult, mass: f64, e_min: f64) -> f64 {
    let e_r = annihilation::resonance_energy(mass);
    if e_r + M_E <= e_min {
        return 0.0;
    }
    let c = annihilation::narrow_width_integral_pb_gev(1.0) * PB_TO_CM2;
    narrow(res, e_r, c)
}

/// Narrow-width resonant yield per EOT per ε_e² of any mediator, N = Σ_m n_e,m S T₊,m(E_R) with
/// the strength S of `r` ([`Resonance::strength_cm2_gev`]); zero if E_R + m_e ≤ E_min.
pub fn resonance_yield_narrow(res: &ShowerResult, r: &Resonance, e_min: f64) -> f64 {
    if r.e_res + M_E <= e_min {
        return 0.0;
    }
    narrow(res, r.e_res, r.strength_cm2_gev)
}

fn narrow(res: &ShowerResult, e_r: f64, strength_cm2_gev: f64) -> f64 {
    res.materials
        .iter()
        .map(|mt| mt.electron_density_cm3 * strength_cm2_gev * mt.t_plus.density_at(e_r))
        .sum()
}
