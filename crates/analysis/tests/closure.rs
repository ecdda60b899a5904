//! Closure of the background estimate (paper 002 §VIII, Fig. 13; Table IV): the prediction for
//! the signal box — the exponential fit to side band C extrapolated below the E_ECAL cut, plus
//! the sources estimated from simulation — must agree with the true box content within its
//! uncertainty, for every run of every preset.

mod common;

use aprime_analysis::{Analysis, Options, Tally, analyze};
use aprime_experiment::presets;

fn unblinded(s: &common::sim::Simulated) -> Analysis {
    let opts = Options {
        unblind: true,
        ..Options::default()
    };
    analyze(&s.events, &s.cfg, s.run_eot.clone(), &opts).unwrap()
}

fn process(a: &Analysis, run: usize, p: &str) -> Tally {
    a.box_contents.as_ref().unwrap()[run]
        .by_process
        .iter()
        .find(|(n, _)| n == p)
        .map(|(_, t)| *t)
        .unwrap()
}

/// The presets with an event-level chain: the electron-beam ones (a muon beam has no
/// detector model or selection, issue 11).
fn event_level_presets() -> Vec<&'static str> {
    presets::names()
        .into_iter()
        .filter(|n| !presets::load(n).unwrap().beam.particle.is_muon())
        .collect()
}

#[test]
fn side_band_prediction_matches_the_simulated_box_content_for_every_preset() {
    // The upstream source is electroproduction in the beam-line material (virtual-photon flux ×
    // σ_γA × escape probability exp(−κν)): its E_ECAL spectrum is not the fitted exponential
    // (the flux ∝ 1/ν makes ln(dN/dE) convex), so this closure is not circular.
    for name in event_level_presets() {
        let s = common::sim::simulate(name, &[], 11);
        let a = unblinded(&s);
        let mut side_band_a = 0.0;
        for (i, b) in a.background.iter().enumerate() {
            assert!(
                b.method.starts_with("side-band C fit"),
                "{name} {}: {}",
                b.run,
                b.method
            );
            let boxed = a.box_contents.as_ref().unwrap()[i].data;
            // Side-band part against the processes it describes (beam-line interactions and
            // ordinary showers), then the total against the whole box. The error of the
            // prediction is the one the analysis would quote for data of this exposure (Poisson
            // error of side band C) ⊕ the fit-variant systematic ⊕ the Monte Carlo errors of the
            // prediction and of the truth: the side band must predict the box at the precision
            // the experiment has (paper 002 §VIII: 0.043 ± 0.017, 0.041 ± 0.02, 0.01 ± 0.003).
            let up = process(&a, i, "upstream");
            let em = process(&a, i, "em_shower");
            let truth_sb = up.sum_w + em.sum_w;
            let err_sb = b
                .side_band_error
                .hypot(b.stat_error_data)
                .hypot((up.sum_w2 + em.sum_w2).sqrt());
            let pull_sb = (b.side_band_predicted - truth_sb) / err_sb;
            // For the record: the same difference at Monte Carlo precision only (fit error ⊕
            // variants ⊕ truth), i.e. the extrapolation bias of the straight-line fit to the
            // convex electroproduction spectrum; bounded below, not by 2σ.
            let pull_mc = (b.side_band_predicted - truth_sb)
                / b.side_band_error.hypot((up.sum_w2 + em.sum_w2).sqrt());
            let pull =
                (b.predicted - boxed.sum_w) / b.error.hypot(b.stat_error_data).hypot(boxed.error());
            let variants: Vec<String> = b
                .variants
                .iter()
                .map(|f| format!("{} {:.4}", f.variant, f.predicted))
                .collect();
            let (slope, slope_err) = b.slope_per_gev.unwrap();
            println!(
                "{name} run {}: slope {slope:.3} ± {slope_err:.3}/GeV (configured {:?}); side band {:.4} ± {:.4} (data-equivalent ± {:.4}) vs true {:.4} ± {:.4}, ratio {:.3} (pull {pull_sb:+.2}, MC-precision pull {pull_mc:+.2}); total {:.4} vs true {:.4} (pull {pull:+.2}); preset {:.4} ± {:.4}; side band A {:.2e} ± {:.1e}\n    variants: {}",
                b.run,
                s.cfg.runs[i].background_slope_per_gev,
                b.side_band_predicted,
                b.side_band_error,
                b.stat_error_data,
                truth_sb,
                (up.sum_w2 + em.sum_w2).sqrt(),
                b.side_band_predicted / truth_sb,
                b.predicted,
                boxed.sum_w,
                s.cfg.runs[i].background,
                s.cfg.runs[i].background_uncertainty,
                b.side_band_a.predicted_config,
                b.side_band_a.error_config,
                variants.join("; ")
            );
            assert!(
                pull_sb.abs() < 2.0,
                "{name} {}: side-band pull {pull_sb}",
                b.run
            );
            assert!(pull.abs() < 2.0, "{name} {}: total pull {pull}", b.run);
            // The extrapolation bias itself, at Monte Carlo precision, stays below the smallest
            // relative uncertainty paper 002 §VIII quotes for a side-band estimate (0.003/0.01).
            let mc = (up.sum_w2 + em.sum_w2).sqrt().hypot(b.stat_error) / truth_sb;
            assert!(
                (b.side_band_predicted / truth_sb - 1.0).abs() < 0.3 + 2.0 * mc,
                "{name} {}: side band {} vs true {truth_sb}",
                b.run,
                b.side_band_predicted
            );
            // The prediction for the full exposure is the published one within its error
            // (the detector rates were tuned to paper 002 Table IV / 000 Table I / 003 Table I).
            let cfg_run = &s.cfg.runs[i];
            let tol = b.error_config.hypot(cfg_run.background_uncertainty);
            assert!(
                (b.predicted_config - cfg_run.background).abs() < 2.0 * tol,
                "{name} {}: {} ± {} vs published {} ± {}",
                b.run,
                b.predicted_config,
                b.error_config,
                cfg_run.background,
                cfg_run.background_uncertainty
            );
            // The slope is an output of the electroproduction physics, not an input: within a
            // factor 2 of the configured side-band slope (paper 002 §VIII: 0.315, 0.396,
            // 0.49/GeV for 2016 runs I–III; 0.4 where no fit is published).
            if let Some(p2) = cfg_run.background_slope_per_gev {
                assert!(
                    (0.5 * p2..2.0 * p2).contains(&slope),
                    "{name} {}: slope {slope} vs {p2}",
                    b.run
                );
            }
            side_band_a += b.side_band_a.predicted_config + 2.0 * b.side_band_a.error_config;
        }
        // Side band A (E_ECAL < cut, E_HCAL ≥ 1 GeV): paper 002 §VIII, "≲ 0.001 events in total
        // are expected in the signal box from the side band A for all runs" (2016).
        if name == "na64-2016" {
            assert!(side_band_a < 0.001, "{name}: side band A {side_band_a}");
        }
    }
}

#[test]
fn side_band_prediction_matches_a_known_exponential() {
    // Synthetic upstream spectra with the slopes of paper 002 §VIII (0.315, 0.396, 0.49 /GeV,
    // 0.4 elsewhere) and the presets' box contents, 1e10 EOT per run: the fit must return the
    // generated slope and the analytic box integral.
    for name in event_level_presets() {
        let cfg = presets::load(name).unwrap();
        let specs = common::specs(&cfg, 1e10);
        let events = common::sample(&specs, 7);
        let eot = vec![1e10; cfg.runs.len()];
        let opts = Options {
            unblind: true,
            ..Options::default()
        };
        let a = analyze(&events, &cfg, eot, &opts).unwrap();
        for (i, sp) in specs.iter().enumerate() {
            let b = &a.background[i];
            let up = process(&a, i, "upstream");
            let analytic = common::upstream_integral(sp, 0.0, sp.cut);
            assert!(
                (up.sum_w - analytic).abs() < 3.0 * up.error(),
                "{name} run {i}: {up:?} vs {analytic}"
            );
            let pull = (b.predicted - up.sum_w) / b.error.hypot(up.error());
            assert!(
                pull.abs() < 2.0,
                "{name} run {i}: predicted {} ± {}, true {} ± {}",
                b.predicted,
                b.error,
                up.sum_w,
                up.error()
            );
            let (p2, e2) = b.slope_per_gev.unwrap();
            assert!(
                (p2 - sp.slope).abs() < 3.0 * e2 + 1e-3,
                "{name} run {i}: slope {p2} ± {e2} vs {}",
                sp.slope
            );
        }
    }
}
