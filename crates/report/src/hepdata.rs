//! HEPData submission writer: `submission.yaml` (one YAML document per table after a header
//! document) plus one data file per table, following the HEPData submission schema 1.1.1
//! (github.com/HEPData/hepdata-validator, `submission_schema.json` / `data_schema.json`).

use std::path::Path;

use serde::Serialize;

use crate::error::ReportError;

/// A variable header: name and optional unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Name, may contain LaTeX between `$`.
    pub name: String,
    /// Unit, e.g. `GeV`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
}

impl Header {
    /// A header with a unit.
    pub fn new(name: &str, units: Option<&str>) -> Self {
        Self {
            name: name.into(),
            units: units.map(Into::into),
        }
    }
}

/// A qualifier of a dependent variable (e.g. `CL: 90%`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Qualifier {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
    /// Unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<String>,
}

/// One value: a number, or `-` where no value exists (HEPData convention).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
enum Cell {
    Num(f64),
    Missing(&'static str),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Value {
    value: Cell,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Independent {
    header: Header,
    values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Dependent {
    header: Header,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    qualifiers: Vec<Qualifier>,
    values: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct DataFile {
    independent_variables: Vec<Independent>,
    dependent_variables: Vec<Dependent>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct Keyword {
    name: &'static str,
    values: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct TableEntry {
    name: String,
    description: String,
    keywords: Vec<Keyword>,
    data_file: String,
}

/// An additional resource of the whole submission (`additional_resources` of the first
/// document of `submission.yaml`; schema 1.1.1 `additional_resources_schema.json`): a file
/// inside the submission directory (no `/` in `location`) or a URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resource {
    /// File name in the submission directory, or URL.
    pub location: String,
    /// What it is.
    pub description: String,
    /// Resource type HEPData recognises, e.g. `HistFactory` for a pyhf likelihood archive.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
struct SubmissionHeader {
    comment: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    additional_resources: Vec<Resource>,
}

/// One HEPData table: one independent variable and several dependent ones.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Table name (at most 64 characters).
    pub name: String,
    /// Description.
    pub description: String,
    /// Data file stem (`<stem>.yaml`).
    pub file_stem: String,
    /// Observables keyword values, e.g. `EPSILON`.
    pub observables: Vec<String>,
    /// Reactions keyword values, e.g. `E- PB --> E- PB A'`.
    pub reactions: Vec<String>,
    /// Independent variable header and values.
    pub x: (Header, Vec<f64>),
    /// Dependent variables: header, qualifiers, values (one per x).
    pub y: Vec<(Header, Vec<Qualifier>, Vec<f64>)>,
}

fn cells(v: &[f64]) -> Vec<Value> {
    v.iter()
        .map(|&x| Value {
            value: if x.is_finite() {
                Cell::Num(x)
            } else {
                Cell::Missing("-")
            },
        })
        .collect()
}

/// Centre-of-mass energy \[GeV\] of a beam particle (energy `e0`, mass `m_beam`) on a target
/// particle of mass `m_target` at rest (per nucleon for the HEPData `cmenergies` keyword).
pub fn cm_energy(e0: f64, m_beam: f64, m_target: f64) -> f64 {
    (m_beam * m_beam + m_target * m_target + 2.0 * e0 * m_target).sqrt()
}

fn yaml<T: Serialize>(v: &T, what: &str) -> Result<String, ReportError> {
    serde_saphyr::to_string(v).map_err(|e| ReportError::encode(what, e))
}

/// Write `submission.yaml` and the data files into `dir` (created if needed); `resources`
/// are listed in the header document (their local files must be put into `dir` too).
pub fn write_submission(
    dir: &Path,
    comment: &str,
    cm_energy_gev: f64,
    tables: &[Table],
    resources: &[Resource],
) -> Result<(), ReportError> {
    let io = |p: &Path, e: std::io::Error| ReportError::write(p, e);
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    if let Some(r) = resources
        .iter()
        .find(|r| !r.location.starts_with("http") && r.location.contains('/'))
    {
        return Err(ReportError::NestedResource {
            location: r.location.clone(),
        });
    }
    let mut sub = String::from("---\n");
    sub += &yaml(
        &SubmissionHeader {
            comment: comment.into(),
            additional_resources: resources.to_vec(),
        },
        "submission.yaml",
    )?;
    for t in tables {
        for (h, _, v) in &t.y {
            if v.len() != t.x.1.len() {
                return Err(ReportError::Table {
                    what: format!("{}.yaml", t.file_stem),
                    message: format!(
                        "column '{}' has {} values for {} rows",
                        h.name,
                        v.len(),
                        t.x.1.len()
                    ),
                });
            }
        }
        let file = format!("{}.yaml", t.file_stem);
        let entry = TableEntry {
            name: t.name.chars().take(64).collect(),
            description: t.description.clone(),
            keywords: vec![
                Keyword {
                    name: "observables",
                    values: t.observables.clone(),
                },
                Keyword {
                    name: "reactions",
                    values: t.reactions.clone(),
                },
                Keyword {
                    name: "cmenergies",
                    values: vec![format!("{cm_energy_gev:.2}")],
                },
            ],
            data_file: file.clone(),
        };
        sub += "---\n";
        sub += &yaml(&entry, "submission.yaml")?;
        let data = DataFile {
            independent_variables: vec![Independent {
                header: t.x.0.clone(),
                values: cells(&t.x.1),
            }],
            dependent_variables: t
                .y
                .iter()
                .map(|(h, q, v)| Dependent {
                    header: h.clone(),
                    qualifiers: q.clone(),
                    values: cells(v),
                })
                .collect(),
        };
        let path = dir.join(&file);
        std::fs::write(&path, yaml(&data, &file)?).map_err(|e| io(&path, e))?;
    }
    let path = dir.join("submission.yaml");
    std::fs::write(&path, sub).map_err(|e| io(&path, e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            name: "Upper limits on epsilon".into(),
            description: "90% CL".into(),
            file_stem: "epsilon".into(),
            observables: vec!["EPSILON".into()],
            reactions: vec!["E- PB --> E- PB A'".into()],
            x: (Header::new("$m_{A'}$", Some("GeV")), vec![0.001, 0.01]),
            y: vec![(
                Header::new("$\\epsilon$ observed", None),
                vec![Qualifier {
                    name: "CL".into(),
                    value: "90%".into(),
                    units: None,
                }],
                vec![1e-5, f64::NAN],
            )],
        }
    }

    #[test]
    fn writes_schema_shaped_yaml() {
        let dir = std::env::temp_dir().join(format!("aprime-hepdata-{}", std::process::id()));
        let resource = Resource {
            location: "likelihood.tar.gz".into(),
            description: "pyhf likelihood".into(),
            kind: Some("HistFactory".into()),
        };
        write_submission(&dir, "test", 13.7, &[table()], &[resource]).unwrap();
        let sub = std::fs::read_to_string(dir.join("submission.yaml")).unwrap();
        // Two YAML documents: the header and the table entry with the required keys of
        // submission_schema.json (name, description, keywords, data_file).
        assert_eq!(sub.matches("---\n").count(), 2);
        for key in [
            "comment:",
            "additional_resources:",
            "location: likelihood.tar.gz",
            "type: HistFactory",
            "name:",
            "description:",
            "keywords:",
            "data_file: epsilon.yaml",
        ] {
            assert!(sub.contains(key), "{key} missing in\n{sub}");
        }
        let data = std::fs::read_to_string(dir.join("epsilon.yaml")).unwrap();
        for key in [
            "independent_variables:",
            "dependent_variables:",
            "qualifiers:",
            "units: GeV",
        ] {
            assert!(data.contains(key), "{key} missing in\n{data}");
        }
        // The missing value is written as "-".
        assert!(
            data.contains("value: '-'")
                || data.contains("value: \"-\"")
                || data.contains("value: -\n"),
            "{data}"
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn rejects_ragged_tables() {
        let mut t = table();
        t.y[0].2.pop();
        let dir = std::env::temp_dir().join(format!("aprime-hepdata-bad-{}", std::process::id()));
        assert!(write_submission(&dir, "x", 13.7, &[t], &[]).is_err());
        let nested = Resource {
            location: "likelihood/workspace.json".into(),
            description: "x".into(),
            kind: None,
        };
        assert!(write_submission(&dir, "x", 13.7, &[table()], &[nested]).is_err());
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn centre_of_mass_energy_of_na64() {
        // Per nucleon, as fixed-target records quote it: 100 GeV e⁻ on a proton at rest,
        // √s = sqrt(m_p² + 2 E0 m_p) = 13.73 GeV.
        let s = cm_energy(100.0, 0.000511, 0.938272);
        assert!((s - 13.73).abs() < 0.01, "{s}");
    }
}
