//! The beam particle of a shower run: which lepton starts every event, and its energy — the
//! nominal E0 or, with an energy spread, a Gaussian deviate drawn from the event's own random
//! stream `stream(mix(event key, salt::BEAM_ENERGY))` ([`aprime_core::seed::salt::BEAM_ENERGY`]),
//! so that the energy of event `i` depends only on the seed and `i`: the same for any thread
//! count and shard split, and the same in the scoring pass and the signal replay of that event.

use aprime_core::rng::{mix, normal_pair, stream};
use aprime_core::seed::salt;

use crate::error::{Result, ensure};

/// The Gaussian of an energy spread is truncated at this many standard deviations (deviates
/// beyond are clamped to it; probability 5.7e-7 per event): the track-length spectra then end
/// at a known energy, E0 + 5σ ([`highest_energy`]).
pub const SPREAD_TRUNCATION_SIGMAS: f64 = 5.0;

/// Largest rms spread allowed, as a fraction of E0: a beam line delivers a spread of a few
/// per cent at most, and E0 − 5σ must stay well above zero.
pub const MAX_RELATIVE_SPREAD: f64 = 0.1;

/// Bins per decade of the track-length spectra of a positron-beam run
/// ([`crate::RunConfig::with_beam`]; electron runs keep [`crate::Binning`]'s 100). The beam
/// positron's T₊ is sharply peaked at E0 (≈ X0/((4/3) y ln²y) per unit y = 1 − E/E0, the Bethe–Heitler
/// energy-loss distribution) and the resonance folds it with a Breit–Wigner of half width Γ/m ≈ 3% of
/// E_R (α_D = 0.1): 100 bins per decade (2.3% wide) would smear the peak over the line and
/// misplace the end of the resonance by up to 18%; 2000 (0.12%) agree with 8000 within 1%
/// (crates/limits/tests/positron_resonance.rs).
pub const POSITRON_TL_BINS_PER_DECADE: usize = 2000;

/// Checks the beam of a run: e± (the cascade starts with an electron or a positron) and μ±
/// (transported by [`crate::muon`]) are all beams; a spread must be finite, non-negative and at
/// most [`MAX_RELATIVE_SPREAD`] of E0.
pub(crate) fn check(e0: f64, spread: Option<f64>) -> Result<()> {
    if let Some(s) = spread {
        ensure(
            s.is_finite() && (0.0..=MAX_RELATIVE_SPREAD * e0).contains(&s),
            || {
                format!(
                    "beam energy spread must be in [0, {MAX_RELATIVE_SPREAD} E0 = {} GeV], got {s} GeV",
                    MAX_RELATIVE_SPREAD * e0
                )
            },
        )?;
    }
    Ok(())
}

/// Highest beam energy of a run \[GeV\]: E0, or E0 + 5σ with a spread (the top of the
/// track-length spectra).
pub fn highest_energy(e0: f64, spread: Option<f64>) -> f64 {
    match spread {
        Some(s) if s > 0.0 => e0 + SPREAD_TRUNCATION_SIGMAS * s,
        _ => e0,
    }
}

/// Energy of the beam particle of the event with key `key` \[GeV\]: E0 without a spread (no
/// random number drawn), else E0 + σ g with g a standard normal deviate of the event's beam
/// stream, clamped to ±[`SPREAD_TRUNCATION_SIGMAS`].
pub fn event_energy(e0: f64, spread: Option<f64>, key: u64) -> f64 {
    match spread {
        Some(s) if s > 0.0 => {
            let (g, _) = normal_pair(&mut stream(mix(key, salt::BEAM_ENERGY)));
            e0 + s * g.clamp(-SPREAD_TRUNCATION_SIGMAS, SPREAD_TRUNCATION_SIGMAS)
        }
        _ => e0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_energies_follow_the_gaussian_and_depend_only_on_the_key() {
        // 20000 events of E0 = 100 GeV, σ = 2 GeV: mean within 4 standard errors
        // (σ/√N = 0.014 GeV), rms within 2% (the rms of an rms estimate is σ/√(2N) = 0.5%),
        // and the same energy for the same key whatever else was drawn.
        let n = 20_000;
        let e: Vec<f64> = (0..n)
            .map(|i| event_energy(100.0, Some(2.0), mix(7, i)))
            .collect();
        let mean = e.iter().sum::<f64>() / n as f64;
        let rms = (e.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64).sqrt();
        assert!(
            (mean - 100.0).abs() < 4.0 * 2.0 / (n as f64).sqrt(),
            "{mean}"
        );
        assert!((rms / 2.0 - 1.0).abs() < 0.02, "{rms}");
        assert!(e.iter().all(|x| (90.0..=110.0).contains(x)));
        assert_eq!(event_energy(100.0, Some(2.0), mix(7, 5)), e[5]);
        assert_eq!(event_energy(100.0, None, 3), 100.0);
        assert_eq!(event_energy(100.0, Some(0.0), 3), 100.0);
    }

    #[test]
    fn every_lepton_beam_and_only_sane_spreads_pass() {
        assert!(check(100.0, Some(1.0)).is_ok());
        assert!(check(100.0, None).is_ok());
        assert!(check(160.0, Some(4.0)).is_ok());
        for bad in [-1.0, f64::NAN, 20.0] {
            assert!(check(100.0, Some(bad)).is_err(), "{bad}");
        }
    }
}
