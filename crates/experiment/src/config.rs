//! The experiment configuration: beam, target, production mechanisms, signal box, mass grid,
//! runs (EOT, efficiency, background, observed events, systematics), interpretation, and the
//! detector model and event selection of the event-level stages.
//!
//! Written in TOML; every field is documented in this crate and in the embedded presets
//! (`crates/experiment/presets/*.toml`). Unknown fields are rejected so that a typo never passes
//! silently; every validation error names the field and the file. The `detector` and `analysis`
//! tables are overlays: what a file gives is merged over the embedded defaults
//! ([`crate::detector`], [`crate::selection`]) while the file is read, so the loaded
//! configuration is fully typed.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::beam::{Beam, Target};
use crate::detector::{DetectorConfig, RunDetector};
use crate::error::{ConfigError, TomlError};
use crate::interpretation::Interpretation;
use crate::masses::MassSpec;
use crate::production::{Production, SignalBox};
use crate::runs::{EfficiencyTable, Run, Systematic};
use crate::selection::{RunSelection, SelectionConfig};
use crate::statistics::{LimitStatistics, YieldSimulation};

/// A complete experiment description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperimentConfig {
    /// Short name used in outputs, e.g. `na64-2016`.
    pub name: String,
    /// Free text: data set, paper, choices made.
    #[serde(default)]
    pub description: String,
    /// The beam.
    pub beam: Beam,
    /// The active target (the shower stage's target description).
    #[serde(default)]
    pub target: Target,
    /// Which A' production mechanisms are simulated.
    pub production: Production,
    /// The signal box of the missing-energy selection.
    pub signal_box: SignalBox,
    /// The A' masses at which limits are computed.
    pub masses: MassSpec,
    /// Settings of the limit calculation.
    #[serde(default)]
    pub statistics: LimitStatistics,
    /// Settings of the shower simulation that provides the yields.
    #[serde(default)]
    pub simulation: YieldSimulation,
    /// The data-taking runs, combined as separate counting channels.
    pub runs: Vec<Run>,
    /// Systematic uncertainties fully correlated across runs (e.g. the A' cross section).
    #[serde(default)]
    pub systematics: Vec<Systematic>,
    /// Dark-matter interpretation of the ε limits.
    #[serde(default)]
    pub interpretation: Interpretation,
    /// Detector model of the event-level simulation (`aprime simulate`): the embedded NA64
    /// model (`presets/detector.toml`) with the file's `[detector]` table merged over it; runs
    /// aligned with `runs` (generic ones when the file lists none).
    #[serde(default, deserialize_with = "crate::detector::deserialize_overlay")]
    pub detector: DetectorConfig,
    /// Event selection of the analysis (`aprime analyze`): the paper 000 selection with the
    /// file's `[analysis]` table merged over it.
    #[serde(default, deserialize_with = "crate::selection::deserialize_overlay")]
    pub analysis: SelectionConfig,
}

impl ExperimentConfig {
    /// Parse and validate a configuration; `source` names the file in error messages.
    pub fn from_toml(text: &str, source: &str) -> Result<Self, ConfigError> {
        let mut cfg: Self = toml::from_str(text).map_err(|e| ConfigError::Parse {
            file: source.to_string(),
            source: TomlError::new(e, text),
        })?;
        if cfg.detector.runs.is_empty() {
            cfg.detector.runs = cfg
                .runs
                .iter()
                .map(|r| RunDetector::generic(&r.name))
                .collect();
        }
        cfg.validate(source)?;
        Ok(cfg)
    }

    /// Read, parse and validate a configuration file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            file: name.clone(),
            source: e,
        })?;
        Self::from_toml(&text, &name)
    }

    /// Check every field's range; errors name the field and the file.
    pub fn validate(&self, file: &str) -> Result<(), ConfigError> {
        let bad = |field: String, message: String| ConfigError::Invalid {
            file: file.to_string(),
            field,
            message,
        };
        let positive = |field: &str, v: f64| {
            if v > 0.0 && v.is_finite() {
                Ok(())
            } else {
                Err(bad(
                    field.to_string(),
                    format!("must be positive and finite, got {v}"),
                ))
            }
        };
        // The beam; for e± beams also against the E_ECAL cut of every run (the signal box's
        // where a run has none). A muon beam's momentum cut is checked with the signal box.
        let cuts: Vec<(String, f64)> = if self.beam.particle.is_muon() {
            Vec::new()
        } else {
            self.runs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let field = if r.e_ecal_max_gev.is_some() {
                        format!("runs[{i}] ({}).e_ecal_max_gev", r.name)
                    } else {
                        "signal_box.e_ecal_max_gev".to_string()
                    };
                    (field, self.ecal_cut(r))
                })
                .chain(std::iter::once((
                    "signal_box.e_ecal_max_gev".to_string(),
                    self.signal_box.e_ecal_max_gev,
                )))
                .collect()
        };
        self.beam
            .check(&cuts)
            .map_err(|(field, message)| bad(field, message))?;
        self.target
            .check()
            .map_err(|(field, message)| bad(field, message))?;
        positive("signal_box.e_hcal_max_gev", self.signal_box.e_hcal_max_gev)?;
        positive("production.alpha_d", self.production.alpha_d)?;
        if self.production.mass_ratio <= 2.0 || !self.production.mass_ratio.is_finite() {
            return Err(bad(
                "production.mass_ratio".into(),
                format!(
                    "m_A'/m_χ must exceed 2 for A' → χχ̄, got {}",
                    self.production.mass_ratio
                ),
            ));
        }
        self.production
            .check_model(self.beam.particle)
            .map_err(|source| ConfigError::Model {
                file: file.to_string(),
                source,
            })?;
        self.validate_signal_box(&bad)?;
        let masses = self.masses.masses();
        if masses.is_empty() {
            return Err(bad(
                "masses".into(),
                "give values_gev = [...] or min_gev, max_gev and points".into(),
            ));
        }
        for (i, m) in masses.iter().enumerate() {
            if !(*m > 0.0 && *m < self.beam.energy_gev) {
                return Err(bad(
                    format!("masses[{i}]"),
                    format!(
                        "m_A' = {m} GeV must lie in (0, E0 = {} GeV)",
                        self.beam.energy_gev
                    ),
                ));
            }
        }
        if let Some(r) = &self.masses.refine {
            r.check().map_err(|(field, message)| bad(field, message))?;
            if self.beam.particle.is_muon() {
                return Err(bad(
                    "masses.refine".into(),
                    "needs showers to fold yields from; a muon beam is not showered".into(),
                ));
            }
        }
        if !(self.statistics.cl > 0.0 && self.statistics.cl < 1.0) {
            return Err(bad(
                "statistics.cl".into(),
                format!("must be in (0, 1), got {}", self.statistics.cl),
            ));
        }
        if self.statistics.toys == 0 {
            return Err(bad("statistics.toys".into(), "must be at least 1".into()));
        }
        if self.simulation.events == 0 {
            return Err(bad("simulation.events".into(), "must be at least 1".into()));
        }
        if self.simulation.hard_photon_copies.is_some_and(|n| n > 64) {
            return Err(bad(
                "simulation.hard_photon_copies".into(),
                "must be at most 64 (0 turns the copies off)".into(),
            ));
        }
        if self.runs.is_empty() {
            return Err(bad(
                "runs".into(),
                "at least one [[runs]] entry is needed".into(),
            ));
        }
        for (i, s) in self.systematics.iter().enumerate() {
            check_systematic(s, &format!("systematics[{i}]"), &bad)?;
        }
        for (i, r) in self.runs.iter().enumerate() {
            let f = |name: &str| format!("runs[{i}] ({}).{name}", r.name);
            positive(&f("eot"), r.eot)?;
            if !(r.background >= 0.0 && r.background.is_finite()) {
                return Err(bad(
                    f("background"),
                    format!("must be ≥ 0, got {}", r.background),
                ));
            }
            if !(r.background_uncertainty >= 0.0 && r.background_uncertainty.is_finite()) {
                return Err(bad(
                    f("background_uncertainty"),
                    format!("must be ≥ 0, got {}", r.background_uncertainty),
                ));
            }
            if let Some(c) = r.e_ecal_max_gev {
                positive(&f("e_ecal_max_gev"), c)?;
            }
            match (&r.efficiency, &r.efficiency_table) {
                (Some(e), None) => check_efficiency(*e, &f("efficiency"), &bad)?,
                (None, Some(t)) => check_table(t, &f("efficiency_table"), &bad)?,
                (Some(_), Some(_)) => {
                    return Err(bad(
                        f("efficiency"),
                        "give either efficiency or efficiency_table, not both".into(),
                    ));
                }
                (None, None) => {
                    return Err(bad(
                        f("efficiency"),
                        "missing: give efficiency = 0.5 or an efficiency_table".into(),
                    ));
                }
            }
            for (j, s) in r.systematics.iter().enumerate() {
                check_systematic(s, &f(&format!("systematics[{j}]")), &bad)?;
            }
        }
        let it = &self.interpretation;
        for (i, a) in it.alpha_d.iter().enumerate() {
            positive(&format!("interpretation.alpha_d[{i}]"), *a)?;
        }
        if it.mass_ratio <= 2.0 || !it.mass_ratio.is_finite() {
            return Err(bad(
                "interpretation.mass_ratio".into(),
                format!("m_A'/m_χ must exceed 2, got {}", it.mass_ratio),
            ));
        }
        positive("interpretation.f_pseudo_dirac", it.f_pseudo_dirac)?;
        positive("interpretation.f_majorana", it.f_majorana)?;
        if self.beam.particle.is_muon() {
            // The event-level stages (detector, analysis) model the electron setup; they refuse
            // muon beams when run, so their defaults are not checked against a muon signal box.
            return Ok(());
        }
        self.detector
            .validate(&self.runs, self.beam.energy_gev)
            .map_err(|(field, message)| bad(format!("detector.{field}"), message))?;
        self.run_selections()
            .map_err(|(field, message)| bad(format!("analysis.{field}"), message))?;
        Ok(())
    }

    /// The signal box for the beam: E_ECAL < cut < E0 for e±; for μ± the scattered-muon
    /// momentum cut (0 < p_max < E0) and no ECAL cut.
    fn validate_signal_box(
        &self,
        bad: &impl Fn(String, String) -> ConfigError,
    ) -> Result<(), ConfigError> {
        let e0 = self.beam.energy_gev;
        let sb = &self.signal_box;
        let below_e0 = |field: &str, v: f64| {
            if v > 0.0 && v < e0 {
                Ok(())
            } else {
                Err(bad(
                    field.to_string(),
                    format!("must be in (0, E0 = {e0} GeV), got {v}"),
                ))
            }
        };
        if !self.beam.particle.is_muon() {
            if sb.muon_momentum_max_gev.is_some() {
                return Err(bad(
                    "signal_box.muon_momentum_max_gev".into(),
                    "only for muon beams; an e± beam cuts on e_ecal_max_gev".into(),
                ));
            }
            return below_e0("signal_box.e_ecal_max_gev", sb.e_ecal_max_gev);
        }
        if sb.e_ecal_max_gev != 0.0 {
            return Err(bad(
                "signal_box.e_ecal_max_gev".into(),
                "not used with a muon beam: give muon_momentum_max_gev (the scattered-muon \
                 momentum cut)"
                    .into(),
            ));
        }
        let Some(p_max) = sb.muon_momentum_max_gev else {
            return Err(bad(
                "signal_box.muon_momentum_max_gev".into(),
                "missing: a muon beam needs the scattered-muon momentum cut (NA64μ: 80.0)".into(),
            ));
        };
        below_e0("signal_box.muon_momentum_max_gev", p_max)?;
        if let Some((i, r)) = self
            .runs
            .iter()
            .enumerate()
            .find(|(_, r)| r.e_ecal_max_gev.is_some())
        {
            return Err(bad(
                format!("runs[{i}] ({}).e_ecal_max_gev", r.name),
                "not used with a muon beam (the signal box cuts the muon momentum)".into(),
            ));
        }
        Ok(())
    }

    /// The signal-box cut of `run` \[GeV\]: the E_ECAL cut for e± beams, the scattered-muon
    /// momentum cut for μ± beams; either way the signal is E_miss > E0 − cut.
    pub fn ecal_cut(&self, run: &Run) -> f64 {
        if self.beam.particle.is_muon() {
            return self.signal_box.muon_momentum_max_gev.unwrap_or(0.0);
        }
        run.e_ecal_max_gev.unwrap_or(self.signal_box.e_ecal_max_gev)
    }

    /// The fully resolved event selection of every run, in run order; on error the field (below
    /// `analysis.`) and what is wrong.
    pub fn run_selections(&self) -> Result<Vec<RunSelection>, (String, String)> {
        if self.beam.particle.is_muon() {
            return Err((
                "beam.particle".into(),
                format!(
                    "the event selection models the electron setup; a {} beam has none",
                    self.beam.particle.projectile()
                ),
            ));
        }
        self.analysis
            .resolve(&self.runs, self.beam.energy_gev, &self.signal_box)
    }
}

fn check_efficiency(
    e: f64,
    field: &str,
    bad: &impl Fn(String, String) -> ConfigError,
) -> Result<(), ConfigError> {
    if e > 0.0 && e <= 1.0 {
        Ok(())
    } else {
        Err(bad(
            field.to_string(),
            format!("an efficiency must be in (0, 1], got {e}"),
        ))
    }
}

fn check_systematic(
    s: &Systematic,
    field: &str,
    bad: &impl Fn(String, String) -> ConfigError,
) -> Result<(), ConfigError> {
    if s.relative >= 0.0 && s.relative < 5.0 {
        Ok(())
    } else {
        Err(bad(
            format!("{field}.relative"),
            format!(
                "must be in [0, 5) (a fraction, 0.1 = 10%), got {}",
                s.relative
            ),
        ))
    }
}

fn check_table(
    t: &EfficiencyTable,
    field: &str,
    bad: &impl Fn(String, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let ascending = |v: &[f64]| v.windows(2).all(|w| w[1] > w[0]);
    if t.mass_gev.is_empty() || !ascending(&t.mass_gev) || t.mass_gev[0] <= 0.0 {
        return Err(bad(
            format!("{field}.mass_gev"),
            "must be a non-empty ascending list of positive masses".into(),
        ));
    }
    if !ascending(&t.emiss_gev) {
        return Err(bad(
            format!("{field}.emiss_gev"),
            "must be ascending".into(),
        ));
    }
    if t.values.len() != t.mass_gev.len() {
        return Err(bad(
            format!("{field}.values"),
            format!(
                "needs one row per mass ({}), got {}",
                t.mass_gev.len(),
                t.values.len()
            ),
        ));
    }
    let cols = t.emiss_gev.len().max(1);
    for (i, row) in t.values.iter().enumerate() {
        if row.len() != cols {
            return Err(bad(
                format!("{field}.values[{i}]"),
                format!("needs {cols} value(s), got {}", row.len()),
            ));
        }
        for v in row {
            check_efficiency(*v, &format!("{field}.values[{i}]"), bad)?;
        }
    }
    Ok(())
}
