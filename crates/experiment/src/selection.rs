//! The event selection of the analysis: the `analysis` table of the experiment configuration.
//!
//! Every field has a default: the selection of paper 000 ([`SelectionConfig::default`]); the
//! embedded presets list what differs for their data (paper 002 for 2016, paper 003 for
//! 2021–22), and a configuration only needs to list what it changes. The signal box
//! itself (E_ECAL cut per run, E_HCAL threshold) is not repeated here: it comes from the
//! experiment configuration's `signal_box` and `runs[].e_ecal_max_gev`.
//!
//! ```toml
//! [analysis.cuts]                 # paper 002 §IV, paper 000, paper 003 — all runs
//! momentum_window_gev = 3.0
//! max_track_angle_mrad = 5.0
//!
//! [analysis.side_band]            # the exponential fit in side band C (paper 002 §VIII)
//! fit_max_gev = 75.0
//!
//! [[analysis.runs]]               # per-run changes, by run name
//! run = "IV+V (2021-2022)"
//! cuts = { momentum_window_gev = 10.0, max_track_angle_mrad = 3.0 }
//! dimuon = { modules = [1, 3] }
//! ```
//!
//! Unknown fields are rejected (a typo never passes silently).

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use toml::Table;

use crate::merge::{merge, overlay};
use crate::process::Process;
use crate::production::SignalBox;
use crate::runs::Run;

/// The cuts applied to every event before the (E_ECAL, E_HCAL) plane is split into the signal
/// box and the side bands, in the order of the cut flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(clippy::struct_excessive_bools)] // each bool switches one published cut on or off
pub struct Cuts {
    /// Require the hardware trigger S·V1·PS(> 0.3 GeV)·ECAL(< 80 GeV) (paper 002 eq. 14).
    pub require_trigger: bool,
    /// Required number of reconstructed incoming tracks ("one and only one", paper 002 §IV (i)).
    pub tracks: u32,
    /// Half-width of the momentum window around the beam energy \[GeV\]: |P − E0| ≤ this
    /// (±2 GeV in paper 002 §IV (i), ±3 in paper 000 (i), ±10 in paper 003 (i)).
    pub momentum_window_gev: f64,
    /// Maximal angle of the incoming track to the beam axis \[mrad\] (5 mrad against K_e3 decays,
    /// paper 002 §VIII; 3 mrad in paper 003 (ii)).
    pub max_track_angle_mrad: f64,
    /// Lower edge of the in-time synchrotron-radiation window, per SRD counter \[MeV\]
    /// (paper 003 (iii): SR energy ≈ 1–100 MeV for 100 GeV e⁻).
    pub srd_min_mev: f64,
    /// Upper edge of the SR window, per SRD counter \[MeV\].
    pub srd_max_mev: f64,
    /// How many of the three SRD counters must be inside the window (all three, paper 002
    /// §IV (ii)).
    pub srd_counters: u32,
    /// Apply the straw-multiplicity cut against upstream interactions (paper 000 (iv),
    /// paper 003 (v)).
    pub straw_cut: bool,
    /// Maximal number of hits in the downstream straw chambers when `straw_cut` is on.
    pub max_straw_hits: u32,
    /// Reject events with an unresolved second beam particle in the ECAL pulse (the pile-up
    /// removal of paper 002 §VI.A: one MSADC peak per cell within ±2 ns).
    pub reject_pileup: bool,
    /// Minimal preshower energy \[GeV\] (longitudinal shape; the trigger already asks 0.3 GeV).
    pub min_preshower_gev: f64,
    /// Maximal ECAL shower-shape χ²/ndf against the electron template (lateral and
    /// longitudinal shape, paper 002 §IV (iii)).
    pub max_ecal_shape_chi2: f64,
    /// Minimal fraction of the ECAL energy in the hottest cell (lateral containment).
    pub min_ecal_max_cell_fraction: f64,
    /// Maximal VETO (V2) energy \[MeV\]: "zero energy" below about one MIP (paper 002 eq. 15).
    pub max_veto_mev: f64,
    /// Apply the zero-degree HCAL0 cut against hard neutrals from upstream interactions
    /// (paper 000, 2018 onwards; runs without HCAL0 record 0 and always pass).
    pub hcal0_cut: bool,
    /// Maximal HCAL0 energy \[GeV\] when `hcal0_cut` is on.
    pub max_hcal0_gev: f64,
}

/// Method of the side-band fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FitMethod {
    /// Binned Poisson likelihood, with the scaled-Poisson treatment of weighted bins (Bohm &
    /// Zech, NIM A 748 (2014) 1).
    Likelihood,
    /// Neyman χ² with σ² = Σw² per bin, empty bins skipped (the ROOT default for histograms).
    Chi2,
}

/// The background estimate from side band C (E_ECAL > cut, E_HCAL < threshold): a fit of
/// f(E) = exp(p1 + p2·E) \[events/GeV\] to the E_ECAL distribution, integrated over the box
/// (paper 002 §VIII, Fig. 13).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideBand {
    /// Upper edge of the fit range \[GeV\], kept below the trigger's ECAL threshold (80 GeV in
    /// 2016–2018, 90 GeV in 2021–2022) where the trigger turn-on and the low-energy leakage tail
    /// of full-energy showers distort the spectrum: 75 GeV for every preset. The lower edge is
    /// the run's E_ECAL cut.
    pub fit_max_gev: f64,
    /// Bin width of the nominal fit \[GeV\].
    pub bin_width_gev: f64,
    /// Fit method of the nominal fit: `likelihood` or `chi2`.
    pub method: FitMethod,
    /// Lower end of the extrapolation into the box \[GeV\] (the box is E_ECAL from here to the cut).
    pub extrapolate_from_gev: f64,
    /// Minimal effective number of events, (Σw)²/Σw², in the fit range for a fit; below it the
    /// run falls back to the configured background and says so.
    pub min_effective_events: f64,
    /// Fit variants for the systematic uncertainty: other bin widths \[GeV\].
    pub variant_bin_widths_gev: Vec<f64>,
    /// Fit variants: move the lower edge up and the upper edge down by this much \[GeV\]
    /// (0 switches these variants off).
    pub variant_range_shift_gev: f64,
    /// Fit variant: the other fit method.
    pub variant_other_method: bool,
    /// Fit variant: exp(p1 + p2·E + p3·E²), a curved logarithmic slope.
    pub variant_quadratic: bool,
    /// Side band A (E_ECAL < cut, E_HCAL ≥ threshold, paper 002 §VIII): upper edge of the
    /// exponential fit of its E_HCAL distribution \[GeV\] (from the E_HCAL threshold), which is
    /// extrapolated below the threshold into the box and reported next to side band C.
    pub a_fit_max_gev: f64,
    /// Bin width of the side-band A fit \[GeV\].
    pub a_bin_width_gev: f64,
    /// True processes whose box background is taken from the simulation instead of the side
    /// band (the Monte Carlo rows of paper 002 Table IV: dimuon losses, decays in flight, μ/π/K
    /// interactions, hadron losses); their events are left out of the side-band fit. Only
    /// simulated files carry the truth; real data (`em_shower` throughout) are all fitted.
    pub mc_processes: Vec<String>,
}

/// The dimuon benchmark selection of paper 002 §V.B: an identified beam electron and two
/// muons that punch through the HCAL (MIP-like energy in the first and the last module).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimuon {
    /// HCAL modules (1–4) that must each see MIP-like energy (HCAL1 and HCAL4 in paper 002
    /// §V.B; HCAL1 and HCAL3 with three modules, 2021 onwards).
    pub modules: Vec<u32>,
    /// Lower edge of the MIP-like window per module \[GeV\] (paper 002 §V.B: 1 GeV).
    pub module_min_gev: f64,
    /// Upper edge of the MIP-like window per module \[GeV\] (paper 002 §V.B: 6 GeV).
    pub module_max_gev: f64,
    /// E_ECAL cut of the benchmark \[GeV\] (paper 002 Table I: E_ECAL < 60 GeV).
    pub max_e_ecal_gev: f64,
    /// Apply the primary-electron cuts (trigger, one track, momentum, angle, SRD) of the run.
    pub electron_id: bool,
}

/// A factor on the efficiency measured on simulated signal events for an effect the event
/// simulation does not model, with where it comes from (e.g. paper 002 Table I: the dimuon
/// data/MC yield ratio f = 0.92, 0.85, 0.81 for runs I–III).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyFactor {
    /// What it corrects.
    pub name: String,
    /// The factor, in (0, 1\].
    pub value: f64,
    /// Its source (paper, table/figure).
    pub source: String,
}

/// The selection of one run that differs from the global one, resolved: a file's
/// `[[analysis.runs]]` entry lists only what changes (`run = "III"`, `cuts = { … }`), which is
/// laid over the global sections while the file is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunAnalysis {
    /// Run name, as in the configuration's `runs[].name`.
    pub run: String,
    /// The cuts of this run.
    pub cuts: Cuts,
    /// The side-band fit of this run.
    pub side_band: SideBand,
    /// The dimuon benchmark of this run.
    pub dimuon: Dimuon,
    /// The efficiency correction of this run.
    pub efficiency_correction: f64,
    /// The sourced efficiency factors of this run.
    #[serde(default)]
    pub efficiency_factors: Vec<EfficiencyFactor>,
}

/// The analysis configuration (the `analysis` table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectionConfig {
    /// The selection cuts (all runs).
    pub cuts: Cuts,
    /// The side-band background fit.
    pub side_band: SideBand,
    /// The dimuon benchmark.
    pub dimuon: Dimuon,
    /// Factor multiplying the efficiency measured on simulated signal events, for losses the
    /// event simulation does not model (e.g. the DAQ live time, paper 000: 0.93). 1 = none.
    pub efficiency_correction: f64,
    /// Sourced factors multiplying the measured efficiency as well (empty = none), e.g. the
    /// dimuon data/MC factor and the ECAL-spectrum reweighting of paper 002 (Table I, Fig. 11).
    #[serde(default)]
    pub efficiency_factors: Vec<EfficiencyFactor>,
    /// Runs whose selection differs from the above.
    #[serde(default)]
    pub runs: Vec<RunAnalysis>,
}

/// The fully resolved selection of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSelection {
    /// Run name.
    pub name: String,
    /// Electrons on target of the run in the configuration.
    pub eot: f64,
    /// Beam energy E0 \[GeV\] (centre of the momentum window, E_miss = E0 − E_ECAL).
    pub beam_energy_gev: f64,
    /// Signal box: E_ECAL below this \[GeV\].
    pub ecal_cut_gev: f64,
    /// Signal box and regions: E_HCAL below this is "zero" \[GeV\].
    pub hcal_cut_gev: f64,
    /// Cuts.
    pub cuts: Cuts,
    /// Side-band fit.
    pub side_band: SideBand,
    /// Dimuon benchmark.
    pub dimuon: Dimuon,
    /// Efficiency correction.
    pub efficiency_correction: f64,
    /// Sourced efficiency factors.
    pub efficiency_factors: Vec<EfficiencyFactor>,
}

impl RunSelection {
    /// The whole factor on the measured efficiency: `efficiency_correction` × Π
    /// `efficiency_factors`.
    pub fn efficiency_factor(&self) -> f64 {
        self.efficiency_correction
            * self
                .efficiency_factors
                .iter()
                .map(|f| f.value)
                .product::<f64>()
    }
}

fn cuts_2016() -> Cuts {
    Cuts {
        require_trigger: true,
        tracks: 1,
        momentum_window_gev: 2.0,
        max_track_angle_mrad: 5.0,
        srd_min_mev: 1.0,
        srd_max_mev: 100.0,
        srd_counters: 3,
        straw_cut: false,
        max_straw_hits: 1,
        reject_pileup: true,
        min_preshower_gev: 0.3,
        max_ecal_shape_chi2: 5.0,
        min_ecal_max_cell_fraction: 0.5,
        max_veto_mev: 4.0,
        hcal0_cut: false,
        max_hcal0_gev: 1.0,
    }
}

fn side_band_default(fit_max_gev: f64) -> SideBand {
    SideBand {
        fit_max_gev,
        bin_width_gev: 1.0,
        method: FitMethod::Likelihood,
        extrapolate_from_gev: 0.0,
        min_effective_events: 5.0,
        variant_bin_widths_gev: vec![0.5, 2.0],
        variant_range_shift_gev: 5.0,
        variant_other_method: true,
        variant_quadratic: true,
        a_fit_max_gev: 30.0,
        a_bin_width_gev: 1.0,
        mc_processes: [
            "dimuon",
            "decay_in_flight",
            "mistagged_hadron",
            "hadron_target",
        ]
        .map(String::from)
        .to_vec(),
    }
}

fn dimuon_default() -> Dimuon {
    Dimuon {
        modules: vec![1, 4],
        module_min_gev: 1.0,
        module_max_gev: 6.0,
        max_e_ecal_gev: 60.0,
        electron_id: true,
    }
}

impl Default for SelectionConfig {
    /// The paper 000 selection (PRL 123 121801): one track with |P − E0| ≤ 3 GeV, angle < 5 mrad,
    /// all three SRD counters in 1–100 MeV, straw multiplicity ≤ 1 (iv), no unresolved pile-up,
    /// preshower, shape and containment cuts, VETO < 4 MeV, HCAL0 < 1 GeV; side-band fit to 75 GeV;
    /// dimuon benchmark in HCAL1 and HCAL4.
    fn default() -> Self {
        let mut cuts = cuts_2016();
        cuts.momentum_window_gev = 3.0;
        cuts.straw_cut = true;
        cuts.hcal0_cut = true;
        Self {
            cuts,
            side_band: side_band_default(75.0),
            dimuon: dimuon_default(),
            efficiency_correction: 1.0,
            efficiency_factors: Vec::new(),
            runs: Vec::new(),
        }
    }
}

/// Deserialise an `[analysis]` table as an overlay of the defaults: the global sections merged
/// over [`SelectionConfig::default`], each `[[analysis.runs]]` entry over the merged globals.
pub(crate) fn deserialize_overlay<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<SelectionConfig, D::Error> {
    let err = |e: &dyn std::fmt::Display| D::Error::custom(format!("analysis: {e}"));
    let mut user = Table::deserialize(d)?;
    let runs = match user.remove("runs") {
        None => Vec::new(),
        Some(toml::Value::Array(a)) => a,
        Some(other) => return Err(err(&format!("runs must be a list of tables, got {other}"))),
    };
    let mut base = Table::try_from(SelectionConfig::default()).map_err(|e| err(&e))?;
    merge(&mut base, &user);
    let global: SelectionConfig = base
        .try_into()
        .map_err(|e: toml::de::Error| err(&e.message().to_string()))?;
    // Entries naming the same run are one entry, the later laid over the earlier (a preset's
    // per-run corrections stay when a user adds a cut for that run).
    let mut entries: Vec<(String, Table)> = Vec::with_capacity(runs.len());
    for entry in runs {
        let toml::Value::Table(mut t) = entry else {
            return Err(err(&"each [[analysis.runs]] entry must be a table"));
        };
        let Some(toml::Value::String(run)) = t.remove("run") else {
            return Err(err(&"each [[analysis.runs]] entry needs run = \"NAME\""));
        };
        match entries.iter_mut().find(|(r, _)| *r == run) {
            Some((_, earlier)) => merge(earlier, &t),
            None => entries.push((run, t)),
        }
    }
    let mut resolved = Vec::with_capacity(entries.len());
    for (run, mut t) in entries {
        let ctx = |what: &str, e: &dyn std::fmt::Display| err(&format!("runs ({run}).{what}: {e}"));
        let section = |t: &mut Table, key: &str| -> Table {
            match t.remove(key) {
                Some(toml::Value::Table(s)) => s,
                _ => Table::new(),
            }
        };
        let (cuts, side_band, dimuon) = (
            section(&mut t, "cuts"),
            section(&mut t, "side_band"),
            section(&mut t, "dimuon"),
        );
        let efficiency_correction = match t.remove("efficiency_correction") {
            None => global.efficiency_correction,
            Some(v) => v
                .as_float()
                .or_else(|| v.as_integer().map(|i| i as f64))
                .ok_or_else(|| ctx("efficiency_correction", &"must be a number"))?,
        };
        let efficiency_factors = match t.remove("efficiency_factors") {
            None => global.efficiency_factors.clone(),
            Some(v) => v
                .try_into::<Vec<EfficiencyFactor>>()
                .map_err(|e| ctx("efficiency_factors", &e.message()))?,
        };
        if let Some(k) = t.keys().next() {
            return Err(ctx(
                k,
                &"unknown field (expected run, cuts, side_band, dimuon, efficiency_correction, efficiency_factors)",
            ));
        }
        resolved.push(RunAnalysis {
            cuts: overlay(&global.cuts, &cuts).map_err(|e| ctx("cuts", &e.message()))?,
            side_band: overlay(&global.side_band, &side_band)
                .map_err(|e| ctx("side_band", &e.message()))?,
            dimuon: overlay(&global.dimuon, &dimuon).map_err(|e| ctx("dimuon", &e.message()))?,
            efficiency_correction,
            efficiency_factors,
            run,
        });
    }
    Ok(SelectionConfig {
        runs: resolved,
        ..global
    })
}

impl SelectionConfig {
    /// The resolved selection of every run, in run order, for a beam of `beam_energy_gev` and
    /// the signal box `signal_box`; on error the field (below `analysis.`) and what is wrong.
    pub fn resolve(
        &self,
        runs: &[Run],
        beam_energy_gev: f64,
        signal_box: &SignalBox,
    ) -> Result<Vec<RunSelection>, (String, String)> {
        for o in &self.runs {
            if !runs.iter().any(|r| r.name == o.run) {
                let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
                return Err((
                    "runs".into(),
                    format!("no run named '{}' (runs: {})", o.run, names.join(", ")),
                ));
            }
        }
        runs.iter()
            .map(|run| {
                let own = self.runs.iter().find(|o| o.run == run.name);
                let rs = RunSelection {
                    name: run.name.clone(),
                    eot: run.eot,
                    beam_energy_gev,
                    ecal_cut_gev: run.e_ecal_max_gev.unwrap_or(signal_box.e_ecal_max_gev),
                    hcal_cut_gev: signal_box.e_hcal_max_gev,
                    cuts: own.map_or_else(|| self.cuts.clone(), |o| o.cuts.clone()),
                    side_band: own.map_or_else(|| self.side_band.clone(), |o| o.side_band.clone()),
                    dimuon: own.map_or_else(|| self.dimuon.clone(), |o| o.dimuon.clone()),
                    efficiency_correction: own
                        .map_or(self.efficiency_correction, |o| o.efficiency_correction),
                    efficiency_factors: own.map_or_else(
                        || self.efficiency_factors.clone(),
                        |o| o.efficiency_factors.clone(),
                    ),
                };
                check_run(&rs).map_err(|m| (format!("run {}", run.name), m))?;
                Ok(rs)
            })
            .collect()
    }
}

fn check_run(r: &RunSelection) -> Result<(), String> {
    let pos = |name: &str, v: f64| {
        if v > 0.0 && v.is_finite() {
            Ok(())
        } else {
            Err(format!("{name} must be positive and finite, got {v}"))
        }
    };
    let nonneg = |name: &str, v: f64| {
        if v >= 0.0 && v.is_finite() {
            Ok(())
        } else {
            Err(format!("{name} must be ≥ 0 and finite, got {v}"))
        }
    };
    let c = &r.cuts;
    pos("cuts.momentum_window_gev", c.momentum_window_gev)?;
    pos("cuts.max_track_angle_mrad", c.max_track_angle_mrad)?;
    nonneg("cuts.srd_min_mev", c.srd_min_mev)?;
    pos("cuts.srd_max_mev", c.srd_max_mev)?;
    if c.srd_max_mev <= c.srd_min_mev {
        return Err(format!(
            "cuts.srd_max_mev ({}) must exceed cuts.srd_min_mev ({})",
            c.srd_max_mev, c.srd_min_mev
        ));
    }
    if c.srd_counters > 3 {
        return Err(format!(
            "cuts.srd_counters must be 0–3 (there are three SRD counters), got {}",
            c.srd_counters
        ));
    }
    nonneg("cuts.min_preshower_gev", c.min_preshower_gev)?;
    pos("cuts.max_ecal_shape_chi2", c.max_ecal_shape_chi2)?;
    if !(0.0..=1.0).contains(&c.min_ecal_max_cell_fraction) {
        return Err(format!(
            "cuts.min_ecal_max_cell_fraction must be in [0, 1], got {}",
            c.min_ecal_max_cell_fraction
        ));
    }
    pos("cuts.max_veto_mev", c.max_veto_mev)?;
    pos("cuts.max_hcal0_gev", c.max_hcal0_gev)?;
    let s = &r.side_band;
    pos("side_band.bin_width_gev", s.bin_width_gev)?;
    nonneg("side_band.extrapolate_from_gev", s.extrapolate_from_gev)?;
    nonneg(
        "side_band.variant_range_shift_gev",
        s.variant_range_shift_gev,
    )?;
    nonneg("side_band.min_effective_events", s.min_effective_events)?;
    for w in &s.variant_bin_widths_gev {
        pos("side_band.variant_bin_widths_gev[]", *w)?;
    }
    if s.extrapolate_from_gev >= r.ecal_cut_gev {
        return Err(format!(
            "side_band.extrapolate_from_gev ({}) must be below the E_ECAL cut ({} GeV)",
            s.extrapolate_from_gev, r.ecal_cut_gev
        ));
    }
    let span = s.fit_max_gev - r.ecal_cut_gev;
    if !(s.fit_max_gev.is_finite()
        && span >= 4.0 * s.bin_width_gev
        && s.fit_max_gev <= r.beam_energy_gev * 1.5)
    {
        return Err(format!(
            "side_band.fit_max_gev ({}) must lie above the E_ECAL cut ({} GeV) by at least four bins of {} GeV",
            s.fit_max_gev, r.ecal_cut_gev, s.bin_width_gev
        ));
    }
    if 2.0 * s.variant_range_shift_gev >= span {
        return Err(format!(
            "side_band.variant_range_shift_gev ({}) must be below half the fit range ({span} GeV)",
            s.variant_range_shift_gev
        ));
    }
    for p in &s.mc_processes {
        match Process::from_name(p) {
            Some(Process::Signal) | None => {
                let names: Vec<&str> = Process::ALL[1..].iter().map(|p| p.name()).collect();
                return Err(format!(
                    "side_band.mc_processes: '{p}' is not a background process (one of {})",
                    names.join(", ")
                ));
            }
            Some(_) => {}
        }
    }
    let d = &r.dimuon;
    if d.modules.is_empty() || d.modules.iter().any(|m| !(1..=4).contains(m)) {
        return Err(format!(
            "dimuon.modules must list HCAL modules 1–4, got {:?}",
            d.modules
        ));
    }
    nonneg("dimuon.module_min_gev", d.module_min_gev)?;
    if d.module_max_gev <= d.module_min_gev {
        return Err(format!(
            "dimuon.module_max_gev ({}) must exceed dimuon.module_min_gev ({})",
            d.module_max_gev, d.module_min_gev
        ));
    }
    pos("dimuon.max_e_ecal_gev", d.max_e_ecal_gev)?;
    if !(r.efficiency_correction > 0.0 && r.efficiency_correction <= 1.0) {
        return Err(format!(
            "efficiency_correction must be in (0, 1], got {}",
            r.efficiency_correction
        ));
    }
    for f in &r.efficiency_factors {
        if !(f.value > 0.0 && f.value <= 1.0) {
            return Err(format!(
                "efficiency_factors ({}): value must be in (0, 1], got {}",
                f.name, f.value
            ));
        }
        if f.source.trim().is_empty() {
            return Err(format!(
                "efficiency_factors ({}): say where the factor comes from (source)",
                f.name
            ));
        }
    }
    pos("side_band.a_bin_width_gev", s.a_bin_width_gev)?;
    if !(s.a_fit_max_gev.is_finite() && s.a_fit_max_gev >= r.hcal_cut_gev + 4.0 * s.a_bin_width_gev)
    {
        return Err(format!(
            "side_band.a_fit_max_gev ({}) must lie above the E_HCAL threshold ({} GeV) by at least four bins of {} GeV",
            s.a_fit_max_gev, r.hcal_cut_gev, s.a_bin_width_gev
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::presets;

    #[test]
    fn every_preset_has_a_valid_selection_per_run() {
        for name in presets::names() {
            let cfg = presets::load(name).unwrap();
            if cfg.beam.particle.is_muon() {
                // The event-level stages model the electron setup: a muon preset has no
                // selection, and asking for one is a one-line error.
                assert!(cfg.run_selections().unwrap_err().1.contains("muon beam"));
                continue;
            }
            assert_eq!(cfg.run_selections().unwrap().len(), cfg.runs.len());
        }
    }

    #[test]
    fn momentum_windows_follow_the_papers() {
        // Paper 002 §IV (i): ±2 GeV; paper 000 (i): ±3 GeV; paper 003 (i): ±10 GeV (runs IV+V).
        let win = |name: &str| {
            presets::load(name)
                .unwrap()
                .run_selections()
                .unwrap()
                .iter()
                .map(|r| r.cuts.momentum_window_gev)
                .collect::<Vec<_>>()
        };
        assert_eq!(win("na64-2016"), vec![2.0; 3]);
        assert_eq!(win("na64-2016-2018"), vec![3.0; 3]);
        assert_eq!(win("na64-2016-2022"), vec![3.0, 3.0, 3.0, 10.0]);
    }

    #[test]
    fn user_table_overrides_and_typos_are_rejected() {
        let base = presets::text("na64-2016").unwrap();
        // The preset's own [analysis.cuts] section is extended (keys added to it).
        let with = |extra: &str| {
            let t = base.replacen("[analysis.cuts]\n", &format!("[analysis.cuts]\n{extra}"), 1);
            crate::ExperimentConfig::from_toml(&t, "test")
        };
        let cfg = with("max_veto_mev = 3.0\n").unwrap();
        let runs = cfg.run_selections().unwrap();
        assert_eq!(runs[0].cuts.momentum_window_gev, 2.0);
        assert_eq!(runs[2].cuts.max_veto_mev, 3.0);
        let per_run =
            format!("{base}\n[[analysis.runs]]\nrun = \"III\"\ncuts = {{ max_veto_mev = 2.0 }}\n");
        let cfg = crate::ExperimentConfig::from_toml(&per_run, "test").unwrap();
        let runs = cfg.run_selections().unwrap();
        assert_eq!(runs[2].cuts.max_veto_mev, 2.0);
        assert_eq!(runs[2].cuts.momentum_window_gev, 2.0);
        assert_eq!(runs[0].cuts.max_veto_mev, 4.0);
        // The preset's own run III entry (paper 002 Table I f and Fig. 11 reweighting) stays.
        assert_eq!(runs[2].efficiency_factors.len(), 2);
        // A typo in a field name, a run that does not exist and a bad value are all errors.
        for bad in [
            "[analysis.side_band]\nbin_widt_gev = 4.0\n",
            "[[analysis.runs]]\nrun = \"IV\"\n",
            "[[analysis.runs]]\nrun = \"I\"\ncuts = { max_vto_mev = 1.0 }\n",
            "[analysis.side_band]\nbin_width_gev = -1.0\n",
            "[analysis.dimuon]\nmodules = [5]\n",
        ] {
            let e =
                crate::ExperimentConfig::from_toml(&format!("{base}\n{bad}"), "test").unwrap_err();
            let chain = crate::error_chain(&e);
            assert!(chain.contains("analysis"), "{bad}: {chain}");
        }
    }
}
