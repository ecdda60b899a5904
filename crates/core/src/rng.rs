//! Random streams: the generator, the mixer that derives independent stream keys, and the
//! deviates every Monte Carlo of aprime draws.
//!
//! - A stream is a Xoshiro256++ generator seeded with `seed_from_u64(key)` (rand_xoshiro: the
//!   SplitMix64 expansion of the key into the 256-bit state).
//! - Keys are derived with [`mix`]`(a, b)`, the SplitMix64 finaliser ([`finalise`]) of
//!   `a ⊕ (b + 1)·φ64` (φ64 = 0x9E3779B97F4A7C15): `mix(seed, i)` is the key of item `i` under
//!   `seed`, and a key mixed with a named salt ([`crate::seed::salt`]) starts a separate stream.
//!   Because a stream depends on its key only, results do not depend on the order of work or the
//!   number of threads.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator used everywhere.
pub type Rng = Xoshiro256PlusPlus;

/// The golden-ratio increment of SplitMix64, φ64 = 2⁶⁴/φ.
pub const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 output finaliser (Steele, Lea, Flood, OOPSLA 2014; variant 13 of Stafford's
/// mixers): a bijection of 64-bit words with full avalanche.
#[inline]
pub const fn finalise(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Key of item `b` under key `a`: `finalise(a ⊕ (b + 1)·φ64)`.
#[inline]
pub const fn mix(a: u64, b: u64) -> u64 {
    finalise(a ^ b.wrapping_add(1).wrapping_mul(GOLDEN_GAMMA))
}

/// Generator for a key.
#[inline]
pub fn stream(key: u64) -> Rng {
    Rng::seed_from_u64(key)
}

/// Uniform in \[0, 1).
#[inline]
pub fn u01(r: &mut Rng) -> f64 {
    r.random::<f64>()
}

/// Uniform in (0, 1], safe for logarithms.
#[inline]
pub fn u01_open(r: &mut Rng) -> f64 {
    1.0 - r.random::<f64>()
}

/// Standard normal deviate (Box–Muller; both values returned).
#[inline]
pub fn normal_pair(r: &mut Rng) -> (f64, f64) {
    let rad = (-2.0 * u01_open(r).ln()).sqrt();
    let (s, c) = (std::f64::consts::TAU * u01(r)).sin_cos();
    (rad * c, rad * s)
}

/// Exponential deviate with unit mean (number of mean free paths).
#[inline]
pub fn exp1(r: &mut Rng) -> f64 {
    -u01_open(r).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // SplitMix64 seeded with 0 produces 0xE220A8397B1DCDAF first (Vigna's reference
        // implementation, prng.di.unimi.it/splitmix64.c): finalise(0 + φ64).
        assert_eq!(finalise(GOLDEN_GAMMA), 0xE220_A839_7B1D_CDAF);
        // mix(0, 0) is the same first output.
        assert_eq!(mix(0, 0), 0xE220_A839_7B1D_CDAF);
        assert_ne!(mix(1, 2), mix(2, 1));
    }

    #[test]
    fn deviates_have_the_right_moments() {
        let mut r = stream(7);
        let n: u32 = 200_000;
        let (mut s1, mut s2, mut se) = (0.0, 0.0, 0.0);
        for _ in 0..n / 2 {
            let (a, b) = normal_pair(&mut r);
            s1 += a + b;
            s2 += a * a + b * b;
            se += exp1(&mut r);
        }
        let nf = f64::from(n);
        assert!((s1 / nf).abs() < 0.01, "mean {}", s1 / nf);
        assert!((s2 / nf - 1.0).abs() < 0.01, "variance {}", s2 / nf);
        assert!((se / (nf / 2.0) - 1.0).abs() < 0.01);
    }
}
