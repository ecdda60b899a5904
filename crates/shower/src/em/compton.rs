//! Compton scattering on free electrons: Klein–Nishina total and differential cross sections
//! (Klein & Nishina, Z. Phys. 52 (1929) 853), sampled with the composition–rejection method of
//! Butcher & Messel, Nucl. Phys. 20 (1960) 15. Binding effects are neglected (photons above the
//! cut, ≥ 0.1 MeV in practice).

use aprime_physics::constants::{M_E, R_E_CM};

use aprime_core::rng::{Rng, u01};

/// Klein–Nishina total cross section per electron \[cm²\] for a photon of energy `k` \[GeV\].
pub fn sigma_kn_cm2(k: f64) -> f64 {
    let q = k / M_E;
    let sigma_t = 8.0 / 3.0 * std::f64::consts::PI * R_E_CM * R_E_CM;
    if q < 1e-3 {
        // Series of the closed form (Thomson limit).
        return sigma_t * (1.0 - 2.0 * q + 5.2 * q * q);
    }
    let l = (1.0 + 2.0 * q).ln();
    2.0 * std::f64::consts::PI
        * R_E_CM
        * R_E_CM
        * ((1.0 + q) / (q * q) * (2.0 * (1.0 + q) / (1.0 + 2.0 * q) - l / q) + l / (2.0 * q)
            - (1.0 + 3.0 * q) / (1.0 + 2.0 * q).powi(2))
}

/// Sample the scattered-photon energy fraction ε = k'/k and cos θ of the photon.
/// dσ/dε ∝ (1/ε + ε)(1 − ε sin²θ/(1 + ε²)), cos θ = 1 − (1 − ε)/(q ε), ε ∈ \[1/(1+2q), 1\].
pub fn sample(k: f64, rng: &mut Rng) -> (f64, f64) {
    let q = k / M_E;
    let e0 = 1.0 / (1.0 + 2.0 * q);
    let a1 = -e0.ln();
    let a2 = 0.5 * (1.0 - e0 * e0);
    loop {
        let eps = if u01(rng) * (a1 + a2) < a1 {
            (-a1 * u01(rng)).exp()
        } else {
            (e0 * e0 + (1.0 - e0 * e0) * u01(rng)).sqrt()
        };
        let t = (1.0 - eps) / (q * eps);
        let sin2 = (t * (2.0 - t)).max(0.0);
        let g = 1.0 - eps * sin2 / (1.0 + eps * eps);
        if u01(rng) <= g {
            return (eps, (1.0 - t).clamp(-1.0, 1.0));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kn_limits() {
        // Thomson limit 0.6652 b; at 1 MeV the Klein–Nishina value is 0.2112 b per electron
        // (standard tables, e.g. Evans, "The Atomic Nucleus", ch. 23).
        assert!((sigma_kn_cm2(1e-9) / 0.6652e-24 - 1.0).abs() < 1e-3);
        assert!((sigma_kn_cm2(1e-3) / 0.2112e-24 - 1.0).abs() < 5e-3);
    }

    #[test]
    fn sampled_mean_energy_matches_the_cross_section() {
        // ⟨ε⟩ from the sampler vs numerical ∫ε dσ/dε / ∫dσ/dε at k = 2 MeV.
        let k = 2e-3;
        let q = k / M_E;
        let e0 = 1.0 / (1.0 + 2.0 * q);
        let f = |e: f64| {
            let t = (1.0 - e) / (q * e);
            (1.0 / e + e) * (1.0 - e * t * (2.0 - t) / (1.0 + e * e))
        };
        let n: usize = 20000;
        let (mut s0, mut s1) = (0.0, 0.0);
        for i in 0..n {
            let e = e0 + (1.0 - e0) * (i as f64 + 0.5) / n as f64;
            s0 += f(e);
            s1 += e * f(e);
        }
        let mut rng = aprime_core::rng::stream(7);
        let m: usize = 200_000;
        let mean: f64 = (0..m).map(|_| sample(k, &mut rng).0).sum::<f64>() / m as f64;
        // Statistical error of the mean ≈ 0.25/sqrt(2e5) = 6e-4.
        assert!((mean - s1 / s0).abs() < 3e-3, "{mean} vs {}", s1 / s0);
    }
}
