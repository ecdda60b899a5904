//! Settings of the limit calculation and of the shower simulation that gives the yields.

use aprime_core::DEFAULT_SEED;
use aprime_stats::CalculatorChoice;
use serde::{Deserialize, Serialize};

/// Settings of the limit calculation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitStatistics {
    /// Confidence level of the upper limits (0 < cl < 1).
    #[serde(default = "default_cl")]
    pub cl: f64,
    /// CLs calculator: `auto`, `asymptotic`, `toys`, `hybrid`, `hybrid-quadrature` or `exact`.
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
    DEFAULT_SEED
}

impl Default for LimitStatistics {
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
pub struct YieldSimulation {
    /// Number of simulated beam particles (showers).
    #[serde(default = "default_events")]
    pub events: u64,
    /// Random seed of the shower Monte Carlo.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Hard-photon copies per bremsstrahlung vertex for the track-length spectra above the A'
    /// threshold (variance reduction of the folded yields, docs/shower.md; 0: off). Omitted:
    /// [`AUTO_HARD_PHOTON_COPIES`] for an electron beam with resonant annihilation (its yield is
    /// folded from T₊ of secondary positrons), otherwise 0 (a positron beam's T₊ is its
    /// primary's: 8 copies cost +70% time for 0.97% → 0.92% in na64eplus-2022).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_photon_copies: Option<u32>,
}

/// Hard-photon copies per vertex when `[simulation] hard_photon_copies` is omitted, for an
/// electron beam with resonant annihilation: chosen by the measured statistical error and time of the folded yields
/// of na64-2016-2022 (docs/shower.md), not by any published number.
pub const AUTO_HARD_PHOTON_COPIES: u32 = 8;

impl YieldSimulation {
    /// Hard-photon copies of a yield run with (`annihilation`) or without resonant annihilation,
    /// of an electron beam (`electron_beam`) or another.
    pub fn hard_photon_copies(&self, annihilation: bool, electron_beam: bool) -> u32 {
        self.hard_photon_copies
            .unwrap_or(if annihilation && electron_beam {
                AUTO_HARD_PHOTON_COPIES
            } else {
                0
            })
    }
}

fn default_events() -> u64 {
    20_000
}

impl Default for YieldSimulation {
    fn default() -> Self {
        Self {
            events: default_events(),
            seed: default_seed(),
            hard_photon_copies: None,
        }
    }
}
