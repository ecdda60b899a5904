//! The per-mass limits of an `aprime run` / `aprime limits` report.

use std::path::Path;

use aprime_limits::Report;
use aprime_physics::model::CouplingParameter;

use crate::output::{OutputFormat, Table};

/// Print the per-mass summary and where the outputs went.
pub fn print_report(r: &Report, out: &Path, format: OutputFormat) -> anyhow::Result<()> {
    // The model's parameter: ε (g_ℓ = εe) or the Z' gauge coupling g; the yield is per beam
    // particle per parameter² (limits.csv names its columns alike).
    let gauge = r
        .limits
        .first()
        .is_some_and(|l| l.model.parameter() == CouplingParameter::GaugeCoupling);
    let mut t = if gauge {
        Table::new(&[
            ("mass_gev", "m_X [GeV]"),
            ("yield_per_eot_per_g2", "yield/particle/g²"),
            ("g_observed", "g obs"),
            ("g_expected_median", "g exp"),
            ("g_expected_m1", "−1σ"),
            ("g_expected_p1", "+1σ"),
            ("calculator", "calculator"),
        ])
    } else {
        Table::new(&[
            ("mass_gev", "m_A' [GeV]"),
            ("yield_per_eot_per_eps2", "yield/EOT/ε²"),
            ("eps_observed", "ε obs"),
            ("eps_expected_median", "ε exp"),
            ("eps_expected_m1", "−1σ"),
            ("eps_expected_p1", "+1σ"),
            ("calculator", "calculator"),
        ])
    };
    for l in &r.limits {
        t.push(vec![
            l.mass_gev.into(),
            l.yield_per_eot_per_eps2.into(),
            l.limit.observed.into(),
            l.limit.expected.median.into(),
            l.limit.expected.m1.into(),
            l.limit.expected.p1.into(),
            l.limit.calculator.clone().into(),
        ]);
    }
    t.print(format)?;
    if format == OutputFormat::Table {
        println!(
            "outputs written to {}/ (report.html, limits.csv, yields.json, hepdata/, plots/; \
             manifest.json lists them all)",
            out.display()
        );
    }
    Ok(())
}
