//! The projection figure: the configuration's observed and expected limits and the expected
//! median of every projected exposure on one plot, with the ±1σ/±2σ band of the largest
//! projected exposure. Curves differ in dash pattern and lightness as well as colour, so they
//! stay apart in grey print; the top of the axes is left free for the legend.

use aprime_limits::Projection;
use aprime_limits::projection::ExposureProjection;
use aprime_stats::Band;

use crate::model_labels::ModelLabels;
use crate::plot::{Figure, Style};

/// A colour (RGB).
type Rgb = (u8, u8, u8);
/// A dash pattern: dash and gap lengths \[px\].
type DashGap = (u32, u32);

/// Colours (distinct lightness) and dash patterns (dash, gap \[px\]) of the projected medians,
/// in request order; cycled beyond five.
const PROJECTED: [(Rgb, DashGap); 5] = [
    ((20, 60, 170), (14, 5)),
    ((190, 40, 40), (4, 4)),
    ((0, 120, 60), (20, 6)),
    ((150, 90, 0), (2, 5)),
    ((110, 40, 150), (10, 10)),
];

/// A particle count in short scientific notation, e.g. `2.84e11`.
pub fn eot_label(n: f64) -> String {
    let s = format!("{n:.3e}");
    // Drop trailing zeros of the mantissa: 1.000e13 → 1e13.
    match s.split_once('e') {
        Some((m, e)) => {
            let m = if m.contains('.') {
                m.trim_end_matches('0').trim_end_matches('.')
            } else {
                m
            };
            format!("{m}e{e}")
        }
        None => s,
    }
}

fn exposure_name(p: &ExposureProjection) -> String {
    format!(
        "{} EOT, b = {:.2} events",
        eot_label(p.eot),
        p.background_events
    )
}

/// The projection plot of `p`.
pub fn projection(p: &Projection) -> Figure {
    let labels = ModelLabels::of(p.model);
    let cl = (p.cl * 100.0).round();
    let mut fig = Figure::log_log(
        &format!(
            "{}: projected {cl}% C.L. expected limits, E0 = {} GeV, target {:.1} X0",
            p.config, p.beam_energy_gev, p.target_depth_x0
        ),
        &labels.mass_axis(),
        labels.axis,
    );
    let band = |l: &[(f64, Band)], lo: fn(&Band) -> f64, hi: fn(&Band) -> f64| {
        (
            l.iter().map(|(m, b)| (*m, lo(b))).collect::<Vec<_>>(),
            l.iter().map(|(_, b)| hi(b)).collect::<Vec<_>>(),
        )
    };
    if let Some(largest) = p.projections.iter().max_by(|a, b| a.eot.total_cmp(&b.eot)) {
        let l: Vec<(f64, Band)> = largest
            .limits
            .iter()
            .map(|x| (x.mass_gev, x.expected))
            .collect();
        let name = eot_label(largest.eot);
        let (lo2, hi2) = band(&l, |b| b.m2, |b| b.p2);
        let (lo1, hi1) = band(&l, |b| b.m1, |b| b.p1);
        fig = fig
            .with(
                &format!("{name} EOT: expected ±2σ"),
                lo2,
                Style::Band {
                    rgb: (228, 228, 228),
                    upper: hi2,
                },
            )
            .with(
                &format!("{name} EOT: expected ±1σ"),
                lo1,
                Style::Band {
                    rgb: (195, 195, 195),
                    upper: hi1,
                },
            );
    }
    let now = format!(
        "now, {} EOT, b = {:.2} events",
        eot_label(p.current_eot),
        p.current_background_events
    );
    fig = fig
        .with(
            &format!("{now}: expected median"),
            p.current
                .iter()
                .map(|l| (l.mass_gev, l.expected.median))
                .collect(),
            Style::Dashed(0, 0, 0, 2),
        )
        .with(
            &format!("{now}: observed"),
            p.current.iter().map(|l| (l.mass_gev, l.observed)).collect(),
            Style::Line(0, 0, 0, 3),
        );
    for (i, e) in p.projections.iter().enumerate() {
        let (rgb, (dash, gap)) = PROJECTED[i % PROJECTED.len()];
        fig = fig.with(
            &format!("{}: expected median", exposure_name(e)),
            e.limits
                .iter()
                .map(|l| (l.mass_gev, l.expected.median))
                .collect(),
            Style::DashPattern {
                rgb,
                width: 3,
                dash,
                gap,
            },
        );
    }
    // About 22 px per legend entry on a ≈ 620 px high plot area, plus a margin.
    let entries = fig.series.len() as f64;
    fig.legend_headroom = (0.04 * entries + 0.06).min(0.6);
    fig
}

#[cfg(test)]
mod tests {
    use super::eot_label;

    #[test]
    fn exposures_are_short() {
        assert_eq!(eot_label(1e13), "1e13");
        assert_eq!(eot_label(2.84e11), "2.84e11");
        assert_eq!(eot_label(1.25e12), "1.25e12");
    }
}
