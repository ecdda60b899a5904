//! Dark bremsstrahlung l Z → l Z A' of a charged lepton (electron by default, muon possible) on a
//! nucleus, for kinetic mixing ε = 1 (cross sections scale with ε²).
//!
//! Methods, from the crudest to the exact one:
//! - [`wwsimple`]: the simplified Weizsäcker–Williams total of paper 002 eq. 9–11, the reference
//!   against which the NA64 k-factor (eq. 12) is defined;
//! - `iww`: improved-WW dσ/dx (BEST 2009 eq. A15; physics.md §2);
//! - `exact`: the double differential with exact kinematics d²σ/dx dθ (DMG4 App. A eq. 16–17);
//! - `etl`: exact tree level, the full 2→3 phase space with the nuclear form factor.

pub mod etl;
pub mod exact;
pub mod iww;
pub mod wwsimple;

use serde::Serialize;

use crate::constants::M_E;
use crate::error::PhysicsError;
use crate::form_factor::{FormFactor, FormFactorModel};
use crate::materials::Element;

/// One dark-bremsstrahlung configuration: projectile, beam energy, A' mass and target nucleus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DarkBrem {
    /// Projectile (lepton) mass \[GeV\]: m_e for NA64, m_μ for a muon beam.
    pub lepton_mass: f64,
    /// Projectile energy E0 in the target rest frame \[GeV\].
    pub e0: f64,
    /// A' mass \[GeV\].
    pub mass: f64,
    /// Target nucleus form factor (carries Z and A).
    pub ff: FormFactor,
}

impl DarkBrem {
    /// Electron beam of energy `e0` on `element`, A' of mass `mass`, elastic + inelastic form factor.
    pub fn electron(element: &Element, e0: f64, mass: f64) -> Result<Self, PhysicsError> {
        Self::new(
            element.zf(),
            element.a,
            e0,
            mass,
            M_E,
            FormFactorModel::ElasticInelastic,
        )
    }

    /// General constructor; validates the kinematics (m > 0, E0 > m + m_l).
    pub fn new(
        z: f64,
        a: f64,
        e0: f64,
        mass: f64,
        lepton_mass: f64,
        model: FormFactorModel,
    ) -> Result<Self, PhysicsError> {
        if !(mass > 0.0 && mass.is_finite()) {
            return Err(PhysicsError::InvalidMass {
                name: "m_A'",
                value: mass,
            });
        }
        if !(lepton_mass > 0.0 && lepton_mass.is_finite()) {
            return Err(PhysicsError::InvalidMass {
                name: "lepton mass",
                value: lepton_mass,
            });
        }
        if !(e0 > 0.0 && e0.is_finite()) {
            return Err(PhysicsError::InvalidEnergy {
                name: "E0",
                value: e0,
            });
        }
        if e0 <= mass + lepton_mass {
            return Err(PhysicsError::BelowThreshold(format!(
                "m_A' = {mass} GeV cannot be produced by a {e0} GeV lepton of mass {lepton_mass} GeV \
                 (needs E0 > m_A' + m_l)"
            )));
        }
        if !(z >= 1.0 && a >= 1.0) {
            return Err(PhysicsError::InvalidArgument(format!(
                "target needs Z, A ≥ 1, got Z = {z}, A = {a}"
            )));
        }
        Ok(Self {
            lepton_mass,
            e0,
            mass,
            ff: FormFactor::new(z, a, model),
        })
    }

    /// Lowest A' energy fraction x = E_A'/E0 (A' at rest would need E_A' = m).
    pub fn x_min(&self) -> f64 {
        self.mass / self.e0
    }

    /// Highest x: the outgoing lepton keeps at least its rest energy.
    pub fn x_max(&self) -> f64 {
        1.0 - self.lepton_mass / self.e0
    }
}
