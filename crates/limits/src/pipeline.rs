//! The limits pipeline: X yields per EOT from the shower stage ([`crate::yields`]) → expected
//! signal per run in the model's parameter (paper 000 eq. 3, paper 002 eq. 26,
//! [`crate::coupling`]) → combined CLs upper limit on ε (or g) with its expected band →
//! dark-matter interpretation, plus the WW-vs-ETL comparison of paper 002 Table V
//! ([`crate::table_v`]) and the sensitivity against the E_ECAL cut ([`crate::cut_scan`]).
//! The dark-matter interpretation (y, α_D of a dark photon decaying to χ) and Table V (paper 002's
//! dark-photon limits) exist for the dark photon only; for the other models they are empty.

use aprime_experiment::ExperimentConfig;
use aprime_physics::model::Mediator;
use aprime_stats::Model;
use serde::{Deserialize, Serialize};

use crate::combine;
use crate::cut_scan::{CutScanPoint, cut_scan};
use crate::dm::{self, DmPoint};
use crate::error::LimitsError;
use crate::mass_limits::{MassLimit, Overrides, limits};
use crate::progress::Progress;
use crate::table_v;
use crate::yield_data::Yields;

/// The full result of a pipeline run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The configuration used.
    pub config: ExperimentConfig,
    /// The yields used.
    pub yields: Yields,
    /// ε limits per mass.
    pub limits: Vec<MassLimit>,
    /// Dark-matter limits per mass (dark photon only).
    pub dm: Vec<DmPoint>,
    /// Paper 002 Table V in our numbers (dark photon only).
    pub table_v: Vec<table_v::Row>,
    /// Sensitivity against the E_ECAL cut.
    pub cut_scan: Vec<CutScanPoint>,
    /// Per-run backgrounds \[events\] that replaced the configured ones in the limits
    /// ([`Overrides::background`]); `None`: the configuration's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background_override: Option<Vec<f64>>,
}

impl Report {
    /// The statistical model the limit at `limit` was computed from (μ = ε²): the runs of the
    /// configuration as counting channels with the recorded per-run signal per ε² (what the
    /// published likelihood holds).
    pub fn mass_model(&self, limit: &MassLimit) -> Result<Model, LimitsError> {
        combine::model(
            &self.config,
            &limit.signal_per_eps2_by_run,
            self.background_override.as_deref(),
        )
    }
}

/// Run the statistics and interpretation on given yields.
pub fn report(
    cfg: &ExperimentConfig,
    yields: Yields,
    overrides: &Overrides,
    progress: Option<Progress<'_>>,
) -> Result<Report, LimitsError> {
    let limits = limits(cfg, &yields.main, overrides, progress)?;
    let dark_photon = cfg.production.model == Mediator::Vector;
    let dm = limits
        .iter()
        .filter(|l| dark_photon && l.limit.observed.is_finite())
        .map(|l| dm::interpret(l.mass_gev, l.limit.observed, &cfg.interpretation))
        .collect::<Result<Vec<_>, _>>()?;
    let table_v = if dark_photon {
        table_v::rows(cfg, &yields)?
    } else {
        Vec::new()
    };
    let cut_scan = cut_scan(cfg, &yields.main)?;
    Ok(Report {
        config: cfg.clone(),
        yields,
        limits,
        dm,
        table_v,
        cut_scan,
        background_override: overrides.background.clone(),
    })
}
