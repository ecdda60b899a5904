//! What the secondaries of a source leave in the detector: e.m. showers in the ECAL (from the
//! shower library), MIPs, muons through VETO and HCAL, hadronic showers in the HCAL.

use aprime_core::rng::{Rng, u01_open};

use crate::prepare::Prepared;
use crate::response::{Deposit, DepositKind, Detector, EventDraft, moyal};

/// An e/γ shower of energy `e` at (x, y): the deposit and the energy escaping the back.
pub(super) fn em_deposit(
    prep: &Prepared,
    e: f64,
    x: f64,
    y: f64,
    photon: bool,
    r: &mut Rng,
) -> (Deposit, f64) {
    let (vis, ps, esc) = prep.library.sample(e, photon, r);
    (
        Deposit {
            e_gev: vis,
            ps_gev: ps,
            x_cm: x,
            y_cm: y,
            kind: DepositKind::Em,
        },
        esc,
    )
}

pub(super) fn add_em(
    d: &mut EventDraft,
    det: &Detector<'_>,
    prep: &Prepared,
    e: f64,
    x: f64,
    y: f64,
    photon: bool,
    r: &mut Rng,
) -> f64 {
    if e <= 0.0 {
        return 0.0;
    }
    if !det.grid.contains(x, y) {
        return e;
    }
    let (dep, esc) = em_deposit(prep, e, x, y, photon, r);
    let vis = dep.e_gev;
    d.ecal.push(dep);
    d.ecal_leak_gev += esc;
    e - vis - esc
}

/// Visible energy of a MIP crossing `frac` of the ECAL \[GeV\].
pub(super) fn ecal_mip(det: &Detector<'_>, frac: f64, r: &mut Rng) -> f64 {
    (det.cfg.ecal.mip_gev * frac * (1.0 + 0.08 * moyal(r))).max(0.0)
}

/// A muon of energy `e` leaving the ECAL: VETO crossing and HCAL modules (unless `missed`).
pub(super) fn muon_downstream(
    d: &mut EventDraft,
    det: &Detector<'_>,
    mut e: f64,
    missed: bool,
    r: &mut Rng,
) {
    if missed {
        return;
    }
    d.veto_crossings += 1;
    let h = &det.cfg.hcal;
    for m in 0..det.run.hcal_modules as usize {
        if e <= 0.0 {
            break;
        }
        let loss = h.muon_loss_gev * (1.0 + 0.1 * moyal(r)).max(0.5);
        let vis = (h.muon_mpv_gev + h.muon_width_gev * moyal(r)).max(0.0);
        if e > loss {
            d.hcal_mip_gev[m] += vis;
            e -= loss;
        } else {
            d.hcal_mip_gev[m] += vis * e / loss;
            e = 0.0;
        }
    }
}

/// Hadronic energy `e` (true) deposited in the HCAL modules from module `first` on:
/// exponential longitudinal profile with the interaction in the first module's first λ.
pub(super) fn hadron_hcal(
    d: &mut EventDraft,
    det: &Detector<'_>,
    e: f64,
    first: usize,
    r: &mut Rng,
) {
    let h = &det.cfg.hcal;
    let nm = det.run.hcal_modules as usize;
    if first >= nm {
        return;
    }
    let vis = e * h.hadron_response;
    // Shower depth scale ≈ 1.5 λ (+ log growth): fraction left after module boundaries.
    let start = -u01_open(r).ln(); // λ into the first module
    let scale = 1.5 + 0.3 * (e.max(1.0)).ln();
    let mut left = 1.0;
    for m in first..nm {
        let end = (m - first + 1) as f64 * h.lambda_per_module - start;
        let remain = if end <= 0.0 {
            1.0
        } else {
            (-end / scale).exp()
        };
        let f = left - remain;
        d.hcal_gev[m] += vis * f;
        left = remain;
    }
}
