//! Paper 002 Table V: 90% C.L. upper limits on ε (in 10⁻⁴) from the 2016 data for E_miss > 0.5 E0,
//! computed with WW cross sections ("no k-factors") and with ETL cross sections ("with k-factors").

use aprime_experiment::ExperimentConfig;
use serde::{Deserialize, Serialize};

use crate::combine;
use crate::error::LimitsError;
use crate::mass_limits::{Overrides, limits_with};
use crate::yield_data::Yields;

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

/// Paper 002 Table V with our yields: observed ε limits with ETL and WW yields, E_miss > E0/2
/// (no rows when the yields have no Table V masses, i.e. for models other than the dark photon).
pub fn rows(cfg: &ExperimentConfig, y: &Yields) -> Result<Vec<Row>, LimitsError> {
    if y.table_v_etl.points.is_empty() || y.table_v_ww.points.is_empty() {
        return Ok(Vec::new());
    }
    let mut half = cfg.clone();
    for r in &mut half.runs {
        r.e_ecal_max_gev = Some(0.5 * cfg.beam.energy_gev);
    }
    // Observed limits only (the band would be solved after them and not change them).
    let settings = combine::settings(&half).expected(false);
    let etl = limits_with(
        &half,
        &y.table_v_etl,
        &Overrides::default(),
        None,
        &settings,
    )?;
    let ww = limits_with(&half, &y.table_v_ww, &Overrides::default(), None, &settings)?;
    Ok(PUBLISHED
        .iter()
        .zip(etl.iter().zip(&ww))
        .map(|(&(m, pw, pe), (e, w))| Row {
            mass_mev: m,
            eps_ww: w.limit.observed,
            eps_etl: e.limit.observed,
            paper_eps_ww: pw * 1e-4,
            paper_eps_etl: pe * 1e-4,
        })
        .collect())
}
