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
    /// Gaussian rms spread of the beam energy \[GeV\], sampled per event from the event's own
    /// random stream (`aprime_shower::beam`); omitted: every event has E0 (and the outputs are
    /// those of a configuration without the field).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_spread_gev: Option<f64>,
}

impl Beam {
    /// The one check of a beam against the rest of a configuration: E0 positive and finite; E0
    /// above every E_ECAL cut (`(field, cut)` pairs, one per run; at or below a cut every event
    /// would fall in the signal box); a spread finite, ≥ 0 and at most
    /// [`aprime_shower::beam::MAX_RELATIVE_SPREAD`] of E0. On error the field and what is
    /// wrong, on one line.
    pub fn check(&self, ecal_cuts: &[(String, f64)]) -> Result<(), (String, String)> {
        let e0 = self.energy_gev;
        if !(e0 > 0.0 && e0.is_finite()) {
            return Err((
                "beam.energy_gev".into(),
                format!("must be positive and finite, got {e0}"),
            ));
        }
        for (field, cut) in ecal_cuts {
            if *cut >= e0 {
                return Err((
                    "beam.energy_gev".into(),
                    format!(
                        "E0 = {e0} GeV must lie above the E_ECAL cut of every run, \
                         {field} = {cut} GeV"
                    ),
                ));
            }
        }
        if let Some(s) = self.energy_spread_gev {
            let max = aprime_shower::beam::MAX_RELATIVE_SPREAD * e0;
            if !(s.is_finite() && (0.0..=max).contains(&s)) {
                return Err((
                    "beam.energy_spread_gev".into(),
                    format!("must be in [0, {max}] GeV (≤ 10% of E0), got {s}"),
                ));
            }
        }
        Ok(())
    }
}

/// The active target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Name of a built-in shower-stage target (`na64-ecal`) or of a material (`Pb`, `W`, …).
    #[serde(default = "default_target")]
    pub preset: String,
    /// Target depth \[X0\]: the depth of a material block (default
    /// [`crate::shower_run::BLOCK_DEPTH_X0`]), or for a layered target the nearest depth reached
    /// by changing the repeat count of its non-preshower section
    /// ([`aprime_shower::TargetConfig::with_depth_x0`]); omitted: the target as defined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth_x0: Option<f64>,
}

impl Target {
    /// `depth_x0`, if given, is finite and positive. On error the field and what is wrong.
    pub fn check(&self) -> Result<(), (String, String)> {
        match self.depth_x0 {
            Some(d) if !(d > 0.0 && d.is_finite()) => Err((
                "target.depth_x0".into(),
                format!("must be positive and finite [X0], got {d}"),
            )),
            _ => Ok(()),
        }
    }
}

fn default_target() -> String {
    "na64-ecal".to_string()
}

impl Default for Target {
    fn default() -> Self {
        Self {
            preset: default_target(),
            depth_x0: None,
        }
    }
}
