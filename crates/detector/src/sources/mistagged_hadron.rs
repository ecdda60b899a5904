//! Beam hadrons and muons mis-tagged as electrons.

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::{M_K, M_MU, M_PI};

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Deposit, DepositKind, Detector, EventDraft};

use super::beam_particle::{beam_momentum, srd_tag};
use super::deposits::{add_em, ecal_mip, hadron_hcal, muon_downstream};
use super::work_unit::SourceCtx;

/// A beam π, K or μ taken for an electron: hadronic interaction in the ECAL, or a MIP; a
/// charge-exchange-like reaction with a poorly detected leading neutral can fake the signal
/// (paper 002 §VIII: "μ, π, K interactions in the target").
pub fn mistagged_hadron(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let b = &det.cfg.beam;
    let phys = &det.cfg.physics;
    let run = det.run;
    let p = beam_momentum(det, r);
    let fr = [b.pion_fraction, b.kaon_fraction, b.muon_fraction];
    let total: f64 = fr.iter().sum();
    let u = u01(r) * total;
    let species = if u < fr[0] {
        0
    } else if u < fr[0] + fr[1] {
        1
    } else {
        2
    };
    let mass = [M_PI, M_K, M_MU][species];
    // Half of the events fake-tagged; of those, hadrons: 1/3 forced into the leak topology.
    let tagged = i % 2 == 1;
    let (mut w, srd) = srd_tag(det, ctx, total, tagged, p, mass);
    let (pos, ang) = det.beam_spot(r);
    let ec = &det.cfg.ecal;
    let p_int = 1.0 - (-ec.length_cm / ec.interaction_length_cm).exp();
    let leak = phys.charge_exchange_fraction * run.hadron_leak_probability;
    let leak_topology = species < 2 && tagged && (i / 2).is_multiple_of(3);
    if species < 2 && tagged {
        w *= if leak_topology {
            3.0 * p_int * leak
        } else {
            1.5 * (1.0 - p_int * leak)
        };
    }
    let mut d = EventDraft::new(Process::MistaggedHadron, w, p, ang, srd);
    if species == 2 {
        d.ecal.push(Deposit {
            e_gev: ecal_mip(det, 1.0, r),
            ps_gev: 0.01,
            x_cm: pos[0],
            y_cm: pos[1],
            kind: DepositKind::Track,
        });
        muon_downstream(&mut d, det, p - ec.mip_gev, false, r);
        return d;
    }
    if leak_topology {
        // Leading π⁰ (a photon pair: an e.m. shower) and an undetected neutral.
        let z = 0.1 + 0.6 * u01(r);
        let lost = add_em(&mut d, det, prep, z * p, pos[0], pos[1], true, r);
        d.true_emiss_gev = (1.0 - z) * p + lost;
        return d;
    }
    if u01(r) < p_int {
        let [f_lo, f_hi] = phys.hadron_ecal_fraction;
        let f = f_lo + (f_hi - f_lo) * u01(r);
        let depth = u01(r);
        d.ecal.push(Deposit {
            e_gev: f * p * 0.8,
            ps_gev: if depth < 0.1 { 0.3 * f * p * 0.8 } else { 0.02 },
            x_cm: pos[0],
            y_cm: pos[1],
            kind: DepositKind::Hadron,
        });
        d.veto_crossings += 1 + (u01(r) * 3.0) as u32;
        hadron_hcal(&mut d, det, (1.0 - f) * p, 0, r);
    } else {
        d.ecal.push(Deposit {
            e_gev: ecal_mip(det, 1.0, r),
            ps_gev: 0.01,
            x_cm: pos[0],
            y_cm: pos[1],
            kind: DepositKind::Track,
        });
        d.veto_crossings += 1;
        hadron_hcal(&mut d, det, p - ec.mip_gev, 0, r);
    }
    d
}
