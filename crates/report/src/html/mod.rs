//! `report.html`, the page a person opens first in every output directory: one self-contained
//! HTML5 document (style sheet inline, plots inline as SVG with alt text, no script, nothing
//! loaded from elsewhere), readable on a laptop screen and printable (print style sheet).
//!
//! [`limits_page`] for `aprime run` / `aprime limits`, [`analysis_page`] for `aprime analyze`.

mod analysis_page;
mod document;
mod limits_page;
mod sections;
mod svg;
mod table;

pub(crate) use analysis_page::analysis_page;
pub use limits_page::EXCLUSION_PLOT_ID;
pub(crate) use limits_page::limits_page;
pub use sections::PROVENANCE_ID;

/// File name of the report page in an output directory.
pub const REPORT_FILE: &str = "report.html";
