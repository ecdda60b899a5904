//! The summary of a shower result: profiles, containment, energy balance and track lengths.

use aprime_shower::{Histogram, ShowerResult};
use serde_json::{Value, json};

use crate::output::{OutputFormat, Table, print_json};

/// Integrate a density histogram over [lo, hi) of its own bins, by whole bins.
fn coarsen(h: &Histogram, width: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (w, v) in h.edges.windows(2).zip(&h.values) {
        let k = (w[0] / width + 1e-9).floor();
        let c = k * width;
        match out.last_mut() {
            Some(last) if (last.0 - c).abs() < 1e-9 * width => last.1 += v * (w[1] - w[0]),
            _ => out.push((c, v * (w[1] - w[0]))),
        }
    }
    out
}

/// Print a shower result (`aprime shower`, and `aprime merge` of its shards).
pub fn print_shower(r: &ShowerResult, format: OutputFormat) -> anyhow::Result<()> {
    let e0 = r.config.beam_energy_gev;
    let x0 = r.depth_x0;
    let track_x0: f64 = r
        .materials
        .iter()
        .map(|m| (m.electron_track_cm + m.positron_track_cm) / m.radiation_length_cm)
        .sum();
    let long1 = coarsen(&r.longitudinal, 1.0);
    let lat: Vec<(f64, f64)> = (1..=5)
        .map(|k| {
            let rr = 0.5 * f64::from(k) * r.moliere_radius_cm;
            (rr, containment(&r.lateral, rr))
        })
        .collect();
    if format == OutputFormat::Json {
        let mats: Vec<Value> = r
            .materials
            .iter()
            .map(|m| {
                json!({
                    "material": m.name,
                    "deposited_gev": m.deposited_gev,
                    "electron_track_cm": m.electron_track_cm,
                    "positron_track_cm": m.positron_track_cm,
                    "t_minus_cm_per_gev": decades(&m.t_minus),
                    "t_plus_cm_per_gev": decades(&m.t_plus),
                })
            })
            .collect();
        print_json(&json!({
            "target": r.config.target.name,
            "energy_gev": e0,
            "events": r.events,
            "seed": r.config.seed,
            "cut_gev": r.config.electron_cut_gev,
            "depth_x0": x0,
            "t_max_x0": r.t_max_x0,
            "t_mean_x0": r.t_mean_x0,
            "moliere_radius_cm": r.moliere_radius_cm,
            "r90_cm": r.r90_cm,
            "track_length_cm": r.track_length_cm,
            "track_length_x0": track_x0,
            "visible_gev": r.energy.visible_gev,
            "visible_rms_gev": r.energy.visible_rms_gev,
            "ionisation_gev": r.energy.ionisation_gev,
            "cut_deposit_gev": r.energy.cut_gev,
            "escaped_gev": r.energy.escaped_gev,
            "max_relative_energy_residual": r.energy.max_relative_residual,
            "preshower_mean_gev": r.preshower_mean_gev,
            "preshower_rms_gev": r.preshower_rms_gev,
            "sections": r.sections.iter().map(|(n, e)| json!({"section": n, "energy_gev": e})).collect::<Vec<_>>(),
            "materials": mats,
            "longitudinal": long1.iter().map(|(t, e)| json!({"t_x0": t, "de_dt_gev_per_x0": e})).collect::<Vec<_>>(),
            "lateral_containment": lat.iter().map(|(rr, f)| json!({"r_cm": rr, "fraction": f})).collect::<Vec<_>>(),
        }))?;
        return Ok(());
    }
    let mut s = Table::new(&[
        ("quantity", "quantity"),
        ("value", "value"),
        ("unit", "unit"),
    ]);
    let rows: Vec<(&str, f64, &str)> = vec![
        ("beam energy", e0, "GeV"),
        ("events", r.events as f64, "EOT"),
        ("target depth", x0, "X0"),
        ("t_max (Γ fit)", r.t_max_x0, "X0"),
        ("ln(E0/E_c) − 0.5 (Pb E_c)", (e0 / 7.43e-3).ln() - 0.5, "X0"),
        ("mean depth", r.t_mean_x0, "X0"),
        ("Molière radius", r.moliere_radius_cm, "cm"),
        ("R90 (90% containment)", r.r90_cm, "cm"),
        ("charged track length", r.track_length_cm, "cm/EOT"),
        ("charged track length", track_x0, "X0/EOT"),
        ("visible energy", r.energy.visible_gev, "GeV/EOT"),
        ("visible energy RMS", r.energy.visible_rms_gev, "GeV"),
        ("escaped", r.energy.escaped_gev, "GeV/EOT"),
        ("preshower energy", r.preshower_mean_gev, "GeV/EOT"),
        (
            "max energy residual",
            r.energy.max_relative_residual,
            "relative",
        ),
    ];
    for (q, v, u) in rows {
        s.push(vec![q.into(), v.into(), u.into()]);
    }
    s.print(format)?;
    println!();
    let mut t = Table::new(&[("t_x0", "t [X0]"), ("de_dt_gev_per_x0", "dE/dt [GeV/X0]")]);
    for (tt, e) in &long1 {
        t.push(vec![(*tt).into(), (*e).into()]);
    }
    t.print(format)?;
    println!();
    let mut l = Table::new(&[
        ("r_cm", "r [cm]"),
        ("fraction", "fraction of energy within r"),
    ]);
    for (rr, f) in &lat {
        l.push(vec![(*rr).into(), (*f).into()]);
    }
    l.print(format)?;
    println!();
    let mut tl = Table::new(&[
        ("material", "material"),
        ("e_gev", "E [GeV]"),
        ("t_minus_cm_per_gev", "T₋(E) [cm/GeV]"),
        ("t_plus_cm_per_gev", "T₊(E) [cm/GeV]"),
    ]);
    for m in &r.materials {
        for ((e, a), (_, b)) in decades(&m.t_minus).iter().zip(decades(&m.t_plus)) {
            tl.push(vec![
                m.name.as_str().into(),
                (*e).into(),
                (*a).into(),
                b.into(),
            ]);
        }
    }
    tl.print(format)?;
    Ok(())
}

/// Fraction of the deposited energy within radius `r` of the axis.
fn containment(h: &Histogram, r: f64) -> f64 {
    let mut inside = 0.0;
    let mut total = h.overflow;
    for (w, v) in h.edges.windows(2).zip(&h.values) {
        let e = v * (w[1] - w[0]);
        total += e;
        if w[1] <= r {
            inside += e;
        } else if w[0] < r {
            inside += e * (r - w[0]) / (w[1] - w[0]);
        }
    }
    if total > 0.0 { inside / total } else { 0.0 }
}

/// A density histogram in energy rebinned to 10 bins per decade: (geometric bin centre,
/// mean density over the non-empty original bins it contains, so that the cut and the beam
/// energy do not dilute the end bins).
fn decades(h: &Histogram) -> Vec<(f64, f64)> {
    let per = 10.0;
    let lo = h.edges[0];
    // (group index, first edge, last edge, integral)
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (w, v) in h.edges.windows(2).zip(&h.values).filter(|(_, v)| **v > 0.0) {
        let k = ((w[0] / lo).log10() * per + 1e-6).floor();
        match out.last_mut() {
            Some(last) if last.0 == k => {
                last.2 = w[1];
                last.3 += v * (w[1] - w[0]);
            }
            _ => out.push((k, w[0], w[1], v * (w[1] - w[0]))),
        }
    }
    let out: Vec<(f64, f64, f64)> = out.into_iter().map(|(_, a, b, s)| (a, b, s)).collect();
    out.into_iter()
        .filter(|(_, _, s)| *s > 0.0)
        .map(|(a, b, s)| ((a * b).sqrt(), s / (b - a)))
        .collect()
}
