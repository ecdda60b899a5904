//! Inputs taken from the shower stage once per simulation (deterministic for a seed):
//!
//! * [`ShowerLibrary`]: full showers of beam-energy electrons in the active target (visible,
//!   preshower and escaping energy per shower). A full 100 GeV shower costs ≈ 50 ms, so a few
//!   hundred are simulated once and resampled for every electromagnetic deposit; the total
//!   energy scales with the particle energy, the preshower fraction with the Γ-shaped
//!   longitudinal profile (PDG eq. 34.36, t_max = ln(E/E_c) ∓ 0.5) evaluated at the preshower
//!   depth, as the ratio to the library energy. The calorimeter resolution is applied later per
//!   cell ([`crate::response`]).
//! * [`PhotonSpectrum`]: the bremsstrahlung photon spectrum dN/dk per EOT in the target, from the
//!   shower stage's e± differential track lengths T∓(E) per material folded with Tsai's screened
//!   dσ/dk per atom (the shower stage's own cross section, Tsai RMP 46 815 eq. 3.9):
//!   dN/dk = Σ_m Σ_el n_el ∫ (T₋ + T₊)(E) α r_e² B_el(E, k)/k dE. A photon then converts into
//!   μ⁺μ⁻ with probability Σ_m f_m n_m σ_μμ,m(k) / Σ_m f_m (Σ_pair + Σ_Compton)_m(k) (f_m = the
//!   thickness fractions of the sampling structure, σ_μμ of paper 002 eq. 18–22), or interacts
//!   photo-nuclearly with the analogous ratio for σ_γA.
//! * Signal replays: the shower stage's forced-emission signal events ([`SignalEvent`]) per A'
//!   mass, with the yield per EOT per ε².

use std::sync::Arc;

use aprime_core::rng::{mix, stream, u01};
use aprime_core::seed::salt;
use aprime_experiment::shower_run::{YieldRequest, yield_run_config};
use aprime_experiment::{BremModel, ExperimentConfig};
use aprime_physics::constants::{ALPHA, M_MU, R_E_CM};
use aprime_physics::dimuon;
use aprime_shower::{
    Cuts, DarkProcess, Engine, RunConfig, Screening, ShowerError, ShowerSimulation, SignalEvent,
    TargetConfig, TransportSettings, ledger,
};
use rayon::prelude::*;

/// One library shower, as fractions of its energy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LibraryShower {
    /// Visible (deposited) energy / E.
    pub visible: f64,
    /// Preshower energy / E.
    pub preshower: f64,
    /// Energy escaping the target / E.
    pub escaped: f64,
}

/// Pre-simulated full showers of beam-energy electrons.
#[derive(Debug, Clone)]
pub struct ShowerLibrary {
    /// Energy of the library showers \[GeV\].
    pub energy_gev: f64,
    /// Showers.
    pub showers: Vec<LibraryShower>,
    /// Preshower depth \[X0\].
    pub preshower_x0: f64,
    /// Effective critical energy of the target \[GeV\].
    pub critical_gev: f64,
}

impl ShowerLibrary {
    /// Simulate `n` full showers of `e0` in `target`.
    pub fn build(
        target: TargetConfig,
        e0: f64,
        n: u64,
        seed: u64,
        progress: Option<&(dyn Fn(u64) + Sync)>,
    ) -> Result<Self, ShowerError> {
        let rc = RunConfig::showers(target, e0, n, seed);
        let sim = ShowerSimulation::new(rc)?;
        let settings = TransportSettings {
            cuts: Cuts {
                electron: sim.config.electron_cut_gev,
                photon: sim.config.photon_cut_gev,
            },
            fast_threshold: 0.0,
            range_fraction: sim.config.steps.range_fraction,
            max_step_x0: sim.config.steps.max_step_x0,
        };
        let engine = Engine::new(&sim.geometry, &sim.materials, settings, None, &sim.layout);
        let showers = (0..n)
            .into_par_iter()
            .map(|i| {
                let mut chunk = vec![0.0; sim.layout.len];
                let ev = engine.score_event(mix(seed ^ salt::SHOWER_LIBRARY, i), e0, &mut chunk);
                if let Some(p) = progress {
                    p(1);
                }
                let l = &ev.ledger;
                LibraryShower {
                    visible: l[ledger::VISIBLE] / e0,
                    preshower: l[ledger::PRESHOWER] / e0,
                    escaped: l[ledger::ESCAPED] / e0,
                }
            })
            .collect();
        let g = &sim.geometry;
        let preshower_x0 = g
            .slabs
            .iter()
            .filter(|s| g.sections[s.section].1)
            .map(|s| s.dt)
            .sum();
        // Effective critical energy: thickness-weighted in X0 (PDG: E_c per material).
        let (mut num, mut den) = (0.0, 0.0);
        for s in &g.slabs {
            num += s.dt * g.materials[s.material].critical_energy_gev;
            den += s.dt;
        }
        Ok(Self {
            energy_gev: e0,
            showers,
            preshower_x0,
            critical_gev: if den > 0.0 { num / den } else { 0.01 },
        })
    }

    /// Fraction of a shower of energy `e` within the preshower depth (Γ profile, PDG eq.
    /// 34.36 with b = 0.5, t_max = ln(e/E_c) − 0.5 for e±, + 0.5 for photons).
    pub fn preshower_fraction(&self, e: f64, photon: bool) -> f64 {
        let b = 0.5;
        let c = if photon { 0.5 } else { -0.5 };
        let tmax = ((e / self.critical_gev).ln() + c).max(0.2);
        let a = b * tmax + 1.0;
        statrs::function::gamma::gamma_lr(a, b * self.preshower_x0)
    }

    /// (visible, preshower, escaped) energies \[GeV\] of an e± (or photon) shower of energy
    /// `e`, from a random library shower.
    pub fn sample(&self, e: f64, photon: bool, r: &mut aprime_core::rng::Rng) -> (f64, f64, f64) {
        let s = self.showers
            [((u01(r) * self.showers.len() as f64) as usize).min(self.showers.len() - 1)];
        let scale =
            self.preshower_fraction(e, photon) / self.preshower_fraction(self.energy_gev, false);
        let ps = (s.preshower * e * scale).min(s.visible * e);
        (s.visible * e, ps, s.escaped * e)
    }
}

/// Photon spectrum in the target and the dimuon / photo-nuclear conversion probabilities.
#[derive(Debug, Clone)]
pub struct PhotonSpectrum {
    /// Photon energies \[GeV\] (log grid).
    pub k: Vec<f64>,
    /// dN/dk \[photons per GeV per EOT\].
    pub dn_dk: Vec<f64>,
    /// Probability that a photon of energy k converts into μ⁺μ⁻.
    pub p_dimuon: Vec<f64>,
    /// Probability of a photo-nuclear interaction.
    pub p_nuclear: Vec<f64>,
    /// Dimuon conversions per EOT.
    pub dimuon_per_eot: f64,
    /// Photo-nuclear interactions per EOT (k above the configured minimum).
    pub nuclear_per_eot: f64,
    cdf_dimuon: Vec<f64>,
    cdf_nuclear: Vec<f64>,
}

impl PhotonSpectrum {
    /// Fold the shower stage's track lengths with the bremsstrahlung cross section.
    pub fn build(
        target: TargetConfig,
        e0: f64,
        n: u64,
        seed: u64,
        photonuclear_pb_mb: f64,
        nuclear_min_gev: f64,
    ) -> Result<Self, ShowerError> {
        let k_lo = dimuon::threshold_gev() * 1.0001;
        let mut rc = RunConfig::showers(target, e0, n, seed ^ salt::PHOTON_SPECTRUM);
        rc.fast_threshold_gev = Some(k_lo.min(nuclear_min_gev) * 0.99);
        rc.chunk_events = 32;
        let sim = ShowerSimulation::new(rc)?;
        let res = sim.run(None)?;
        let g = &sim.geometry;
        let mut thick = vec![0.0; g.materials.len()];
        for s in &g.slabs {
            thick[s.material] += s.z_hi - s.z_lo;
        }
        let total: f64 = thick.iter().sum();
        let frac: Vec<f64> = thick.iter().map(|t| t / total).collect();
        let alpha_re2 = ALPHA * R_E_CM * R_E_CM;
        let nk = 240;
        let k: Vec<f64> = (0..nk)
            .map(|i| k_lo * (e0 / k_lo).powf(i as f64 / (nk - 1) as f64))
            .collect();
        // Per material: element screening constants with atom densities.
        let elems: Vec<Vec<(Screening, f64, f64)>> = g
            .materials
            .iter()
            .map(|m| {
                m.components
                    .iter()
                    .zip(m.atom_densities_cm3())
                    .map(|(c, na)| (Screening::new(&c.element), na, c.element.a))
                    .collect()
            })
            .collect();
        let rows: Vec<(f64, f64, f64)> = k
            .par_iter()
            .map(|&kk| {
                let mut dn = 0.0;
                let (mut s_mu, mut s_nuc, mut s_tot) = (0.0, 0.0, 0.0);
                for (m, tally) in res.materials.iter().enumerate() {
                    let edges = &tally.t_minus.edges;
                    for b in 0..tally.t_minus.values.len() {
                        let (lo, hi) = (edges[b], edges[b + 1]);
                        if hi <= kk {
                            continue;
                        }
                        let e = 0.5 * (lo.max(kk) + hi);
                        let t =
                            (tally.t_minus.values[b] + tally.t_plus.values[b]) * (hi - lo.max(kk));
                        if t <= 0.0 {
                            continue;
                        }
                        for (sc, na, _) in &elems[m] {
                            dn += t * na * alpha_re2 * sc.brem_bracket(e, kk) / kk;
                        }
                    }
                    let mat = &g.materials[m];
                    let (pair, compton) = sim.materials[m].photon_sigma(kk);
                    s_tot += frac[m] * (pair + compton);
                    let mu = dimuon::material_total_ub(mat, kk).map_or(0.0, |e| e.value);
                    s_mu += frac[m] * mat.atom_density_cm3() * mu * 1e-30;
                    for (_, na, a) in &elems[m] {
                        s_nuc += frac[m] * na * photonuclear_pb_mb * (a / 207.2).powf(0.91) * 1e-27;
                    }
                }
                let p_mu = if s_tot > 0.0 { s_mu / s_tot } else { 0.0 };
                let p_nuc = if s_tot > 0.0 && kk >= nuclear_min_gev {
                    s_nuc / s_tot
                } else {
                    0.0
                };
                (dn, p_mu, p_nuc)
            })
            .collect();
        let dn_dk: Vec<f64> = rows.iter().map(|r| r.0).collect();
        let p_dimuon: Vec<f64> = rows.iter().map(|r| r.1).collect();
        let p_nuclear: Vec<f64> = rows.iter().map(|r| r.2).collect();
        let cdf = |p: &[f64]| {
            let mut c = vec![0.0; nk];
            for i in 1..nk {
                let dk = k[i] - k[i - 1];
                c[i] = c[i - 1] + 0.5 * dk * (dn_dk[i] * p[i] + dn_dk[i - 1] * p[i - 1]);
            }
            c
        };
        let cdf_dimuon = cdf(&p_dimuon);
        let cdf_nuclear = cdf(&p_nuclear);
        Ok(Self {
            dimuon_per_eot: *cdf_dimuon.last().expect("grid"),
            nuclear_per_eot: *cdf_nuclear.last().expect("grid"),
            k,
            dn_dk,
            p_dimuon,
            p_nuclear,
            cdf_dimuon,
            cdf_nuclear,
        })
    }

    fn sample_cdf(&self, cdf: &[f64], u: f64) -> f64 {
        let target = u * cdf[cdf.len() - 1];
        let i = cdf.partition_point(|&c| c < target).clamp(1, cdf.len() - 1);
        let f = if cdf[i] > cdf[i - 1] {
            (target - cdf[i - 1]) / (cdf[i] - cdf[i - 1])
        } else {
            0.5
        };
        self.k[i - 1] + f * (self.k[i] - self.k[i - 1])
    }

    /// Energy of a photon that converts into μ⁺μ⁻ \[GeV\].
    pub fn sample_dimuon(&self, u: f64) -> f64 {
        self.sample_cdf(&self.cdf_dimuon, u)
    }

    /// Energy of a photon that interacts photo-nuclearly \[GeV\].
    pub fn sample_nuclear(&self, u: f64) -> f64 {
        self.sample_cdf(&self.cdf_nuclear, u)
    }

    /// Energy of a photo-nuclear photon restricted to k ≥ `k_min` \[GeV\], and the fraction of
    /// all photo-nuclear interactions above `k_min` (the importance weight).
    pub fn sample_nuclear_above(&self, k_min: f64, u: f64) -> (f64, f64) {
        let c = &self.cdf_nuclear;
        let tot = c[c.len() - 1];
        if tot <= 0.0 {
            return (k_min, 0.0);
        }
        let i = self.k.partition_point(|&x| x < k_min).min(self.k.len() - 1);
        let u_lo = c[i] / tot;
        (self.sample_cdf(c, u_lo + (1.0 - u_lo) * u), 1.0 - u_lo)
    }

    /// Dimuon conversions per EOT with E_γ above `k_min` \[GeV\].
    pub fn dimuon_above(&self, k_min: f64) -> f64 {
        let i = self.k.partition_point(|&x| x < k_min).min(self.k.len() - 1);
        self.cdf_dimuon[self.cdf_dimuon.len() - 1] - self.cdf_dimuon[i]
    }
}

/// x₊ = E_μ⁺/E_γ sampled from paper 002 eq. 18 on Pb by rejection (the bracket is within a
/// factor ~2 of flat over the range).
pub fn sample_dimuon_x(k: f64, r: &mut aprime_core::rng::Rng) -> f64 {
    let pb = dimuon::DimuonTarget::new(82.0, 207.2).expect("Pb");
    let Some((lo, hi)) = dimuon::x_range(k) else {
        return 0.5;
    };
    let fmax = [lo + 1e-9, 0.5, hi - 1e-9, lo + 0.05 * (hi - lo)]
        .iter()
        .map(|&x| dimuon::dsigma_dx_ub(&pb, k, x))
        .fold(0.0, f64::max)
        * 1.3;
    for _ in 0..1000 {
        let x = lo + (hi - lo) * u01(r);
        if u01(r) * fmax <= dimuon::dsigma_dx_ub(&pb, k, x) {
            return x;
        }
    }
    0.5
}

/// Muon mass, re-exported for the sources.
pub const MUON_MASS: f64 = M_MU;

/// Signal replays of one A' mass.
#[derive(Debug, Clone)]
pub struct SignalSet {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// A' yield per EOT per ε² with E_A' above the threshold.
    pub yield_per_eot_per_eps2: f64,
    /// Replayed events.
    pub events: Vec<SignalEvent>,
    /// Σ of the replays' weights.
    pub weight_sum: f64,
}

/// Run the shower stage for the signal of `masses` (E_A' > `e_min`).
pub fn signal_sets(
    cfg: &ExperimentConfig,
    masses: &[f64],
    e_min: f64,
    showers: u64,
    replays: u64,
    seed: u64,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<Vec<SignalSet>, ShowerError> {
    if masses.is_empty() || replays == 0 {
        return Ok(Vec::new());
    }
    let rc = yield_run_config(
        cfg,
        &YieldRequest {
            masses,
            bremsstrahlung: cfg.production.bremsstrahlung,
            annihilation: cfg.production.annihilation,
            e_min_gev: e_min,
            events: showers,
            seed: seed ^ salt::SIGNAL_REPLAYS,
            signal_events: replays,
        },
    )?;
    let sim = ShowerSimulation::new(rc)?;
    let res = sim.run(progress)?;
    let brem_on = cfg.production.bremsstrahlung != BremModel::Off;
    let sets = res
        .dark
        .iter()
        .enumerate()
        .map(|(k, y)| {
            let events: Vec<SignalEvent> = res
                .signal_events
                .iter()
                .filter(|s| s.mass_index == k)
                .filter(|s| brem_on || s.process == DarkProcess::Annihilation)
                .cloned()
                .collect();
            let yield_ = if brem_on {
                y.yield_per_eot_per_eps2
            } else {
                y.annihilation.value
            };
            SignalSet {
                mass_gev: y.mass_gev,
                yield_per_eot_per_eps2: yield_,
                weight_sum: events.iter().map(|e| e.weight).sum(),
                events,
            }
        })
        .collect();
    Ok(sets)
}

/// Everything prepared from the shower stage.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Shower library.
    pub library: Arc<ShowerLibrary>,
    /// Photon spectrum.
    pub photons: Arc<PhotonSpectrum>,
    /// Signal replays per mass.
    pub signals: Vec<SignalSet>,
}

/// Random stream for (purpose, index) under a seed: the detector's key derivation.
pub fn key(seed: u64, a: u64, b: u64) -> u64 {
    mix(mix(seed, a), b)
}

/// Generator of a key.
pub fn rng(k: u64) -> aprime_core::rng::Rng {
    stream(k)
}
