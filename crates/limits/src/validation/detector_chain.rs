//! Rows from the event-level chain (detector simulation → analysis) of the `na64-2016` preset:
//! paper 002 Table I (dimuon yield per EOT), Table II (signal efficiencies of run III at 10 and
//! 100 MeV), §VIII (side-band C extrapolation and slope per run) and Table IV (total background).
//! Read through the detector and analysis APIs; their models are those crates'.

use aprime_analysis::{Options, analyze};
use aprime_detector::{EventSimulation, Request};
use aprime_experiment::presets;

use super::error::ValidationError;
use super::row::{Row, Tolerance};
use crate::progress::Progress;

/// Paper 002 Table I: (run, n_EOT, n_2μ^MC, n_2μ^data) for E_ECAL < 60 GeV.
pub const TABLE_I: [(&str, f64, f64, f64); 3] = [
    ("I", 171e6, 1223.0, 1124.0),
    ("II", 208.5e6, 1491.0, 1268.0),
    ("III", 597e6, 4271.0, 3417.0),
];

/// Paper 002 Table II (run III): (factor, ε at 10 MeV, ε at 100 MeV).
pub const TABLE_II: [(&str, &str, f64, f64); 4] = [
    ("electron", "primary e⁻ ε_e", 0.58, 0.58),
    ("ecal", "ECAL ε_ECAL", 0.93, 0.90),
    ("veto", "V2 ε_V", 0.94, 0.94),
    ("hcal", "HCAL ε_HCAL", 0.98, 0.98),
];
/// Paper 002 Table II totals (run III) at 10 and 100 MeV.
pub const TABLE_II_TOTAL: [f64; 2] = [0.50, 0.48];

/// Paper 002 §VIII: side-band C extrapolation per run (n_b, σ) and fitted slope p2 (value, σ)
/// \[1/GeV\].
pub const SIDE_BAND: [(&str, f64, f64, f64, f64); 3] = [
    ("I", 0.043, 0.017, 0.315, 0.0021),
    ("II", 0.041, 0.02, 0.396, 0.0072),
    ("III", 0.01, 0.003, 0.49, 0.0026),
];

/// Paper 002 Table IV: total background for 4.3e10 EOT.
pub const TABLE_IV_TOTAL: (f64, f64) = (0.12, 0.04);

/// Paper 002 Table IV rows estimated by Monte Carlo: (analysis process, row, n_b, σ; σ = 0:
/// an upper bound).
pub const TABLE_IV_MC: [(&str, &str, f64, f64); 4] = [
    ("dimuon", "loss of muons from γ → μ⁺μ⁻", 0.005, 0.001),
    ("decay_in_flight", "μ, π, K decays", 0.02, 0.004),
    (
        "mistagged_hadron",
        "μ, π, K interactions in the target",
        0.008,
        0.002,
    ),
    (
        "hadron_target",
        "punch-through + hadron losses (< 0.001 each)",
        0.002,
        0.0,
    ),
];

const MASSES_GEV: [f64; 2] = [0.01, 0.1];

/// Simulate the full 2016 exposure (4.3e10 EOT) with signal at 10 and 100 MeV and analyse it.
pub fn rows(seed: u64, progress: Option<Progress<'_>>) -> Result<Vec<Row>, ValidationError> {
    let cfg = presets::load("na64-2016")?;
    let eot: f64 = cfg.runs.iter().map(|r| r.eot).sum();
    let lib_total = cfg.detector.statistics.shower_library;
    let cb = |n: u64| {
        if let Some(p) = progress {
            p("detector library", n, lib_total);
        }
    };
    let sim = EventSimulation::new(
        cfg.clone(),
        Request {
            eot_equivalent: eot,
            seed,
            masses_gev: MASSES_GEV.to_vec(),
            shard: (0, 1),
            preset: cfg.name.clone(),
        },
        Some(&cb),
    )?;
    let events = sim.events_vec();
    let a = analyze(&events, &cfg, sim.run_eot(), &Options::default())?;
    let mut rows = Vec::new();
    // Table II: run III factors (the paper's total is the product of its four rows; ours
    // likewise, without the trigger factor that the paper quotes separately).
    for (mi, &m) in MASSES_GEV.iter().enumerate() {
        let Some(e) = a
            .efficiencies
            .iter()
            .find(|e| e.run == "III" && (e.mass_gev - m).abs() < 1e-12)
        else {
            return Err(ValidationError::MissingMass(m));
        };
        let mut prod = 1.0;
        let mut var = 0.0;
        for (name, label, p10, p100) in TABLE_II {
            let f = e.factors.iter().find(|f| f.name == name);
            let (v, err) = f.map_or((f64::NAN, f64::NAN), |f| (f.value, f.error));
            prod *= v;
            var += (err / v).powi(2);
            rows.push(Row::new(
                "efficiencies",
                format!("{label}, run III, m_A' = {:.0} MeV", m * 1e3),
                "paper 002 Table II",
                (if mi == 0 { p10 } else { p100 }, None),
                (v, Some(err)),
                Tolerance::Relative(0.10),
                "detector simulation + analysis of na64-2016 (signal MC, run III)",
            ));
        }
        rows.push(Row::new(
            "efficiencies",
            format!(
                "total ε_e·ε_ECAL·ε_V·ε_HCAL, run III, m_A' = {:.0} MeV",
                m * 1e3
            ),
            "paper 002 Table II",
            (TABLE_II_TOTAL[mi], None),
            (prod, Some(prod * var.sqrt())),
            Tolerance::Relative(0.15),
            "product of our four factors (trigger excluded as in the table)",
        ));
    }
    // Table I: dimuon yield per EOT with E_ECAL < 60 GeV, against the measured one (our
    // simulation has the rate-dependent losses the data have).
    for (run, n_eot, _mc, data) in TABLE_I {
        let Some(d) = a.dimuon.runs.iter().find(|d| d.run == run) else {
            continue;
        };
        rows.push(Row::new(
            "dimuons",
            format!("dimuon yield per EOT (data), E_ECAL < 60 GeV, run {run} [1e-6]"),
            "paper 002 Table I (n_2μ^data/n_EOT)",
            (data / n_eot * 1e6, Some(data.sqrt() / n_eot * 1e6)),
            (d.yield_per_eot * 1e6, Some(d.yield_error * 1e6)),
            Tolerance::Relative(0.15),
            "selected dimuon events per EOT; data/MC differ by 8–19% in the paper",
        ));
    }
    // §VIII and Table IV.
    for (run, nb, snb, slope, sslope) in SIDE_BAND {
        let Some(b) = a.background.iter().find(|b| b.run == run) else {
            continue;
        };
        rows.push(Row::new(
            "backgrounds",
            format!("side-band C extrapolation n_b, run {run} [events]"),
            "paper 002 §VIII",
            (nb, Some(snb)),
            (b.side_band_predicted, Some(b.side_band_error)),
            Tolerance::Pull(2.0),
            "simulated side band C fitted and extrapolated by the analysis (upstream source tuned per run)",
        ));
        if let Some((s, se)) = b.slope_per_gev {
            rows.push(Row::new(
                "backgrounds",
                format!("side-band C slope p2, run {run} [1/GeV]"),
                "paper 002 §VIII",
                (slope, Some(sslope)),
                (s, Some(se)),
                Tolerance::Relative(0.05),
                "fitted to the physical upstream model (electroproduction + hadron escape), not built with this slope",
            ));
        }
    }
    for (process, label, nb, snb) in TABLE_IV_MC {
        let (sum, var) = a
            .background
            .iter()
            .flat_map(|b| b.mc.iter().filter(|m| m.0 == process))
            .fold((0.0, 0.0), |(s, v), m| (s + m.1, v + m.2 * m.2));
        let (published, tol) = if snb > 0.0 {
            ((nb, Some(snb)), Tolerance::Pull(2.0))
        } else {
            ((nb, None), Tolerance::Below)
        };
        rows.push(Row::new(
            "backgrounds",
            format!("{label}, 4.3e10 EOT [events]"),
            "paper 002 Table IV",
            published,
            (sum, Some(var.sqrt())),
            tol,
            "simulated events in the box, all runs (rates tuned per run by the detector preset)",
        ));
    }
    let (total, var) = a.background.iter().fold((0.0, 0.0), |(s, v), b| {
        (s + b.predicted_config, v + b.error_config * b.error_config)
    });
    rows.push(Row::new(
        "backgrounds",
        "total background in the box, 4.3e10 EOT, from simulation [events]",
        "paper 002 Table IV",
        (TABLE_IV_TOTAL.0, Some(TABLE_IV_TOTAL.1)),
        (total, Some(var.sqrt())),
        Tolerance::Pull(2.0),
        "analysis prediction (side band + MC) summed over runs",
    ));
    Ok(rows)
}
