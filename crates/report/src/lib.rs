//! Stage 7 of aprime: everything a run leaves on disk, written in one place for `aprime run`,
//! `aprime limits` and `aprime analyze`.
//!
//! Output directories are atomic ([`staging`]): written into a hidden directory and renamed into
//! place when complete. [`limits_outputs`] writes the limits tables (CSV/JSON), the dark-matter
//! limits, Table V, the E_ECAL-cut scan, the yields, the configuration used, the HEPData record
//! ([`hepdata`]) and the plots ([`limits_plots`], drawn by [`plot`]), naming the model and its
//! coupling ([`ModelLabels`]); [`analysis_outputs`] the cut flow, regions,
//! side-band fits, efficiencies, dimuon benchmark, limits and the (E_ECAL, E_HCAL) planes
//! ([`plot2d`]). Both publish the statistical model of their limits as a pyhf likelihood
//! ([`likelihood`]; in the HEPData record as a `HistFactory` resource) and a self-contained
//! `report.html` (`html`, [`analysis_report`] for the analysis) with the
//! [`Provenance`] of the run. [`projection_outputs`] writes the expected limits projected to
//! other exposures (`aprime project`), drawn by [`projection_plot`].

pub mod analysis_outputs;
pub mod analysis_report;
mod archive;
pub mod beam_labels;
mod error;
pub mod hepdata;
mod html;
pub mod likelihood;
pub mod limits_outputs;
pub mod limits_plots;
pub mod model_labels;
pub mod plot;
pub mod plot2d;
mod plot_file;
pub mod projection_outputs;
pub mod projection_plot;
pub mod provenance;
pub mod staging;

pub use analysis_report::write_analysis_report;
pub use error::ReportError;
pub use html::{EXCLUSION_PLOT_ID, PROVENANCE_ID, REPORT_FILE};
pub use limits_outputs::write_report;
pub use model_labels::ModelLabels;
pub use projection_outputs::write_projection;
pub use provenance::Provenance;
pub use staging::Staging;
