//! The frame of `report.html`: one self-contained HTML5 document (its style sheet inline, no
//! script, no external resource of any kind) made of titled sections with a table of contents.

use std::fmt::Write as _;

/// The style sheet: screen layout for a laptop-sized window and a print layout (A4).
const STYLE: &str = include_str!("style.css");

/// `s` with the five HTML-special characters escaped (text and attribute values).
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A definition list of (term, HTML value) pairs; the terms are escaped, the values not.
pub(crate) fn definitions(items: &[(&str, String)]) -> String {
    let mut s = String::from("<dl class=\"kv\">\n");
    for (term, value) in items {
        let _ = writeln!(s, "<dt>{}</dt><dd>{value}</dd>", escape(term));
    }
    s.push_str("</dl>\n");
    s
}

/// One section of the page.
#[derive(Debug, Clone, PartialEq)]
struct Section {
    id: String,
    heading: String,
    body: String,
}

/// A report page under construction.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Page {
    title: String,
    subtitle: String,
    sections: Vec<Section>,
}

impl Page {
    /// A page with a title (also the document title) and a one-line subtitle (plain text).
    pub(crate) fn new(title: &str, subtitle: &str) -> Self {
        Self {
            title: title.into(),
            subtitle: subtitle.into(),
            sections: Vec::new(),
        }
    }

    /// Append a section: `id` for links, `heading` plain text, `body` HTML.
    pub(crate) fn section(&mut self, id: &str, heading: &str, body: String) {
        self.sections.push(Section {
            id: id.into(),
            heading: heading.into(),
            body,
        });
    }

    /// The complete document.
    pub(crate) fn render(&self) -> String {
        let mut s = String::new();
        let title = escape(&self.title);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"aprime {}\">\n\
             <link rel=\"icon\" href=\"data:,\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n\
             </head>\n<body>\n<header class=\"top\">\n<h1>{title}</h1>\n<p>{}</p>\n</header>\n",
            crate::provenance::VERSION,
            escape(&self.subtitle)
        );
        s.push_str("<nav class=\"toc\" aria-label=\"Sections\">");
        for sec in &self.sections {
            let _ = write!(
                s,
                "<a href=\"#{}\">{}</a>",
                escape(&sec.id),
                escape(&sec.heading)
            );
        }
        s.push_str("</nav>\n<main>\n");
        for sec in &self.sections {
            let _ = write!(
                s,
                "<section id=\"{}\">\n<h2>{}</h2>\n{}</section>\n",
                escape(&sec.id),
                escape(&sec.heading),
                sec.body
            );
        }
        s.push_str("</main>\n</body>\n</html>\n");
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_builds_one_document() {
        assert_eq!(
            escape("m_A' < 1 & \"x\" > 0"),
            "m_A&#39; &lt; 1 &amp; &quot;x&quot; &gt; 0"
        );
        let mut p = Page::new("aprime <run>", "sub");
        p.section("limits", "Limits", "<p>x</p>\n".into());
        let html = p.render();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("<title>aprime &lt;run&gt;</title>"));
        assert!(html.contains("<section id=\"limits\">"));
        assert!(html.contains("<a href=\"#limits\">Limits</a>"));
        // Self-contained: nothing is loaded from elsewhere.
        for external in [
            "<script",
            "src=\"http",
            "href=\"http",
            "@import",
            "url(http",
        ] {
            assert!(!html.contains(external), "{external}");
        }
    }
}
