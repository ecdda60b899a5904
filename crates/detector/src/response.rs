//! Detector response: what the beam particle and its secondaries leave in the SRD, the trackers,
//! the ECAL cells, the VETO and the HCAL modules, plus pile-up and the trigger (paper 002 §III,
//! eq. 14). A source describes an event as an [`EventDraft`] (true particles and deposits);
//! [`Detector::finish`] turns it into a measured [`Event`].
//!
//! ECAL cells: every electromagnetic (or hadronic) deposit is spread over the cells with a
//! two-component lateral profile whose 2-D density per component is R²/(π (r² + R²)²) (the
//! radial form used in shower parametrisations, e.g. Grindhammer–Peters); its integral over a
//! rectangle is analytic: with a² = x² + R², b² = y² + R²,
//! G(x, y) = [x/a · atan(y/a) + y/b · atan(x/b)]/(2π) is an antiderivative (∂²G/∂x∂y = density,
//! checked in the tests). Cell energies are then smeared with σ² = a_s²E + (cE)² + n² per cell,
//! so that the sum has σ_E/E = a_s/√E; the shape χ² compares the cell fractions of the 3×3 block
//! around the hottest cell with the electron template at the reconstructed position.

use aprime_core::rng::{Rng, normal_pair, u01, u01_open};

use crate::event::{Event, Process};
use aprime_experiment::{DetectorConfig, RunDetector};

/// Standard normal deviate.
#[inline]
pub fn gauss(r: &mut Rng) -> f64 {
    normal_pair(r).0
}

/// Moyal deviate with mode 0 and unit scale (a light-tailed stand-in for the Landau
/// distribution of energy loss): if Z ~ N(0, 1), −ln Z² is Moyal.
#[inline]
pub fn moyal(r: &mut Rng) -> f64 {
    let z = gauss(r);
    -(z * z).max(1e-300).ln()
}

/// Poisson deviate (inversion; small means only).
pub fn poisson(r: &mut Rng, mean: f64) -> u32 {
    if mean <= 0.0 {
        return 0;
    }
    let l = (-mean).exp();
    let mut k = 0;
    let mut p = u01_open(r);
    while p > l && k < 1000 {
        k += 1;
        p *= u01_open(r);
    }
    k
}

/// Kind of an ECAL deposit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepositKind {
    /// Electromagnetic shower (e±, γ): the electron template.
    Em,
    /// Hadronic shower: broader single-component profile.
    Hadron,
    /// Minimum-ionising track: all in the cell it crosses.
    Track,
}

/// Energy left in the ECAL by one particle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Deposit {
    /// Visible energy \[GeV\] (before the calorimeter resolution).
    pub e_gev: f64,
    /// Preshower part of it \[GeV\].
    pub ps_gev: f64,
    /// Impact point at the ECAL face, relative to the centre of the beam cell \[cm\].
    pub x_cm: f64,
    /// Impact point y \[cm\].
    pub y_cm: f64,
    /// Lateral shape.
    pub kind: DepositKind,
}

/// What the synchrotron-radiation detector sees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SrdSource {
    /// Synchrotron radiation of a charged particle of this energy and mass \[GeV\].
    Radiation {
        /// Energy \[GeV\].
        e_gev: f64,
        /// Mass \[GeV\].
        mass_gev: f64,
    },
    /// A fake electron tag (knock-on electrons from the vessel window, accidental SR).
    Fake,
}

/// The true content of an event, filled by a source.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    /// True process.
    pub process: Process,
    /// Event weight.
    pub weight: f64,
    /// A' mass \[GeV\] (signal) or 0.
    pub mass_gev: f64,
    /// True invisible energy \[GeV\].
    pub true_emiss_gev: f64,
    /// True momentum of the incoming particle measured by the trackers \[GeV\].
    pub p_true_gev: f64,
    /// True incoming angles \[mrad\].
    pub angle_mrad: [f64; 2],
    /// SRD input.
    pub srd: SrdSource,
    /// ECAL deposits.
    pub ecal: Vec<Deposit>,
    /// Energy escaping the back of the ECAL towards the HCAL \[GeV\].
    pub ecal_leak_gev: f64,
    /// Charged particles crossing the VETO.
    pub veto_crossings: u32,
    /// Visible hadronic/electromagnetic energies in HCAL modules 1–4 before resolution
    /// (smeared with the 0.6/√E hadronic resolution) \[GeV\].
    pub hcal_gev: [f64; 4],
    /// Visible energies of minimum-ionising tracks (muons) in HCAL modules 1–4 (smeared by
    /// photo-electron statistics only) \[GeV\].
    pub hcal_mip_gev: [f64; 4],
    /// Visible energy reaching the zero-degree HCAL0 \[GeV\].
    pub hcal0_gev: f64,
    /// Extra hits in the downstream straw chambers.
    pub straw_extra: u32,
}

impl EventDraft {
    /// A draft with no activity for an incoming particle of momentum `p` at angle `angle`.
    pub fn new(process: Process, weight: f64, p: f64, angle: [f64; 2], srd: SrdSource) -> Self {
        Self {
            process,
            weight,
            mass_gev: 0.0,
            true_emiss_gev: 0.0,
            p_true_gev: p,
            angle_mrad: angle,
            srd,
            ecal: Vec::new(),
            ecal_leak_gev: 0.0,
            veto_crossings: 0,
            hcal_gev: [0.0; 4],
            hcal_mip_gev: [0.0; 4],
            hcal0_gev: 0.0,
            straw_extra: 0,
        }
    }
}

/// Rectangle integral of one profile component of radius `r` between x1..x2, y1..y2
/// (coordinates relative to the impact point).
#[inline]
fn rect_fraction(r: f64, x1: f64, x2: f64, y1: f64, y2: f64) -> f64 {
    let g = |x: f64, y: f64| {
        let a = (x * x + r * r).sqrt();
        let b = (y * y + r * r).sqrt();
        (x / a * (y / a).atan() + y / b * (x / b).atan()) / std::f64::consts::TAU
    };
    g(x2, y2) - g(x1, y2) - g(x2, y1) + g(x1, y1)
}

/// The ECAL cell grid of a run and the lateral profiles.
#[derive(Debug, Clone)]
pub struct EcalGrid {
    /// Cells along x.
    pub nx: usize,
    /// Cells along y.
    pub ny: usize,
    /// Pitch \[cm\].
    pub pitch: f64,
    /// Cell index of the beam cell (x).
    pub bx: usize,
    /// Cell index of the beam cell (y).
    pub by: usize,
    core_r: f64,
    tail_r: f64,
    core_f: f64,
    hadron_r: f64,
    /// CoG → true position correction table along x (S-curve inversion): (cog, true) pairs.
    s_curve: Vec<(f64, f64)>,
}

impl EcalGrid {
    /// Grid of run `run`.
    pub fn new(cfg: &DetectorConfig, run: &RunDetector) -> Self {
        let nx = run.ecal_nx as usize;
        let ny = run.ecal_ny as usize;
        let mut g = Self {
            nx,
            ny,
            pitch: cfg.ecal.cell_mm / 10.0,
            bx: nx / 2,
            by: ny / 2,
            core_r: cfg.ecal.core_radius_cm,
            tail_r: cfg.ecal.tail_radius_cm,
            core_f: cfg.ecal.core_fraction,
            hadron_r: cfg.ecal.hadron_radius_cm,
            s_curve: Vec::new(),
        };
        // CoG of the em template against the true position across the beam cell ± 1 cell.
        let p = g.pitch;
        let n: u32 = 201;
        let mut cells = vec![0.0; nx * ny];
        g.s_curve = (0..n)
            .map(|i| {
                let x = -1.5 * p + 3.0 * p * f64::from(i) / f64::from(n - 1);
                cells.fill(0.0);
                g.add_profile(&mut cells, 1.0, x, 0.0, DepositKind::Em);
                let (cx, _) = g.cog(&cells);
                (cx, x)
            })
            .collect();
        g.s_curve.sort_by(|a, b| a.0.total_cmp(&b.0));
        g
    }

    /// Lower edges of cell `i` along x and `j` along y \[cm\] (beam-cell centre at 0).
    #[inline]
    fn cell_lo(&self, i: usize, j: usize) -> (f64, f64) {
        (
            (i as f64 - self.bx as f64 - 0.5) * self.pitch,
            (j as f64 - self.by as f64 - 0.5) * self.pitch,
        )
    }

    /// Whether a point is on the ECAL face.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        let (x0, y0) = self.cell_lo(0, 0);
        x >= x0
            && y >= y0
            && x < x0 + self.nx as f64 * self.pitch
            && y < y0 + self.ny as f64 * self.pitch
    }

    /// Add `e` spread with the profile of `kind` around (x, y) to `cells`; returns the energy
    /// that falls outside the grid.
    pub fn add_profile(&self, cells: &mut [f64], e: f64, x: f64, y: f64, kind: DepositKind) -> f64 {
        let mut inside = 0.0;
        if kind == DepositKind::Track {
            if let Some(k) = self.cell_index(x, y) {
                cells[k] += e;
                return 0.0;
            }
            return e;
        }
        let comps: &[(f64, f64)] = match kind {
            DepositKind::Em => &[(self.core_r, self.core_f), (self.tail_r, 1.0 - self.core_f)],
            _ => &[(self.hadron_r, 1.0)],
        };
        for j in 0..self.ny {
            for i in 0..self.nx {
                let (x0, y0) = self.cell_lo(i, j);
                let (x1, y1) = (x0 - x, y0 - y);
                let (x2, y2) = (x1 + self.pitch, y1 + self.pitch);
                let f: f64 = comps
                    .iter()
                    .map(|&(r, w)| w * rect_fraction(r, x1, x2, y1, y2))
                    .sum();
                cells[j * self.nx + i] += e * f;
                inside += e * f;
            }
        }
        (e - inside).max(0.0)
    }

    /// Index of the cell containing (x, y).
    pub fn cell_index(&self, x: f64, y: f64) -> Option<usize> {
        let (x0, y0) = self.cell_lo(0, 0);
        let i = ((x - x0) / self.pitch).floor();
        let j = ((y - y0) / self.pitch).floor();
        (i >= 0.0 && j >= 0.0 && (i as usize) < self.nx && (j as usize) < self.ny)
            .then(|| j as usize * self.nx + i as usize)
    }

    /// Energy-weighted centre of the cells \[cm\].
    pub fn cog(&self, cells: &[f64]) -> (f64, f64) {
        let (mut sx, mut sy, mut s) = (0.0, 0.0, 0.0);
        for j in 0..self.ny {
            for i in 0..self.nx {
                let e = cells[j * self.nx + i].max(0.0);
                let (x0, y0) = self.cell_lo(i, j);
                sx += e * (x0 + 0.5 * self.pitch);
                sy += e * (y0 + 0.5 * self.pitch);
                s += e;
            }
        }
        if s > 0.0 {
            (sx / s, sy / s)
        } else {
            (0.0, 0.0)
        }
    }

    /// S-curve correction of a CoG coordinate relative to the nearest cell centre.
    fn correct(&self, c: f64) -> f64 {
        let p = self.pitch;
        let centre = (c / p).round() * p;
        let d = c - centre;
        let t = &self.s_curve;
        let k = t.partition_point(|q| q.0 <= d).clamp(1, t.len() - 1);
        let (a, b) = (t[k - 1], t[k]);
        let f = if b.0 > a.0 {
            (d - a.0) / (b.0 - a.0)
        } else {
            0.0
        };
        centre + a.1 + f.clamp(0.0, 1.0) * (b.1 - a.1)
    }
}

/// Per-run detector: configuration plus derived numbers.
#[derive(Debug, Clone)]
pub struct Detector<'a> {
    /// Full configuration.
    pub cfg: &'a DetectorConfig,
    /// This run's settings.
    pub run: &'a RunDetector,
    /// Index of the run.
    pub run_index: u32,
    /// Beam energy E0 \[GeV\].
    pub e0: f64,
    /// ECAL grid.
    pub grid: EcalGrid,
    /// Probability of a second beam particle in the window.
    pub pileup_probability: f64,
}

impl<'a> Detector<'a> {
    /// Detector of run `run_index`.
    pub fn new(cfg: &'a DetectorConfig, run_index: usize, e0: f64) -> Self {
        let run = &cfg.runs[run_index];
        let rate = run.intensity_per_spill / cfg.spill_s;
        Self {
            cfg,
            run,
            run_index: run_index as u32,
            e0,
            grid: EcalGrid::new(cfg, run),
            pileup_probability: 1.0 - (-rate * cfg.pileup.window_ns * 1e-9).exp(),
        }
    }

    /// A beam impact point and angles (rms spot and divergence).
    pub fn beam_spot(&self, r: &mut Rng) -> ([f64; 2], [f64; 2]) {
        let b = &self.cfg.beam;
        let (a, c) = normal_pair(r);
        let (d, e) = normal_pair(r);
        (
            [a * b.spot_sigma_cm, c * b.spot_sigma_cm],
            [d * b.divergence_mrad, e * b.divergence_mrad],
        )
    }

    /// Turn a draft into the measured event.
    pub fn finish(&self, mut d: EventDraft, event: u64, r: &mut Rng) -> Event {
        let cfg = self.cfg;
        // Pile-up of a second beam particle.
        let mut pileup = false;
        let mut extra_tracks = 0;
        if u01(r) < self.pileup_probability {
            let u = u01(r);
            if u < cfg.pileup.unresolved_fraction {
                pileup = true;
                let (pos, _) = self.beam_spot(r);
                let e = self.e0 * (0.2 + 0.8 * u01(r));
                d.ecal.push(Deposit {
                    e_gev: e,
                    ps_gev: 0.03 * e,
                    x_cm: pos[0],
                    y_cm: pos[1],
                    kind: DepositKind::Em,
                });
            } else if u < cfg.pileup.unresolved_fraction + cfg.pileup.second_track_fraction {
                extra_tracks = 1;
            }
        }
        // Trackers.
        let t = &cfg.tracker;
        let n_tracks = if u01(r) < self.run.tracker_efficiency {
            1
        } else if u01(r) < 0.5 {
            0
        } else {
            2
        } + extra_tracks;
        let p_track = d.p_true_gev * (1.0 + t.momentum_resolution * gauss(r));
        let ax = d.angle_mrad[0] + t.angle_resolution_mrad * gauss(r);
        let ay = d.angle_mrad[1] + t.angle_resolution_mrad * gauss(r);
        let straw = d.straw_extra + poisson(r, t.straw_noise_hits);
        // SRD.
        let s = &cfg.srd;
        let mut srd = [0.0; 3];
        for (k, v) in srd.iter_mut().enumerate() {
            let signal = match d.srd {
                SrdSource::Radiation { e_gev, mass_gev } => {
                    if u01(r) < s.counter_inefficiency {
                        0.0
                    } else {
                        let m = (aprime_physics::constants::M_E / mass_gev).powi(4);
                        s.mean_mev[k]
                            * (e_gev / self.e0).powi(2)
                            * m
                            * (1.0 + s.resolution * gauss(r))
                    }
                }
                SrdSource::Fake => {
                    s.fake_tag_mev[0] + (s.fake_tag_mev[1] - s.fake_tag_mev[0]) * u01(r)
                }
            };
            *v = (signal + s.noise_mev * gauss(r)).max(0.0);
        }
        // ECAL.
        let ec = &cfg.ecal;
        let g = &self.grid;
        let mut cells = vec![0.0; g.nx * g.ny];
        let mut lateral_leak = 0.0;
        let mut ps = 0.0;
        for dep in &d.ecal {
            lateral_leak += g.add_profile(&mut cells, dep.e_gev, dep.x_cm, dep.y_cm, dep.kind);
            ps += dep.ps_gev;
        }
        // Shower-to-shower lateral fluctuations: move energy between cells, total conserved.
        let e_sum: f64 = cells.iter().map(|c| c.max(0.0)).sum();
        if e_sum > 0.0 && ec.shape_fluctuation > 0.0 {
            let deltas: Vec<f64> = cells
                .iter()
                .map(|c| ec.shape_fluctuation * c.max(0.0) * gauss(r))
                .collect();
            let total: f64 = deltas.iter().sum();
            for (c, dlt) in cells.iter_mut().zip(&deltas) {
                let f = c.max(0.0) / e_sum;
                *c = (*c + dlt - f * total).max(0.0);
            }
        }
        for c in &mut cells {
            let e = c.max(0.0);
            let sigma = (ec.stochastic * ec.stochastic * e
                + (ec.constant * e).powi(2)
                + ec.noise_gev * ec.noise_gev)
                .sqrt();
            *c = e + sigma * gauss(r);
        }
        let e_ecal: f64 = cells.iter().sum();
        // Preshower: same stochastic term on its own energy.
        let e_ps =
            (ps + ec.stochastic * ps.max(0.0).sqrt() * gauss(r) + ec.noise_gev * gauss(r)).max(0.0);
        let (cx, cy) = g.cog(&cells);
        let (max_k, max_e) = cells
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |a, (k, &e)| if e > a.1 { (k, e) } else { a });
        let max_fraction = if e_ecal > 0.0 {
            (max_e / e_ecal).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let chi2 = self.shape_chi2(&cells, e_ecal, max_k, cx, cy);
        // VETO.
        let v = &cfg.veto;
        let mut e_veto = v.noise_mev * gauss(r);
        let mut hits = d.veto_crossings;
        if u01(r) < v.accidental_probability {
            hits += 1;
        }
        for _ in 0..hits {
            if u01(r) >= v.inefficiency {
                e_veto += v.mip_mev + v.mip_width_mev * moyal(r);
            }
        }
        let e_veto = e_veto.max(0.0);
        // HCAL.
        let h = &cfg.hcal;
        let mut hc = d.hcal_gev;
        hc[0] += (d.ecal_leak_gev + lateral_leak) * h.ecal_leak_fraction;
        if u01(r) < h.accidental_probability {
            let k = (u01(r) * f64::from(self.run.hcal_modules)) as usize;
            hc[k.min(3)] += -h.accidental_mean_gev * u01_open(r).ln();
        }
        let mut hcal = [0.0; 4];
        for (k, out) in hcal.iter_mut().enumerate() {
            if k as u32 >= self.run.hcal_modules {
                continue;
            }
            let e = hc[k].max(0.0);
            let mip = d.hcal_mip_gev[k].max(0.0);
            let mip_meas = if mip > 0.0 {
                let pe_per_gev = h.photoelectrons_per_mip / h.muon_mpv_gev;
                let n = pe_per_gev * mip;
                // Poisson photo-electron statistics (Gaussian limit, n ≳ 100).
                (n + n.sqrt() * gauss(r)).max(0.0) / pe_per_gev
            } else {
                0.0
            };
            *out = e + h.stochastic * e.sqrt() * gauss(r) + mip_meas + h.noise_gev * gauss(r);
        }
        let e_hcal0 = if self.run.hcal0 {
            let e = d.hcal0_gev.max(0.0);
            e + h.stochastic * e.sqrt() * gauss(r) + h.noise_gev * gauss(r)
        } else {
            0.0
        };
        // Trigger (paper 002 eq. 14): S1–S3 · V̄1 · PS(> thr) · ECAL(< thr).
        let tr = &cfg.trigger;
        let trigger = u01(r) < tr.counter_efficiency
            && u01(r) >= tr.v1_accidental_probability
            && e_ps > tr.ps_threshold_gev + tr.threshold_resolution_gev * gauss(r)
            && e_ecal
                < self.run.trigger_ecal_threshold_gev + tr.threshold_resolution_gev * gauss(r);
        Event {
            run: self.run_index,
            event,
            process: d.process,
            weight: d.weight,
            mass_gev: d.mass_gev,
            true_emiss_gev: d.true_emiss_gev,
            n_tracks,
            p_track_gev: p_track,
            track_angle_mrad: ax.hypot(ay),
            straw_hits: 1 + straw,
            srd1_mev: srd[0],
            srd2_mev: srd[1],
            srd3_mev: srd[2],
            e_ecal_gev: e_ecal,
            e_ps_gev: e_ps,
            ecal_max_cell_fraction: max_fraction,
            ecal_shape_chi2: chi2,
            ecal_x_cm: cx,
            ecal_y_cm: cy,
            e_veto_mev: e_veto,
            e_hcal1_gev: hcal[0],
            e_hcal2_gev: hcal[1],
            e_hcal3_gev: hcal[2],
            e_hcal4_gev: hcal[3],
            e_hcal0_gev: e_hcal0,
            pileup,
            trigger,
        }
    }

    /// χ²/ndf of the 3×3 cell fractions around the hottest cell against the electron template
    /// at the S-curve-corrected position (0 for an empty ECAL).
    pub fn shape_chi2(&self, cells: &[f64], e_tot: f64, max_k: usize, cx: f64, cy: f64) -> f64 {
        if e_tot <= 0.1 {
            return 0.0;
        }
        let g = &self.grid;
        let ec = &self.cfg.ecal;
        let (xh, yh) = (g.correct(cx), g.correct(cy));
        let mut tmpl = vec![0.0; cells.len()];
        g.add_profile(&mut tmpl, e_tot, xh, yh, DepositKind::Em);
        let (mi, mj) = ((max_k % g.nx) as i64, (max_k / g.nx) as i64);
        let mut chi2 = 0.0;
        let mut n = 0;
        for dj in -1..=1 {
            for di in -1..=1 {
                let (i, j) = (mi + di, mj + dj);
                if i < 0 || j < 0 || i >= g.nx as i64 || j >= g.ny as i64 {
                    continue;
                }
                let k = j as usize * g.nx + i as usize;
                let t = tmpl[k].max(0.0);
                let var = ec.stochastic * ec.stochastic * t
                    + (ec.constant * t).powi(2)
                    + (ec.shape_fluctuation * t).powi(2)
                    + ec.noise_gev * ec.noise_gev
                    + 1e-6;
                chi2 += (cells[k] - t).powi(2) / var;
                n += 1;
            }
        }
        let ndf = (n - 2).max(1);
        chi2 / f64::from(ndf)
    }
}

#[cfg(test)]
mod tests {
    use super::rect_fraction;

    #[test]
    fn rectangle_integral_is_the_antiderivative_of_the_profile() {
        // Density R²/(π (r² + R²)²): numerical double integral (midpoint, 400²) over a cell-sized
        // rectangle off the impact point against the closed form; the whole plane holds 1.
        let r = 0.8;
        let (x1, x2, y1, y2) = (-0.7, 3.1, 0.4, 4.2);
        let n = 400;
        let (dx, dy) = ((x2 - x1) / f64::from(n), (y2 - y1) / f64::from(n));
        let mut s = 0.0;
        for i in 0..n {
            for j in 0..n {
                let x = x1 + (f64::from(i) + 0.5) * dx;
                let y = y1 + (f64::from(j) + 0.5) * dy;
                s += r * r / (std::f64::consts::PI * (x * x + y * y + r * r).powi(2)) * dx * dy;
            }
        }
        let exact = rect_fraction(r, x1, x2, y1, y2);
        assert!((s / exact - 1.0).abs() < 1e-4, "{s} vs {exact}");
        let all = rect_fraction(r, -1e6, 1e6, -1e6, 1e6);
        assert!((all - 1.0).abs() < 1e-5, "{all}");
    }
}
