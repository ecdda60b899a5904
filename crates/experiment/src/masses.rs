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
    /// Refine the grid where the observed limit curve bends (`aprime_limits::refine`); omitted
    /// (and not written): the grid as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refine: Option<MassRefinement>,
}

/// The adaptive refinement of the mass grid (`[masses] refine = { ... }`): after the limits of
/// the grid, the geometric midpoints of the intervals where the observed limit curve bends are
/// added, with yields folded from the same showers, until no interval bends more than
/// `tolerance` or `max_points` masses were added.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MassRefinement {
    /// Most masses added.
    pub max_points: usize,
    /// Largest |ln ε_i − (straight line in ln m through the neighbours' ln ε)| at an interior
    /// point before its two intervals are halved (0.05: a 5% bend).
    #[serde(default = "MassRefinement::default_tolerance")]
    pub tolerance: f64,
    /// Most halvings of one interval of the configured grid (2: down to a quarter of it).
    #[serde(default = "MassRefinement::default_max_depth")]
    pub max_depth: u32,
    /// How the bremsstrahlung yield of an added mass is made (the resonant annihilation is
    /// always folded).
    #[serde(default)]
    pub bremsstrahlung: RefinedBrem,
}

/// The bremsstrahlung yield of a mass added by the refinement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RefinedBrem {
    /// ln Y interpolated in ln m through the direct estimates of four consecutive grid masses
    /// around it (cubic): no tables, the yield is smooth in mass.
    #[default]
    Interpolate,
    /// Folded from the run's track-length spectra with tables built for the new mass (one ETL
    /// table per mass and element: ≈ 0.3 s CPU each).
    Fold,
}

impl MassRefinement {
    /// Default `tolerance`: a 5% bend of ε.
    pub fn default_tolerance() -> f64 {
        0.05
    }

    /// Default `max_depth`.
    pub fn default_max_depth() -> u32 {
        2
    }

    /// Check the ranges: `Err((field, message))` with the field under `masses.refine`.
    pub fn check(&self) -> Result<(), (String, String)> {
        if self.max_points == 0 {
            return Err((
                "masses.refine.max_points".into(),
                "must be at least 1 (omit `refine` for the grid as given)".into(),
            ));
        }
        if !(self.tolerance > 0.0 && self.tolerance.is_finite()) {
            return Err((
                "masses.refine.tolerance".into(),
                format!("must be positive and finite, got {}", self.tolerance),
            ));
        }
        if !(1..=8).contains(&self.max_depth) {
            return Err((
                "masses.refine.max_depth".into(),
                format!("must be 1–8, got {}", self.max_depth),
            ));
        }
        Ok(())
    }
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
