//! Paper 002 Table V: 90% C.L. upper limits on ε (in 10⁻⁴) from the 2016 data for E_miss > 0.5 E0,
//! computed with WW cross sections ("no k-factors") and with ETL cross sections ("with k-factors").

use serde::{Deserialize, Serialize};

/// (m_A' \[MeV\], ε_up WW, ε_up ETL), ε in units of 10⁻⁴ (paper 002 Table V).
pub const PUBLISHED: [(f64, f64, f64); 9] = [
    (1.1, 0.22, 0.19),
    (2.0, 0.23, 0.24),
    (5.0, 0.43, 0.49),
    (16.7, 1.25, 1.33),
    (20.0, 1.29, 1.6),
    (100.0, 5.5, 8.2),
    (200.0, 13.0, 22.6),
    (500.0, 38.7, 97.8),
    (950.0, 94.2, 362.0),
];

/// One row of our Table V next to the published one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// A' mass \[MeV\].
    pub mass_mev: f64,
    /// Our ε_up with WW yields.
    pub eps_ww: f64,
    /// Our ε_up with ETL yields.
    pub eps_etl: f64,
    /// Published ε_up, WW.
    pub paper_eps_ww: f64,
    /// Published ε_up, ETL.
    pub paper_eps_etl: f64,
}

/// The Table V masses \[GeV\].
pub fn masses_gev() -> Vec<f64> {
    PUBLISHED.iter().map(|r| r.0 * 1e-3).collect()
}
