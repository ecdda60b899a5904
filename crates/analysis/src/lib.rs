//! Stage 5 of aprime: the blind missing-energy analysis of NA64 events (paper 002 §IV–IX,
//! paper 000, paper 003).
//!
//! One pass over the events ([`tally`]) fills weighted cut flows per run and true process, the
//! regions of the (E_ECAL, E_HCAL) plane, the E_ECAL histogram of side band C, the signal cut
//! flows per A' mass and the dimuon benchmark. From these: the background in the signal box per
//! run from the side-band fit with its variants ([`background`], [`fit`]), the signal
//! efficiencies per run and mass ([`efficiency`], eq. 23) and the dimuon yield per EOT (§V.B).
//! The ε limits from these (with the shower stage's yields) are the limits stage's
//! (`aprime_limits::from_analysis`); the selection itself is the experiment configuration's
//! `analysis` section ([`aprime_experiment::SelectionConfig`]).
//!
//! Blinding: unless unblinded, data events inside the signal box are dropped before anything is
//! counted, so no output can reveal the box content, not even by subtraction.
//! "Data" are all events except signal Monte Carlo (`process = signal`), plus an optional
//! injected signal ([`tally::Injection`]).

pub mod background;
pub mod efficiency;
pub mod error;
pub mod fit;
pub mod selection;
pub mod tally;

use std::path::Path;

use aprime_detector::{EventReader, Metadata, Process};
use aprime_experiment::ExperimentConfig;
use serde::{Deserialize, Serialize};

pub use aprime_experiment::{
    Cuts, Dimuon, EfficiencyFactor, FitMethod, RunSelection, SelectionConfig, SideBand,
};
pub use background::{BackgroundEstimate, SideBandA};
pub use efficiency::Efficiency;
pub use error::AnalysisError;
pub use selection::{Region, Step};
pub use tally::{FillOptions, Injection, Tallies, Tally, TallyBuilder};

/// Paper 002 Table I, run I: 1223 dimuon events expected (MC) with E_ECAL < 60 GeV for
/// 1.71e8 EOT.
pub const DIMUON_REFERENCE_PER_EOT: f64 = 1223.0 / 1.71e8;

/// Options of an analysis.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// Open the box (`--unblind`).
    pub unblind: bool,
    /// Inject a signal into the data.
    pub inject: Option<Injection>,
}

/// The dimuon benchmark of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimuonRun {
    /// Run name.
    pub run: String,
    /// Selected events (Σw, raw).
    pub selected: Tally,
    /// Of which true dimuon events.
    pub true_dimuon: Tally,
    /// EOT the file stands for in this run.
    pub file_eot: f64,
    /// Selected events per EOT.
    pub yield_per_eot: f64,
    /// Its statistical error.
    pub yield_error: f64,
}

/// The dimuon benchmark (paper 002 §V.B, Table I).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimuonResult {
    /// Per run.
    pub runs: Vec<DimuonRun>,
    /// All runs: selected events with E_ECAL below the benchmark cut per EOT.
    pub yield_per_eot: f64,
    /// Its statistical error.
    pub yield_error: f64,
    /// Paper 002 Table I run I (MC): 1223 / 1.71e8 EOT.
    pub reference_per_eot: f64,
}

/// The opened box of one run (only with `unblind`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxContent {
    /// Run name.
    pub run: String,
    /// Data in the box (Σw, Σw², raw), expected count for the file's exposure.
    pub data: Tally,
    /// The same per true process (name, tally).
    pub by_process: Vec<(String, Tally)>,
    /// Observed count: the raw count for unweighted data, else Σw rounded.
    pub observed: u64,
    /// Predicted background (file exposure).
    pub predicted_background: f64,
    /// Its error.
    pub predicted_background_error: f64,
}

/// Signal strength from the opened box at one simulated mass: ε̂² = Σ(n − b)/Σ S, with S the
/// selected signal Monte Carlo per ε² (paper 002 eq. 26 inverted).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalEstimate {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Data in the boxes, all runs (Σw).
    pub observed: f64,
    /// Predicted background, all runs.
    pub background: f64,
    /// Its error.
    pub background_error: f64,
    /// Selected signal per ε², all runs (file exposure, with the efficiency correction).
    pub signal_per_eps2: f64,
    /// ε̂² = (observed − background)/signal_per_eps2.
    pub eps2: f64,
    /// Its statistical error: sqrt(observed + σ_b²)/signal_per_eps2 (Poisson data).
    pub eps2_error: f64,
}

/// Everything the analysis derives from the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Configuration name.
    pub experiment: String,
    /// Whether the box stayed closed.
    pub blind: bool,
    /// Resolved selection per run.
    pub runs: Vec<RunSelection>,
    /// EOT the file stands for, per run.
    pub file_eot: Vec<f64>,
    /// The tallies.
    pub tallies: Tallies,
    /// Background estimate per run.
    pub background: Vec<BackgroundEstimate>,
    /// Signal efficiencies per run and mass.
    pub efficiencies: Vec<Efficiency>,
    /// The dimuon benchmark.
    pub dimuon: DimuonResult,
    /// Box contents per run (`None` when blind).
    pub box_contents: Option<Vec<BoxContent>>,
    /// Signal strength per simulated mass (`None` when blind).
    pub signal_estimates: Option<Vec<SignalEstimate>>,
}

/// EOT per run of a file: from its metadata (run names must match the configuration), or the
/// configured EOT for files without metadata (user data standing for the full runs).
pub fn file_eot(
    cfg: &ExperimentConfig,
    meta: Option<&Metadata>,
) -> Result<Vec<f64>, AnalysisError> {
    let Some(m) = meta.filter(|m| !m.runs.is_empty()) else {
        return Ok(cfg.runs.iter().map(|r| r.eot).collect());
    };
    let file: Vec<&str> = m.runs.iter().map(|r| r.name.as_str()).collect();
    let conf: Vec<&str> = cfg.runs.iter().map(|r| r.name.as_str()).collect();
    if file != conf {
        return Err(AnalysisError::Config {
            source_name: cfg.name.clone(),
            message: format!(
                "the event file was simulated for runs [{}] (preset '{}'), the configuration has runs [{}]; use the matching --preset/--config",
                file.join(", "),
                m.preset,
                conf.join(", ")
            ),
        });
    }
    m.runs
        .iter()
        .map(|r| {
            if r.eot_equivalent > 0.0 && r.eot_equivalent.is_finite() {
                Ok(r.eot_equivalent)
            } else {
                Err(AnalysisError::Config {
                    source_name: cfg.name.clone(),
                    message: format!(
                        "the event file's metadata gives run '{}' an EOT-equivalent of {}, which must be positive",
                        r.name, r.eot_equivalent
                    ),
                })
            }
        })
        .collect()
}

impl Analysis {
    /// Derive everything from filled tallies.
    pub fn from_tallies(
        cfg: &ExperimentConfig,
        runs: Vec<RunSelection>,
        file_eot: Vec<f64>,
        tallies: Tallies,
    ) -> Self {
        let blind = tallies.blind;
        let background: Vec<BackgroundEstimate> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let c = &cfg.runs[i];
                background::estimate(
                    r,
                    &tallies.runs[i],
                    file_eot[i],
                    (c.background, c.background_uncertainty),
                )
            })
            .collect();
        let efficiencies: Vec<Efficiency> = tallies
            .signal
            .iter()
            .map(|s| efficiency::efficiency(s, &runs[s.run]))
            .collect();
        let dimuon_proc = Process::ALL
            .iter()
            .position(|&p| p == Process::Dimuon)
            .unwrap_or(0);
        let druns: Vec<DimuonRun> = runs
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let sel = tallies.runs[i].dimuon_total();
                DimuonRun {
                    run: r.name.clone(),
                    selected: sel,
                    true_dimuon: tallies.runs[i].dimuon[dimuon_proc],
                    file_eot: file_eot[i],
                    yield_per_eot: sel.sum_w / file_eot[i],
                    yield_error: sel.error() / file_eot[i],
                }
            })
            .collect();
        let eot_total: f64 = file_eot.iter().sum();
        let sel_w: f64 = druns.iter().map(|d| d.selected.sum_w).sum();
        let sel_w2: f64 = druns.iter().map(|d| d.selected.sum_w2).sum();
        let dimuon = DimuonResult {
            runs: druns,
            yield_per_eot: sel_w / eot_total,
            yield_error: sel_w2.sqrt() / eot_total,
            reference_per_eot: DIMUON_REFERENCE_PER_EOT,
        };
        let (box_contents, signal_estimates) = if blind {
            (None, None)
        } else {
            let bi = Region::ALL
                .iter()
                .position(|&x| x == Region::SignalBox)
                .unwrap_or(0);
            let boxes: Vec<BoxContent> = runs
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let t = &tallies.runs[i];
                    let data = t.regions_total()[bi];
                    let unweighted = data.sum_w2 == data.sum_w && data.sum_w == data.raw as f64;
                    BoxContent {
                        run: r.name.clone(),
                        data,
                        by_process: Process::ALL
                            .iter()
                            .zip(&t.regions)
                            .map(|(p, reg)| (p.name().to_string(), reg[bi]))
                            .collect(),
                        observed: if unweighted {
                            data.raw
                        } else {
                            data.sum_w.round() as u64
                        },
                        predicted_background: background[i].predicted,
                        predicted_background_error: background[i].error,
                    }
                })
                .collect();
            let est = signal_estimates(&boxes, &efficiencies, &tallies);
            (Some(boxes), Some(est))
        };
        Self {
            experiment: cfg.name.clone(),
            blind,
            runs,
            file_eot,
            tallies,
            background,
            efficiencies,
            dimuon,
            box_contents,
            signal_estimates,
        }
    }
}

fn signal_estimates(boxes: &[BoxContent], effs: &[Efficiency], t: &Tallies) -> Vec<SignalEstimate> {
    let n: f64 = boxes.iter().map(|b| b.data.sum_w).sum();
    let b: f64 = boxes.iter().map(|b| b.predicted_background).sum();
    let sb = boxes
        .iter()
        .map(|b| b.predicted_background_error.powi(2))
        .sum::<f64>()
        .sqrt();
    let mut masses: Vec<f64> = t.signal.iter().map(|s| s.mass_gev).collect();
    masses.sort_by(f64::total_cmp);
    masses.dedup();
    masses
        .into_iter()
        .map(|m| {
            let s: f64 = effs
                .iter()
                .filter(|e| e.mass_gev == m)
                .map(|e| e.kinematic_per_eps2 * e.total)
                .sum();
            SignalEstimate {
                mass_gev: m,
                observed: n,
                background: b,
                background_error: sb,
                signal_per_eps2: s,
                eps2: (n - b) / s,
                eps2_error: (n.max(0.0) + sb * sb).sqrt() / s,
            }
        })
        .collect()
}

/// The resolved selection of every run of `cfg`.
fn run_selections(cfg: &ExperimentConfig) -> Result<Vec<RunSelection>, AnalysisError> {
    cfg.run_selections()
        .map_err(|(field, message)| AnalysisError::Config {
            source_name: cfg.name.clone(),
            message: format!("analysis.{field}: {message}"),
        })
}

/// Analyse events already in memory with the configuration's selection; `file_eot` per run
/// (see [`file_eot`]).
pub fn analyze(
    events: &[aprime_detector::Event],
    cfg: &ExperimentConfig,
    file_eot: Vec<f64>,
    opts: &Options,
) -> Result<Analysis, AnalysisError> {
    let runs = run_selections(cfg)?;
    let fill = FillOptions {
        blind: !opts.unblind,
        inject: opts.inject,
    };
    let tallies = Tallies::fill(events, &runs, fill, &cfg.name)?;
    Ok(Analysis::from_tallies(cfg, runs, file_eot, tallies))
}

/// Analyse an event file (Parquet or CSV) with the configuration's selection, streaming its
/// batches; returns the analysis and the file's metadata.
pub fn analyze_file(
    path: &Path,
    cfg: &ExperimentConfig,
    opts: &Options,
    progress: Option<&dyn Fn(u64)>,
) -> Result<(Analysis, Option<Metadata>), AnalysisError> {
    let reader = EventReader::open(path, None)?;
    let meta = reader.metadata().cloned();
    let eot = file_eot(cfg, meta.as_ref())?;
    let runs = run_selections(cfg)?;
    let fill = FillOptions {
        blind: !opts.unblind,
        inject: opts.inject,
    };
    let mut b = TallyBuilder::new(&runs, fill, &cfg.name);
    for batch in reader {
        let batch = batch?;
        b.add(&batch)?;
        if let Some(p) = progress {
            p(batch.len() as u64);
        }
    }
    let tallies = b.finish();
    Ok((Analysis::from_tallies(cfg, runs, eot, tallies), meta))
}
