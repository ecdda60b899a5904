//! Thermal targets: the kinetic mixing ε (equivalently y = ε² α_D (m_χ/m_A')⁴, paper 002 eq. 6)
//! for which freeze-out through the dark photon leaves exactly the observed dark matter,
//! Ω h² = 0.120 (Planck 2018), and the factor f of paper 002 eq. 5 that this implies.
//!
//! Procedure per mass: tabulate ⟨σv⟩_eff(x)/ε² ([`super::rate_table`]), then find ln ε² with
//! ln(Ω h²/0.12) = 0 by secant steps (Ω h² ∝ ε⁻² up to logarithms, so 3–5 steps); the A'
//! width in the propagator is evaluated at a first-guess ε and the table rebuilt at the
//! solution if the width moved by more than 10⁻⁴ (a relative width change δ changes σ by at
//! most 2δ, and only in the pole region, < 5% of ⟨σv⟩ for α_D ≳ 0.1; rebuilds happen only
//! when Γ(A' → SM) is not negligible against Γ(A' → χχ), i.e. for tiny α_D).
//!
//! Paper 002 eq. 5, α_D = 0.02 f (10⁻³/ε)² (m_A'/100 MeV)⁴ (10 MeV/m_χ)², combined with eq. 6
//! gives y = 2·10⁻⁸ f (m_χ/GeV)² whatever m_A'/m_χ, so f = y/(2·10⁻⁸ (m_χ/GeV)²).

use serde::Serialize;

use super::boltzmann::{FreezeOut, FreezeOutGrid, FreezeOutOptions, freeze_out};
use super::cosmology::{GEV_MINUS2_TO_CM3_PER_S, OMEGA_DM_H2_PLANCK};
use super::cross_section::DarkPhotonPortal;
use super::error::RelicError;
use super::kind::DarkMatterKind;
use super::rate_table::RateTable;
use super::thermal_average::thermal_average;

/// Settings of a thermal-target computation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThermalTargetOptions {
    /// m_A'/m_χ (conventionally 3, paper 002 §X).
    pub mass_ratio: f64,
    /// The relic density to reproduce.
    pub omega_h2: f64,
    /// Freeze-out integration settings.
    pub freeze_out: FreezeOutOptions,
    /// Stop when |ln(Ω h²/target)| is below this.
    pub tolerance: f64,
}

impl Default for ThermalTargetOptions {
    fn default() -> Self {
        Self {
            mass_ratio: crate::thermal::MASS_RATIO,
            omega_h2: OMEGA_DM_H2_PLANCK,
            freeze_out: FreezeOutOptions::default(),
            tolerance: 1e-5,
        }
    }
}

/// A thermal target at one mass.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ThermalTarget {
    /// Candidate.
    pub kind: DarkMatterKind,
    /// m_χ \[GeV\].
    pub m_chi: f64,
    /// m_A' \[GeV\].
    pub m_aprime: f64,
    /// α_D.
    pub alpha_d: f64,
    /// Kinetic mixing giving the observed relic density.
    pub eps: f64,
    /// y = ε² α_D (m_χ/m_A')⁴.
    pub y: f64,
    /// Implied f of paper 002 eq. 5.
    pub f_eq5: f64,
    /// Ω h² reached.
    pub omega_h2: f64,
    /// x = m_χ/T where Y first exceeds 2 Y_eq.
    pub x_freeze_out: f64,
    /// ⟨σv⟩_eff at x_freeze_out \[cm³/s\].
    pub sigma_v_freeze_out_cm3_s: f64,
}

impl ThermalTarget {
    /// The target of `portal`'s candidate and masses at kinetic mixing `eps` (m_A'/m_χ =
    /// `mass_ratio`), reaching `omega_h2`, with freeze-out at `x_freeze_out` where ⟨σv⟩_eff is
    /// `sigma_v` \[GeV⁻²\].
    pub(super) fn reached(
        portal: &DarkPhotonPortal,
        eps: f64,
        mass_ratio: f64,
        omega_h2: f64,
        x_freeze_out: f64,
        sigma_v: f64,
    ) -> Self {
        let y = y_of(eps, portal.alpha_d, mass_ratio);
        Self {
            kind: portal.kind,
            m_chi: portal.m_chi,
            m_aprime: portal.m_aprime,
            alpha_d: portal.alpha_d,
            eps,
            y,
            f_eq5: implied_f(y, portal.m_chi),
            omega_h2,
            x_freeze_out,
            sigma_v_freeze_out_cm3_s: sigma_v * GEV_MINUS2_TO_CM3_PER_S,
        }
    }
}

/// f of paper 002 eq. 5 implied by y at m_χ \[GeV\]: f = y/(2·10⁻⁸ (m_χ/GeV)²).
pub fn implied_f(y: f64, m_chi: f64) -> f64 {
    y / (2e-8 * m_chi * m_chi)
}

/// y = ε² α_D (m_χ/m_A')⁴ (paper 002 eq. 6).
fn y_of(eps: f64, alpha_d: f64, mass_ratio: f64) -> f64 {
    eps * eps * alpha_d / mass_ratio.powi(4)
}

/// Ω h² and freeze-out point for one portal (all couplings fixed).
pub fn relic_density(
    portal: &DarkPhotonPortal,
    opts: &FreezeOutOptions,
) -> Result<FreezeOut, RelicError> {
    let table = RateTable::build(portal, opts.x_start, opts.x_end)?;
    let eps2 = portal.eps * portal.eps;
    freeze_out(
        portal.m_chi,
        portal.kind.degrees_of_freedom(),
        |x| eps2 * table.at(x),
        opts,
    )
}

/// Secant search of ln ε² with ln(Ω h²(ε)/target) = 0 on a fixed rate table.
fn solve_ln_eps2(
    portal: &DarkPhotonPortal,
    table: &RateTable,
    ln_eps2_start: f64,
    opts: &ThermalTargetOptions,
) -> Result<(f64, FreezeOut), RelicError> {
    let grid = FreezeOutGrid::new(
        portal.m_chi,
        portal.kind.degrees_of_freedom(),
        |x| table.at(x),
        &opts.freeze_out,
    );
    let eval = |l: f64| -> Result<(f64, FreezeOut), RelicError> {
        let fo = grid.solve(l.exp())?;
        Ok(((fo.omega_h2 / opts.omega_h2).ln(), fo))
    };
    let mut l0 = ln_eps2_start;
    let (mut r0, mut fo0) = eval(l0)?;
    // Ω ∝ ε⁻² to first order: the first step assumes slope −1.
    let mut slope = -1.0;
    for _ in 0..40 {
        if r0.abs() < opts.tolerance {
            return Ok((l0, fo0));
        }
        let l1 = l0 - r0 / slope;
        let (r1, fo1) = eval(l1)?;
        if (l1 - l0).abs() > 1e-12 && r1 != r0 {
            slope = ((r1 - r0) / (l1 - l0)).clamp(-3.0, -0.2);
        }
        (l0, r0, fo0) = (l1, r1, fo1);
    }
    Err(RelicError::NoThermalTarget {
        m_chi: portal.m_chi,
        target: opts.omega_h2,
        eps: (0.5 * l0).exp(),
        omega_h2: fo0.omega_h2,
    })
}

/// The thermal target of candidate `kind` at m_χ \[GeV\] and dark coupling α_D.
pub fn thermal_target(
    kind: DarkMatterKind,
    m_chi: f64,
    alpha_d: f64,
    opts: &ThermalTargetOptions,
) -> Result<ThermalTarget, RelicError> {
    // First guess: eq. 5 with f = 1, i.e. y = 2·10⁻⁸ (m_χ/GeV)².
    let y_guess = 2e-8 * m_chi * m_chi;
    let eps_guess = (y_guess * opts.mass_ratio.powi(4) / alpha_d).sqrt();
    let mut portal = DarkPhotonPortal::new(kind, m_chi, opts.mass_ratio, alpha_d, eps_guess)?;
    if m_chi <= crate::constants::M_E {
        return Err(RelicError::NoOpenChannel { m_chi });
    }
    let mut ln_eps2 = 2.0 * eps_guess.ln();
    let fo_opts = opts.freeze_out;
    for _ in 0..4 {
        let table = RateTable::build(&portal, fo_opts.x_start, fo_opts.x_end)?;
        let (l, fo) = solve_ln_eps2(&portal, &table, ln_eps2, opts)?;
        ln_eps2 = l;
        let eps = (0.5 * l).exp();
        let solved = portal.with_eps(eps)?;
        let width_shift = (solved.widths.total / portal.widths.total - 1.0).abs();
        if width_shift <= 1e-4 {
            let sv = eps * eps * table.at(fo.x_freeze_out);
            return Ok(ThermalTarget::reached(
                &portal,
                eps,
                opts.mass_ratio,
                fo.omega_h2,
                fo.x_freeze_out,
                sv,
            ));
        }
        portal = solved;
    }
    Err(RelicError::NoThermalTarget {
        m_chi,
        target: opts.omega_h2,
        eps: (0.5 * ln_eps2).exp(),
        omega_h2: f64::NAN,
    })
}

/// Fraction of ⟨σv⟩ at x contributed by √s above the midpoint between threshold 2m_χ and the
/// A' pole — a measure of how much the A' resonance matters at that temperature.
pub fn pole_fraction(portal: &DarkPhotonPortal, x: f64) -> Result<f64, RelicError> {
    let features = portal.features();
    let cut = 0.5 * (2.0 * portal.m_chi + portal.m_aprime);
    let full = thermal_average(|s| portal.sigma(s), portal.m_chi, x, &features, 1e-8)?;
    let mut f2 = features.clone();
    f2.push((cut, 0.0));
    let upper = thermal_average(
        |s| if s.sqrt() > cut { portal.sigma(s) } else { 0.0 },
        portal.m_chi,
        x,
        &f2,
        1e-8,
    )?;
    Ok(upper / full)
}
