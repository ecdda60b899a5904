//! `aprime validate`: every number of the seed papers the tool can compute, next to the
//! published value, one [`Row`] each (quantity, source, published value and uncertainty, ours,
//! ratio, pull, tolerance, verdict).
//!
//! Sections: cross sections (DMG4 ETL table and k-factors, dimuon totals: [`cross_sections`]),
//! the event-level chain of `na64-2016` (Table I dimuons, Table II efficiencies, §VIII and
//! Table IV backgrounds: [`detector_chain`]), the configured backgrounds
//! ([`configured_backgrounds`]), paper 002 Table V with the consistency of its columns
//! ([`table_v_check`]), numbers quoted in the texts and the resonance window ([`texts`]), the
//! f of the thermal targets implied by our freeze-out solution ([`thermal`]).
//! [`markdown`] renders the result (docs/validation.md is generated from it).

pub mod configured_backgrounds;
pub mod cross_sections;
pub mod detector_chain;
mod error;
pub mod markdown;
mod row;
pub mod table_v_check;
pub mod table_v_mass_bound;
pub mod texts;
pub mod thermal;

use serde::{Deserialize, Serialize};

pub use error::ValidationError;
pub use row::{Row, Tolerance, Verdict};
pub use table_v_check::Consistency;

use crate::progress::Progress;

/// Statistics of a validation run.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// Reduced statistics (CI): fewer showers, coarser ETL integrals; the same rows.
    pub quick: bool,
    /// Seed of every Monte Carlo.
    pub seed: u64,
}

impl Settings {
    /// Showers of the Table V run.
    pub fn table_v_events(&self) -> u64 {
        if self.quick { 2_000 } else { 20_000 }
    }

    /// Showers of the 2016–2022 exclusion run.
    pub fn exclusion_events(&self) -> u64 {
        if self.quick { 2_000 } else { 10_000 }
    }

    /// Relative precision of the ETL integrals.
    pub fn etl_precision(&self) -> f64 {
        if self.quick { 1e-2 } else { 3e-3 }
    }
}

/// The validation: settings, rows and the Table V consistency computation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Validation {
    /// How it was run.
    pub settings: Settings,
    /// One row per published number.
    pub rows: Vec<Row>,
    /// Paper 002 Table V: the published (ε_ETL/ε_WW)² against the cross sections.
    pub table_v_consistency: Vec<Consistency>,
}

impl Validation {
    /// (passed, failed, informational) counts.
    pub fn counts(&self) -> (usize, usize, usize) {
        let n = |v| self.rows.iter().filter(|r| r.verdict == v).count();
        (n(Verdict::Pass), n(Verdict::Fail), n(Verdict::Info))
    }

    /// The failing rows.
    pub fn failures(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.verdict == Verdict::Fail)
    }
}

/// Compute every row.
pub fn validate(
    settings: &Settings,
    progress: Option<Progress<'_>>,
) -> Result<Validation, ValidationError> {
    let report = |stage: &str| {
        if let Some(p) = progress {
            p(stage, 0, 1);
        }
    };
    report("cross sections");
    let mut rows = cross_sections::rows(settings.etl_precision(), settings.seed)?;
    report("detector chain");
    rows.extend(detector_chain::rows(settings.seed, progress)?);
    rows.extend(configured_backgrounds::rows()?);
    let tv = table_v_check::run(
        settings.table_v_events(),
        settings.seed,
        settings.etl_precision(),
        progress,
    )?;
    rows.extend(tv.rows.iter().cloned());
    rows.extend(texts::from_table_v(&tv)?);
    rows.extend(texts::exclusion(
        settings.exclusion_events(),
        settings.seed,
        progress,
    )?);
    rows.extend(texts::resonance());
    report("thermal targets");
    rows.extend(thermal::rows()?);
    Ok(Validation {
        settings: *settings,
        rows,
        table_v_consistency: tv.consistency,
    })
}
