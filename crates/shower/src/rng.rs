//! Random streams. Seed derivation (documented so that any number can be reproduced):
//!
//! - event `i` of a run with seed `S` owns the 64-bit key `k_i = mix(S, i)`;
//! - every particle carries a lineage key: the primary has `k_i`, the `j`-th secondary created by a
//!   particle with key `p` has `mix(p, j + 1)`;
//! - a particle draws from its own Xoshiro256++ generator seeded with `seed_from_u64(key)`
//!   (rand_xoshiro: SplitMix64 expansion of the key into the 256-bit state); dark-sector sampling
//!   uses the generator of `mix(key, DARK_SALT)` so that biasing never perturbs the shower.
//!
//! `mix(a, b)` is the SplitMix64 finaliser of `a ⊕ (b + 1)·φ64`. Because each particle's history
//! depends only on its own key, a particle is followed identically whether or not other
//! particles are tracked (full or fast mode), in any order, on any thread: the signal-event replay
//! of [`crate::transport`] relies on this.

use rand::{RngExt, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The generator used everywhere.
pub type Rng = Xoshiro256PlusPlus;

/// Salt of the dark-sector stream of a particle.
pub const DARK_SALT: u64 = 0xDA4C_0A11_5EED_0001;

/// SplitMix64-style mixing of two 64-bit words.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
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
