//! One muon through the layered target: straight along the beam axis (multiple scattering of a
//! 160 GeV muon, θ0 ≈ 0.5 mrad over the NA64 ECAL, is neglected), continuous losses
//! (ionisation, [`super::ionisation`], and radiative losses below v_cut, [`super::radiative`])
//! in steps of at most [`MAX_STEP_CM`] within a slab, discrete radiative losses above v_cut at
//! exponentially distributed distances, and the track length of every step scored on the
//! energy nodes of the dark tables ([`super::dark_yield`]).
//!
//! Random numbers: the muon of event key `k` draws from `stream(k)`
//! ([`aprime_core::rng`]) only — the distance to the next discrete loss in mean free paths and
//! its energy fraction — so an event is the same on any thread and in any shard.

use aprime_core::rng::{Rng, exp1, u01};
use aprime_physics::constants::M_MU;

use super::dark_yield::EnergyNodes;
use super::ionisation::MuonIonisation;
use super::radiative::RadiativeLoss;
use crate::target::Geometry;

/// Largest continuous step \[cm\] (the loss per step stays ≲ 50 MeV in Pb at 160 GeV, so the
/// midpoint energy is exact to O(1e-7)).
pub const MAX_STEP_CM: f64 = 1.0;

/// Kinetic energy below which a muon is stopped \[GeV\].
const STOP_KINETIC_GEV: f64 = 1e-3;

/// The energy budget of one muon \[GeV\].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MuonBudget {
    /// Continuous losses deposited along the track (ionisation and radiative below v_cut).
    pub continuous: f64,
    /// Discrete radiative losses (absorbed where they happen).
    pub discrete: f64,
    /// Total energy of the muon leaving the target (0 if it stopped).
    pub escaped: f64,
    /// Rest energy of a muon that stopped in the target.
    pub stopped_rest: f64,
}

/// The loss physics of every material of a target.
#[derive(Debug, Clone)]
pub struct MuonLosses {
    /// Per material: Bethe ionisation.
    pub ionisation: Vec<MuonIonisation>,
    /// Per material: radiative loss.
    pub radiative: Vec<RadiativeLoss>,
}

impl MuonLosses {
    /// The losses in the materials of `geometry`.
    pub fn new(geometry: &Geometry) -> Self {
        Self {
            ionisation: geometry.materials.iter().map(MuonIonisation::new).collect(),
            radiative: geometry.materials.iter().map(RadiativeLoss::new).collect(),
        }
    }

    /// Continuous −dE/dx \[GeV/cm\] in material `m` at energy `e`.
    #[inline]
    fn continuous(&self, m: usize, e: f64) -> f64 {
        self.ionisation[m].de_dx(e) + self.radiative[m].continuous_de_dx(e)
    }

    /// Transport a muon of energy `e0` with generator `rng`. Every continuous deposit calls
    /// `deposit(slab, depth_x0, energy)`; every step adds its length to `track`
    /// (material-major, `nodes.energies.len()` per material) when `nodes` is given.
    pub fn transport(
        &self,
        geometry: &Geometry,
        rng: &mut Rng,
        e0: f64,
        nodes: Option<&EnergyNodes>,
        track: &mut [f64],
        deposit: &mut impl FnMut(usize, f64, f64),
    ) -> MuonBudget {
        let mut b = MuonBudget::default();
        let mut e = e0;
        let mut mfp = exp1(rng);
        let n_nodes = nodes.map_or(0, |n| n.energies.len());
        for (si, slab) in geometry.slabs.iter().enumerate() {
            let m = slab.material;
            let rate = self.radiative[m].discrete_rate_per_cm();
            let mut z = slab.z_lo;
            while z < slab.z_hi {
                let to_loss = if rate > 0.0 {
                    mfp / rate
                } else {
                    f64::INFINITY
                };
                let rest = slab.z_hi - z;
                let s = rest.min(MAX_STEP_CM).min(to_loss);
                // Midpoint energy of the continuous loss over the step (one fixed-point pass).
                let de0 = self.continuous(m, e) * s;
                let de = (self.continuous(m, e - 0.5 * de0) * s).min(e - M_MU);
                let e_mid = e - 0.5 * de;
                if let (Some(nd), true) = (nodes, s > 0.0)
                    && let Some((j, f)) = nd.locate(e_mid)
                {
                    track[m * n_nodes + j] += s * (1.0 - f);
                    track[m * n_nodes + j + 1] += s * f;
                }
                e -= de;
                b.continuous += de;
                deposit(si, geometry.depth_x0_at(si, z + 0.5 * s), de);
                z = if s >= rest { slab.z_hi } else { z + s };
                mfp -= s * rate;
                if e - M_MU < STOP_KINETIC_GEV {
                    b.continuous += e - M_MU;
                    deposit(si, geometry.depth_x0_at(si, z), e - M_MU);
                    b.stopped_rest = M_MU;
                    return b;
                }
                if s >= to_loss {
                    let loss = (RadiativeLoss::sample_fraction(u01(rng)) * e).min(e - M_MU);
                    e -= loss;
                    b.discrete += loss;
                    deposit(si, geometry.depth_x0_at(si, z), loss);
                    mfp = exp1(rng);
                }
            }
        }
        b.escaped = e;
        b
    }
}
