//! The (E_ECAL, E_HCAL) plane as a weighted 2-D heat map with the signal box and the side bands
//! A and C outlined (paper 000 Fig. 2, paper 002 Fig. 7), written as PNG and SVG with the
//! embedded DejaVu Sans font of the plotting layer. When blind, the box is drawn as a grey
//! "blinded" patch (its events were never filled).

use std::path::Path;

use aprime_analysis::tally::Hist2;
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::ReportError;
use crate::plot_file::{self, Drawing};

/// What to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaneFigure<'a> {
    /// Title.
    pub title: String,
    /// The weighted plane.
    pub hist: &'a Hist2,
    /// E_ECAL cut of the box \[GeV\].
    pub ecal_cut_gev: f64,
    /// E_HCAL threshold of the box \[GeV\].
    pub hcal_cut_gev: f64,
    /// Mask the box.
    pub blind: bool,
}

/// A perceptually ordered colour ramp (dark blue → green → yellow) for t in \[0, 1\].
fn ramp(t: f64) -> RGBColor {
    const STOPS: [(f64, (f64, f64, f64)); 5] = [
        (0.0, (68.0, 1.0, 84.0)),
        (0.25, (59.0, 82.0, 139.0)),
        (0.5, (33.0, 145.0, 140.0)),
        (0.75, (94.0, 201.0, 98.0)),
        (1.0, (253.0, 231.0, 37.0)),
    ];
    let t = t.clamp(0.0, 1.0);
    let i = STOPS.iter().rposition(|s| s.0 <= t).unwrap_or(0).min(3);
    let (t0, c0) = STOPS[i];
    let (t1, c1) = STOPS[i + 1];
    let f = (t - t0) / (t1 - t0);
    let mix = |a: f64, b: f64| (a + f * (b - a)).round() as u8;
    RGBColor(mix(c0.0, c1.0), mix(c0.1, c1.1), mix(c0.2, c1.2))
}

impl PlaneFigure<'_> {
    /// Write `<stem>.png` and `<stem>.svg`.
    pub fn save(&self, stem: &Path) -> Result<(), ReportError> {
        plot_file::save(self, stem, (1000, 800))
    }
}

impl Drawing for PlaneFigure<'_> {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let h = self.hist;
        let s = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&WHITE).map_err(s)?;
        let (main, bar) = root.split_horizontally(880);
        let x1 = h.x_lo + h.x_width * h.nx as f64;
        let y1 = h.y_lo + h.y_width * h.ny as f64;
        let mut chart = ChartBuilder::on(&main)
            .caption(&self.title, ("sans-serif", 24))
            .margin(16)
            .x_label_area_size(55)
            .y_label_area_size(70)
            .build_cartesian_2d(h.x_lo..x1, h.y_lo..y1)
            .map_err(s)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("E_ECAL [GeV]")
            .y_desc("E_HCAL [GeV]")
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 20))
            .draw()
            .map_err(s)?;
        let positive: Vec<f64> = h.w.iter().copied().filter(|w| *w > 0.0).collect();
        let lmax = positive.iter().copied().fold(f64::MIN, f64::max).log10();
        let lmin = positive.iter().copied().fold(f64::MAX, f64::min).log10();
        let span = (lmax - lmin).max(1e-9);
        let mut cells = Vec::new();
        for ix in 0..h.nx {
            for iy in 0..h.ny {
                let w = h.w[ix * h.ny + iy];
                if w <= 0.0 {
                    continue;
                }
                let x = h.x_lo + h.x_width * ix as f64;
                let y = h.y_lo + h.y_width * iy as f64;
                let c = ramp((w.log10() - lmin) / span);
                cells.push(Rectangle::new(
                    [(x, y), (x + h.x_width, y + h.y_width)],
                    c.filled(),
                ));
            }
        }
        chart.draw_series(cells).map_err(s)?;
        // Regions: the box is thin on this scale, so it is outlined with a thick border.
        let (ec, hc) = (self.ecal_cut_gev, self.hcal_cut_gev);
        if self.blind {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(h.x_lo, h.y_lo), (ec, hc)],
                    RGBColor(150, 150, 150).filled(),
                )))
                .map_err(s)?;
        }
        let red = RGBColor(200, 0, 0);
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(h.x_lo, h.y_lo), (ec, hc)],
                red.stroke_width(3),
            )))
            .map_err(s)?;
        chart
            .draw_series(LineSeries::new(
                vec![(ec, h.y_lo), (ec, y1)],
                BLACK.stroke_width(1),
            ))
            .map_err(s)?;
        chart
            .draw_series(LineSeries::new(
                vec![(h.x_lo, hc), (x1, hc)],
                BLACK.stroke_width(1),
            ))
            .map_err(s)?;
        let label = |t: &str, x: f64, y: f64| {
            Text::new(
                t.to_string(),
                (x, y),
                ("sans-serif", 22).into_font().color(&red),
            )
        };
        let box_label = if self.blind {
            "signal box (blinded)"
        } else {
            "signal box"
        };
        chart
            .draw_series([
                label("A", 0.5 * ec, 0.5 * y1),
                label("C", 0.5 * (ec + x1), 0.12 * y1),
                label(box_label, h.x_lo + 2.0, 0.06 * y1),
            ])
            .map_err(s)?;
        // Colour bar: log10 Σw per cell.
        let mut cb = ChartBuilder::on(&bar)
            .margin_top(60)
            .margin_bottom(70)
            .margin_right(10)
            .y_label_area_size(60)
            .build_cartesian_2d(0.0..1.0, lmin.min(lmax)..lmax.max(lmin + 1e-9))
            .map_err(s)?;
        cb.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_desc("log10(events per cell)")
            .label_style(("sans-serif", 14))
            .axis_desc_style(("sans-serif", 16))
            .draw()
            .map_err(s)?;
        if positive.is_empty() {
            return Ok(());
        }
        let steps = 100u32;
        cb.draw_series((0..steps).map(|i| {
            let n = f64::from(steps);
            let a = lmin + span * f64::from(i) / n;
            let b = lmin + span * f64::from(i + 1) / n;
            Rectangle::new([(0.0, a), (1.0, b)], ramp(f64::from(i) / n).filled())
        }))
        .map_err(s)?;
        Ok(())
    }
}
