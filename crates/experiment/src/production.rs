//! Which dark-photon production mechanisms are simulated, and the signal box.

use aprime_physics::dark_brem::Method;
use aprime_physics::widths::ChiSpin;
use serde::{Deserialize, Serialize};

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

impl BremModel {
    /// The physics stage's cross-section method, `None` for `off` (the one place this mapping
    /// is written).
    pub fn method(self) -> Option<Method> {
        match self {
            Self::Etl => Some(Method::Etl),
            Self::Iww => Some(Method::Iww),
            Self::Wwsimple => Some(Method::WwSimple),
            Self::Off => None,
        }
    }
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
    pub chi: ChiSpin,
    /// Dark coupling α_D used for the A' width in the annihilation Breit–Wigner.
    #[serde(default = "default_alpha_d")]
    pub alpha_d: f64,
    /// Mass ratio m_A'/m_χ.
    #[serde(default = "default_mass_ratio")]
    pub mass_ratio: f64,
}

fn default_chi() -> ChiSpin {
    ChiSpin::Fermion
}
fn default_alpha_d() -> f64 {
    0.1
}
pub(crate) fn default_mass_ratio() -> f64 {
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
