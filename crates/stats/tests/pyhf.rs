//! Issue 14 acceptance: the pyhf workspace and patchset written by `aprime_stats::pyhf` are
//! read by pyhf without schema or digest errors (`pyhf inspect`, `pyhf patchset verify`), give
//! our negative log-likelihood up to a constant, and pyhf's asymptotic CLs upper limit on μ
//! agrees with ours within 2 %.
//!
//! pyhf runs in the Python of `APRIME_PYTHON` (default: `<repo>/.venv/bin/python` if present,
//! else `python3`); `bash scripts/setup-python.sh` creates that environment. Without pyhf the
//! test fails: it is never skipped.

use std::path::{Path, PathBuf};
use std::process::Command;

use aprime_stats::pyhf::{
    Hypothesis, Measurement, PatchSetInfo, background_workspace, parameter_names, patchset,
};
use aprime_stats::{
    Asymptotic, Constraint, LimitResult, Model, Nuisance, ProfileLikelihood, upper_limit,
};
use serde_json::{Value, json};
use statrs::function::gamma::ln_gamma;

/// NA64 sets 90 % CL limits (paper 002 §IX).
const CL: f64 = 0.9;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("APRIME_PYTHON") {
        return p.into();
    }
    let venv = repo_root().join(".venv/bin/python");
    if venv.exists() {
        venv
    } else {
        "python3".into()
    }
}

fn require_pyhf(py: &Path) {
    let ok = Command::new(py)
        .args(["-c", "import pyhf, scipy, click"])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        ok,
        "pyhf is not importable by {}: run `bash scripts/setup-python.sh` (or set APRIME_PYTHON)",
        py.display()
    );
}

/// Independent log-normal uncertainties of one yield merged into one, as the limits pipeline
/// does (crates/limits/src/combine.rs): ln κ = √Σ ln²(1 + r_k).
fn merged(r: &[f64]) -> f64 {
    r.iter()
        .map(|x| x.ln_1p().powi(2))
        .sum::<f64>()
        .sqrt()
        .exp_m1()
}

/// The 2016 runs as the na64-2016 preset describes them (paper 002 §VIII–IX): n = 0,
/// b = 0.043 ± 0.017, 0.041 ± 0.020, 0.010 ± 0.003, the A' cross section (10 %, Table III)
/// correlated across runs, the per-run signal systematics (EOT, selections, reweighting,
/// thresholds: 2, 4, 2, 7, 3, 2 %) merged per run; a total signal `total` at μ = 1 split
/// 0.53 / 0.26 / 0.21 between the runs.
fn na64_2016(total: f64) -> Model {
    let runs = [
        ("I", 0.53, 0.043, 0.017),
        ("II", 0.26, 0.041, 0.020),
        ("III", 0.21, 0.010, 0.003),
    ];
    let mut b = Model::builder();
    for (name, frac, bkg, _) in runs {
        b = b.channel(name, 0, frac * total, bkg);
    }
    let unc: Vec<f64> = runs.iter().map(|r| r.3).collect();
    b = b
        .background_uncertainties(&unc, Constraint::LogNormal)
        .unwrap()
        .shared_signal_uncertainty("A' cross section", 0.10, Constraint::LogNormal);
    let run_syst = merged(&[0.02, 0.04, 0.02, 0.07, 0.03, 0.02]);
    for (i, (name, ..)) in runs.iter().enumerate() {
        let n = Nuisance::log_normal(format!(
            "EOT + primary e- selection + ECAL selection + ECAL spectrum reweighting + V2 threshold + HCAL threshold [{name}]"
        ))
        .on_signal(i, run_syst);
        b = b.nuisance(n);
    }
    b.build().unwrap()
}

/// Larger counts, where the asymptotic formulae hold: three channels with n = 50, 30, 8 and
/// b = 45 ± 5 (log-normal), 33 ± 4 and 6 ± 2 (Gaussian; r = 1/3 needs the α ≥ −3 bound),
/// a 10 % correlated log-normal signal uncertainty and a 25 % Gaussian one on channel B (its
/// α ≥ −4 bound comes with the patch: an `add` to the measurement parameters).
fn large_counts(total: f64) -> Model {
    Model::builder()
        .channel("A", 50, 0.5 * total, 45.0)
        .channel("B", 30, 0.3 * total, 33.0)
        .channel("C", 8, 0.2 * total, 6.0)
        .background_uncertainties(&[5.0, 0.0, 0.0], Constraint::LogNormal)
        .unwrap()
        .nuisance(Nuisance::gaussian("bkg_B").on_background(1, 4.0 / 33.0))
        .nuisance(Nuisance::gaussian("bkg_C").on_background(2, 2.0 / 6.0))
        .shared_signal_uncertainty("signal", 0.10, Constraint::LogNormal)
        .nuisance(Nuisance::gaussian("trigger [B]").on_signal(1, 0.25))
        .build()
        .unwrap()
}

struct Case {
    name: &'static str,
    measurement: Measurement,
    info: PatchSetInfo,
    /// (patch name, coordinates, model)
    hypotheses: Vec<(String, Vec<f64>, Model)>,
}

fn cases() -> Vec<Case> {
    let na64 = vec![(0.002, 6.0), (0.0167, 3.0), (0.1, 1.5)]
        .into_iter()
        .map(|(m, s)| {
            let model = na64_2016(s);
            let h = Hypothesis::at_mass(m, &model);
            (h.name, h.values, model)
        })
        .collect();
    let large = [10.0, 25.0]
        .into_iter()
        .map(|s| (format!("signal_{s}"), vec![s], large_counts(s)))
        .collect();
    vec![
        Case {
            name: "na64_2016",
            measurement: Measurement::named("na64_2016"),
            info: PatchSetInfo::mass_scan("na64_2016", "A' signal per unit mu", "ins0000000"),
            hypotheses: na64,
        },
        Case {
            name: "large_counts",
            measurement: Measurement::named("large_counts").poi_upper_bound(30.0),
            info: PatchSetInfo {
                name: "large_counts".into(),
                description: "signal events at mu = 1".into(),
                labels: vec!["total_signal".into()],
                hepdata_record: "ins0000000".into(),
            },
            hypotheses: large,
        },
    ]
}

/// Parameter points (μ, θ) at which the likelihoods are compared: nominal, two spread-out
/// points, μ = 0, the best fit and the conditional fit at the median expected limit.
fn points(model: &Model, mu_limit: f64) -> Vec<(f64, Vec<f64>)> {
    let k = model.nuisances().len();
    let spread = [0.3, -0.8, 1.2, -0.4, 0.9, -1.3, 0.6, -0.2];
    let lik = ProfileLikelihood::new(model);
    let (mu_hat, theta_hat) = lik.best_fit();
    let (_, theta_cond) = lik.profile(mu_limit);
    vec![
        (0.5 * mu_limit, vec![0.0; k]),
        (
            1.3 * mu_limit,
            (0..k).map(|j| spread[j % spread.len()]).collect(),
        ),
        (0.0, (0..k).map(|j| -1.1 + 0.37 * j as f64).collect()),
        (
            2.0 * mu_limit,
            (0..k)
                .map(|j| if j % 2 == 0 { 1.5 } else { -1.5 })
                .collect(),
        ),
        (mu_hat, theta_hat),
        (mu_limit, theta_cond),
    ]
}

fn point_json(poi: &str, names: &[String], mu: f64, theta: &[f64]) -> Value {
    let mut m = serde_json::Map::new();
    m.insert(poi.into(), json!(mu));
    for (n, t) in names.iter().zip(theta) {
        m.insert(n.clone(), json!(t));
    }
    Value::Object(m)
}

/// −ln L_pyhf − NLL_ours: Σ_i [ln n_i! + n_i − n_i ln n_i] + N_θ ln √(2π) (Poisson terms in
/// full against half the deviance; normalised unit Gaussians against ½θ²).
fn nll_offset(model: &Model) -> f64 {
    let poisson: f64 = model
        .channels()
        .iter()
        .map(|c| {
            let n = c.observed as f64;
            let nlnn = if n > 0.0 { n * n.ln() } else { 0.0 };
            ln_gamma(n + 1.0) + n - nlnn
        })
        .sum();
    poisson + model.nuisances().len() as f64 * 0.5 * (2.0 * std::f64::consts::PI).ln()
}

fn our_limit(model: &Model) -> LimitResult {
    upper_limit(&Asymptotic::new(model), CL, true, 1e-7).unwrap()
}

#[test]
fn pyhf_reads_our_likelihood_and_agrees() {
    let py = python();
    require_pyhf(&py);
    let dir = std::env::temp_dir().join(format!("aprime-pyhf-{}", std::process::id()));
    let cases = cases();
    let mut request = Vec::new();
    // Per case and hypothesis: our NLL at the points and our limit.
    let mut ours: Vec<Vec<(Vec<f64>, f64, LimitResult)>> = Vec::new();
    for case in &cases {
        let out = dir.join(case.name).join("likelihood");
        std::fs::create_dir_all(&out).unwrap();
        let ws = background_workspace(&case.hypotheses[0].2, &case.measurement).unwrap();
        let hyps: Vec<Hypothesis<'_>> = case
            .hypotheses
            .iter()
            .map(|(n, v, m)| {
                // Extra patch metadata (schema: additionalProperties) must pass pyhf too.
                Hypothesis::new(n.clone(), v.clone(), m)
                    .annotate("signal_events_at_mu_1", m.total_signal())
            })
            .collect();
        let ps = patchset(&ws, &hyps, &case.info).unwrap();
        std::fs::write(out.join("workspace.json"), ws.to_pretty_string()).unwrap();
        std::fs::write(out.join("patchset.json"), ps.to_pretty_string()).unwrap();
        let mut hyp_req = Vec::new();
        let mut hyp_ours = Vec::new();
        for (name, _, model) in &case.hypotheses {
            let limit = our_limit(model);
            let pts = points(model, limit.expected.unwrap().median);
            let names = parameter_names(model).unwrap();
            let lik = ProfileLikelihood::new(model);
            let nll: Vec<f64> = pts.iter().map(|(mu, th)| lik.nll(*mu, th)).collect();
            let offset = nll_offset(model);
            hyp_req.push(json!({
                "patch": name,
                "points": pts.iter().map(|(mu, th)| point_json(&case.measurement.poi, &names, *mu, th)).collect::<Vec<_>>(),
            }));
            hyp_ours.push((nll, offset, limit));
        }
        request.push(json!({
            "name": case.name,
            "workspace": out.join("workspace.json"),
            "patchset": out.join("patchset.json"),
            "cl": CL,
            "hypotheses": hyp_req,
        }));
        ours.push(hyp_ours);
    }
    let req_path = dir.join("request.json");
    std::fs::write(&req_path, json!({"cases": request}).to_string()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pyhf_check.py");
    let run = Command::new(&py)
        .arg(&script)
        .arg(&req_path)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "pyhf_check.py failed on {}:\n{}",
        dir.display(),
        String::from_utf8_lossy(&run.stderr)
    );
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    println!("pyhf {}", report["pyhf_version"]);
    println!(
        "{:<13} {:<13} {:<8} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "case",
        "hypothesis",
        "interp",
        "dNLL rel",
        "const",
        "mu ours",
        "mu pyhf",
        "rel",
        "med ours",
        "exp rel"
    );
    for (case, (c_rep, c_ours)) in cases
        .iter()
        .zip(report["cases"].as_array().unwrap().iter().zip(&ours))
    {
        for ((name, _, _), (h_rep, (nll, offset, limit))) in case
            .hypotheses
            .iter()
            .zip(c_rep["hypotheses"].as_array().unwrap().iter().zip(c_ours))
        {
            for interp in ["exact", "default"] {
                let label = format!("{} {name} ({interp} interpolation)", case.name);
                let row = compare(
                    &label,
                    &h_rep[interp],
                    nll,
                    *offset,
                    limit,
                    interp == "exact",
                );
                println!(
                    "{:<13} {:<13} {:<8} {:>9.1e} {:>9.1e} {:>9.5} {:>9.5} {:>9.1e} {:>9.5} {:>9.1e}",
                    case.name,
                    name,
                    interp,
                    row.nll_rel,
                    row.offset,
                    limit.observed,
                    row.observed,
                    row.observed_rel,
                    limit.expected.unwrap().median,
                    row.expected_rel
                );
            }
        }
    }
    if std::env::var_os("APRIME_KEEP_PYHF").is_none() {
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// Largest deviations of one hypothesis under one pyhf interpolation setting.
struct Agreement {
    /// max |ΔNLL_ours − ΔNLL_pyhf| / max(|ΔNLL_ours|, 10⁻³) over the points (Δ against point 0).
    nll_rel: f64,
    /// max |−ln L_pyhf − NLL_ours − offset| over the points.
    offset: f64,
    /// pyhf's observed limit on μ.
    observed: f64,
    /// pyhf / ours − 1 of the observed limit.
    observed_rel: f64,
    /// max |pyhf / ours − 1| over the expected band.
    expected_rel: f64,
}

/// Compare pyhf's numbers with ours. With the exact interpolation codes (normsys code 1,
/// histosys code 0) the likelihoods are the same function: the offset is the derived constant
/// to 10⁻⁹ and differences agree to 10⁻⁹. With pyhf's default codes (4 and 4p, polynomial for
/// |α| < 1) they differ by ≲ 10⁻⁷ relative for κ ≤ 1.5: differences must agree to 10⁻⁶ (the
/// issue's requirement). Limits: within 2 % (issue 14 acceptance) in both.
fn compare(
    label: &str,
    rep: &Value,
    nll: &[f64],
    offset: f64,
    limit: &LimitResult,
    exact: bool,
) -> Agreement {
    let theirs: Vec<f64> = rep["nll"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    let tol = if exact { 1e-9 } else { 1e-6 };
    let mut nll_rel: f64 = 0.0;
    let mut worst_offset: f64 = 0.0;
    for j in 0..nll.len() {
        let d_ours = nll[j] - nll[0];
        let d_theirs = theirs[j] - theirs[0];
        let rel = (d_ours - d_theirs).abs() / d_ours.abs().max(1e-3);
        nll_rel = nll_rel.max(rel);
        assert!(
            rel <= tol,
            "{label} point {j}: ΔNLL ours {d_ours} pyhf {d_theirs}"
        );
        let off = theirs[j] - nll[j] - offset;
        worst_offset = worst_offset.max(off.abs());
        if exact {
            assert!(
                off.abs() < 1e-9 * (1.0 + theirs[j].abs()),
                "{label} point {j}: constant off by {off}"
            );
        }
    }
    let observed = rep["observed"].as_f64().unwrap();
    let observed_rel = observed / limit.observed - 1.0;
    assert!(
        observed_rel.abs() < 0.02,
        "{label}: observed μ_up ours {} pyhf {observed}",
        limit.observed
    );
    let band = limit.expected.unwrap().to_array();
    let mut expected_rel: f64 = 0.0;
    for (k, e) in rep["expected"].as_array().unwrap().iter().enumerate() {
        let r = e.as_f64().unwrap() / band[k] - 1.0;
        expected_rel = expected_rel.max(r.abs());
        assert!(
            r.abs() < 0.02,
            "{label}: expected[{k}] ours {} pyhf {e}",
            band[k]
        );
    }
    Agreement {
        nll_rel,
        offset: worst_offset,
        observed,
        observed_rel,
        expected_rel,
    }
}
