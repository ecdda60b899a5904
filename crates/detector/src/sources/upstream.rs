//! Interactions of beam electrons upstream of the ECAL.

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::M_E;

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Detector, EventDraft, SrdSource, gauss};

use super::beam_particle::beam_momentum;
use super::deposits::{add_em, hadron_hcal};
use super::work_unit::SourceCtx;

/// Interaction of a beam electron in the material between the magnets and the ECAL: a degraded
/// electron with E ∝ exp(p2·E) (paper 002 §VIII) and secondaries that may escape.
///
/// Importance sampling: E_e is drawn half uniformly over the simulated range and half uniformly
/// within −15/+10 GeV of the signal-box edge; odd events are forced into the topology where all
/// secondaries escape (no VETO, HCAL, HCAL0 or straw activity), even events are drawn from the
/// complement; the weights carry the true probabilities.
pub fn upstream(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let phys = &det.cfg.physics;
    let run = det.run;
    let p = beam_momentum(det, r);
    let (pos, ang) = det.beam_spot(r);
    let (lo, hi) = (phys.upstream_min_gev, phys.upstream_max_gev.min(p));
    let (wlo, whi) = (
        (ctx.box_edge_gev - 15.0).max(lo),
        (ctx.box_edge_gev + 10.0).min(hi),
    );
    let e = if u01(r) < 0.5 || whi <= wlo {
        lo + (hi - lo) * u01(r)
    } else {
        wlo + (whi - wlo) * u01(r)
    };
    let s = run.upstream_slope_per_gev;
    // True density s·e^{s(E−hi)}/(1 − e^{s(lo−hi)}) (the spectrum above `upstream_max_gev`,
    // beyond the trigger threshold, is not simulated) over the sampling density.
    let pdf = s * (s * (e - hi)).exp() / (1.0 - (s * (lo - hi)).exp());
    let in_window = if whi > wlo && e >= wlo && e <= whi {
        0.5 / (whi - wlo)
    } else {
        0.0
    };
    let q = 0.5 / (hi - lo) + in_window;
    // Probability that every secondary escapes.
    let h0 = if run.hcal0 {
        phys.upstream_hcal0_probability
    } else {
        0.0
    };
    let p_esc = (1.0 - phys.upstream_veto_probability)
        * (1.0 - phys.upstream_hcal_probability)
        * (1.0 - phys.upstream_straw_probability)
        * (1.0 - h0);
    let forced = i % 2 == 1;
    let topo = if forced { p_esc } else { 1.0 - p_esc };
    let w = ctx.eot * run.upstream_rate_per_eot / ctx.n as f64 * pdf / q * topo * 2.0;
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
    let deficit = p - e;
    // The degraded electron is scattered: its impact moves by θ × ≈ 5 m.
    let th = phys.upstream_angle_mrad * 1e-3 * 500.0;
    let (x, y) = (pos[0] + th * gauss(r), pos[1] + th * gauss(r));
    add_em(&mut d, det, prep, e, x, y, false, r);
    // Which secondaries are seen: none when forced, else anything but "none".
    let (veto, hcal, straw, zero) = if forced {
        (false, false, false, false)
    } else {
        loop {
            let t = (
                u01(r) < phys.upstream_veto_probability,
                u01(r) < phys.upstream_hcal_probability,
                u01(r) < phys.upstream_straw_probability,
                u01(r) < h0,
            );
            if t.0 || t.1 || t.2 || t.3 || p_esc >= 1.0 {
                break t;
            }
        }
    };
    let mut lost = deficit;
    if veto {
        d.veto_crossings += 1 + (u01(r) * 2.0) as u32;
    }
    if hcal {
        let [a, b] = phys.upstream_hcal_fraction;
        let f = a + (b - a) * u01(r);
        hadron_hcal(&mut d, det, f * deficit, 0, r);
        lost -= f * deficit;
    }
    if straw {
        d.straw_extra += 1 + (u01(r) * 4.0) as u32;
    }
    if zero {
        let f = 0.2 + 0.6 * u01(r);
        d.hcal0_gev += f * lost * det.cfg.hcal.hadron_response;
        lost -= f * lost;
    }
    d.true_emiss_gev = lost.max(0.0);
    d
}
