//! Runs: configuration, parallel execution in fixed-size chunks, shards and their merge, and the
//! reduction of the tallies to a [`ShowerResult`].
//!
//! Reproducibility: event `i` uses the key `mix(seed, i)` ([`crate::rng`]); events are grouped in
//! chunks of `chunk_events`; chunk tallies are combined exactly ([`crate::tally`]). Shard `k` of
//! `n` runs chunks ⌊k·C/n⌋ .. ⌊(k+1)·C/n⌋ of the C chunks, so merging the n partial results gives
//! bitwise the numbers of the single run, whatever the thread count.

use std::sync::Arc;

use aprime_physics::Material;
use aprime_physics::constants::{E_S, M_E};
use aprime_physics::dark_brem::Method;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::{Geometry, TargetConfig};
use crate::dark::{
    AnnihilationSpec, DarkBremSource, DarkBremTable, MethodSource, Resonance, TableSpec,
    check_masses,
};
use crate::em::MaterialPhysics;
use crate::em::tables::Cuts;
use crate::error::{Result, ShowerError, ensure};
use crate::result::{
    DarkYield, EnergyBalance, Histogram, MaterialTally, Measured, ShowerResult, SignalEvent,
};
use crate::rng::mix;
use crate::tally::{Bins, ExactTally, Layout, dark_slot, ledger};
use crate::transport::{DarkSetup, Engine, MassDark, Settings};

/// Dark-sector part of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DarkConfig {
    /// A' masses \[GeV\]; all are scored on the same showers.
    pub masses_gev: Vec<f64>,
    /// Dark-bremsstrahlung cross section (`etl`, `iww`, `exact`, `wwsimple`).
    pub method: Method,
    /// Only A' with E_A' above this count \[GeV\] (NA64: E_miss > 50 GeV).
    pub e_min_gev: f64,
    /// Resonant annihilation.
    pub annihilation: AnnihilationSpec,
    /// Events (the first ones of the run) replayed as full signal showers for each mass.
    pub signal_events: u64,
    /// Table resolution.
    pub table: TableSpec,
}

impl Default for DarkConfig {
    fn default() -> Self {
        Self {
            masses_gev: vec![0.01],
            method: Method::Etl,
            e_min_gev: 50.0,
            annihilation: AnnihilationSpec::default(),
            signal_events: 0,
            table: TableSpec::default(),
        }
    }
}

/// Binning of the profiles and spectra.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binning {
    /// Longitudinal bin width \[X0\].
    pub long_bin_x0: f64,
    /// Lateral bins per Molière radius.
    pub lat_bins_per_rm: usize,
    /// Lateral range in Molière radii.
    pub lat_max_rm: f64,
    /// Track-length spectra: bins per decade.
    pub tl_bins_per_decade: usize,
    /// Track-length spectra: lowest energy \[GeV\].
    pub tl_lo_gev: f64,
}

impl Default for Binning {
    fn default() -> Self {
        Self {
            long_bin_x0: 0.2,
            lat_bins_per_rm: 50,
            lat_max_rm: 10.0,
            tl_bins_per_decade: 100,
            tl_lo_gev: 1e-4,
        }
    }
}

/// Step control of charged particles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepConfig {
    /// Largest step as a fraction of the residual CSDA range.
    pub range_fraction: f64,
    /// Largest step \[X0\].
    pub max_step_x0: f64,
}

impl Default for StepConfig {
    fn default() -> Self {
        Self {
            range_fraction: 0.2,
            max_step_x0: 0.5,
        }
    }
}

/// Everything that defines a run (and so its numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    /// Target.
    pub target: TargetConfig,
    /// Beam electron energy \[GeV\].
    pub beam_energy_gev: f64,
    /// Number of beam electrons (EOT).
    pub events: u64,
    /// Seed.
    pub seed: u64,
    /// e± kinetic-energy cut \[GeV\].
    pub electron_cut_gev: f64,
    /// Photon cut \[GeV\].
    pub photon_cut_gev: f64,
    /// Follow only particles with total energy above this \[GeV\] (`None`: full shower).
    pub fast_threshold_gev: Option<f64>,
    /// Events per chunk (the unit of parallel work and of exact summation).
    pub chunk_events: u64,
    /// Dark sector (`None`: showers only).
    pub dark: Option<DarkConfig>,
    /// Binnings.
    pub binning: Binning,
    /// Step control.
    pub steps: StepConfig,
}

impl RunConfig {
    /// Full showers of `events` electrons of `beam_energy_gev` in `target`, 1 MeV cuts.
    pub fn showers(target: TargetConfig, beam_energy_gev: f64, events: u64, seed: u64) -> Self {
        Self {
            target,
            beam_energy_gev,
            events,
            seed,
            electron_cut_gev: 1e-3,
            photon_cut_gev: 1e-3,
            fast_threshold_gev: None,
            chunk_events: 16,
            dark: None,
            binning: Binning::default(),
            steps: StepConfig::default(),
        }
    }

    /// A' yields for `masses` with E_A' > `e_min`: fast mode (only particles above
    /// E_min − m_e are followed), showers of the NA64 kind.
    pub fn yields(
        target: TargetConfig,
        beam_energy_gev: f64,
        masses: Vec<f64>,
        method: Method,
        e_min: f64,
        events: u64,
        seed: u64,
    ) -> Self {
        Self {
            fast_threshold_gev: Some((e_min - M_E).max(0.0)),
            chunk_events: 256,
            dark: Some(DarkConfig {
                masses_gev: masses,
                method,
                e_min_gev: e_min,
                ..DarkConfig::default()
            }),
            ..Self::showers(target, beam_energy_gev, events, seed)
        }
    }

    fn validate(&self) -> Result<()> {
        let e0 = self.beam_energy_gev;
        ensure(e0.is_finite() && e0 > 0.0, || {
            format!("beam energy must be positive, got {e0} GeV")
        })?;
        ensure(e0 <= 1e4, || format!("beam energy {e0} GeV above 10 TeV"))?;
        ensure(self.events > 0, || {
            "the number of events must be positive".into()
        })?;
        ensure(self.chunk_events > 0, || {
            "chunk size must be positive".into()
        })?;
        for (n, c) in [
            ("electron cut", self.electron_cut_gev),
            ("photon cut", self.photon_cut_gev),
        ] {
            ensure(c.is_finite() && (1e-5..e0).contains(&c), || {
                format!("{n} must be between 10 keV and the beam energy, got {c} GeV")
            })?;
        }
        if let Some(f) = self.fast_threshold_gev {
            ensure(f.is_finite() && f >= 0.0 && f < e0, || {
                format!("fast-mode threshold must be in [0, E0), got {f} GeV")
            })?;
        }
        let b = &self.binning;
        ensure(
            b.long_bin_x0 > 0.0
                && b.lat_bins_per_rm > 0
                && b.lat_max_rm > 0.0
                && b.tl_bins_per_decade > 0
                && b.tl_lo_gev > 0.0
                && b.tl_lo_gev < e0,
            || format!("invalid binning {b:?}"),
        )?;
        let st = &self.steps;
        ensure(
            st.range_fraction > 0.0 && st.range_fraction <= 1.0 && st.max_step_x0 > 0.0,
            || format!("invalid step settings {st:?}"),
        )?;
        if let Some(d) = &self.dark {
            check_masses(&d.masses_gev)?;
            ensure(
                d.e_min_gev.is_finite() && d.e_min_gev >= 0.0 && d.e_min_gev < e0,
                || format!("E_A' threshold must be in [0, E0), got {} GeV", d.e_min_gev),
            )?;
            ensure(d.masses_gev.len() <= 1000, || "at most 1000 masses".into())?;
            let a = &d.annihilation;
            ensure(
                a.alpha_d > 0.0 && a.chi_mass_ratio >= 0.0 && a.chi_mass_ratio < 0.5,
                || format!("invalid annihilation settings {a:?} (α_D > 0, 0 ≤ m_χ/m < 1/2)"),
            )?;
        }
        Ok(())
    }
}

/// A partial result of shard `shard` of `of` (JSON file for `aprime merge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartialResult {
    /// Format tag.
    pub format: String,
    /// Run configuration (must be identical in all shards).
    pub config: RunConfig,
    /// Name of the dark-bremsstrahlung source.
    pub source: Option<String>,
    /// Shard index.
    pub shard: u64,
    /// Number of shards.
    pub of: u64,
    /// Exact sums.
    pub tally: ExactTally,
    /// Replayed signal events.
    pub signals: Vec<SignalEvent>,
}

/// Format tag of partial results.
pub const PARTIAL_FORMAT: &str = "aprime-shower-partial-1";

/// Progress callback: called with the number of events just finished.
pub type Progress<'p> = &'p (dyn Fn(u64) + Sync);

/// A prepared run: geometry, material tables, dark tables.
pub struct Simulation {
    /// Configuration.
    pub config: RunConfig,
    /// Geometry.
    pub geometry: Geometry,
    /// Material tables.
    pub materials: Vec<MaterialPhysics>,
    /// Tally layout.
    pub layout: Layout,
    /// Dark tables.
    pub dark: Option<DarkSetup>,
    /// Dark-bremsstrahlung source name.
    pub source: Option<String>,
}

impl Simulation {
    /// Prepare with the physics-core method of the configuration.
    pub fn new(config: RunConfig) -> Result<Self> {
        let method = config.dark.as_ref().map(|d| d.method);
        let src: Option<Arc<dyn DarkBremSource>> =
            method.map(|m| Arc::new(MethodSource::new(m)) as Arc<dyn DarkBremSource>);
        Self::build(config, src.as_deref(), true)
    }

    /// Prepare with a custom dark-bremsstrahlung source (the `method` field is then only a
    /// label).
    pub fn with_source(config: RunConfig, source: &dyn DarkBremSource) -> Result<Self> {
        Self::build(config, Some(source), true)
    }

    fn build(config: RunConfig, source: Option<&dyn DarkBremSource>, tables: bool) -> Result<Self> {
        config.validate()?;
        let geometry = config.target.build()?;
        let e0 = config.beam_energy_gev;
        let cuts = Cuts {
            electron: config.electron_cut_gev,
            photon: config.photon_cut_gev,
        };
        let materials: Vec<MaterialPhysics> = geometry
            .materials
            .par_iter()
            .map(|m| MaterialPhysics::new(m, cuts, e0))
            .collect();
        let rm = effective_moliere_radius(&geometry);
        let b = config.binning;
        let long = Bins::linear(
            0.0,
            geometry.depth_x0,
            (geometry.depth_x0 / b.long_bin_x0).ceil() as usize,
        );
        let lat = Bins::linear(
            0.0,
            b.lat_max_rm * rm,
            (b.lat_max_rm * b.lat_bins_per_rm as f64).ceil() as usize,
        );
        let tl = Bins::log(b.tl_lo_gev, e0 * (1.0 + 1e-9), b.tl_bins_per_decade);
        let n_mass = config.dark.as_ref().map_or(0, |d| d.masses_gev.len());
        let layout = Layout::new(
            geometry.materials.len(),
            geometry.sections.len(),
            n_mass,
            long,
            lat,
            tl,
            e0,
        );
        let dark = match (&config.dark, source, tables) {
            (Some(d), Some(src), true) => Some(build_dark(&geometry, d, src, e0)?),
            _ => None,
        };
        Ok(Self {
            source: source.map(DarkBremSource::name),
            config,
            geometry,
            materials,
            layout,
            dark,
        })
    }

    /// Number of chunks.
    pub fn n_chunks(&self) -> u64 {
        self.config.events.div_ceil(self.config.chunk_events)
    }

    fn settings(&self) -> Settings {
        Settings {
            cuts: Cuts {
                electron: self.config.electron_cut_gev,
                photon: self.config.photon_cut_gev,
            },
            fast_threshold: self.config.fast_threshold_gev.unwrap_or(0.0),
            range_fraction: self.config.steps.range_fraction,
            max_step_x0: self.config.steps.max_step_x0,
        }
    }

    fn run_chunk(&self, engine: &Engine<'_>, c: u64) -> (ExactTally, Vec<SignalEvent>) {
        let cfg = &self.config;
        let lay = &self.layout;
        let e0 = cfg.beam_energy_gev;
        let first = c * cfg.chunk_events;
        let last = (first + cfg.chunk_events).min(cfg.events);
        let mut ch = vec![0.0; lay.len];
        let mut max_res = 0.0_f64;
        let mut signals = Vec::new();
        let n_sig = cfg.dark.as_ref().map_or(0, |d| d.signal_events);
        for i in first..last {
            let key = mix(cfg.seed, i);
            let ev = engine.score_event(key, e0, &mut ch);
            let l = &ev.ledger;
            let sum = l[ledger::IONISATION]
                + l[ledger::CUT]
                + l[ledger::ESCAPED]
                + l[ledger::UNTRACKED]
                + l[ledger::DARK]
                + l[ledger::REST_MASS];
            max_res = max_res.max((sum - e0).abs() / e0);
            for s in 0..ledger::N {
                let v = match s {
                    ledger::VISIBLE2 => l[ledger::VISIBLE] * l[ledger::VISIBLE],
                    ledger::PRESHOWER2 => l[ledger::PRESHOWER] * l[ledger::PRESHOWER],
                    _ => l[s],
                };
                ch[lay.o_ledger + s] += v;
            }
            for (k, v) in ev.sections.iter().enumerate() {
                ch[lay.o_sec + k] += v;
            }
            for (k, v) in ev.materials.iter().enumerate() {
                ch[lay.o_mat + k] += v;
            }
            if let Some(b) = lay.ps.index(l[ledger::PRESHOWER]) {
                ch[lay.o_ps + b] += 1.0;
            }
            if let Some(b) = lay.ecal.index(l[ledger::VISIBLE]) {
                ch[lay.o_ecal + b] += 1.0;
            }
            for k in 0..lay.n_mass {
                let (wb, wa) = (ev.w_brem[k], ev.w_ann[k]);
                let o = lay.dark_at(k);
                ch[o + dark_slot::BREM] += wb;
                ch[o + dark_slot::BREM2] += wb * wb;
                ch[o + dark_slot::ANN] += wa;
                ch[o + dark_slot::ANN2] += wa * wa;
                ch[o + dark_slot::TOT2] += (wa + wb) * (wa + wb);
                ch[o + dark_slot::BREM_PRIMARY] += ev.w_brem_primary[k];
                if i < n_sig
                    && let Some(em) = ev.chosen[k]
                {
                    let w = wa + wb;
                    let r = engine.replay_event(key, e0, k, em);
                    let rl = &r.ledger;
                    let vis = rl[ledger::VISIBLE];
                    if let Some(bin) = lay.spec.index(vis) {
                        ch[lay.sig_at(k) + bin] += w;
                    }
                    ch[o + dark_slot::SIGNAL_W] += w;
                    ch[o + dark_slot::SIGNAL_N] += 1.0;
                    let rsum = rl[ledger::IONISATION]
                        + rl[ledger::CUT]
                        + rl[ledger::ESCAPED]
                        + rl[ledger::UNTRACKED]
                        + rl[ledger::DARK]
                        + rl[ledger::REST_MASS];
                    max_res = max_res.max((rsum - e0).abs() / e0);
                    let (ea, z, t) = r.emitted.unwrap_or((0.0, 0.0, 0.0));
                    signals.push(SignalEvent {
                        event: i,
                        mass_index: k,
                        mass_gev: self.dark.as_ref().map_or(0.0, |d| d.masses[k].mass),
                        weight: w,
                        process: em.process,
                        e_aprime_gev: ea,
                        z_cm: z,
                        depth_x0: t,
                        ecal_gev: vis,
                        preshower_gev: rl[ledger::PRESHOWER],
                        escaped_gev: rl[ledger::ESCAPED],
                        cells_gev: r.cells,
                    });
                }
            }
        }
        let mut t = ExactTally::zeros(lay.len);
        t.add_chunk(last - first, &ch, max_res);
        (t, signals)
    }

    fn run_range(
        &self,
        lo: u64,
        hi: u64,
        progress: Option<Progress<'_>>,
    ) -> (ExactTally, Vec<SignalEvent>) {
        let engine = Engine::new(
            &self.geometry,
            &self.materials,
            self.settings(),
            self.dark.as_ref(),
            &self.layout,
        );
        let n = self.layout.len;
        let (tally, mut signals) = (lo..hi)
            .into_par_iter()
            .map(|c| {
                let r = self.run_chunk(&engine, c);
                if let Some(p) = progress {
                    p(r.0.events);
                }
                r
            })
            .fold(
                || (ExactTally::zeros(n), Vec::new()),
                |(mut a, mut s), (t, mut sig)| {
                    a.add(&t);
                    s.append(&mut sig);
                    (a, s)
                },
            )
            .reduce(
                || (ExactTally::zeros(n), Vec::new()),
                |(mut a, mut s), (b, mut sb)| {
                    a.add(&b);
                    s.append(&mut sb);
                    (a, s)
                },
            );
        signals.sort_by_key(|s| (s.event, s.mass_index));
        (tally, signals)
    }

    /// Run all events.
    pub fn run(&self, progress: Option<Progress<'_>>) -> Result<ShowerResult> {
        let (t, s) = self.run_range(0, self.n_chunks(), progress);
        self.finish(&t, s)
    }

    /// Run shard `shard` of `of` and return the partial result.
    pub fn run_shard(
        &self,
        shard: u64,
        of: u64,
        progress: Option<Progress<'_>>,
    ) -> Result<PartialResult> {
        ensure(of >= 1, || "the number of shards must be at least 1".into())?;
        ensure(shard < of, || {
            format!("shard index {shard} must be below the number of shards {of}")
        })?;
        let c = self.n_chunks();
        let (lo, hi) = (shard * c / of, (shard + 1) * c / of);
        let (tally, signals) = self.run_range(lo, hi, progress);
        Ok(PartialResult {
            format: PARTIAL_FORMAT.into(),
            config: self.config.clone(),
            source: self.source.clone(),
            shard,
            of,
            tally,
            signals,
        })
    }

    /// Reduce exact sums to the result.
    pub fn finish(&self, t: &ExactTally, signals: Vec<SignalEvent>) -> Result<ShowerResult> {
        ensure(t.events > 0, || "no events in the tally".into())?;
        let v = t.to_f64();
        let lay = &self.layout;
        let n = t.events as f64;
        let cfg = &self.config;
        let e0 = cfg.beam_energy_gev;
        let g = &self.geometry;
        let led = |s: usize| v[lay.o_ledger + s] / n;
        let rms = |s: usize, s2: usize| (led(s2) - led(s).powi(2)).max(0.0).sqrt();
        let energy = EnergyBalance {
            beam_gev: e0,
            ionisation_gev: led(ledger::IONISATION),
            cut_gev: led(ledger::CUT),
            visible_gev: led(ledger::VISIBLE),
            visible_rms_gev: rms(ledger::VISIBLE, ledger::VISIBLE2),
            escaped_gev: led(ledger::ESCAPED),
            untracked_gev: led(ledger::UNTRACKED),
            dark_gev: led(ledger::DARK),
            rest_mass_gev: led(ledger::REST_MASS),
            max_relative_residual: t.max_residual,
        };
        let hist = |off: usize, b: &Bins, norm: f64, density: bool| {
            let edges = b.edges();
            let values = (0..b.n)
                .map(|i| {
                    let w = if density {
                        edges[i + 1] - edges[i]
                    } else {
                        1.0
                    };
                    v[off + i] / norm / w
                })
                .collect();
            Histogram {
                edges,
                values,
                overflow: v[off + b.n] / norm,
            }
        };
        let longitudinal = hist(lay.o_long, &lay.long, n, true);
        let lateral = hist(lay.o_lat, &lay.lat, n, true);
        let materials = g
            .materials
            .iter()
            .enumerate()
            .map(|(m, mat)| MaterialTally {
                name: mat.name.clone(),
                deposited_gev: v[lay.o_mat + m] / n,
                electron_track_cm: v[lay.o_tl_tot + 2 * m] / n,
                positron_track_cm: v[lay.o_tl_tot + 2 * m + 1] / n,
                t_minus: hist(lay.tl_at(m, 0), &lay.tl, n, true),
                t_plus: hist(lay.tl_at(m, 1), &lay.tl, n, true),
                electron_density_cm3: mat.electron_density_cm3(),
                radiation_length_cm: mat.radiation_length_cm(),
            })
            .collect::<Vec<_>>();
        let track_length_cm = materials
            .iter()
            .map(|m| m.electron_track_cm + m.positron_track_cm)
            .sum();
        let (t_max_x0, t_mean_x0) = longitudinal_maximum(&longitudinal);
        let r90_cm = containment_radius(&lateral, 0.9);
        let dark = match (&cfg.dark, &self.dark) {
            (Some(d), _) => d
                .masses_gev
                .iter()
                .enumerate()
                .map(|(k, &mass)| {
                    let o = lay.dark_at(k);
                    let s = |j: usize| v[o + j];
                    let err = |sum: f64, sum2: f64| {
                        if t.events < 2 {
                            return f64::INFINITY;
                        }
                        ((sum2 / n - (sum / n).powi(2)).max(0.0) / (n - 1.0)).sqrt()
                    };
                    let (b, a) = (s(dark_slot::BREM), s(dark_slot::ANN));
                    let n_sig = d.signal_events.min(t.events).max(1) as f64;
                    DarkYield {
                        mass_gev: mass,
                        method: self.source.clone().unwrap_or_else(|| d.method.to_string()),
                        e_min_gev: d.e_min_gev,
                        yield_per_eot_per_eps2: (a + b) / n,
                        stat_error: err(a + b, s(dark_slot::TOT2)),
                        brem: Measured {
                            value: b / n,
                            error: err(b, s(dark_slot::BREM2)),
                        },
                        annihilation: Measured {
                            value: a / n,
                            error: err(a, s(dark_slot::ANN2)),
                        },
                        brem_primary: s(dark_slot::BREM_PRIMARY) / n,
                        spectrum_brem: hist(lay.spec_brem_at(k), &lay.spec, n, true),
                        spectrum_annihilation: hist(lay.spec_ann_at(k), &lay.spec, n, true),
                        signal_ecal: hist(lay.sig_at(k), &lay.spec, n_sig, true),
                        signal_events: s(dark_slot::SIGNAL_N).round() as u64,
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let ps_mean = led(ledger::PRESHOWER);
        Ok(ShowerResult {
            config: cfg.clone(),
            events: t.events,
            fast_mode: cfg.fast_threshold_gev.is_some_and(|f| f > 0.0),
            depth_x0: g.depth_x0,
            length_cm: g.length_cm,
            moliere_radius_cm: effective_moliere_radius(g),
            energy,
            sections: g
                .sections
                .iter()
                .enumerate()
                .map(|(k, s)| (s.0.clone(), v[lay.o_sec + k] / n))
                .collect(),
            materials,
            track_length_cm,
            t_max_x0,
            t_mean_x0,
            longitudinal,
            lateral,
            r90_cm,
            preshower_mean_gev: ps_mean,
            preshower_rms_gev: rms(ledger::PRESHOWER, ledger::PRESHOWER2),
            preshower: hist(lay.o_ps, &lay.ps, n, true),
            visible: hist(lay.o_ecal, &lay.ecal, n, true),
            dark,
            signal_events: signals,
        })
    }
}

/// Dark tables for every mass of `d` on the elements of `geometry`, lepton energies up to `e0`.
pub fn build_dark(
    geometry: &Geometry,
    d: &DarkConfig,
    src: &dyn DarkBremSource,
    e0: f64,
) -> Result<DarkSetup> {
    // Distinct elements over all materials.
    let mut elements: Vec<aprime_physics::Element> = Vec::new();
    for m in &geometry.materials {
        for c in &m.components {
            if !elements.iter().any(|e| e.symbol == c.element.symbol) {
                elements.push(c.element);
            }
        }
    }
    let mut masses = Vec::with_capacity(d.masses_gev.len());
    for &mass in &d.masses_gev {
        let tables = elements
            .iter()
            .map(|el| DarkBremTable::build(src, el, mass, d.e_min_gev, e0, &d.table))
            .collect::<Result<Vec<_>>>()?;
        let mat_elems = geometry
            .materials
            .iter()
            .map(|m| {
                m.components
                    .iter()
                    .zip(m.atom_densities_cm3())
                    .map(|(c, na)| {
                        let t = elements
                            .iter()
                            .position(|e| e.symbol == c.element.symbol)
                            .expect("collected above");
                        (t, na)
                    })
                    .collect()
            })
            .collect();
        let resonance = if d.annihilation.enabled {
            Some(Resonance::new(mass, &d.annihilation)?)
        } else {
            None
        };
        let n_e = geometry
            .materials
            .iter()
            .map(Material::electron_density_cm3)
            .collect();
        masses.push(MassDark::new(mass, tables, mat_elems, resonance, n_e));
    }
    Ok(DarkSetup {
        e_min: d.e_min_gev,
        masses,
    })
}

/// Merge partial results of all shards into the single-run result.
pub fn merge(parts: &[PartialResult]) -> Result<ShowerResult> {
    let Some(first) = parts.first() else {
        return Err(ShowerError::Merge("no partial results given".into()));
    };
    let of = first.of;
    let mut seen = vec![false; of as usize];
    for p in parts {
        if p.format != PARTIAL_FORMAT {
            return Err(ShowerError::Merge(format!(
                "unknown format '{}' (expected {PARTIAL_FORMAT})",
                p.format
            )));
        }
        if p.config != first.config || p.of != of || p.source != first.source {
            return Err(ShowerError::Merge(
                "the partial results come from different runs (configuration, seed or shard count)"
                    .into(),
            ));
        }
        if p.shard >= of || seen[p.shard as usize] {
            return Err(ShowerError::Merge(format!(
                "shard {} given twice or out of range",
                p.shard
            )));
        }
        seen[p.shard as usize] = true;
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(ShowerError::Merge(format!(
            "shard {missing} of {of} is missing"
        )));
    }
    let sim = Simulation::build(first.config.clone(), None, false)?;
    let sim = Simulation {
        source: first.source.clone(),
        ..sim
    };
    let mut t = ExactTally::zeros(sim.layout.len);
    let mut signals = Vec::new();
    for p in parts {
        if p.tally.values.len() != t.values.len() {
            return Err(ShowerError::Merge("tally layouts differ".into()));
        }
        t.add(&p.tally);
        signals.extend(p.signals.iter().cloned());
    }
    signals.sort_by_key(|s| (s.event, s.mass_index));
    sim.finish(&t, signals)
}

/// Effective Molière radius \[cm\] of the target: PDG §34.5, 1/R_M = Σ_j w_j E_cj/(E_s X_j) by
/// mass fractions w_j (X_j in g/cm²), converted with the mean density.
pub fn effective_moliere_radius(g: &Geometry) -> f64 {
    let mut mass = 0.0;
    let mut inv = 0.0;
    for s in &g.slabs {
        let m = &g.materials[s.material];
        let dm = m.density_g_cm3 * (s.z_hi - s.z_lo);
        mass += dm;
        inv += dm * m.critical_energy_gev / (E_S * m.x0_g_cm2);
    }
    let rm_g = mass / inv;
    rm_g / (mass / g.length_cm)
}

/// Depth of the maximum of dE/dt: least-squares fit of ln(dE/dt) = c + α ln t − β t (Γ-shape,
/// PDG eq. 34.36) to the bins above half the maximum; t_max = α/β. Also the mean depth.
pub fn longitudinal_maximum(h: &Histogram) -> (f64, f64) {
    let c = h.centres();
    let tot: f64 = h.values.iter().sum();
    let mean = if tot > 0.0 {
        c.iter().zip(&h.values).map(|(t, v)| t * v).sum::<f64>() / tot
    } else {
        0.0
    };
    let Some((imax, &vmax)) = h
        .values
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
    else {
        return (0.0, mean);
    };
    if vmax <= 0.0 {
        return (0.0, mean);
    }
    let pts: Vec<(f64, f64)> = c
        .iter()
        .zip(&h.values)
        .filter(|(t, v)| **t > 0.0 && **v > 0.5 * vmax)
        .map(|(t, v)| (*t, v.ln()))
        .collect();
    if pts.len() < 4 {
        return (c[imax], mean);
    }
    // Normal equations for y = c + α ln t − β t.
    let mut a = [[0.0_f64; 3]; 3];
    let mut r = [0.0_f64; 3];
    for &(t, y) in &pts {
        let f = [1.0, t.ln(), -t];
        for i in 0..3 {
            r[i] += f[i] * y;
            for j in 0..3 {
                a[i][j] += f[i] * f[j];
            }
        }
    }
    match solve3(a, r) {
        Some([_, alpha, beta]) if beta > 0.0 && alpha > 0.0 => (alpha / beta, mean),
        _ => (c[imax], mean),
    }
}

fn solve3(mut a: [[f64; 3]; 3], mut r: [f64; 3]) -> Option<[f64; 3]> {
    for i in 0..3 {
        let p = (i..3).max_by(|&x, &y| a[x][i].abs().total_cmp(&a[y][i].abs()))?;
        a.swap(i, p);
        r.swap(i, p);
        if a[i][i].abs() < 1e-300 {
            return None;
        }
        for k in i + 1..3 {
            let f = a[k][i] / a[i][i];
            let row = a[i];
            for (akj, aij) in a[k].iter_mut().zip(row).skip(i) {
                *akj -= f * aij;
            }
            r[k] -= f * r[i];
        }
    }
    let mut x = [0.0; 3];
    for i in (0..3).rev() {
        let s: f64 = (i + 1..3).map(|j| a[i][j] * x[j]).sum();
        x[i] = (r[i] - s) / a[i][i];
    }
    Some(x)
}

/// Radius containing `frac` of the energy of a radial dE/dr histogram (overflow included in
/// the total), interpolated linearly within the bin.
pub fn containment_radius(h: &Histogram, frac: f64) -> f64 {
    let widths: Vec<f64> = h.edges.windows(2).map(|w| w[1] - w[0]).collect();
    let total: f64 = h
        .values
        .iter()
        .zip(&widths)
        .map(|(v, w)| v * w)
        .sum::<f64>()
        + h.overflow;
    if total <= 0.0 {
        return 0.0;
    }
    let mut acc = 0.0;
    for (i, (v, w)) in h.values.iter().zip(&widths).enumerate() {
        let e = v * w;
        if acc + e >= frac * total {
            let f = if e > 0.0 {
                (frac * total - acc) / e
            } else {
                0.0
            };
            return h.edges[i] + f * w;
        }
        acc += e;
    }
    *h.edges.last().expect("edges")
}
