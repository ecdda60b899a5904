//! Decays in flight of beam π, K, μ into an electron.

use aprime_core::rng::{Rng, u01};
use aprime_physics::constants::{M_E, M_K, M_MU, M_PI};

use crate::event::Process;
use crate::prepare::Prepared;
use crate::response::{Detector, EventDraft};

use super::beam_particle::{beam_momentum, srd_tag};
use super::deposits::add_em;
use super::work_unit::SourceCtx;

/// π⁰ mass \[GeV\] (PDG).
const M_PI0: f64 = 0.134_977;
/// cτ of π± \[m\] (PDG).
const CTAU_PI: f64 = 7.8045;
/// cτ of K± \[m\] (PDG).
const CTAU_K: f64 = 3.7115;
/// cτ of μ \[m\] (PDG).
const CTAU_MU: f64 = 658.638;
/// BR(π → eν) (PDG).
const BR_PI_ENU: f64 = 1.230e-4;
/// BR(K → eν) (PDG).
const BR_K_ENU: f64 = 1.582e-5;
/// BR(K± → π⁰e±ν) (PDG, K_e3).
const BR_KE3: f64 = 0.0507;
/// K_e3 form-factor slope λ₊ (PDG, f₊(t) = 1 + λ₊ t/m_π²).
const LAMBDA_PLUS: f64 = 0.0297;

/// Lorentz boost of a rest-frame 4-vector (E, p) along z with γ, γβ.
fn boost(e: f64, p: [f64; 3], g: f64, gb: f64) -> (f64, [f64; 3]) {
    (g * e + gb * p[2], [p[0], p[1], gb * e + g * p[2]])
}

/// Random unit vector.
fn iso(r: &mut Rng) -> [f64; 3] {
    let c = 2.0 * u01(r) - 1.0;
    let s = (1.0 - c * c).max(0.0).sqrt();
    let (sp, cp) = (std::f64::consts::TAU * u01(r)).sin_cos();
    [s * cp, s * sp, c]
}

fn scale(v: [f64; 3], a: f64) -> [f64; 3] {
    [v[0] * a, v[1] * a, v[2] * a]
}

/// Visible daughters (E, p) in the parent rest frame of one decay, and the decay label.
fn decay_products(channel: usize, r: &mut Rng) -> Vec<(f64, [f64; 3], bool)> {
    // Returns (E, p, is_photon) of e and γ; neutrinos omitted.
    match channel {
        0 | 1 => {
            let m = if channel == 0 { M_PI } else { M_K };
            let pe = (m * m - M_E * M_E) / (2.0 * m);
            vec![((pe * pe + M_E * M_E).sqrt(), scale(iso(r), pe), false)]
        }
        2 => {
            // K_e3: Dalitz density ∝ f₊²(t)(2E_eE_ν − m_K E'_π), m_e → 0 (PDG review of K_l3).
            let mk = M_K;
            let epi_max = (mk * mk + M_PI0 * M_PI0) / (2.0 * mk);
            let rho_max = mk * mk * 0.5 * 1.3;
            for _ in 0..10_000 {
                let ee = 0.5 * mk * u01(r);
                let en = 0.5 * mk * u01(r);
                let epi = mk - ee - en;
                if epi < M_PI0 {
                    continue;
                }
                let ppi = (epi * epi - M_PI0 * M_PI0).sqrt();
                if ppi > ee + en || ppi < (ee - en).abs() {
                    continue;
                }
                let t = mk * mk + M_PI0 * M_PI0 - 2.0 * mk * epi;
                let f = 1.0 + LAMBDA_PLUS * t / (M_PI * M_PI);
                let rho = f * f * (2.0 * ee * en - mk * (epi_max - epi));
                if u01(r) * rho_max * 1.5 > rho {
                    continue;
                }
                // e along u, ν at angle θ from p_π² = p_e² + p_ν² + 2 p_e p_ν cos θ.
                let u = iso(r);
                let cos = ((ppi * ppi - ee * ee - en * en) / (2.0 * ee * en)).clamp(-1.0, 1.0);
                let sin = (1.0 - cos * cos).sqrt();
                let w = iso(r);
                // Orthonormal vector to u.
                let dot = u[0] * w[0] + u[1] * w[1] + u[2] * w[2];
                let mut v = [w[0] - dot * u[0], w[1] - dot * u[1], w[2] - dot * u[2]];
                let n = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt().max(1e-12);
                v = scale(v, 1.0 / n);
                let pe = scale(u, ee);
                let pn = [
                    en * (cos * u[0] + sin * v[0]),
                    en * (cos * u[1] + sin * v[1]),
                    en * (cos * u[2] + sin * v[2]),
                ];
                let pp = [-(pe[0] + pn[0]), -(pe[1] + pn[1]), -(pe[2] + pn[2])];
                // π⁰ → γγ isotropic in the π⁰ frame, boosted along p_π.
                let gq = iso(r);
                let half = 0.5 * M_PI0;
                let gpi = epi / M_PI0;
                let bpi = scale(pp, 1.0 / epi);
                let mut out = vec![(ee, pe, false)];
                for sgn in [1.0, -1.0] {
                    let q = scale(gq, sgn * half);
                    let bq = bpi[0] * q[0] + bpi[1] * q[1] + bpi[2] * q[2];
                    let b2 = bpi[0] * bpi[0] + bpi[1] * bpi[1] + bpi[2] * bpi[2];
                    let coef = if b2 > 0.0 {
                        (gpi - 1.0) * bq / b2 + gpi * half
                    } else {
                        0.0
                    };
                    let e = gpi * (half + bq);
                    out.push((
                        e,
                        [
                            q[0] + coef * bpi[0],
                            q[1] + coef * bpi[1],
                            q[2] + coef * bpi[2],
                        ],
                        true,
                    ));
                }
                return out;
            }
            Vec::new()
        }
        _ => {
            // μ → eνν̄: Michel spectrum x²(3 − 2x), unpolarised (CHOICE).
            let x = loop {
                let x = u01(r);
                if u01(r) <= x * x * (3.0 - 2.0 * x) {
                    break x;
                }
            };
            let pe = 0.5 * M_MU * x;
            vec![(pe, scale(iso(r), pe), false)]
        }
    }
}

/// Decay of a beam π, K or μ in flight in front of the ECAL into an electron (and photons),
/// accompanied by a fake electron tag in the SRD (paper 002 §VIII (ii)).
pub fn decay_in_flight(
    det: &Detector<'_>,
    prep: &Prepared,
    ctx: SourceCtx,
    i: u64,
    r: &mut Rng,
) -> EventDraft {
    let b = &det.cfg.beam;
    let p = beam_momentum(det, r);
    let l = b.decay_length_m;
    // Channel rates per EOT: f_h · P(decay in L) · BR.
    let rates = [
        b.pion_fraction * l / (det.e0 / M_PI * CTAU_PI) * BR_PI_ENU,
        b.kaon_fraction * l / (det.e0 / M_K * CTAU_K) * BR_K_ENU,
        b.kaon_fraction * l / (det.e0 / M_K * CTAU_K) * BR_KE3,
        b.muon_fraction * l / (det.e0 / M_MU * CTAU_MU),
    ];
    let total: f64 = rates.iter().sum();
    let u = u01(r) * total;
    let mut acc = 0.0;
    let mut ch = 3;
    for (k, rt) in rates.iter().enumerate() {
        acc += rt;
        if u < acc {
            ch = k;
            break;
        }
    }
    let mass = [M_PI, M_K, M_K, M_MU][ch];
    let forced = i % 2 == 1;
    let (w, srd) = srd_tag(det, ctx, total, forced, p, mass);
    let (pos, ang) = det.beam_spot(r);
    let mut d = EventDraft::new(Process::DecayInFlight, w, p, ang, srd);
    let g = (p * p + mass * mass).sqrt() / mass;
    let gb = p / mass;
    let dist_cm = l * 100.0 * u01(r);
    let mut visible = 0.0;
    for (e, q, photon) in decay_products(ch, r) {
        let (el, pl) = boost(e, q, g, gb);
        if pl[2] <= 0.0 || el <= 0.0 {
            continue;
        }
        let x = pos[0] + dist_cm * pl[0] / pl[2];
        let y = pos[1] + dist_cm * pl[1] / pl[2];
        let lost = add_em(&mut d, det, prep, el, x, y, photon, r);
        visible += el - lost;
    }
    d.true_emiss_gev = (p - visible).max(0.0);
    d
}
