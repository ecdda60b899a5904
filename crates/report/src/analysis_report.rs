//! The published side of `aprime analyze`, written after [`crate::analysis_outputs::write`]
//! into the same staging directory: the likelihood of its limits (`likelihood/`; the observed
//! model when unblind, else the expected one with placeholder counts) and `report.html`.

use aprime_analysis::Analysis;
use aprime_experiment::ExperimentConfig;
use aprime_limits::from_analysis::{self, LimitRow};
use serde_json::Value;

use crate::error::ReportError;
use crate::html::{REPORT_FILE, analysis_page};
use crate::likelihood::{LikelihoodInfo, MassModel, has_signal, write_likelihood};
use crate::provenance::Provenance;
use crate::staging::Staging;

/// Write `likelihood/` (when limits were computed) and `report.html` into `staging`. `header`
/// is the analysis header of `summary.json` (input file, its metadata, blinding).
pub fn write_analysis_report(
    staging: &mut Staging,
    cfg: &ExperimentConfig,
    a: &Analysis,
    limits: Option<&[LimitRow]>,
    header: &Value,
    provenance: &Provenance,
) -> Result<(), ReportError> {
    let likelihood = match limits {
        Some(rows) => {
            // The signal of the published model: the observed one when unblind.
            let c = from_analysis::observed_config(cfg, a)
                .unwrap_or_else(|| from_analysis::expected_config(cfg, a));
            let (with, without): (Vec<&LimitRow>, Vec<&LimitRow>) = rows
                .iter()
                .partition(|row| has_signal(&from_analysis::signal_for(&c, row)));
            let models = with
                .into_iter()
                .map(|row| {
                    from_analysis::model(cfg, a, row)
                        .map(|model| MassModel {
                            mass_gev: row.mass_gev,
                            model,
                        })
                        .map_err(|source| ReportError::Model {
                            mass_gev: row.mass_gev,
                            source,
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let without: Vec<f64> = without.iter().map(|row| row.mass_gev).collect();
            let info = LikelihoodInfo {
                config: &cfg.name,
                description: &cfg.description,
                cl: cfg.statistics.cl,
                blind: a.blind,
            };
            write_likelihood(staging, &info, &models, &without)?
        }
        None => None,
    };
    let page = analysis_page(
        cfg,
        a,
        limits,
        header,
        provenance,
        likelihood.as_ref(),
        staging.dir(),
        staging.files(),
    )?;
    staging.write(REPORT_FILE, &page)
}
