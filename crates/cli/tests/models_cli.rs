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
    // A model/projectile combination the pipeline does not implement.
    fails_on_one_line(
        "muon",
        &config_text("lmu-ltau").replacen("particle = \"electron\"", "particle = \"muon\"", 1),
        &[
            "production.model",
            "not implemented",
            "muon beam",
            "'lmu-ltau'",
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
