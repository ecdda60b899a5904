//! Ordinary beam electrons (e.m. showers in the ECAL).

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::M_E;

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Detector, EventDraft, SrdSource};

use super::beam_particle::beam_momentum;
use super::deposits::add_em;
use super::work_unit::SourceCtx;

/// Ordinary beam electron (including the low-energy tail).
pub fn em_shower(det: &Detector<'_>, prep: &Prepared, ctx: SourceCtx, r: &mut Rng) -> EventDraft {
    let b = &det.cfg.beam;
    let p = if u01(r) < b.tail_fraction {
        b.tail_min_gev + (det.e0 - b.tail_min_gev) * u01(r)
    } else {
        beam_momentum(det, r)
    };
    let (pos, ang) = det.beam_spot(r);
    let mut d = EventDraft::new(
        Process::EmShower,
        ctx.eot / ctx.n as f64,
        p,
        ang,
        SrdSource::Radiation {
            e_gev: p,
            mass_gev: M_E,
        },
    );
    add_em(&mut d, det, prep, p, pos[0], pos[1], false, r);
    d
}
