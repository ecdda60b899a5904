//! A simulation: the experiment and detector configurations, the EOT-equivalent, the seed and
//! the A' masses → an event file.
//!
//! Work is cut into units (run, source, chunk of `statistics.chunk` events) in a fixed order:
//! for each run, `em_shower`, `dimuon`, `hadron_target`, `upstream`, `decay_in_flight`,
//! `mistagged_hadron`, then the signal of each mass. Event `i` of a unit draws from the
//! Xoshiro256++ stream of key mix(mix(seed, unit), i), so numbers do not depend on the thread
//! count; units are processed in parallel and written in order. Shard `k` of `n` takes units
//! ⌊kU/n⌋ … ⌊(k+1)U/n⌋ − 1; the `event` column is the global index, so concatenating the shards
//! in order ([`merge_files`]) gives the single-run file row for row.

use std::path::Path;

use aprime_core::seed::salt;
use aprime_core::{MassError, check_mass};
use aprime_experiment::shower_run::target;
use aprime_experiment::{DetectorConfig, ExperimentConfig};
use rayon::prelude::*;

use crate::event::Event;
use crate::io::{self, EventFileError, EventReader, EventWriter, Format, Metadata, RunInfo};
use crate::prepare::{PhotonSpectrum, Prepared, ShowerLibrary, key, rng, signal_sets};
use crate::response::Detector;
use crate::sources::{self, Source, SourceCtx};

/// Errors of a simulation.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// Shower stage.
    #[error("shower stage")]
    Shower(#[from] aprime_shower::ShowerError),
    /// A signal mass that cannot be simulated.
    #[error("signal masses")]
    Mass(#[from] MassError),
    /// Event file.
    #[error(transparent)]
    Io(#[from] EventFileError),
    /// Bad request.
    #[error("{0}")]
    Invalid(String),
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Electrons on target the file stands for (split among runs in proportion to their EOT).
    pub eot_equivalent: f64,
    /// Seed.
    pub seed: u64,
    /// A' masses for signal events \[GeV\].
    pub masses_gev: Vec<f64>,
    /// Shard index and count.
    pub shard: (u64, u64),
    /// Name written into the metadata (preset or file).
    pub preset: String,
}

/// One unit of work.
#[derive(Debug, Clone, Copy)]
struct Unit {
    run: usize,
    source: Source,
    /// First event index within (run, source).
    first: u64,
    /// Events in the unit.
    len: u64,
    /// Events of (run, source).
    total: u64,
    /// Global index of the unit's first event.
    offset: u64,
}

/// A prepared simulation.
pub struct EventSimulation {
    /// Experiment configuration.
    pub experiment: ExperimentConfig,
    /// Detector model.
    pub detector: DetectorConfig,
    /// Shower-stage inputs.
    pub prepared: Prepared,
    /// The request.
    pub request: Request,
    units: Vec<Unit>,
}

impl std::fmt::Debug for EventSimulation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventSimulation")
            .field("request", &self.request)
            .field("units", &self.units.len())
            .finish_non_exhaustive()
    }
}

/// Progress callback: events just finished.
pub type Progress<'p> = &'p (dyn Fn(u64) + Sync);

impl EventSimulation {
    /// Prepare: shower library, photon spectrum and signal replays (the slow part). The detector
    /// model is the configuration's `detector`.
    pub fn new(
        experiment: ExperimentConfig,
        request: Request,
        progress: Option<Progress<'_>>,
    ) -> Result<Self, SimError> {
        if experiment.beam.particle.is_muon() {
            return Err(SimError::Invalid(format!(
                "the event-level simulation models the NA64 electron setup; a {} beam has none \
                 (its yields and limits come from `aprime run`)",
                experiment.beam.particle.projectile()
            )));
        }
        if !(request.eot_equivalent > 0.0 && request.eot_equivalent.is_finite()) {
            return Err(SimError::Invalid(format!(
                "the EOT-equivalent must be positive, got {}",
                request.eot_equivalent
            )));
        }
        let (k, n) = request.shard;
        if n == 0 || k >= n {
            return Err(SimError::Invalid(format!(
                "shard {k} of {n}: need 0 ≤ shard < of"
            )));
        }
        let e0 = experiment.beam.energy_gev;
        for &m in &request.masses_gev {
            if check_mass(m)? >= e0 {
                return Err(MassError::AboveBeam { mass: m, beam: e0 }.into());
            }
        }
        let detector = experiment.detector.clone();
        let st = &detector.statistics;
        let tgt = target(&experiment)?;
        let library =
            ShowerLibrary::build(tgt.clone(), e0, st.shower_library, request.seed, progress)?;
        let photons = PhotonSpectrum::build(
            tgt,
            e0,
            st.photon_spectrum_showers,
            request.seed,
            detector.physics.photonuclear_pb_mb,
            detector.physics.photonuclear_min_gev,
        )?;
        let e_min = e0 - experiment.signal_box.e_ecal_max_gev;
        let signals = signal_sets(
            &experiment,
            &request.masses_gev,
            e_min,
            st.signal_showers,
            st.signal_per_mass,
            request.seed,
            None,
        )?;
        let prepared = Prepared {
            library: std::sync::Arc::new(library),
            photons: std::sync::Arc::new(photons),
            signals,
        };
        let units = plan(&detector, &prepared);
        Ok(Self {
            experiment,
            detector,
            prepared,
            request,
            units,
        })
    }

    /// EOT-equivalent of each run.
    pub fn run_eot(&self) -> Vec<f64> {
        let total: f64 = self.experiment.runs.iter().map(|r| r.eot).sum();
        self.experiment
            .runs
            .iter()
            .map(|r| self.request.eot_equivalent * r.eot / total)
            .collect()
    }

    /// Units of this shard.
    fn shard_units(&self) -> &[Unit] {
        let (k, n) = self.request.shard;
        let u = self.units.len() as u64;
        let (lo, hi) = ((k * u / n) as usize, ((k + 1) * u / n) as usize);
        &self.units[lo..hi]
    }

    /// Number of events this shard will produce.
    pub fn events(&self) -> u64 {
        self.shard_units().iter().map(|u| u.len).sum()
    }

    /// Simulate one unit.
    fn unit_events(&self, u: &Unit, eots: &[f64]) -> Vec<Event> {
        let det = Detector::new(&self.detector, u.run, self.experiment.beam.energy_gev);
        let ctx = SourceCtx {
            eot: eots[u.run],
            n: u.total,
            box_edge_gev: self.experiment.ecal_cut(&self.experiment.runs[u.run]),
        };
        let prep = &self.prepared;
        let unit_key = key(self.request.seed, u.run as u64, u.source.id());
        (u.first..u.first + u.len)
            .map(|i| {
                let mut r = rng(key(unit_key, i, salt::DETECTOR_EVENT));
                let draft = match u.source {
                    Source::EmShower => sources::em_shower(&det, prep, ctx, &mut r),
                    Source::Dimuon => sources::dimuon(&det, prep, ctx, i, &mut r),
                    Source::HadronTarget => sources::hadron_target(&det, prep, ctx, i, &mut r),
                    Source::Upstream => sources::upstream(&det, prep, ctx, i, &mut r),
                    Source::DecayInFlight => sources::decay_in_flight(&det, prep, ctx, i, &mut r),
                    Source::MistaggedHadron => {
                        sources::mistagged_hadron(&det, prep, ctx, i, &mut r)
                    }
                    Source::Signal(m) => {
                        let ev = &prep.signals[m].events[i as usize];
                        sources::signal(&det, prep, m, ev, ctx, &mut r)
                    }
                };
                det.finish(draft, u.offset + (i - u.first), &mut r)
            })
            .collect()
    }

    /// All events of this shard in memory (tests, small runs).
    pub fn events_vec(&self) -> Vec<Event> {
        let eots = self.run_eot();
        self.shard_units()
            .par_iter()
            .flat_map_iter(|u| self.unit_events(u, &eots))
            .collect()
    }

    /// Stream the events of this shard to `path` (atomically).
    pub fn write(
        &self,
        path: &Path,
        format: Option<Format>,
        progress: Option<Progress<'_>>,
    ) -> Result<u64, SimError> {
        let mut w = EventWriter::create(path, format, &self.metadata())?;
        let eots = self.run_eot();
        // Blocks of units in parallel, written in order: bounded memory for any size.
        let threads = rayon::current_num_threads().max(1);
        for block in self.shard_units().chunks(4 * threads) {
            let events: Vec<Vec<Event>> = block
                .par_iter()
                .map(|u| {
                    let ev = self.unit_events(u, &eots);
                    if let Some(p) = progress {
                        p(ev.len() as u64);
                    }
                    ev
                })
                .collect();
            for e in &events {
                w.write(e)?;
            }
        }
        let n = w.rows();
        w.finish()?;
        Ok(n)
    }

    /// File metadata of this shard.
    pub fn metadata(&self) -> Metadata {
        let eots = self.run_eot();
        Metadata {
            preset: self.request.preset.clone(),
            eot_equivalent: self.request.eot_equivalent,
            seed: self.request.seed,
            shard: self.request.shard.0,
            of: self.request.shard.1,
            runs: self
                .experiment
                .runs
                .iter()
                .zip(&eots)
                .map(|(r, e)| RunInfo {
                    name: r.name.clone(),
                    eot_equivalent: *e,
                })
                .collect(),
            masses_gev: self.prepared.signals.iter().map(|s| s.mass_gev).collect(),
            detector_toml: self.detector.to_toml(),
            notes: vec![
                format!(
                    "dimuon conversions per EOT (physics): {:.4e}",
                    self.prepared.photons.dimuon_per_eot
                ),
                "TUNED per run: upstream_escape_distance_m, srd_fake_tag_probability, muon_miss_probability, hadron_leak_probability, punch_through_probability (see detector_toml box_targets)".into(),
            ],
            ..Metadata::default()
        }
    }
}

/// The ordered list of work units.
fn plan(d: &DetectorConfig, prep: &Prepared) -> Vec<Unit> {
    let st = &d.statistics;
    let mut units = Vec::new();
    let mut offset = 0;
    for run in 0..d.runs.len() {
        let mut sources = vec![
            (Source::EmShower, st.em_shower),
            (Source::Dimuon, st.dimuon),
            (Source::HadronTarget, st.hadron_target),
            (Source::Upstream, st.upstream),
            (Source::DecayInFlight, st.decay_in_flight),
            (Source::MistaggedHadron, st.mistagged_hadron),
        ];
        for (m, s) in prep.signals.iter().enumerate() {
            sources.push((Source::Signal(m), s.events.len() as u64));
        }
        for (source, total) in sources {
            let mut first = 0;
            while first < total {
                let len = st.chunk.min(total - first);
                units.push(Unit {
                    run,
                    source,
                    first,
                    len,
                    total,
                    offset,
                });
                first += len;
                offset += len;
            }
        }
    }
    units
}

/// Concatenate shard files (any order on input) into `out`, checking that they are the shards
/// 0..n of one simulation; the result equals the unsharded file.
pub fn merge_files(inputs: &[&Path], out: &Path, format: Option<Format>) -> Result<u64, SimError> {
    let mut parts = Vec::new();
    for p in inputs {
        let meta = io::read_metadata(p)?.ok_or_else(|| {
            SimError::Invalid(format!(
                "{}: no aprime metadata (not a shard of aprime simulate)",
                p.display()
            ))
        })?;
        parts.push((meta, *p));
    }
    let Some(first) = parts.first().map(|p| p.0.clone()) else {
        return Err(SimError::Invalid("no input files".into()));
    };
    let of = first.of;
    let same = |m: &Metadata| {
        m.preset == first.preset
            && m.seed == first.seed
            && m.eot_equivalent == first.eot_equivalent
            && m.of == of
            && m.detector_toml == first.detector_toml
            && m.masses_gev == first.masses_gev
    };
    if let Some((m, p)) = parts.iter().find(|(m, _)| !same(m)) {
        return Err(SimError::Invalid(format!(
            "{} (shard {} of {}) comes from a different simulation (preset, seed, EOT, masses, detector or shard count differ)",
            p.display(),
            m.shard,
            m.of
        )));
    }
    parts.sort_by_key(|(m, _)| m.shard);
    for (i, (m, p)) in parts.iter().enumerate() {
        if m.shard != i as u64 {
            return Err(SimError::Invalid(format!(
                "shard {i} of {of} is missing or given twice (found shard {} in {})",
                m.shard,
                p.display()
            )));
        }
    }
    if parts.len() as u64 != of {
        return Err(SimError::Invalid(format!(
            "{} of {of} shards given",
            parts.len()
        )));
    }
    let mut meta = first.clone();
    meta.shard = 0;
    meta.of = 1;
    let mut w = EventWriter::create(out, format, &meta)?;
    for (_, p) in &parts {
        for batch in EventReader::open(p, None)? {
            w.write(&batch?)?;
        }
    }
    let n = w.rows();
    w.finish()?;
    Ok(n)
}
