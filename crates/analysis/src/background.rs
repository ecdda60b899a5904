//! Background in the signal box per run from side band C (paper 002 §VIII): the nominal
//! exponential fit extrapolated into the box, its statistical error, and the spread of the fit
//! variants as the systematic error. Side band A (E_ECAL < cut, E_HCAL ≥ threshold: neutral
//! hadrons from the target) is fitted too, along E_HCAL, and its extrapolation below the
//! threshold is reported next to C but not added: paper 002 §VIII finds "≲ 0.001 events in total
//! … from the side band A for all runs", which "was further neglected".

use serde::{Deserialize, Serialize};

use crate::fit::{Fit, Shape, fit, fit_with_variants};
use crate::tally::RunTallies;
use aprime_experiment::RunSelection;

/// The background estimate of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackgroundEstimate {
    /// Run name.
    pub run: String,
    /// How it was obtained: `side-band C fit`, or the fallback and why.
    pub method: String,
    /// E_ECAL cut of the run \[GeV\].
    pub ecal_cut_gev: f64,
    /// Selected events in side band C, all E_ECAL (Σw, expected for the file's exposure).
    pub side_band_events: f64,
    /// Fitted slope p2 of the nominal fit \[1/GeV\] (paper 002 §VIII: 0.315, 0.396, 0.49 for runs
    /// I–III) and its error.
    pub slope_per_gev: Option<(f64, f64)>,
    /// The nominal fit.
    pub nominal: Option<Fit>,
    /// The variants (their spread is the systematic error).
    pub variants: Vec<Fit>,
    /// Side-band part of the prediction (file exposure) \[events\] and its total error.
    pub side_band_predicted: f64,
    /// Its error (stat ⊕ syst).
    pub side_band_error: f64,
    /// Box background of the processes taken from simulation (name, Σw, MC error), file
    /// exposure (paper 002 Table IV rows estimated by Monte Carlo).
    pub mc: Vec<(String, f64, f64)>,
    /// Predicted background in the box for the file's exposure \[events\]: side band + MC.
    pub predicted: f64,
    /// Statistical error of the nominal fit's prediction from the weighted side band (Monte
    /// Carlo statistics for simulated events, Poisson for unweighted data).
    pub stat_error: f64,
    /// Poisson error the prediction would have with real data of the file's exposure.
    pub stat_error_data: f64,
    /// Whether the side band is weighted (simulation) rather than unit-weight data.
    pub weighted: bool,
    /// Systematic error: the largest |variant − nominal|.
    pub syst_error: f64,
    /// Total error, stat ⊕ syst.
    pub error: f64,
    /// EOT the file's events stand for in this run.
    pub file_eot: f64,
    /// Configured EOT of the run.
    pub config_eot: f64,
    /// Predicted background scaled to the configured EOT \[events\] (the input of the limits).
    pub predicted_config: f64,
    /// Its total error: the data-equivalent Poisson error scaled to the configured exposure
    /// (∝ 1/√EOT), ⊕ the Monte Carlo error of a weighted sample, ⊕ the fit-variant systematic.
    pub error_config: f64,
    /// The side-band A estimate (reported, not part of `predicted`).
    pub side_band_a: SideBandA,
}

/// The side-band A estimate of one run: an exponential fit exp(p1 + p2·E_HCAL) to the E_HCAL
/// distribution of side band A from the threshold to `side_band.a_fit_max_gev`, integrated
/// from 0 to the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SideBandA {
    /// Selected events in side band A, all E_HCAL (Σw, file exposure).
    pub events: f64,
    /// The fit (`None` with fewer than `side_band.min_effective_events` effective events in
    /// its range or no convergence).
    pub fit: Option<Fit>,
    /// Predicted box events from A for the file's exposure (0 without a fit).
    pub predicted: f64,
    /// Its statistical error.
    pub error: f64,
    /// Predicted box events from A for the configured EOT.
    pub predicted_config: f64,
    /// Its error (data-equivalent Poisson ∝ 1/√EOT ⊕ Monte Carlo error of a weighted sample).
    pub error_config: f64,
}

fn side_band_a(r: &RunSelection, t: &RunTallies, scale: f64) -> SideBandA {
    let sb = &r.side_band;
    let f = fit(
        &t.side_a,
        (r.hcal_cut_gev, sb.a_fit_max_gev),
        sb.a_bin_width_gev,
        sb.method,
        Shape::Exponential,
        (0.0, r.hcal_cut_gev),
        "side band A",
    )
    .filter(|f| f.converged && f.effective_events >= sb.min_effective_events);
    let (predicted, error, error_config) = f.as_ref().map_or((0.0, 0.0, 0.0), |f| {
        let weighted =
            (f.effective_events - f.side_band_events).abs() > 1e-9 * f.side_band_events.max(1.0);
        let mc = if weighted {
            f.predicted_error * scale
        } else {
            0.0
        };
        let data = f.predicted_error_data * scale.sqrt();
        (f.predicted, f.predicted_error, mc.hypot(data))
    });
    SideBandA {
        events: t.side_a.total(),
        fit: f,
        predicted,
        error,
        predicted_config: predicted * scale,
        error_config,
    }
}

/// Estimate the background of run `r` from its tallies; `fallback` = (configured background,
/// uncertainty) for the run's configured EOT, used when side band C is too thin to fit.
pub fn estimate(
    r: &RunSelection,
    t: &RunTallies,
    file_eot: f64,
    fallback: (f64, f64),
) -> BackgroundEstimate {
    let scale = r.eot / file_eot;
    let sb = &r.side_band;
    let side_band_events = t.side_c.total();
    let fits = fit_with_variants(&t.side_c, r.ecal_cut_gev, sb);
    let nominal = fits
        .iter()
        .find(|f| f.variant == "nominal")
        .filter(|f| f.converged && f.effective_events >= sb.min_effective_events)
        .cloned();
    let mut est = BackgroundEstimate {
        run: r.name.clone(),
        method: String::new(),
        ecal_cut_gev: r.ecal_cut_gev,
        side_band_events,
        slope_per_gev: None,
        nominal: None,
        variants: Vec::new(),
        predicted: 0.0,
        stat_error: 0.0,
        stat_error_data: 0.0,
        weighted: false,
        syst_error: 0.0,
        error: 0.0,
        side_band_predicted: 0.0,
        side_band_error: 0.0,
        mc: Vec::new(),
        file_eot,
        config_eot: r.eot,
        predicted_config: 0.0,
        error_config: 0.0,
        side_band_a: side_band_a(r, t, scale),
    };
    let Some(nom) = nominal else {
        let eff = fits.first().map_or(0.0, |f| f.effective_events);
        est.method = format!(
            "fallback: configured background (side band C has {eff:.1} effective events in the fit range, fewer than {} needed, or the fit failed)",
            sb.min_effective_events
        );
        est.predicted = fallback.0 / scale;
        est.error = fallback.1 / scale;
        est.stat_error = est.error;
        est.stat_error_data = est.error;
        est.predicted_config = fallback.0;
        est.error_config = fallback.1;
        est.variants = fits;
        return est;
    };
    let variants: Vec<Fit> = fits
        .into_iter()
        .filter(|f| f.variant != "nominal")
        .collect();
    let syst = variants
        .iter()
        .filter(|f| f.converged && f.predicted.is_finite())
        .map(|f| (f.predicted - nom.predicted).abs())
        .fold(0.0, f64::max);
    let w: f64 = t.side_c.w.iter().sum();
    let w2: f64 = t.side_c.w2.iter().sum();
    est.weighted = (w2 - w).abs() > 1e-9 * w.max(1.0);
    est.method = "side-band C fit".into();
    est.slope_per_gev = Some((nom.params[1], nom.errors[1]));
    est.stat_error = nom.predicted_error;
    est.stat_error_data = nom.predicted_error_data;
    est.syst_error = syst;
    est.side_band_predicted = nom.predicted;
    est.side_band_error = nom.predicted_error.hypot(syst);
    est.mc = aprime_detector::Process::ALL
        .iter()
        .zip(&t.mc_box)
        .filter(|(p, _)| sb.mc_processes.iter().any(|x| x == p.name()))
        .map(|(p, m)| (p.name().to_string(), m.sum_w, m.error()))
        .collect();
    let mc_sum: f64 = est.mc.iter().map(|m| m.1).sum();
    let mc_err = est.mc.iter().map(|m| m.2 * m.2).sum::<f64>().sqrt();
    if !est.mc.is_empty() {
        est.method = format!(
            "side-band C fit + simulation for {}",
            sb.mc_processes.join(", ")
        );
    }
    est.predicted = nom.predicted + mc_sum;
    est.error = est.side_band_error.hypot(mc_err);
    est.predicted_config = est.predicted * scale;
    // Relative errors of the side-band part: Poisson ∝ 1/√exposure, Monte Carlo and
    // systematics fixed; the MC part keeps its Monte Carlo error.
    let rel = |x: f64| {
        if nom.predicted > 0.0 {
            x / nom.predicted
        } else {
            0.0
        }
    };
    let rel_data = rel(nom.predicted_error_data) / scale.sqrt();
    let rel_mc = if est.weighted {
        rel(nom.predicted_error)
    } else {
        0.0
    };
    let rel_sb = (rel_data * rel_data + rel_mc * rel_mc + rel(syst).powi(2)).sqrt();
    est.error_config = (nom.predicted * scale * rel_sb).hypot(mc_err * scale);
    est.nominal = Some(nom);
    est.variants = variants;
    est
}
