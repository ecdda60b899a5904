//! The data-taking runs (counting channels) and the systematic uncertainties.

use aprime_stats::{Component, Constraint};
use serde::{Deserialize, Serialize};

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
    pub scales: Component,
    /// Constraint shape: `log-normal` (default) or `gaussian`.
    #[serde(default)]
    pub distribution: Constraint,
}

fn default_scales() -> Component {
    Component::Signal
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
