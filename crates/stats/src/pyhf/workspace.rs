//! A [`Model`] as a pyhf workspace (HistFactory JSON, schema 1.0.0): one channel per counting
//! channel with one bin, a `background` and a `signal` sample, nuisances as `normsys`
//! (log-normal) or `histosys` (Gaussian) modifiers named after the nuisance, so that a nuisance
//! acting on several channels is one correlated pyhf parameter. See the module documentation
//! of [`crate::pyhf`] for the derivation of the correspondence.

use serde_json::{Value, json};

use super::PyhfError;
use super::digest::pyhf_digest;
use crate::model::{Component, Constraint, Model};

/// Name of the background sample in every channel.
pub const BACKGROUND_SAMPLE: &str = "background";
/// Name of the signal sample in every channel.
pub const SIGNAL_SAMPLE: &str = "signal";
/// Index of the signal sample in a channel's `samples` (the background comes first).
pub(super) const SIGNAL_INDEX: usize = 1;
/// pyhf's default bound of constrained nuisance parameters, |α| ≤ 5.
const PYHF_ALPHA_BOUND: f64 = 5.0;

/// The pyhf measurement: its name and the parameter of interest with its range.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// Measurement name.
    pub name: String,
    /// Name of the parameter of interest (the `normfactor` of the signal).
    pub poi: String,
    /// Range of the parameter of interest, [0, upper]: the lower bound must be 0 (q̃ test
    /// statistic); choose the signal normalisation so that the limit lies well inside.
    pub poi_bounds: [f64; 2],
}

impl Default for Measurement {
    /// "aprime", POI `mu` in [0, 10] (pyhf's default `normfactor` range).
    fn default() -> Self {
        Self {
            name: "aprime".into(),
            poi: "mu".into(),
            poi_bounds: [0.0, 10.0],
        }
    }
}

impl Measurement {
    /// The default measurement with another name.
    pub fn named(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Upper bound of the parameter of interest.
    #[must_use]
    pub fn poi_upper_bound(mut self, upper: f64) -> Self {
        self.poi_bounds[1] = upper;
        self
    }
}

/// A pyhf workspace (HistFactory JSON) with the measurement it was built for.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    spec: Value,
    measurement: Measurement,
}

impl Workspace {
    /// The JSON document.
    pub fn json(&self) -> &Value {
        &self.spec
    }

    /// The JSON document, by value.
    pub fn into_json(self) -> Value {
        self.spec
    }

    /// The measurement it was built for.
    pub fn measurement(&self) -> &Measurement {
        &self.measurement
    }

    /// SHA-256 of the document as pyhf computes it (`pyhf digest`, `PatchSet.verify`).
    pub fn sha256(&self) -> String {
        pyhf_digest(&self.spec)
    }

    /// Indented JSON text, ready to write to `workspace.json`.
    pub fn to_pretty_string(&self) -> String {
        format!("{:#}", self.spec)
    }
}

/// `name` reduced to `[A-Za-z0-9_]`: every other character becomes `_`, runs of `_` collapse
/// and leading/trailing ones go ("2016 run I" → "2016_run_I", "eff + trig [run 2]" →
/// "eff_trig_run_2"). pyhf accepts any string, but HistFactory XML and patch names do not.
pub fn pyhf_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '_' };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// The pyhf names of a model: channels, nuisance parameters (in model order) and the POI.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Names {
    pub channels: Vec<String>,
    pub nuisances: Vec<String>,
    pub poi: String,
}

fn unique_name(
    what: &'static str,
    original: &str,
    seen: &mut Vec<(String, String)>,
) -> Result<String, PyhfError> {
    let pyhf = pyhf_name(original);
    if pyhf.is_empty() {
        return Err(PyhfError::EmptyName {
            what,
            name: original.into(),
        });
    }
    if let Some((first, _)) = seen.iter().find(|(_, p)| *p == pyhf) {
        return Err(PyhfError::NameCollision {
            what,
            first: first.clone(),
            second: original.into(),
            pyhf,
        });
    }
    seen.push((original.into(), pyhf.clone()));
    Ok(pyhf)
}

impl Names {
    pub fn of(model: &Model, poi: &str) -> Result<Self, PyhfError> {
        let mut seen = Vec::new();
        let channels = model
            .channels()
            .iter()
            .map(|c| unique_name("channel", &c.name, &mut seen))
            .collect::<Result<_, _>>()?;
        let mut seen = Vec::new();
        let poi = unique_name("parameter", poi, &mut seen)?;
        let nuisances = model
            .nuisances()
            .iter()
            .map(|n| unique_name("parameter", &n.name, &mut seen))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            channels,
            nuisances,
            poi,
        })
    }
}

/// The pyhf parameter name of every nuisance of `model`, in model order (the θ order of
/// [`ProfileLikelihood::nll`](crate::ProfileLikelihood::nll)); θ_k is pyhf's α of that name.
pub fn parameter_names(model: &Model) -> Result<Vec<String>, PyhfError> {
    Ok(Names::of(model, &Measurement::default().poi)?.nuisances)
}

/// The modifiers of one yield: `normsys` {hi: κ, lo: 1/κ} for log-normal nuisances (pyhf's
/// exponential interpolation gives κ^α for both signs of α), `histosys` {hi_data: y(1 + r),
/// lo_data: y(1 − r)} for Gaussian ones (pyhf's linear interpolation gives y(1 + rα)).
fn modifiers(
    model: &Model,
    names: &Names,
    channel: usize,
    component: Component,
    nominal: f64,
) -> Result<Vec<Value>, PyhfError> {
    let mut out = Vec::new();
    let mut gaussian = Vec::new();
    for (k, nu) in model.nuisances().iter().enumerate() {
        for e in &nu.effects {
            if e.channel != channel || e.component != component {
                continue;
            }
            let name = &names.nuisances[k];
            out.push(match nu.constraint {
                Constraint::LogNormal => {
                    let kappa = 1.0 + e.relative;
                    json!({"name": name, "type": "normsys", "data": {"hi": kappa, "lo": 1.0 / kappa}})
                }
                Constraint::Gaussian => {
                    gaussian.push(nu.name.clone());
                    json!({"name": name, "type": "histosys", "data": {
                        "hi_data": [nominal * (1.0 + e.relative)],
                        "lo_data": [nominal * (1.0 - e.relative)],
                    }})
                }
            });
        }
    }
    if gaussian.len() > 1 {
        return Err(PyhfError::GaussianProduct {
            channel: model.channels()[channel].name.clone(),
            component: match component {
                Component::Signal => "signal",
                Component::Background => "background",
            },
            nuisances: gaussian,
        });
    }
    Ok(out)
}

/// The signal sample of a channel: μ·s_i with the POI `normfactor` and the signal nuisances;
/// with `with_signal = false` the zero-yield placeholder of the background-only workspace.
fn signal_sample(
    model: &Model,
    names: &Names,
    channel: usize,
    with_signal: bool,
) -> Result<Value, PyhfError> {
    let poi = json!({"name": names.poi, "type": "normfactor", "data": null});
    if !with_signal {
        return Ok(json!({"name": SIGNAL_SAMPLE, "data": [0.0], "modifiers": [poi]}));
    }
    let s = model.channels()[channel].signal;
    let mut mods = vec![poi];
    mods.extend(modifiers(model, names, channel, Component::Signal, s)?);
    Ok(json!({"name": SIGNAL_SAMPLE, "data": [s], "modifiers": mods}))
}

/// Measurement parameter settings: the POI range (and a start inside it), and for Gaussian
/// nuisances whose largest relative effect r exceeds 1/5 the lower bound α ≥ −1/r, where our
/// truncated factor max(0, 1 + rθ) reaches 0 (pyhf has no truncation, and its default range
/// |α| ≤ 5 would let yields go negative).
fn parameter_settings(
    model: &Model,
    names: &Names,
    bounds: [f64; 2],
    with_signal: bool,
) -> Vec<Value> {
    let init = bounds[1].min(2.0) * 0.5;
    let mut out = vec![json!({"name": names.poi, "bounds": [bounds], "inits": [init]})];
    for (k, nu) in model.nuisances().iter().enumerate() {
        if nu.constraint != Constraint::Gaussian {
            continue;
        }
        // Only the effects this workspace holds: a patch adjusts the bound with the signal.
        let r_max = nu
            .effects
            .iter()
            .filter(|e| with_signal || e.component == Component::Background)
            .map(|e| e.relative)
            .fold(0.0, f64::max);
        if r_max * PYHF_ALPHA_BOUND > 1.0 {
            out.push(json!({
                "name": names.nuisances[k],
                "bounds": [[-1.0 / r_max, PYHF_ALPHA_BOUND]],
            }));
        }
    }
    out
}

fn check_bounds(m: &Measurement) -> Result<(), PyhfError> {
    let [lower, upper] = m.poi_bounds;
    if lower == 0.0 && upper > 0.0 && upper.is_finite() {
        Ok(())
    } else {
        Err(PyhfError::BadPoiBounds { lower, upper })
    }
}

/// The workspace of `model`: with its signal (`with_signal`) or background-only.
pub(super) fn build(
    model: &Model,
    measurement: &Measurement,
    with_signal: bool,
) -> Result<Workspace, PyhfError> {
    check_bounds(measurement)?;
    let names = Names::of(model, &measurement.poi)?;
    let mut channels = Vec::new();
    let mut observations = Vec::new();
    for (i, ch) in model.channels().iter().enumerate() {
        let b = ch.background;
        let background = json!({
            "name": BACKGROUND_SAMPLE,
            "data": [b],
            "modifiers": modifiers(model, &names, i, Component::Background, b)?,
        });
        let signal = signal_sample(model, &names, i, with_signal)?;
        channels.push(json!({"name": names.channels[i], "samples": [background, signal]}));
        observations.push(json!({"name": names.channels[i], "data": [ch.observed]}));
    }
    let parameters = parameter_settings(model, &names, measurement.poi_bounds, with_signal);
    let spec = json!({
        "channels": channels,
        "measurements": [{
            "name": measurement.name,
            "config": {"poi": names.poi, "parameters": parameters},
        }],
        "observations": observations,
        "version": "1.0.0",
    });
    Ok(Workspace {
        spec,
        measurement: measurement.clone(),
    })
}

/// The background-only workspace of `model` (what `likelihood/workspace.json` holds): observed
/// counts, backgrounds with their nuisances, and in every channel a zero-yield `signal` sample
/// carrying the POI, so that the workspace declares its POI and `pyhf inspect` can build it.
/// The signal of each hypothesis comes from the patchset.
pub fn background_workspace(
    model: &Model,
    measurement: &Measurement,
) -> Result<Workspace, PyhfError> {
    build(model, measurement, false)
}

/// The signal-plus-background workspace of `model`: the background-only workspace with the
/// model's signal (what applying its patch gives).
pub fn signal_workspace(model: &Model, measurement: &Measurement) -> Result<Workspace, PyhfError> {
    build(model, measurement, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Nuisance;

    fn model() -> Model {
        Model::builder()
            .channel("2016 run I", 0, 1.2, 0.043)
            .channel("2016 run II", 0, 0.6, 0.041)
            .background_uncertainties(&[0.017, 0.02], Constraint::LogNormal)
            .unwrap()
            .shared_signal_uncertainty("A' yield", 0.1, Constraint::LogNormal)
            .nuisance(Nuisance::gaussian("trigger [run II]").on_signal(1, 0.3))
            .build()
            .unwrap()
    }

    #[test]
    fn names_reduce_to_word_characters() {
        assert_eq!(pyhf_name("2016 run I"), "2016_run_I");
        assert_eq!(pyhf_name("eff + trig [run 2]"), "eff_trig_run_2");
        assert_eq!(pyhf_name("A' yield"), "A_yield");
        assert_eq!(pyhf_name("(+)"), "");
    }

    #[test]
    fn log_normal_is_normsys_kappa_and_inverse() {
        // κ = 1 + σ_b/b = 1 + 0.017/0.043 on the background of run I.
        let ws = signal_workspace(&model(), &Measurement::default()).unwrap();
        let m = &ws.json()["channels"][0]["samples"][0]["modifiers"][0];
        assert_eq!(m["type"], "normsys");
        assert_eq!(m["name"], "bkg_2016_run_I");
        let hi = m["data"]["hi"].as_f64().unwrap();
        let lo = m["data"]["lo"].as_f64().unwrap();
        assert!((hi - (1.0 + 0.017 / 0.043)).abs() < 1e-15);
        assert!((hi * lo - 1.0).abs() < 1e-15);
    }

    #[test]
    fn shared_nuisance_has_one_name_in_every_channel() {
        let ws = signal_workspace(&model(), &Measurement::default()).unwrap();
        for ch in 0..2 {
            let mods = ws.json()["channels"][ch]["samples"][1]["modifiers"]
                .as_array()
                .unwrap();
            assert_eq!(mods[0]["type"], "normfactor");
            assert_eq!(mods[1]["name"], "A_yield");
        }
    }

    #[test]
    fn large_gaussian_gets_the_truncation_bound() {
        // r = 0.3 > 1/5: the factor 1 + 0.3 α reaches 0 at α = −1/0.3.
        let ws = signal_workspace(&model(), &Measurement::default()).unwrap();
        let pars = &ws.json()["measurements"][0]["config"]["parameters"];
        assert_eq!(pars[1]["name"], "trigger_run_II");
        let lo = pars[1]["bounds"][0][0].as_f64().unwrap();
        assert!((lo + 1.0 / 0.3).abs() < 1e-12);
        let h = &ws.json()["channels"][1]["samples"][1]["modifiers"][2];
        assert_eq!(h["type"], "histosys");
        assert!((h["data"]["lo_data"][0].as_f64().unwrap() - 0.6 * 0.7).abs() < 1e-15);
        // Absent from the background-only workspace, whose signal is a placeholder.
        let bkg = background_workspace(&model(), &Measurement::default()).unwrap();
        assert_eq!(
            bkg.json()["measurements"][0]["config"]["parameters"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
        assert_eq!(bkg.json()["channels"][1]["samples"][1]["data"][0], 0.0);
    }

    #[test]
    fn two_gaussians_on_one_yield_are_refused() {
        let m = Model::builder()
            .channel("a", 3, 1.0, 2.0)
            .nuisance(Nuisance::gaussian("x").on_background(0, 0.1))
            .nuisance(Nuisance::gaussian("y").on_background(0, 0.1))
            .build()
            .unwrap();
        let e = background_workspace(&m, &Measurement::default()).unwrap_err();
        assert!(matches!(e, PyhfError::GaussianProduct { .. }), "{e}");
    }

    #[test]
    fn colliding_names_and_bad_bounds_are_refused() {
        let m = Model::builder()
            .channel("run 1", 3, 1.0, 2.0)
            .channel("run_1", 3, 1.0, 2.0)
            .build()
            .unwrap();
        let e = background_workspace(&m, &Measurement::default()).unwrap_err();
        assert!(matches!(e, PyhfError::NameCollision { .. }), "{e}");
        let e = background_workspace(&model(), &Measurement::default().poi_upper_bound(-1.0))
            .unwrap_err();
        assert!(matches!(e, PyhfError::BadPoiBounds { .. }), "{e}");
        let m = Model::builder()
            .channel("a", 3, 1.0, 2.0)
            .nuisance(Nuisance::log_normal("mu").on_background(0, 0.1))
            .build()
            .unwrap();
        let e = background_workspace(&m, &Measurement::default()).unwrap_err();
        assert!(matches!(e, PyhfError::NameCollision { .. }), "{e}");
    }
}
