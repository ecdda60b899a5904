//! The summary of boson yields from the shower Monte Carlo (the model is the run's,
//! `DarkConfig::model`; yields are per EOT per unit lepton coupling ε_e² for every model).

use aprime_physics::model::{CouplingParameter, Lepton, Mediator};
use aprime_report::ModelLabels;
use aprime_shower::{DarkYield, ShowerResult};
use serde_json::{Value, json};

use crate::coupling::cross_section_scale;
use crate::output::{OutputFormat, Table, print_json};

/// The model of a result (the dark photon for showers without a dark sector).
fn model_of(r: &ShowerResult) -> Mediator {
    r.config.dark.as_ref().map(|d| d.model).unwrap_or_default()
}

/// Yield per EOT per g² of a Z' model: the yield per ε_e² times sigma_scale(e, m).
fn per_g2(model: Mediator, d: &DarkYield) -> anyhow::Result<Option<f64>> {
    if model.parameter() != CouplingParameter::GaugeCoupling {
        return Ok(None);
    }
    let s = cross_section_scale(model, Lepton::Electron, d.mass_gev, 1.0)?;
    Ok(Some(d.yield_per_eot_per_eps2 * s))
}

fn row(r: &ShowerResult, model: Mediator, d: &DarkYield) -> anyhow::Result<Value> {
    let mut v = json!({
        "model": model.name(),
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
    });
    if let Some(g2) = per_g2(model, d)? {
        v["yield_per_eot_per_g2"] = json!(g2);
    }
    Ok(v)
}

/// Print yields (`aprime yield`, and `aprime merge` of its shards): one JSON object for one
/// mass, an array for a list.
pub fn print_yields(r: &ShowerResult, format: OutputFormat) -> anyhow::Result<()> {
    let model = model_of(r);
    if format == OutputFormat::Json {
        let mut rows: Vec<Value> = r
            .dark
            .iter()
            .map(|d| row(r, model, d))
            .collect::<anyhow::Result<_>>()?;
        if rows.len() == 1 {
            print_json(&rows.remove(0))?;
        } else {
            print_json(&Value::Array(rows))?;
        }
        return Ok(());
    }
    let labels = ModelLabels::of(model);
    let b = labels.boson;
    let z_prime = model.parameter() == CouplingParameter::GaugeCoupling;
    // The dark photon keeps its historical "ε²"; the other models name the electron coupling.
    let per = if labels.is_dark_photon() {
        "ε²"
    } else {
        "ε_e²"
    };
    let mass = labels.mass_axis();
    let yield_label = format!("N_{b}/EOT/{per}");
    let g2_label = format!("N_{b}/EOT/g²");
    let brem = format!("bremsstrahlung [/EOT/{per}]");
    let ann = format!("annihilation [/EOT/{per}]");
    let primary = format!("brem (primary e⁻) [/EOT/{per}]");
    let mut columns: Vec<(&str, &str)> = vec![
        ("mass_gev", &mass),
        ("yield_per_eot_per_eps2", &yield_label),
        ("stat_error", "δN (stat)"),
    ];
    if z_prime {
        columns.push(("yield_per_eot_per_g2", &g2_label));
    }
    columns.extend([
        ("brem", brem.as_str()),
        ("annihilation", &ann),
        ("brem_primary", &primary),
        ("method", "method"),
    ]);
    let mut t = Table::new(&columns);
    for d in &r.dark {
        let mut cells = vec![
            d.mass_gev.into(),
            d.yield_per_eot_per_eps2.into(),
            d.stat_error.into(),
        ];
        if let Some(g2) = per_g2(model, d)? {
            cells.push(g2.into());
        }
        cells.extend([
            d.brem.value.into(),
            d.annihilation.value.into(),
            d.brem_primary.into(),
            d.method.as_str().into(),
        ]);
        t.push(cells);
    }
    t.print(format)?;
    if format == OutputFormat::Table {
        let coupling = match model.parameter() {
            CouplingParameter::Epsilon if labels.is_dark_photon() => String::new(),
            CouplingParameter::Epsilon => format!(", model {model} (g_e = ε·e)"),
            CouplingParameter::GaugeCoupling => format!(
                ", model {model}: per ε_e² = (g_e/e)² and per g² (g_e from the model, docs/models.md)"
            ),
        };
        println!(
            "{} EOT of {} GeV e⁻ on {}, E_{b} > {} GeV, seed {}{coupling}",
            r.events,
            r.config.beam_energy_gev,
            r.config.target.name,
            r.dark.first().map_or(0.0, |d| d.e_min_gev),
            r.config.seed
        );
    }
    Ok(())
}
