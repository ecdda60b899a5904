//! Signal: replayed A' events of the shower stage.

use aprime_core::rng::Rng;
use aprime_physics::constants::M_E;
use aprime_shower::SignalEvent;

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Deposit, DepositKind, Detector, EventDraft, SrdSource};

use super::beam_particle::beam_momentum;
use super::work_unit::SourceCtx;

/// A replayed signal event.
pub fn signal(
    det: &Detector<'_>,
    prep: &Prepared,
    set: usize,
    ev: &SignalEvent,
    ctx: SourceCtx,
    r: &mut Rng,
) -> EventDraft {
    let s = &prep.signals[set];
    let p = beam_momentum(det, r);
    let scale = p / det.e0;
    let (pos, ang) = det.beam_spot(r);
    let w = if s.weight_sum > 0.0 {
        ctx.eot * s.yield_per_eot_per_eps2 * ev.weight / s.weight_sum
    } else {
        0.0
    };
    let mut d = EventDraft::new(
        Process::Signal,
        w,
        p,
        ang,
        SrdSource::Radiation {
            e_gev: p,
            mass_gev: M_E,
        },
    );
    d.mass_gev = s.mass_gev;
    d.true_emiss_gev = ev.e_aprime_gev * scale;
    d.ecal.push(Deposit {
        e_gev: ev.ecal_gev * scale,
        ps_gev: ev.preshower_gev * scale,
        x_cm: pos[0],
        y_cm: pos[1],
        kind: DepositKind::Em,
    });
    d.ecal_leak_gev = ev.escaped_gev * scale;
    d
}
