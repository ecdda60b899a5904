//! ε limits from the analysis (paper 002 eq. 26): per mass, run i expects
//! a_i = EOT_i · ε_i(m) · n_A'(m; E_A' > E0 − cut_i) signal events per ε², with ε_i(m) the
//! efficiency measured on the simulated signal (interpolated in ln m between the simulated
//! masses; the configured efficiency where a run has no signal sample), n_A' the shower stage's
//! yield per EOT, and the background b_i ± σ_i of the side-band fit. The runs are combined by
//! [`combine::eps_limit`] with the configuration's systematics.
//!
//! Blind: the expected band for the configured EOT (the observed-limit field is not reported).
//! Unblind: in addition the observed limit for the file's exposure and observed counts.

use aprime_analysis::Analysis;
use aprime_analysis::efficiency::interpolate;
use aprime_experiment::{ExperimentConfig, efficiency};
use aprime_stats::Model;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::combine::{self, EpsLimit};
use crate::coupling::ModelScale;
use crate::error::LimitsError;
use crate::yield_data::YieldSet;

/// The limit at one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitRow {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Yield per EOT per ε² above E0 − cut, per run.
    pub yield_per_eot_per_eps2: Vec<f64>,
    /// Efficiency per run used.
    pub efficiency: Vec<f64>,
    /// Where each efficiency came from: `measured` (a simulated mass), `interpolated`, or
    /// `configured` (no signal sample in that run).
    pub efficiency_source: Vec<String>,
    /// BR(X → invisible) of the model at this mass (1 for the dark photon of the presets).
    #[serde(default = "unit_branching")]
    pub br_invisible: f64,
    /// Expected signal per ε² per run for the configured EOT.
    pub signal_per_eps2: Vec<f64>,
    /// Background per run for the configured EOT (side-band estimate).
    pub background: Vec<f64>,
    /// Expected band (configured EOT); its `observed` is only meaningful when unblinded with
    /// the full exposure and is not reported blind.
    pub expected: EpsLimit,
    /// Observed limit for the file's exposure and the box counts (unblind only).
    pub observed: Option<EpsLimit>,
}

fn unit_branching() -> f64 {
    1.0
}

fn efficiencies(cfg: &ExperimentConfig, a: &Analysis, m: f64) -> (Vec<f64>, Vec<String>) {
    cfg.runs
        .iter()
        .enumerate()
        .map(|(i, run)| {
            let cut_emiss = cfg.beam.energy_gev - cfg.ecal_cut(run);
            match interpolate(&a.efficiencies, i, m) {
                Some(e) => {
                    let exact = a
                        .efficiencies
                        .iter()
                        .any(|x| x.run_index == i && (x.mass_gev / m - 1.0).abs() < 1e-9);
                    (
                        e,
                        if exact { "measured" } else { "interpolated" }.to_string(),
                    )
                }
                None => (efficiency(run, m, cut_emiss), "configured".to_string()),
            }
        })
        .unzip()
}

/// The configuration of the expected limits: the configured EOT, each run's side-band
/// background scaled to it (with its uncertainty) and the observed counts set to 0 — a
/// placeholder: the box is not looked at, and the expected band does not use them.
pub fn expected_config(cfg: &ExperimentConfig, a: &Analysis) -> ExperimentConfig {
    let mut c = cfg.clone();
    for (r, b) in c.runs.iter_mut().zip(&a.background) {
        r.background = b.predicted_config;
        r.background_uncertainty = b.error_config;
        r.observed = 0;
    }
    c
}

/// The configuration of the observed limit (unblind only, else `None`): the file's EOT, the
/// side-band backgrounds for that exposure and the box counts.
pub fn observed_config(cfg: &ExperimentConfig, a: &Analysis) -> Option<ExperimentConfig> {
    a.box_contents.as_ref().map(|boxes| {
        let mut c = cfg.clone();
        for (i, r) in c.runs.iter_mut().enumerate() {
            r.eot = a.file_eot[i];
            r.background = a.background[i].predicted;
            r.background_uncertainty = a.background[i].error;
            r.observed = boxes[i].observed;
        }
        c
    })
}

/// Per-run signal per ε² for the EOT of `c`: a_i = EOT_i · ε_i · n_A',i.
fn signal(c: &ExperimentConfig, efficiency: &[f64], yields: &[f64], br_invisible: f64) -> Vec<f64> {
    (0..c.runs.len())
        .map(|i| c.runs[i].eot * efficiency[i] * yields[i] * br_invisible)
        .collect()
}

/// Per-run signal per ε² of `row` for the EOT of `c` (a_i = EOT_i · ε_i · n_X,i · BR(X → invisible)).
pub fn signal_for(c: &ExperimentConfig, row: &LimitRow) -> Vec<f64> {
    signal(
        c,
        &row.efficiency,
        &row.yield_per_eot_per_eps2,
        row.br_invisible,
    )
}

/// The statistical model (μ = ε²) behind `row`: of the observed limit when the analysis is
/// unblind, else of the expected band (observed counts 0, see [`expected_config`]).
pub fn model(cfg: &ExperimentConfig, a: &Analysis, row: &LimitRow) -> Result<Model, LimitsError> {
    let c = observed_config(cfg, a).unwrap_or_else(|| expected_config(cfg, a));
    combine::model(&c, &signal_for(&c, row), None)
}

/// Limits at every mass of `yields` from an analysis of events (parallel over masses).
pub fn limits(
    cfg: &ExperimentConfig,
    a: &Analysis,
    yields: &YieldSet,
) -> Result<Vec<LimitRow>, LimitsError> {
    let settings = combine::settings(cfg);
    let e0 = cfg.beam.energy_gev;
    let expected_cfg = expected_config(cfg, a);
    let observed_cfg = observed_config(cfg, a);
    yields
        .points
        .par_iter()
        .map(|p| {
            let m = p.mass_gev;
            let (eff, src) = efficiencies(cfg, a, m);
            let scale = ModelScale::new(cfg, m)?;
            let y: Vec<f64> = cfg
                .runs
                .iter()
                .map(|r| scale.production(p.above(e0 - cfg.ecal_cut(r))))
                .collect();
            let br = scale.br_invisible;
            let sig = signal(cfg, &eff, &y, br);
            let expected = combine::eps_limit(&expected_cfg, &sig, None, &settings)?;
            let observed = match &observed_cfg {
                Some(c) => Some(combine::eps_limit(
                    c,
                    &signal(c, &eff, &y, br),
                    None,
                    &settings,
                )?),
                None => None,
            };
            Ok(LimitRow {
                mass_gev: m,
                yield_per_eot_per_eps2: y,
                efficiency: eff,
                efficiency_source: src,
                br_invisible: br,
                signal_per_eps2: sig,
                background: a.background.iter().map(|b| b.predicted_config).collect(),
                expected,
                observed,
            })
        })
        .collect()
}
