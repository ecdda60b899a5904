//! How outputs name a model and its coupling (docs/models.md): column headers, plot labels and
//! the HEPData keywords. The dark photon keeps the names it always had (`eps_observed`, "ε",
//! "A' → invisible"), so its files are unchanged.

use aprime_physics::model::{CouplingParameter, Mediator};

/// The names of one model in the outputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelLabels {
    /// The model.
    pub model: Mediator,
    /// Symbol of the boson in plots: A', S, P, A or Z'.
    pub boson: &'static str,
    /// Name in titles and descriptions, e.g. "L_μ−L_τ Z'".
    pub title: &'static str,
    /// Name in ASCII (HEPData table names), e.g. "L_mu-L_tau Z'".
    pub ascii: &'static str,
    /// Prefix of the coupling in column headers: `eps` or `g` (`CouplingParameter::name`).
    pub column: &'static str,
    /// The coupling on plot axes: "ε" or "g_Z'".
    pub axis: &'static str,
    /// The coupling in HEPData headers (LaTeX).
    pub latex: &'static str,
    /// The coupling in words (HEPData descriptions).
    pub words: &'static str,
    /// HEPData observable keyword.
    pub observable: &'static str,
    /// The invisible final state in plots, e.g. "invisible" or "νν̄".
    pub decay: &'static str,
    /// HEPData reaction keyword (Pb target of the NA64 ECAL).
    pub reaction: &'static str,
}

impl ModelLabels {
    /// The labels of `model`.
    pub fn of(model: Mediator) -> Self {
        let (boson, title, ascii, reaction) = match model {
            Mediator::Vector => (
                "A'",
                "dark photon A'",
                "dark photon",
                "E- PB --> E- PB A', A' --> INVISIBLE",
            ),
            Mediator::Scalar => (
                "S",
                "scalar S",
                "scalar",
                "E- PB --> E- PB S, S --> INVISIBLE",
            ),
            Mediator::Pseudoscalar => (
                "P",
                "pseudoscalar P",
                "pseudoscalar",
                "E- PB --> E- PB P, P --> INVISIBLE",
            ),
            Mediator::Axial => (
                "A",
                "axial vector A",
                "axial vector",
                "E- PB --> E- PB A, A --> INVISIBLE",
            ),
            Mediator::LmuLtau => (
                "Z'",
                "L_μ−L_τ Z'",
                "L_mu-L_tau Z'",
                "E- PB --> E- PB Z', Z' --> NU NUBAR",
            ),
            Mediator::BMinusL => (
                "Z'",
                "B−L Z'",
                "B-L Z'",
                "E- PB --> E- PB Z', Z' --> NU NUBAR",
            ),
        };
        let z_prime = model.parameter() == CouplingParameter::GaugeCoupling;
        Self {
            model,
            boson,
            title,
            ascii,
            column: model.parameter().name(),
            axis: if z_prime { "g_Z'" } else { "ε" },
            latex: if z_prime { "$g_{Z'}$" } else { "$\\epsilon$" },
            words: if z_prime {
                "gauge coupling g"
            } else if model == Mediator::Vector {
                "kinetic mixing epsilon"
            } else {
                "coupling epsilon (g_l = epsilon e)"
            },
            observable: if z_prime { "G" } else { "EPSILON" },
            decay: if z_prime { "νν̄" } else { "invisible" },
            reaction,
        }
    }

    /// Whether this is the dark photon (whose outputs keep their historical names).
    pub fn is_dark_photon(&self) -> bool {
        self.model == Mediator::Vector
    }

    /// The mass axis label, e.g. "m_Z' [GeV]".
    pub fn mass_axis(&self) -> String {
        format!("m_{} [GeV]", self.boson)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_names_its_coupling() {
        for m in Mediator::ALL {
            let l = ModelLabels::of(m);
            assert_eq!(l.column, m.parameter().name());
            assert!(l.reaction.contains(l.boson));
        }
        let z = ModelLabels::of(Mediator::LmuLtau);
        assert_eq!(
            (z.column, z.axis, z.mass_axis().as_str()),
            ("g", "g_Z'", "m_Z' [GeV]")
        );
        let v = ModelLabels::of(Mediator::Vector);
        assert_eq!((v.column, v.axis, v.boson), ("eps", "ε", "A'"));
    }
}
