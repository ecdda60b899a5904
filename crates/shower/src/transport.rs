//! The cascade: stack-based transport of e⁻, e⁺ and γ through the slabs of a [`Geometry`],
//! with track-length scoring of the dark processes along every e± step.
//!
//! Charged particles move in condensed-history steps limited by (i) the next discrete
//! interaction (bremsstrahlung above the photon cut, e⁺ annihilation in flight), sampled in mean
//! free paths with the integral method for the energy dependence of σ along the step, (ii) a
//! slab boundary, (iii) a fraction of the residual CSDA range and a maximal length in X0, (iv)
//! the range down to the cut. The continuous loss over a step follows from the range table
//! (exact for CSDA), is deposited at the step midpoint, and the direction is deflected by
//! multiple scattering at the end of the step. Photons fly from interaction to interaction
//! across slabs (pair production, Compton). Everything below the cuts is deposited locally.
//!
//! Energy ledger (per event, exact up to rounding): E_beam = ionisation + cut + escaped +
//! untracked + dark + rest_mass, where rest_mass = m_e × (electrons left in the target −
//! atomic electrons consumed by positron annihilation); escaped particles carry their total
//! energy; an untracked (fast mode) e⁻ counts its kinetic energy, an untracked e⁺ its total
//! energy plus the m_e of the electron it will annihilate with.
//!
//! Dark processes: every e± step of length s contributes w = s·Σ_i n_i σ_i(E_A' > E_min; E) to
//! the bremsstrahlung yield and, for e⁺, s·n_e σ_BW(E) to the resonant-annihilation yield (per
//! ε², ε² → 0 where at most one A' per event is automatic). The per-event sum W = Σ w is the
//! track-length estimator of the yield (exact in expectation, no sampling). For signal events
//! one emission point is chosen among the steps with probability w/W (reservoir sampling on a
//! separate random stream) and the event is replayed in full mode with the A' emitted there;
//! the replayed event carries the weight W, which makes the signal sample exactly unbiased.

use aprime_physics::constants::M_E;
use serde::{Deserialize, Serialize};

use crate::config::Geometry;
use crate::dark::{DarkBremTable, Resonance};
use crate::em::tables::Cuts;
use crate::em::{MaterialPhysics, compton, pair, positron};
use crate::rng::{self, DARK_SALT, Rng, exp1, mix, normal_pair, u01};
use crate::tally::{Layout, ledger};

/// Particle species.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Electron.
    Electron,
    /// Positron.
    Positron,
    /// Photon.
    Photon,
}

#[derive(Debug, Clone, Copy)]
struct Particle {
    kind: Kind,
    /// Total energy \[GeV\].
    e: f64,
    pos: [f64; 3],
    dir: [f64; 3],
    slab: usize,
    key: u64,
    primary: bool,
}

/// Dark process that produced the A'.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Process {
    /// Dark bremsstrahlung e Z → e Z A'.
    Brem,
    /// Resonant annihilation e⁺e⁻ → A'.
    Annihilation,
}

/// Where the forced emission of a signal event happens: the step `step` of the particle with
/// lineage key `key`, at the fraction `frac` of its length; `u1`, `u2` sample x.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Emission {
    /// Lineage key of the emitting e±.
    pub key: u64,
    /// Index of the step along that particle's track.
    pub step: u32,
    /// Process.
    pub process: Process,
    /// Fraction of the step.
    pub frac: f64,
    /// Deviates for x.
    pub u1: f64,
    /// Deviates for x.
    pub u2: f64,
    /// Lepton energy at the middle of the step \[GeV\].
    pub energy: f64,
    /// Material index of the step.
    pub material: usize,
}

/// Dark physics of one A' mass, prepared for transport.
#[derive(Debug, Clone)]
pub struct MassDark {
    /// A' mass \[GeV\].
    pub mass: f64,
    /// One dark-bremsstrahlung table per distinct element (all on the same energy nodes).
    pub tables: Vec<DarkBremTable>,
    /// Per material: (table index, atoms per cm³).
    pub mat_elems: Vec<Vec<(usize, f64)>>,
    /// Per material: macroscopic σ(E_A' > E_min) at the energy nodes \[1/cm\].
    pub mat_sigma: Vec<Vec<f64>>,
    /// Resonant annihilation (None if disabled).
    pub resonance: Option<Resonance>,
    /// Electron density per material \[1/cm³\].
    pub n_e: Vec<f64>,
    ln_e0: f64,
    inv_dln: f64,
}

impl MassDark {
    /// Assemble from per-element tables; `mat_elems` gives each material's (table, density).
    pub fn new(
        mass: f64,
        tables: Vec<DarkBremTable>,
        mat_elems: Vec<Vec<(usize, f64)>>,
        resonance: Option<Resonance>,
        n_e: Vec<f64>,
    ) -> Self {
        let t0 = &tables[0];
        let n = t0.energies.len();
        let mat_sigma = mat_elems
            .iter()
            .map(|els| {
                (0..n)
                    .map(|j| els.iter().map(|&(t, na)| na * tables[t].sigma_cm2[j]).sum())
                    .collect()
            })
            .collect();
        let ln_e0 = t0.energies[0].ln();
        let inv_dln = (n - 1) as f64 / (t0.energies[n - 1] / t0.energies[0]).ln();
        Self {
            mass,
            tables,
            mat_elems,
            mat_sigma,
            resonance,
            n_e,
            ln_e0,
            inv_dln,
        }
    }

    /// Macroscopic σ(E_A' > E_min) \[1/cm\] in material `m` at lepton energy `e`.
    #[inline]
    pub fn sigma_macro(&self, m: usize, e: f64) -> f64 {
        self.sigma_macro_ln(m, e.ln())
    }

    /// [`Self::sigma_macro`] at ln E.
    #[inline]
    pub fn sigma_macro_ln(&self, m: usize, ln_e: f64) -> f64 {
        let u = (ln_e - self.ln_e0) * self.inv_dln;
        if u.is_nan() || u <= 0.0 {
            return 0.0;
        }
        let s = &self.mat_sigma[m];
        let i = (u as usize).min(s.len() - 2);
        let f = (u - i as f64).min(1.0);
        s[i] + f * (s[i + 1] - s[i])
    }

    /// Sample x for bremsstrahlung in material `m` at energy `e` (element by its share).
    pub fn sample_x(&self, m: usize, e: f64, u1: f64, u2: f64) -> f64 {
        let els = &self.mat_elems[m];
        if els.len() == 1 {
            return self.tables[els[0].0].sample_x(e, u1, u2);
        }
        let w: Vec<f64> = els
            .iter()
            .map(|&(t, na)| na * self.tables[t].sigma_above(e))
            .collect();
        let tot: f64 = w.iter().sum();
        let mut acc = 0.0;
        let target = u1 * tot;
        for (k, &(t, _)) in els.iter().enumerate() {
            let lo = acc;
            acc += w[k];
            if target < acc || k + 1 == els.len() {
                // Reuse the deviate within the chosen element's share.
                let u1r = if w[k] > 0.0 {
                    ((target - lo) / w[k]).clamp(0.0, 1.0 - 1e-16)
                } else {
                    0.5
                };
                return self.tables[t].sample_x(e, u1r, u2);
            }
        }
        0.0
    }
}

/// All dark physics of a run.
#[derive(Debug, Clone)]
pub struct DarkSetup {
    /// Threshold on the A' energy \[GeV\].
    pub e_min: f64,
    /// Per mass.
    pub masses: Vec<MassDark>,
}

/// Transport settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Cuts.
    pub cuts: Cuts,
    /// Particles with total energy below this are not followed (0 = full shower).
    pub fast_threshold: f64,
    /// Largest charged step as a fraction of the residual range.
    pub range_fraction: f64,
    /// Largest charged step in radiation lengths.
    pub max_step_x0: f64,
}

/// What happened in one event.
#[derive(Debug, Clone, Default)]
pub struct EventOut {
    /// Ledger (see [`ledger`]).
    pub ledger: [f64; ledger::N],
    /// Energy per section \[GeV\].
    pub sections: Vec<f64>,
    /// Energy per material \[GeV\].
    pub materials: Vec<f64>,
    /// Per mass: bremsstrahlung yield W_b (per ε²).
    pub w_brem: Vec<f64>,
    /// Per mass: resonant-annihilation yield W_a.
    pub w_ann: Vec<f64>,
    /// Per mass: the primary electron's share of W_b.
    pub w_brem_primary: Vec<f64>,
    /// Per mass: chosen emission point.
    pub chosen: Vec<Option<Emission>>,
    /// Per mass: running Σw for the reservoir.
    wsum: Vec<f64>,
    /// Cell energies (nx × ny, row-major in y), filled in replays.
    pub cells: Vec<f64>,
    /// In a replay: the A' energy, the emission z \[cm\] and depth \[X0\].
    pub emitted: Option<(f64, f64, f64)>,
}

/// The transport engine for one run.
pub struct Engine<'a> {
    /// Geometry.
    pub geom: &'a Geometry,
    /// Material tables, one per geometry material.
    pub mats: &'a [MaterialPhysics],
    /// Settings.
    pub settings: Settings,
    /// Dark physics.
    pub dark: Option<&'a DarkSetup>,
    /// Tally layout.
    pub layout: &'a Layout,
    /// Preshower flag per section.
    ps_section: Vec<bool>,
}

struct Ctx<'c> {
    chunk: Option<&'c mut [f64]>,
    ev: &'c mut EventOut,
    dark_rng: Rng,
    replay: Option<(usize, Emission)>,
    cells: bool,
}

const HIGHLAND_MEV: f64 = 13.6e-3;

/// What ended a charged step.
enum Limit {
    Disc,
    Stop,
    Geo,
    Free,
    Emit(Emission),
}

#[inline]
fn rotate(d: &mut [f64; 3], cos_t: f64, sin_t: f64, cos_p: f64, sin_p: f64) {
    let [ux, uy, uz] = *d;
    let den2 = 1.0 - uz * uz;
    if den2 > 1e-10 {
        let den = den2.sqrt();
        d[0] = ux * cos_t + sin_t * (ux * uz * cos_p - uy * sin_p) / den;
        d[1] = uy * cos_t + sin_t * (uy * uz * cos_p + ux * sin_p) / den;
        d[2] = uz * cos_t - sin_t * cos_p * den;
    } else {
        let s = if uz >= 0.0 { 1.0 } else { -1.0 };
        d[0] = sin_t * cos_p;
        d[1] = sin_t * sin_p;
        d[2] = s * cos_t;
    }
    let n = (d[0] * d[0] + d[1] * d[1] + d[2] * d[2]).sqrt();
    for c in d.iter_mut() {
        *c /= n;
    }
}

#[inline]
fn rotate_polar(d: &mut [f64; 3], theta: f64, rng: &mut Rng) {
    let (sp, cp) = (std::f64::consts::TAU * u01(rng)).sin_cos();
    let (st, ct) = theta.sin_cos();
    rotate(d, ct, st, cp, sp);
}

fn isotropic(rng: &mut Rng) -> [f64; 3] {
    let c = 2.0 * u01(rng) - 1.0;
    let s = (1.0 - c * c).max(0.0).sqrt();
    let (sp, cp) = (std::f64::consts::TAU * u01(rng)).sin_cos();
    [s * cp, s * sp, c]
}

impl<'a> Engine<'a> {
    /// Engine over prepared tables.
    pub fn new(
        geom: &'a Geometry,
        mats: &'a [MaterialPhysics],
        settings: Settings,
        dark: Option<&'a DarkSetup>,
        layout: &'a Layout,
    ) -> Self {
        Self {
            geom,
            mats,
            settings,
            dark,
            layout,
            ps_section: geom.sections.iter().map(|s| s.1).collect(),
        }
    }

    fn new_event(&self) -> EventOut {
        let nm = self.dark.map_or(0, |d| d.masses.len());
        EventOut {
            sections: vec![0.0; self.geom.sections.len()],
            materials: vec![0.0; self.geom.materials.len()],
            w_brem: vec![0.0; nm],
            w_ann: vec![0.0; nm],
            w_brem_primary: vec![0.0; nm],
            chosen: vec![None; nm],
            wsum: vec![0.0; nm],
            ..EventOut::default()
        }
    }

    /// Simulate one event with scoring into `chunk` (layout order).
    pub fn score_event(&self, key: u64, e_beam: f64, chunk: &mut [f64]) -> EventOut {
        let mut ev = self.new_event();
        let mut ctx = Ctx {
            chunk: Some(chunk),
            ev: &mut ev,
            dark_rng: rng::stream(mix(key, DARK_SALT)),
            replay: None,
            cells: false,
        };
        self.run(key, e_beam, self.settings.fast_threshold, &mut ctx);
        self.score_spectra(&ev, chunk);
        ev
    }

    /// Replay event `key` as a full shower with the A' of mass index `mass` emitted at
    /// `emission`; returns the event with its cell energies.
    pub fn replay_event(&self, key: u64, e_beam: f64, mass: usize, emission: Emission) -> EventOut {
        let mut ev = self.new_event();
        let nc = self.geom.config.cells.map_or(0, |c| (c.nx * c.ny) as usize);
        ev.cells = vec![0.0; nc];
        let mut ctx = Ctx {
            chunk: None,
            ev: &mut ev,
            dark_rng: rng::stream(mix(key, DARK_SALT)),
            replay: Some((mass, emission)),
            cells: nc > 0,
        };
        self.run(key, e_beam, 0.0, &mut ctx);
        ev
    }

    fn run(&self, key: u64, e_beam: f64, fast: f64, ctx: &mut Ctx<'_>) {
        let mut stack = Vec::with_capacity(256);
        stack.push(Particle {
            kind: Kind::Electron,
            e: e_beam,
            pos: [0.0; 3],
            dir: [0.0, 0.0, 1.0],
            slab: 0,
            key,
            primary: true,
        });
        while let Some(p) = stack.pop() {
            match p.kind {
                Kind::Photon => self.photon(p, fast, &mut stack, ctx),
                _ => self.charged(p, fast, &mut stack, ctx),
            }
        }
        let l = &mut ctx.ev.ledger;
        l[ledger::VISIBLE] = l[ledger::IONISATION] + l[ledger::CUT];
    }

    // ---- ledger and spatial scoring -------------------------------------------------------

    #[inline]
    fn deposit(&self, ctx: &mut Ctx<'_>, de: f64, pos: &[f64; 3], slab: usize, slot: usize) {
        if de <= 0.0 {
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
    fn residual_track(&self, ctx: &mut Ctx<'_>, slab: usize, q: usize, t: f64) {
        if let Some(ch) = ctx.chunk.as_deref_mut()
            && t > 0.0
        {
            let mi = self.geom.slabs[slab].material;
            ch[self.layout.o_tl_tot + mi * 2 + q] += self.mats[mi].range(q, t);
        }
    }

    #[inline]
    fn push_or_absorb(&self, p: Particle, fast: f64, stack: &mut Vec<Particle>, ctx: &mut Ctx<'_>) {
        let cuts = self.settings.cuts;
        match p.kind {
            Kind::Photon => {
                if p.e < cuts.photon {
                    self.deposit(ctx, p.e, &p.pos, p.slab, ledger::CUT);
                    self.residual_track(ctx, p.slab, 0, p.e);
                } else if p.e < fast {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e;
                } else {
                    stack.push(p);
                }
            }
            Kind::Electron => {
                if p.e - M_E < cuts.electron {
                    self.deposit(ctx, p.e - M_E, &p.pos, p.slab, ledger::CUT);
                    self.residual_track(ctx, p.slab, 0, p.e - M_E);
                    ctx.ev.ledger[ledger::REST_MASS] += M_E;
                } else if p.e < fast {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e - M_E;
                    ctx.ev.ledger[ledger::REST_MASS] += M_E;
                } else {
                    stack.push(p);
                }
            }
            Kind::Positron => {
                if p.e - M_E < cuts.electron {
                    self.positron_at_rest(p, fast, stack, ctx);
                } else if p.e < fast {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e + M_E;
                    ctx.ev.ledger[ledger::REST_MASS] -= M_E;
                } else {
                    stack.push(p);
                }
            }
        }
    }

    /// A positron below the cut: its kinetic energy is deposited, then it annihilates at rest
    /// into two back-to-back photons of m_e each (isotropic).
    fn positron_at_rest(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        self.deposit(ctx, p.e - M_E, &p.pos, p.slab, ledger::CUT);
        self.residual_track(ctx, p.slab, 1, p.e - M_E);
        ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        let mut rng = rng::stream(mix(p.key, u64::MAX));
        let d = isotropic(&mut rng);
        for (j, s) in [1.0, -1.0].into_iter().enumerate() {
            let g = Particle {
                kind: Kind::Photon,
                e: M_E,
                pos: p.pos,
                dir: [s * d[0], s * d[1], s * d[2]],
                slab: p.slab,
                key: mix(p.key, u64::MAX - 1 - j as u64),
                primary: false,
            };
            self.push_or_absorb(g, fast, stack, ctx);
        }
    }

    /// Distance to the slab faces and the lateral boundary along `dir`; (distance, lateral?).
    #[inline]
    fn distance_out(&self, p: &Particle) -> (f64, bool) {
        let s = &self.geom.slabs[p.slab];
        let dz = p.dir[2];
        let mut d = if dz > 0.0 {
            (s.z_hi - p.pos[2]) / dz
        } else if dz < 0.0 {
            (s.z_lo - p.pos[2]) / dz
        } else {
            f64::INFINITY
        };
        let mut lateral = false;
        for a in 0..2 {
            let hw = self.geom.half_width[a];
            if hw.is_finite() {
                let u = p.dir[a];
                let dl = if u > 0.0 {
                    (hw - p.pos[a]) / u
                } else if u < 0.0 {
                    (-hw - p.pos[a]) / u
                } else {
                    f64::INFINITY
                };
                if dl < d {
                    d = dl;
                    lateral = true;
                }
            }
        }
        (d.max(0.0), lateral)
    }

    /// Cross the boundary reached; false if the particle left the target.
    #[inline]
    fn cross(&self, p: &mut Particle, lateral: bool) -> bool {
        if lateral {
            return false;
        }
        let s = &self.geom.slabs[p.slab];
        if p.dir[2] > 0.0 {
            p.pos[2] = s.z_hi;
            if p.slab + 1 >= self.geom.slabs.len() {
                return false;
            }
            p.slab += 1;
        } else {
            p.pos[2] = s.z_lo;
            if p.slab == 0 {
                return false;
            }
            p.slab -= 1;
        }
        true
    }

    fn escape(ctx: &mut Ctx<'_>, p: &Particle) {
        ctx.ev.ledger[ledger::ESCAPED] += p.e;
    }

    // ---- photons ---------------------------------------------------------------------------

    fn photon(&self, mut p: Particle, fast: f64, stack: &mut Vec<Particle>, ctx: &mut Ctx<'_>) {
        let mut rng = rng::stream(p.key);
        let mut nchild = 0_u64;
        loop {
            let mut nl = exp1(&mut rng);
            // Fly to the interaction point across slabs.
            let (sig_pair, sig_tot) = loop {
                let m = &self.mats[self.geom.slabs[p.slab].material];
                let (sp, sc) = m.photon_sigma(p.e);
                let sig = sp + sc;
                let (d, lateral) = self.distance_out(&p);
                if nl < sig * d {
                    let s = nl / sig;
                    for a in 0..3 {
                        p.pos[a] += s * p.dir[a];
                    }
                    break (sp, sig);
                }
                for a in 0..3 {
                    p.pos[a] += d * p.dir[a];
                }
                nl -= sig * d;
                if !self.cross(&mut p, lateral) {
                    Self::escape(ctx, &p);
                    return;
                }
            };
            let m = &self.mats[self.geom.slabs[p.slab].material];
            if u01(&mut rng) * sig_tot < sig_pair {
                // Pair production.
                let el = m.pick_element(&m.pair, p.e, u01(&mut rng));
                let x = pair::sample_pair_x(&m.elements[el].screening, p.e, &mut rng);
                let (ep, em) = (x * p.e, (1.0 - x) * p.e);
                let phi = std::f64::consts::TAU * u01(&mut rng);
                for (kind, e, ph) in [
                    (Kind::Positron, ep, phi),
                    (Kind::Electron, em, phi + std::f64::consts::PI),
                ] {
                    let th = pair::sample_angle(e, &mut rng);
                    let mut dir = p.dir;
                    let (st, ct) = th.sin_cos();
                    let (sp, cp) = ph.sin_cos();
                    rotate(&mut dir, ct, st, cp, sp);
                    nchild += 1;
                    let c = Particle {
                        kind,
                        e,
                        pos: p.pos,
                        dir,
                        slab: p.slab,
                        key: mix(p.key, nchild),
                        primary: false,
                    };
                    self.push_or_absorb(c, fast, stack, ctx);
                }
                return;
            }
            // Compton scattering.
            let (eps, cos_t) = compton::sample(p.e, &mut rng);
            let k1 = eps * p.e;
            let te = p.e - k1;
            let sin_t = (1.0 - cos_t * cos_t).max(0.0).sqrt();
            let (sp, cp) = (std::f64::consts::TAU * u01(&mut rng)).sin_cos();
            let k0 = p.dir;
            let mut d1 = p.dir;
            rotate(&mut d1, cos_t, sin_t, cp, sp);
            // Electron momentum = k0·k − k1·d1.
            let pe = [
                p.e * k0[0] - k1 * d1[0],
                p.e * k0[1] - k1 * d1[1],
                p.e * k0[2] - k1 * d1[2],
            ];
            let pn = (pe[0] * pe[0] + pe[1] * pe[1] + pe[2] * pe[2]).sqrt();
            nchild += 1;
            let el = Particle {
                kind: Kind::Electron,
                e: te + M_E,
                pos: p.pos,
                dir: if pn > 0.0 {
                    [pe[0] / pn, pe[1] / pn, pe[2] / pn]
                } else {
                    k0
                },
                slab: p.slab,
                key: mix(p.key, nchild),
                primary: false,
            };
            // The electron gets T = k − k' (atomic binding neglected): its rest mass is an
            // atomic electron's, so the ledger adds nothing for it beyond its kinetic energy.
            self.push_compton_electron(el, fast, stack, ctx);
            p.e = k1;
            p.dir = d1;
            if p.e < self.settings.cuts.photon {
                self.deposit(ctx, p.e, &p.pos, p.slab, ledger::CUT);
                self.residual_track(ctx, p.slab, 0, p.e);
                return;
            }
            if p.e < fast {
                ctx.ev.ledger[ledger::UNTRACKED] += p.e;
                return;
            }
        }
    }

    /// A Compton electron is an atomic electron set in motion: it carries only kinetic energy
    /// out of the photon, so its rest mass is already in the target (ledger: −m_e to cancel the
    /// +m_e booked when any electron stops).
    fn push_compton_electron(
        &self,
        p: Particle,
        fast: f64,
        stack: &mut Vec<Particle>,
        ctx: &mut Ctx<'_>,
    ) {
        ctx.ev.ledger[ledger::REST_MASS] -= M_E;
        self.push_or_absorb(p, fast, stack, ctx);
    }

    // ---- charged particles ----------------------------------------------------------------

    fn charged(&self, mut p: Particle, fast: f64, stack: &mut Vec<Particle>, ctx: &mut Ctx<'_>) {
        let q = usize::from(p.kind == Kind::Positron);
        let mut rng = rng::stream(p.key);
        let mut nchild = 0_u64;
        let mut step: u32 = 0;
        let mut nl = exp1(&mut rng);
        let cuts = self.settings.cuts;
        let set = &self.settings;
        loop {
            if p.e < fast {
                // Fast mode: nothing below the threshold is followed.
                if q == 1 {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e + M_E;
                    ctx.ev.ledger[ledger::REST_MASS] -= M_E;
                } else {
                    ctx.ev.ledger[ledger::UNTRACKED] += p.e - M_E;
                    ctx.ev.ledger[ledger::REST_MASS] += M_E;
                }
                return;
            }
            let t = p.e - M_E;
            if t <= cuts.electron {
                if q == 1 {
                    self.positron_at_rest(p, fast, stack, ctx);
                } else {
                    self.deposit(ctx, t, &p.pos, p.slab, ledger::CUT);
                    self.residual_track(ctx, p.slab, 0, t);
                    ctx.ev.ledger[ledger::REST_MASS] += M_E;
                }
                return;
            }
            let mi = self.geom.slabs[p.slab].material;
            let m = &self.mats[mi];
            let (gi, gf) = m.grid.locate_ln(t.ln());
            let li = |v: &[f64]| v[gi] + gf * (v[gi + 1] - v[gi]);
            let sig_b = li(&m.brem_total);
            let sig_a = if q == 1 { li(&m.annihilation) } else { 0.0 };
            let sig0 = sig_b + sig_a;
            let s_disc = if sig0 > 0.0 { nl / sig0 } else { f64::INFINITY };
            let r = m.range(q, t);
            let s_stop = (r - m.range(q, cuts.electron)).max(0.0);
            let s_lim = (set.range_fraction * r)
                .max(1e-5)
                .min(set.max_step_x0 * m.x0_cm);
            let (s_geo, lateral) = self.distance_out(&p);
            let mut s = s_disc.min(s_stop).min(s_lim).min(s_geo);
            let mut why = if s == s_geo {
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
                && em.step == step
            {
                s *= em.frac;
                why = Limit::Emit(em);
            }
            step += 1;
            // Continuous loss over the step.
            let dedx = li(&m.dedx[q]);
            let t_new = if matches!(why, Limit::Stop) {
                cuts.electron
            } else if dedx * s < 1e-3 * t {
                t - dedx * s
            } else {
                m.energy_at_range(q, (r - s).max(0.0)).min(t)
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
            if let Some(ch) = ctx.chunk.as_deref_mut() {
                self.score_track(ch, mi, q, e_new, e_old, s);
            }
            if ctx.chunk.is_some() && s > 0.0 {
                self.score_dark(ctx, &p, mi, q, e_mid, s, step - 1);
            }
            nl -= s * sig0;
            // Multiple scattering at the end of the step (Highland width at 1 X0, additive).
            if s > 0.0 {
                let pm = (e_mid * e_mid - M_E * M_E).max(1e-30).sqrt();
                let beta_p = pm * pm / e_mid;
                let th0 = HIGHLAND_MEV / beta_p * (s / m.x0_cm).sqrt();
                let (gx, gy) = normal_pair(&mut rng);
                let (tx, ty) = (th0 * gx, th0 * gy);
                let th = tx.hypot(ty).min(std::f64::consts::PI);
                if th > 0.0 {
                    let (st, ct) = th.sin_cos();
                    let h = tx.hypot(ty);
                    rotate(&mut p.dir, ct, st, tx / h, ty / h);
                }
            }
            match why {
                Limit::Geo => {
                    if !self.cross(&mut p, lateral) {
                        Self::escape(ctx, &p);
                        return;
                    }
                }
                Limit::Stop | Limit::Free => {}
                Limit::Emit(em) => {
                    let (mass_i, _) = ctx.replay.expect("replay");
                    let dark = self.dark.expect("dark setup in replay");
                    let md = &dark.masses[mass_i];
                    let depth = self.geom.depth_x0_at(p.slab, p.pos[2]);
                    match em.process {
                        Process::Brem => {
                            let x = md.sample_x(mi, p.e, em.u1, em.u2);
                            let ea = x * p.e;
                            p.e -= ea;
                            ctx.ev.ledger[ledger::DARK] += ea;
                            ctx.ev.emitted = Some((ea, p.pos[2], depth));
                        }
                        Process::Annihilation => {
                            let ea = p.e + M_E;
                            ctx.ev.ledger[ledger::DARK] += ea;
                            ctx.ev.ledger[ledger::REST_MASS] -= M_E;
                            ctx.ev.emitted = Some((ea, p.pos[2], depth));
                            return;
                        }
                    }
                }
                Limit::Disc => {
                    nl = exp1(&mut rng);
                    // Integral method: σ(E) along the step ≤ σ at its start for
                    // bremsstrahlung (σ grows with E); accept with σ(E_new)/σ(E_start).
                    let tn = p.e - M_E;
                    let (gi2, gf2) = m.grid.locate_ln(tn.ln());
                    let l2 = |v: &[f64]| v[gi2] + gf2 * (v[gi2 + 1] - v[gi2]);
                    let sb = l2(&m.brem_total);
                    let sa = if q == 1 { l2(&m.annihilation) } else { 0.0 };
                    let u = u01(&mut rng) * sig0.max(sb + sa);
                    if u < sb {
                        if p.e - M_E <= cuts.photon {
                            continue;
                        }
                        let el = m.pick_element(&m.brem, tn, u01(&mut rng));
                        let ed = &m.elements[el];
                        let k = pair::sample_brem_k(
                            &ed.screening,
                            ed.brem_max,
                            p.e,
                            cuts.photon,
                            &mut rng,
                        );
                        let mut dir = p.dir;
                        let th = pair::sample_angle(p.e, &mut rng);
                        rotate_polar(&mut dir, th, &mut rng);
                        nchild += 1;
                        let g = Particle {
                            kind: Kind::Photon,
                            e: k,
                            pos: p.pos,
                            dir,
                            slab: p.slab,
                            key: mix(p.key, nchild),
                            primary: false,
                        };
                        p.e -= k;
                        self.push_or_absorb(g, fast, stack, ctx);
                    } else if u < sb + sa {
                        // Two-photon annihilation in flight on an atomic electron.
                        let e_tot = p.e + M_E;
                        let f = positron::sample_fraction(p.e, &mut rng);
                        let k1 = f * e_tot;
                        let ct = positron::cos_theta(p.e, f);
                        let st = (1.0 - ct * ct).max(0.0).sqrt();
                        let (sp, cp) = (std::f64::consts::TAU * u01(&mut rng)).sin_cos();
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
                            nchild += 1;
                            let g = Particle {
                                kind: Kind::Photon,
                                e,
                                pos: p.pos,
                                dir: d,
                                slab: p.slab,
                                key: mix(p.key, nchild),
                                primary: false,
                            };
                            self.push_or_absorb(g, fast, stack, ctx);
                        }
                        return;
                    }
                }
            }
        }
    }

    /// Differential track length: the step's length is shared among the energy bins it spans
    /// in proportion to the energy lost in each (linear E(s) within a step).
    #[inline]
    fn score_track(&self, ch: &mut [f64], mi: usize, q: usize, e_lo: f64, e_hi: f64, s: f64) {
        let lay = self.layout;
        ch[lay.o_tl_tot + mi * 2 + q] += s;
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
    /// (probability w/Σw over all candidate steps of the event, both processes).
    fn score_dark(
        &self,
        ctx: &mut Ctx<'_>,
        p: &Particle,
        mi: usize,
        q: usize,
        e_mid: f64,
        s: f64,
        step: u32,
    ) {
        let Some(dark) = self.dark else {
            return;
        };
        let ln_e = e_mid.ln();
        for (k, md) in dark.masses.iter().enumerate() {
            let wb = s * md.sigma_macro_ln(mi, ln_e);
            let wa = match (&md.resonance, q) {
                (Some(res), 1) if e_mid + M_E > dark.e_min => s * md.n_e[mi] * res.sigma_cm2(e_mid),
                _ => 0.0,
            };
            if wb <= 0.0 && wa <= 0.0 {
                continue;
            }
            let ev = &mut *ctx.ev;
            for (w, process) in [(wb, Process::Brem), (wa, Process::Annihilation)] {
                if w <= 0.0 {
                    continue;
                }
                match process {
                    Process::Brem => {
                        ev.w_brem[k] += w;
                        if p.primary {
                            ev.w_brem_primary[k] += w;
                        }
                    }
                    Process::Annihilation => ev.w_ann[k] += w,
                }
                ev.wsum[k] += w;
                if u01(&mut ctx.dark_rng) * ev.wsum[k] < w {
                    ev.chosen[k] = Some(Emission {
                        key: p.key,
                        step,
                        process,
                        frac: u01(&mut ctx.dark_rng),
                        u1: u01(&mut ctx.dark_rng),
                        u2: u01(&mut ctx.dark_rng),
                        energy: e_mid,
                        material: mi,
                    });
                }
            }
        }
    }

    /// A' energy spectra from the chosen emission of each mass: the event adds its whole yield
    /// W = Σw at E_A' of the emission chosen with probability w/W, an unbiased estimate of
    /// Σ_steps w δ(E_A' − x E) for each process (one table sample per event instead of per step).
    fn score_spectra(&self, ev: &EventOut, ch: &mut [f64]) {
        let Some(dark) = self.dark else {
            return;
        };
        let lay = self.layout;
        for (k, md) in dark.masses.iter().enumerate() {
            let Some(em) = ev.chosen[k] else {
                continue;
            };
            let (ea, o) = match em.process {
                Process::Brem => (
                    md.sample_x(em.material, em.energy, em.u1, em.u2) * em.energy,
                    lay.spec_brem_at(k),
                ),
                Process::Annihilation => (em.energy + M_E, lay.spec_ann_at(k)),
            };
            if let Some(i) = lay.spec.index(ea) {
                ch[o + i] += ev.wsum[k];
            }
        }
    }
}
