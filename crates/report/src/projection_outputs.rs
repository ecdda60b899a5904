//! Write a [`Projection`] into an output directory, atomically (see [`Staging`]):
//! `projection.csv` (one row per curve and mass, units in the header), `projection.json` (the
//! whole result), `plots/projection.{png,svg}` and `manifest.json` with the provenance.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use aprime_limits::Projection;
use aprime_stats::Band;

use crate::error::ReportError;
use crate::model_labels::ModelLabels;
use crate::projection_plot;
use crate::provenance::Provenance;
use crate::staging::Staging;

/// Column header of `projection.csv` for `labels`' model. `curve` is `current` (the
/// configuration as it is) or `projected`; exposure in particles on target (EOT), background in
/// events summed over runs, mass in GeV, limits on the dimensionless coupling (ε, or g for the
/// Z' models); `*_observed` is empty for projections; the target depth of the yields in
/// radiation lengths (the same on every row).
pub fn projection_columns(labels: &ModelLabels) -> String {
    let p = labels.column;
    format!(
        "curve,exposure_eot,background_events,mass_gev,{p}_expected_median,{p}_expected_m1,\
         {p}_expected_p1,{p}_expected_m2,{p}_expected_p2,{p}_observed,target_depth_x0"
    )
}

fn num(v: f64) -> String {
    if v.is_finite() {
        format!("{v:e}")
    } else {
        "nan".into()
    }
}

/// One CSV row; `depth` is the target depth \[X0\].
#[allow(clippy::too_many_arguments)]
fn row(
    s: &mut String,
    curve: &str,
    eot: f64,
    bkg: f64,
    m: f64,
    b: &Band,
    obs: Option<f64>,
    depth: f64,
) {
    let _ = writeln!(
        s,
        "{curve},{},{},{},{},{},{},{},{},{},{}",
        num(eot),
        num(bkg),
        num(m),
        num(b.median),
        num(b.m1),
        num(b.p1),
        num(b.m2),
        num(b.p2),
        obs.map_or_else(String::new, num),
        num(depth)
    );
}

/// The CSV table of `p`: the current limits first, then every projection in request order.
pub fn projection_csv(p: &Projection) -> String {
    let mut s = format!("{}\n", projection_columns(&ModelLabels::of(p.model)));
    for l in &p.current {
        row(
            &mut s,
            "current",
            p.current_eot,
            p.current_background_events,
            l.mass_gev,
            &l.expected,
            Some(l.observed),
            p.target_depth_x0,
        );
    }
    for e in &p.projections {
        for l in &e.limits {
            row(
                &mut s,
                "projected",
                e.eot,
                e.background_events,
                l.mass_gev,
                &l.expected,
                None,
                p.target_depth_x0,
            );
        }
    }
    s
}

/// Write every output of `aprime project` for `p` into `out`; returns the final directory.
pub fn write_projection(
    p: &Projection,
    out: &Path,
    provenance: &Provenance,
) -> Result<PathBuf, ReportError> {
    let mut st = Staging::new(out)?;
    st.write("projection.csv", &projection_csv(p))?;
    let json =
        serde_json::to_string_pretty(p).map_err(|e| ReportError::encode("projection.json", e))?;
    st.write("projection.json", &json)?;
    let plots = st.dir().join("plots");
    std::fs::create_dir_all(&plots).map_err(|e| ReportError::write(&plots, e))?;
    projection_plot::projection(p).save(&plots.join("projection"))?;
    st.record_dir("plots")?;
    let labels = ModelLabels::of(p.model);
    let mut manifest = serde_json::json!({
        "status": "complete",
        "config": p.config,
        "model": labels.model,
        "parameter": labels.column,
        "masses": p.current.len(),
        "target": p.target,
        "target_depth_x0": p.target_depth_x0,
        "exposures_eot": p.projections.iter().map(|e| e.eot).collect::<Vec<_>>(),
    });
    if let (Some(m), serde_json::Value::Object(pv)) =
        (manifest.as_object_mut(), provenance.manifest_json())
    {
        m.extend(pv);
    }
    st.commit(&manifest)
}
