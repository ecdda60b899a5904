//! Navigation through the slab geometry: distance to the next boundary, crossing it, leaving
//! the target.

use super::engine::Engine;
use super::event::Ctx;
use super::particle::Particle;
use crate::tally::ledger;

impl Engine<'_> {
    /// Distance to the slab faces and the lateral boundary along `dir`; (distance, lateral?).
    #[inline]
    pub(super) fn distance_out(&self, p: &Particle) -> (f64, bool) {
        let s = &self.geom.slabs[p.slab];
        let dz = p.dir[2];
        let mut d = if dz > 0.0 {
            (s.z_hi - p.pos[2]) / dz
        } else if dz < 0.0 {
            (s.z_lo - p.pos[2]) / dz
        } else {
            f64::INFINITY
        };
        let mut lateral = false;
        for a in 0..2 {
            let hw = self.geom.half_width[a];
            if hw.is_finite() {
                let u = p.dir[a];
                let dl = if u > 0.0 {
                    (hw - p.pos[a]) / u
                } else if u < 0.0 {
                    (-hw - p.pos[a]) / u
                } else {
                    f64::INFINITY
                };
                if dl < d {
                    d = dl;
                    lateral = true;
                }
            }
        }
        (d.max(0.0), lateral)
    }

    /// Cross the boundary reached; false if the particle left the target.
    #[inline]
    pub(super) fn cross(&self, p: &mut Particle, lateral: bool) -> bool {
        if lateral {
            return false;
        }
        let s = &self.geom.slabs[p.slab];
        if p.dir[2] > 0.0 {
            p.pos[2] = s.z_hi;
            if p.slab + 1 >= self.geom.slabs.len() {
                return false;
            }
            p.slab += 1;
        } else {
            p.pos[2] = s.z_lo;
            if p.slab == 0 {
                return false;
            }
            p.slab -= 1;
        }
        true
    }

    pub(super) fn escape(ctx: &mut Ctx<'_>, p: &Particle) {
        ctx.ev.ledger[ledger::ESCAPED] += p.e;
    }
}
