//! Dark-matter interpretation settings.

use serde::{Deserialize, Serialize};

use crate::production::default_mass_ratio;

/// Dark-matter interpretation settings (paper 000 Fig. 4, paper 002 §X).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interpretation {
    /// α_D values for the y limits.
    #[serde(default = "default_alphas")]
    pub alpha_d: Vec<f64>,
    /// m_A'/m_χ used for the y and α_D planes.
    #[serde(default = "default_mass_ratio")]
    pub mass_ratio: f64,
    /// Relic-density factor f for pseudo-Dirac fermions (paper 002 eq. 5).
    #[serde(default = "default_f_pd")]
    pub f_pseudo_dirac: f64,
    /// Relic-density factor f for Majorana fermions.
    #[serde(default = "default_f_maj")]
    pub f_majorana: f64,
}

fn default_alphas() -> Vec<f64> {
    vec![0.5, 0.1]
}
fn default_f_pd() -> f64 {
    0.25
}
fn default_f_maj() -> f64 {
    3.0
}

impl Default for Interpretation {
    fn default() -> Self {
        Self {
            alpha_d: default_alphas(),
            mass_ratio: default_mass_ratio(),
            f_pseudo_dirac: default_f_pd(),
            f_majorana: default_f_maj(),
        }
    }
}
