//! The backgrounds the presets configure against the published totals: the per-run `background`
//! of the limits (paper 002 Table IV, paper 000 Table I, paper 003 Table I) and the box targets
//! of the `na64-2016` detector model (Table IV).

use aprime_experiment::presets;

use super::error::ValidationError;
use super::row::{Row, Tolerance};

/// (preset, runs summed (`None`: all), published total, its σ, source).
const TOTALS: [(&str, Option<&str>, f64, f64, &str); 3] = [
    ("na64-2016", None, 0.12, 0.04, "paper 002 Table IV"),
    ("na64-2016-2018", None, 0.53, 0.17, "paper 000 Table I"),
    (
        "na64-2016-2022",
        Some("IV+V (2021-2022)"),
        0.51,
        0.13,
        "paper 003 Table I (runs IV+V)",
    ),
];

/// A configured total agrees with the published one to its quoted digits: 10%.
const TOLERANCE: f64 = 0.10;

/// Configured totals against the published ones.
pub fn rows() -> Result<Vec<Row>, ValidationError> {
    let mut rows = Vec::new();
    for (preset, run, total, sigma, source) in TOTALS {
        let cfg = presets::load(preset)?;
        let sum: f64 = cfg
            .runs
            .iter()
            .filter(|r| run.is_none_or(|n| r.name == n))
            .map(|r| r.background)
            .sum();
        let which = run.map_or_else(|| "all runs".to_string(), |r| format!("run {r}"));
        rows.push(Row::new(
            "backgrounds",
            format!("configured background of the limits, {preset}, {which} [events]"),
            source,
            (total, Some(sigma)),
            (sum, None),
            Tolerance::Relative(TOLERANCE),
            "sum of [[runs]].background of the preset (the limits' input)",
        ));
        if preset == "na64-2016" {
            let targets: f64 = cfg
                .detector
                .runs
                .iter()
                .map(|r| r.box_targets.total())
                .sum();
            rows.push(Row::new(
                "backgrounds",
                format!("configured detector box targets, {preset}, all runs [events]"),
                source,
                (total, Some(sigma)),
                (targets, None),
                Tolerance::Relative(TOLERANCE),
                "sum of [[detector.runs]].box_targets (what the simulated sources are tuned to)",
            ));
        }
    }
    Ok(rows)
}
