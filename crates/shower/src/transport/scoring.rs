//! Scoring along the transport: the energy ledger and spatial profiles of every deposit, the
//! total and differential track lengths, and the track-length estimator of the dark yields with
//! the reservoir choice of the emission point.

use aprime_physics::constants::M_E;
use aprime_physics::model::Mediator;

use super::engine::Engine;
use super::event::{Ctx, Emission, EventOut};
use super::particle::Particle;
use crate::dark::DarkProcess;
use crate::tally::ledger;
use aprime_core::rng::u01;

impl Engine<'_> {
    #[inline]
    pub(super) fn deposit(
        &self,
        ctx: &mut Ctx<'_>,
        de: f64,
        pos: &[f64; 3],
        slab: usize,
        slot: usize,
    ) {
        if de <= 0.0 || ctx.copies {
            return;
        }
        ctx.ev.ledger[slot] += de;
        let s = &self.geom.slabs[slab];
        ctx.ev.sections[s.section] += de;
        ctx.ev.materials[s.material] += de;
        if self.ps_section[s.section] {
            ctx.ev.ledger[ledger::PRESHOWER] += de;
        }
        if ctx.cells
            && let Some((ix, iy)) = self.geom.cell_of(pos[0], pos[1])
        {
            let nx = self.geom.config.cells.map_or(1, |c| c.nx as usize);
            ctx.ev.cells[iy * nx + ix] += de;
        }
        if let Some(ch) = ctx.chunk.as_deref_mut() {
            let lay = self.layout;
            let t = self.geom.depth_x0_at(slab, pos[2]);
            if let Some(i) = lay.long.index(t) {
                ch[lay.o_long + i] += de;
            }
            let r = pos[0].hypot(pos[1]);
            if let Some(i) = lay.lat.index(r) {
                ch[lay.o_lat + i] += de;
            }
        }
    }

    /// An e± absorbed below the cut still travels its CSDA residual range R(T), and a photon
    /// absorbed below the cut gives (photoabsorption approximation) one electron of kinetic
    /// energy k travelling R(k): added to the total track length (not to the differential
    /// spectra, which start at the cut).
    #[inline]
    pub(super) fn residual_track(&self, ctx: &mut Ctx<'_>, slab: usize, q: usize, t: f64) {
        if let Some(ch) = ctx.chunk.as_deref_mut()
            && t > 0.0
            && !ctx.copies
        {
            let mi = self.geom.slabs[slab].material;
            ch[self.layout.o_tl_tot + mi * 2 + q] += self.mats[mi].range(q, t);
        }
    }

    /// Track length of a step from `e_hi` down to `e_lo` \[GeV\]: the total (real particles only)
    /// and the differential spectrum, with the weight `w_hi` above the split energy of the
    /// hard-photon copies and `w_lo` below it (both 1 without copies; [`crate::HardPhotonCopies`]).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn score_track(
        &self,
        ch: &mut [f64],
        mi: usize,
        q: usize,
        (e_lo, e_hi): (f64, f64),
        s: f64,
        (w_hi, w_lo): (f64, f64),
        real: bool,
    ) {
        if real {
            ch[self.layout.o_tl_tot + mi * 2 + q] += s;
        }
        let split = self.hard.map_or(0.0, |h| h.split_gev);
        if w_hi.to_bits() == w_lo.to_bits() || e_lo >= split {
            self.score_spectrum(ch, mi, q, e_lo, e_hi, s * w_hi);
        } else if e_hi <= split {
            self.score_spectrum(ch, mi, q, e_lo, e_hi, s * w_lo);
        } else {
            // Linear E(s): the part of the step above the split energy in proportion to energy.
            let f = (e_hi - split) / (e_hi - e_lo);
            self.score_spectrum(ch, mi, q, split, e_hi, s * f * w_hi);
            self.score_spectrum(ch, mi, q, e_lo, split, s * (1.0 - f) * w_lo);
        }
    }

    /// Differential track length: the step's length is shared among the energy bins it spans
    /// in proportion to the energy lost in each (linear E(s) within a step).
    #[inline]
    fn score_spectrum(&self, ch: &mut [f64], mi: usize, q: usize, e_lo: f64, e_hi: f64, s: f64) {
        if s <= 0.0 {
            return;
        }
        let lay = self.layout;
        let off = lay.tl_at(mi, q);
        let b = &lay.tl;
        let (Some(i_hi), i_lo) = (b.index(e_hi), b.index(e_lo)) else {
            return;
        };
        match i_lo {
            Some(i_lo) if i_lo == i_hi => ch[off + i_hi] += s,
            _ => {
                let edges_at = |i: usize| b.lo * (b.hi / b.lo).powf(i as f64 / b.n as f64);
                let span = e_hi - e_lo;
                if span <= 0.0 {
                    ch[off + i_hi] += s;
                    return;
                }
                let start = i_lo.unwrap_or(0);
                for i in start..=i_hi {
                    let lo = if i == start && i_lo.is_some() {
                        e_lo
                    } else {
                        edges_at(i).max(e_lo)
                    };
                    let hi = if i == i_hi { e_hi } else { edges_at(i + 1) };
                    if hi > lo {
                        ch[off + i] += s * (hi - lo) / span;
                    }
                }
            }
        }
    }

    /// Track-length estimator of the dark yields and reservoir choice of the emission point
    /// (probability w/Σw over all candidate steps of the event, both processes). The step takes
    /// the lepton from `e_hi` down to `e_lo` (midpoint `e_mid`) \[GeV\]: bremsstrahlung is scored
    /// at the midpoint, resonant annihilation with the step average of the line
    /// ([`crate::resonance::Resonance::step_sigma_cm2`]).
    pub(super) fn score_dark(
        &self,
        ctx: &mut Ctx<'_>,
        p: &Particle,
        mi: usize,
        q: usize,
        (e_lo, e_hi): (f64, f64),
        e_mid: f64,
        s: f64,
        step: u32,
    ) {
        let Some(dark) = self.dark else {
            return;
        };
        let ln_e = e_mid.ln();
        for (k, md) in dark.masses.iter().enumerate() {
            let wb = s * md.sigma_macro_at(mi, e_mid, ln_e);
            let wa = match (&md.resonance, q) {
                (Some(res), 1) => {
                    s * md.n_e[mi] * res.step_sigma_cm2(e_lo, e_hi, e_mid, dark.e_min)
                }
                _ => 0.0,
            };
            if wb <= 0.0 && wa <= 0.0 {
                continue;
            }
            let ev = &mut *ctx.ev;
            for (w, process) in [(wb, DarkProcess::Brem), (wa, DarkProcess::Annihilation)] {
                if w <= 0.0 {
                    continue;
                }
                match process {
                    DarkProcess::Brem => {
                        ev.w_brem[k] += w;
                        if p.primary {
                            ev.w_brem_primary[k] += w;
                        }
                    }
                    DarkProcess::Annihilation => ev.w_ann[k] += w,
                }
                ev.wsum[k] += w;
                if u01(&mut ctx.dark_rng) * ev.wsum[k] < w {
                    let mut em = Emission {
                        key: p.key,
                        step,
                        process,
                        frac: u01(&mut ctx.dark_rng),
                        u1: u01(&mut ctx.dark_rng),
                        u2: u01(&mut ctx.dark_rng),
                        energy: e_mid,
                        material: mi,
                    };
                    // A line narrower than the step: the annihilation happens where the positron
                    // crosses it (energy from the line shape, the step cut there; linear E(s)).
                    if let (DarkProcess::Annihilation, Some(res)) = (process, &md.resonance)
                        && res.mediator != Mediator::Vector
                        && e_hi > e_lo
                    {
                        em.energy = res.energy_in_step(e_lo, e_hi, e_mid, dark.e_min, em.frac);
                        em.frac = ((e_hi - em.energy) / (e_hi - e_lo)).clamp(0.0, 1.0);
                    }
                    ev.chosen[k] = Some(em);
                }
            }
        }
    }

    /// A' energy spectra from the chosen emission of each mass: the event adds its whole yield
    /// W = Σw at E_A' of the emission chosen with probability w/W, an unbiased estimate of
    /// Σ_steps w δ(E_A' − x E) for each process (one table sample per event instead of per step).
    pub(super) fn score_spectra(&self, ev: &EventOut, ch: &mut [f64]) {
        let Some(dark) = self.dark else {
            return;
        };
        let lay = self.layout;
        for (k, md) in dark.masses.iter().enumerate() {
            let Some(em) = ev.chosen[k] else {
                continue;
            };
            let (ea, o) = match em.process {
                DarkProcess::Brem => (
                    md.sample_x(em.material, em.energy, em.u1, em.u2) * em.energy,
                    lay.spec_brem_at(k),
                ),
                DarkProcess::Annihilation => (em.energy + M_E, lay.spec_ann_at(k)),
            };
            if let Some(i) = lay.spec.index(ea) {
                ch[o + i] += ev.wsum[k];
            }
        }
    }
}
