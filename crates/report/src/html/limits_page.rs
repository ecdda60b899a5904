//! `report.html` of `aprime run` and `aprime limits`: the exclusion plot and the limits first,
//! then the runs, the dark-matter interpretation, Table V, the other plots, the likelihood,
//! the configuration, the provenance and the files.

use std::path::Path;

use aprime_limits::Report;

use super::document::{Page, escape};
use super::sections;
use super::svg::figure;
use super::table::{Cell, DIMENSIONLESS, HtmlTable, number};
use crate::beam_labels::BeamLabels;
use crate::error::ReportError;
use crate::likelihood::Likelihood;
use crate::model_labels::ModelLabels;
use crate::provenance::Provenance;

/// DOM id of the exclusion plot's `<svg>` (the rendering test looks for it).
pub const EXCLUSION_PLOT_ID: &str = "exclusion-plot";

/// Per-run signal efficiency over the mass grid: a_i / (EOT_i · yield above the run's cut), the
/// efficiency the limits used (configured table folded with the A' spectrum), min and max.
fn efficiency_range(r: &Report, run: usize) -> (f64, f64) {
    let cfg = &r.config;
    let e0 = cfg.beam.energy_gev;
    let cut = cfg.ecal_cut(&cfg.runs[run]);
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for (l, p) in r.limits.iter().zip(&r.yields.main.points) {
        let y = p.above(e0 - cut) * cfg.runs[run].eot;
        if let Some(a) = l.signal_per_eps2_by_run.get(run)
            && y > 0.0
        {
            lo = lo.min(a / y);
            hi = hi.max(a / y);
        }
    }
    (lo, hi)
}

fn range_text(lo: f64, hi: f64) -> String {
    if !lo.is_finite() {
        "–".into()
    } else if (hi - lo).abs() <= 5e-4 * hi.abs() {
        number(lo, 3)
    } else {
        format!("{} – {}", number(lo, 3), number(hi, 3))
    }
}

fn runs_table(r: &Report) -> String {
    let cfg = &r.config;
    let beam = BeamLabels::of(cfg);
    let on_target = if beam.muon {
        "muons on target"
    } else {
        "electrons on target"
    };
    let mut t = HtmlTable::new(
        "Runs combined in the limits (one counting channel each)",
        &[
            ("run", ""),
            (on_target, beam.on_target),
            ("signal efficiency (over the masses)", DIMENSIONLESS),
            (beam.cut, "GeV"),
            ("background ± uncertainty", "events"),
            ("observed", "events"),
            ("run systematics (signal)", "%"),
        ],
    );
    for (i, run) in cfg.runs.iter().enumerate() {
        let (lo, hi) = efficiency_range(r, i);
        let b = r
            .background_override
            .as_ref()
            .and_then(|b| b.get(i).copied())
            .unwrap_or(run.background);
        let syst = run
            .systematics
            .iter()
            .map(|s| format!("{} {}", s.name, number(100.0 * s.relative, 2)))
            .collect::<Vec<_>>()
            .join(", ");
        t.push(vec![
            run.name.as_str().into(),
            Cell::NumText(number(run.eot, 3)),
            Cell::NumText(range_text(lo, hi)),
            Cell::NumText(number(cfg.ecal_cut(run), 4)),
            Cell::NumText(format!(
                "{} ± {}",
                number(b, 3),
                number(run.background_uncertainty, 2)
            )),
            Cell::NumText(run.observed.to_string()),
            if syst.is_empty() {
                "–".into()
            } else {
                syst.into()
            },
        ]);
    }
    t.render()
}

fn limits_table(r: &Report, labels: &ModelLabels) -> String {
    let cl = (r.config.statistics.cl * 100.0).round();
    let (c, mass) = (labels.axis, format!("m_{}", labels.boson));
    let (observed, median, per) = (
        format!("{c} observed"),
        format!("{c} expected median"),
        format!("signal per {c}² (Σ runs)"),
    );
    let mut t = HtmlTable::new(
        &format!("{cl}% C.L. upper limits on {c} (limits.csv)"),
        &[
            (mass.as_str(), "GeV"),
            (observed.as_str(), DIMENSIONLESS),
            (median.as_str(), DIMENSIONLESS),
            ("expected −1σ", DIMENSIONLESS),
            ("expected +1σ", DIMENSIONLESS),
            ("expected −2σ", DIMENSIONLESS),
            ("expected +2σ", DIMENSIONLESS),
            (per.as_str(), "events"),
            ("signal upper limit", "events"),
            ("calculator", ""),
        ],
    );
    for l in &r.limits {
        let b = &l.limit.expected;
        t.push(vec![
            l.mass_gev.into(),
            l.limit.observed.into(),
            b.median.into(),
            b.m1.into(),
            b.p1.into(),
            b.m2.into(),
            b.p2.into(),
            l.signal_per_eps2.into(),
            l.limit.signal_events.into(),
            l.limit.calculator.as_str().into(),
        ]);
    }
    t.render()
}

fn table_v(r: &Report) -> String {
    let mut t = HtmlTable::new(
        "Observed ε limits for E_miss > E0/2 with simplified-WW and exact-tree-level (ETL) A' \
         yields, next to paper 002 Table V (table_v.csv)",
        &[
            ("m_A'", "MeV"),
            ("ε WW", "10⁻⁴"),
            ("ε ETL", "10⁻⁴"),
            ("paper ε WW", "10⁻⁴"),
            ("paper ε ETL", "10⁻⁴"),
            ("ratio WW / paper", DIMENSIONLESS),
            ("ratio ETL / paper", DIMENSIONLESS),
        ],
    );
    for row in &r.table_v {
        t.push(vec![
            Cell::NumText(number(row.mass_mev, 3)),
            (row.eps_ww * 1e4).into(),
            (row.eps_etl * 1e4).into(),
            (row.paper_eps_ww * 1e4).into(),
            (row.paper_eps_etl * 1e4).into(),
            Cell::NumText(number(row.eps_ww / row.paper_eps_ww, 3)),
            Cell::NumText(number(row.eps_etl / row.paper_eps_etl, 3)),
        ]);
    }
    t.render()
}

fn dm_table(r: &Report) -> String {
    let it = &r.config.interpretation;
    let mut headers: Vec<(String, &str)> = vec![("m_χ".into(), "GeV"), ("m_A'".into(), "GeV")];
    for a in &it.alpha_d {
        headers.push((format!("y upper limit, α_D = {a}"), DIMENSIONLESS));
    }
    headers.push(("α_D lower limit, pseudo-Dirac".into(), DIMENSIONLESS));
    headers.push(("α_D lower limit, Majorana".into(), DIMENSIONLESS));
    let h: Vec<(&str, &str)> = headers.iter().map(|(n, u)| (n.as_str(), *u)).collect();
    let mut t = HtmlTable::new(
        &format!(
            "Light dark matter, m_A' = {} m_χ (dm_limits.csv)",
            it.mass_ratio
        ),
        &h,
    );
    for p in &r.dm {
        let mut row: Vec<Cell> = vec![p.m_chi_gev.into(), p.mass_gev.into()];
        row.extend(p.y_upper.iter().map(|y| Cell::Num(*y)));
        row.push(p.alpha_d_min_pseudo_dirac.into());
        row.push(p.alpha_d_min_majorana.into());
        t.push(row);
    }
    t.render()
}

/// The page. `dir` is the staging directory (plots are read back from `dir/plots`), `files`
/// the output files so far.
pub(crate) fn limits_page(
    r: &Report,
    provenance: &Provenance,
    likelihood: Option<&Likelihood>,
    archive: Option<&str>,
    dir: &Path,
    files: &[String],
) -> Result<String, ReportError> {
    let cfg = &r.config;
    let cl = (cfg.statistics.cl * 100.0).round();
    let plot = |stem: &str, id: &str, alt: &str, caption: &str, class: &str| {
        figure(
            &dir.join("plots").join(format!("{stem}.svg")),
            id,
            alt,
            caption,
            class,
        )
    };
    let labels = ModelLabels::of(cfg.production.model);
    let dark_photon = labels.is_dark_photon();
    let (c, boson) = (labels.axis, labels.boson);
    let mut page = Page::new(
        &format!("{}: {}", provenance.command, cfg.name),
        &format!(
            "{} — {cl}% C.L. limits on the {} → {} at {} masses",
            cfg.description,
            labels.title,
            labels.decay,
            r.limits.len()
        ),
    );
    let best = r
        .limits
        .iter()
        .filter(|l| l.limit.observed.is_finite())
        .min_by(|a, b| a.limit.observed.total_cmp(&b.limit.observed));
    let mut limits = match best {
        Some(l) => format!(
            "<p>Strongest observed limit: {c} &lt; {} at m_{boson} = {} GeV ({} calculator).</p>\n",
            number(l.limit.observed, 3),
            number(l.mass_gev, 3),
            escape(&l.limit.calculator)
        ),
        None => "<p class=\"warning\">No finite limit at any mass.</p>\n".into(),
    };
    let reference = if dark_photon {
        "the published NA64 2016 limits (red points)"
    } else {
        "the model's reference curve where one exists"
    };
    limits += &plot(
        "exclusion",
        EXCLUSION_PLOT_ID,
        &format!(
            "Exclusion plot: {cl}% C.L. upper limit on the coupling {c} against the mass m_{boson} \
             in GeV (log-log), observed (black line), expected median (dashed) with ±1σ (green) \
             and ±2σ (yellow) bands, and {reference}"
        ),
        &format!(
            "{cl}% C.L. exclusion in (m_{boson}, {c}): observed, expected median and ±1σ/±2σ \
             bands. plots/exclusion.svg, .png"
        ),
        "main",
    )?;
    limits += &limits_table(r, &labels);
    page.section("limits", "Limits", limits);
    page.section("runs", "Runs", runs_table(r));
    // The dark-matter interpretation and Table V exist for the dark photon only.
    if dark_photon {
        let mut dm = plot(
            "dm_y",
            "dm-y-plot",
            "Upper limits on y = ε² α_D (m_χ/m_A')⁴ against the dark-matter mass m_χ in GeV, with the relic-density targets",
            "Upper limits on y for each α_D (paper 002 eq. 6) with the thermal relic targets of the freeze-out solver (docs/relic.md).",
            "",
        )?;
        dm += &plot(
            "dm_alpha_d",
            "dm-alpha-d-plot",
            "Lower limits on α_D against m_χ in GeV for pseudo-Dirac and Majorana dark matter",
            "Lower limits on α_D from the relic relation.",
            "",
        )?;
        page.section(
            "dark-matter",
            "Light dark matter",
            format!("<div class=\"plots\">{dm}</div>\n{}", dm_table(r)),
        );
        // Paper 002 Table V is an electron-beam table (empty for other beams).
        if !r.table_v.is_empty() {
            page.section("table-v", "Table V", table_v(r));
        }
    }
    let mut more = plot(
        "aprime_spectra",
        "spectra-plot",
        "A' energy spectra per EOT per ε² in GeV⁻¹ against the A' energy in GeV for four masses",
        "A' energy spectra in the target (paper 002 Fig. 4).",
        "",
    )?;
    let beam = BeamLabels::of(cfg);
    if beam.muon {
        more += &plot(
            "ecal_cut_scan",
            "ecal-cut-scan-plot",
            &format!(
                "Median expected upper limit on {c} against the scattered-muon momentum cut in GeV for two masses"
            ),
            "Sensitivity against the scattered-muon momentum cut.",
            "",
        )?;
    } else {
        more += &plot(
            "ecal_cut_scan",
            "ecal-cut-scan-plot",
            "Median expected upper limit on ε against the E_ECAL cut in GeV for two masses",
            "Sensitivity against the E_ECAL cut (paper 002 Fig. 14).",
            "",
        )?;
        more += &plot(
            "kfactor",
            "kfactor-plot",
            "k-factor σ_WW/σ_ETL on lead against the beam energy in GeV for eight A' masses",
            "k = σ_WW/σ_ETL on Pb (paper 002 Fig. 2).",
            "",
        )?;
    }
    page.section(
        "plots",
        "More plots",
        format!("<div class=\"plots\">{more}</div>\n"),
    );
    page.section(
        "likelihood",
        "Likelihood (pyhf)",
        sections::likelihood(likelihood, archive, "no mass has expected signal"),
    );
    sections::close(&mut page, cfg, provenance, dir, files);
    Ok(page.render())
}
