//! Write a pipeline [`Report`] into an output directory: CSV and JSON tables, the saved yields,
//! the likelihood, the HEPData submission, the plots and `report.html`, atomically (see
//! [`Staging`]).
//!
//! Outputs name the model and its coupling ([`ModelLabels`], docs/models.md): `limits.csv`
//! columns `g_observed, …, yield_per_eot_per_g2, signal_events_per_g2` for the Z' models (the
//! dark photon's header is unchanged, [`LIMITS_COLUMNS`]) plus `br_invisible` for every model
//! but the dark photon; `limits.json` rows and `manifest.json` carry `"model"`; the HEPData
//! record and the plots name the model and its coupling. The dark-matter tables and plots
//! (`dm_limits.csv`, `plots/dm_y`, `plots/dm_alpha_d`) and Table V (`table_v.csv`) are written
//! for the dark photon only.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aprime_limits::{MassLimit, Report, table_v};

use crate::beam_labels::BeamLabels;
use crate::error::ReportError;
use crate::hepdata::{self, Header, Qualifier, Resource, Table};
use crate::html::{REPORT_FILE, limits_page};
use crate::likelihood::{LikelihoodInfo, MassModel, has_signal, write_archive, write_likelihood};
use crate::limits_plots;
use crate::model_labels::ModelLabels;
use crate::provenance::Provenance;
use crate::staging::Staging;

/// Column header of the dark photon's `limits.csv` (units in the names; ε is dimensionless).
pub const LIMITS_COLUMNS: &str = "mass_gev,eps_observed,eps_expected_median,eps_expected_m1,eps_expected_p1,eps_expected_m2,eps_expected_p2,yield_per_eot_per_eps2,signal_events_per_eps2,calculator";

/// Column header of `limits.csv` for `labels`' model: [`LIMITS_COLUMNS`] for the dark photon;
/// for the other models with the coupling's name (`eps` or `g`) and a last column
/// `br_invisible` (yield: X produced per EOT per coupling² in the first run's box; signal
/// events: with efficiencies, EOT and BR(invisible)).
pub fn limits_columns(labels: &ModelLabels) -> String {
    if labels.is_dark_photon() {
        return LIMITS_COLUMNS.to_string();
    }
    let p = labels.column;
    format!(
        "mass_gev,{p}_observed,{p}_expected_median,{p}_expected_m1,{p}_expected_p1,\
         {p}_expected_m2,{p}_expected_p2,yield_per_eot_per_{p}2,signal_events_per_{p}2,calculator,\
         br_invisible"
    )
}

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
    let labels = ModelLabels::of(r.config.production.model);
    let mut s = format!("{}\n", limits_columns(&labels));
    for l in &r.limits {
        let b = &l.limit.expected;
        let _ = write!(
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
        if !labels.is_dark_photon() {
            let _ = write!(s, ",{}", num(l.scale.br_invisible));
        }
        s.push('\n');
    }
    s
}

/// File name of the ε limits without resonant annihilation (bremsstrahlung only), written for
/// configurations with annihilation (paper 003 shows the limit with and without it).
pub const NO_ANNIHILATION_FILE: &str = "limits_no_annihilation.csv";

/// Column header of [`NO_ANNIHILATION_FILE`] (ε is dimensionless; yield per EOT per ε²).
pub const NO_ANNIHILATION_COLUMNS: &str = "mass_gev,eps_observed_with_annihilation,eps_observed_without_annihilation,eps_expected_median_without_annihilation,yield_per_eot_per_eps2_with_annihilation,yield_per_eot_per_eps2_without_annihilation";

fn no_annihilation_csv(r: &Report) -> String {
    let mut s = format!("{NO_ANNIHILATION_COLUMNS}\n");
    for (l, n) in r.limits.iter().zip(&r.limits_no_annihilation) {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            num(l.mass_gev),
            num(l.limit.observed),
            num(n.limit.observed),
            num(n.limit.expected.median),
            num(l.yield_per_eot_per_eps2),
            num(n.yield_per_eot_per_eps2)
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
    s += ",alpha_d_min_pseudo_dirac,alpha_d_min_majorana";
    s += ",y_relic_complex_scalar,y_relic_majorana,y_relic_pseudo_dirac";
    // With annihilation the ε limit behind each y depends on α_D (the A' width).
    let per_alpha = r.dm.iter().any(|p| !p.eps_upper.is_empty());
    if per_alpha {
        for a in &it.alpha_d {
            let _ = write!(s, ",eps_upper_alpha_d_{a}");
        }
    }
    s.push('\n');
    for p in &r.dm {
        let _ = write!(s, "{},{}", num(p.m_chi_gev), num(p.mass_gev));
        for y in &p.y_upper {
            let _ = write!(s, ",{}", num(*y));
        }
        let _ = write!(
            s,
            ",{},{}",
            num(p.alpha_d_min_pseudo_dirac),
            num(p.alpha_d_min_majorana)
        );
        let y = &p.y_relic;
        for v in [y.complex_scalar, y.majorana, y.pseudo_dirac] {
            let _ = write!(s, ",{}", num(v.unwrap_or(f64::NAN)));
        }
        if per_alpha {
            for k in 0..it.alpha_d.len() {
                let _ = write!(
                    s,
                    ",{}",
                    num(p.eps_upper.get(k).copied().unwrap_or(f64::NAN))
                );
            }
        }
        s.push('\n');
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
    let p = ModelLabels::of(r.config.production.model).column;
    // The signal-box cut scanned: E_ECAL for e± beams, the scattered-muon momentum for μ±.
    let cut = if BeamLabels::of(&r.config).muon {
        "muon_momentum_cut_gev"
    } else {
        "e_ecal_cut_gev"
    };
    let mut s = format!("mass_gev,{cut},background_events,{p}_expected_median\n");
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
    let labels = ModelLabels::of(r.config.production.model);
    let reaction = vec![labels.reaction.to_string()];
    let (name, description, file_stem, mass_header) = if labels.is_dark_photon() {
        (
            "Upper limits on epsilon".to_string(),
            format!(
                "{} C.L. upper limits on the kinetic mixing epsilon of an invisibly decaying dark photon \
                 versus its mass, observed and expected (median, ±1σ, ±2σ), {} ({}).",
                cl, r.config.name, r.config.description
            ),
            "epsilon_limits".to_string(),
            "$m_{A'}$".to_string(),
        )
    } else {
        let word = if labels.column == "g" { "g" } else { "epsilon" };
        (
            format!("Upper limits on {word} ({})", labels.ascii),
            format!(
                "{} C.L. upper limits on the {} of the {} (model '{}') versus its mass, observed \
                 and expected (median, ±1σ, ±2σ); the signal counts invisible decays only \
                 (BR(invisible) from the widths, {}), {} ({}).",
                cl,
                labels.words,
                labels.ascii,
                labels.model,
                labels.reaction,
                r.config.name,
                r.config.description
            ),
            format!("{word}_limits"),
            format!("$m_{{{}}}$", labels.boson),
        )
    };
    let q = || {
        let mut v = q();
        if !labels.is_dark_photon() {
            v.push(Qualifier {
                name: "MODEL".into(),
                value: labels.model.name().into(),
                units: None,
            });
        }
        v
    };
    let h = |what: &str| Header::new(&format!("{} {what}", labels.latex), None);
    let mut tables = vec![Table {
        name,
        description,
        file_stem,
        observables: vec![labels.observable.into()],
        reactions: reaction.clone(),
        x: (Header::new(&mass_header, Some("GeV")), masses),
        y: vec![
            (h("observed"), q(), col(&|l| l.limit.observed)),
            (h("expected median"), q(), col(&|l| l.limit.expected.median)),
            (
                h("expected $-1\\sigma$"),
                q(),
                col(&|l| l.limit.expected.m1),
            ),
            (
                h("expected $+1\\sigma$"),
                q(),
                col(&|l| l.limit.expected.p1),
            ),
            (
                h("expected $-2\\sigma$"),
                q(),
                col(&|l| l.limit.expected.m2),
            ),
            (
                h("expected $+2\\sigma$"),
                q(),
                col(&|l| l.limit.expected.p2),
            ),
        ],
    }];
    if !r.limits_no_annihilation.is_empty() {
        let n = &r.limits_no_annihilation;
        tables.push(Table {
            name: format!("{} with and without resonant annihilation", tables[0].name),
            description: format!(
                "{cl} C.L. observed upper limits with the signal of bremsstrahlung plus resonant \
                 annihilation of shower positrons on atomic electrons, and of bremsstrahlung alone \
                 (expected median without annihilation too), {} ({}).",
                r.config.name, r.config.description
            ),
            file_stem: format!("{}_no_annihilation", tables[0].file_stem),
            observables: tables[0].observables.clone(),
            reactions: reaction.clone(),
            x: tables[0].x.clone(),
            y: vec![
                (
                    h("observed, with annihilation"),
                    q(),
                    col(&|l| l.limit.observed),
                ),
                (
                    h("observed, without annihilation"),
                    q(),
                    n.iter().map(|l| l.limit.observed).collect(),
                ),
                (
                    h("expected median, without annihilation"),
                    q(),
                    n.iter().map(|l| l.limit.expected.median).collect(),
                ),
            ],
        });
    }
    if !labels.is_dark_photon() {
        // The light-dark-matter planes and Table V are dark-photon results.
        return tables;
    }
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
    if !r.table_v.is_empty() {
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
    }
    tables
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
    let labels = ModelLabels::of(r.config.production.model);
    let beam = BeamLabels::of(&r.config);
    if labels.is_dark_photon() {
        st.write("dm_limits.csv", &dm_csv(r))?;
        // Paper 002 Table V is an electron-beam table (empty for other beams: not written).
        if !r.table_v.is_empty() {
            st.write("table_v.csv", &table_v_csv(&r.table_v))?;
        }
    }
    if !r.limits_no_annihilation.is_empty() {
        st.write(NO_ANNIHILATION_FILE, &no_annihilation_csv(r))?;
    }
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
        &if labels.is_dark_photon() {
            format!(
                "aprime reproduction of the NA64 A' -> invisible search: {} ({})",
                r.config.name, r.config.description
            )
        } else {
            format!(
                "aprime reproduction of the NA64 {} -> invisible search (model '{}', limits on \
                 {}): {} ({})",
                labels.ascii, labels.model, labels.words, r.config.name, r.config.description
            )
        },
        cm,
        &hepdata_tables(r),
        &resources,
    )?;
    st.record_dir("hepdata")?;
    let plots = st.dir().join("plots");
    std::fs::create_dir_all(&plots).map_err(|e| ReportError::write(&plots, e))?;
    let mut figures = vec![("exclusion", limits_plots::exclusion(r)?)];
    if labels.is_dark_photon() {
        let (fy, fa) = limits_plots::dark_matter(r);
        figures.extend([("dm_y", fy), ("dm_alpha_d", fa)]);
    }
    // The k-factor figure is paper 002's electron-beam Fig. 2.
    if !beam.muon {
        figures.push(("kfactor", limits_plots::kfactor(labels.model)?));
    }
    figures.extend([
        ("aprime_spectra", limits_plots::spectra(r)),
        ("ecal_cut_scan", limits_plots::cut_scan(r)),
    ]);
    for (name, fig) in figures {
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
        "model": labels.model,
        "parameter": labels.column,
        "masses": r.limits.len(),
    });
    if let (Some(m), serde_json::Value::Object(p)) =
        (manifest.as_object_mut(), provenance.manifest_json())
    {
        m.extend(p);
    }
    st.commit(&manifest)
}
