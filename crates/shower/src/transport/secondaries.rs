//! A new particle is pushed on the stack, or absorbed at once when it is below the cuts or (fast
//! mode) below the tracking threshold; positrons at rest annihilate.

use aprime_physics::constants::M_E;

use super::engine::Engine;
use super::event::Ctx;
use super::particle::{Kind, Particle, isotropic};
use crate::tally::ledger;
use aprime_core::rng::{self, mix};

impl Engine<'_> {
    /// Push a new particle on the stack, or absorb it at once below the cuts or (fast mode) the
    /// tracking threshold.
    #[inline]
    pub(super) fn push_or_absorb(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        let cuts = self.settings.cuts;
        match p.kind {
            Kind::Photon => {
                if p.e < cuts.photon {
                    self.deposit(ctx, p.e, &p.pos, p.slab, ledger::CUT);
                    self.residual_track(ctx, p.slab, 0, p.e);
                } else if p.e < fast {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e;
                } else {
                    stack.push(p);
                }
            }
            Kind::Electron | Kind::Positron => {
                if p.e - M_E < cuts.electron {
                    self.absorb_lepton(p, fast, stack, ctx);
                } else if p.e < fast {
                    Self::untrack_lepton(ctx, &p);
                } else {
                    stack.push(p);
                }
            }
        }
    }

    /// An e± below the electron cut: an electron deposits its kinetic energy and stays in the
    /// target (+m_e of rest mass); a positron deposits it and annihilates at rest.
    pub(super) fn absorb_lepton(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        if p.kind == Kind::Positron {
            self.positron_at_rest(p, fast, stack, ctx);
        } else {
            self.deposit(ctx, p.e - M_E, &p.pos, p.slab, ledger::CUT);
            self.residual_track(ctx, p.slab, 0, p.e - M_E);
            ctx.ev.ledger[ledger::REST_MASS] += M_E;
        }
    }

    /// An e± below the fast-mode threshold, not followed: an electron counts its kinetic energy
    /// and stays in the target; a positron counts its total energy plus the m_e of the atomic
    /// electron it will annihilate with.
    pub(super) fn untrack_lepton(ctx: &mut Ctx<'_>, p: &Particle) {
        if p.kind == Kind::Positron {
            ctx.ev.ledger[ledger::UNTRACKED] += p.e + M_E;
            ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        } else {
            ctx.ev.ledger[ledger::UNTRACKED] += p.e - M_E;
            ctx.ev.ledger[ledger::REST_MASS] += M_E;
        }
    }

    /// A positron below the cut: its kinetic energy is deposited, then it annihilates at rest
    /// into two back-to-back photons of m_e each (isotropic).
    pub(super) fn positron_at_rest(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        self.deposit(ctx, p.e - M_E, &p.pos, p.slab, ledger::CUT);
        self.residual_track(ctx, p.slab, 1, p.e - M_E);
        ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        let mut rng = rng::stream(mix(p.key, u64::MAX));
        let d = isotropic(&mut rng);
        for (j, s) in [1.0, -1.0].into_iter().enumerate() {
            let g = Particle {
                kind: Kind::Photon,
                e: M_E,
                pos: p.pos,
                dir: [s * d[0], s * d[1], s * d[2]],
                slab: p.slab,
                key: mix(p.key, u64::MAX - 1 - j as u64),
                primary: false,
                tl_weight: p.tl_weight,
            };
            self.push_or_absorb(g, fast, stack, ctx);
        }
    }

    /// A Compton electron is an atomic electron set in motion: it carries only kinetic energy
    /// out of the photon, so its rest mass is already in the target (ledger: −m_e to cancel the
    /// +m_e booked when any electron stops).
    pub(super) fn push_compton_electron(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        self.push_or_absorb(p, fast, stack, ctx);
    }
}
