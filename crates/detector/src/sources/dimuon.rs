//! Dimuon production γZ → μ⁺μ⁻Z by a shower photon.

use aprime_core::rng::{Rng, u01, u01_open};
use aprime_physics::constants::{M_E, M_MU};

use crate::event::Process;
use crate::prepare::{Prepared, sample_dimuon_x};
use crate::response::{Deposit, DepositKind, Detector, EventDraft, SrdSource};

use super::beam_particle::beam_momentum;
use super::deposits::{add_em, ecal_mip, muon_downstream};
use super::work_unit::SourceCtx;

/// γZ → μ⁺μ⁻Z of a shower photon (paper 002 eq. 16–22).
pub fn dimuon(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let ph = &prep.photons;
    let p = beam_momentum(det, r);
    let (pos, ang) = det.beam_spot(r);
    let forced = i % 2 == 1;
    let pm = det.run.muon_miss_probability;
    let base = ctx.eot * ph.dimuon_per_eot / ctx.n as f64 * 2.0;
    let w = if forced {
        base * pm * pm
    } else {
        base * (1.0 - pm * pm)
    };
    let mut d = EventDraft::new(
        Process::Dimuon,
        w,
        p,
        ang,
        SrdSource::Radiation {
            e_gev: p,
            mass_gev: M_E,
        },
    );
    let k = ph.sample_dimuon(u01(r)).min(p - 0.01);
    let x = sample_dimuon_x(k, r);
    // Conversion depth: hard photons come from the first radiation lengths (emission ≈ 1 X0,
    // conversion 9/7 X0 on average); fraction of the ECAL length left behind.
    let depth_x0 = -u01_open(r).ln() - (9.0 / 7.0) * u01_open(r).ln();
    let left = (1.0 - depth_x0 / 40.0).clamp(0.0, 1.0);
    add_em(&mut d, det, prep, p - k, pos[0], pos[1], false, r);
    let mut visible_mu = 0.0;
    for e_mu in [x * k, (1.0 - x) * k] {
        let t_mu = e_mu - M_MU;
        let dep = ecal_mip(det, left, r);
        if t_mu <= dep {
            // Stops in the ECAL (its decay products stay there).
            visible_mu += t_mu.max(0.0);
            continue;
        }
        visible_mu += dep;
        let missed = forced || u01(r) < pm;
        muon_downstream(&mut d, det, t_mu - dep, missed, r);
    }
    d.ecal.push(Deposit {
        e_gev: visible_mu,
        ps_gev: 0.0,
        x_cm: pos[0],
        y_cm: pos[1],
        kind: DepositKind::Track,
    });
    d
}
