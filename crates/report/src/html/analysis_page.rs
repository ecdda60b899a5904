//! `report.html` of `aprime analyze`: the limits (if computed), the runs with their side-band
//! backgrounds, efficiencies and (unblind only) box contents, the plots, the likelihood, the
//! configuration, the input, the provenance and the files. Blind pages show nothing that
//! depends on the signal box: its events were never counted.

use std::path::Path;

use aprime_analysis::Analysis;
use aprime_experiment::ExperimentConfig;
use aprime_limits::from_analysis::LimitRow;
use serde_json::Value;

use super::document::{Page, definitions, escape};
use super::limits_page::EXCLUSION_PLOT_ID;
use super::sections::{self, code};
use super::svg::figure;
use super::table::{Cell, DIMENSIONLESS, HtmlTable, number};
use crate::error::ReportError;
use crate::likelihood::Likelihood;
use crate::provenance::Provenance;

fn runs_table(a: &Analysis) -> String {
    let mut t = HtmlTable::new(
        "Runs: side-band background (file and configured exposure) and signal box",
        &[
            ("run", ""),
            ("EOT of the file", "EOT"),
            ("EOT configured", "EOT"),
            ("signal efficiency (over the masses)", DIMENSIONLESS),
            ("E_ECAL cut", "GeV"),
            ("background ± uncertainty, file EOT", "events"),
            ("background ± uncertainty, configured EOT", "events"),
            ("observed in the box", "events"),
            ("dimuon yield", "1/EOT"),
        ],
    );
    for (i, b) in a.background.iter().enumerate() {
        let effs: Vec<f64> = a
            .efficiencies
            .iter()
            .filter(|e| e.run_index == i)
            .map(|e| e.total)
            .collect();
        let lo = effs.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = effs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let eff = if effs.is_empty() {
            "configured".to_string()
        } else if hi - lo <= 5e-4 * hi {
            number(lo, 3)
        } else {
            format!("{} – {}", number(lo, 3), number(hi, 3))
        };
        let observed = a
            .box_contents
            .as_ref()
            .and_then(|bx| bx.get(i))
            .map_or_else(|| "blinded".to_string(), |bx| bx.observed.to_string());
        t.push(vec![
            b.run.as_str().into(),
            Cell::NumText(number(b.file_eot, 3)),
            Cell::NumText(number(b.config_eot, 3)),
            Cell::NumText(eff),
            Cell::NumText(number(b.ecal_cut_gev, 4)),
            Cell::NumText(format!(
                "{} ± {}",
                number(b.predicted, 3),
                number(b.error, 2)
            )),
            Cell::NumText(format!(
                "{} ± {}",
                number(b.predicted_config, 3),
                number(b.error_config, 2)
            )),
            Cell::NumText(observed),
            a.dimuon
                .runs
                .get(i)
                .map_or(f64::NAN, |d| d.yield_per_eot)
                .into(),
        ]);
    }
    t.render()
}

fn limits_table(rows: &[LimitRow], cl: f64) -> String {
    let mut t = HtmlTable::new(
        &format!(
            "{}% C.L. upper limits on ε: expected for the configured EOT, observed for the file's \
             exposure (limits.csv)",
            (cl * 100.0).round()
        ),
        &[
            ("m_A'", "GeV"),
            ("ε expected median", DIMENSIONLESS),
            ("expected −1σ", DIMENSIONLESS),
            ("expected +1σ", DIMENSIONLESS),
            ("expected −2σ", DIMENSIONLESS),
            ("expected +2σ", DIMENSIONLESS),
            ("ε observed", DIMENSIONLESS),
            ("signal per ε² (Σ runs)", "events"),
            ("background (Σ runs)", "events"),
            ("calculator", ""),
        ],
    );
    for l in rows {
        let e = &l.expected.expected;
        t.push(vec![
            l.mass_gev.into(),
            e.median.into(),
            e.m1.into(),
            e.p1.into(),
            e.m2.into(),
            e.p2.into(),
            l.observed
                .as_ref()
                .map_or(Cell::NumText("blinded".into()), |o| o.observed.into()),
            l.signal_per_eps2.iter().sum::<f64>().into(),
            l.background.iter().sum::<f64>().into(),
            l.expected.calculator.as_str().into(),
        ]);
    }
    t.render()
}

fn input(header: &Value) -> String {
    let text = |k: &str| {
        header[k]
            .as_str()
            .map_or_else(|| header[k].to_string(), String::from)
    };
    let mut items = vec![
        ("event file", code(&text("input"))),
        ("configuration", escape(&text("configuration"))),
    ];
    let meta = &header["input_metadata"];
    if meta.is_object() {
        let field = |k: &str| {
            meta[k]
                .as_str()
                .map_or_else(|| meta[k].to_string(), String::from)
        };
        items.push((
            "file metadata",
            format!(
                "preset {}, {} EOT equivalent, seed {}, signal masses {} GeV, written by {}",
                escape(&field("preset")),
                number(meta["eot_equivalent"].as_f64().unwrap_or(f64::NAN), 3),
                escape(&field("seed")),
                escape(&field("masses_gev")),
                escape(&field("version"))
            ),
        ));
    }
    if header["injected"].is_object() {
        items.push(("injected signal", escape(&header["injected"].to_string())));
    }
    definitions(&items)
}

/// What a plot file of the analysis shows: (alt text, caption).
fn plot_text(stem: &str) -> (String, String) {
    match stem {
        "plane_selected" => (
            "Events in the (E_ECAL, E_HCAL) plane in GeV after all selection cuts, with the signal box".into(),
            "(E_ECAL, E_HCAL) after all cuts (paper 002 Fig. 11).".into(),
        ),
        "plane_electron_id" => (
            "Events in the (E_ECAL, E_HCAL) plane in GeV after electron identification only".into(),
            "(E_ECAL, E_HCAL) after electron identification.".into(),
        ),
        "signal_ecal" => (
            "Signal energy in the ECAL in GeV for each simulated A' mass, normalised per GeV".into(),
            "Signal E_ECAL spectra (paper 002 Fig. 6).".into(),
        ),
        "limits" => (
            "Exclusion plot: upper limit on ε against m_A' in GeV, expected median with ±1σ and ±2σ bands (and the observed limit when unblind)".into(),
            "Upper limits on ε from this analysis (plots/limits.svg, .png).".into(),
        ),
        s if s.starts_with("sideband_") => (
            format!("Side band C of {s}: events per GeV against E_ECAL in GeV with the exponential fit and its extrapolation into the box"),
            "Side-band C fit and its extrapolation into the signal box (paper 002 §VIII).".into(),
        ),
        s => (format!("plot {s}"), format!("plots/{s}.svg")),
    }
}

/// The page. `dir` is the staging directory, `files` the output files so far, `header` the
/// analysis header of `summary.json` (input file and its metadata).
pub(crate) fn analysis_page(
    cfg: &ExperimentConfig,
    a: &Analysis,
    limits: Option<&[LimitRow]>,
    header: &Value,
    provenance: &Provenance,
    likelihood: Option<&Likelihood>,
    dir: &Path,
    files: &[String],
) -> Result<String, ReportError> {
    let state = if a.blind {
        "signal box blinded"
    } else {
        "signal box OPEN"
    };
    let mut page = Page::new(
        &format!("{}: {}", provenance.command, a.experiment),
        &format!("{} — missing-energy analysis, {state}", cfg.description),
    );
    let svgs: Vec<&str> = files
        .iter()
        .filter_map(|f| f.strip_prefix("plots/")?.strip_suffix(".svg"))
        .collect();
    let plot = |stem: &str, class: &str| {
        let (alt, caption) = plot_text(stem);
        let id = if stem == "limits" {
            EXCLUSION_PLOT_ID.to_string()
        } else {
            format!("{}-plot", stem.replace('_', "-"))
        };
        figure(
            &dir.join("plots").join(format!("{stem}.svg")),
            &id,
            &alt,
            &caption,
            class,
        )
    };
    match limits {
        Some(rows) => {
            let mut s = String::new();
            if svgs.contains(&"limits") {
                s += &plot("limits", "main")?;
            }
            s += &limits_table(rows, cfg.statistics.cl);
            page.section("limits", "Limits", s);
        }
        None => page.section(
            "limits",
            "Limits",
            "<p class=\"note\">Not computed (--no-limits).</p>\n".into(),
        ),
    }
    page.section("runs", "Runs", runs_table(a));
    let mut plots = String::new();
    for stem in svgs.iter().filter(|s| **s != "limits") {
        plots += &plot(stem, "")?;
    }
    page.section(
        "plots",
        "Plots",
        format!("<div class=\"plots\">{plots}</div>\n"),
    );
    page.section(
        "likelihood",
        "Likelihood (pyhf)",
        sections::likelihood(
            likelihood,
            None,
            if limits.is_some() {
                "no mass has expected signal"
            } else {
                "no limits computed (--no-limits)"
            },
        ),
    );
    page.section("input", "Input", input(header));
    sections::close(&mut page, cfg, provenance, dir, files);
    Ok(page.render())
}
