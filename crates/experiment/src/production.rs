//! Which new boson is produced (the model), by which mechanisms, and the signal box.

use aprime_physics::PhysicsError;
use aprime_physics::dark_brem::Method;
use aprime_physics::decay;
use aprime_physics::model::{CouplingParameter, Mediator, ModelError};
use aprime_physics::widths::{ChiSpin, DarkSector};
use serde::{Deserialize, Deserializer, Serialize};

use crate::beam::Particle;

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

/// The new boson and its production mechanisms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Production {
    /// The new boson X (docs/models.md): `vector` (the dark photon A', default), `scalar`,
    /// `pseudoscalar`, `axial` (limits on ε, g_ℓ = εe), `lmu-ltau` or `b-l` (Z', limits on the
    /// gauge coupling g). The ε-models decay invisibly to χχ̄ (α_D, m_χ below), the Z' models to
    /// νν̄ (BR(invisible) from the widths; χ is not used).
    #[serde(default, deserialize_with = "mediator_by_name")]
    pub model: Mediator,
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

/// The model by its name through `Mediator::from_str`, so that an unknown name gives the
/// physics core's one-line message listing the valid ones.
fn mediator_by_name<'de, D: Deserializer<'de>>(d: D) -> Result<Mediator, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(serde::de::Error::custom)
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

impl Production {
    /// Checks that the pipeline implements the model with this beam: the dark photon runs with
    /// electron and positron beams (its run-time check in the limits stage rejects the rest);
    /// the other models need an electron beam (their positron-beam yields, the primary's own
    /// resonance, are not validated yet), and the spin-0 and axial mediators decay to a Dirac χ
    /// only (`aprime_physics::decay::chi_pair_gev`).
    pub fn check_model(&self, beam: Particle) -> Result<(), PhysicsError> {
        let model = self.model;
        if beam.is_muon() {
            return self.check_muon_beam(beam);
        }
        if model == Mediator::Vector {
            return Ok(());
        }
        if beam != Particle::Electron {
            return Err(ModelError::Unsupported {
                mediator: model.name(),
                what: format!(
                    "a {} beam (only the dark photon is implemented with non-electron beams)",
                    beam.projectile()
                ),
            }
            .into());
        }
        if model.parameter() == CouplingParameter::Epsilon {
            // Any mass: the check is on the χ type (an error for a scalar χ with S, P, A).
            let dark = DarkSector::new(1.0, self.alpha_d, 1.0 / self.mass_ratio, self.chi)?;
            decay::chi_pair_gev(model, 1.0, &dark)?;
        }
        Ok(())
    }
}

impl Production {
    /// A muon beam (issue 11): the muon transport radiates the vector-coupled bosons (dark
    /// photon, L_μ−L_τ and B−L Z') by bremsstrahlung; there is no resonant annihilation
    /// (positrons only).
    fn check_muon_beam(&self, beam: Particle) -> Result<(), PhysicsError> {
        let model = self.model;
        let unsupported = |what: String| -> PhysicsError {
            ModelError::Unsupported {
                mediator: model.name(),
                what,
            }
            .into()
        };
        if self.annihilation {
            return Err(unsupported(format!(
                "resonant annihilation with a {} beam (positrons only; set annihilation = false)",
                beam.projectile()
            )));
        }
        match model {
            Mediator::Vector | Mediator::LmuLtau | Mediator::BMinusL => Ok(()),
            _ => Err(unsupported(format!(
                "a {} beam (the muon transport radiates vector, lmu-ltau and b-l)",
                beam.projectile()
            ))),
        }
    }
}

/// The signal box in (E_ECAL, E_HCAL) for e± beams, or the scattered-muon momentum for muon
/// beams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalBox {
    /// Upper cut on the ECAL energy \[GeV\]: E_miss = E0 − E_ECAL must exceed E0 − this
    /// (e± beams; required there, omitted for muon beams).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub e_ecal_max_gev: f64,
    /// Muon beams: upper cut on the momentum of the scattered muon \[GeV\] (NA64μ: 80 GeV,
    /// PRL 132 211803), i.e. E_miss = E0 − E_μ' > E0 − this; required for muon beams only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muon_momentum_max_gev: Option<f64>,
    /// Upper cut on the HCAL energy \[GeV\].
    #[serde(default = "default_hcal_cut")]
    pub e_hcal_max_gev: f64,
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

fn default_hcal_cut() -> f64 {
    1.0
}
