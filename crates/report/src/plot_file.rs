//! Writing a drawing as PNG and SVG with the embedded DejaVu Sans font (no system fonts
//! needed): the one place every figure of the report is saved.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::error::ReportError;

static FONT: Once = Once::new();
const FONT_BYTES: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// Register the embedded DejaVu Sans as the plots' sans-serif font (once per process).
fn register_font() {
    FONT.call_once(|| {
        // The font is embedded at compile time; registration can only fail on a corrupt file,
        // which the test suite would catch.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT_BYTES);
    });
}

/// Something that draws itself on any plotters backend.
pub(crate) trait Drawing {
    /// Draw onto `root`; a failure is described in words.
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> Result<(), String>;
}

/// Write `<stem>.png` and `<stem>.svg` of `drawing`, `size` pixels (width, height).
pub(crate) fn save(
    drawing: &impl Drawing,
    stem: &Path,
    size: (u32, u32),
) -> Result<(), ReportError> {
    register_font();
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    let err = |p: &Path, message: String| ReportError::Plot {
        path: p.to_path_buf(),
        message,
    };
    {
        let root = BitMapBackend::new(&png, size).into_drawing_area();
        drawing.draw(&root).map_err(|e| err(&png, e))?;
        root.present().map_err(|e| err(&png, e.to_string()))?;
    }
    {
        let root = SVGBackend::new(&svg, size).into_drawing_area();
        drawing.draw(&root).map_err(|e| err(&svg, e))?;
        root.present().map_err(|e| err(&svg, e.to_string()))?;
    }
    Ok(())
}
