//! Sampling of bremsstrahlung photon energies, pair-production energy sharing and the polar
//! angles of the products, from the screened cross sections of [`super::brem`].

use aprime_physics::constants::M_E;

use super::brem::Screening;
use aprime_core::rng::{Rng, u01};

/// Sample a bremsstrahlung photon energy k ∈ \[k_c, E − m_e\] from dσ/dk = α r_e² B(E,k)/k
/// exactly: ln k uniform, accepted with B/B_max (B_max: complete screening at k → 0).
pub fn sample_brem_k(s: &Screening, bmax: f64, e: f64, kc: f64, rng: &mut Rng) -> f64 {
    let kmax = e - M_E;
    let lr = (kmax / kc).ln();
    loop {
        let k = kc * (lr * u01(rng)).exp();
        if u01(rng) * bmax <= s.brem_bracket(e, k) {
            return k;
        }
    }
}

/// Sample x = E₊/k of a pair from dσ/dx = α r_e² P(k, x), x ∈ \[m/k, 1 − m/k\], by uniform
/// proposals accepted with P/P_bound, P_bound = [x_min² + (1 − x_min)²]Φ1 + Φ1/6 with Φ1 at the
/// smallest screening variable (x = 1/2), where Φ1 is largest.
pub fn sample_pair_x(s: &Screening, k: f64, rng: &mut Rng) -> f64 {
    let xmin = M_E / k;
    let (p1, _) = s.big_phi(4.0 * M_E / k, super::brem::coulomb_weight(k));
    let bound = ((xmin * xmin + (1.0 - xmin).powi(2)) * p1 + p1 / 6.0).max(1e-300);
    for _ in 0..100_000 {
        let x = xmin + (1.0 - 2.0 * xmin) * u01(rng);
        if u01(rng) * bound <= s.pair_bracket(k, x) {
            return x;
        }
    }
    // Only reachable where the cross section vanishes (then it is never called).
    0.5
}

/// Polar angle of a bremsstrahlung photon or a pair lepton of energy `e` \[GeV\]: u = Eθ/m_e
/// from p(u) ∝ u/(1 + u²)², the leading small-angle factor of the Bethe–Heitler angular
/// distribution (Koch & Motz, Rev. Mod. Phys. 31 (1959) 920, formula 2BS); inverse CDF
/// u = sqrt(ξ/(1 − ξ)), θ capped at π.
pub fn sample_angle(e: f64, rng: &mut Rng) -> f64 {
    let xi = u01(rng).min(1.0 - 1e-12);
    let u = (xi / (1.0 - xi)).sqrt();
    (u * M_E / e).min(std::f64::consts::PI)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_physics::Element;

    #[test]
    fn brem_energies_follow_the_complete_screening_spectrum() {
        // At E = 50 GeV the spectrum is complete screening (Tsai eq. 3.83, physics.md §7):
        // k dσ/dk ∝ (4/3 − 4/3y + y²) + c(1 − y), c = (Z²+Z)/(9[Z²(L−f) + Z L']) = 0.0324 for Pb.
        // Fraction of photons with y > 1/2 among those with y > 0.01:
        // ∫_{.5}^{1} / ∫_{.01}^{1} of that over y = 0.6388/5.437 = 0.1175 (binomial σ 1.4%).
        let s = Screening::new(Element::by_name("Pb").unwrap());
        let bmax = s.brem_bracket_max();
        let mut rng = aprime_core::rng::stream(11);
        let e = 50.0;
        let n: usize = 40_000;
        let hard = (0..n)
            .filter(|_| sample_brem_k(&s, bmax, e, 0.01 * e, &mut rng) > 0.5 * e)
            .count() as f64
            / n as f64;
        assert!((hard / 0.1175 - 1.0).abs() < 0.05, "{hard}");
    }

    #[test]
    fn pair_sharing_is_symmetric() {
        let s = Screening::new(Element::by_name("Pb").unwrap());
        let mut rng = aprime_core::rng::stream(5);
        let n: usize = 50_000;
        let m: f64 = (0..n)
            .map(|_| sample_pair_x(&s, 1.0, &mut rng))
            .sum::<f64>()
            / n as f64;
        // ⟨x⟩ = 1/2 by symmetry; σ_x ≈ 0.27 → 3σ ≈ 0.004.
        assert!((m - 0.5).abs() < 0.004, "{m}");
    }
}
