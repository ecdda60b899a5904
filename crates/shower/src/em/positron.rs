//! Two-photon annihilation of a positron in flight on a free electron at rest (Heitler, "The
//! Quantum Theory of Radiation", 3rd ed. 1954, §26): total and differential cross sections.

use aprime_physics::constants::{M_E, R_E_CM};

use aprime_core::rng::{Rng, u01};

/// Heitler total cross section per electron \[cm²\] for a positron of total energy `e` \[GeV\]:
/// σ = π r_e²/(γ+1) [ (γ²+4γ+1)/(γ²−1) ln(γ + sqrt(γ²−1)) − (γ+3)/sqrt(γ²−1) ].
pub fn sigma_cm2(e: f64) -> f64 {
    let g = (e / M_E).max(1.0 + 1e-9);
    let s = (g * g - 1.0).sqrt();
    std::f64::consts::PI * R_E_CM * R_E_CM / (g + 1.0)
        * ((g * g + 4.0 * g + 1.0) / (g * g - 1.0) * (g + s).ln() - (g + 3.0) / s)
}

/// Sample the energy fraction ε = k1/(E + m_e) of one photon: dσ/dε ∝ S(ε) + S(1 − ε),
/// S(ε) = −(γ+1)² + (γ²+4γ+1)/ε − 1/ε², ε ∈ \[ε_min, 1 − ε_min\],
/// ε_min = 1/(γ + 1 + sqrt(γ² − 1)). We sample ε ∝ S(ε) (1/ε proposal, acceptance εS(ε)/max,
/// max = γ² + 2γ − 1 at ε = 1/(γ+1)) and then swap the two photons with probability 1/2.
pub fn sample_fraction(e: f64, rng: &mut Rng) -> f64 {
    let g = (e / M_E).max(1.0 + 1e-9);
    let s = (g * g - 1.0).sqrt();
    let emin = 1.0 / (g + 1.0 + s);
    let emax = 1.0 - emin;
    let lr = (emax / emin).ln();
    let fmax = g * g + 2.0 * g - 1.0;
    let eps = loop {
        let eps = emin * (lr * u01(rng)).exp();
        let es = -(g + 1.0).powi(2) * eps + (g * g + 4.0 * g + 1.0) - 1.0 / eps;
        if u01(rng) * fmax <= es {
            break eps;
        }
    };
    if u01(rng) < 0.5 { 1.0 - eps } else { eps }
}

/// Cosine of the photon angle to the positron direction for a photon taking the fraction ε:
/// ε = 1/((γ+1) − sqrt(γ²−1) cos θ).
pub fn cos_theta(e: f64, eps: f64) -> f64 {
    let g = (e / M_E).max(1.0 + 1e-9);
    (((g + 1.0) - 1.0 / eps) / (g * g - 1.0).sqrt()).clamp(-1.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_energy_limit() {
        // γ ≫ 1: σ → π r_e²/γ (ln 2γ − 1) (Heitler §26).
        let e = 10.0;
        let g = e / M_E;
        let lim = std::f64::consts::PI * R_E_CM * R_E_CM / g * ((2.0 * g).ln() - 1.0);
        assert!((sigma_cm2(e) / lim - 1.0).abs() < 1e-3);
    }

    #[test]
    fn sampled_fractions_in_range_and_symmetric() {
        let mut rng = aprime_core::rng::stream(3);
        let e = 0.05;
        let n: usize = 100_000;
        let mut mean = 0.0;
        for _ in 0..n {
            let f = sample_fraction(e, &mut rng);
            assert!(f > 0.0 && f < 1.0);
            mean += f;
        }
        // Symmetric under ε ↔ 1 − ε: ⟨ε⟩ = 1/2 within 3σ (σ ≈ 0.45/sqrt(n)).
        mean /= n as f64;
        assert!((mean - 0.5).abs() < 0.005, "{mean}");
    }
}
