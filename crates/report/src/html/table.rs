//! HTML tables whose column headers carry their units.

use std::fmt::Write as _;

use super::document::escape;
use crate::analysis_outputs::sig;

/// Unit text of a dimensionless column.
pub(crate) const DIMENSIONLESS: &str = "–";

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Plain text, left-aligned (escaped).
    Text(String),
    /// A number, right-aligned, with 4 significant digits ("–" when not finite).
    Num(f64),
    /// A pre-formatted number or range, right-aligned (escaped).
    NumText(String),
    /// Raw HTML (e.g. a link), left-aligned.
    Html(String),
}

/// `v` with `n` significant digits, "–" when not finite.
pub(crate) fn number(v: f64, n: i32) -> String {
    if v.is_finite() {
        sig(v, n)
    } else {
        "–".into()
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Self::Text(s.into())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Self::Num(v)
    }
}

/// A table with a caption and (name, unit) column headers; the unit is printed in brackets
/// after the name (`DIMENSIONLESS` for pure numbers, "" for text columns).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HtmlTable {
    caption: String,
    headers: Vec<(String, String)>,
    rows: Vec<Vec<Cell>>,
}

impl HtmlTable {
    /// An empty table.
    pub(crate) fn new(caption: &str, headers: &[(&str, &str)]) -> Self {
        Self {
            caption: caption.into(),
            headers: headers
                .iter()
                .map(|(n, u)| ((*n).to_string(), (*u).to_string()))
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Append a row (one cell per header).
    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.headers.len(), "{}", self.caption);
        self.rows.push(row);
    }

    /// The table as HTML (inside a horizontally scrolling wrapper).
    pub(crate) fn render(&self) -> String {
        let mut s = String::from("<div class=\"table-wrap\"><table>\n");
        if !self.caption.is_empty() {
            let _ = writeln!(s, "<caption>{}</caption>", escape(&self.caption));
        }
        s.push_str("<thead><tr>");
        for (name, unit) in &self.headers {
            if unit.is_empty() {
                let _ = write!(s, "<th scope=\"col\">{}</th>", escape(name));
            } else {
                let _ = write!(
                    s,
                    "<th scope=\"col\">{} [{}]</th>",
                    escape(name),
                    escape(unit)
                );
            }
        }
        s.push_str("</tr></thead>\n<tbody>\n");
        for row in &self.rows {
            s.push_str("<tr>");
            for c in row {
                match c {
                    Cell::Text(t) => {
                        let _ = write!(s, "<td>{}</td>", escape(t));
                    }
                    Cell::Num(v) => {
                        let _ = write!(s, "<td class=\"num\">{}</td>", escape(&number(*v, 4)));
                    }
                    Cell::NumText(t) => {
                        let _ = write!(s, "<td class=\"num\">{}</td>", escape(t));
                    }
                    Cell::Html(h) => {
                        let _ = write!(s, "<td>{h}</td>");
                    }
                }
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody></table></div>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_carry_units_and_numbers_align_right() {
        let mut t = HtmlTable::new(
            "Limits",
            &[("m_A'", "GeV"), ("ε", DIMENSIONLESS), ("calculator", "")],
        );
        t.push(vec![0.0167.into(), f64::NAN.into(), "hybrid".into()]);
        let h = t.render();
        assert!(h.contains("<th scope=\"col\">m_A&#39; [GeV]</th>"));
        assert!(h.contains("<th scope=\"col\">ε [–]</th>"));
        assert!(h.contains("<th scope=\"col\">calculator</th>"));
        assert!(h.contains("<td class=\"num\">0.01670</td>"), "{h}");
        assert!(h.contains("<td class=\"num\">–</td>"));
    }
}
