//! The mass of the new boson (A', S, a, Z', …) and the validated mass grid used by every stage.
//!
//! One rule everywhere: a mass is a positive, finite number of GeV; where a beam is known it must
//! also lie below the beam energy (a boson of m ≥ E0 cannot be produced).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::grid::{GridError, parse_list};

/// A mass or mass grid that cannot be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum MassError {
    /// Not positive and finite.
    #[error("mass {0} GeV must be positive and finite")]
    NotPositive(f64),
    /// At or above the beam energy.
    #[error("mass {mass} GeV must lie below the beam energy E0 = {beam} GeV")]
    AboveBeam {
        /// The mass \[GeV\].
        mass: f64,
        /// The beam energy \[GeV\].
        beam: f64,
    },
    /// No masses.
    #[error("the mass grid is empty")]
    Empty,
    /// The list could not be parsed.
    #[error(transparent)]
    List(#[from] GridError),
}

/// `m` if it is a usable mass \[GeV\] (positive, finite).
pub fn check_mass(m: f64) -> Result<f64, MassError> {
    if m > 0.0 && m.is_finite() {
        Ok(m)
    } else {
        Err(MassError::NotPositive(m))
    }
}

/// A non-empty list of valid masses \[GeV\], in the order given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Vec<f64>", into = "Vec<f64>")]
pub struct MassGrid(Vec<f64>);

impl MassGrid {
    /// Validate a list of masses.
    pub fn new(masses: Vec<f64>) -> Result<Self, MassError> {
        if masses.is_empty() {
            return Err(MassError::Empty);
        }
        for m in &masses {
            check_mass(*m)?;
        }
        Ok(Self(masses))
    }

    /// Parse a number list ([`crate::grid::parse_list`]) of masses.
    pub fn parse(text: &str) -> Result<Self, MassError> {
        Self::new(parse_list(text)?)
    }

    /// Check every mass against the beam energy \[GeV\].
    pub fn check_below(&self, beam_energy_gev: f64) -> Result<(), MassError> {
        match self.0.iter().find(|m| **m >= beam_energy_gev) {
            Some(m) => Err(MassError::AboveBeam {
                mass: *m,
                beam: beam_energy_gev,
            }),
            None => Ok(()),
        }
    }

    /// The same masses in ascending order.
    #[must_use]
    pub fn sorted(mut self) -> Self {
        self.0.sort_by(f64::total_cmp);
        self
    }

    /// The masses \[GeV\].
    pub fn as_slice(&self) -> &[f64] {
        &self.0
    }

    /// The masses \[GeV\], owned.
    pub fn into_vec(self) -> Vec<f64> {
        self.0
    }
}

impl TryFrom<Vec<f64>> for MassGrid {
    type Error = MassError;
    fn try_from(v: Vec<f64>) -> Result<Self, MassError> {
        Self::new(v)
    }
}

impl From<MassGrid> for Vec<f64> {
    fn from(g: MassGrid) -> Self {
        g.0
    }
}

impl std::ops::Deref for MassGrid {
    type Target = [f64];
    fn deref(&self) -> &[f64] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_mass() {
        assert!(check_mass(0.01).is_ok());
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(check_mass(bad).is_err(), "{bad}");
        }
        let g = MassGrid::parse("0.1,0.01").unwrap();
        assert_eq!(g.clone().sorted().as_slice(), &[0.01, 0.1]);
        assert!(g.check_below(100.0).is_ok());
        assert_eq!(
            g.check_below(0.05),
            Err(MassError::AboveBeam {
                mass: 0.1,
                beam: 0.05
            })
        );
        assert!(MassGrid::parse("0.1,-2").is_err());
        assert_eq!(MassGrid::new(vec![]), Err(MassError::Empty));
        assert!(matches!(MassGrid::parse("x"), Err(MassError::List(_))));
    }
}
