//! Model building and validation: clear typed errors, never a panic.

use aprime_stats::{Constraint, Model, Nuisance, StatsError};

#[test]
fn validation_errors() {
    assert_eq!(
        Model::builder().build().unwrap_err(),
        StatsError::NoChannels
    );
    assert!(matches!(
        Model::builder().channel("a", 0, f64::NAN, 0.1).build(),
        Err(StatsError::BadChannelValue { what: "signal", .. })
    ));
    assert!(matches!(
        Model::builder().channel("a", 0, 1.0, -1.0).build(),
        Err(StatsError::BadChannelValue {
            what: "background",
            ..
        })
    ));
    assert_eq!(
        Model::builder()
            .channel("a", 0, 0.0, 1.0)
            .build()
            .unwrap_err(),
        StatsError::NoSignal
    );
    let bad_index = Model::builder()
        .channel("a", 0, 1.0, 1.0)
        .nuisance(Nuisance::log_normal("x").on_signal(3, 0.1))
        .build();
    assert!(matches!(
        bad_index,
        Err(StatsError::BadChannelIndex { channel: 3, .. })
    ));
    let negative = Model::builder()
        .channel("a", 0, 1.0, 1.0)
        .nuisance(Nuisance::gaussian("x").on_background(0, -0.1))
        .build();
    assert!(matches!(negative, Err(StatsError::BadUncertainty { .. })));
    let twice = Model::builder()
        .channel("a", 0, 1.0, 1.0)
        .nuisance(
            Nuisance::log_normal("x")
                .on_signal(0, 0.1)
                .on_signal(0, 0.2),
        )
        .build();
    assert!(matches!(twice, Err(StatsError::DuplicateEffect { .. })));
    let lengths = Model::builder()
        .channel("a", 0, 1.0, 1.0)
        .background_uncertainties(&[0.1, 0.2], Constraint::LogNormal);
    assert!(matches!(
        lengths,
        Err(StatsError::LengthMismatch {
            expected: 1,
            got: 2,
            ..
        })
    ));
    // Messages name the channel and value.
    let msg = Model::builder()
        .channel("run II", 0, 1.0, -2.0)
        .build()
        .unwrap_err()
        .to_string();
    assert!(msg.contains("run II") && msg.contains("-2"), "{msg}");
}

#[test]
fn zero_uncertainties_add_no_nuisance() {
    // σ = 0 means no systematics: the model stays eligible for the exact calculator.
    let m = Model::builder()
        .channel("a", 0, 1.0, 0.5)
        .background_uncertainties(&[0.0], Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("xs", 0.0, Constraint::LogNormal)
        .build()
        .unwrap();
    assert!(!m.has_systematics());
    let m = Model::builder()
        .channel("a", 0, 1.0, 0.5)
        .channel("b", 2, 3.0, 1.5)
        .background_uncertainties(&[0.1, 0.0], Constraint::Gaussian)
        .unwrap()
        .shared_signal_uncertainty("xs", 0.1, Constraint::LogNormal)
        .build()
        .unwrap();
    assert_eq!(m.nuisances().len(), 2);
    assert_eq!(m.total_signal(), 4.0);
    assert_eq!(m.total_observed(), 2);
    // Effective count: (Σs)²/Σ(s²/max(b, n)) = 16/(1/0.5 + 9/2) = 2.4615.
    assert!((m.effective_count() - 16.0 / 6.5).abs() < 1e-12);
}
