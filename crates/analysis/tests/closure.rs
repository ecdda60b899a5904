//! Closure of the side-band background estimate (paper 002 §VIII, Fig. 13): the background
//! predicted in the signal box from the exponential fit to side band C must agree with the true
//! box content within its uncertainty, for every preset's runs.

mod common;

use aprime_analysis::{Options, SelectionConfig, analyze};
use aprime_limits::presets;

#[test]
fn side_band_prediction_matches_the_true_box_content_on_a_known_exponential() {
    // Synthetic upstream spectra with the slopes of paper 002 §VIII (0.315, 0.396, 0.49 /GeV,
    // 0.4 elsewhere) and the box contents of the presets' side-band estimates, 1e10 EOT per run.
    for name in presets::names() {
        let cfg = presets::load(name).unwrap();
        let sel = SelectionConfig::from_experiment(&cfg, name).unwrap();
        let specs = common::specs(&cfg, 1e10);
        let events = common::sample(&specs, 7);
        let eot = vec![1e10; cfg.runs.len()];
        let a = analyze(
            &events,
            &cfg,
            &sel,
            eot,
            &Options {
                unblind: true,
                ..Options::default()
            },
        )
        .unwrap();
        let boxes = a.box_contents.as_ref().unwrap();
        for (i, s) in specs.iter().enumerate() {
            let b = &a.background[i];
            assert_eq!(b.method, "side-band C fit", "{name} run {i}");
            let up = boxes[i]
                .by_process
                .iter()
                .find(|(p, _)| p == "upstream")
                .map(|(_, t)| *t)
                .unwrap();
            let analytic = common::upstream_integral(s, 0.0, s.cut);
            // The Monte Carlo box content itself agrees with the analytic truth (sanity).
            assert!(
                (up.sum_w - analytic).abs() < 3.0 * up.error(),
                "{name} run {i}: {up:?} vs {analytic}"
            );
            // Closure within 2σ of (prediction ⊕ Monte Carlo error of the truth).
            let sigma = b.error.hypot(up.error());
            let pull = (b.predicted - up.sum_w) / sigma;
            assert!(
                pull.abs() < 2.0,
                "{name} run {i}: predicted {} ± {} (stat {}, syst {}), true {} ± {}",
                b.predicted,
                b.error,
                b.stat_error,
                b.syst_error,
                up.sum_w,
                up.error()
            );
            // The fitted slope is the generated one within 3σ.
            let (p2, e2) = b.slope_per_gev.unwrap();
            assert!(
                (p2 - s.slope).abs() < 3.0 * e2 + 1e-3,
                "{name} run {i}: slope {p2} ± {e2} vs {}",
                s.slope
            );
            println!(
                "{name} run {i}: predicted {:.4e} ± {:.2e} (stat {:.2e}, data-equivalent {:.2e}, syst {:.2e}), true {:.4e} ± {:.2e}, slope {p2:.4} ± {e2:.4}",
                b.predicted,
                b.error,
                b.stat_error,
                b.stat_error_data,
                b.syst_error,
                up.sum_w,
                up.error()
            );
        }
    }
}
