//! The summary of A' yields from the shower Monte Carlo.

use aprime_shower::{DarkYield, ShowerResult};
use serde_json::{Value, json};

use crate::output::{OutputFormat, Table, print_json};

fn row(r: &ShowerResult, d: &DarkYield) -> Value {
    json!({
        "mass_gev": d.mass_gev,
        "yield_per_eot_per_eps2": d.yield_per_eot_per_eps2,
        "stat_error": d.stat_error,
        "relative_error": if d.yield_per_eot_per_eps2 > 0.0 { d.stat_error / d.yield_per_eot_per_eps2 } else { 0.0 },
        "brem": d.brem.value,
        "brem_error": d.brem.error,
        "annihilation": d.annihilation.value,
        "annihilation_error": d.annihilation.error,
        "brem_primary": d.brem_primary,
        "method": d.method,
        "emiss_min_gev": d.e_min_gev,
        "target": r.config.target.name,
        "energy_gev": r.config.beam_energy_gev,
        "events": r.events,
        "seed": r.config.seed,
        "signal_events": d.signal_events,
    })
}

/// Print yields (`aprime yield`, and `aprime merge` of its shards): one JSON object for one
/// mass, an array for a list.
pub fn print_yields(r: &ShowerResult, format: OutputFormat) -> anyhow::Result<()> {
    if format == OutputFormat::Json {
        let rows: Vec<Value> = r.dark.iter().map(|d| row(r, d)).collect();
        if rows.len() == 1 {
            print_json(&rows[0])?;
        } else {
            print_json(&Value::Array(rows))?;
        }
        return Ok(());
    }
    let mut t = Table::new(&[
        ("mass_gev", "m_A' [GeV]"),
        ("yield_per_eot_per_eps2", "N_A'/EOT/ε²"),
        ("stat_error", "δN (stat)"),
        ("brem", "bremsstrahlung"),
        ("annihilation", "annihilation"),
        ("brem_primary", "brem (primary e⁻)"),
        ("method", "method"),
    ]);
    for d in &r.dark {
        t.push(vec![
            d.mass_gev.into(),
            d.yield_per_eot_per_eps2.into(),
            d.stat_error.into(),
            d.brem.value.into(),
            d.annihilation.value.into(),
            d.brem_primary.into(),
            d.method.as_str().into(),
        ]);
    }
    t.print(format)?;
    if format == OutputFormat::Table {
        println!(
            "{} EOT of {} GeV e⁻ on {}, E_A' > {} GeV, seed {}",
            r.events,
            r.config.beam_energy_gev,
            r.config.target.name,
            r.dark.first().map_or(0.0, |d| d.e_min_gev),
            r.config.seed
        );
    }
    Ok(())
}
