//! Particles on the stack and the rotation of their directions.

use serde::{Deserialize, Serialize};

use aprime_core::rng::{Rng, u01};

/// Particle species.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Electron.
    Electron,
    /// Positron.
    Positron,
    /// Photon.
    Photon,
}

/// A particle on the stack: species, total energy, position, direction, slab and lineage key.
#[derive(Debug, Clone, Copy)]
pub(super) struct Particle {
    /// Species.
    pub(super) kind: Kind,
    /// Total energy \[GeV\].
    pub(super) e: f64,
    /// Position \[cm\] (z along the beam from the target face).
    pub(super) pos: [f64; 3],
    /// Unit direction.
    pub(super) dir: [f64; 3],
    /// Index of the slab it is in.
    pub(super) slab: usize,
    /// Lineage key of its random stream.
    pub(super) key: u64,
    /// Whether it is the beam electron.
    pub(super) primary: bool,
    /// Weight of its track lengths above the split energy of the hard-photon copies
    /// ([`crate::HardPhotonCopies`]): 1 in the beam particle's lineage, 0 below a real hard photon
    /// when copies are made, p_hard/N for a copy and its descendants.
    pub(super) tl_weight: f64,
}

/// Turn the unit direction `d` by the polar angle θ and the azimuth φ measured from `d` itself
/// (given as cos θ, sin θ, cos φ, sin φ).
#[inline]
pub(super) fn rotate(d: &mut [f64; 3], cos_t: f64, sin_t: f64, cos_p: f64, sin_p: f64) {
    let [ux, uy, uz] = *d;
    let den2 = 1.0 - uz * uz;
    if den2 > 1e-10 {
        let den = den2.sqrt();
        d[0] = ux * cos_t + sin_t * (ux * uz * cos_p - uy * sin_p) / den;
        d[1] = uy * cos_t + sin_t * (uy * uz * cos_p + ux * sin_p) / den;
        d[2] = uz * cos_t - sin_t * cos_p * den;
    } else {
        let s = if uz >= 0.0 { 1.0 } else { -1.0 };
        d[0] = sin_t * cos_p;
        d[1] = sin_t * sin_p;
        d[2] = s * cos_t;
    }
    let n = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).sqrt();
    for c in d.iter_mut() {
        *c /= n;
    }
}

/// Turn `d` by the polar angle `theta` \[rad\] at a uniform azimuth.
#[inline]
pub(super) fn rotate_polar(d: &mut [f64; 3], theta: f64, rng: &mut Rng) {
    let (sp, cp) = (std::f64::consts::TAU * u01(rng)).sin_cos();
    let (st, ct) = theta.sin_cos();
    rotate(d, ct, st, cp, sp);
}

/// A uniformly distributed unit direction.
pub(super) fn isotropic(rng: &mut Rng) -> [f64; 3] {
    let c = 2.0 * u01(rng) - 1.0;
    let s = (1.0 - c * c).max(0.0).sqrt();
    let (sp, cp) = (std::f64::consts::TAU * u01(rng)).sin_cos();
    [s * cp, s * sp, c]
}
