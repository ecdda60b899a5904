//! Photon transport: flight from interaction to interaction across slabs, pair production and
//! Compton scattering.

use aprime_physics::constants::M_E;

use super::engine::Engine;
use super::event::Ctx;
use super::particle::{Kind, Particle, rotate};
use crate::em::{compton, pair};
use crate::tally::ledger;
use aprime_core::rng::{self, exp1, mix, u01};

impl Engine<'_> {
    pub(super) fn photon(
        &self,
        mut p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        let mut rng = rng::stream(p.key);
        let mut nchild = 0_u64;
        loop {
            let mut nl = exp1(&mut rng);
            // Fly to the interaction point across slabs.
            let (sig_pair, sig_tot) = loop {
                let m = &self.mats[self.geom.slabs[p.slab].material];
                let (sp, sc) = m.photon_sigma(p.e);
                let sig = sp + sc;
                let (d, lateral) = self.distance_out(&p);
                if nl < sig * d {
                    let s = nl / sig;
                    for a in 0..3 {
                        p.pos[a] += s * p.dir[a];
                    }
                    break (sp, sig);
                }
                for a in 0..3 {
                    p.pos[a] += d * p.dir[a];
                }
                nl -= sig * d;
                if !self.cross(&mut p, lateral) {
                    Self::escape(ctx, &p);
                    return;
                }
            };
            let m = &self.mats[self.geom.slabs[p.slab].material];
            if u01(&mut rng) * sig_tot < sig_pair {
                // Pair production.
                let el = m.pick_element(&m.pair, p.e, u01(&mut rng));
                let x = pair::sample_pair_x(&m.elements[el].screening, p.e, &mut rng);
                let (ep, em) = (x * p.e, (1.0 - x) * p.e);
                let phi = std::f64::consts::TAU * u01(&mut rng);
                for (kind, e, ph) in [
                    (Kind::Positron, ep, phi),
                    (Kind::Electron, em, phi + std::f64::consts::PI),
                ] {
                    let th = pair::sample_angle(e, &mut rng);
                    let mut dir = p.dir;
                    let (st, ct) = th.sin_cos();
                    let (sp, cp) = ph.sin_cos();
                    rotate(&mut dir, ct, st, cp, sp);
                    nchild += 1;
                    let c = Particle {
                        kind,
                        e,
                        pos: p.pos,
                        dir,
                        slab: p.slab,
                        key: mix(p.key, nchild),
                        primary: false,
                        tl_weight: p.tl_weight,
                    };
                    self.push_or_absorb(c, fast, stack, ctx);
                }
                return;
            }
            // Compton scattering.
            let (eps, cos_t) = compton::sample(p.e, &mut rng);
            let k1 = eps * p.e;
            let te = p.e - k1;
            let sin_t = (1.0 - cos_t * cos_t).max(0.0).sqrt();
            let (sp, cp) = (std::f64::consts::TAU * u01(&mut rng)).sin_cos();
            let k0 = p.dir;
            let mut d1 = p.dir;
            rotate(&mut d1, cos_t, sin_t, cp, sp);
            // Electron momentum = k0·k − k1·d1.
            let pe = [
                p.e * k0[0] - k1 * d1[0],
                p.e * k0[1] - k1 * d1[1],
                p.e * k0[2] - k1 * d1[2],
            ];
            let pn = (pe[0] * pe[0] + pe[1] * pe[1] + pe[2] * pe[2]).sqrt();
            nchild += 1;
            let el = Particle {
                kind: Kind::Electron,
                e: te + M_E,
                pos: p.pos,
                dir: if pn > 0.0 {
                    [pe[0] / pn, pe[1] / pn, pe[2] / pn]
                } else {
                    k0
                },
                slab: p.slab,
                key: mix(p.key, nchild),
                primary: false,
                tl_weight: p.tl_weight,
            };
            // The electron gets T = k − k' (atomic binding neglected): its rest mass is an
            // atomic electron's, so the ledger adds nothing for it beyond its kinetic energy.
            self.push_compton_electron(el, fast, stack, ctx);
            p.e = k1;
            p.dir = d1;
            if p.e < self.settings.cuts.photon {
                self.deposit(ctx, p.e, &p.pos, p.slab, ledger::CUT);
                self.residual_track(ctx, p.slab, 0, p.e);
                return;
            }
            if p.e < fast {
                ctx.ev.ledger[ledger::UNTRACKED] += p.e;
                return;
            }
        }
    }
}
