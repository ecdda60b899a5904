//! A thin plotting layer over plotters: figures made of lines, dashed lines and bands, drawn
//! on linear or logarithmic axes, written as PNG and SVG with an embedded DejaVu Sans font
//! (no system fonts needed).

use std::path::Path;

use plotters::coord::Shift;
use plotters::coord::ranged1d::ValueFormatter;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::error::ReportError;
use crate::plot_file::{self, Drawing};

/// How a series is drawn.
#[derive(Debug, Clone, PartialEq)]
pub enum Style {
    /// Solid line of the given colour (RGB) and width.
    Line(u8, u8, u8, u32),
    /// Dashed line.
    Dashed(u8, u8, u8, u32),
    /// Filled band between `points` (lower edge) and `upper` (same x values).
    Band {
        /// Fill colour.
        rgb: (u8, u8, u8),
        /// Upper edge, one value per point.
        upper: Vec<f64>,
    },
    /// Markers.
    Points(u8, u8, u8),
    /// Dashed line with its own pattern: `dash` pixels drawn, `gap` pixels left out (curves
    /// that must stay apart in grey print differ in pattern, not only in colour).
    DashPattern {
        /// Colour (RGB).
        rgb: (u8, u8, u8),
        /// Line width \[px\].
        width: u32,
        /// Dash length \[px\].
        dash: u32,
        /// Gap length \[px\].
        gap: u32,
    },
}

/// One data series.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// (x, y) points; for a band, y is the lower edge.
    pub points: Vec<(f64, f64)>,
    /// Style.
    pub style: Style,
}

/// A figure with one pair of axes.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Title above the plot.
    pub title: String,
    /// x-axis label with unit.
    pub x_label: String,
    /// y-axis label with unit.
    pub y_label: String,
    /// Logarithmic x axis.
    pub log_x: bool,
    /// Logarithmic y axis.
    pub log_y: bool,
    /// Series, drawn in order (bands first if you want lines on top).
    pub series: Vec<Series>,
    /// Fraction of the y axis kept free of data at the top, for the legend (0: none).
    pub legend_headroom: f64,
}

impl Figure {
    /// A figure with log-log axes.
    pub fn log_log(title: &str, x_label: &str, y_label: &str) -> Self {
        Self {
            title: title.into(),
            x_label: x_label.into(),
            y_label: y_label.into(),
            log_x: true,
            log_y: true,
            series: Vec::new(),
            legend_headroom: 0.0,
        }
    }

    /// Add a series.
    #[must_use]
    pub fn with(mut self, name: &str, points: Vec<(f64, f64)>, style: Style) -> Self {
        self.series.push(Series {
            name: name.into(),
            points,
            style,
        });
        self
    }

    /// Data ranges over all finite (and, on log axes, positive) values, padded.
    fn ranges(&self) -> ((f64, f64), (f64, f64)) {
        let ok_x = |x: f64| x.is_finite() && (!self.log_x || x > 0.0);
        let ok_y = |y: f64| y.is_finite() && (!self.log_y || y > 0.0);
        let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for s in &self.series {
            let uppers: &[f64] = match &s.style {
                Style::Band { upper, .. } => upper,
                _ => &[],
            };
            for (i, &(x, y)) in s.points.iter().enumerate() {
                if !ok_x(x) {
                    continue;
                }
                for v in std::iter::once(y).chain(uppers.get(i).copied()) {
                    if ok_y(v) {
                        x0 = x0.min(x);
                        x1 = x1.max(x);
                        y0 = y0.min(v);
                        y1 = y1.max(v);
                    }
                }
            }
        }
        if x0 > x1 {
            return ((1.0, 10.0), (1.0, 10.0));
        }
        let pad = |lo: f64, hi: f64, log: bool| {
            if log {
                let (l, h) = (lo.log10(), hi.log10());
                let d = ((h - l) * 0.05).max(0.1);
                (10f64.powf(l - d), 10f64.powf(h + d))
            } else {
                let d = ((hi - lo) * 0.05).max(hi.abs().max(1e-12) * 0.05);
                (lo - d, hi + d)
            }
        };
        let (y0, y1) = pad(y0, y1, self.log_y);
        // Stretch the top so the data fill only the lower 1 − headroom of the axis.
        let keep = (1.0 - self.legend_headroom).clamp(0.2, 1.0);
        let y1 = if self.log_y {
            10f64.powf(y0.log10() + (y1.log10() - y0.log10()) / keep)
        } else {
            y0 + (y1 - y0) / keep
        };
        (pad(x0, x1, self.log_x), (y0, y1))
    }

    /// Write `<stem>.png` and `<stem>.svg`.
    pub fn save(&self, stem: &Path) -> Result<(), ReportError> {
        plot_file::save(self, stem, (1000, 720))
    }
}

impl Drawing for Figure {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String> {
        let ((x0, x1), (y0, y1)) = self.ranges();
        root.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut builder = ChartBuilder::on(root);
        builder
            .caption(&self.title, ("sans-serif", 26))
            .margin(18)
            .x_label_area_size(60)
            .y_label_area_size(90);
        // The four axis combinations have different coordinate types.
        match (self.log_x, self.log_y) {
            (true, true) => {
                let chart = builder
                    .build_cartesian_2d((x0..x1).log_scale(), (y0..y1).log_scale())
                    .map_err(|e| e.to_string())?;
                self.fill(chart)
            }
            (true, false) => {
                let chart = builder
                    .build_cartesian_2d((x0..x1).log_scale(), y0..y1)
                    .map_err(|e| e.to_string())?;
                self.fill(chart)
            }
            (false, true) => {
                let chart = builder
                    .build_cartesian_2d(x0..x1, (y0..y1).log_scale())
                    .map_err(|e| e.to_string())?;
                self.fill(chart)
            }
            (false, false) => {
                let chart = builder
                    .build_cartesian_2d(x0..x1, y0..y1)
                    .map_err(|e| e.to_string())?;
                self.fill(chart)
            }
        }
    }
}

impl Figure {
    fn fill<'a, DB, X, Y>(
        &self,
        mut chart: ChartContext<'a, DB, Cartesian2d<X, Y>>,
    ) -> Result<(), String>
    where
        DB: DrawingBackend + 'a,
        X: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        chart
            .configure_mesh()
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(*v))
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .label_style(("sans-serif", 16))
            .axis_desc_style(("sans-serif", 20))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(|e| e.to_string())?;
        let ok = |&(x, y): &(f64, f64)| {
            x.is_finite() && y.is_finite() && (!self.log_x || x > 0.0) && (!self.log_y || y > 0.0)
        };
        for s in &self.series {
            let pts: Vec<(f64, f64)> = s.points.iter().copied().filter(ok).collect();
            let legend = match &s.style {
                Style::Line(r, g, b, w) => {
                    let st = RGBColor(*r, *g, *b).stroke_width(*w);
                    chart
                        .draw_series(LineSeries::new(pts, st))
                        .map_err(|e| e.to_string())?;
                    Legend::Line(st, None)
                }
                Style::Dashed(r, g, b, w) => {
                    let st = RGBColor(*r, *g, *b).stroke_width(*w);
                    chart
                        .draw_series(DashedLineSeries::new(pts, 10, 6, st))
                        .map_err(|e| e.to_string())?;
                    Legend::Line(st, Some((10, 6)))
                }
                Style::DashPattern {
                    rgb,
                    width,
                    dash,
                    gap,
                } => {
                    let st = RGBColor(rgb.0, rgb.1, rgb.2).stroke_width(*width);
                    chart
                        .draw_series(DashedLineSeries::new(pts, *dash, *gap, st))
                        .map_err(|e| e.to_string())?;
                    Legend::Line(st, Some((*dash, *gap)))
                }
                Style::Points(r, g, b) => {
                    let c = RGBColor(*r, *g, *b);
                    chart
                        .draw_series(pts.iter().map(|p| Circle::new(*p, 4, c.filled())))
                        .map_err(|e| e.to_string())?;
                    Legend::Fill((*r, *g, *b))
                }
                Style::Band { rgb, upper } => {
                    let mut poly: Vec<(f64, f64)> = Vec::new();
                    let mut top: Vec<(f64, f64)> = Vec::new();
                    for (i, p) in s.points.iter().enumerate() {
                        if let Some(&u) = upper.get(i)
                            && ok(p)
                            && ok(&(p.0, u))
                        {
                            poly.push(*p);
                            top.push((p.0, u));
                        }
                    }
                    poly.extend(top.into_iter().rev());
                    let c = RGBColor(rgb.0, rgb.1, rgb.2);
                    chart
                        .draw_series(std::iter::once(Polygon::new(poly, c.filled())))
                        .map_err(|e| e.to_string())?;
                    Legend::Fill(*rgb)
                }
            };
            if !s.name.is_empty() {
                // Re-draw an empty series just to register the legend entry: a line sample in
                // the line's own pattern, a filled box for bands and markers.
                let entry = chart
                    .draw_series(std::iter::empty::<Circle<(f64, f64), i32>>())
                    .map_err(|e| e.to_string())?
                    .label(s.name.clone());
                match legend {
                    Legend::Fill(rgb) => {
                        let c = RGBColor(rgb.0, rgb.1, rgb.2);
                        entry.legend(move |(x, y)| {
                            Rectangle::new([(x, y - 5), (x + 20, y + 5)], c.filled())
                        });
                    }
                    Legend::Line(st, None) => {
                        entry.legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], st));
                    }
                    Legend::Line(st, Some((dash, gap))) => {
                        // Shorter dashes than on the plot so a sample shows the pattern.
                        let (d, g) = (dash.div_ceil(2).max(2), gap.div_ceil(2).max(2));
                        entry.legend(move |(x, y)| {
                            DashedPathElement::new([(x, y), (x + 20, y)], d, g, st)
                        });
                    }
                }
            }
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK)
            .label_font(("sans-serif", 16))
            .draw()
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

/// How a series appears in the legend.
enum Legend {
    /// A filled box of this colour.
    Fill((u8, u8, u8)),
    /// A line sample, dashed with (dash, gap) pixels if given.
    Line(ShapeStyle, Option<(u32, u32)>),
}

/// Short tick labels: plain numbers between 1e-3 and 1e4, otherwise `2e-5`-style.
pub fn tick_label(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let mag = v.abs().log10().floor();
    if (-3.0..4.0).contains(&mag) {
        let decimals = (-mag).max(0.0) as usize + 1;
        let s = format!("{v:.decimals$}");
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        return s;
    }
    let mant = v / 10f64.powf(mag);
    if (mant - mant.round()).abs() < 0.05 {
        format!("{}e{}", mant.round(), mag)
    } else {
        format!("{mant:.1}e{mag}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn tick_labels_are_short() {
        assert_eq!(super::tick_label(0.001), "0.001");
        assert_eq!(super::tick_label(4e-6), "4e-6");
        assert_eq!(super::tick_label(2.5e-7), "2.5e-7");
        assert_eq!(super::tick_label(30.0), "30");
        assert_eq!(super::tick_label(0.0002), "2e-4");
        assert_eq!(super::tick_label(0.02), "0.02");
    }

    use super::*;

    #[test]
    fn writes_png_and_svg_with_text() {
        let dir = std::env::temp_dir().join(format!("aprime-plot-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pts: Vec<(f64, f64)> = (0..20)
            .map(|i| (1e-3 * 1.4f64.powi(i), 1e-5 * 1.2f64.powi(i)))
            .collect();
        let up: Vec<f64> = pts.iter().map(|p| p.1 * 2.0).collect();
        Figure::log_log("test", "m_A' [GeV]", "ε")
            .with(
                "band",
                pts.clone(),
                Style::Band {
                    rgb: (255, 230, 0),
                    upper: up,
                },
            )
            .with("line", pts.clone(), Style::Line(0, 0, 0, 2))
            .with("dash", pts, Style::Dashed(200, 0, 0, 2))
            .save(&dir.join("fig"))
            .unwrap();
        let png = std::fs::read(dir.join("fig.png")).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let svg = std::fs::read_to_string(dir.join("fig.svg")).unwrap();
        assert!(svg.contains("m_A' [GeV]") || svg.contains("m_A&apos; [GeV]"));
        std::fs::remove_dir_all(dir).ok();
    }
}
