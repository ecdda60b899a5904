//! Charged-particle (e±) transport in condensed-history steps (see the module documentation of
//! [`crate::transport`]): the limits of a step, the continuous loss and the scoring over it,
//! multiple scattering at its end, and what ends it — a boundary, a discrete bremsstrahlung or
//! annihilation in flight (integral method), or the forced A' emission of a replay.

use aprime_physics::constants::M_E;

use super::engine::Engine;
use super::event::{Ctx, Emission, EventOut};
use super::particle::{Kind, Particle, rotate, rotate_polar};
use crate::dark::DarkProcess;
use crate::em::brem::ALPHA_RE2_CM2;
use crate::em::{MaterialPhysics, pair, positron};
use crate::run_config::HardPhotonCopies;
use crate::tally::ledger;
use aprime_core::rng::{self, Rng, exp1, mix, normal_pair, u01};
use aprime_core::seed::salt;

/// Highland's constant, 13.6 MeV \[GeV\] (PDG, Passage of particles through matter, eq. 34.15).
const HIGHLAND_GEV: f64 = 13.6e-3;

/// What ended a charged step.
enum Limit {
    /// A discrete interaction (to be accepted or rejected, integral method).
    Disc,
    /// The range down to the electron cut.
    Stop,
    /// A slab or lateral boundary.
    Geo,
    /// The step-length limits (range fraction, length in X0).
    Free,
    /// The forced A' emission of a replay.
    Emit(Emission),
}

/// Whether the track goes on after a step.
enum After {
    Continue,
    End,
}

/// The state of one e± track between steps: its random stream, the number of secondaries it
/// has made (the n-th gets the key mix(key, n)), its step count and the mean free paths left to
/// the next discrete interaction.
struct Track {
    /// 0 for e⁻, 1 for e⁺ (table index).
    q: usize,
    rng: Rng,
    children: u64,
    step: u32,
    mfp_left: f64,
}

/// A step as planned at its start.
struct Step {
    /// Material index.
    mi: usize,
    /// Kinetic energy at the start \[GeV\].
    t: f64,
    /// Energy-grid cell (index, fraction) of `t`.
    cell: (usize, f64),
    /// Residual CSDA range at the start \[cm\].
    range: f64,
    /// Total discrete cross section at the start \[1/cm\].
    sigma: f64,
    /// Length \[cm\].
    s: f64,
    /// Whether the boundary ahead is the lateral one.
    lateral: bool,
    /// What ends it.
    limit: Limit,
}

/// Linear interpolation of a table at an energy-grid cell.
#[inline]
fn at(v: &[f64], (i, f): (usize, f64)) -> f64 {
    v[i] + f * (v[i + 1] - v[i])
}

/// Macroscopic cross sections \[1/cm\] of the discrete processes (bremsstrahlung above the photon
/// cut, e⁺ annihilation in flight) at an energy-grid cell.
#[inline]
fn discrete_sigma(m: &MaterialPhysics, q: usize, cell: (usize, f64)) -> (f64, f64) {
    let brem = at(&m.brem_total, cell);
    let annihilation = if q == 1 {
        at(&m.annihilation, cell)
    } else {
        0.0
    };
    (brem, annihilation)
}

/// Multiple scattering at the end of a step of `s` cm in a material of radiation length `x0_cm`:
/// Gaussian projected angles of Highland width at one X0, θ0 = 13.6 MeV/(βcp)·sqrt(s/X0),
/// additive over steps (PDG eq. 34.15 without the logarithmic term).
fn scatter(p: &mut Particle, e_mid: f64, s: f64, x0_cm: f64, rng: &mut Rng) {
    if s > 0.0 {
        let pm = (e_mid * e_mid - M_E * M_E).max(1e-30).sqrt();
        let beta_p = pm * pm / e_mid;
        let th0 = HIGHLAND_GEV / beta_p * (s / x0_cm).sqrt();
        let (gx, gy) = normal_pair(rng);
        let (tx, ty) = (th0 * gx, th0 * gy);
        let th = tx.hypot(ty).min(std::f64::consts::PI);
        if th > 0.0 {
            let (st, ct) = th.sin_cos();
            let h = tx.hypot(ty);
            rotate(&mut p.dir, ct, st, tx / h, ty / h);
        }
    }
}

impl Engine<'_> {
    /// Follow an e± until it stops, leaves the target, annihilates or falls below the fast-mode
    /// threshold.
    pub(super) fn charged(
        &self,
        mut p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        let mut rng = rng::stream(p.key);
        let mfp_left = exp1(&mut rng);
        let mut tr = Track {
            q: usize::from(p.kind == Kind::Positron),
            rng,
            children: 0,
            step: 0,
            mfp_left,
        };
        loop {
            if p.e < fast {
                // Fast mode: nothing below the threshold is followed.
                Self::untrack_lepton(ctx, &p);
                return;
            }
            if p.e - M_E <= self.settings.cuts.electron {
                self.absorb_lepton(p, fast, stack, ctx);
                return;
            }
            let step = self.plan_step(&p, &tr, ctx);
            tr.step += 1;
            let e_mid = self.advance(&mut p, &step, tr.q, tr.step - 1, ctx);
            tr.mfp_left -= step.s * step.sigma;
            // Copies (all above E_min ≳ 30 GeV) fly straight: θ0 < 0.5 mrad per X0 changes
            // their path lengths by < 1e-6 ([`crate::HardPhotonCopies`]).
            if !ctx.copies {
                scatter(&mut p, e_mid, step.s, self.mats[step.mi].x0_cm, &mut tr.rng);
            }
            let after = match step.limit {
                Limit::Geo => {
                    if self.cross(&mut p, step.lateral) {
                        After::Continue
                    } else {
                        Self::escape(ctx, &p);
                        After::End
                    }
                }
                Limit::Stop | Limit::Free => After::Continue,
                Limit::Emit(em) => self.emit_dark(&mut p, em, step.mi, ctx),
                Limit::Disc => self.discrete(&mut p, &mut tr, &step, fast, stack, ctx),
            };
            if let After::End = after {
                return;
            }
        }
    }

    /// The next step: the shortest of the distance to the next discrete interaction, the range
    /// down to the cut, the step-length limits and the distance to the boundary; in a replay,
    /// the chosen step is cut at the emission point.
    fn plan_step(&self, p: &Particle, tr: &Track, ctx: &Ctx<'_>) -> Step {
        let (cuts, set) = (self.settings.cuts, &self.settings);
        let t = p.e - M_E;
        let mi = self.geom.slabs[p.slab].material;
        let m = &self.mats[mi];
        let cell = m.grid.locate_ln(t.ln());
        let (sig_b, sig_a) = discrete_sigma(m, tr.q, cell);
        let sigma = sig_b + sig_a;
        let s_disc = if sigma > 0.0 {
            tr.mfp_left / sigma
        } else {
            f64::INFINITY
        };
        let range = m.range(tr.q, t);
        let s_stop = (range - m.range(tr.q, cuts.electron)).max(0.0);
        let s_lim = (set.range_fraction * range)
            .max(1e-5)
            .min(set.max_step_x0 * m.x0_cm);
        let (s_geo, lateral) = self.distance_out(p);
        let mut s = s_disc.min(s_stop).min(s_lim).min(s_geo);
        let mut limit = if s == s_geo {
            Limit::Geo
        } else if s == s_stop {
            Limit::Stop
        } else if s == s_disc {
            Limit::Disc
        } else {
            Limit::Free
        };
        if let Some((_, em)) = ctx.replay
            && em.key == p.key
            && em.step == tr.step
        {
            s *= em.frac;
            limit = Limit::Emit(em);
        }
        Step {
            mi,
            t,
            cell,
            range,
            sigma,
            s,
            lateral,
            limit,
        }
    }

    /// Move along the step: the continuous loss from the range table (exact for CSDA) deposited
    /// at the midpoint, the track lengths and dark yields scored; returns the energy at the
    /// midpoint \[GeV\].
    fn advance(
        &self,
        p: &mut Particle,
        step: &Step,
        q: usize,
        index: u32,
        ctx: &mut Ctx<'_>,
    ) -> f64 {
        let m = &self.mats[step.mi];
        let (t, s) = (step.t, step.s);
        let dedx = at(&m.dedx[q], step.cell);
        let t_new = if matches!(step.limit, Limit::Stop) {
            self.settings.cuts.electron
        } else if dedx * s < 1e-3 * t {
            t - dedx * s
        } else {
            m.energy_at_range(q, (step.range - s).max(0.0)).min(t)
        };
        let e_old = p.e;
        let e_new = t_new + M_E;
        let mut mid = p.pos;
        for ((m_a, p_a), d_a) in mid.iter_mut().zip(p.pos.iter_mut()).zip(p.dir) {
            *m_a += 0.5 * s * d_a;
            *p_a += s * d_a;
        }
        p.e = e_new;
        let de = e_old - p.e;
        self.deposit(ctx, de, &mid, p.slab, ledger::IONISATION);
        let e_mid = 0.5 * (e_old + e_new);
        let real = !ctx.copies;
        if let Some(ch) = ctx.chunk.as_deref_mut() {
            // Copies score only above the split energy; real particles below it with weight 1.
            let w_lo = if real { 1.0 } else { 0.0 };
            self.score_track(ch, step.mi, q, (e_new, e_old), s, (p.tl_weight, w_lo), real);
        }
        if real && ctx.chunk.is_some() && s > 0.0 {
            self.score_dark(ctx, p, step.mi, q, (e_new, e_old), e_mid, s, index);
        }
        e_mid
    }

    /// The forced A' emission of a replay at the end of the cut step: bremsstrahlung takes the
    /// fraction x of the lepton energy (sampled from the table with the stored deviates);
    /// resonant annihilation ends the positron.
    fn emit_dark(&self, p: &mut Particle, em: Emission, mi: usize, ctx: &mut Ctx<'_>) -> After {
        let (mass_i, _) = ctx.replay.expect("replay");
        let dark = self.dark.expect("dark setup in replay");
        let md = &dark.masses[mass_i];
        let depth = self.geom.depth_x0_at(p.slab, p.pos[2]);
        match em.process {
            DarkProcess::Brem => {
                let x = md.sample_x(mi, p.e, em.u1, em.u2);
                let ea = x * p.e;
                p.e -= ea;
                ctx.ev.ledger[ledger::DARK] += ea;
                ctx.ev.emitted = Some((ea, p.pos[2], depth));
                After::Continue
            }
            DarkProcess::Annihilation => {
                let ea = p.e + M_E;
                ctx.ev.ledger[ledger::DARK] += ea;
                ctx.ev.ledger[ledger::REST_MASS] -= M_E;
                ctx.ev.emitted = Some((ea, p.pos[2], depth));
                After::End
            }
        }
    }

    /// A discrete interaction point reached. Integral method: σ(E) along the step ≤ σ at its
    /// start for bremsstrahlung (σ grows with E), so the interaction is accepted with
    /// σ(E_end)/σ(E_start) and split between the processes by their shares.
    fn discrete(
        &self,
        p: &mut Particle,
        tr: &mut Track,
        step: &Step,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) -> After {
        tr.mfp_left = exp1(&mut tr.rng);
        let m = &self.mats[step.mi];
        let tn = p.e - M_E;
        let (sb, sa) = discrete_sigma(m, tr.q, m.grid.locate_ln(tn.ln()));
        let u = u01(&mut tr.rng) * step.sigma.max(sb + sa);
        if u < sb {
            if p.e - M_E > self.settings.cuts.photon {
                self.radiate_photon(p, tr, m, tn, fast, stack, ctx);
            }
            After::Continue
        } else if u < sb + sa {
            self.annihilate_in_flight(p, tr, fast, stack, ctx);
            After::End
        } else {
            After::Continue
        }
    }

    /// Bremsstrahlung above the photon cut on an element picked by its share: photon energy
    /// from the screened Bethe–Heitler spectrum, polar angle from [`pair::sample_angle`].
    fn radiate_photon(
        &self,
        p: &mut Particle,
        tr: &mut Track,
        m: &MaterialPhysics,
        t: f64,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        let rng = &mut tr.rng;
        let el = m.pick_element(&m.brem, t, u01(rng));
        let ed = &m.elements[el];
        let k = pair::sample_brem_k(
            &ed.screening,
            ed.brem_max,
            p.e,
            self.settings.cuts.photon,
            rng,
        );
        let mut dir = p.dir;
        let th = pair::sample_angle(p.e, rng);
        rotate_polar(&mut dir, th, rng);
        tr.children += 1;
        // Hard-photon copies at the vertices of the beam lineage of a scoring event: the real
        // photon, if hard, no longer counts in the spectra above the split energy.
        let copies = self.hard.filter(|h| {
            !ctx.copies && ctx.chunk.is_some() && p.tl_weight >= 1.0 && t > h.split_gev
        });
        let tl_weight = match copies {
            Some(h) if k >= h.split_gev => 0.0,
            _ => p.tl_weight,
        };
        let g = Particle {
            kind: Kind::Photon,
            e: k,
            pos: p.pos,
            dir,
            slab: p.slab,
            key: mix(p.key, tr.children),
            primary: false,
            tl_weight,
        };
        if let Some(h) = copies {
            self.hard_photon_copies(h, p, m, t, tr.children, ctx);
        }
        p.e -= k;
        self.push_or_absorb(g, fast, stack, ctx);
    }

    /// The hard-photon copies of one vertex ([`crate::HardPhotonCopies`]): `h.copies` photons from the
    /// spectrum of the lepton `p` (kinetic energy `t`, material `m`) above the split energy, each
    /// of weight p_hard/N, followed above it at once with their own stack and a context that
    /// scores only the track-length spectra.
    fn hard_photon_copies(
        &self,
        h: &HardPhotonCopies,
        p: &Particle,
        m: &MaterialPhysics,
        t: f64,
        vertex: u64,
        ctx: &mut Ctx<'_>,
    ) {
        let key = mix(mix(p.key, salt::HARD_PHOTON_COPIES), vertex);
        let mut rng = rng::stream(key);
        let (i, f) = m.grid.locate_ln(t.ln());
        let log_range = (t / h.split_gev).ln();
        let n = f64::from(h.copies);
        let mut stack = Vec::new();
        for j in 0..h.copies {
            let el = m.pick_element(&m.brem, t, u01(&mut rng));
            let rate = &m.brem[el];
            let sigma_el = rate[i] + f * (rate[i + 1] - rate[i]);
            let ed = &m.elements[el];
            let k = h.split_gev * (log_range * u01(&mut rng)).exp();
            let w = ed.n_atoms * ALPHA_RE2_CM2 * ed.screening.brem_bracket(p.e, k) * log_range
                / (n * sigma_el);
            let mut dir = p.dir;
            let th = pair::sample_angle(p.e, &mut rng);
            rotate_polar(&mut dir, th, &mut rng);
            if w > 0.0 && w.is_finite() {
                stack.push(Particle {
                    kind: Kind::Photon,
                    e: k,
                    pos: p.pos,
                    dir,
                    slab: p.slab,
                    key: mix(key, u64::from(j) + 1),
                    primary: false,
                    tl_weight: w,
                });
            }
        }
        let mut scratch = EventOut::default();
        let mut copies = Ctx {
            chunk: ctx.chunk.as_deref_mut(),
            ev: &mut scratch,
            dark_rng: rng::stream(key),
            replay: None,
            cells: false,
            copies: true,
        };
        // Nothing below the split energy can score above it.
        let fast = h.split_gev.max(self.settings.fast_threshold);
        while let Some(q) = stack.pop() {
            match q.kind {
                Kind::Photon => self.photon(q, fast, &mut stack, &mut copies),
                _ => self.charged(q, fast, &mut stack, &mut copies),
            }
        }
    }

    /// Two-photon annihilation in flight on an atomic electron (Heitler): the first photon's
    /// energy fraction and angle from [`positron`], the second takes the rest of the momentum.
    fn annihilate_in_flight(
        &self,
        p: &Particle,
        tr: &mut Track,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        let rng = &mut tr.rng;
        let e_tot = p.e + M_E;
        let f = positron::sample_fraction(p.e, rng);
        let k1 = f * e_tot;
        let ct = positron::cos_theta(p.e, f);
        let st = (1.0 - ct * ct).max(0.0).sqrt();
        let (sp, cp) = (std::f64::consts::TAU * u01(rng)).sin_cos();
        let mut d1 = p.dir;
        rotate(&mut d1, ct, st, cp, sp);
        let pp = (p.e * p.e - M_E * M_E).max(0.0).sqrt();
        let p2 = [
            pp * p.dir[0] - k1 * d1[0],
            pp * p.dir[1] - k1 * d1[1],
            pp * p.dir[2] - k1 * d1[2],
        ];
        let n2 = (p2[0] * p2[0] + p2[1] * p2[1] + p2[2] * p2[2]).sqrt();
        let d2 = if n2 > 0.0 {
            [p2[0] / n2, p2[1] / n2, p2[2] / n2]
        } else {
            [-d1[0], -d1[1], -d1[2]]
        };
        ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        for (e, d) in [(k1, d1), (e_tot - k1, d2)] {
            tr.children += 1;
            let g = Particle {
                kind: Kind::Photon,
                e,
                pos: p.pos,
                dir: d,
                slab: p.slab,
                key: mix(p.key, tr.children),
                primary: false,
                tl_weight: p.tl_weight,
            };
            self.push_or_absorb(g, fast, stack, ctx);
        }
    }
}
