//! Errors of the physics crate.

use aprime_core::MassError;
use thiserror::Error;

/// Everything that can go wrong when asking for a cross section, width or material.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PhysicsError {
    /// The material or element name is not known.
    #[error("unknown target material '{0}'")]
    UnknownMaterial(String),
    /// A material description is inconsistent.
    #[error("invalid material: {0}")]
    InvalidMaterial(String),
    /// A boson or lepton mass breaks the mass rule of [`aprime_core::check_mass`].
    #[error("invalid {name}: {source}")]
    Mass {
        /// Which mass.
        name: &'static str,
        /// The rule it breaks.
        #[source]
        source: MassError,
    },
    /// A mass that may be zero (m_χ) is negative or not finite.
    #[error("invalid mass {name} = {value} GeV: must be non-negative and finite")]
    InvalidMass {
        /// Which mass.
        name: &'static str,
        /// The value given \[GeV\].
        value: f64,
    },
    /// An energy is not positive/finite.
    #[error("invalid energy {name} = {value} GeV: must be positive and finite")]
    InvalidEnergy {
        /// Which energy.
        name: &'static str,
        /// The value given \[GeV\].
        value: f64,
    },
    /// The process is kinematically forbidden.
    #[error("below threshold: {0}")]
    BelowThreshold(String),
    /// A numerical integration failed to reach its tolerance.
    #[error("integration did not converge: {0}")]
    Integration(String),
    /// Any other invalid argument.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// An unknown model name or a model/projectile/process combination not implemented.
    #[error(transparent)]
    Model(#[from] crate::model_error::ModelError),
}

impl PhysicsError {
    /// `m` \[GeV\] if it obeys the mass rule of [`aprime_core::check_mass`], else
    /// [`PhysicsError::Mass`] naming it.
    pub(crate) fn check_mass(name: &'static str, m: f64) -> Result<f64, Self> {
        aprime_core::check_mass(m).map_err(|source| Self::Mass { name, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Element;
    use crate::dark_brem::DarkBrem;

    #[test]
    fn a_bad_mass_names_itself_and_keeps_the_rule() {
        let pb = Element::by_name("Pb").unwrap();
        let e = DarkBrem::electron(pb, 100.0, -0.1).unwrap_err();
        assert_eq!(
            e,
            PhysicsError::Mass {
                name: "m_A'",
                source: MassError::NotPositive(-0.1)
            }
        );
        assert!(e.to_string().contains("m_A'") && e.to_string().contains("-0.1"));
        assert!(std::error::Error::source(&e).is_some());
        assert!(PhysicsError::check_mass("m_A'", 0.02).is_ok());
    }
}
