//! The A' mass grid of an experiment configuration.

use aprime_core::log_spaced;
use serde::{Deserialize, Serialize};

/// The A' mass grid: either explicit values or a log-spaced range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MassSpec {
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

impl MassSpec {
    /// The masses \[GeV\], ascending.
    pub fn masses(&self) -> Vec<f64> {
        if !self.values_gev.is_empty() {
            let mut v = self.values_gev.clone();
            v.sort_by(f64::total_cmp);
            return v;
        }
        match (self.min_gev, self.max_gev, self.points) {
            (Some(lo), Some(hi), Some(n)) if n >= 2 => log_spaced(lo, hi, n),
            (Some(lo), _, Some(1)) => vec![lo],
            _ => Vec::new(),
        }
    }
}
