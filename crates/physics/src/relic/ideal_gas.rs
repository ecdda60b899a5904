//! Thermodynamics of one species of an ideal relativistic gas in equilibrium at zero chemical
//! potential: energy density ρ, pressure p and entropy density s = (ρ + p)/T per internal degree
//! of freedom, as functions of z = m/T (Kolb & Turner, *The Early Universe* (1990), §3.3).
//!
//! Exact Bose–Einstein / Fermi–Dirac values from the Bessel-function series
//!   p/T⁴ = (1/2π²) Σ_k c_k z² K₂(kz)/k²,
//!   ρ/T⁴ = (1/2π²) Σ_k c_k [3z² K₂(kz)/k² + z³ K₁(kz)/k],
//! c_k = 1 (bosons) or (−1)^(k+1) (fermions); for z < 0.02 the high-temperature expansion
//! p/T⁴ = π²/90 − z²/24 + z³/(12π) (bosons), 7π²/720 − z²/48 (fermions) (error O(z⁴ ln z)).

use std::f64::consts::PI;

use super::bessel::{k1_scaled, k2_scaled};

/// Quantum statistics of a species.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistics {
    /// Bose–Einstein.
    Boson,
    /// Fermi–Dirac.
    Fermion,
}

/// ρ/T⁴, p/T⁴ and s/T³ of one internal degree of freedom.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Thermo {
    /// Energy density ρ/T⁴.
    pub energy: f64,
    /// Pressure p/T⁴.
    pub pressure: f64,
    /// Entropy density s/T³ = (ρ + p)/T⁴.
    pub entropy: f64,
}

impl Thermo {
    /// Scaled by a number of degrees of freedom.
    #[must_use]
    pub fn times(self, g: f64) -> Self {
        Self {
            energy: self.energy * g,
            pressure: self.pressure * g,
            entropy: self.entropy * g,
        }
    }

    /// Sum of two contributions.
    #[must_use]
    pub fn plus(self, o: Self) -> Self {
        Self {
            energy: self.energy + o.energy,
            pressure: self.pressure + o.pressure,
            entropy: self.entropy + o.entropy,
        }
    }

    /// Contribution to g_* = 30ρ/(π²T⁴).
    pub fn g_energy(self) -> f64 {
        30.0 * self.energy / (PI * PI)
    }

    /// Contribution to g_*s = 45 s/(2π²T³).
    pub fn g_entropy(self) -> f64 {
        45.0 * self.entropy / (2.0 * PI * PI)
    }
}

/// Beyond this z = m/T a species contributes < e⁻⁶⁰ and is dropped.
const Z_NEGLIGIBLE: f64 = 60.0;
/// Below this z the high-temperature expansion is used.
const Z_HIGH_T: f64 = 0.02;

/// Thermodynamics per internal degree of freedom of a species with z = m/T ≥ 0.
pub fn thermo(z: f64, stats: Statistics) -> Thermo {
    if z >= Z_NEGLIGIBLE {
        return Thermo::default();
    }
    let (pressure, energy) = if z < Z_HIGH_T {
        // p = T⁴P(z); ρ/T⁴ = 3P − zP' (from s = dp/dT, ρ = Ts − p).
        match stats {
            Statistics::Boson => (
                PI * PI / 90.0 - z * z / 24.0 + z.powi(3) / (12.0 * PI),
                PI * PI / 30.0 - z * z / 24.0,
            ),
            Statistics::Fermion => (
                7.0 * PI * PI / 720.0 - z * z / 48.0,
                7.0 * PI * PI / 240.0 - z * z / 48.0,
            ),
        }
    } else {
        let k_max = (Z_NEGLIGIBLE / z).ceil() as usize;
        let (mut p, mut e) = (0.0, 0.0);
        for k in 1..=k_max {
            let kf = k as f64;
            let kz = kf * z;
            let sign = match stats {
                Statistics::Fermion if k % 2 == 0 => -1.0,
                _ => 1.0,
            };
            let damp = (-kz).exp();
            let k2 = k2_scaled(kz) * damp;
            let k1 = k1_scaled(kz) * damp;
            p += sign * z * z * k2 / (kf * kf);
            e += sign * (3.0 * z * z * k2 / (kf * kf) + z.powi(3) * k1 / kf);
        }
        (p / (2.0 * PI * PI), e / (2.0 * PI * PI))
    };
    Thermo {
        energy,
        pressure,
        entropy: energy + pressure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn massless_limits() {
        // Stefan–Boltzmann: ρ = π²/30 T⁴ per bosonic dof, × 7/8 for fermions (Kolb & Turner
        // §3.3); the series at z = 0.021 must join the expansion at z = 0.019.
        for stats in [Statistics::Boson, Statistics::Fermion] {
            let f = if stats == Statistics::Boson {
                1.0
            } else {
                7.0 / 8.0
            };
            let t = thermo(0.0, stats);
            assert!((t.g_energy() / f - 1.0).abs() < 1e-12);
            assert!((t.g_entropy() / f - 1.0).abs() < 1e-12);
            let (a, b) = (thermo(0.019, stats), thermo(0.021, stats));
            assert!(
                (a.entropy / b.entropy - 1.0).abs() < 2e-4,
                "{stats:?} {a:?} {b:?}"
            );
            assert!((a.energy / b.energy - 1.0).abs() < 2e-4);
        }
    }

    #[test]
    fn nonrelativistic_limit() {
        // z ≫ 1: Maxwell–Boltzmann, p/T⁴ = z^{3/2} e^{−z}/(2π)^{3/2} and ρ ≈ z p (Kolb & Turner
        // §3.3).
        let z = 20.0;
        let t = thermo(z, Statistics::Fermion);
        let p_mb = z.powf(1.5) * (-z).exp() / (2.0 * PI).powf(1.5) * (1.0 + 15.0 / (8.0 * z));
        assert!((t.pressure / p_mb - 1.0).abs() < 3e-3);
        assert!((t.energy / (z * t.pressure) - 1.0).abs() < 0.1);
        assert_eq!(thermo(61.0, Statistics::Boson), Thermo::default());
    }
}
