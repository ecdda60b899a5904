//! The one registry of embedded experiment presets (`crates/experiment/presets/*.toml`, read at
//! compile time): each file holds the whole description of a data set — runs, signal box,
//! systematics, and the `[detector]` runs and `[analysis]` selection of the event-level stages.

use crate::config::ExperimentConfig;
use crate::error::ConfigError;

/// (name, TOML text) of every embedded preset.
pub const PRESETS: &[(&str, &str)] = &[
    ("na64-2016", include_str!("../presets/na64-2016.toml")),
    (
        "na64-2016-2018",
        include_str!("../presets/na64-2016-2018.toml"),
    ),
    (
        "na64-2016-2022",
        include_str!("../presets/na64-2016-2022.toml"),
    ),
    (
        "na64-lmu-ltau-2016-2018",
        include_str!("../presets/na64-lmu-ltau-2016-2018.toml"),
    ),
    (
        "na64-b-l-2016-2021",
        include_str!("../presets/na64-b-l-2016-2021.toml"),
    ),
    ("na64mu-2022", include_str!("../presets/na64mu-2022.toml")),
    (
        "na64eplus-2022",
        include_str!("../presets/na64eplus-2022.toml"),
    ),
];

/// The default preset of `aprime run`.
pub const DEFAULT_PRESET: &str = "na64-2016-2018";

/// Names of the embedded presets.
pub fn names() -> Vec<&'static str> {
    PRESETS.iter().map(|(n, _)| *n).collect()
}

/// The TOML text of a preset.
pub fn text(name: &str) -> Result<&'static str, ConfigError> {
    PRESETS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
        .map(|(_, t)| *t)
        .ok_or_else(|| ConfigError::UnknownPreset {
            name: name.to_string(),
            known: names().join(", "),
        })
}

/// Parse and validate a preset.
pub fn load(name: &str) -> Result<ExperimentConfig, ConfigError> {
    ExperimentConfig::from_toml(text(name)?, &format!("preset {name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_validates() {
        for n in names() {
            let c = load(n).unwrap_or_else(|e| panic!("{n}: {e}"));
            assert_eq!(c.name, n);
        }
    }

    #[test]
    fn presets_carry_the_published_exposures() {
        // Paper 002: 4.3e10 EOT; paper 000: 2.84e11; paper 003: 9.37e11 (2.83e11 + 6.54e11, we
        // keep paper 000's 2.84e11 for runs I–III, see the preset header); L_μ−L_τ
        // (arXiv:2206.03101): 2.84e11; B−L (arXiv:2207.09979, models.md §2): 3.22e11.
        for (n, eot) in [
            ("na64-2016", 4.3e10),
            ("na64-2016-2018", 2.84e11),
            ("na64-2016-2022", 9.38e11),
            ("na64-lmu-ltau-2016-2018", 2.84e11),
            ("na64-b-l-2016-2021", 3.22e11),
            // NA64μ, PRL 132 211803 (arXiv:2401.01708): (1.98 ± 0.02)e10 MOT.
            ("na64mu-2022", 1.98e10),
            // NA64e+ (PRD 109 L031103): (10.1 ± 0.1)e9 positrons on target.
            ("na64eplus-2022", 1.01e10),
        ] {
            let total: f64 = load(n).unwrap().runs.iter().map(|r| r.eot).sum();
            assert!((total / eot - 1.0).abs() < 1e-9, "{n}: {total}");
        }
        // Paper 000 Table I: total background 0.53 ± 0.17.
        let b: f64 = load("na64-2016-2018")
            .unwrap()
            .runs
            .iter()
            .map(|r| r.background)
            .sum();
        assert!((b - 0.53).abs() < 0.001);
        assert!(load("na64-2042").is_err());
    }

    #[test]
    fn z_prime_presets_reuse_the_2016_2018_runs_with_their_model() {
        use aprime_physics::model::Mediator;
        // arXiv:2206.03101 analyses the runs of paper 000: the L_μ−L_τ preset must carry exactly
        // the na64-2016-2018 runs, systematics and signal box; the B−L preset starts with them.
        let a = load("na64-2016-2018").unwrap();
        let l = load("na64-lmu-ltau-2016-2018").unwrap();
        let b = load("na64-b-l-2016-2021").unwrap();
        assert_eq!(l.runs, a.runs);
        assert_eq!(b.runs[..3], a.runs[..]);
        for c in [&l, &b] {
            assert_eq!(c.signal_box, a.signal_box);
            assert_eq!(c.systematics[0].relative, a.systematics[0].relative);
        }
        assert_eq!(a.production.model, Mediator::Vector);
        assert_eq!(l.production.model, Mediator::LmuLtau);
        assert_eq!(b.production.model, Mediator::BMinusL);
    }
}
