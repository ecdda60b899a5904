//! A prepared run (geometry, material and dark tables, tally layout), its parallel execution in
//! fixed-size chunks and the reduction of the tallies to a [`ShowerResult`].
//!
//! Reproducibility: event `i` of a run with seed `S` owns the key `mix(S, i)`
//! ([`aprime_core::rng::mix`]; particle keys derive from it, see [`crate::transport`]); events are
//! grouped in chunks of `chunk_events`; chunk tallies are combined exactly ([`crate::tally`]), so
//! the result is bitwise the same whatever the thread count.

use std::sync::Arc;

use rayon::prelude::*;

use crate::batches::{MAX_BATCHES, TrackLengthBatches, batch_of};
use crate::dark::{DarkBremSource, MethodSource};
use crate::dark_setup::DarkSetup;
use crate::em::MaterialPhysics;
use crate::em::tables::Cuts;
use crate::error::{Result, ensure};
use crate::muon::{self, MuonPhysics};
use crate::profile::{containment_radius, effective_moliere_radius, longitudinal_maximum};
use crate::result::{
    DarkYield, EnergyBalance, Histogram, MaterialTally, Measured, ShowerResult, SignalEvent,
};
use crate::run_config::HardPhotonCopies;
use crate::run_config::RunConfig;
use crate::tally::{Bins, ExactTally, Layout, dark_slot, ledger};
use crate::target::Geometry;
use crate::transport::{Engine, Kind, TransportSettings};
use aprime_core::rng::mix;
use aprime_physics::constants::M_E;
use aprime_physics::model::Projectile;

/// Progress callback: called with the number of events just finished.
pub type Progress<'p> = &'p (dyn Fn(u64) + Sync);

/// A prepared run: geometry, material tables, dark tables.
pub struct ShowerSimulation {
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
    /// Muon transport of a muon beam ([`crate::muon`]; `None` for e± beams).
    pub muon: Option<MuonPhysics>,
    /// Hard-photon copies of the track-length spectra (`DarkConfig::hard_photon_copies` > 0).
    pub hard_photon_copies: Option<HardPhotonCopies>,
}

impl ShowerSimulation {
    /// Prepare with the physics-core method and mediator of the configuration.
    pub fn new(config: RunConfig) -> Result<Self> {
        let src: Option<Arc<dyn DarkBremSource>> = config.dark.as_ref().map(|d| {
            Arc::new(MethodSource::for_projectile(
                d.method,
                d.model,
                config.projectile,
            )) as Arc<dyn DarkBremSource>
        });
        Self::build(config, src.as_deref(), true)
    }

    /// Prepare with a custom dark-bremsstrahlung source (the `method` field is then only a
    /// label); the source must radiate the configured model.
    pub fn with_source(config: RunConfig, source: &dyn DarkBremSource) -> Result<Self> {
        if let Some(d) = &config.dark {
            ensure(source.mediator() == d.model, || {
                format!(
                    "the dark-bremsstrahlung source '{}' radiates the {} model, the run asks for {}",
                    source.name(),
                    source.mediator(),
                    d.model
                )
            })?;
        }
        Self::build(config, Some(source), true)
    }

    pub(crate) fn build(
        config: RunConfig,
        source: Option<&dyn DarkBremSource>,
        tables: bool,
    ) -> Result<Self> {
        config.validate()?;
        let geometry = config.target.build()?;
        // Tables and spectra reach the highest beam energy: E0, or E0 + 5σ with an energy spread.
        let e_top =
            crate::beam::highest_energy(config.beam_energy_gev, config.beam_energy_spread_gev);
        let cuts = Cuts {
            electron: config.electron_cut_gev,
            photon: config.photon_cut_gev,
        };
        let muon_beam = config.is_muon_beam();
        // A muon beam is not showered: no e± tables.
        let materials: Vec<MaterialPhysics> = if muon_beam {
            Vec::new()
        } else {
            geometry
                .materials
                .par_iter()
                .map(|m| MaterialPhysics::new(m, cuts, e_top))
                .collect()
        };
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
        let tl = Bins::log(b.tl_lo_gev, e_top * (1.0 + 1e-9), b.tl_bins_per_decade);
        let n_mass = config.dark.as_ref().map_or(0, |d| d.masses_gev.len());
        // Batch tallies for the errors of folded yields (crate::batches), dark runs only.
        let (batches, first_bin) = match &config.dark {
            Some(d) => {
                let chunks = config.events.div_ceil(config.chunk_events.max(1));
                (
                    usize::try_from(chunks)
                        .unwrap_or(MAX_BATCHES)
                        .min(MAX_BATCHES),
                    tl.index((d.e_min_gev - M_E).max(0.0)).unwrap_or(0),
                )
            }
            None => (0, 0),
        };
        let layout = Layout::new(
            geometry.materials.len(),
            geometry.sections.len(),
            n_mass,
            long,
            lat,
            tl,
            e_top,
        )
        .with_batches(batches, first_bin);
        let muon = if muon_beam {
            let src = source.filter(|_| tables);
            Some(MuonPhysics::build(&config, &geometry, &layout, src)?)
        } else {
            None
        };
        let dark = match (&config.dark, source, tables, muon_beam) {
            (Some(d), Some(src), true, false) => Some(DarkSetup::build(&geometry, d, src, e_top)?),
            _ => None,
        };
        let hard_photon_copies = config
            .dark
            .as_ref()
            .and_then(|d| d.hard_photon_copies)
            .filter(|_| !muon_beam);
        Ok(Self {
            muon,
            hard_photon_copies,
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

    /// The transport settings of the run configuration (cuts, fast-mode threshold, steps).
    pub fn transport_settings(&self) -> TransportSettings {
        TransportSettings {
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
        let first = c * cfg.chunk_events;
        let last = (first + cfg.chunk_events).min(cfg.events);
        let mut ch = vec![0.0; lay.len];
        let mut max_res = 0.0_f64;
        let mut signals = Vec::new();
        let n_sig = cfg.dark.as_ref().map_or(0, |d| d.signal_events);
        for i in first..last {
            let key = mix(cfg.seed, i);
            let e0 =
                crate::beam::event_energy(cfg.beam_energy_gev, cfg.beam_energy_spread_gev, key);
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
        if lay.batches > 0 {
            let o = lay.batch_at(batch_of(c, self.n_chunks(), lay.batches));
            let nb = lay.batch_bins();
            ch[o] += (last - first) as f64;
            for m in 0..lay.n_mat {
                let src = lay.tl_at(m, 1) + lay.batch_first_bin;
                for j in 0..nb {
                    ch[o + 1 + m * nb + j] += ch[src + j];
                }
            }
            for k in 0..lay.n_mass {
                ch[o + 1 + lay.n_mat * nb + k] += ch[lay.dark_at(k) + dark_slot::BREM];
            }
            let o_minus = o + 1 + lay.n_mat * nb + lay.n_mass;
            for m in 0..lay.n_mat {
                let src = lay.tl_at(m, 0) + lay.batch_first_bin;
                for j in 0..nb {
                    ch[o_minus + m * nb + j] += ch[src + j];
                }
            }
        }
        let mut t = ExactTally::zeros(lay.len);
        t.add_chunk(last - first, &ch, max_res);
        (t, signals)
    }

    pub(crate) fn run_range(
        &self,
        lo: u64,
        hi: u64,
        progress: Option<Progress<'_>>,
    ) -> (ExactTally, Vec<SignalEvent>) {
        if let Some(mu) = &self.muon {
            let n = self.layout.len;
            let tally = (lo..hi)
                .into_par_iter()
                .map(|c| {
                    let t = muon::run_chunk(&self.config, &self.geometry, &self.layout, mu, c);
                    if let Some(p) = progress {
                        p(t.events);
                    }
                    t
                })
                .reduce(
                    || ExactTally::zeros(n),
                    |mut a, b| {
                        a.add(&b);
                        a
                    },
                );
            return (tally, Vec::new());
        }
        // The beam particle starts every event (validated: e⁻ or e⁺).
        let beam = if self.config.projectile == Projectile::Positron {
            Kind::Positron
        } else {
            Kind::Electron
        };
        let engine = Engine::new(
            &self.geometry,
            &self.materials,
            self.transport_settings(),
            self.dark.as_ref(),
            &self.layout,
        )
        .with_beam(beam)
        .with_hard_photon_copies(self.hard_photon_copies.as_ref());
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
        let batches = (lay.batches > 0).then(|| {
            let nb = lay.batch_bins();
            let widths: Vec<f64> = {
                let e = lay.tl.edges();
                (lay.batch_first_bin..=lay.tl.n)
                    .map(|i| if i < lay.tl.n { e[i + 1] - e[i] } else { 1.0 })
                    .collect()
            };
            let mut out = TrackLengthBatches {
                first_bin: lay.batch_first_bin,
                events: Vec::with_capacity(lay.batches),
                t_plus: Vec::with_capacity(lay.batches),
                brem: Vec::with_capacity(lay.batches),
                t_minus: Vec::with_capacity(lay.batches),
            };
            for j in 0..lay.batches {
                let o = lay.batch_at(j);
                let ev = v[o].round().max(0.0);
                let norm = ev.max(1.0);
                out.events.push(ev as u64);
                out.t_plus.push(
                    (0..lay.n_mat)
                        .map(|m| {
                            (0..nb)
                                .map(|i| v[o + 1 + m * nb + i] / norm / widths[i])
                                .collect()
                        })
                        .collect(),
                );
                out.brem.push(
                    (0..lay.n_mass)
                        .map(|k| v[o + 1 + lay.n_mat * nb + k] / norm)
                        .collect(),
                );
                let o_minus = o + 1 + lay.n_mat * nb + lay.n_mass;
                out.t_minus.push(
                    (0..lay.n_mat)
                        .map(|m| {
                            (0..nb)
                                .map(|i| v[o_minus + m * nb + i] / norm / widths[i])
                                .collect()
                        })
                        .collect(),
                );
            }
            out
        });
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
            batches,
        })
    }
}
