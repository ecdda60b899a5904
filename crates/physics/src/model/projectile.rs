//! Beam particles of the dark-bremsstrahlung and annihilation processes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::mediator::Lepton;
use crate::constants::{M_E, M_MU};
use crate::model_error::ModelError;

/// The beam (or shower) lepton that radiates X. At tree level with one-photon exchange the
/// bremsstrahlung cross section is the same for a lepton and its antilepton (|M|² is even in
/// the photon and X couplings), so positron and antimuon differ from electron and muon only
/// in resonant annihilation (positron only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Projectile {
    /// e⁻.
    #[default]
    Electron,
    /// e⁺.
    Positron,
    /// μ⁻.
    Muon,
    /// μ⁺.
    Antimuon,
}

impl Projectile {
    /// All projectiles.
    pub const ALL: [Self; 4] = [Self::Electron, Self::Positron, Self::Muon, Self::Antimuon];

    /// Command-line and output name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Electron => "electron",
            Self::Positron => "positron",
            Self::Muon => "muon",
            Self::Antimuon => "antimuon",
        }
    }

    /// Lepton flavour.
    pub fn lepton(self) -> Lepton {
        match self {
            Self::Electron | Self::Positron => Lepton::Electron,
            Self::Muon | Self::Antimuon => Lepton::Muon,
        }
    }

    /// Mass \[GeV\].
    pub fn mass_gev(self) -> f64 {
        match self.lepton() {
            Lepton::Muon => M_MU,
            _ => M_E,
        }
    }
}

impl fmt::Display for Projectile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Projectile {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| ModelError::UnknownProjectile {
                name: t.to_string(),
            })
    }
}
