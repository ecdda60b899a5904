//! The published likelihood of an output directory, `likelihood/`: the statistical model of the
//! limits as a pyhf workspace (background only) and a patchset with the signal of every mass
//! (`aprime_stats::pyhf`; mapping in docs/likelihood.md), with a README on how to use them.
//!
//! Per mass the model (μ = ε², signal a_i per ε² in run i) is published scaled so that μ is the
//! total expected signal: s_i = a_i / Σa, hence μ_up ≈ 2.3 at zero observed events, well inside
//! the POI range and the minimisers' tolerances (μ = ε² would put μ_up near 10⁻¹⁰). The patch
//! metadata carries `eps2_per_mu` = 1/Σa, so ε²_up = μ_up · eps2_per_mu, and
//! `signal_events_per_eps2` = Σa.

use aprime_stats::Model;
use aprime_stats::pyhf::{
    Hypothesis, Measurement, PatchSetInfo, background_workspace, parameter_names, patchset,
    pyhf_name,
};

use crate::archive::write_tar_gz;
use crate::error::ReportError;
use crate::provenance::{GIT_COMMIT, VERSION};
use crate::staging::Staging;

/// Directory of the likelihood files in an output directory.
pub const LIKELIHOOD_DIR: &str = "likelihood";

/// The INSPIRE id written as the patchset's HEPData reference. The pyhf patchset schema requires
/// one (`ins` + 7 digits); an aprime output is not a published record, so this stands for "no
/// record". Whoever uploads the submission replaces it with the real id: the patchset digest
/// covers the background-only workspace only, so editing the patchset metadata keeps it valid.
pub const HEPDATA_RECORD_PLACEHOLDER: &str = "ins0000000";

/// The statistical model of one mass, μ = ε² (what the limit at that mass was computed from).
#[derive(Debug, Clone, PartialEq)]
pub struct MassModel {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// The model: per run observed count, background with its nuisances, signal per ε².
    pub model: Model,
}

/// One patch of the patchset.
#[derive(Debug, Clone, PartialEq)]
pub struct Patch {
    /// Patch name, e.g. `mass_16p7MeV`.
    pub name: String,
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Σ_i a_i: expected signal events per ε² summed over runs.
    pub signal_events_per_eps2: f64,
}

/// What `likelihood/` holds (for the HTML report and the HEPData resource).
#[derive(Debug, Clone, PartialEq)]
pub struct Likelihood {
    /// One patch per mass with expected signal.
    pub patches: Vec<Patch>,
    /// Masses without expected signal (above the kinematic reach): no patch \[GeV\].
    pub masses_without_signal: Vec<f64>,
    /// pyhf channel names (one per run).
    pub channels: Vec<String>,
    /// pyhf names of the nuisance parameters (those of the heaviest-signal patch's model).
    pub nuisances: Vec<String>,
    /// Upper bound of the POI range (total signal events).
    pub poi_upper: f64,
    /// The observations are placeholders (blind analysis): for expected limits only.
    pub blind: bool,
    /// SHA-256 of the background-only workspace (`pyhf digest`).
    pub sha256: String,
    /// The files as written: (path inside `likelihood/`, contents).
    pub files: Vec<(String, String)>,
}

/// What the likelihood describes, for its metadata and README.
#[derive(Debug, Clone, PartialEq)]
pub struct LikelihoodInfo<'a> {
    /// Configuration name, e.g. `na64-2016`.
    pub config: &'a str,
    /// Configuration description.
    pub description: &'a str,
    /// Confidence level of our limits (for the README's example).
    pub cl: f64,
    /// Observed counts are placeholders (blind analysis).
    pub blind: bool,
}

/// POI range [0, U] for μ = total signal events: U = 10 (pyhf's default) unless the counts need
/// more; U ≥ n + 5√max(n, b) + 5 stays above any 90–95 % CL limit of a counting experiment with
/// n observed and b expected events (the limit is ≈ n − b + 1.3√b + 2.3 for large counts).
fn poi_upper(model: &Model) -> f64 {
    let n = model.total_observed() as f64;
    let b = model.total_background();
    (n + 5.0 * n.max(b).sqrt() + 5.0).ceil().max(10.0)
}

fn readme(info: &LikelihoodInfo<'_>, lk: &Likelihood) -> String {
    let first = lk.patches.first().map_or("mass_10MeV", |p| p.name.as_str());
    let alpha = 1.0 - info.cl;
    let blind = if info.blind {
        "\nBLIND ANALYSIS: the observed counts in workspace.json are placeholders (0). Use this\n\
         likelihood for expected limits only (they do not depend on the observations in our\n\
         calculators); do not quote observed limits from it.\n"
    } else {
        ""
    };
    format!(
        "pyhf likelihood of {config} ({description})\n\
         written by aprime {VERSION} (git commit {GIT_COMMIT})\n\
         {blind}\n\
         Files\n\
         \x20 workspace.json  background-only pyhf workspace (HistFactory JSON, schema 1.0.0): one\n\
         \x20                 channel per run with one bin: the observed count, the background with\n\
         \x20                 its uncertainty (normsys), and a zero-yield signal sample carrying the\n\
         \x20                 parameter of interest mu (normfactor).\n\
         \x20 patchset.json   pyhf patchset: {n} patches, one per A' mass (label mass_gev, in GeV),\n\
         \x20                 each replacing the signal of every run, with the signal systematics\n\
         \x20                 as normsys modifiers (one parameter per nuisance: a nuisance shared by\n\
         \x20                 the runs is correlated across them, as in our model).\n\
         \x20 sha256 of workspace.json (pyhf digest): {sha}\n\
         \n\
         Parameter of interest\n\
         \x20 mu = total expected signal events summed over all runs: each patch normalises the\n\
         \x20 signal to one event in total at mu = 1. The mixing is epsilon^2 = mu * eps2_per_mu\n\
         \x20 (patch metadata; signal_events_per_eps2 = 1/eps2_per_mu). Range [0, {upper}].\n\
         \n\
         Use with pyhf (pip install pyhf; checked with pyhf 0.7.6)\n\
         \x20 pyhf inspect workspace.json\n\
         \x20 pyhf patchset verify workspace.json patchset.json\n\
         \x20 pyhf patchset apply workspace.json patchset.json --name {first} --output-file m.json\n\
         \x20 pyhf cls m.json --test-poi 1.0\n\
         \n\
         \x20 import json, math, pyhf\n\
         \x20 from pyhf.infer.intervals.upper_limits import toms748_scan\n\
         \x20 ps = pyhf.PatchSet(json.load(open(\"patchset.json\")))\n\
         \x20 ws = ps.apply(pyhf.Workspace(json.load(open(\"workspace.json\"))), \"{first}\")\n\
         \x20 model = ws.model(modifier_settings={{\"normsys\": {{\"interpcode\": \"code1\"}},\n\
         \x20                                      \"histosys\": {{\"interpcode\": \"code0\"}}}})\n\
         \x20 obs, exp = toms748_scan(ws.data(model), model, 0.01, {upper}, level={alpha:.2})\n\
         \x20 eps2_per_mu = ps[\"{first}\"].metadata[\"eps2_per_mu\"]\n\
         \x20 print(\"epsilon_up =\", math.sqrt(float(obs) * eps2_per_mu))\n\
         \n\
         \x20 The interpolation codes code1 (normsys) and code0 (histosys) give our model exactly;\n\
         \x20 pyhf's defaults (code4, code4p) differ by < 1e-6 relative for our uncertainties.\n\
         \x20 pyhf 0.7.6's upper_limit(..., level=...) without a scan ignores level and returns\n\
         \x20 95% CL limits (scikit-hep/pyhf issue 2563): use toms748_scan for {cl_pct}% CL.\n\
         \x20 The asymptotic formulae undercover at zero or few observed events (our limits then\n\
         \x20 use the hybrid or exact calculators, limits.csv column calculator).\n\
         \n\
         HEPData\n\
         \x20 The patchset's metadata.references.hepdata is {record}, a placeholder for \"no\n\
         \x20 record\" (the schema requires an INSPIRE id): replace it with the record's id before\n\
         \x20 uploading; the digest covers workspace.json only.\n\
         \n\
         Mapping of the aprime model to pyhf modifiers: docs/likelihood.md in the aprime sources.\n",
        config = info.config,
        description = info.description,
        n = lk.patches.len(),
        sha = lk.sha256,
        upper = lk.poi_upper,
        cl_pct = (info.cl * 100.0).round(),
        record = HEPDATA_RECORD_PLACEHOLDER,
    )
}

/// Whether a per-run signal (events per ε²) has a model: a positive, finite total (above the
/// kinematic reach it is 0, and a model needs signal).
pub fn has_signal(signal_per_eps2_by_run: &[f64]) -> bool {
    let total: f64 = signal_per_eps2_by_run.iter().sum();
    total > 0.0 && total.is_finite()
}

/// Write `likelihood/{workspace.json, patchset.json, README.txt}` for `models` (μ = ε², one per
/// mass with expected signal); `without_signal` are the masses that have none (listed, no
/// patch). With no model nothing is written (`Ok(None)`).
pub fn write_likelihood(
    st: &mut Staging,
    info: &LikelihoodInfo<'_>,
    models: &[MassModel],
    without_signal: &[f64],
) -> Result<Option<Likelihood>, ReportError> {
    if models.is_empty() {
        return Ok(None);
    }
    let scaled: Vec<(f64, f64, Model)> = models
        .iter()
        .map(|m| {
            let total = m.model.total_signal();
            (m.mass_gev, total, m.model.with_signal_scaled(1.0 / total))
        })
        .collect();
    let reference = &scaled[0].2;
    let upper = poi_upper(reference);
    let measurement = Measurement::named(pyhf_name(info.config)).poi_upper_bound(upper);
    let ws = background_workspace(reference, &measurement)?;
    let hypotheses: Vec<Hypothesis<'_>> = scaled
        .iter()
        .map(|(m, total, model)| {
            Hypothesis::at_mass(*m, model)
                .annotate("eps2_per_mu", 1.0 / total)
                .annotate("signal_events_per_eps2", *total)
        })
        .collect();
    let description = format!(
        "{}: A' -> invisible, one patch per A' mass (mass_gev in GeV); POI mu = total expected \
         signal events over all runs, epsilon^2 = mu * eps2_per_mu{}",
        info.config,
        if info.blind {
            "; BLIND: observed counts are placeholders"
        } else {
            ""
        }
    );
    let ps = patchset(
        &ws,
        &hypotheses,
        &PatchSetInfo::mass_scan(
            pyhf_name(info.config),
            description,
            HEPDATA_RECORD_PLACEHOLDER,
        ),
    )?;
    let channels = ws.json()["channels"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| c["name"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let richest = scaled
        .iter()
        .max_by_key(|(_, _, m)| m.nuisances().len())
        .map_or(reference, |(_, _, m)| m);
    let mut lk = Likelihood {
        patches: hypotheses
            .iter()
            .zip(&scaled)
            .map(|(h, (m, total, _))| Patch {
                name: h.name.clone(),
                mass_gev: *m,
                signal_events_per_eps2: *total,
            })
            .collect(),
        masses_without_signal: without_signal.to_vec(),
        channels,
        nuisances: parameter_names(richest)?,
        poi_upper: upper,
        blind: info.blind,
        sha256: ws.sha256(),
        files: Vec::new(),
    };
    let readme = readme(info, &lk);
    lk.files = vec![
        ("workspace.json".into(), ws.to_pretty_string() + "\n"),
        ("patchset.json".into(), ps.to_pretty_string() + "\n"),
        ("README.txt".into(), readme),
    ];
    for (name, text) in &lk.files {
        st.write(&format!("{LIKELIHOOD_DIR}/{name}"), text)?;
    }
    Ok(Some(lk))
}

/// Write the likelihood files as one `.tar.gz` (members `likelihood/<file>`) at `path`: the form
/// HEPData takes a likelihood in, as an additional resource of type `HistFactory`.
pub fn write_archive(lk: &Likelihood, path: &std::path::Path) -> Result<(), ReportError> {
    let files: Vec<(String, Vec<u8>)> = lk
        .files
        .iter()
        .map(|(n, t)| (format!("{LIKELIHOOD_DIR}/{n}"), t.as_bytes().to_vec()))
        .collect();
    write_tar_gz(path, &files)
}

#[cfg(test)]
mod tests {
    use aprime_stats::Constraint;

    use super::*;

    fn model(total: f64) -> Model {
        Model::builder()
            .channel("I", 0, 0.6 * total, 0.043)
            .channel("II", 0, 0.4 * total, 0.041)
            .background_uncertainties(&[0.017, 0.02], Constraint::LogNormal)
            .unwrap()
            .shared_signal_uncertainty("A' cross section", 0.1, Constraint::LogNormal)
            .build()
            .unwrap()
    }

    #[test]
    fn patches_are_scaled_to_total_signal_events() {
        let dir = std::env::temp_dir().join(format!("aprime-lk-{}", std::process::id()));
        let mut st = Staging::new(&dir.join("out")).unwrap();
        let models = [
            MassModel {
                mass_gev: 0.0167,
                model: model(3e10),
            },
            MassModel {
                mass_gev: 0.1,
                model: model(2e9),
            },
        ];
        assert!(!has_signal(&[0.0, 0.0]) && has_signal(&[0.0, 1e9]));
        let info = LikelihoodInfo {
            config: "na64-2016",
            description: "test",
            cl: 0.9,
            blind: false,
        };
        let lk = write_likelihood(&mut st, &info, &models, &[2.0])
            .unwrap()
            .unwrap();
        assert_eq!(lk.patches.len(), 2);
        assert_eq!(lk.masses_without_signal, vec![2.0]);
        assert_eq!(lk.channels, vec!["I", "II"]);
        // n = 0, b = 0.084: pyhf's default range suffices.
        assert_eq!(lk.poi_upper, 10.0);
        let ps: serde_json::Value = serde_json::from_str(&lk.files[1].1).unwrap();
        let p = &ps["patches"][0];
        assert_eq!(p["metadata"]["name"], "mass_16p7MeV");
        assert!((p["metadata"]["eps2_per_mu"].as_f64().unwrap() * 3e10 - 1.0).abs() < 1e-15);
        // Signal of run I at μ = 1: 0.6 of one event.
        let s = p["patch"][0]["value"]["data"][0].as_f64().unwrap();
        assert!((s - 0.6).abs() < 1e-15, "{s}");
        assert_eq!(ps["metadata"]["references"]["hepdata"], "ins0000000");
        assert!(st.dir().join("likelihood/README.txt").is_file());
        let archive = dir.join("l.tar.gz");
        write_archive(&lk, &archive).unwrap();
        assert!(std::fs::metadata(&archive).unwrap().len() > 100);
        // No mass with signal: nothing to publish.
        assert!(
            write_likelihood(&mut st, &info, &[], &[2.0])
                .unwrap()
                .is_none()
        );
        drop(st);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn poi_range_grows_with_the_counts() {
        // n = 100, b = 90: U = 100 + 5·10 + 5 = 155.
        let m = Model::builder()
            .channel("a", 100, 1.0, 90.0)
            .build()
            .unwrap();
        assert_eq!(poi_upper(&m), 155.0);
    }
}
