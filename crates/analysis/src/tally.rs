//! Weighted tallies filled in one pass over the events: cut flows per run and true process,
//! region contents, the fine E_ECAL histogram of side band C, signal cut flows and spectra per
//! mass, the dimuon benchmark and the (E_ECAL, E_HCAL) planes.
//!
//! Events are processed in fixed chunks (in parallel) and the chunk tallies are added in chunk
//! order, so every number is bitwise the same for any thread count.

use std::collections::BTreeMap;

use aprime_detector::{Event, Process};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AnalysisError;
use crate::selection::{Region, Step, dimuon_selected, electron_id, first_failed};
use aprime_experiment::RunSelection;

/// Events per chunk (the unit of parallel work and of the fixed summation order).
pub const CHUNK: usize = 1 << 15;

/// Σw, Σw² and the raw number of events.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// Σ weights: the expected number of events.
    pub sum_w: f64,
    /// Σ weights²: the variance of `sum_w` from the Monte Carlo statistics.
    pub sum_w2: f64,
    /// Number of records.
    pub raw: u64,
}

impl Tally {
    #[inline]
    fn add(&mut self, w: f64) {
        self.sum_w += w;
        self.sum_w2 += w * w;
        self.raw += 1;
    }

    fn merge(&mut self, o: &Self) {
        self.sum_w += o.sum_w;
        self.sum_w2 += o.sum_w2;
        self.raw += o.raw;
    }

    /// Statistical error of `sum_w`, sqrt(Σw²).
    pub fn error(&self) -> f64 {
        self.sum_w2.sqrt()
    }

    /// Effective number of events (Σw)²/Σw².
    pub fn effective(&self) -> f64 {
        if self.sum_w2 > 0.0 {
            self.sum_w * self.sum_w / self.sum_w2
        } else {
            0.0
        }
    }
}

/// A weighted 1-D histogram with uniform bins (Σw and Σw² per bin; out-of-range entries are
/// dropped).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hist1 {
    /// Lower edge.
    pub lo: f64,
    /// Bin width.
    pub width: f64,
    /// Σw per bin.
    pub w: Vec<f64>,
    /// Σw² per bin.
    pub w2: Vec<f64>,
}

impl Hist1 {
    /// `n` bins of `width` from `lo`.
    pub fn new(lo: f64, width: f64, n: usize) -> Self {
        Self {
            lo,
            width,
            w: vec![0.0; n],
            w2: vec![0.0; n],
        }
    }

    /// Bin index of `x`.
    #[inline]
    pub fn bin(&self, x: f64) -> Option<usize> {
        let t = (x - self.lo) / self.width;
        (t >= 0.0 && t < self.w.len() as f64).then_some(t as usize)
    }

    /// Add `x` with weight `w`.
    #[inline]
    pub fn fill(&mut self, x: f64, w: f64) {
        if let Some(i) = self.bin(x) {
            self.w[i] += w;
            self.w2[i] += w * w;
        }
    }

    fn merge(&mut self, o: &Self) {
        for (a, b) in self.w.iter_mut().zip(&o.w) {
            *a += b;
        }
        for (a, b) in self.w2.iter_mut().zip(&o.w2) {
            *a += b;
        }
    }

    /// Lower edge of bin `i`.
    pub fn edge(&self, i: usize) -> f64 {
        self.lo + self.width * i as f64
    }

    /// Σw over all bins.
    pub fn total(&self) -> f64 {
        self.w.iter().sum()
    }
}

/// A weighted 2-D histogram (Σw per cell), x-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hist2 {
    /// Lower x edge.
    pub x_lo: f64,
    /// x bin width.
    pub x_width: f64,
    /// Number of x bins.
    pub nx: usize,
    /// Lower y edge.
    pub y_lo: f64,
    /// y bin width.
    pub y_width: f64,
    /// Number of y bins.
    pub ny: usize,
    /// Σw per cell, index ix·ny + iy.
    pub w: Vec<f64>,
}

impl Hist2 {
    /// A histogram with `nx` × `ny` cells.
    pub fn new(x_lo: f64, x_width: f64, nx: usize, y_lo: f64, y_width: f64, ny: usize) -> Self {
        Self {
            x_lo,
            x_width,
            nx,
            y_lo,
            y_width,
            ny,
            w: vec![0.0; nx * ny],
        }
    }

    /// Add (x, y) with weight `w`; out of range is dropped.
    #[inline]
    pub fn fill(&mut self, x: f64, y: f64, w: f64) {
        let tx = (x - self.x_lo) / self.x_width;
        let ty = (y - self.y_lo) / self.y_width;
        if tx >= 0.0 && ty >= 0.0 && tx < self.nx as f64 && ty < self.ny as f64 {
            self.w[tx as usize * self.ny + ty as usize] += w;
        }
    }

    fn merge(&mut self, o: &Self) {
        for (a, b) in self.w.iter_mut().zip(&o.w) {
            *a += b;
        }
    }
}

/// Fine binning of the side-band histogram \[GeV\]: every fit binning is a multiple of it.
pub const FINE_BIN_GEV: f64 = 0.05;
const FINE_MAX_GEV: f64 = 200.0;

/// Number of true processes.
pub const N_PROC: usize = Process::ALL.len();

fn proc_index(p: Process) -> usize {
    Process::ALL.iter().position(|&q| q == p).unwrap_or(0)
}

/// The tallies of the "data" of one run: every event that is not signal Monte Carlo (plus an
/// injected signal). In a blind analysis, events in the signal box are dropped before anything
/// is counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunTallies {
    /// Cut flow per true process: entry k counts events that pass the first k selection steps
    /// (k = 0: all events considered), k ≤ `Step::N_SELECTION`.
    pub flow: Vec<Vec<Tally>>,
    /// Selected events per true process and region (`Region::ALL` order; the box entry stays
    /// empty when blind).
    pub regions: Vec<Vec<Tally>>,
    /// E_ECAL of selected events in side band C, bins of `FINE_BIN_GEV` (processes of
    /// `side_band.mc_processes` left out).
    pub side_c: Hist1,
    /// E_HCAL of selected events in side band A, bins of `FINE_BIN_GEV` (all data: the paper
    /// 002 §VIII estimate of the box from A is reported, not added).
    #[serde(default = "empty_side")]
    pub side_a: Hist1,
    /// Selected events in the signal box of the processes estimated from simulation
    /// (`side_band.mc_processes`), per true process: Monte Carlo background predictions, counted
    /// also when blind.
    pub mc_box: Vec<Tally>,
    /// Dimuon benchmark events per true process.
    pub dimuon: Vec<Tally>,
    /// E_ECAL of the dimuon benchmark events (2 GeV bins, paper 002 Fig. 10).
    pub dimuon_ecal: Hist1,
}

fn empty_side() -> Hist1 {
    Hist1::new(0.0, FINE_BIN_GEV, (FINE_MAX_GEV / FINE_BIN_GEV) as usize)
}

impl RunTallies {
    fn new() -> Self {
        Self {
            flow: vec![vec![Tally::default(); Step::N_SELECTION + 1]; N_PROC],
            regions: vec![vec![Tally::default(); Region::ALL.len()]; N_PROC],
            side_c: empty_side(),
            side_a: empty_side(),
            mc_box: vec![Tally::default(); N_PROC],
            dimuon: vec![Tally::default(); N_PROC],
            dimuon_ecal: Hist1::new(0.0, 2.0, 50),
        }
    }

    fn merge(&mut self, o: &Self) {
        for (a, b) in self.flow.iter_mut().zip(&o.flow) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        for (a, b) in self.regions.iter_mut().zip(&o.regions) {
            for (x, y) in a.iter_mut().zip(b) {
                x.merge(y);
            }
        }
        self.side_c.merge(&o.side_c);
        self.side_a.merge(&o.side_a);
        for (x, y) in self.mc_box.iter_mut().zip(&o.mc_box) {
            x.merge(y);
        }
        for (x, y) in self.dimuon.iter_mut().zip(&o.dimuon) {
            x.merge(y);
        }
        self.dimuon_ecal.merge(&o.dimuon_ecal);
    }

    /// Cut flow summed over processes.
    pub fn flow_total(&self) -> Vec<Tally> {
        let mut t = vec![Tally::default(); Step::N_SELECTION + 1];
        for p in &self.flow {
            for (a, b) in t.iter_mut().zip(p) {
                a.merge(b);
            }
        }
        t
    }

    /// Region contents summed over processes.
    pub fn regions_total(&self) -> Vec<Tally> {
        let mut t = vec![Tally::default(); Region::ALL.len()];
        for p in &self.regions {
            for (a, b) in t.iter_mut().zip(p) {
                a.merge(b);
            }
        }
        t
    }

    /// Dimuon benchmark summed over processes.
    pub fn dimuon_total(&self) -> Tally {
        let mut t = Tally::default();
        for d in &self.dimuon {
            t.merge(d);
        }
        t
    }
}

/// Signal Monte Carlo of one (run, mass).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalTallies {
    /// Run index.
    pub run: usize,
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Entry k: events passing the first k steps of `Step::ALL` (k = 0: all signal events).
    pub flow: Vec<Tally>,
    /// Signal events with a true missing energy (E_A') above E0 − the run's E_ECAL cut: the
    /// denominator that matches the shower stage's yield definition.
    pub kinematic: Tally,
    /// Lowest true missing energy in the sample \[GeV\] (its generation threshold, up to the
    /// beam-momentum spread).
    pub min_true_emiss_gev: f64,
    /// E_ECAL of all signal events (1 GeV bins, paper 002 Fig. 6).
    pub ecal_all: Hist1,
    /// E_ECAL of selected signal events (all cuts but the E_ECAL cut).
    pub ecal_selected: Hist1,
}

impl SignalTallies {
    fn new(run: usize, mass_gev: f64) -> Self {
        Self {
            run,
            mass_gev,
            flow: vec![Tally::default(); Step::ALL.len() + 1],
            kinematic: Tally::default(),
            min_true_emiss_gev: f64::INFINITY,
            ecal_all: Hist1::new(0.0, 1.0, 110),
            ecal_selected: Hist1::new(0.0, 1.0, 110),
        }
    }

    fn merge(&mut self, o: &Self) {
        for (x, y) in self.flow.iter_mut().zip(&o.flow) {
            x.merge(y);
        }
        self.kinematic.merge(&o.kinematic);
        self.min_true_emiss_gev = self.min_true_emiss_gev.min(o.min_true_emiss_gev);
        self.ecal_all.merge(&o.ecal_all);
        self.ecal_selected.merge(&o.ecal_selected);
    }
}

/// A signal injected into the data. The signal events of `mass_gev` are split into independent
/// halves by event number: even events enter the data with weight × 2 × `weight_scale` × the
/// run's efficiency factor (signal weights are per ε², so `weight_scale` = ε² injects ε; real
/// data carry the losses the factor corrects the simulation for), odd events are the signal
/// Monte Carlo of that mass with weight × 2.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Injection {
    /// A' mass \[GeV\] of the injected signal events.
    pub mass_gev: f64,
    /// Factor applied to their weights.
    pub weight_scale: f64,
}

/// How to fill.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FillOptions {
    /// Blind: data events in the signal box are never counted.
    pub blind: bool,
    /// Inject a signal into the data.
    pub inject: Option<Injection>,
}

/// Everything the analysis needs from the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tallies {
    /// Per run.
    pub runs: Vec<RunTallies>,
    /// Signal Monte Carlo per (run, mass), ordered by run then mass.
    pub signal: Vec<SignalTallies>,
    /// Data after all selection cuts in the (E_ECAL, E_HCAL) plane (paper 000 Fig. 2, right).
    pub plane_selected: Hist2,
    /// Data with the electron identification only (paper 000 Fig. 2, left).
    pub plane_electron_id: Hist2,
    /// Whether the box was masked while filling.
    pub blind: bool,
}

/// Key of a signal mass: the bits of a positive f64 order like the numbers.
fn mass_key(m: f64) -> u64 {
    m.to_bits()
}

struct Filler {
    runs: Vec<RunTallies>,
    /// Per run: which processes are estimated from simulation.
    mc: Vec<[bool; N_PROC]>,
    signal: BTreeMap<(usize, u64), SignalTallies>,
    plane_selected: Hist2,
    plane_electron_id: Hist2,
}

fn plane() -> Hist2 {
    // E_ECAL 0–120 GeV in 1 GeV, E_HCAL 0–110 GeV in 0.5 GeV (the 1 GeV box is two rows).
    Hist2::new(0.0, 1.0, 120, 0.0, 0.5, 220)
}

impl Filler {
    fn new(runs: &[RunSelection]) -> Self {
        let mc = runs
            .iter()
            .map(|r| {
                let mut m = [false; N_PROC];
                for (i, p) in Process::ALL.iter().enumerate() {
                    m[i] = r.side_band.mc_processes.iter().any(|x| x == p.name());
                }
                m
            })
            .collect();
        Self {
            runs: (0..runs.len()).map(|_| RunTallies::new()).collect(),
            mc,
            signal: BTreeMap::new(),
            plane_selected: plane(),
            plane_electron_id: plane(),
        }
    }

    fn merge(&mut self, o: Self) {
        for (a, b) in self.runs.iter_mut().zip(&o.runs) {
            a.merge(b);
        }
        for (k, v) in o.signal {
            match self.signal.get_mut(&k) {
                Some(s) => s.merge(&v),
                None => {
                    self.signal.insert(k, v);
                }
            }
        }
        self.plane_selected.merge(&o.plane_selected);
        self.plane_electron_id.merge(&o.plane_electron_id);
    }

    fn data(&mut self, ev: &Event, w: f64, proc: usize, r: &RunSelection, run: usize, blind: bool) {
        let region = Region::of(ev, r);
        let is_mc = self.mc[run][proc];
        let failed = first_failed(ev, r);
        if is_mc && region == Region::SignalBox && failed >= Step::N_SELECTION {
            self.runs[run].mc_box[proc].add(w);
        }
        if blind && region == Region::SignalBox {
            return;
        }
        let t = &mut self.runs[run];
        let passed = failed.min(Step::N_SELECTION);
        for f in &mut t.flow[proc][..=passed] {
            f.add(w);
        }
        if electron_id(ev, r) {
            self.plane_electron_id
                .fill(ev.e_ecal_gev, ev.e_hcal_gev(), w);
        }
        if failed >= Step::N_SELECTION {
            let ri = Region::ALL.iter().position(|&x| x == region).unwrap_or(0);
            t.regions[proc][ri].add(w);
            if region == Region::C && !is_mc {
                t.side_c.fill(ev.e_ecal_gev, w);
            }
            if region == Region::A {
                t.side_a.fill(ev.e_hcal_gev(), w);
            }
            self.plane_selected.fill(ev.e_ecal_gev, ev.e_hcal_gev(), w);
        }
        if dimuon_selected(ev, r) {
            t.dimuon[proc].add(w);
            t.dimuon_ecal.fill(ev.e_ecal_gev, w);
        }
    }

    fn signal(&mut self, ev: &Event, w: f64, r: &RunSelection, run: usize) {
        let s = self
            .signal
            .entry((run, mass_key(ev.mass_gev)))
            .or_insert_with(|| SignalTallies::new(run, ev.mass_gev));
        let failed = first_failed(ev, r);
        for f in &mut s.flow[..=failed] {
            f.add(w);
        }
        if ev.true_emiss_gev >= r.beam_energy_gev - r.ecal_cut_gev {
            s.kinematic.add(w);
        }
        s.min_true_emiss_gev = s.min_true_emiss_gev.min(ev.true_emiss_gev);
        s.ecal_all.fill(ev.e_ecal_gev, w);
        if failed >= Step::ALL.len() - 1 {
            s.ecal_selected.fill(ev.e_ecal_gev, w);
        }
    }
}

fn check(ev: &Event, n_runs: usize, experiment: &str) -> Result<usize, AnalysisError> {
    let run = ev.run as usize;
    if run >= n_runs {
        return Err(AnalysisError::UnknownRun {
            event: ev.event,
            run: ev.run,
            n_runs,
            experiment: experiment.to_string(),
        });
    }
    let bad = |message: String| AnalysisError::BadEvent {
        event: ev.event,
        message,
    };
    if !(ev.weight.is_finite() && (0.0..1e30).contains(&ev.weight)) {
        return Err(bad(format!(
            "weight must be finite and in [0, 1e30), got {} (corrupted file?)",
            ev.weight
        )));
    }
    // Physical ranges, generous: a value outside is not a measurement but damage (Parquet pages
    // carry no checksum, so bit rot in raw-stored doubles surfaces only here).
    for (name, v, lo, hi) in [
        ("mass_gev", ev.mass_gev, 0.0, 1e4),
        ("true_emiss_gev", ev.true_emiss_gev, -1e3, 1e5),
        ("p_track_gev", ev.p_track_gev, -1e5, 1e5),
        ("track_angle_mrad", ev.track_angle_mrad, -1e5, 1e5),
        ("srd1_mev", ev.srd1_mev, -1e5, 1e7),
        ("srd2_mev", ev.srd2_mev, -1e5, 1e7),
        ("srd3_mev", ev.srd3_mev, -1e5, 1e7),
        ("e_ecal_gev", ev.e_ecal_gev, -1e3, 1e5),
        ("e_ps_gev", ev.e_ps_gev, -1e3, 1e5),
        (
            "ecal_max_cell_fraction",
            ev.ecal_max_cell_fraction,
            -1.0,
            2.0,
        ),
        ("ecal_shape_chi2", ev.ecal_shape_chi2, -1e-9, 1e12),
        ("ecal_x_cm", ev.ecal_x_cm, -1e4, 1e4),
        ("ecal_y_cm", ev.ecal_y_cm, -1e4, 1e4),
        ("e_veto_mev", ev.e_veto_mev, -1e5, 1e8),
        ("e_hcal1_gev", ev.e_hcal1_gev, -1e3, 1e5),
        ("e_hcal2_gev", ev.e_hcal2_gev, -1e3, 1e5),
        ("e_hcal3_gev", ev.e_hcal3_gev, -1e3, 1e5),
        ("e_hcal4_gev", ev.e_hcal4_gev, -1e3, 1e5),
        ("e_hcal0_gev", ev.e_hcal0_gev, -1e3, 1e5),
    ] {
        // `contains` is false for NaN.
        if !(lo..=hi).contains(&v) {
            return Err(bad(format!(
                "{name} = {v:e} is outside any physical range [{lo:e}, {hi:e}] (corrupted file?)"
            )));
        }
    }
    if ev.n_tracks > 10_000 || ev.straw_hits > 10_000_000 {
        return Err(bad(format!(
            "implausible multiplicities n_tracks = {}, straw_hits = {} (corrupted file?)",
            ev.n_tracks, ev.straw_hits
        )));
    }
    if ev.process == Process::Signal && !(ev.mass_gev > 0.0 && ev.mass_gev.is_finite()) {
        return Err(bad(format!(
            "a signal event needs a positive A' mass, got mass_gev = {}",
            ev.mass_gev
        )));
    }
    Ok(run)
}

fn fill_chunk(
    events: &[Event],
    runs: &[RunSelection],
    opts: FillOptions,
    experiment: &str,
) -> Result<Filler, AnalysisError> {
    let mut f = Filler::new(runs);
    for ev in events {
        let run = check(ev, runs.len(), experiment)?;
        let r = &runs[run];
        if ev.process == Process::Signal {
            match opts.inject {
                Some(inj) if (ev.mass_gev / inj.mass_gev - 1.0).abs() < 1e-9 => {
                    // Independent halves: even events are the injected "data", odd events the
                    // signal Monte Carlo; each half stands for the whole sample (weight × 2).
                    // The injected data also suffer the losses the run's efficiency factors
                    // stand for (not simulated), as real signal events would.
                    if ev.event % 2 == 0 {
                        let w = 2.0 * ev.weight * inj.weight_scale * r.efficiency_factor();
                        f.data(ev, w, proc_index(Process::Signal), r, run, opts.blind);
                    } else {
                        f.signal(ev, 2.0 * ev.weight, r, run);
                    }
                }
                _ => f.signal(ev, ev.weight, r, run),
            }
        } else {
            f.data(ev, ev.weight, proc_index(ev.process), r, run, opts.blind);
        }
    }
    Ok(f)
}

/// Fills [`Tallies`] from batches of events (e.g. the batches of an event-file reader).
pub struct TallyBuilder<'a> {
    runs: &'a [RunSelection],
    opts: FillOptions,
    experiment: String,
    total: Filler,
    records: u64,
}

impl<'a> TallyBuilder<'a> {
    /// An empty builder for the runs of `experiment`.
    pub fn new(runs: &'a [RunSelection], opts: FillOptions, experiment: &str) -> Self {
        Self {
            runs,
            opts,
            experiment: experiment.to_string(),
            total: Filler::new(runs),
            records: 0,
        }
    }

    /// Add a batch: fixed chunks in parallel, added in chunk order.
    pub fn add(&mut self, events: &[Event]) -> Result<(), AnalysisError> {
        // Batches bound the memory held by chunk tallies; the fold stays in chunk order.
        let batch = CHUNK * 4 * rayon::current_num_threads().max(1);
        for part in events.chunks(batch) {
            let fillers: Vec<Result<Filler, AnalysisError>> = part
                .par_chunks(CHUNK)
                .map(|c| fill_chunk(c, self.runs, self.opts, &self.experiment))
                .collect();
            for f in fillers {
                self.total.merge(f?);
            }
        }
        self.records += events.len() as u64;
        Ok(())
    }

    /// Records added so far (all of them, box included: not for blind outputs).
    pub fn records(&self) -> u64 {
        self.records
    }

    /// The tallies.
    pub fn finish(self) -> Tallies {
        Tallies {
            runs: self.total.runs,
            signal: self.total.signal.into_values().collect(),
            plane_selected: self.total.plane_selected,
            plane_electron_id: self.total.plane_electron_id,
            blind: self.opts.blind,
        }
    }
}

impl Tallies {
    /// Fill from `events` in one pass.
    pub fn fill(
        events: &[Event],
        runs: &[RunSelection],
        opts: FillOptions,
        experiment: &str,
    ) -> Result<Self, AnalysisError> {
        let mut b = TallyBuilder::new(runs, opts, experiment);
        b.add(events)?;
        Ok(b.finish())
    }
}
