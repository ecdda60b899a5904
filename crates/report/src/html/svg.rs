//! Plots inlined into the page: the SVG files the plot writers made, read back and embedded as
//! `<svg>` elements with an accessible name (role="img" and a `<title>`: the SVG form of alt
//! text) inside a `<figure>` with a caption.

use std::path::Path;

use super::document::escape;
use crate::error::ReportError;

/// The `<svg>…</svg>` element of an SVG document (any XML prolog, doctype or comment before it
/// dropped) with `id`, `role="img"`, `aria-labelledby` and a `<title>` holding `alt`.
pub(crate) fn svg_element(svg: &str, id: &str, alt: &str) -> Option<String> {
    let start = svg.find("<svg")?;
    let body = &svg[start..];
    let open_end = body.find('>')?;
    let end = body.rfind("</svg>")? + "</svg>".len();
    if end <= open_end {
        return None;
    }
    let id = escape(id);
    Some(format!(
        "<svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\"{}>\n<title id=\"{id}-title\">{}</title>{}",
        &body[4..open_end],
        escape(alt),
        &body[open_end + 1..end]
    ))
}

/// A `<figure>` with the SVG file `path` inline (`id` on the `<svg>`), `alt` as its accessible
/// name and `caption` below it; `class` is added to the figure ("main" for the headline plot).
pub(crate) fn figure(
    path: &Path,
    id: &str,
    alt: &str,
    caption: &str,
    class: &str,
) -> Result<String, ReportError> {
    let text = std::fs::read_to_string(path).map_err(|e| ReportError::read(path, e))?;
    let svg = svg_element(&text, id, alt).ok_or_else(|| ReportError::NotSvg {
        path: path.to_path_buf(),
    })?;
    Ok(format!(
        "<figure class=\"plot {class}\">\n{svg}\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(caption)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_svg_gets_an_accessible_name() {
        let doc = "<?xml version=\"1.0\"?>\n<svg width=\"10\" height=\"5\" viewBox=\"0 0 10 5\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n</svg>\n";
        let e = svg_element(doc, "exclusion-plot", "ε < 1e-4").unwrap();
        assert!(e.starts_with("<svg id=\"exclusion-plot\" role=\"img\" aria-labelledby=\"exclusion-plot-title\" width=\"10\""), "{e}");
        assert!(e.contains("<title id=\"exclusion-plot-title\">ε &lt; 1e-4</title>"));
        assert!(e.ends_with("<rect/>\n</svg>"));
        assert!(svg_element("<html></html>", "x", "y").is_none());
    }
}
