//! Sections both report pages share: provenance, configuration, published likelihood and the
//! list of output files.

use std::fmt::Write as _;
use std::path::Path;

use aprime_experiment::ExperimentConfig;
use serde::Serialize;

use super::document::{definitions, escape};
use super::table::{Cell, HtmlTable, number};
use crate::likelihood::{HEPDATA_RECORD_PLACEHOLDER, LIKELIHOOD_DIR, Likelihood};
use crate::provenance::{GIT_COMMIT, Provenance, VERSION};

/// Section id of the provenance (the only part of a page that differs between two runs on the
/// same inputs: command line, time, durations).
pub const PROVENANCE_ID: &str = "provenance";

/// The serialised (configuration-file) name of an enum value, e.g. `etl`.
pub(crate) fn config_name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".into(),
    }
}

/// `<code>` of escaped text.
pub(crate) fn code(s: &str) -> String {
    format!("<code>{}</code>", escape(s))
}

/// A relative link to an output file.
pub(crate) fn link(rel: &str) -> String {
    format!("<a href=\"{0}\">{0}</a>", escape(rel))
}

/// Provenance: version, commit, command line, start time, seeds and durations.
pub(crate) fn provenance(p: &Provenance) -> String {
    let seeds = if p.seeds.is_empty() {
        "–".to_string()
    } else {
        p.seeds
            .iter()
            .map(|(k, v)| format!("{}: {v}", escape(k)))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut items = vec![
        ("aprime version", escape(VERSION)),
        ("git commit", code(GIT_COMMIT)),
        ("command line", code(&p.command_line_text())),
        ("started (UTC)", escape(&p.started_utc())),
        ("seeds", seeds),
    ];
    let details: Vec<(String, String)> = p
        .details
        .iter()
        .map(|(k, v)| {
            let text = v.as_str().map_or_else(|| v.to_string(), String::from);
            (k.clone(), escape(&text))
        })
        .collect();
    items.extend(details.iter().map(|(k, v)| (k.as_str(), v.clone())));
    let mut s = definitions(&items);
    let mut t = HtmlTable::new("Time per stage", &[("stage", ""), ("wall time", "s")]);
    let mut staged = 0.0;
    for (stage, secs) in &p.timings_s {
        staged += secs;
        t.push(vec![
            stage.as_str().into(),
            Cell::NumText(format!("{secs:.2}")),
        ]);
    }
    let total = p.elapsed_s();
    t.push(vec![
        "writing the outputs (up to this page)".into(),
        Cell::NumText(format!("{:.2}", (total - staged).max(0.0))),
    ]);
    t.push(vec!["total".into(), Cell::NumText(format!("{total:.2}"))]);
    s += &t.render();
    s
}

/// Configuration: the settings that decide the result, the correlated systematics and the
/// whole configuration as TOML (collapsed).
pub(crate) fn configuration(cfg: &ExperimentConfig) -> String {
    let m = cfg.masses.masses();
    let (lo, hi) = (
        m.first().copied().unwrap_or(f64::NAN),
        m.last().copied().unwrap_or(f64::NAN),
    );
    let st = &cfg.statistics;
    let items = vec![
        ("name", code(&cfg.name)),
        ("description", escape(&cfg.description)),
        (
            "beam",
            format!(
                "{}, E0 = {} GeV",
                escape(&config_name(&cfg.beam.particle)),
                cfg.beam.energy_gev
            ),
        ),
        ("target", escape(&cfg.target.preset)),
        (
            "A' production",
            format!(
                "bremsstrahlung {}, resonant annihilation {}",
                escape(&config_name(&cfg.production.bremsstrahlung)),
                if cfg.production.annihilation {
                    "on"
                } else {
                    "off"
                }
            ),
        ),
        (
            "signal box",
            match cfg.signal_box.muon_momentum_max_gev {
                Some(p) if cfg.beam.particle.is_muon() => format!(
                    "one scattered muon with p &lt; {p} GeV (E_miss = E0 − E_μ' &gt; {} GeV), \
                     no activity downstream",
                    cfg.beam.energy_gev - p
                ),
                _ => format!(
                    "E_ECAL &lt; {} GeV, E_HCAL &lt; {} GeV",
                    cfg.signal_box.e_ecal_max_gev, cfg.signal_box.e_hcal_max_gev
                ),
            },
        ),
        (
            "A' masses",
            format!(
                "{} from {} to {} GeV",
                m.len(),
                number(lo, 4),
                number(hi, 4)
            ),
        ),
        (
            "statistics",
            format!(
                "{}% C.L. CLs, calculator {}, {} toys, seed {}",
                (st.cl * 100.0).round(),
                escape(&config_name(&st.calculator)),
                st.toys,
                st.seed
            ),
        ),
        (
            "shower simulation",
            format!(
                "{} showers, seed {}",
                cfg.simulation.events, cfg.simulation.seed
            ),
        ),
    ];
    let mut s = definitions(&items);
    if !cfg.systematics.is_empty() {
        let mut t = HtmlTable::new(
            "Systematic uncertainties correlated across runs",
            &[
                ("name", ""),
                ("relative size", "%"),
                ("scales", ""),
                ("distribution", ""),
            ],
        );
        for sy in &cfg.systematics {
            t.push(vec![
                sy.name.as_str().into(),
                Cell::NumText(number(100.0 * sy.relative, 3)),
                config_name(&sy.scales).into(),
                config_name(&sy.distribution).into(),
            ]);
        }
        s += &t.render();
    }
    if let Ok(text) = toml::to_string(cfg) {
        let _ = write!(
            s,
            "<details><summary>The whole configuration (TOML)</summary>\n<pre>{}</pre>\n</details>\n",
            escape(&text)
        );
    }
    s
}

/// The published likelihood: what `likelihood/` holds and how to use it.
pub(crate) fn likelihood(lk: Option<&Likelihood>, archive: Option<&str>, why_not: &str) -> String {
    let Some(lk) = lk else {
        return format!(
            "<p class=\"note\">No likelihood written: {}.</p>\n",
            escape(why_not)
        );
    };
    let mut s = String::new();
    if lk.blind {
        s += "<p class=\"warning\">Blind analysis: the observed counts in the workspace are \
              placeholders (0). Use this likelihood for expected limits only.</p>\n";
    }
    let files: Vec<String> = lk
        .files
        .iter()
        .map(|(n, _)| link(&format!("{LIKELIHOOD_DIR}/{n}")))
        .chain(archive.map(link))
        .collect();
    let masses = |f: &dyn Fn(&[f64]) -> f64| {
        let m: Vec<f64> = lk.patches.iter().map(|p| p.mass_gev).collect();
        number(f(&m), 4)
    };
    let mut items = vec![
        ("files", files.join(", ")),
        (
            "format",
            "pyhf workspace (HistFactory JSON 1.0.0, background only) and pyhf patchset 1.0.0"
                .to_string(),
        ),
        (
            "channels",
            format!(
                "{} (one per run, one bin each): {}",
                lk.channels.len(),
                escape(&lk.channels.join(", "))
            ),
        ),
        (
            "parameter of interest",
            format!(
                "{} = total expected signal events over all runs, range [0, {}]; \
                 ε² = {} · eps2_per_mu (patch metadata)",
                code("mu"),
                lk.poi_upper,
                code("mu")
            ),
        ),
        (
            "nuisance parameters",
            format!(
                "{}: {}",
                lk.nuisances.len(),
                lk.nuisances
                    .iter()
                    .map(|n| code(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ),
        (
            "patches",
            format!(
                "{}, one per A' mass from {} to {} GeV (label {})",
                lk.patches.len(),
                masses(&|m| m.iter().copied().fold(f64::INFINITY, f64::min)),
                masses(&|m| m.iter().copied().fold(f64::NEG_INFINITY, f64::max)),
                code("mass_gev")
            ),
        ),
        ("workspace digest (sha256)", code(&lk.sha256)),
        (
            "HEPData reference",
            format!(
                "{} (placeholder for “no record”; replace before upload)",
                code(HEPDATA_RECORD_PLACEHOLDER)
            ),
        ),
    ];
    if !lk.masses_without_signal.is_empty() {
        items.push((
            "masses without a patch",
            format!(
                "{} (no expected signal)",
                lk.masses_without_signal
                    .iter()
                    .map(|m| format!("{} GeV", number(*m, 4)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    s += &definitions(&items);
    let first = lk.patches.first().map_or("", |p| p.name.as_str());
    let _ = write!(
        s,
        "<pre>cd {LIKELIHOOD_DIR}\npyhf inspect workspace.json\npyhf patchset verify workspace.json patchset.json\n\
         pyhf patchset apply workspace.json patchset.json --name {} --output-file m.json\npyhf cls m.json</pre>\n\
         <p class=\"note\">More in {} (exact interpolation codes, 90% C.L. limits with pyhf); the \
         mapping of our nuisances to pyhf modifiers is documented in docs/likelihood.md.</p>\n",
        escape(first),
        link(&format!("{LIKELIHOOD_DIR}/README.txt"))
    );
    s
}

/// What an output file holds.
fn describe(rel: &str) -> &'static str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    match name {
        "limits.csv" => "ε limits per mass: observed and expected band",
        "limits.json" => "ε limits per mass with the per-run signal",
        "dm_limits.csv" => "light dark matter: limits on y and α_D",
        "table_v.csv" => "paper 002 Table V: WW and ETL limits next to the published ones",
        "ecal_cut_scan.csv" => "expected limit against the E_ECAL cut",
        "yields.json" => "A' yields per EOT per ε² (input of aprime limits)",
        "config.toml" => "the configuration used",
        "manifest.json" => "list of files, provenance (written last)",
        "submission.yaml" => "HEPData submission: tables and additional resources",
        "likelihood.tar.gz" => "pyhf likelihood archive (HEPData resource, type HistFactory)",
        "workspace.json" => "pyhf background-only workspace",
        "patchset.json" => "pyhf patchset: one signal patch per mass",
        "README.txt" => "how to use the likelihood with pyhf",
        "summary.json" => "everything of the analysis in one object",
        "cutflow.csv" => "cut flow per run, process and cut",
        "regions.csv" => "selected events per run, process and region",
        "background.csv" | "background.json" => "side-band background fits per run",
        "efficiencies.csv" => "signal efficiencies per run and mass",
        "dimuon.csv" => "dimuon benchmark per run",
        _ if rel.starts_with("hepdata/") => "HEPData table",
        _ if ext == "svg" => "plot (vector)",
        _ if ext == "png" => "plot (bitmap)",
        _ => "",
    }
}

/// Every output file with a relative link, its size and what it holds. `dir` is the (staging)
/// directory the files are in, `files` their paths relative to it.
pub(crate) fn files(dir: &Path, files: &[String]) -> String {
    let mut t = HtmlTable::new("", &[("file", ""), ("size", "kB"), ("content", "")]);
    for rel in files.iter().map(String::as_str).chain(["manifest.json"]) {
        let size = std::fs::metadata(dir.join(rel)).map_or_else(
            |_| "–".to_string(),
            |m| format!("{:.1}", m.len() as f64 / 1e3),
        );
        t.push(vec![
            Cell::Html(link(rel)),
            Cell::NumText(size),
            describe(rel).into(),
        ]);
    }
    format!(
        "<p class=\"note\">Links are relative: they work where this page sits in its output directory.</p>\n{}",
        t.render()
    )
}

/// The closing sections every page ends with: the configuration, the provenance and the files.
pub(crate) fn close(
    page: &mut super::document::Page,
    cfg: &ExperimentConfig,
    p: &Provenance,
    dir: &Path,
    names: &[String],
) {
    page.section("configuration", "Configuration", configuration(cfg));
    page.section(PROVENANCE_ID, "Provenance", provenance(p));
    page.section("files", "Files", files(dir, names));
}
