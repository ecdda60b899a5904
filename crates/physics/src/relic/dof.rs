//! Effective relativistic degrees of freedom of the Standard-Model plasma, g_*(T) (energy) and
//! g_*s(T) (entropy), and the combination g_*^{1/2} of the freeze-out equation.
//!
//! Re-derived here, not copied from a published table:
//!   g_* = 30ρ/(π²T⁴),  g_*s = 45s/(2π²T³)  (Kolb & Turner (1990) §3.3),
//! summed over γ, e, μ, τ, ν (3 flavours), W, Z, H as ideal gases with exact quantum statistics
//! ([`super::ideal_gas`]; PDG 2024 masses) and the strongly interacting sector of
//! [`super::qcd_plasma`] (hadron gas below 120 MeV, HotQCD lattice EOS above 160 MeV).
//! Neutrinos decouple instantaneously at T_dec = 2 MeV, before e± annihilation; below that
//! (T_ν/T)³ = g_s^{eγ}(T)/g_s^{eγ}(T_dec) by entropy conservation of the e±γ plasma
//! (Kolb & Turner §3.4), → 4/11 today: g_* → 3.36, g_*s → 3.91. (The precise N_eff = 3.044
//! would change g_* today by 0.5% and does not enter Ω h², which uses the measured s₀.)
//! The plasma's own dark-matter contribution is not included (the usual convention).
//!
//! Tabulated once (on first use) at 60 points per decade of T from 1 keV to 10 TeV, linearly
//! interpolated in ln T; outside the table the end values are used (constant there). The
//! derivative d ln g_*s/d ln T is taken by central differences of the table.
//!
//! g_*^{1/2} = (g_*s/√g_*)(1 + (1/3) d ln g_*s/d ln T), the factor of the Boltzmann equation
//! written in Y = n/s and x = m/T when g_*s varies (Gondolo & Gelmini, NPB 360 (1991) 145, §2;
//! Edsjö & Gondolo, PRD 56 (1997) 1879, §II).

use std::f64::consts::PI;
use std::sync::OnceLock;

use super::ideal_gas::{Statistics, Thermo, thermo};
use super::qcd_plasma::qcd_thermo;
use crate::constants::{M_E, M_MU};
use crate::widths::M_TAU;

/// Neutrino decoupling temperature (instantaneous) \[GeV\].
pub const NEUTRINO_DECOUPLING: f64 = 2e-3;

/// Electroweak bosons as ideal gases: (mass \[GeV\], dof): W±, Z, H (PDG 2024).
const EW_BOSONS: [(f64, f64); 3] = [(80.369_2, 6.0), (91.188_0, 3.0), (125.20, 1.0)];

/// Table range: log10 T from −6 to 4 (T in GeV).
const LOG10_T_MIN: f64 = -6.0;
const LOG10_T_MAX: f64 = 4.0;
const POINTS_PER_DECADE: f64 = 60.0;

/// Photon + e± thermodynamics (the plasma the neutrinos leave behind).
fn photon_electron(temp: f64) -> Thermo {
    thermo(0.0, Statistics::Boson)
        .times(2.0)
        .plus(thermo(M_E / temp, Statistics::Fermion).times(4.0))
}

/// (T_ν/T)³ with instantaneous decoupling at [`NEUTRINO_DECOUPLING`].
fn neutrino_temperature_ratio_cubed(temp: f64) -> f64 {
    if temp >= NEUTRINO_DECOUPLING {
        1.0
    } else {
        photon_electron(temp).entropy / photon_electron(NEUTRINO_DECOUPLING).entropy
    }
}

/// The plasma's (g_*, g_*s) at temperature `temp` \[GeV\], computed directly (no table).
pub fn degrees_of_freedom_exact(temp: f64) -> (f64, f64) {
    let mut t = photon_electron(temp)
        .plus(thermo(M_MU / temp, Statistics::Fermion).times(4.0))
        .plus(thermo(M_TAU / temp, Statistics::Fermion).times(4.0))
        .plus(qcd_thermo(temp));
    for (m, g) in EW_BOSONS {
        t = t.plus(thermo(m / temp, Statistics::Boson).times(g));
    }
    // Neutrinos: 3 flavours × (ν, ν̄), massless, at T_ν; in units of T: ρ ∝ r⁴, s ∝ r³.
    let r3 = neutrino_temperature_ratio_cubed(temp);
    let nu = thermo(0.0, Statistics::Fermion).times(6.0);
    let g_star = t.g_energy() + nu.g_energy() * r3.powf(4.0 / 3.0);
    let g_star_s = t.g_entropy() + nu.g_entropy() * r3;
    (g_star, g_star_s)
}

/// The tabulated degrees of freedom.
#[derive(Debug)]
struct DofTable {
    /// g_* at the grid points.
    g: Vec<f64>,
    /// g_*s at the grid points.
    h: Vec<f64>,
    /// g_*^{1/2} at the grid points.
    g_half: Vec<f64>,
}

fn table() -> &'static DofTable {
    static TABLE: OnceLock<DofTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let n = ((LOG10_T_MAX - LOG10_T_MIN) * POINTS_PER_DECADE).round() as usize + 1;
        let (g, h): (Vec<f64>, Vec<f64>) = (0..n)
            .map(|i| degrees_of_freedom_exact(grid_temperature(i)))
            .unzip();
        let step = std::f64::consts::LN_10 / POINTS_PER_DECADE;
        let g_half = (0..n)
            .map(|i| {
                let (lo, hi) = (i.saturating_sub(1), (i + 1).min(n - 1));
                let dlnh = (h[hi].ln() - h[lo].ln()) / ((hi - lo) as f64 * step);
                h[i] / g[i].sqrt() * (1.0 + dlnh / 3.0)
            })
            .collect();
        DofTable { g, h, g_half }
    })
}

fn grid_temperature(i: usize) -> f64 {
    10f64.powf(LOG10_T_MIN + i as f64 / POINTS_PER_DECADE)
}

/// Linear interpolation of a table column in log10 T.
fn interpolate(column: &[f64], temp: f64) -> f64 {
    let u =
        ((temp.log10() - LOG10_T_MIN) * POINTS_PER_DECADE).clamp(0.0, (column.len() - 1) as f64);
    let i = (u.floor() as usize).min(column.len() - 2);
    let w = u - i as f64;
    column[i] * (1.0 - w) + column[i + 1] * w
}

/// Effective degrees of freedom of the SM plasma at one temperature.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlasmaDof {
    /// g_*(T) (energy density ρ = π²/30 g_* T⁴).
    pub g_star: f64,
    /// g_*s(T) (entropy density s = 2π²/45 g_*s T³).
    pub g_star_s: f64,
    /// g_*^{1/2} = (g_*s/√g_*)(1 + (1/3) d ln g_*s/d ln T) of the Boltzmann equation in Y(x).
    pub g_half: f64,
}

/// The SM plasma's degrees of freedom at temperature `temp` \[GeV\] (interpolated table).
pub fn plasma_dof(temp: f64) -> PlasmaDof {
    let t = table();
    PlasmaDof {
        g_star: interpolate(&t.g, temp),
        g_star_s: interpolate(&t.h, temp),
        g_half: interpolate(&t.g_half, temp),
    }
}

/// Entropy density s = (2π²/45) g_*s T³ \[GeV³\].
pub fn entropy_density(temp: f64) -> f64 {
    2.0 * PI * PI / 45.0 * plasma_dof(temp).g_star_s * temp.powi(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_plateaus() {
        // Kolb & Turner §3.3–3.4: today g_* = 2 + (21/4)(4/11)^{4/3} = 3.363,
        // g_*s = 2 + (21/4)(4/11) = 3.909; 10.75 between m_e and m_μ (γ, e, 3ν);
        // 106.75 for the full SM far above the top mass.
        let today = plasma_dof(1e-7);
        assert!((today.g_star / 3.363 - 1.0).abs() < 3e-3, "{today:?}");
        assert!((today.g_star_s / 3.909 - 1.0).abs() < 3e-3, "{today:?}");
        let mev = plasma_dof(4e-3);
        assert!((mev.g_star / 10.75 - 1.0).abs() < 0.01, "{mev:?}");
        assert!((mev.g_star_s / mev.g_star - 1.0).abs() < 0.01);
        let tev = plasma_dof(1e4);
        assert!((tev.g_star / 106.75 - 1.0).abs() < 0.02, "{tev:?}");
    }

    #[test]
    fn monotonic_in_temperature() {
        // Every ideal-gas contribution grows with T; so must the sum (and the joined QCD EOS).
        let mut last = (0.0, 0.0);
        for i in 0..=600 {
            let (g, h) = degrees_of_freedom_exact(grid_temperature(i));
            assert!(
                g >= last.0 - 1e-9 && h >= last.1 - 1e-9,
                "T = {}",
                grid_temperature(i)
            );
            last = (g, h);
        }
    }

    #[test]
    fn table_matches_direct_computation() {
        for temp in [3.3e-4, 0.017, 0.13, 0.5, 7.0] {
            let (g, h) = degrees_of_freedom_exact(temp);
            let d = plasma_dof(temp);
            assert!((d.g_star / g - 1.0).abs() < 2e-3 && (d.g_star_s / h - 1.0).abs() < 2e-3);
        }
    }
}
