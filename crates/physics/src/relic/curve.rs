//! A thermal-target curve y(m_χ) tabulated once on a log-spaced mass grid, for fast look-up by
//! the limits stage (linear interpolation in (ln m_χ, ln y); built in parallel with rayon, the
//! result independent of the thread count).
//!
//! The curve has genuine structure, not smoothed away: a drop of y where the μ⁺μ⁻ channel opens
//! (m_χ ≈ m_μ), and dips where thermal motion reaches the ρ/ω (2m_χ just below 0.78 GeV) and
//! the φ (2m_χ just below 1.02 GeV). A log grid of 20 points per decade is smooth to < 1% in
//! between but does not resolve those windows; [`ThermalTargetCurve::build_on`] takes any
//! grid (e.g. 1–2 MeV spacing for m_χ in 0.10–0.12 and 0.30–0.56 GeV).

use rayon::prelude::*;
use serde::Serialize;

use super::error::RelicError;
use super::kind::DarkMatterKind;
use super::target::{ThermalTarget, ThermalTargetOptions, implied_f, thermal_target};

/// y(m_χ) of one candidate at fixed α_D and m_A'/m_χ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThermalTargetCurve {
    /// Candidate.
    pub kind: DarkMatterKind,
    /// α_D.
    pub alpha_d: f64,
    /// m_A'/m_χ.
    pub mass_ratio: f64,
    /// The full solutions at the grid masses (ascending m_χ).
    pub points: Vec<ThermalTarget>,
}

impl ThermalTargetCurve {
    /// Solves the thermal target at `n` log-spaced masses from `m_min` to `m_max` \[GeV\].
    pub fn build(
        kind: DarkMatterKind,
        alpha_d: f64,
        m_min: f64,
        m_max: f64,
        n: usize,
        opts: &ThermalTargetOptions,
    ) -> Result<Self, RelicError> {
        if !(m_min > 0.0 && m_max > m_min && m_max.is_finite() && n >= 2) {
            return Err(RelicError::InvalidGrid {
                m_min,
                m_max,
                points: n,
            });
        }
        let masses: Vec<f64> = (0..n)
            .map(|i| m_min * (m_max / m_min).powf(i as f64 / (n - 1) as f64))
            .collect();
        Self::build_on(kind, alpha_d, &masses, opts)
    }

    /// Solves the thermal target at the given masses \[GeV\] (strictly ascending, ≥ 2).
    pub fn build_on(
        kind: DarkMatterKind,
        alpha_d: f64,
        masses: &[f64],
        opts: &ThermalTargetOptions,
    ) -> Result<Self, RelicError> {
        let ascending = masses.windows(2).all(|w| w[1] > w[0]);
        if masses.len() < 2 || !ascending || masses[0].is_nan() || masses[0] <= 0.0 {
            return Err(RelicError::InvalidGrid {
                m_min: masses.first().copied().unwrap_or(f64::NAN),
                m_max: masses.last().copied().unwrap_or(f64::NAN),
                points: masses.len(),
            });
        }
        let points = masses
            .par_iter()
            .map(|&m| thermal_target(kind, m, alpha_d, opts))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            kind,
            alpha_d,
            mass_ratio: opts.mass_ratio,
            points,
        })
    }

    /// y at m_χ \[GeV\] (log–log interpolation; `None` outside the grid).
    pub fn y(&self, m_chi: f64) -> Option<f64> {
        let p = &self.points;
        let (first, last) = (p.first()?, p.last()?);
        if !(m_chi >= first.m_chi && m_chi <= last.m_chi) {
            return None;
        }
        let i = p
            .partition_point(|t| t.m_chi <= m_chi)
            .clamp(1, p.len() - 1);
        let (a, b) = (&p[i - 1], &p[i]);
        let w = (m_chi / a.m_chi).ln() / (b.m_chi / a.m_chi).ln();
        Some((a.y.ln() * (1.0 - w) + b.y.ln() * w).exp())
    }

    /// ε at m_χ: y = ε² α_D (m_χ/m_A')⁴ solved for ε.
    pub fn eps(&self, m_chi: f64) -> Option<f64> {
        self.y(m_chi)
            .map(|y| (y * self.mass_ratio.powi(4) / self.alpha_d).sqrt())
    }

    /// f of paper 002 eq. 5 at m_χ.
    pub fn f_eq5(&self, m_chi: f64) -> Option<f64> {
        self.y(m_chi).map(|y| implied_f(y, m_chi))
    }
}
