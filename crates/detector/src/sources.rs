//! Event sources: each turns random numbers into an [`EventDraft`] with a weight such that
//! Σ weight is the expected number of events for the run's EOT-equivalent. Rare topologies are
//! forced in a fixed fraction of the events and weighted down by their probability (importance
//! sampling), so the signal box gets enough statistics.
//!
//! | source | rate per EOT | forced topology |
//! |---|---|---|
//! | `em_shower` | 1 (beam electrons, incl. a low-energy tail) | — |
//! | `signal` | A' yield per ε² from the shower stage (weights per ε²) | — |
//! | `dimuon` | ∫ dN/dk P_μμ(k) dk (physics, [`PhotonSpectrum`]) | half: both muons undetected (p_miss²) |
//! | `hadron_target` | ∫ dN/dk P_γA(k) dk, k > 1 GeV | half: leading neutral punches through |
//! | `upstream` | run's `upstream_rate_per_eot` (TUNED), E_e ∝ exp(p2 E), sampled flat and around the box edge | half: all secondaries escape |
//! | `decay_in_flight` | f_h · L/(γβcτ) · BR for π, K → eν, K_e3, μ → eνν̄ | half: fake SRD tag (TUNED probability) |
//! | `mistagged_hadron` | f_π, f_K, f_μ | half fake-tagged; hadrons: 1/3 of those charge-exchange leaks (TUNED) |
//!
//! [`PhotonSpectrum`]: crate::prepare::PhotonSpectrum

use aprime_core::rng::{Rng, u01, u01_open};
use aprime_physics::constants::{M_E, M_K, M_MU, M_PI};
use aprime_shower::SignalEvent;

use crate::event::Process;
use crate::prepare::{Prepared, sample_dimuon_x};
use crate::response::{Deposit, DepositKind, Detector, EventDraft, SrdSource, gauss, moyal};

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

/// The kinds of sources (the work units of a simulation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Ordinary e⁻ showers.
    EmShower,
    /// Signal of A' mass index k.
    Signal(usize),
    /// Dimuon production.
    Dimuon,
    /// Photo-nuclear hadron production in the target.
    HadronTarget,
    /// Upstream interactions.
    Upstream,
    /// Decays in flight.
    DecayInFlight,
    /// Mis-tagged beam hadrons.
    MistaggedHadron,
}

impl Source {
    /// Stable id (random-key derivation).
    pub fn id(self) -> u64 {
        match self {
            Self::EmShower => 1,
            Self::Dimuon => 2,
            Self::HadronTarget => 3,
            Self::Upstream => 4,
            Self::DecayInFlight => 5,
            Self::MistaggedHadron => 6,
            Self::Signal(k) => 100 + k as u64,
        }
    }
}

/// What a source needs besides the detector: the run's EOT-equivalent and the sample size.
#[derive(Debug, Clone, Copy)]
pub struct SourceCtx {
    /// EOT-equivalent of the run.
    pub eot: f64,
    /// Events of this source in this run.
    pub n: u64,
    /// E_ECAL cut of the run's signal box \[GeV\] (where rare sources are sampled densely).
    pub box_edge_gev: f64,
}

/// Weight and SRD response of a beam μ/π/K event (fraction `total` of the beam): every second
/// event is forced to carry a fake electron tag (probability `srd_fake_tag_probability`), the
/// others radiate as what they are; each half carries twice its share of the rate.
fn srd_tag(
    det: &Detector<'_>,
    ctx: SourceCtx,
    total: f64,
    fake: bool,
    p: f64,
    mass: f64,
) -> (f64, SrdSource) {
    let pf = det.run.srd_fake_tag_probability;
    let base = ctx.eot * total / ctx.n as f64 * 2.0;
    if fake {
        (base * pf, SrdSource::Fake)
    } else {
        (
            base * (1.0 - pf),
            SrdSource::Radiation {
                e_gev: p,
                mass_gev: mass,
            },
        )
    }
}

fn beam_momentum(det: &Detector<'_>, r: &mut Rng) -> f64 {
    det.e0 * (1.0 + det.cfg.beam.momentum_spread * gauss(r))
}

/// An e/γ shower of energy `e` at (x, y): the deposit and the energy escaping the back.
fn em_deposit(
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

fn add_em(
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
fn ecal_mip(det: &Detector<'_>, frac: f64, r: &mut Rng) -> f64 {
    (det.cfg.ecal.mip_gev * frac * (1.0 + 0.08 * moyal(r))).max(0.0)
}

/// A muon of energy `e` leaving the ECAL: VETO crossing and HCAL modules (unless `missed`).
fn muon_downstream(d: &mut EventDraft, det: &Detector<'_>, mut e: f64, missed: bool, r: &mut Rng) {
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
fn hadron_hcal(d: &mut EventDraft, det: &Detector<'_>, e: f64, first: usize, r: &mut Rng) {
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
