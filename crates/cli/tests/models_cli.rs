//! `aprime run --config <model config>` for every model other than the dark photon (issue 10,
//! docs/models.md): the full output set with the model and its coupling named, `limits.csv`
//! pinned like the dark photon's (tests/golden/models/<model>/, written with APRIME_BLESS=1;
//! regenerate only for a deliberate change of the physics or the format), the statistics redone
//! from the saved yields, and bad model input failing on one line.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Reduced statistics: one light mass and one in the resonance region.
const MASSES: &str = "0.005,0.25";
const EVENTS: &str = "400";

fn aprime(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aprime"))
        .args(args)
        .output()
        .expect("aprime runs")
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("aprime-models-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The configuration of `model`: the Z' presets as they are, the ε-models the na64-2016 preset
/// with `production.model` set.
fn config_text(model: &str) -> String {
    let preset = |name| aprime_experiment::presets::text(name).unwrap().to_string();
    match model {
        "lmu-ltau" => preset("na64-lmu-ltau-2016-2018"),
        "b-l" => preset("na64-b-l-2016-2021"),
        _ => preset("na64-2016").replacen(
            "[production]\n",
            &format!("[production]\nmodel = \"{model}\"\n"),
            1,
        ),
    }
}

/// An electron configuration turned into a muon-beam one: the particle, and the signal box cut
/// on the scattered-muon momentum instead of the ECAL energy (issue 11).
fn muon_beam(text: &str) -> String {
    text.replacen("particle = \"electron\"", "particle = \"muon\"", 1)
        .replacen("e_ecal_max_gev = ", "muon_momentum_max_gev = ", 1)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run_model(model: &str) {
    let dir = tmp(model);
    let cfg = dir.join(format!("{model}.toml"));
    std::fs::write(&cfg, config_text(model)).unwrap();
    let out = dir.join("out");
    let o = aprime(&[
        "run",
        "--config",
        cfg.to_str().unwrap(),
        "--events",
        EVENTS,
        "--masses",
        MASSES,
        "--seed",
        "7",
        "--quiet",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "{model}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let z_prime = matches!(model, "lmu-ltau" | "b-l");
    let p = if z_prime { "g" } else { "eps" };
    let stem = if z_prime {
        "g_limits"
    } else {
        "epsilon_limits"
    };
    // The full output set of a model (the dark-matter planes and Table V are dark-photon only).
    for f in [
        "limits.csv".to_string(),
        "limits.json".into(),
        "ecal_cut_scan.csv".into(),
        "yields.json".into(),
        "config.toml".into(),
        "manifest.json".into(),
        "hepdata/submission.yaml".into(),
        format!("hepdata/{stem}.yaml"),
        "plots/exclusion.png".into(),
        "plots/exclusion.svg".into(),
        "plots/kfactor.png".into(),
        "plots/aprime_spectra.png".into(),
        "plots/ecal_cut_scan.png".into(),
    ] {
        assert!(out.join(&f).is_file(), "{model}: {f} missing");
    }
    for f in ["dm_limits.csv", "table_v.csv", "plots/dm_y.png"] {
        assert!(!out.join(f).exists(), "{model}: {f} written");
    }
    // limits.csv names the coupling and adds BR(invisible).
    let limits = read(&out.join("limits.csv"));
    let head = limits.lines().next().unwrap();
    assert_eq!(
        head,
        format!(
            "mass_gev,{p}_observed,{p}_expected_median,{p}_expected_m1,{p}_expected_p1,\
             {p}_expected_m2,{p}_expected_p2,yield_per_eot_per_{p}2,signal_events_per_{p}2,\
             calculator,br_invisible"
        )
    );
    assert_eq!(limits.lines().count(), 3);
    // The JSON outputs carry the model.
    let quoted = format!("\"model\": \"{model}\"");
    for f in ["limits.json", "manifest.json", "yields.json"] {
        assert!(read(&out.join(f)).contains(&quoted), "{model}: {f}");
    }
    assert!(read(&out.join("config.toml")).contains(&format!("model = \"{model}\"")));
    // The HEPData record names the model and the coupling.
    let sub = read(&out.join("hepdata/submission.yaml"));
    assert!(sub.contains(&format!("model '{model}'")), "{sub}");
    let table = read(&out.join(format!("hepdata/{stem}.yaml")));
    let coupling = if z_prime { "g_{Z'}" } else { "\\epsilon" };
    assert!(table.contains(coupling) && table.contains(model), "{table}");
    // The plot names the coupling on its axis and the model in its title.
    let svg = read(&out.join("plots/exclusion.svg")).replace("&apos;", "'");
    assert!(svg.contains(if z_prime { "g_Z'" } else { "ε" }));
    let title = match model {
        "lmu-ltau" => "L_μ−L_τ Z' → νν̄",
        "b-l" => "B−L Z' → νν̄",
        "scalar" => "scalar S → invisible",
        "pseudoscalar" => "pseudoscalar P → invisible",
        _ => "axial vector A → invisible",
    };
    assert!(svg.contains(title), "{model}: title without '{title}'");
    if model == "lmu-ltau" {
        assert!(
            svg.contains("(g−2)_μ") && svg.contains("2021"),
            "no g−2 band"
        );
    }
    // Pinned numbers (reduced statistics; the physics is checked by the library tests).
    let golden = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/models")
        .join(model);
    if std::env::var("APRIME_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(&golden).unwrap();
        std::fs::write(golden.join("limits.csv"), &limits).unwrap();
    } else {
        assert!(
            limits == read(&golden.join("limits.csv")),
            "{model}: limits.csv differs from tests/golden/models/{model}/limits.csv (kept in {})",
            out.display()
        );
    }
    // The statistics redone from the saved yields give the same limits.
    let again = dir.join("again");
    let o = aprime(&[
        "limits",
        "--yields",
        out.join("yields.json").to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
        "--seed",
        "7",
        "--quiet",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(limits, read(&again.join("limits.csv")));
    // Yields of one model do not pass for another.
    let other = dir.join("other.toml");
    let other_model = if model == "b-l" { "lmu-ltau" } else { "b-l" };
    std::fs::write(&other, config_text(other_model)).unwrap();
    let o = aprime(&[
        "limits",
        "--yields",
        out.join("yields.json").to_str().unwrap(),
        "--config",
        other.to_str().unwrap(),
        "--quiet",
        "--out",
        dir.join("no").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && err.contains(other_model), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn scalar_run_writes_the_full_output_set() {
    run_model("scalar");
}

#[test]
fn pseudoscalar_run_writes_the_full_output_set() {
    run_model("pseudoscalar");
}

#[test]
fn axial_run_writes_the_full_output_set() {
    run_model("axial");
}

#[test]
fn lmu_ltau_run_writes_the_full_output_set() {
    run_model("lmu-ltau");
}

#[test]
fn b_l_run_writes_the_full_output_set() {
    run_model("b-l");
}

/// `aprime run --config` on `text` fails with a one-line message containing every `needle`.
fn fails_on_one_line(name: &str, text: &str, needles: &[&str]) {
    let dir = tmp(name);
    let cfg = dir.join("cfg.toml");
    std::fs::write(&cfg, text).unwrap();
    let out = dir.join("out");
    let o = aprime(&[
        "run",
        "--config",
        cfg.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{name}: succeeded");
    assert_eq!(err.trim_end().lines().count(), 1, "{name}: {err}");
    for n in needles {
        assert!(err.contains(n), "{name}: '{n}' not in {err}");
    }
    assert!(!err.contains("panicked") && !out.exists(), "{err}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_model_input_fails_on_one_line() {
    // Unknown model: the physics core's message with the valid names.
    fails_on_one_line(
        "unknown",
        &config_text("tensor"),
        &["cfg.toml", "unknown model 'tensor'", "lmu-ltau, b-l"],
    );
    // A model/projectile combination the pipeline does not implement: the muon transport
    // radiates the vector-coupled bosons only (issue 11).
    fails_on_one_line(
        "muon",
        &muon_beam(&config_text("scalar")),
        &[
            "production.model",
            "not implemented",
            "muon beam",
            "'scalar'",
        ],
    );
    // A χ the physics core does not implement for that mediator.
    fails_on_one_line(
        "chi",
        &config_text("pseudoscalar").replacen("chi = \"fermion\"", "chi = \"scalar\"", 1),
        &[
            "production.model",
            "not implemented",
            "scalar χ",
            "'pseudoscalar'",
        ],
    );
}

// ---- `--model` on the command line (xsec, kfactor, yield, run, limits) ----------------------

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, Method, XsecOptions, total_pb};
use aprime_physics::model::{Lepton, Mediator};
use serde_json::Value;

fn ok(args: &[&str]) -> String {
    let o = aprime(args);
    assert!(
        o.status.success(),
        "aprime {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap_or_else(|e| panic!("aprime {args:?}: {e}"))
}

/// The command fails with a non-zero exit and one line on stderr containing every `needle`.
fn fails(args: &[&str], needles: &[&str]) {
    let o = aprime(args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "aprime {args:?} succeeded");
    assert_eq!(err.trim_end().lines().count(), 1, "aprime {args:?}: {err}");
    assert!(
        err.starts_with("error:") && !err.contains("panicked"),
        "{err}"
    );
    for n in needles {
        assert!(err.contains(n), "aprime {args:?}: '{n}' not in {err}");
    }
}

/// σ of the physics core at g_ℓ = e for Pb, e⁻ beam, method iww \[pb\].
fn library_iww(mediator: Mediator, e0: f64, m: f64) -> f64 {
    let p = DarkBrem::electron(Element::by_name("Pb").unwrap(), e0, m)
        .unwrap()
        .with_mediator(mediator);
    total_pb(&p, Method::Iww, &XsecOptions::default())
        .unwrap()
        .value
}

fn num(v: &Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("no number '{key}' in {v}"))
}

#[test]
fn xsec_model_vector_is_the_default_exactly() {
    // The dark photon is the default model: byte-identical output, in every format.
    for format in ["json", "csv", "table"] {
        let base = [
            "xsec",
            "--mass",
            "0.1",
            "--precision",
            "0.01",
            "--format",
            format,
        ];
        let default = ok(&base);
        let mut with = base.to_vec();
        with.extend(["--model", "vector"]);
        assert_eq!(default, ok(&with), "{format}");
    }
    let v = json(&[
        "xsec", "--mass", "0.1", "--method", "iww", "--format", "json",
    ]);
    assert_eq!(v["model"], "vector");
    assert_eq!(v["parameter"], "eps");
    assert_eq!(num(&v, "coupling"), 1.0);
    // Exactly the library's dark-photon total (the scale is 1).
    assert_eq!(
        num(&v, "sigma_pb"),
        library_iww(Mediator::Vector, 100.0, 0.1)
    );
}

#[test]
fn xsec_names_the_model_and_its_coupling() {
    // L_μ−L_τ on electrons: σ(g = 1) = σ_V(ε = 1)·(ε(m²)/g)², ε(m²)/g = 1.4940e-2 at 100 MeV
    // (docs/models.md §1, the μ/τ loop at q² = m²; models.md §2).
    let v = json(&[
        "xsec", "--mass", "0.1", "--method", "iww", "--model", "lmu-ltau", "--format", "json",
    ]);
    assert_eq!(v["model"], "lmu-ltau");
    assert_eq!(v["parameter"], "g");
    let ratio = num(&v, "sigma_pb") / library_iww(Mediator::Vector, 100.0, 0.1);
    assert!(
        (ratio / 1.4940e-2_f64.powi(2) - 1.0).abs() < 1e-3,
        "{ratio}"
    );
    assert!((num(&v, "sigma_scale") - ratio).abs() < 1e-12 * ratio);
    let table = ok(&[
        "xsec", "--mass", "0.1", "--method", "iww", "--model", "lmu-ltau",
    ]);
    let head = table.lines().next().unwrap();
    for label in ["model", "m_Z' [GeV]", "σ(g_Z'=1) [pb/atom]", "δσ [pb/atom]"] {
        assert!(head.contains(label), "'{label}' not in {head}");
    }
    assert!(table.contains("lmu-ltau"));
    let scalar = ok(&[
        "xsec", "--mass", "0.1", "--method", "iww", "--model", "scalar",
    ]);
    assert!(scalar.lines().next().unwrap().contains("m_S [GeV]"));
    assert!(scalar.contains("σ(ε=1) [pb/atom]"));
    // --coupling: σ ∝ coupling².
    let at = |c: &str| {
        num(
            &json(&[
                "xsec",
                "--mass",
                "0.1",
                "--method",
                "iww",
                "--model",
                "b-l",
                "--coupling",
                c,
                "--format",
                "json",
            ]),
            "sigma_pb",
        )
    };
    let (one, small) = (at("1"), at("1e-3"));
    assert!((small / one / 1e-6 - 1.0).abs() < 1e-12);
    // B−L: g_e = −g, so σ(g = 1) = σ_V/(4πα) (docs/models.md §1).
    let alpha = aprime_physics::constants::ALPHA;
    let bl = one * 4.0 * std::f64::consts::PI * alpha / library_iww(Mediator::Vector, 100.0, 0.1);
    assert!((bl - 1.0).abs() < 1e-12, "{bl}");
}

#[test]
fn xsec_model_all_prints_every_model_side_by_side() {
    let v = json(&[
        "xsec", "--model", "all", "--mass", "0.01,0.1", "--energy", "100", "--method", "iww",
        "--format", "json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(v["models"].as_array().unwrap().len(), Mediator::ALL.len());
    for (row, m) in rows.iter().zip([0.01, 0.1]) {
        assert_eq!(num(row, "mass_gev"), m);
        for model in Mediator::ALL {
            let s = num(row, &format!("sigma_{model}_pb"));
            let unit = library_iww(model, 100.0, m);
            let scale = model.sigma_scale(Lepton::Electron, m).unwrap();
            assert!((s / (unit * scale) - 1.0).abs() < 1e-12, "{model} {m}: {s}");
        }
    }
    // IWW S/V and P/V at E0 = 100 GeV, m = 100 MeV: 0.4481 and 0.4480 (docs/models.md §3).
    let r = &rows[1];
    let v_pb = num(r, "sigma_vector_pb");
    assert!((num(r, "sigma_scalar_pb") / v_pb / 0.4481 - 1.0).abs() < 2e-3);
    assert!((num(r, "sigma_pseudoscalar_pb") / v_pb / 0.4480 - 1.0).abs() < 2e-3);
    // One row per (mass, energy), mass-major; one σ and one δσ column per model in CSV.
    let csv = ok(&[
        "xsec", "--model", "all", "--mass", "0.01,0.1", "--energy", "50,100", "--method", "iww",
        "--format", "csv",
    ]);
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(head.len(), 2 + 2 * Mediator::ALL.len());
    assert_eq!(
        &head[..4],
        [
            "mass_gev",
            "energy_gev",
            "sigma_vector_pb",
            "sigma_error_vector_pb"
        ]
    );
    assert!(head.contains(&"sigma_lmu-ltau_pb") && head.contains(&"sigma_b-l_pb"));
    assert_eq!(lines.count(), 4);
    // The text table: one σ column per model with its coupling, and the convention footnote.
    let table = ok(&["xsec", "--model", "all", "--mass", "0.1", "--method", "iww"]);
    let head = table.lines().next().unwrap();
    for model in Mediator::ALL {
        assert!(
            head.contains(&format!("{model} σ(")),
            "{model} not in {head}"
        );
    }
    assert!(head.contains("vector σ(ε=1) [pb]") && head.contains("b-l σ(g_Z'=1) [pb]"));
    assert!(table.contains("ε = 1 (g_ℓ = ε·e)") && table.contains("g = 1 for lmu-ltau, b-l"));
}

#[test]
fn xsec_beams_and_differential() {
    // A lepton and its antilepton radiate alike (docs/models.md §1): identical numbers.
    let of = |p: &str| {
        num(
            &json(&[
                "xsec",
                "--mass",
                "0.1",
                "--method",
                "iww",
                "--model",
                "axial",
                "--projectile",
                p,
                "--format",
                "json",
            ]),
            "sigma_pb",
        )
    };
    assert_eq!(of("electron"), of("positron"));
    assert_eq!(of("muon"), of("antimuon"));
    // The longitudinal axial mode dominates for muons below m_μ (docs/models.md §4: A/V = 31
    // at 10 MeV, 160 GeV, ETL); with IWW the ratio is as large.
    let mu = |model: &str| {
        num(
            &json(&[
                "xsec",
                "--mass",
                "0.01",
                "--energy",
                "160",
                "--method",
                "iww",
                "--model",
                model,
                "--projectile",
                "muon",
                "--format",
                "json",
            ]),
            "sigma_pb",
        )
    };
    let r = mu("axial") / mu("vector");
    assert!(r > 20.0 && r < 40.0, "A/V for muons at 10 MeV: {r}");
    // dσ/dx side by side: every model on the same x grid, JSON rows carry the models.
    let v = json(&[
        "xsec",
        "--model",
        "all",
        "--mass",
        "0.1",
        "--method",
        "iww",
        "--differential",
        "--x-points",
        "3",
        "--format",
        "json",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    // Spin-0 spectra are harder: S/V grows toward x → 1 (docs/models.md §3–4).
    let sv = |r: &Value| num(r, "dsigma_dx_scalar_pb") / num(r, "dsigma_dx_vector_pb");
    assert!(sv(&rows[2]) > sv(&rows[0]), "{v}");
    let one = json(&[
        "xsec",
        "--model",
        "scalar",
        "--mass",
        "0.1",
        "--method",
        "iww",
        "--differential",
        "--x-points",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(one[0]["model"], "scalar");
}

#[test]
fn kfactor_and_yield_take_the_model() {
    // k = σ_WW/σ_exact for the scalar at 100 MeV, 100 GeV: 8.877e9/6.119e9 = 1.451
    // (docs/models.md §4).
    let v = json(&[
        "kfactor",
        "--model",
        "scalar",
        "--masses",
        "0.1",
        "--energies",
        "100",
        "--reference",
        "exact",
        "--quiet",
        "--format",
        "json",
    ]);
    let r = &v[0];
    assert_eq!(r["model"], "scalar");
    assert!((num(r, "k") / 1.451 - 1.0).abs() < 0.01, "{r}");
    assert!((num(r, "sigma_ww_pb") / 8.877e9 - 1.0).abs() < 0.01, "{r}");
    let table = ok(&[
        "kfactor",
        "--model",
        "lmu-ltau",
        "--masses",
        "0.1",
        "--energies",
        "100",
        "--reference",
        "exact",
        "--quiet",
    ]);
    assert!(table.contains("σ_WW(g_Z'=1) [pb/atom]") && table.contains("m_Z' [GeV]"));
    assert!(table.contains("model lmu-ltau"), "{table}");
    // k does not depend on the coupling: the Z' k equals the dark photon's.
    let k = |model: &str| {
        num(
            &json(&[
                "kfactor",
                "--model",
                model,
                "--masses",
                "0.1",
                "--energies",
                "100",
                "--reference",
                "exact",
                "--quiet",
                "--format",
                "json",
            ])[0],
            "k",
        )
    };
    assert_eq!(k("b-l"), k("vector"));

    // Yields: the model's showers (IWW tables, 1000 EOT). S/V at 20 MeV lies inside the range of
    // σ_S/σ_V over the shower energies, ≈ 0.47 (docs/models.md §8: 0.472 on Pb).
    let y = |model: &str| {
        json(&[
            "yield",
            "--mass",
            "0.02",
            "--events",
            "1000",
            "--method",
            "iww",
            "--no-annihilation",
            "--model",
            model,
            "--quiet",
            "--format",
            "json",
        ])
    };
    let (s, v) = (y("scalar"), y("vector"));
    assert_eq!(s["model"], "scalar");
    assert_eq!(v["model"], "vector");
    let ratio = num(&s, "yield_per_eot_per_eps2") / num(&v, "yield_per_eot_per_eps2");
    assert!(ratio > 0.40 && ratio < 0.52, "S/V yield {ratio}");
    // Z': yield per g² = yield per ε_e² · sigma_scale (docs/models.md §1).
    let z = y("lmu-ltau");
    let scale = Mediator::LmuLtau
        .sigma_scale(Lepton::Electron, 0.02)
        .unwrap();
    assert_eq!(
        num(&z, "yield_per_eot_per_eps2"),
        num(&v, "yield_per_eot_per_eps2")
    );
    assert!(
        (num(&z, "yield_per_eot_per_g2") / (num(&z, "yield_per_eot_per_eps2") * scale) - 1.0).abs()
            < 1e-12
    );
    let table = ok(&[
        "yield", "--mass", "0.02", "--events", "300", "--method", "iww", "--model", "b-l",
        "--quiet",
    ]);
    assert!(
        table.contains("N_Z'/EOT/ε_e²") && table.contains("N_Z'/EOT/g²"),
        "{table}"
    );
    assert!(table.contains("model b-l"));
}

#[test]
fn bad_model_options_fail_on_one_line() {
    let valid = "valid: vector, scalar, pseudoscalar, axial, lmu-ltau, b-l";
    for cmd in [
        &["xsec", "--mass", "0.1"][..],
        &["kfactor"],
        &["yield", "--mass", "0.1"],
        &["run"],
        &["limits", "--yields", "y.json"],
    ] {
        let mut args = cmd.to_vec();
        args.extend(["--model", "tensor"]);
        fails(&args, &["unknown model 'tensor'", valid]);
    }
    // `all` is the comparison of `xsec` only.
    fails(
        &["yield", "--mass", "0.1", "--model", "all"],
        &["--model all", "xsec"],
    );
    fails(&["run", "--model", "all"], &["--model all"]);
    // Couplings outside the model's range: ε ≤ 1, g ≤ √(4π).
    fails(
        &[
            "xsec",
            "--mass",
            "0.1",
            "--model",
            "scalar",
            "--coupling",
            "2",
        ],
        &["--coupling", "eps = 2", "(0, 1]", "'scalar'"],
    );
    fails(
        &["xsec", "--mass", "0.1", "--model", "b-l", "--coupling", "4"],
        &["g = 4", "'b-l'"],
    );
    fails(
        &["xsec", "--mass", "0.1", "--coupling", "-1e-3"],
        &["eps = -0.001"],
    );
    fails(
        &["xsec", "--mass", "0.1", "--model", "all", "--coupling", "2"],
        &["eps = 2"],
    );
    fails(
        &["xsec", "--mass", "0.1", "--projectile", "tau"],
        &["unknown projectile 'tau'"],
    );
    fails(
        &["xsec", "--mass", "0.1,0.2", "--differential"],
        &["--differential needs one --mass"],
    );
    // Model/beam combinations the pipeline does not implement, and χ, checked as the
    // configuration's `model =` is.
    let dir = tmp("cli-combinations");
    let muon = dir.join("muon.toml");
    std::fs::write(&muon, muon_beam(&config_text("vector"))).unwrap();
    let out = dir.join("out");
    let (muon_s, out_s) = (muon.to_str().unwrap(), out.to_str().unwrap());
    fails(
        &[
            "run", "--config", muon_s, "--model", "scalar", "--out", out_s, "--quiet",
        ],
        &["not implemented", "muon beam", "'scalar'"],
    );
    let chi = dir.join("chi.toml");
    std::fs::write(
        &chi,
        config_text("vector").replacen("chi = \"fermion\"", "chi = \"scalar\"", 1),
    )
    .unwrap();
    fails(
        &[
            "run",
            "--config",
            chi.to_str().unwrap(),
            "--model",
            "axial",
            "--out",
            out_s,
            "--quiet",
        ],
        &["not implemented", "scalar χ", "'axial'"],
    );
    fails(
        &[
            "yield",
            "--mass",
            "0.1",
            "--events",
            "10",
            "--model",
            "pseudoscalar",
            "--scalar",
            "--quiet",
        ],
        &["not implemented", "scalar χ", "'pseudoscalar'"],
    );
    assert!(!out.exists());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn xsec_help_states_the_model_conventions() {
    let help = ok(&["xsec", "--help"]);
    for model in Mediator::ALL {
        assert!(
            help.contains(&format!("  {model} ")),
            "{model} not in the help"
        );
    }
    for text in [
        "g_ℓ = ε·e",
        "ln(m_τ²/m_μ²)/(12π²)",
        "q² = m_Z'²",
        "(B−L)",
        "quarks: 1/3",
        "1/(4πα)",
    ] {
        assert!(help.contains(text), "'{text}' not in the help");
    }
}

#[test]
fn run_model_scalar_from_the_command_line() {
    // `--model` overrides the preset's [production] model: the full output set with the
    // coupling ε named, and `limits --model` redoes the statistics from the saved yields.
    let dir = tmp("cli-run-scalar");
    let out = dir.join("out");
    ok(&[
        "run",
        "--model",
        "scalar",
        "--events",
        "300",
        "--masses",
        "0.01,0.1",
        "--seed",
        "3",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    for f in [
        "limits.csv",
        "limits.json",
        "ecal_cut_scan.csv",
        "yields.json",
        "config.toml",
        "manifest.json",
        "hepdata/submission.yaml",
        "hepdata/epsilon_limits.yaml",
        "plots/exclusion.png",
        "plots/exclusion.svg",
        "plots/kfactor.png",
        "plots/aprime_spectra.png",
        "plots/ecal_cut_scan.png",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert!(!out.join("dm_limits.csv").exists());
    let limits = read(&out.join("limits.csv"));
    let head = limits.lines().next().unwrap();
    assert!(
        head.starts_with("mass_gev,eps_observed,eps_expected_median,")
            && head.contains("yield_per_eot_per_eps2")
            && head.ends_with(",br_invisible"),
        "{head}"
    );
    assert_eq!(limits.lines().count(), 3);
    for f in ["limits.json", "manifest.json", "yields.json"] {
        assert!(read(&out.join(f)).contains("\"model\": \"scalar\""), "{f}");
    }
    assert!(read(&out.join("config.toml")).contains("model = \"scalar\""));
    let yields = out.join("yields.json");
    let again = dir.join("again");
    ok(&[
        "limits",
        "--yields",
        yields.to_str().unwrap(),
        "--model",
        "scalar",
        "--seed",
        "3",
        "--quiet",
        "--out",
        again.to_str().unwrap(),
    ]);
    assert_eq!(limits, read(&again.join("limits.csv")));
    // Without --model the preset's model (vector) does not match the scalar yields.
    fails(
        &[
            "limits",
            "--yields",
            yields.to_str().unwrap(),
            "--quiet",
            "--out",
            dir.join("no").to_str().unwrap(),
        ],
        &["made for the scalar model"],
    );
    std::fs::remove_dir_all(dir).ok();
}
