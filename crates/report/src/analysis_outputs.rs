//! Outputs of `aprime analyze`, written into an atomic staging directory
//! ([`crate::staging::Staging`]):
//!
//! | file | content |
//! |---|---|
//! | `summary.json` | everything below in one object, plus `dimuon_yield_per_eot` |
//! | `cutflow.csv` | Σw, error, raw count per run, true process and cut (`process = all`: sum) |
//! | `regions.csv` | selected events per run, process and region (box: `blinded` unless unblind) |
//! | `background.csv`, `background.json` | side-band fits per run: C (nominal and variants), A (E_HCAL fit extrapolated below the threshold, reported next to C, not added) |
//! | `efficiencies.csv` | eq. 23 factors and totals per run and mass |
//! | `dimuon.csv` | the dimuon benchmark per run |
//! | `limits.csv` | expected band (and observed, unblind) per mass |
//! | `plots/*.png`, `plots/*.svg` | the planes, signal E_ECAL spectra, side-band fits, limits |
//!
//! Units are in the column names. Blind outputs cannot reveal the box: its events were never
//! counted.

use aprime_analysis::fit::Fit;
use aprime_analysis::tally::{Hist1, Tally};
use aprime_analysis::{Analysis, Region, RunSelection, Step};
use aprime_experiment::Process;
use aprime_limits::from_analysis::LimitRow;
use serde_json::{Value, json};

use crate::error::ReportError;
use crate::plot::{Figure, Style};
use crate::plot2d::PlaneFigure;
use crate::staging::Staging;

/// A CSV field: numbers in shortest round-trip form, text quoted when needed.
fn field(v: &Value) -> String {
    match v {
        Value::String(s) if s.contains([',', '"', '\n']) => {
            format!("\"{}\"", s.replace('"', "\"\""))
        }
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn csv(header: &[&str], rows: &[Vec<Value>]) -> String {
    let mut s = header.join(",");
    s.push('\n');
    for r in rows {
        s.push_str(&r.iter().map(field).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s
}

fn tally_json(t: &Tally) -> Value {
    json!({ "events": t.sum_w, "error": t.error(), "raw": t.raw })
}

fn cutflow(a: &Analysis) -> (Vec<Vec<Value>>, Value) {
    let mut rows = Vec::new();
    let mut js = Vec::new();
    let steps: Vec<&str> = std::iter::once("input")
        .chain(Step::ALL[..Step::N_SELECTION].iter().map(|s| s.name()))
        .collect();
    for (i, r) in a.runs.iter().enumerate() {
        let t = &a.tallies.runs[i];
        let total = t.flow_total();
        let describe = |k: usize| {
            if k == 0 {
                if a.blind {
                    "events outside the signal box (blind)".to_string()
                } else {
                    "all events".to_string()
                }
            } else {
                Step::ALL[k - 1].describe(r)
            }
        };
        let mut run_steps = Vec::new();
        for (k, name) in steps.iter().enumerate() {
            let mut by_proc = serde_json::Map::new();
            for (p, flow) in Process::ALL.iter().zip(&t.flow) {
                if flow[0].raw == 0 {
                    continue;
                }
                by_proc.insert(p.name().into(), tally_json(&flow[k]));
                rows.push(vec![
                    json!(r.name),
                    json!(p.name()),
                    json!(k),
                    json!(name),
                    json!(describe(k)),
                    json!(flow[k].sum_w),
                    json!(flow[k].error()),
                    json!(flow[k].raw),
                ]);
            }
            rows.push(vec![
                json!(r.name),
                json!("all"),
                json!(k),
                json!(name),
                json!(describe(k)),
                json!(total[k].sum_w),
                json!(total[k].error()),
                json!(total[k].raw),
            ]);
            run_steps.push(json!({
                "step": name,
                "cut": describe(k),
                "events": total[k].sum_w,
                "error": total[k].error(),
                "raw": total[k].raw,
                "by_process": by_proc,
            }));
        }
        let regions = t.regions_total();
        let mut reg = serde_json::Map::new();
        for (ri, rg) in Region::ALL.iter().enumerate() {
            let v = if a.blind && *rg == Region::SignalBox {
                json!("blinded")
            } else {
                tally_json(&regions[ri])
            };
            reg.insert(rg.name().into(), v);
        }
        js.push(json!({ "run": r.name, "steps": run_steps, "regions": reg }));
    }
    (rows, Value::Array(js))
}

fn regions_rows(a: &Analysis) -> Vec<Vec<Value>> {
    let mut rows = Vec::new();
    for (i, r) in a.runs.iter().enumerate() {
        let t = &a.tallies.runs[i];
        let mut per: Vec<(String, Vec<Tally>)> = Process::ALL
            .iter()
            .zip(&t.regions)
            .filter(|(_, _)| true)
            .map(|(p, v)| (p.name().to_string(), v.clone()))
            .collect();
        per.push(("all".into(), t.regions_total()));
        for (pname, v) in per {
            if pname != "all" && v.iter().all(|x| x.raw == 0) {
                continue;
            }
            for (ri, rg) in Region::ALL.iter().enumerate() {
                let (w, e, n) = if a.blind && *rg == Region::SignalBox {
                    (json!("blinded"), json!("blinded"), json!("blinded"))
                } else {
                    (json!(v[ri].sum_w), json!(v[ri].error()), json!(v[ri].raw))
                };
                rows.push(vec![json!(r.name), json!(pname), json!(rg.name()), w, e, n]);
            }
        }
    }
    rows
}

fn fit_row(run: &str, side_band: &str, f: &Fit) -> Vec<Value> {
    let p = |i: usize| f.params.get(i).map_or(Value::Null, |v| json!(v));
    let e = |i: usize| f.errors.get(i).map_or(Value::Null, |v| json!(v));
    vec![
        json!(run),
        json!(side_band),
        json!(f.variant),
        json!(format!("{:?}", f.method).to_lowercase()),
        json!(format!("{:?}", f.shape).to_lowercase()),
        json!(f.bin_width_gev),
        json!(f.range_gev.0),
        json!(f.range_gev.1),
        json!(f.side_band_events),
        json!(f.effective_events),
        p(0),
        e(0),
        p(1),
        e(1),
        p(2),
        e(2),
        json!(f.goodness),
        json!(f.ndf),
        json!(f.converged),
        json!(f.predicted),
        json!(f.predicted_error),
    ]
}

/// Step histogram points of a 1-D histogram normalised to unit area (per GeV).
fn steps(h: &Hist1) -> Vec<(f64, f64)> {
    let tot = h.total();
    let mut pts = Vec::new();
    for (i, w) in h.w.iter().enumerate() {
        let d = if tot > 0.0 { w / tot / h.width } else { 0.0 };
        pts.push((h.edge(i), d));
        pts.push((h.edge(i + 1), d));
    }
    pts
}

/// `v` with `n` significant digits (plain notation between 1e-4 and 1e6).
pub fn sig(v: f64, n: i32) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mag = v.abs().log10().floor() as i32;
    if (-4..6).contains(&mag) {
        format!("{:.*}", (n - 1 - mag).max(0) as usize, v)
    } else {
        format!("{:.*e}", (n - 1).max(0) as usize, v)
    }
}

fn colour(i: usize) -> (u8, u8, u8) {
    const C: [(u8, u8, u8); 6] = [
        (0, 150, 0),
        (0, 70, 200),
        (200, 0, 0),
        (150, 0, 150),
        (230, 120, 0),
        (0, 150, 150),
    ];
    C[i % C.len()]
}

fn sideband_figure(r: &RunSelection, a: &Analysis, i: usize) -> Option<Figure> {
    let b = &a.background[i];
    let nom = b.nominal.as_ref()?;
    let h = &a.tallies.runs[i].side_c;
    let w = nom.bin_width_gev;
    let k = ((w / h.width).round() as usize).max(1);
    let i0 = ((nom.range_gev.0 - h.lo) / h.width).round() as usize;
    let mut pts = Vec::new();
    let mut j = i0;
    while j + k <= h.w.len() && h.edge(j) < r.side_band.fit_max_gev.max(r.beam_energy_gev) {
        let s: f64 = h.w[j..j + k].iter().sum();
        if s > 0.0 {
            pts.push((h.edge(j) + 0.5 * w, s / w));
        }
        j += k;
    }
    let f = |e: f64| {
        let p = &nom.params;
        (p[0] + p[1] * e + p.get(2).map_or(0.0, |c| c * e * e)).exp()
    };
    let fit_line: Vec<(f64, f64)> = (0..=100)
        .map(|t| {
            let e = nom.range_gev.0 + (nom.range_gev.1 - nom.range_gev.0) * f64::from(t) / 100.0;
            (e, f(e))
        })
        .collect();
    let lo = (r.ecal_cut_gev - 15.0).max(r.side_band.extrapolate_from_gev);
    let extrap: Vec<(f64, f64)> = (0..=100)
        .map(|t| {
            let e = lo + (r.ecal_cut_gev - lo) * f64::from(t) / 100.0;
            (e, f(e))
        })
        .collect();
    let mut fig = Figure::log_log(
        &format!(
            "Side band C, run {}: n_b = {} ± {} ± {}, p2 = {:.3}/GeV",
            r.name,
            sig(b.side_band_predicted, 3),
            sig(b.stat_error, 2),
            sig(b.syst_error, 2),
            nom.params[1]
        ),
        "E_ECAL [GeV]",
        "events per GeV",
    );
    fig.log_x = false;
    Some(
        fig.with(
            "selected events, E_HCAL < threshold",
            pts,
            Style::Points(0, 0, 0),
        )
        .with("fit exp(p1 + p2 E)", fit_line, Style::Line(200, 0, 0, 2))
        .with(
            "extrapolation into the box",
            extrap,
            Style::Dashed(200, 0, 0, 2),
        ),
    )
}

/// Write all outputs of an analysis (and its limits, if computed) into `staging`.
pub fn write(
    staging: &mut Staging,
    a: &Analysis,
    limits: Option<&[LimitRow]>,
    header: &Value,
) -> Result<Value, ReportError> {
    let (flow_rows, flow_json) = cutflow(a);
    staging.write(
        "cutflow.csv",
        &csv(
            &[
                "run",
                "process",
                "step_index",
                "step",
                "cut",
                "events",
                "events_error",
                "raw_events",
            ],
            &flow_rows,
        ),
    )?;
    staging.write(
        "regions.csv",
        &csv(
            &[
                "run",
                "process",
                "region",
                "events",
                "events_error",
                "raw_events",
            ],
            &regions_rows(a),
        ),
    )?;
    // Background.
    let mut bg_rows = Vec::new();
    for b in &a.background {
        for f in b.nominal.iter().chain(&b.variants) {
            bg_rows.push(fit_row(&b.run, "C", f));
        }
        // Side band A (paper 002 §VIII): fitted along E_HCAL, extrapolated below the
        // threshold; reported, not added to the prediction.
        if let Some(f) = &b.side_band_a.fit {
            bg_rows.push(fit_row(&b.run, "A", f));
        }
    }
    staging.write(
        "background.csv",
        &csv(
            &[
                "run",
                "side_band",
                "variant",
                "method",
                "shape",
                "bin_width_gev",
                "fit_min_gev",
                "fit_max_gev",
                "side_band_events",
                "effective_events",
                "p1",
                "p1_error",
                "p2_per_gev",
                "p2_error_per_gev",
                "p3_per_gev2",
                "p3_error_per_gev2",
                "goodness",
                "ndf",
                "converged",
                "predicted_box_events",
                "predicted_box_events_stat_error",
            ],
            &bg_rows,
        ),
    )?;
    let bg_json = serde_json::to_value(&a.background).unwrap_or(Value::Null);
    staging.write("background.json", &pretty(&bg_json))?;
    // Efficiencies.
    let mut eff_rows = Vec::new();
    for e in &a.efficiencies {
        let mut row = vec![json!(e.run), json!(e.mass_gev), json!(e.signal_records)];
        row.extend(e.factors.iter().map(|f| json!(f.value)));
        row.extend([
            json!(e.selection),
            json!(e.selection_error),
            json!(e.correction),
            json!(e.total),
            json!(e.mean_e_ecal_gev),
        ]);
        eff_rows.push(row);
    }
    staging.write(
        "efficiencies.csv",
        &csv(
            &[
                "run",
                "mass_gev",
                "signal_records",
                "eff_trigger",
                "eff_electron",
                "eff_ecal",
                "eff_veto",
                "eff_hcal",
                "eff_acceptance",
                "eff_selection",
                "eff_selection_error",
                "correction",
                "eff_total",
                "mean_e_ecal_gev",
            ],
            &eff_rows,
        ),
    )?;
    // Dimuon benchmark.
    let dm_rows: Vec<Vec<Value>> = a
        .dimuon
        .runs
        .iter()
        .map(|d| {
            vec![
                json!(d.run),
                json!(d.selected.sum_w),
                json!(d.selected.error()),
                json!(d.selected.raw),
                json!(d.true_dimuon.sum_w),
                json!(d.file_eot),
                json!(d.yield_per_eot),
                json!(d.yield_error),
            ]
        })
        .collect();
    staging.write(
        "dimuon.csv",
        &csv(
            &[
                "run",
                "selected_events",
                "selected_events_error",
                "raw_events",
                "true_dimuon_events",
                "eot",
                "yield_per_eot",
                "yield_per_eot_error",
            ],
            &dm_rows,
        ),
    )?;
    // Limits.
    let limits_json = limits.map(|rows| {
        let csv_rows: Vec<Vec<Value>> = rows
            .iter()
            .map(|l| {
                let ex = &l.expected.expected;
                vec![
                    json!(l.mass_gev),
                    json!(ex.m2),
                    json!(ex.m1),
                    json!(ex.median),
                    json!(ex.p1),
                    json!(ex.p2),
                    l.observed.as_ref().map_or(json!("blinded"), |o| json!(o.observed)),
                    json!(l.signal_per_eps2.iter().sum::<f64>()),
                    json!(l.background.iter().sum::<f64>()),
                    json!(l.expected.calculator),
                ]
            })
            .collect();
        (
            csv(
                &[
                    "mass_gev",
                    "eps_expected_m2sigma",
                    "eps_expected_m1sigma",
                    "eps_expected_median",
                    "eps_expected_p1sigma",
                    "eps_expected_p2sigma",
                    "eps_observed",
                    "signal_per_eps2",
                    "background_events",
                    "calculator",
                ],
                &csv_rows,
            ),
            rows.iter()
                .map(|l| {
                    json!({
                        "mass_gev": l.mass_gev,
                        "expected": l.expected.expected,
                        "observed": l.observed.as_ref().map_or(json!("blinded"), |o| json!(o.observed)),
                        "observed_expected_band": l.observed.as_ref().map(|o| json!(o.expected)),
                        "calculator": l.expected.calculator,
                        "yield_per_eot_per_eps2": l.yield_per_eot_per_eps2,
                        "efficiency": l.efficiency,
                        "efficiency_source": l.efficiency_source,
                        "signal_per_eps2": l.signal_per_eps2,
                        "background": l.background,
                    })
                })
                .collect::<Vec<_>>(),
        )
    });
    if let Some((text, _)) = &limits_json {
        staging.write("limits.csv", text)?;
    }
    plots(staging, a, limits)?;
    let summary = json!({
        "analysis": header,
        "experiment": a.experiment,
        "blind": a.blind,
        "selection": a.runs,
        "file_eot": a.file_eot,
        "cut_flow": flow_json,
        "background": a.background.iter().map(|b| json!({
            "run": b.run,
            "method": b.method,
            "ecal_cut_gev": b.ecal_cut_gev,
            "side_band_events": b.side_band_events,
            "slope_per_gev": b.slope_per_gev.map(|s| s.0),
            "slope_error_per_gev": b.slope_per_gev.map(|s| s.1),
            "predicted": b.predicted,
            "stat_error": b.stat_error,
            "syst_error": b.syst_error,
            "error": b.error,
            "file_eot": b.file_eot,
            "config_eot": b.config_eot,
            "predicted_config_eot": b.predicted_config,
            "error_config_eot": b.error_config,
            "variants": b.variants.iter().map(|f| json!({"variant": f.variant, "predicted": f.predicted})).collect::<Vec<_>>(),
            "side_band_a": {
                "events": b.side_band_a.events,
                "slope_per_gev": b.side_band_a.fit.as_ref().map(|f| f.params[1]),
                "predicted": b.side_band_a.predicted,
                "error": b.side_band_a.error,
                "predicted_config_eot": b.side_band_a.predicted_config,
                "error_config_eot": b.side_band_a.error_config,
                "added_to_prediction": false,
            },
        })).collect::<Vec<_>>(),
        "background_total_config_eot": a.background.iter().map(|b| b.predicted_config).sum::<f64>(),
        "efficiencies": a.efficiencies,
        "dimuon": a.dimuon,
        "dimuon_yield_per_eot": a.dimuon.yield_per_eot,
        "dimuon_yield_per_eot_error": a.dimuon.yield_error,
        "dimuon_reference_per_eot": a.dimuon.reference_per_eot,
        "box": a.box_contents.as_ref().map_or(json!("blinded"), |b| json!(b)),
        "signal_estimates": a.signal_estimates.as_ref().map_or(json!("blinded"), |s| json!(s)),
        "limits": limits_json.map(|(_, j)| j),
    });
    staging.write("summary.json", &pretty(&summary))?;
    Ok(summary)
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
    s.push('\n');
    s
}

fn plots(
    staging: &mut Staging,
    a: &Analysis,
    limits: Option<&[LimitRow]>,
) -> Result<(), ReportError> {
    let stem = |staging: &mut Staging, name: &str| -> Result<std::path::PathBuf, ReportError> {
        // Record both files in the manifest; the figure writes them.
        let png = staging.path(&format!("plots/{name}.png"))?;
        staging.path(&format!("plots/{name}.svg"))?;
        Ok(png.with_extension(""))
    };
    let r0 = &a.runs[0];
    let cuts_differ = a.runs.iter().any(|r| r.ecal_cut_gev != r0.ecal_cut_gev);
    let note = if cuts_differ {
        " (box of run 1 drawn)"
    } else {
        ""
    };
    for (name, hist, title) in [
        (
            "plane_selected",
            &a.tallies.plane_selected,
            format!("{}: all selection cuts{note}", a.experiment),
        ),
        (
            "plane_electron_id",
            &a.tallies.plane_electron_id,
            format!(
                "{}: electron identification only (trigger, track, SRD){note}",
                a.experiment
            ),
        ),
    ] {
        let p = stem(staging, name)?;
        PlaneFigure {
            title,
            hist,
            ecal_cut_gev: r0.ecal_cut_gev,
            hcal_cut_gev: r0.hcal_cut_gev,
            blind: a.blind,
        }
        .save(&p)?;
    }
    // Signal E_ECAL spectra per mass (paper 002 Fig. 6), all runs together.
    let mut masses: Vec<f64> = a.tallies.signal.iter().map(|s| s.mass_gev).collect();
    masses.sort_by(f64::total_cmp);
    masses.dedup();
    if !masses.is_empty() {
        let mut fig = Figure::log_log(
            "Signal: energy in the ECAL (paper 002 Fig. 6)",
            "E_ECAL [GeV]",
            "fraction of events per GeV",
        );
        fig.log_x = false;
        fig.log_y = false;
        for (i, m) in masses.iter().enumerate() {
            // 2 GeV bins from the 1 GeV tallies.
            let mut h = Hist1::new(0.0, 2.0, 55);
            for s in a.tallies.signal.iter().filter(|s| s.mass_gev == *m) {
                for (i, y) in s.ecal_all.w.iter().enumerate() {
                    h.w[(i / 2).min(54)] += y;
                }
            }
            let c = colour(i);
            fig = fig.with(
                &format!("m_A' = {m:.4} GeV"),
                steps(&h),
                Style::Line(c.0, c.1, c.2, 2),
            );
        }
        let p = stem(staging, "signal_ecal")?;
        fig.save(&p)?;
    }
    for (i, r) in a.runs.iter().enumerate() {
        if let Some(fig) = sideband_figure(r, a, i) {
            let safe: String = r
                .name
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            let p = stem(staging, &format!("sideband_run{}_{safe}", i + 1))?;
            fig.save(&p)?;
        }
    }
    if let Some(rows) = limits {
        let pts = |f: &dyn Fn(&LimitRow) -> f64| -> Vec<(f64, f64)> {
            rows.iter()
                .map(|l| (l.mass_gev, f(l)))
                .filter(|p| p.1.is_finite())
                .collect()
        };
        let m2 = pts(&|l| l.expected.expected.m2);
        let p2: Vec<f64> = rows
            .iter()
            .filter(|l| l.expected.expected.m2.is_finite())
            .map(|l| l.expected.expected.p2)
            .collect();
        let m1 = pts(&|l| l.expected.expected.m1);
        let p1: Vec<f64> = rows
            .iter()
            .filter(|l| l.expected.expected.m1.is_finite())
            .map(|l| l.expected.expected.p1)
            .collect();
        let mut fig = Figure::log_log(
            &format!(
                "{}: 90% C.L. upper limit on ε from the analysis",
                a.experiment
            ),
            "m_A' [GeV]",
            "ε",
        )
        .with(
            "expected ±2σ",
            m2,
            Style::Band {
                rgb: (255, 230, 0),
                upper: p2,
            },
        )
        .with(
            "expected ±1σ",
            m1,
            Style::Band {
                rgb: (0, 200, 0),
                upper: p1,
            },
        )
        .with(
            "expected median",
            pts(&|l| l.expected.expected.median),
            Style::Dashed(0, 0, 0, 2),
        );
        if rows.iter().any(|l| l.observed.is_some()) {
            fig = fig.with(
                "observed (file exposure)",
                pts(&|l| l.observed.as_ref().map_or(f64::NAN, |o| o.observed)),
                Style::Line(200, 0, 0, 3),
            );
        }
        let p = stem(staging, "limits")?;
        fig.save(&p)?;
    }
    Ok(())
}
