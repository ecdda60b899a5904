//! Interactions of beam electrons in the beam-line material behind the spectrometer magnets:
//! electroproduction e A → e′ X ([`Electroproduction`]), the degraded electron showering in
//! the ECAL with E′ = E − ν and the hadrons X escaping or not.
//!
//! [`Electroproduction`]: super::electroproduction::Electroproduction

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::M_E;

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Detector, EventDraft, SrdSource};

use super::beam_particle::beam_momentum;
use super::deposits::{add_em, hadron_hcal};
use super::electroproduction::Electroproduction;
use super::work_unit::SourceCtx;

/// An electroproduction in the beam-line material.
///
/// Importance sampling: E′ is drawn half uniformly over \[`upstream_min_gev`, E − ν_min\] and
/// half uniformly within −15/+10 GeV of the signal-box edge; odd events are forced into the rare
/// topology where the hadrons escape the calorimeters (no VETO or HCAL activity, probability
/// exp(−κν)), even events into the complement; straw hits and HCAL0 are drawn as they come in
/// both. The weights carry the true rate per EOT and the forced probability.
pub fn upstream(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let phys = &det.cfg.physics;
    let run = det.run;
    let ep = Electroproduction::new(det.cfg, det.run_index as usize);
    let p = beam_momentum(det, r);
    let (pos, ang) = det.beam_spot(r);
    let (lo, hi) = (phys.upstream_min_gev, p - phys.photonuclear_min_gev);
    let (wlo, whi) = (
        (ctx.box_edge_gev - 15.0).max(lo),
        (ctx.box_edge_gev + 10.0).min(hi),
    );
    let e = if u01(r) < 0.5 || whi <= wlo {
        lo + (hi - lo) * u01(r)
    } else {
        wlo + (whi - wlo) * u01(r)
    };
    let nu = p - e;
    let in_window = if whi > wlo && e >= wlo && e <= whi {
        0.5 / (whi - wlo)
    } else {
        0.0
    };
    let q = if hi > lo { 0.5 / (hi - lo) } else { 0.0 } + in_window;
    // Stratified on whether the hadrons reach the calorimeters (VETO, HCAL): rare when ν is large.
    let p_esc = ep.escape(nu);
    let forced = i % 2 == 1;
    let topo = if forced { p_esc } else { 1.0 - p_esc };
    let rate = if q > 0.0 { ep.per_gev(p, nu) / q } else { 0.0 };
    let w = ctx.eot * rate / ctx.n as f64 * topo * 2.0;
    let mut d = EventDraft::new(
        Process::Upstream,
        w,
        p,
        ang,
        SrdSource::Radiation {
            e_gev: p,
            mass_gev: M_E,
        },
    );
    // The degraded electron is scattered by θ (from the photon's virtuality) over the escape
    // distance to the calorimeters.
    let q2 = ep.sample_q2(p, nu, r);
    let offset_cm =
        Electroproduction::electron_angle(p, nu, q2) * run.upstream_escape_distance_m * 100.0;
    let phi = std::f64::consts::TAU * u01(r);
    let (x, y) = (
        pos[0] + offset_cm * phi.cos(),
        pos[1] + offset_cm * phi.sin(),
    );
    add_em(&mut d, det, prep, e, x, y, false, r);
    let mut lost = nu;
    if !forced {
        if u01(r) < phys.upstream_veto_probability {
            d.veto_crossings += 1 + (u01(r) * 2.0) as u32;
        }
        let [a, b] = phys.upstream_hcal_fraction;
        let f = a + (b - a) * u01(r);
        hadron_hcal(&mut d, det, f * nu, 0, r);
        lost -= f * nu;
    }
    if u01(r) < phys.upstream_straw_probability {
        d.straw_extra += 1 + (u01(r) * 4.0) as u32;
    }
    if run.hcal0 && u01(r) < phys.upstream_hcal0_probability {
        let f = 0.2 + 0.6 * u01(r);
        d.hcal0_gev += f * lost * det.cfg.hcal.hadron_response;
        lost -= f * lost;
    }
    d.true_emiss_gev = lost.max(0.0);
    d
}
