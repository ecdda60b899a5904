//! The beam and the active target of an experiment configuration.

use aprime_physics::model::Projectile;
use serde::{Deserialize, Serialize};

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
    /// μ⁺ (radiates like μ⁻: one-photon exchange).
    Antimuon,
}

impl Particle {
    /// The physics core's projectile.
    pub fn projectile(self) -> Projectile {
        match self {
            Self::Electron => Projectile::Electron,
            Self::Positron => Projectile::Positron,
            Self::Muon => Projectile::Muon,
            Self::Antimuon => Projectile::Antimuon,
        }
    }

    /// μ⁻ or μ⁺: transported by the shower stage's muon transport, signal = a scattered muon
    /// below the momentum cut.
    pub fn is_muon(self) -> bool {
        matches!(self, Self::Muon | Self::Antimuon)
    }
}

/// The beam.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Beam {
    /// Beam particle: `electron`, `positron`, `muon` (μ⁻) or `antimuon` (μ⁺).
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
