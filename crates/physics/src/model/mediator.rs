//! The six mediators, their lepton vertices, spins and couplings (docs/models.md;
//! models.md §2; issue 10).
//!
//! | name | Lagrangian | J^P | lepton coupling g_ℓ | limit parameter |
//! |---|---|---|---|---|
//! | `vector` | g_ℓ X_μ ℓ̄γ^μℓ | 1⁻ | ε e | ε |
//! | `scalar` | g_ℓ S ℓ̄ℓ | 0⁺ | ε e | ε |
//! | `pseudoscalar` | g_ℓ a ℓ̄iγ⁵ℓ | 0⁻ | ε e | ε |
//! | `axial` | g_ℓ X_μ ℓ̄γ^μγ⁵ℓ | 1⁺ | ε e | ε |
//! | `lmu-ltau` | g Z'_μ(μ̄γ^μμ − τ̄γ^μτ + ν̄_μγ^μP_Lν_μ − ν̄_τγ^μP_Lν_τ) | 1⁻ | e: e·ε(m²) (loop), μ, τ: g | g |
//! | `b-l` | g Z'_μ Σ_f (B−L)_f f̄γ^μf | 1⁻ | −g (e, μ, τ, ν) | g |
//!
//! Cross sections in this crate are for g_ℓ = e; [`Mediator::sigma_scale`] is the one place
//! that turns them into the model's parameter: σ(parameter) = σ(g_ℓ = e) · sigma_scale · parameter².

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::lmu_ltau;
use crate::constants::ALPHA;
use crate::error::PhysicsError;
use crate::model_error::ModelError;

/// The new boson X.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Mediator {
    /// Dark photon A' with kinetic mixing ε (the original aprime model).
    #[default]
    #[serde(rename = "vector")]
    Vector,
    /// Scalar S coupled as ε e S ℓ̄ℓ.
    #[serde(rename = "scalar")]
    Scalar,
    /// Pseudoscalar a coupled as ε e a ℓ̄iγ⁵ℓ.
    #[serde(rename = "pseudoscalar")]
    Pseudoscalar,
    /// Axial vector coupled as ε e X_μ ℓ̄γ^μγ⁵ℓ.
    #[serde(rename = "axial")]
    Axial,
    /// Gauge boson of L_μ − L_τ with coupling g.
    #[serde(rename = "lmu-ltau")]
    LmuLtau,
    /// Gauge boson of B − L with coupling g.
    #[serde(rename = "b-l")]
    BMinusL,
}

/// Dirac structure of the X–lepton vertex, which fixes the matrix elements and widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Vertex {
    /// γ^μ.
    Vector,
    /// 1.
    Scalar,
    /// iγ⁵.
    Pseudoscalar,
    /// γ^μγ⁵.
    Axial,
}

/// The charged leptons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Lepton {
    /// e.
    Electron,
    /// μ.
    Muon,
    /// τ.
    Tau,
}

/// Which parameter a limit is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum CouplingParameter {
    /// The kinetic-mixing-like ε (g_ℓ = ε e).
    Epsilon,
    /// The Z' gauge coupling g.
    GaugeCoupling,
}

impl CouplingParameter {
    /// Short name for outputs and column headers: `eps` or `g`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Epsilon => "eps",
            Self::GaugeCoupling => "g",
        }
    }
}

impl Mediator {
    /// All mediators, in the order of the table above.
    pub const ALL: [Self; 6] = [
        Self::Vector,
        Self::Scalar,
        Self::Pseudoscalar,
        Self::Axial,
        Self::LmuLtau,
        Self::BMinusL,
    ];

    /// Command-line and output name (kebab-case, as serde writes it).
    pub fn name(self) -> &'static str {
        match self {
            Self::Vector => "vector",
            Self::Scalar => "scalar",
            Self::Pseudoscalar => "pseudoscalar",
            Self::Axial => "axial",
            Self::LmuLtau => "lmu-ltau",
            Self::BMinusL => "b-l",
        }
    }

    /// The lepton vertex: the two Z' models couple vectorially.
    pub fn vertex(self) -> Vertex {
        match self {
            Self::Vector | Self::LmuLtau | Self::BMinusL => Vertex::Vector,
            Self::Scalar => Vertex::Scalar,
            Self::Pseudoscalar => Vertex::Pseudoscalar,
            Self::Axial => Vertex::Axial,
        }
    }

    /// Spin J of X.
    pub fn spin(self) -> u32 {
        match self.vertex() {
            Vertex::Vector | Vertex::Axial => 1,
            Vertex::Scalar | Vertex::Pseudoscalar => 0,
        }
    }

    /// Spin multiplicity 2J + 1 (resonant-annihilation strength).
    pub fn multiplicity(self) -> f64 {
        f64::from(2 * self.spin() + 1)
    }

    /// Intrinsic parity P (+1 or −1).
    pub fn parity(self) -> i32 {
        match self.vertex() {
            Vertex::Vector | Vertex::Pseudoscalar => -1,
            Vertex::Scalar | Vertex::Axial => 1,
        }
    }

    /// The parameter a limit is set on.
    pub fn parameter(self) -> CouplingParameter {
        match self {
            Self::LmuLtau | Self::BMinusL => CouplingParameter::GaugeCoupling,
            _ => CouplingParameter::Epsilon,
        }
    }

    /// Largest accepted parameter: ε ≤ 1, g ≤ sqrt(4π) (perturbative).
    pub fn max_parameter(self) -> f64 {
        match self.parameter() {
            CouplingParameter::Epsilon => 1.0,
            CouplingParameter::GaugeCoupling => (4.0 * std::f64::consts::PI).sqrt(),
        }
    }

    /// Checks that `value` is a usable parameter (finite, in (0, max]).
    pub fn check_parameter(self, value: f64) -> Result<f64, ModelError> {
        if value > 0.0 && value <= self.max_parameter() {
            Ok(value)
        } else {
            Err(ModelError::CouplingOutOfRange {
                mediator: self.name(),
                parameter: self.parameter().name(),
                value,
                max: self.max_parameter(),
            })
        }
    }

    /// ε-equivalent coupling ε_ℓ = g_ℓ/e of lepton `lepton` for parameter value `parameter`
    /// and X mass `mass_gev` (the mass matters only for the L_μ−L_τ loop mixing, taken at
    /// q² = m² and as its real part above 2m_μ, [`lmu_ltau`]). Signed: B−L leptons carry −1.
    pub fn eps_equivalent(
        self,
        lepton: Lepton,
        parameter: f64,
        mass_gev: f64,
    ) -> Result<f64, PhysicsError> {
        Ok(parameter * self.eps_equivalent_per_parameter(lepton, mass_gev)?)
    }

    /// ε_ℓ per unit parameter (see [`Self::eps_equivalent`]).
    fn eps_equivalent_per_parameter(
        self,
        lepton: Lepton,
        mass_gev: f64,
    ) -> Result<f64, PhysicsError> {
        let e = (4.0 * std::f64::consts::PI * ALPHA).sqrt();
        Ok(match (self, lepton) {
            (Self::LmuLtau, Lepton::Electron) => lmu_ltau::eps_per_g(mass_gev * mass_gev)?,
            (Self::LmuLtau, Lepton::Muon) => 1.0 / e,
            // τ has L_μ−L_τ charge −1; every lepton has B−L charge −1.
            (Self::LmuLtau, Lepton::Tau) | (Self::BMinusL, _) => -1.0 / e,
            _ => 1.0,
        })
    }

    /// The one conversion from "cross section (or width) at g_ℓ = e" to the model's parameter:
    /// σ(parameter) = σ(g_ℓ = e) · `sigma_scale` · parameter², with `sigma_scale` = (ε_ℓ/parameter)²:
    /// 1 for the ε-models, (ε(m²)/g)² for L_μ−L_τ on electrons, 1/(4πα) for L_μ−L_τ on muons
    /// and for B−L.
    pub fn sigma_scale(self, lepton: Lepton, mass_gev: f64) -> Result<f64, PhysicsError> {
        let r = self.eps_equivalent_per_parameter(lepton, mass_gev)?;
        Ok(r * r)
    }

    /// Inverse of [`Self::sigma_scale`]: the parameter for which the cross section is
    /// `eps_equivalent`² times the unit-coupling one (e.g. to turn a limit on ε_ℓ into one on g).
    pub fn parameter_for(
        self,
        lepton: Lepton,
        mass_gev: f64,
        eps_equivalent: f64,
    ) -> Result<f64, PhysicsError> {
        let s = self.sigma_scale(lepton, mass_gev)?;
        if s > 0.0 {
            Ok(eps_equivalent.abs() / s.sqrt())
        } else {
            Err(PhysicsError::InvalidArgument(format!(
                "model {} does not couple to {lepton:?} at m = {mass_gev} GeV",
                self.name()
            )))
        }
    }
}

impl fmt::Display for Mediator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Mediator {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| ModelError::UnknownMediator {
                name: t.to_string(),
            })
    }
}
