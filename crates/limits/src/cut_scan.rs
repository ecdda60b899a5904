//! The sensitivity against the E_ECAL cut (paper 002 Fig. 14): the median expected ε limit for
//! cuts of 30–70% of E0, each run's background moved along its side-band shape.

use aprime_experiment::ExperimentConfig;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::combine;
use crate::coupling::ModelScale;
use crate::error::LimitsError;
use crate::signal::signal_per_eps2;
use crate::yield_data::{YieldPoint, YieldSet};

/// One point of the sensitivity scan against the E_ECAL cut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CutScanPoint {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// E_ECAL cut applied to every run \[GeV\].
    pub e_ecal_cut_gev: f64,
    /// Expected background summed over runs \[events\].
    pub background: f64,
    /// Median expected upper limit on the model's parameter (ε, or g for the Z' models).
    pub eps_expected_median: f64,
}

/// E_ECAL cuts of the Fig. 14 scan, as fractions of E0.
pub const SCAN_CUTS_FRACTION: [f64; 9] = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7];
/// Masses of the Fig. 14 scan \[GeV\] (paper 002 Fig. 14: 2 and 20 MeV).
pub const SCAN_MASSES: [f64; 2] = [0.002, 0.02];

/// Background of a run for a different E_ECAL cut: the side-band shape exp(p1 + p2·E) integrated
/// over the box, b(c) = b(c0)·(e^{p2 c} − 1)/(e^{p2 c0} − 1) (paper 002 §VIII); flat in E_ECAL
/// (b ∝ c) where no slope is configured.
pub fn background_at_cut(b: f64, c0: f64, c: f64, slope: Option<f64>) -> f64 {
    match slope {
        Some(p2) if p2.abs() > 1e-12 => b * (p2 * c).exp_m1() / (p2 * c0).exp_m1(),
        _ => b * c / c0,
    }
}

/// Median expected ε limit against the E_ECAL cut (paper 002 Fig. 14) for the scan masses that
/// lie inside the simulated grid (interpolated in ln m between grid points).
pub fn cut_scan(cfg: &ExperimentConfig, set: &YieldSet) -> Result<Vec<CutScanPoint>, LimitsError> {
    let e0 = cfg.beam.energy_gev;
    // The median only: solved right after the observed limit, it does not depend on the rest
    // of the band.
    let settings = combine::settings(cfg).median_only(true);
    let mut jobs = Vec::new();
    for &m in &SCAN_MASSES {
        let Some(p) = nearest(set, m) else { continue };
        for f in SCAN_CUTS_FRACTION {
            jobs.push((p, f * e0));
        }
    }
    jobs.par_iter()
        .map(|&(p, c)| {
            let cuts = vec![c; cfg.runs.len()];
            let b: Vec<f64> = cfg
                .runs
                .iter()
                .map(|r| {
                    background_at_cut(r.background, cfg.ecal_cut(r), c, r.background_slope_per_gev)
                })
                .collect();
            let scale = ModelScale::new(cfg, p.mass_gev)?;
            let a: Vec<f64> = signal_per_eps2(cfg, p, &cuts, None)
                .into_iter()
                .map(|x| scale.signal(x))
                .collect();
            let l = combine::eps_limit(cfg, &a, Some(&b), &settings)?;
            Ok(CutScanPoint {
                mass_gev: p.mass_gev,
                e_ecal_cut_gev: c,
                background: b.iter().sum(),
                eps_expected_median: l.expected.median,
            })
        })
        .collect()
}

fn nearest(set: &YieldSet, m: f64) -> Option<&YieldPoint> {
    set.points
        .iter()
        .min_by(|a, b| {
            (a.mass_gev / m)
                .ln()
                .abs()
                .total_cmp(&(b.mass_gev / m).ln().abs())
        })
        .filter(|p| (p.mass_gev / m).ln().abs() < 0.35)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn background_moves_with_the_side_band_shape() {
        // Paper 002 run I slope 0.315/GeV: moving the cut from 50 to 55 GeV multiplies the box
        // background by ≈ e^{0.315·5} = 4.8.
        let b = background_at_cut(0.043, 50.0, 55.0, Some(0.315));
        assert!(
            (b / 0.043 - (0.315f64 * 55.0).exp_m1() / (0.315f64 * 50.0).exp_m1()).abs() < 1e-12
        );
        assert!((b / 0.043 - 4.83).abs() < 0.01);
        assert!((background_at_cut(1.0, 50.0, 25.0, None) - 0.5).abs() < 1e-12);
    }
}
