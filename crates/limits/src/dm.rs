//! Light-dark-matter interpretation of an ε limit (paper 002 §X, paper 000 Fig. 4):
//! y_up = α_D ε_up² (m_χ/m_A')⁴ at fixed α_D (eq. 6), and the lower bound on α_D from the relic
//! relation α_D ≈ 0.02 f (10⁻³/ε)² (m_A'/100 MeV)⁴ (10 MeV/m_χ)² (eq. 5), with m_A' = r·m_χ.

use aprime_physics::thermal;
use serde::{Deserialize, Serialize};

use crate::error::LimitsError;
use crate::relic_targets::{RelicTargets, RelicY};
use aprime_experiment::Interpretation;

/// Dark-matter limits at one A' mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DmPoint {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// χ mass m_A'/r \[GeV\].
    pub m_chi_gev: f64,
    /// Upper limits on y, one per α_D of the interpretation settings (same order).
    pub y_upper: Vec<f64>,
    /// The upper limits on ε behind `y_upper`, one per α_D: with resonant annihilation the A'
    /// width, and so the signal, depends on α_D (empty: one ε limit for every α_D).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eps_upper: Vec<f64>,
    /// The thermal relic y of each candidate at m_χ from the freeze-out solver
    /// ([`crate::relic_targets`]).
    #[serde(default)]
    pub y_relic: RelicY,
    /// Lower bound on α_D for pseudo-Dirac χ (f = f_pseudo_dirac).
    pub alpha_d_min_pseudo_dirac: f64,
    /// Lower bound on α_D for Majorana χ (f = f_majorana).
    pub alpha_d_min_majorana: f64,
}

/// Map an observed ε upper limit at `mass` to y and α_D limits.
pub fn interpret(
    mass: f64,
    eps_up: f64,
    it: &Interpretation,
    relic: &RelicTargets,
) -> Result<DmPoint, LimitsError> {
    let mut p = interpret_per_alpha_d(mass, eps_up, &vec![eps_up; it.alpha_d.len()], it, relic)?;
    p.eps_upper.clear();
    Ok(p)
}

/// Map the observed ε upper limits at `mass` to y and α_D limits when the ε limit depends on
/// α_D: `eps_by_alpha_d[k]` is the limit with the A' width of `it.alpha_d[k]` (resonant
/// annihilation, physics.md §3–4), giving y_up,k = α_D,k ε_up,k² (m_χ/m_A')⁴. The relic bound
/// on α_D (eq. 5) uses `eps_up`, the limit of the configured production α_D: the relation fixes
/// α_D ∝ 1/ε², and the self-consistent solution with an α_D-dependent width is not attempted
/// (the width moves the limit only in the annihilation window, 0.2–0.32 GeV).
pub fn interpret_per_alpha_d(
    mass: f64,
    eps_up: f64,
    eps_by_alpha_d: &[f64],
    it: &Interpretation,
    relic: &RelicTargets,
) -> Result<DmPoint, LimitsError> {
    let m_chi = mass / it.mass_ratio;
    let y_upper = it
        .alpha_d
        .iter()
        .zip(eps_by_alpha_d)
        .map(|(&a, &e)| {
            if e.is_finite() {
                thermal::y_upper_limit(e, a, it.mass_ratio)
            } else {
                Ok(f64::INFINITY)
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(DmPoint {
        mass_gev: mass,
        m_chi_gev: m_chi,
        y_upper,
        eps_upper: eps_by_alpha_d.to_vec(),
        y_relic: relic.at(m_chi),
        alpha_d_min_pseudo_dirac: thermal::relic_alpha_d(eps_up, mass, m_chi, it.f_pseudo_dirac)?,
        alpha_d_min_majorana: thermal::relic_alpha_d(eps_up, mass, m_chi, it.f_majorana)?,
    })
}

/// The y that gives the relic abundance for factor `f` (independent of ε, eq. 5 in eq. 6):
/// y = 0.02 f · 10⁻⁶ · (m_A'/0.1 GeV)⁴ (0.01 GeV/m_χ)² (m_χ/m_A')⁴, the target line of the y plots.
pub fn relic_y(m_chi: f64, mass_ratio: f64, f: f64) -> f64 {
    let m_a = mass_ratio * m_chi;
    0.02 * f * 1e-6 * (m_a / 0.1).powi(4) * (0.01 / m_chi).powi(2) / mass_ratio.powi(4)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_is_alpha_eps2_over_81_and_alpha_bound_is_relic_relation() {
        // physics.md §5: y_up = α_D ε_up²/81 for m_A' = 3 m_χ.
        let it = Interpretation::default();
        let p = interpret(0.03, 1e-4, &it, RelicTargets::table()).unwrap();
        assert!((p.y_upper[0] / (0.5 * 1e-8 / 81.0) - 1.0).abs() < 1e-12);
        assert!((p.y_upper[1] / (0.1 * 1e-8 / 81.0) - 1.0).abs() < 1e-12);
        // Eq. 5 with ε = 1e-4, m_A' = 30 MeV, m_χ = 10 MeV, f = 0.25:
        // 0.02·0.25·100·0.3⁴·1 = 4.05e-3.
        assert!((p.alpha_d_min_pseudo_dirac / 4.05e-3 - 1.0).abs() < 1e-9);
        assert!((p.alpha_d_min_majorana / p.alpha_d_min_pseudo_dirac - 12.0).abs() < 1e-9);
        // On the relic line the y limit equals the relic y exactly when α_D = α_D,relic.
        let y_rel = relic_y(0.01, 3.0, 0.25);
        let y_at_bound = thermal::y(1e-4, p.alpha_d_min_pseudo_dirac, 0.01, 0.03);
        assert!((y_rel / y_at_bound - 1.0).abs() < 1e-12);
    }
}
