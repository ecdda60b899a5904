//! Photo-nuclear hadron production by a shower photon in the target.

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::M_E;

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Deposit, DepositKind, Detector, EventDraft, SrdSource};

use super::beam_particle::beam_momentum;
use super::deposits::{add_em, hadron_hcal};
use super::work_unit::SourceCtx;

/// Photo-nuclear interaction of a shower photon in the target (hadrons, leading neutrals,
/// punch-through).
pub fn hadron_target(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let ph = &prep.photons;
    let phys = &det.cfg.physics;
    let p = beam_momentum(det, r);
    let (pos, ang) = det.beam_spot(r);
    let forced = i % 2 == 1;
    let pp = det.run.punch_through_probability;
    let base = ctx.eot * ph.nuclear_per_eot / ctx.n as f64 * 2.0;
    // Forced events: photons above 0.3 E0 only (softer ones cannot reach the box).
    let (k, w) = if forced {
        let (k, frac) = ph.sample_nuclear_above(0.3 * det.e0, u01(r));
        (k, base * pp * frac)
    } else {
        (ph.sample_nuclear(u01(r)), base * (1.0 - pp))
    };
    let k = k.min(p - 0.01);
    let mut d = EventDraft::new(
        Process::HadronTarget,
        w,
        p,
        ang,
        SrdSource::Radiation {
            e_gev: p,
            mass_gev: M_E,
        },
    );
    add_em(&mut d, det, prep, p - k, pos[0], pos[1], false, r);
    let [f_lo, f_hi] = phys.hadron_ecal_fraction;
    if forced {
        // Leading neutral (n, K0_L) carries almost everything and escapes undetected.
        let f = 0.05 * u01(r);
        d.ecal.push(Deposit {
            e_gev: f * k * 0.8,
            ps_gev: 0.0,
            x_cm: pos[0],
            y_cm: pos[1],
            kind: DepositKind::Hadron,
        });
        d.true_emiss_gev = k * (1.0 - f);
    } else {
        let f = f_lo + (f_hi - f_lo) * u01(r);
        d.ecal.push(Deposit {
            e_gev: f * k * 0.8,
            ps_gev: 0.0,
            x_cm: pos[0],
            y_cm: pos[1],
            kind: DepositKind::Hadron,
        });
        if u01(r) < 0.7 {
            d.veto_crossings += 1 + (u01(r) * 3.0) as u32;
        }
        hadron_hcal(&mut d, det, k * (1.0 - f), 0, r);
    }
    d
}
