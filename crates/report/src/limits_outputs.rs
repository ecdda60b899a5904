//! Write a pipeline [`Report`] into an output directory: CSV and JSON tables, the saved yields,
//! the likelihood, the HEPData submission, the plots and `report.html`, atomically (see
//! [`Staging`]).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aprime_physics::dark_brem::{Method, XsecOptions};
use aprime_physics::kfactor;
use aprime_physics::materials::Element;

use aprime_limits::{MassLimit, Report, dm, table_v};

use crate::error::ReportError;
use crate::hepdata::{self, Header, Qualifier, Resource, Table};
use crate::html::{REPORT_FILE, limits_page};
use crate::likelihood::{LikelihoodInfo, MassModel, has_signal, write_archive, write_likelihood};
use crate::plot::{Figure, Style};
use crate::provenance::Provenance;
use crate::staging::Staging;

/// Column header of `limits.csv` (units in the names; ε is dimensionless).
pub const LIMITS_COLUMNS: &str = "mass_gev,eps_observed,eps_expected_median,eps_expected_m1,eps_expected_p1,eps_expected_m2,eps_expected_p2,yield_per_eot_per_eps2,signal_events_per_eps2,calculator";

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:e}")
    } else {
        "nan".into()
    }
}

fn json_text<T: serde::Serialize>(v: &T, what: &str) -> Result<String, ReportError> {
    serde_json::to_string_pretty(v).map_err(|e| ReportError::encode(what, e))
}

fn limits_csv(r: &Report) -> String {
    let mut s = format!("{LIMITS_COLUMNS}\n");
    for l in &r.limits {
        let b = &l.limit.expected;
        let _ = writeln!(
            s,
            "{},{},{},{},{},{},{},{},{},{}",
            num(l.mass_gev),
            num(l.limit.observed),
            num(b.median),
            num(b.m1),
            num(b.p1),
            num(b.m2),
            num(b.p2),
            num(l.yield_per_eot_per_eps2),
            num(l.signal_per_eps2),
            l.limit.calculator
        );
    }
    s
}

fn dm_csv(r: &Report) -> String {
    let it = &r.config.interpretation;
    let mut s = String::from("m_chi_gev,m_aprime_gev");
    for a in &it.alpha_d {
        let _ = write!(s, ",y_upper_alpha_d_{a}");
    }
    s += ",alpha_d_min_pseudo_dirac,alpha_d_min_majorana\n";
    for p in &r.dm {
        let _ = write!(s, "{},{}", num(p.m_chi_gev), num(p.mass_gev));
        for y in &p.y_upper {
            let _ = write!(s, ",{}", num(*y));
        }
        let _ = writeln!(
            s,
            ",{},{}",
            num(p.alpha_d_min_pseudo_dirac),
            num(p.alpha_d_min_majorana)
        );
    }
    s
}

fn table_v_csv(rows: &[table_v::Row]) -> String {
    let mut s = String::from(
        "mass_mev,eps_ww,eps_etl,paper_eps_ww,paper_eps_etl,ratio_ww_to_paper,ratio_etl_to_paper\n",
    );
    for r in rows {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{:.4},{:.4}",
            r.mass_mev,
            num(r.eps_ww),
            num(r.eps_etl),
            num(r.paper_eps_ww),
            num(r.paper_eps_etl),
            r.eps_ww / r.paper_eps_ww,
            r.eps_etl / r.paper_eps_etl
        );
    }
    s
}

fn cut_scan_csv(r: &Report) -> String {
    let mut s = String::from("mass_gev,e_ecal_cut_gev,background_events,eps_expected_median\n");
    for p in &r.cut_scan {
        let _ = writeln!(
            s,
            "{},{},{},{}",
            num(p.mass_gev),
            p.e_ecal_cut_gev,
            num(p.background),
            num(p.eps_expected_median)
        );
    }
    s
}

fn hepdata_tables(r: &Report) -> Vec<Table> {
    let cl = format!("{}%", (r.config.statistics.cl * 100.0).round());
    let q = || {
        vec![Qualifier {
            name: "CL".into(),
            value: cl.clone(),
            units: None,
        }]
    };
    let masses: Vec<f64> = r.limits.iter().map(|l| l.mass_gev).collect();
    let col = |f: &dyn Fn(&MassLimit) -> f64| -> Vec<f64> { r.limits.iter().map(f).collect() };
    let reaction = vec!["E- PB --> E- PB A', A' --> INVISIBLE".to_string()];
    let mut tables = vec![Table {
        name: "Upper limits on epsilon".into(),
        description: format!(
            "{} C.L. upper limits on the kinetic mixing epsilon of an invisibly decaying dark photon \
             versus its mass, observed and expected (median, ±1σ, ±2σ), {} ({}).",
            cl, r.config.name, r.config.description
        ),
        file_stem: "epsilon_limits".into(),
        observables: vec!["EPSILON".into()],
        reactions: reaction.clone(),
        x: (Header::new("$m_{A'}$", Some("GeV")), masses),
        y: vec![
            (
                Header::new("$\\epsilon$ observed", None),
                q(),
                col(&|l| l.limit.observed),
            ),
            (
                Header::new("$\\epsilon$ expected median", None),
                q(),
                col(&|l| l.limit.expected.median),
            ),
            (
                Header::new("$\\epsilon$ expected $-1\\sigma$", None),
                q(),
                col(&|l| l.limit.expected.m1),
            ),
            (
                Header::new("$\\epsilon$ expected $+1\\sigma$", None),
                q(),
                col(&|l| l.limit.expected.p1),
            ),
            (
                Header::new("$\\epsilon$ expected $-2\\sigma$", None),
                q(),
                col(&|l| l.limit.expected.m2),
            ),
            (
                Header::new("$\\epsilon$ expected $+2\\sigma$", None),
                q(),
                col(&|l| l.limit.expected.p2),
            ),
        ],
    }];
    let it = &r.config.interpretation;
    let m_chi: Vec<f64> = r.dm.iter().map(|p| p.m_chi_gev).collect();
    let mut y_cols = Vec::new();
    for (k, a) in it.alpha_d.iter().enumerate() {
        let mut qq = q();
        qq.push(Qualifier {
            name: "ALPHA_D".into(),
            value: a.to_string(),
            units: None,
        });
        qq.push(Qualifier {
            name: "M_APRIME/M_CHI".into(),
            value: it.mass_ratio.to_string(),
            units: None,
        });
        y_cols.push((
            Header::new("$y$ upper limit", None),
            qq,
            r.dm.iter().map(|p| p.y_upper[k]).collect(),
        ));
    }
    tables.push(Table {
        name: "Upper limits on y".into(),
        description: "Upper limits on y = epsilon^2 alpha_D (m_chi/m_A')^4 for light dark matter."
            .into(),
        file_stem: "y_limits".into(),
        observables: vec!["Y".into()],
        reactions: reaction.clone(),
        x: (Header::new("$m_{\\chi}$", Some("GeV")), m_chi.clone()),
        y: y_cols,
    });
    tables.push(Table {
        name: "Lower limits on alpha_D".into(),
        description: format!(
            "Lower limits on alpha_D from the relic-density relation (paper 002 eq. 5) with f = {} \
             (pseudo-Dirac) and f = {} (Majorana), m_A' = {} m_chi.",
            it.f_pseudo_dirac, it.f_majorana, it.mass_ratio
        ),
        file_stem: "alpha_d_limits".into(),
        observables: vec!["ALPHA_D".into()],
        reactions: reaction.clone(),
        x: (Header::new("$m_{\\chi}$", Some("GeV")), m_chi),
        y: vec![
            (
                Header::new("$\\alpha_D$ lower limit, pseudo-Dirac", None),
                q(),
                r.dm.iter().map(|p| p.alpha_d_min_pseudo_dirac).collect(),
            ),
            (
                Header::new("$\\alpha_D$ lower limit, Majorana", None),
                q(),
                r.dm.iter().map(|p| p.alpha_d_min_majorana).collect(),
            ),
        ],
    });
    tables.push(Table {
        name: "WW versus ETL limits (Table V)".into(),
        description: "Observed upper limits on epsilon for E_miss > E0/2 with simplified-WW and exact-tree-level A' yields, next to paper 002 Table V.".into(),
        file_stem: "table_v".into(),
        observables: vec!["EPSILON".into()],
        reactions: reaction,
        x: (Header::new("$m_{A'}$", Some("MeV")), r.table_v.iter().map(|t| t.mass_mev).collect()),
        y: vec![
            (Header::new("$\\epsilon$ WW", None), q(), r.table_v.iter().map(|t| t.eps_ww).collect()),
            (Header::new("$\\epsilon$ ETL", None), q(), r.table_v.iter().map(|t| t.eps_etl).collect()),
        ],
    });
    tables
}

fn exclusion_figure(r: &Report) -> Figure {
    let pts = |f: &dyn Fn(&MassLimit) -> f64| -> Vec<(f64, f64)> {
        r.limits.iter().map(|l| (l.mass_gev, f(l))).collect()
    };
    let up = |f: &dyn Fn(&MassLimit) -> f64| -> Vec<f64> { r.limits.iter().map(f).collect() };
    let cl = (r.config.statistics.cl * 100.0).round();
    let paper: Vec<(f64, f64)> = table_v::PUBLISHED
        .iter()
        .map(|(m, _, e)| (m * 1e-3, e * 1e-4))
        .collect();
    Figure::log_log(
        &format!("{}: {cl}% C.L. exclusion, A' → invisible", r.config.name),
        "m_A' [GeV]",
        "ε",
    )
    .with(
        "expected ±2σ",
        pts(&|l| l.limit.expected.m2),
        Style::Band {
            rgb: (255, 223, 0),
            upper: up(&|l| l.limit.expected.p2),
        },
    )
    .with(
        "expected ±1σ",
        pts(&|l| l.limit.expected.m1),
        Style::Band {
            rgb: (0, 200, 60),
            upper: up(&|l| l.limit.expected.p1),
        },
    )
    .with(
        "expected median",
        pts(&|l| l.limit.expected.median),
        Style::Dashed(40, 40, 40, 2),
    )
    .with(
        "observed",
        pts(&|l| l.limit.observed),
        Style::Line(0, 0, 0, 3),
    )
    .with(
        "NA64 2016, PRD 97 072002 Table V (ETL)",
        paper,
        Style::Points(200, 0, 0),
    )
}

fn dm_figures(r: &Report) -> (Figure, Figure) {
    let it = &r.config.interpretation;
    let colours = [(0, 0, 0), (30, 90, 200), (200, 60, 0), (0, 140, 60)];
    let mut fy = Figure::log_log(
        &format!(
            "{}: light dark matter, m_A' = {} m_χ",
            r.config.name, it.mass_ratio
        ),
        "m_χ [GeV]",
        "y = ε² α_D (m_χ/m_A')⁴",
    );
    for (k, a) in it.alpha_d.iter().enumerate() {
        let c = colours[k % colours.len()];
        fy = fy.with(
            &format!("upper limit, α_D = {a}"),
            r.dm.iter().map(|p| (p.m_chi_gev, p.y_upper[k])).collect(),
            Style::Line(c.0, c.1, c.2, 3),
        );
    }
    for (name, f, c) in [
        ("pseudo-Dirac", it.f_pseudo_dirac, (150, 0, 150)),
        ("Majorana", it.f_majorana, (0, 150, 150)),
    ] {
        fy = fy.with(
            &format!("relic target, {name} (eq. 5, f = {f})"),
            r.dm.iter()
                .map(|p| (p.m_chi_gev, dm::relic_y(p.m_chi_gev, it.mass_ratio, f)))
                .collect(),
            Style::Dashed(c.0, c.1, c.2, 2),
        );
    }
    let fa = Figure::log_log(
        &format!(
            "{}: lower limits on α_D, m_A' = {} m_χ",
            r.config.name, it.mass_ratio
        ),
        "m_χ [GeV]",
        "α_D",
    )
    .with(
        &format!("pseudo-Dirac (f = {})", it.f_pseudo_dirac),
        r.dm.iter()
            .map(|p| (p.m_chi_gev, p.alpha_d_min_pseudo_dirac))
            .collect(),
        Style::Line(150, 0, 150, 3),
    )
    .with(
        &format!("Majorana (f = {})", it.f_majorana),
        r.dm.iter()
            .map(|p| (p.m_chi_gev, p.alpha_d_min_majorana))
            .collect(),
        Style::Line(0, 150, 150, 3),
    );
    (fy, fa)
}

fn kfactor_figure() -> Result<Figure, ReportError> {
    let pb = Element::by_name("Pb").ok_or_else(|| ReportError::Table {
        what: "kfactor".into(),
        message: "no Pb in the element table".into(),
    })?;
    let masses = [0.002, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0];
    let energies: Vec<f64> = (1..=8).map(|i| 20.0 * f64::from(i)).collect();
    let grid = kfactor::k_factor_grid(
        pb.zf(),
        pb.a,
        &masses,
        &energies,
        Method::Etl,
        &XsecOptions::default(),
    );
    let mut f = Figure {
        title: "k = σ_WW/σ_ETL on Pb (paper 002 Fig. 2)".into(),
        x_label: "E0 [GeV]".into(),
        y_label: "k".into(),
        log_x: false,
        log_y: false,
        series: Vec::new(),
    };
    let palette = [
        (0, 0, 0),
        (30, 90, 200),
        (200, 60, 0),
        (0, 140, 60),
        (150, 0, 150),
        (0, 150, 150),
        (120, 120, 0),
        (200, 0, 100),
    ];
    for (i, m) in masses.iter().enumerate() {
        let pts: Vec<(f64, f64)> = grid[i * energies.len()..(i + 1) * energies.len()]
            .iter()
            .filter_map(|k| k.as_ref().ok().map(|k| (k.energy_gev, k.k)))
            .collect();
        let c = palette[i % palette.len()];
        f = f.with(
            &format!("m_A' = {} MeV", m * 1e3),
            pts,
            Style::Line(c.0, c.1, c.2, 2),
        );
    }
    Ok(f)
}

fn spectra_figure(r: &Report) -> Figure {
    let mut f = Figure {
        title: format!(
            "A' energy spectra in the {} target (paper 002 Fig. 4)",
            r.yields.target
        ),
        x_label: "E_A' [GeV]".into(),
        y_label: "dN/dE_A' per EOT per ε² [1/GeV]".into(),
        log_x: false,
        log_y: true,
        series: Vec::new(),
    };
    let palette = [(0, 0, 0), (30, 90, 200), (200, 60, 0), (0, 140, 60)];
    for (i, target) in [0.01, 0.1, 0.3, 1.0].iter().enumerate() {
        if let Some(p) = r.yields.main.points.iter().min_by(|a, b| {
            (a.mass_gev / target)
                .ln()
                .abs()
                .total_cmp(&(b.mass_gev / target).ln().abs())
        }) {
            let pts: Vec<(f64, f64)> = p
                .spectrum
                .centres()
                .into_iter()
                .zip(&p.spectrum.values)
                .filter(|(_, v)| **v > 0.0)
                .map(|(c, v)| (c, *v))
                .collect();
            let c = palette[i];
            f = f.with(
                &format!("m_A' = {:.3} GeV", p.mass_gev),
                pts,
                Style::Line(c.0, c.1, c.2, 2),
            );
        }
    }
    f
}

fn cut_scan_figure(r: &Report) -> Figure {
    let mut f = Figure {
        title: "Sensitivity against the E_ECAL cut (paper 002 Fig. 14)".into(),
        x_label: "E_ECAL cut [GeV]".into(),
        y_label: "median expected ε upper limit".into(),
        log_x: false,
        log_y: true,
        series: Vec::new(),
    };
    let mut masses: Vec<f64> = r.cut_scan.iter().map(|p| p.mass_gev).collect();
    masses.dedup();
    for (i, m) in masses.iter().enumerate() {
        let pts = r
            .cut_scan
            .iter()
            .filter(|p| p.mass_gev == *m)
            .map(|p| (p.e_ecal_cut_gev, p.eps_expected_median))
            .collect();
        let c = [(30, 90, 200), (0, 140, 60)][i % 2];
        f = f.with(
            &format!("m_A' = {:.1} MeV", m * 1e3),
            pts,
            Style::Line(c.0, c.1, c.2, 3),
        );
    }
    f
}

/// File name of the likelihood archive in the HEPData submission directory.
pub const LIKELIHOOD_ARCHIVE: &str = "likelihood.tar.gz";

/// The statistical model (μ = ε²) of every mass with expected signal, as the limits used it,
/// and the masses without signal.
fn mass_models(r: &Report) -> Result<(Vec<MassModel>, Vec<f64>), ReportError> {
    let (with, without): (Vec<&MassLimit>, Vec<&MassLimit>) = r
        .limits
        .iter()
        .partition(|l| has_signal(&l.signal_per_eps2_by_run));
    let models = with
        .into_iter()
        .map(|l| {
            r.mass_model(l)
                .map(|model| MassModel {
                    mass_gev: l.mass_gev,
                    model,
                })
                .map_err(|source| ReportError::Model {
                    mass_gev: l.mass_gev,
                    source,
                })
        })
        .collect::<Result<_, _>>()?;
    Ok((models, without.iter().map(|l| l.mass_gev).collect()))
}

/// Write every output of `aprime run` / `aprime limits` for `r` into `out`: tables, yields,
/// configuration, the likelihood (`likelihood/`, also in the HEPData record as a `HistFactory`
/// resource), the HEPData submission, the plots, `report.html` and `manifest.json` (with the
/// `provenance`). Returns the final directory.
pub fn write_report(
    r: &Report,
    out: &Path,
    provenance: &Provenance,
) -> Result<PathBuf, ReportError> {
    let mut st = Staging::new(out)?;
    st.write("limits.csv", &limits_csv(r))?;
    st.write("limits.json", &json_text(&r.limits, "limits.json")?)?;
    st.write("dm_limits.csv", &dm_csv(r))?;
    st.write("table_v.csv", &table_v_csv(&r.table_v))?;
    st.write("ecal_cut_scan.csv", &cut_scan_csv(r))?;
    st.write("yields.json", &json_text(&r.yields, "yields.json")?)?;
    st.write(
        "config.toml",
        &toml::to_string(&r.config).map_err(|e| ReportError::encode("config.toml", e))?,
    )?;
    let info = LikelihoodInfo {
        config: &r.config.name,
        description: &r.config.description,
        cl: r.config.statistics.cl,
        blind: false,
    };
    let (models, without_signal) = mass_models(r)?;
    let likelihood = write_likelihood(&mut st, &info, &models, &without_signal)?;
    let hepdata_dir = st.dir().join("hepdata");
    std::fs::create_dir_all(&hepdata_dir).map_err(|e| ReportError::write(&hepdata_dir, e))?;
    let mut resources = Vec::new();
    if let Some(lk) = &likelihood {
        write_archive(lk, &hepdata_dir.join(LIKELIHOOD_ARCHIVE))?;
        resources.push(Resource {
            location: LIKELIHOOD_ARCHIVE.into(),
            description: format!(
                "Full likelihood in the pyhf JSON format (HistFactory): background-only workspace \
                 and a patchset with one signal patch per A' mass ({} patches); POI mu = total \
                 expected signal events over all runs, epsilon^2 = mu * eps2_per_mu (patch \
                 metadata). See likelihood/README.txt in the archive.",
                lk.patches.len()
            ),
            kind: Some("HistFactory".into()),
        });
    }
    let cm = hepdata::cm_energy(
        r.config.beam.energy_gev,
        aprime_physics::constants::M_E,
        aprime_physics::constants::M_P,
    );
    hepdata::write_submission(
        &hepdata_dir,
        &format!(
            "aprime reproduction of the NA64 A' -> invisible search: {} ({})",
            r.config.name, r.config.description
        ),
        cm,
        &hepdata_tables(r),
        &resources,
    )?;
    st.record_dir("hepdata")?;
    let plots = st.dir().join("plots");
    std::fs::create_dir_all(&plots).map_err(|e| ReportError::write(&plots, e))?;
    let (fy, fa) = dm_figures(r);
    for (name, fig) in [
        ("exclusion", exclusion_figure(r)),
        ("dm_y", fy),
        ("dm_alpha_d", fa),
        ("kfactor", kfactor_figure()?),
        ("aprime_spectra", spectra_figure(r)),
        ("ecal_cut_scan", cut_scan_figure(r)),
    ] {
        fig.save(&plots.join(name))?;
    }
    st.record_dir("plots")?;
    let archive = likelihood
        .as_ref()
        .map(|_| format!("hepdata/{LIKELIHOOD_ARCHIVE}"));
    let page = limits_page(
        r,
        provenance,
        likelihood.as_ref(),
        archive.as_deref(),
        st.dir(),
        st.files(),
    )?;
    st.write(REPORT_FILE, &page)?;
    let mut manifest = serde_json::json!({
        "status": "complete",
        "config": r.config.name,
        "masses": r.limits.len(),
    });
    if let (Some(m), serde_json::Value::Object(p)) =
        (manifest.as_object_mut(), provenance.manifest_json())
    {
        m.extend(p);
    }
    st.commit(&manifest)
}
