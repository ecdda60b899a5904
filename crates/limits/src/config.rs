//! The experiment configuration: beam, target, production mechanisms, signal box, mass grid,
//! runs (EOT, efficiency, background, observed events, systematics) and interpretation.
//!
//! Written in TOML; every field is documented here and in the embedded presets
//! (`crates/limits/presets/*.toml`). Unknown fields are rejected so that a typo never passes
//! silently; every validation error names the field and the file.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::ConfigError;

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
    pub masses: MassGrid,
    /// Settings of the limit calculation.
    #[serde(default)]
    pub statistics: Statistics,
    /// Settings of the shower simulation that provides the yields.
    #[serde(default)]
    pub simulation: Simulation,
    /// The data-taking runs, combined as separate counting channels.
    pub runs: Vec<Run>,
    /// Systematic uncertainties fully correlated across runs (e.g. the A' cross section).
    #[serde(default)]
    pub systematics: Vec<Systematic>,
    /// Dark-matter interpretation of the ε limits.
    #[serde(default)]
    pub interpretation: Interpretation,
    /// Detector model of the event-level simulation (`aprime simulate`); parsed and documented
    /// by the detector stage (`aprime_detector::DetectorConfig`). Omitted: its NA64 defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detector: Option<toml::Table>,
    /// Event selection of the analysis (`aprime analyze`); parsed and documented by the analysis
    /// stage (`aprime_analysis::SelectionConfig`). Omitted: the paper 002/000 cuts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<toml::Table>,
}

/// Beam particle species.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Particle {
    /// e⁻ (NA64).
    Electron,
    /// e⁺.
    Positron,
    /// μ⁻ (NA64μ-like).
    Muon,
}

/// The beam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beam {
    /// Beam particle: `electron`, `positron` or `muon`.
    pub particle: Particle,
    /// Nominal beam energy E0 \[GeV\].
    pub energy_gev: f64,
}

/// The active target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Name of a built-in shower-stage target (`na64-ecal`) or of a material (`Pb`, `W`, …).
    #[serde(default = "default_target")]
    pub preset: String,
}

fn default_target() -> String {
    "na64-ecal".to_string()
}

impl Default for Target {
    fn default() -> Self {
        Self {
            preset: default_target(),
        }
    }
}

/// Cross-section model for dark bremsstrahlung.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BremModel {
    /// Exact tree level (the published NA64 default since paper 002).
    Etl,
    /// Improved Weizsäcker–Williams.
    Iww,
    /// Simplified Weizsäcker–Williams (paper 002 eq. 9, no k-factor).
    Wwsimple,
    /// No bremsstrahlung production.
    Off,
}

/// Dark-matter particle type, for the A' width and the relic-density interpretation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChiType {
    /// Dirac fermion χ.
    Fermion,
    /// Complex scalar χ.
    Scalar,
}

/// A' production mechanisms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Production {
    /// Dark bremsstrahlung model: `etl`, `iww`, `wwsimple` or `off`.
    pub bremsstrahlung: BremModel,
    /// Resonant annihilation e⁺e⁻ → A' → χχ̄ of shower positrons on atomic electrons (paper 003).
    #[serde(default)]
    pub annihilation: bool,
    /// χ type for the annihilation line shape: `fermion` or `scalar`.
    #[serde(default = "default_chi")]
    pub chi: ChiType,
    /// Dark coupling α_D used for the A' width in the annihilation Breit–Wigner.
    #[serde(default = "default_alpha_d")]
    pub alpha_d: f64,
    /// Mass ratio m_A'/m_χ.
    #[serde(default = "default_mass_ratio")]
    pub mass_ratio: f64,
}

fn default_chi() -> ChiType {
    ChiType::Fermion
}
fn default_alpha_d() -> f64 {
    0.1
}
fn default_mass_ratio() -> f64 {
    3.0
}

/// The signal box in (E_ECAL, E_HCAL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalBox {
    /// Upper cut on the ECAL energy \[GeV\]: E_miss = E0 − E_ECAL must exceed E0 − this.
    pub e_ecal_max_gev: f64,
    /// Upper cut on the HCAL energy \[GeV\].
    #[serde(default = "default_hcal_cut")]
    pub e_hcal_max_gev: f64,
}

fn default_hcal_cut() -> f64 {
    1.0
}

/// The A' mass grid: either explicit values or a log-spaced range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MassGrid {
    /// Explicit masses \[GeV\]; if given, the range below is ignored.
    #[serde(default)]
    pub values_gev: Vec<f64>,
    /// Lowest mass of a log-spaced grid \[GeV\].
    #[serde(default)]
    pub min_gev: Option<f64>,
    /// Highest mass of a log-spaced grid \[GeV\].
    #[serde(default)]
    pub max_gev: Option<f64>,
    /// Number of log-spaced points.
    #[serde(default)]
    pub points: Option<usize>,
}

impl MassGrid {
    /// The masses \[GeV\], ascending.
    pub fn masses(&self) -> Vec<f64> {
        if !self.values_gev.is_empty() {
            let mut v = self.values_gev.clone();
            v.sort_by(f64::total_cmp);
            return v;
        }
        match (self.min_gev, self.max_gev, self.points) {
            (Some(lo), Some(hi), Some(n)) if n >= 2 => (0..n)
                .map(|i| lo * (hi / lo).powf(i as f64 / (n - 1) as f64))
                .collect(),
            (Some(lo), _, Some(1)) => vec![lo],
            _ => Vec::new(),
        }
    }
}

/// Which CLs calculator to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CalculatorChoice {
    /// Chosen by expected counts (asymptotic only once counts are large).
    #[default]
    Auto,
    /// Asymptotic formulae with the Asimov data set.
    Asymptotic,
    /// Frequentist toys with profiled nuisances.
    Toys,
    /// Hybrid (nuisances averaged over their priors).
    Hybrid,
    /// Exact Poisson CLs (one run, no systematics).
    Exact,
}

/// Settings of the limit calculation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    /// Confidence level of the upper limits (0 < cl < 1).
    #[serde(default = "default_cl")]
    pub cl: f64,
    /// CLs calculator: `auto`, `asymptotic`, `toys`, `hybrid` or `exact`.
    #[serde(default)]
    pub calculator: CalculatorChoice,
    /// Number of toys per tested signal strength for the toy-based calculators.
    #[serde(default = "default_toys")]
    pub toys: usize,
    /// Random seed of the toys.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_cl() -> f64 {
    0.9
}
fn default_toys() -> usize {
    4000
}
fn default_seed() -> u64 {
    1
}

impl Default for Statistics {
    fn default() -> Self {
        Self {
            cl: default_cl(),
            calculator: CalculatorChoice::Auto,
            toys: default_toys(),
            seed: default_seed(),
        }
    }
}

/// Settings of the shower Monte Carlo used for the yields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Simulation {
    /// Number of simulated beam particles (showers).
    #[serde(default = "default_events")]
    pub events: u64,
    /// Random seed of the shower Monte Carlo.
    #[serde(default = "default_seed")]
    pub seed: u64,
}

fn default_events() -> u64 {
    20_000
}

impl Default for Simulation {
    fn default() -> Self {
        Self {
            events: default_events(),
            seed: default_seed(),
        }
    }
}

/// What a systematic uncertainty scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scales {
    /// The expected signal.
    Signal,
    /// The expected background.
    Background,
}

/// Shape of a nuisance-parameter constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Distribution {
    /// Log-normal with κ = 1 + relative (the RooStats/combine `lnN` convention).
    #[default]
    LogNormal,
    /// Gaussian with σ = relative, truncated at zero yield.
    Gaussian,
}

/// One systematic uncertainty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Systematic {
    /// What it is, e.g. `A' cross section`.
    pub name: String,
    /// Relative size (0.10 for 10%).
    pub relative: f64,
    /// What it scales: `signal` (default) or `background`.
    #[serde(default = "default_scales")]
    pub scales: Scales,
    /// Constraint shape: `log-normal` (default) or `gaussian`.
    #[serde(default)]
    pub distribution: Distribution,
}

fn default_scales() -> Scales {
    Scales::Signal
}

/// A signal efficiency tabulated in m_A' (and optionally in E_miss), interpolated linearly in
/// ln m and in E_miss, constant beyond the ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyTable {
    /// Masses of the table rows \[GeV\], ascending.
    pub mass_gev: Vec<f64>,
    /// Missing energies of the table columns \[GeV\], ascending; omit for a 1-D table.
    #[serde(default)]
    pub emiss_gev: Vec<f64>,
    /// Efficiencies: one row per mass, each with one value per E_miss column (or one value).
    pub values: Vec<Vec<f64>>,
}

/// One data-taking run, a counting channel of the combined limit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Run {
    /// Name, e.g. `I (2016)`.
    pub name: String,
    /// Electrons on target.
    pub eot: f64,
    /// Constant signal efficiency (0–1). Give this or `efficiency_table`.
    #[serde(default)]
    pub efficiency: Option<f64>,
    /// Signal efficiency as a table in m_A' (and E_miss).
    #[serde(default)]
    pub efficiency_table: Option<EfficiencyTable>,
    /// Expected background in the signal box \[events\].
    pub background: f64,
    /// Absolute uncertainty of the background \[events\].
    pub background_uncertainty: f64,
    /// Events observed in the signal box.
    pub observed: u64,
    /// Run-specific E_ECAL cut \[GeV\]; defaults to the signal box.
    #[serde(default)]
    pub e_ecal_max_gev: Option<f64>,
    /// Slope p2 of the side-band fit exp(p1 + p2·E_ECAL) \[1/GeV\], used to move the background
    /// with the E_ECAL cut (paper 002 §VIII, Fig. 13–14).
    #[serde(default)]
    pub background_slope_per_gev: Option<f64>,
    /// Systematic uncertainties of this run only (uncorrelated with other runs).
    #[serde(default)]
    pub systematics: Vec<Systematic>,
}

/// Dark-matter interpretation settings (paper 000 Fig. 4, paper 002 §X).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpretation {
    /// α_D values for the y limits.
    #[serde(default = "default_alphas")]
    pub alpha_d: Vec<f64>,
    /// m_A'/m_χ used for the y and α_D planes.
    #[serde(default = "default_mass_ratio")]
    pub mass_ratio: f64,
    /// Relic-density factor f for pseudo-Dirac fermions (paper 002 eq. 5).
    #[serde(default = "default_f_pd")]
    pub f_pseudo_dirac: f64,
    /// Relic-density factor f for Majorana fermions.
    #[serde(default = "default_f_maj")]
    pub f_majorana: f64,
}

fn default_alphas() -> Vec<f64> {
    vec![0.5, 0.1]
}
fn default_f_pd() -> f64 {
    0.25
}
fn default_f_maj() -> f64 {
    3.0
}

impl Default for Interpretation {
    fn default() -> Self {
        Self {
            alpha_d: default_alphas(),
            mass_ratio: default_mass_ratio(),
            f_pseudo_dirac: default_f_pd(),
            f_majorana: default_f_maj(),
        }
    }
}

impl ExperimentConfig {
    /// Parse and validate a configuration; `source` names the file in error messages.
    pub fn from_toml(text: &str, source: &str) -> Result<Self, ConfigError> {
        let cfg: Self = toml::from_str(text).map_err(|e| ConfigError::Parse {
            file: source.to_string(),
            message: e.to_string(),
        })?;
        cfg.validate(source)?;
        Ok(cfg)
    }

    /// Read, parse and validate a configuration file.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError::Read {
            file: name.clone(),
            message: e.to_string(),
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
        positive("beam.energy_gev", self.beam.energy_gev)?;
        positive("signal_box.e_ecal_max_gev", self.signal_box.e_ecal_max_gev)?;
        if self.signal_box.e_ecal_max_gev >= self.beam.energy_gev {
            return Err(bad(
                "signal_box.e_ecal_max_gev".into(),
                format!(
                    "must be below the beam energy {} GeV, got {}",
                    self.beam.energy_gev, self.signal_box.e_ecal_max_gev
                ),
            ));
        }
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
            if let Some(c) = r.e_ecal_max_gev
                && !(c > 0.0 && c < self.beam.energy_gev)
            {
                return Err(bad(
                    f("e_ecal_max_gev"),
                    format!("must be in (0, E0), got {c}"),
                ));
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
        Ok(())
    }

    /// The E_ECAL cut of run `i` \[GeV\].
    pub fn ecal_cut(&self, run: &Run) -> f64 {
        run.e_ecal_max_gev.unwrap_or(self.signal_box.e_ecal_max_gev)
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
