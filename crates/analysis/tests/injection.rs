//! Signal injection: simulated A' events added to the data at a chosen ε are recovered from the
//! opened box, ε̂² = (n_box − b)/S with S the selected signal per ε² (paper 002 eq. 26).

mod common;

use aprime_analysis::{Injection, Options, analyze};

#[test]
fn injected_signal_is_recovered_within_its_statistical_error() {
    let m = 0.02;
    let s = common::sim::simulate("na64-2016", &[m], 41);
    // ε = 1e-3 at 20 MeV gives ≈ 100 signal events in the boxes of the 4.3e10 EOT (yield
    // ≈ 3.5e-3 per EOT per ε², efficiency ≈ 0.6) on a background of ≈ 0.13.
    for eps in [1e-3, 3e-4] {
        let opts = Options {
            unblind: true,
            inject: Some(Injection {
                mass_gev: m,
                weight_scale: eps * eps,
            }),
        };
        let a = analyze(&s.events, &s.cfg, s.run_eot.clone(), &opts).unwrap();
        let est = a.signal_estimates.as_ref().unwrap();
        assert_eq!(est.len(), 1);
        let e = &est[0];
        let pull = (e.eps2 - eps * eps) / e.eps2_error;
        println!(
            "ε = {eps}: box {:.1} events (background {:.3}), ε̂² = {:.4e} ± {:.2e} (injected {:.4e}), pull {pull:+.2}",
            e.observed,
            e.background,
            e.eps2,
            e.eps2_error,
            eps * eps
        );
        // Recovered within 2 standard deviations (Poisson statistics of the box count; the two
        // halves of the signal sample add Monte Carlo noise of the same order).
        assert!(pull.abs() < 2.0, "ε = {eps}: pull {pull}");
        assert!(e.observed > 5.0 * e.background, "ε = {eps}: {e:?}");
    }
    // Nothing injected: ε̂² is compatible with zero.
    let opts = Options {
        unblind: true,
        inject: None,
    };
    let a = analyze(&s.events, &s.cfg, s.run_eot.clone(), &opts).unwrap();
    let e = &a.signal_estimates.as_ref().unwrap()[0];
    assert!(e.eps2.abs() < 2.0 * e.eps2_error, "{e:?}");
}
