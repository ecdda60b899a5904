//! Signal hypotheses as a pyhf PatchSet (schema 1.0.0): one JSON Patch (RFC 6902) per
//! hypothesis that turns the background-only workspace into that hypothesis' signal-plus-
//! background workspace, with the SHA-256 of the background-only workspace so that pyhf can
//! check the pair (`pyhf patchset verify`).

use serde_json::{Value, json};

use super::PyhfError;
use super::workspace::{
    Measurement, SIGNAL_INDEX, Workspace, background_workspace, signal_workspace,
};
use crate::model::Model;

/// One signal hypothesis: a name, its coordinates (one per label, e.g. the A' mass) and the
/// model whose signal it is (same channels, counts and backgrounds for every hypothesis).
#[derive(Debug, Clone, PartialEq)]
pub struct Hypothesis<'a> {
    /// Patch name, `[A-Za-z0-9_]+`.
    pub name: String,
    /// Coordinates, one per [`PatchSetInfo::labels`].
    pub values: Vec<f64>,
    /// The model with this hypothesis' signal per unit POI.
    pub model: &'a Model,
    /// Further numbers for the patch metadata, e.g. ("eps2_per_mu", ε² at μ = 1).
    pub annotations: Vec<(String, f64)>,
}

impl<'a> Hypothesis<'a> {
    /// A hypothesis with explicit name and coordinates.
    pub fn new(name: impl Into<String>, values: Vec<f64>, model: &'a Model) -> Self {
        Self {
            name: name.into(),
            values,
            model,
            annotations: Vec::new(),
        }
    }

    /// Add a number to the patch metadata (key `[A-Za-z0-9_]+`, not `name` or `values`).
    #[must_use]
    pub fn annotate(mut self, key: impl Into<String>, value: f64) -> Self {
        self.annotations.push((key.into(), value));
        self
    }

    /// The hypothesis of an A' mass (GeV): named `mass_<MeV>MeV` with `p` for the decimal
    /// point (16.7 MeV → `mass_16p7MeV`), coordinates [m / GeV] for the label `mass_gev`.
    pub fn at_mass(mass_gev: f64, model: &'a Model) -> Self {
        let mev = (mass_gev * 1e3 * 1e6).round() / 1e6;
        let name = format!("mass_{mev}MeV").replace('.', "p").replace('-', "m");
        Self::new(name, vec![mass_gev], model)
    }
}

/// The patchset metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct PatchSetInfo {
    /// Patchset name.
    pub name: String,
    /// Free-text description (what the POI means, units of the coordinates).
    pub description: String,
    /// Names of the hypothesis coordinates, `[A-Za-z0-9_]+` (e.g. `mass_gev`).
    pub labels: Vec<String>,
    /// INSPIRE id of the HEPData record (`ins` + 7 digits); the pyhf schema requires one.
    pub hepdata_record: String,
}

impl PatchSetInfo {
    /// Metadata of a mass scan: the single label `mass_gev`.
    pub fn mass_scan(
        name: impl Into<String>,
        description: impl Into<String>,
        hepdata_record: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            description: description.into(),
            labels: vec!["mass_gev".into()],
            hepdata_record: hepdata_record.into(),
        }
    }
}

/// A pyhf PatchSet (JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct PatchSet {
    spec: Value,
}

impl PatchSet {
    /// The JSON document.
    pub fn json(&self) -> &Value {
        &self.spec
    }

    /// The JSON document, by value.
    pub fn into_json(self) -> Value {
        self.spec
    }

    /// Indented JSON text, ready to write to `patchset.json`.
    pub fn to_pretty_string(&self) -> String {
        format!("{:#}", self.spec)
    }
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn check_info(info: &PatchSetInfo) -> Result<(), PyhfError> {
    let r = &info.hepdata_record;
    if !(r.len() == 10 && r.starts_with("ins") && r[3..].chars().all(|c| c.is_ascii_digit())) {
        return Err(PyhfError::BadHepdataRecord(r.clone()));
    }
    if info.labels.is_empty() {
        return Err(PyhfError::BadPatchName {
            what: "label",
            name: String::new(),
        });
    }
    for l in &info.labels {
        if !is_word(l) {
            return Err(PyhfError::BadPatchName {
                what: "label",
                name: l.clone(),
            });
        }
    }
    Ok(())
}

fn check_hypotheses(hyps: &[Hypothesis<'_>], labels: usize) -> Result<(), PyhfError> {
    if hyps.is_empty() {
        return Err(PyhfError::NoHypotheses);
    }
    for (k, h) in hyps.iter().enumerate() {
        if !is_word(&h.name) {
            return Err(PyhfError::BadPatchName {
                what: "patch name",
                name: h.name.clone(),
            });
        }
        if h.values.len() != labels || !h.values.iter().all(|v| v.is_finite()) {
            return Err(PyhfError::BadHypothesisValues {
                name: h.name.clone(),
                values: h.values.clone(),
                labels,
            });
        }
        for (key, value) in &h.annotations {
            if !is_word(key) || key == "name" || key == "values" || !value.is_finite() {
                return Err(PyhfError::BadAnnotation {
                    name: h.name.clone(),
                    key: key.clone(),
                    value: *value,
                });
            }
        }
        for g in &hyps[..k] {
            let what = if g.name == h.name {
                "name"
            } else if g.values == h.values {
                "values"
            } else {
                continue;
            };
            return Err(PyhfError::DuplicateHypothesis {
                what,
                first: g.name.clone(),
                second: h.name.clone(),
            });
        }
    }
    Ok(())
}

/// The JSON Patch from the background-only workspace to the signal-plus-background one:
/// `replace` of each channel's placeholder signal sample, and `add`/`replace` of measurement
/// parameter settings that only the signal needs (bounds of Gaussian signal nuisances).
fn patch(background: &Value, signal: &Value) -> Vec<Value> {
    let mut ops = Vec::new();
    let empty = Vec::new();
    let channels = signal["channels"].as_array().unwrap_or(&empty);
    for (i, ch) in channels.iter().enumerate() {
        let new = &ch["samples"][SIGNAL_INDEX];
        if *new != background["channels"][i]["samples"][SIGNAL_INDEX] {
            ops.push(json!({
                "op": "replace",
                "path": format!("/channels/{i}/samples/{SIGNAL_INDEX}"),
                "value": new,
            }));
        }
    }
    let old = background["measurements"][0]["config"]["parameters"]
        .as_array()
        .unwrap_or(&empty);
    let new = signal["measurements"][0]["config"]["parameters"]
        .as_array()
        .unwrap_or(&empty);
    for p in new {
        match old.iter().position(|q| q["name"] == p["name"]) {
            Some(j) if old[j] == *p => {}
            Some(j) => ops.push(json!({
                "op": "replace",
                "path": format!("/measurements/0/config/parameters/{j}"),
                "value": p,
            })),
            None => ops.push(json!({
                "op": "add",
                "path": "/measurements/0/config/parameters/-",
                "value": p,
            })),
        }
    }
    ops
}

/// The patchset of `hypotheses` for the background-only workspace `background_only` (from
/// [`background_workspace`]): each hypothesis' model must give exactly that workspace without
/// its signal; its patch adds the signal.
pub fn patchset(
    background_only: &Workspace,
    hypotheses: &[Hypothesis<'_>],
    info: &PatchSetInfo,
) -> Result<PatchSet, PyhfError> {
    check_info(info)?;
    check_hypotheses(hypotheses, info.labels.len())?;
    let measurement: &Measurement = background_only.measurement();
    let mut patches = Vec::with_capacity(hypotheses.len());
    for h in hypotheses {
        let bkg = background_workspace(h.model, measurement)?;
        if bkg.json() != background_only.json() {
            return Err(PyhfError::BackgroundMismatch {
                name: h.name.clone(),
            });
        }
        let sb = signal_workspace(h.model, measurement)?;
        let mut metadata = serde_json::Map::new();
        metadata.insert("name".into(), json!(h.name));
        metadata.insert("values".into(), json!(h.values));
        for (key, value) in &h.annotations {
            metadata.insert(key.clone(), json!(value));
        }
        patches.push(json!({
            "metadata": metadata,
            "patch": patch(bkg.json(), sb.json()),
        }));
    }
    let spec = json!({
        "metadata": {
            "name": info.name,
            "description": info.description,
            "digests": {"sha256": background_only.sha256()},
            "labels": info.labels,
            "references": {"hepdata": info.hepdata_record},
        },
        "patches": patches,
        "version": "1.0.0",
    });
    Ok(PatchSet { spec })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Constraint, Nuisance};

    fn model(total: f64) -> Model {
        Model::builder()
            .channel("run I", 0, 0.6 * total, 0.043)
            .channel("run II", 1, 0.4 * total, 0.041)
            .background_uncertainties(&[0.017, 0.02], Constraint::LogNormal)
            .unwrap()
            .shared_signal_uncertainty("signal", 0.1, Constraint::LogNormal)
            .nuisance(Nuisance::gaussian("eff").on_signal(1, 0.4))
            .build()
            .unwrap()
    }

    fn info() -> PatchSetInfo {
        PatchSetInfo::mass_scan("scan", "test", "ins1234567")
    }

    #[test]
    fn one_patch_per_hypothesis_replacing_the_signal() {
        let (a, b) = (model(2.0), model(5.0));
        let m = Measurement::default();
        let bkg = background_workspace(&a, &m).unwrap();
        let hyps = [
            Hypothesis::at_mass(0.0167, &a).annotate("eps2_per_mu", 1e-9),
            Hypothesis::at_mass(0.1, &b),
        ];
        let ps = patchset(&bkg, &hyps, &info()).unwrap();
        let j = ps.json();
        assert_eq!(j["metadata"]["digests"]["sha256"], bkg.sha256());
        assert_eq!(j["patches"][0]["metadata"]["name"], "mass_16p7MeV");
        assert_eq!(j["patches"][0]["metadata"]["eps2_per_mu"], 1e-9);
        assert_eq!(j["patches"][1]["metadata"]["name"], "mass_100MeV");
        let ops = j["patches"][1]["patch"].as_array().unwrap();
        // Two channels replaced, and the bound of the r = 0.4 Gaussian added (α ≥ −2.5).
        assert_eq!(ops.len(), 3);
        assert_eq!(ops[0]["path"], "/channels/0/samples/1");
        assert!((ops[1]["value"]["data"][0].as_f64().unwrap() - 2.0).abs() < 1e-15);
        assert_eq!(ops[2]["op"], "add");
        assert_eq!(ops[2]["value"]["bounds"][0][0], -2.5);
    }

    #[test]
    fn different_backgrounds_are_refused() {
        let a = model(2.0);
        let b = Model::builder()
            .channel("run I", 0, 1.0, 0.05)
            .channel("run II", 1, 1.0, 0.041)
            .build()
            .unwrap();
        let bkg = background_workspace(&a, &Measurement::default()).unwrap();
        let e = patchset(&bkg, &[Hypothesis::new("b", vec![1.0], &b)], &info()).unwrap_err();
        assert!(matches!(e, PyhfError::BackgroundMismatch { .. }), "{e}");
    }

    #[test]
    fn schema_patterns_are_enforced() {
        let a = model(2.0);
        let bkg = background_workspace(&a, &Measurement::default()).unwrap();
        let h = [Hypothesis::new("m1", vec![1.0], &a)];
        let mut bad = info();
        bad.hepdata_record = "1234567".into();
        assert!(matches!(
            patchset(&bkg, &h, &bad),
            Err(PyhfError::BadHepdataRecord(_))
        ));
        let bad_name = [Hypothesis::new("m 1", vec![1.0], &a)];
        assert!(matches!(
            patchset(&bkg, &bad_name, &info()),
            Err(PyhfError::BadPatchName { .. })
        ));
        let dup = [
            Hypothesis::new("m1", vec![1.0], &a),
            Hypothesis::new("m2", vec![1.0], &a),
        ];
        assert!(matches!(
            patchset(&bkg, &dup, &info()),
            Err(PyhfError::DuplicateHypothesis { .. })
        ));
        let two_values = [Hypothesis::new("m1", vec![1.0, 2.0], &a)];
        assert!(matches!(
            patchset(&bkg, &two_values, &info()),
            Err(PyhfError::BadHypothesisValues { .. })
        ));
        let bad_key = [Hypothesis::new("m1", vec![1.0], &a).annotate("values", 2.0)];
        assert!(matches!(
            patchset(&bkg, &bad_key, &info()),
            Err(PyhfError::BadAnnotation { .. })
        ));
        assert!(matches!(
            patchset(&bkg, &[], &info()),
            Err(PyhfError::NoHypotheses)
        ));
    }
}
