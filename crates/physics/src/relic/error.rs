//! Errors of the relic-density calculation.

use thiserror::Error;

use crate::error::PhysicsError;

/// Why a relic abundance or thermal target could not be computed.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum RelicError {
    /// A mass, coupling or ratio that must be positive and finite is not.
    #[error("{name} must be positive and finite, got {value}")]
    NotPositive {
        /// Which quantity (with its unit).
        name: &'static str,
        /// The value given.
        value: f64,
    },
    /// No SM channel is open at rest: m_χ ≤ m_e (the "forbidden" regime, annihilation only via
    /// the thermal tail, is not modelled).
    #[error("m_χ = {m_chi} GeV is below m_e: no SM final state open at threshold")]
    NoOpenChannel {
        /// m_χ \[GeV\].
        m_chi: f64,
    },
    /// A thermal average did not reach its tolerance.
    #[error("thermal average ⟨σv⟩ at x = m/T = {x}")]
    ThermalAverage {
        /// x = m_χ/T.
        x: f64,
        /// The quadrature failure.
        #[source]
        source: PhysicsError,
    },
    /// The freeze-out equation gave a non-finite or non-positive abundance.
    #[error("freeze-out solution is not finite/positive (Y∞ = {y_inf}) for m = {m} GeV")]
    FreezeOutFailed {
        /// Dark-matter mass \[GeV\].
        m: f64,
        /// The abundance obtained.
        y_inf: f64,
    },
    /// No coupling gives the requested relic density (the root search did not converge).
    #[error(
        "no ε gives Ω h² = {target} for m_χ = {m_chi} GeV (last ε = {eps:e}, Ω h² = {omega_h2:e})"
    )]
    NoThermalTarget {
        /// m_χ \[GeV\].
        m_chi: f64,
        /// The Ω h² aimed at.
        target: f64,
        /// Last ε tried.
        eps: f64,
        /// Ω h² at that ε.
        omega_h2: f64,
    },
    /// The semi-analytic (velocity-expanded) freeze-out needs the A' pole above threshold.
    #[error("semi-analytic freeze-out needs m_A'/m_χ > 2 (pole above threshold), got {mass_ratio}")]
    PoleBelowThreshold {
        /// m_A'/m_χ given.
        mass_ratio: f64,
    },
    /// A relic curve needs at least two positive, strictly ascending masses.
    #[error("invalid relic-curve grid: {points} masses from {m_min} to {m_max} GeV")]
    InvalidGrid {
        /// Lowest mass \[GeV\].
        m_min: f64,
        /// Highest mass \[GeV\].
        m_max: f64,
        /// Number of masses.
        points: usize,
    },
}
