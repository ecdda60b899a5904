//! The figures of a limits report: the exclusion in the model's coupling (with the (g−2)_μ band
//! for the L_μ−L_τ Z'), the dark-matter planes (dark photon only), the model's k-factor, the X
//! energy spectra and the sensitivity against the E_ECAL cut. Labels follow the model
//! ([`ModelLabels`]).

use aprime_limits::relic_targets::{RelicTargets, RelicY};
use aprime_limits::{MassLimit, Report, table_v};
use aprime_physics::dark_brem::{DarkBrem, Method, XsecOptions};
use aprime_physics::form_factor::FormFactorModel;
use aprime_physics::kfactor::{self, KFactor};
use aprime_physics::materials::Element;
use aprime_physics::model::{Mediator, lmu_ltau};
use aprime_physics::{PhysicsError, constants::M_E};
use rayon::prelude::*;

use crate::beam_labels::BeamLabels;
use crate::error::ReportError;
use crate::model_labels::ModelLabels;
use crate::plot::{Figure, Style};

/// Width of the (g−2)_μ favoured band drawn for the L_μ−L_τ Z' \[σ\].
pub const G_MINUS_2_BAND_SIGMA: f64 = 2.0;

/// The exclusion plot: observed limit and expected band on the model's coupling; paper 002
/// Table V (dark photon) or the (g−2)_μ band of Δa_μ = (2.51 ± 0.59)e-9, the 2021 average
/// (L_μ−L_τ; `lmu_ltau::g_band`).
pub fn exclusion(r: &Report) -> Result<Figure, ReportError> {
    let labels = ModelLabels::of(r.config.production.model);
    let pts = |f: &dyn Fn(&MassLimit) -> f64| -> Vec<(f64, f64)> {
        r.limits.iter().map(|l| (l.mass_gev, f(l))).collect()
    };
    let up = |f: &dyn Fn(&MassLimit) -> f64| -> Vec<f64> { r.limits.iter().map(f).collect() };
    let cl = (r.config.statistics.cl * 100.0).round();
    let mut fig = if labels.is_dark_photon() {
        Figure::log_log(
            &format!("{}: {cl}% C.L. exclusion, A' → invisible", r.config.name),
            "m_A' [GeV]",
            "ε",
        )
    } else {
        Figure::log_log(
            &format!(
                "{}: {cl}% C.L. exclusion, {} → {}",
                r.config.name, labels.title, labels.decay
            ),
            &labels.mass_axis(),
            labels.axis,
        )
    };
    if r.config.production.model == Mediator::LmuLtau {
        let band = r
            .limits
            .iter()
            .map(|l| {
                lmu_ltau::g_band(
                    l.mass_gev,
                    lmu_ltau::DELTA_A_MU_2021,
                    lmu_ltau::DELTA_A_MU_2021_SIGMA,
                    G_MINUS_2_BAND_SIGMA,
                )
                .map(|b| (l.mass_gev, b))
            })
            .collect::<Result<Vec<_>, PhysicsError>>()?;
        fig = fig.with(
            &format!(
                "(g−2)_μ favoured ±{G_MINUS_2_BAND_SIGMA}σ, Δa_μ = ({:.2} ± {:.2})e-9 (2021)",
                lmu_ltau::DELTA_A_MU_2021 * 1e9,
                lmu_ltau::DELTA_A_MU_2021_SIGMA * 1e9
            ),
            band.iter().map(|(m, b)| (*m, b.0)).collect(),
            Style::Band {
                rgb: (150, 190, 255),
                upper: band.iter().map(|(_, b)| b.1).collect(),
            },
        );
    }
    fig = fig
        .with(
            "expected ±2σ",
            pts(&|l| l.limit.expected.m2),
            Style::Band {
                rgb: (255, 223, 0),
                upper: up(&|l| l.limit.expected.p2),
            },
        )
        .with(
            "expected ±1σ",
            pts(&|l| l.limit.expected.m1),
            Style::Band {
                rgb: (0, 200, 60),
                upper: up(&|l| l.limit.expected.p1),
            },
        )
        .with(
            "expected median",
            pts(&|l| l.limit.expected.median),
            Style::Dashed(40, 40, 40, 2),
        )
        .with(
            // With resonant annihilation the legend says which production each curve counts.
            if r.limits_no_annihilation.is_empty() {
                "observed"
            } else {
                "observed, bremsstrahlung + resonant annihilation"
            },
            pts(&|l| l.limit.observed),
            Style::Line(0, 0, 0, 3),
        );
    if !r.limits_no_annihilation.is_empty() {
        // Paper 003 Fig. 2: the limit from bremsstrahlung alone, next to the full one.
        fig = fig.with(
            "observed, bremsstrahlung only (same exposure)",
            r.limits_no_annihilation
                .iter()
                .map(|l| (l.mass_gev, l.limit.observed))
                .collect(),
            Style::Dashed(140, 140, 140, 3),
        );
    }
    // Paper 002's points are electron-beam limits: not drawn next to another beam's limits.
    if labels.is_dark_photon() && BeamLabels::of(&r.config).electron {
        let paper: Vec<(f64, f64)> = table_v::PUBLISHED
            .iter()
            .map(|(m, _, e)| (m * 1e-3, e * 1e-4))
            .collect();
        fig = fig.with(
            "NA64 2016, PRD 97 072002 Table V (ETL)",
            paper,
            Style::Points(200, 0, 0),
        );
    }
    Ok(fig)
}

/// Picks one candidate's relic y.
type RelicPick = fn(&RelicY) -> Option<f64>;

/// The light-dark-matter planes of a dark-photon report: y limits and α_D lower limits.
pub fn dark_matter(r: &Report) -> (Figure, Figure) {
    let it = &r.config.interpretation;
    let colours = [(0, 0, 0), (30, 90, 200), (200, 60, 0), (0, 140, 60)];
    let mut fy = Figure::log_log(
        &format!(
            "{}: light dark matter, m_A' = {} m_χ",
            r.config.name, it.mass_ratio
        ),
        "m_χ [GeV]",
        "y = ε² α_D (m_χ/m_A')⁴",
    );
    for (k, a) in it.alpha_d.iter().enumerate() {
        let c = colours[k % colours.len()];
        fy = fy.with(
            &format!("upper limit, α_D = {a}"),
            r.dm.iter().map(|p| (p.m_chi_gev, p.y_upper[k])).collect(),
            Style::Line(c.0, c.1, c.2, 3),
        );
    }
    // Relic targets from the freeze-out solver (docs/relic.md), where they exist (m_χ > m_e).
    let relic_alpha = it.alpha_d.first().copied().unwrap_or(0.5);
    let lines: [(&str, RelicPick, (u8, u8, u8)); 3] = [
        ("complex scalar", |y| y.complex_scalar, (200, 120, 0)),
        ("Majorana", |y| y.majorana, (0, 150, 150)),
        ("pseudo-Dirac", |y| y.pseudo_dirac, (150, 0, 150)),
    ];
    // The tabulated curves at their own (finer) masses when they are the interpretation's,
    // else the values at the limits' masses.
    let table = RelicTargets::table();
    let tabulated = relic_alpha == table.alpha_d && it.mass_ratio == table.mass_ratio;
    let (lo, hi) = r.dm.iter().fold((f64::INFINITY, 0.0_f64), |(a, b), p| {
        (a.min(p.m_chi_gev), b.max(p.m_chi_gev))
    });
    for (name, pick, c) in lines {
        let pts: Vec<(f64, f64)> = if tabulated {
            table
                .m_chi
                .iter()
                .filter(|&&m| m >= lo && m <= hi)
                .filter_map(|&m| pick(&table.at(m)).map(|y| (m, y)))
                .collect()
        } else {
            r.dm.iter()
                .filter_map(|p| pick(&p.y_relic).map(|y| (p.m_chi_gev, y)))
                .collect()
        };
        if pts.is_empty() {
            continue;
        }
        fy = fy.with(
            &format!("relic target, {name} (freeze-out, α_D = {relic_alpha})"),
            pts,
            Style::Dashed(c.0, c.1, c.2, 2),
        );
    }
    let fa = Figure::log_log(
        &format!(
            "{}: lower limits on α_D, m_A' = {} m_χ",
            r.config.name, it.mass_ratio
        ),
        "m_χ [GeV]",
        "α_D",
    )
    .with(
        &format!("pseudo-Dirac (f = {})", it.f_pseudo_dirac),
        r.dm.iter()
            .map(|p| (p.m_chi_gev, p.alpha_d_min_pseudo_dirac))
            .collect(),
        Style::Line(150, 0, 150, 3),
    )
    .with(
        &format!("Majorana (f = {})", it.f_majorana),
        r.dm.iter()
            .map(|p| (p.m_chi_gev, p.alpha_d_min_majorana))
            .collect(),
        Style::Line(0, 150, 150, 3),
    );
    (fy, fa)
}

/// k = σ_WW/σ_ETL on Pb against E0 for the model's boson (paper 002 Fig. 2 for the dark
/// photon; the WW total uses the spin's leading-log coefficient, docs/models.md §3).
pub fn kfactor(model: Mediator) -> Result<Figure, ReportError> {
    let labels = ModelLabels::of(model);
    let pb = Element::by_name("Pb").ok_or_else(|| ReportError::Table {
        what: "kfactor".into(),
        message: "no Pb in the element table".into(),
    })?;
    let masses = [0.002, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0];
    let energies: Vec<f64> = (1..=8).map(|i| 20.0 * f64::from(i)).collect();
    let opts = XsecOptions::default();
    let grid: Vec<Result<KFactor, PhysicsError>> = if labels.is_dark_photon() {
        kfactor::k_factor_grid(pb.zf(), pb.a, &masses, &energies, Method::Etl, &opts)
    } else {
        let points: Vec<(f64, f64)> = masses
            .iter()
            .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
            .collect();
        points
            .par_iter()
            .map(|&(m, e0)| {
                let p =
                    DarkBrem::new(pb.zf(), pb.a, e0, m, M_E, FormFactorModel::ElasticInelastic)?
                        .with_mediator(model);
                kfactor::k_factor_with(&p, Method::Etl, &opts)
            })
            .collect()
    };
    let title = if labels.is_dark_photon() {
        "k = σ_WW/σ_ETL on Pb (paper 002 Fig. 2)".to_string()
    } else {
        format!("k = σ_WW/σ_ETL on Pb, {}", labels.title)
    };
    let mut f = Figure {
        title,
        x_label: "E0 [GeV]".into(),
        y_label: "k".into(),
        log_x: false,
        log_y: false,
        series: Vec::new(),
        legend_headroom: 0.0,
    };
    let palette = [
        (0, 0, 0),
        (30, 90, 200),
        (200, 60, 0),
        (0, 140, 60),
        (150, 0, 150),
        (0, 150, 150),
        (120, 120, 0),
        (200, 0, 100),
    ];
    for (i, m) in masses.iter().enumerate() {
        let pts: Vec<(f64, f64)> = grid[i * energies.len()..(i + 1) * energies.len()]
            .iter()
            .filter_map(|k| k.as_ref().ok().map(|k| (k.energy_gev, k.k)))
            .collect();
        let c = palette[i % palette.len()];
        f = f.with(
            &format!("m_{} = {} MeV", labels.boson, m * 1e3),
            pts,
            Style::Line(c.0, c.1, c.2, 2),
        );
    }
    Ok(f)
}

/// X energy spectra from the shower (paper 002 Fig. 4 for the dark photon), per EOT at unit
/// lepton coupling.
pub fn spectra(r: &Report) -> Figure {
    let labels = ModelLabels::of(r.config.production.model);
    let (title, y_label) = if labels.is_dark_photon() {
        (
            format!(
                "A' energy spectra in the {} target (paper 002 Fig. 4)",
                r.yields.target
            ),
            "dN/dE_A' per EOT per ε² [1/GeV]".to_string(),
        )
    } else {
        (
            format!(
                "{} energy spectra in the {} target",
                labels.title, r.yields.target
            ),
            format!(
                "dN/dE_{} per EOT per ε_e² (g_e = ε_e e) [1/GeV]",
                labels.boson
            ),
        )
    };
    let beam = BeamLabels::of(&r.config);
    let (title, y_label) = if beam.muon {
        (
            format!(
                "{} spectra in missing energy, {} beam, {} target",
                labels.title,
                r.config.beam.particle.projectile(),
                r.yields.target
            ),
            "dN/dE_miss per MOT per ε_μ² (g_μ = ε_μ e) [1/GeV]".to_string(),
        )
    } else {
        (title, y_label)
    };
    let mut f = Figure {
        title,
        x_label: if beam.muon {
            format!("{} [GeV]", beam.spectrum_variable)
        } else {
            format!("E_{} [GeV]", labels.boson)
        },
        y_label,
        log_x: false,
        log_y: true,
        series: Vec::new(),
        legend_headroom: 0.0,
    };
    let palette = [(0, 0, 0), (30, 90, 200), (200, 60, 0), (0, 140, 60)];
    for (i, target) in [0.01, 0.1, 0.3, 1.0].iter().enumerate() {
        if let Some(p) = r.yields.main.points.iter().min_by(|a, b| {
            (a.mass_gev / target)
                .ln()
                .abs()
                .total_cmp(&(b.mass_gev / target).ln().abs())
        }) {
            let pts: Vec<(f64, f64)> = p
                .spectrum
                .centres()
                .into_iter()
                .zip(&p.spectrum.values)
                .filter(|(_, v)| **v > 0.0)
                .map(|(c, v)| (c, *v))
                .collect();
            let c = palette[i];
            f = f.with(
                &format!("m_{} = {:.3} GeV", labels.boson, p.mass_gev),
                pts,
                Style::Line(c.0, c.1, c.2, 2),
            );
        }
    }
    f
}

/// The median expected limit on the model's coupling against the E_ECAL cut (paper 002 Fig. 14).
pub fn cut_scan(r: &Report) -> Figure {
    let labels = ModelLabels::of(r.config.production.model);
    let beam = BeamLabels::of(&r.config);
    let mut f = Figure {
        title: if beam.muon {
            "Sensitivity against the scattered-muon momentum cut".into()
        } else {
            "Sensitivity against the E_ECAL cut (paper 002 Fig. 14)".into()
        },
        x_label: format!("{} [GeV]", beam.cut),
        y_label: format!("median expected {} upper limit", labels.axis),
        log_x: false,
        log_y: true,
        series: Vec::new(),
        legend_headroom: 0.0,
    };
    let mut masses: Vec<f64> = r.cut_scan.iter().map(|p| p.mass_gev).collect();
    masses.dedup();
    for (i, m) in masses.iter().enumerate() {
        let pts = r
            .cut_scan
            .iter()
            .filter(|p| p.mass_gev == *m)
            .map(|p| (p.e_ecal_cut_gev, p.eps_expected_median))
            .collect();
        let c = [(30, 90, 200), (0, 140, 60)][i % 2];
        f = f.with(
            &format!("m_{} = {:.1} MeV", labels.boson, m * 1e3),
            pts,
            Style::Line(c.0, c.1, c.2, 3),
        );
    }
    f
}
