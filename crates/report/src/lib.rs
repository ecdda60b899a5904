//! Stage 7 of aprime: everything a run leaves on disk, written in one place for `aprime run`,
//! `aprime limits` and `aprime analyze`.
//!
//! Output directories are atomic ([`staging`]): written into a hidden directory and renamed into
//! place when complete. [`limits_outputs`] writes the limits tables (CSV/JSON), the dark-matter
//! limits, Table V, the E_ECAL-cut scan, the yields, the configuration used, the HEPData record
//! ([`hepdata`]) and the plots ([`limits_plots`], drawn by [`plot`]), naming the model and its
//! coupling ([`ModelLabels`]); [`analysis_outputs`] the cut flow, regions,
//! side-band fits, efficiencies, dimuon benchmark, limits and the (E_ECAL, E_HCAL) planes
//! ([`plot2d`]).

pub mod analysis_outputs;
mod error;
pub mod hepdata;
pub mod limits_outputs;
pub mod limits_plots;
pub mod model_labels;
pub mod plot;
pub mod plot2d;
pub mod staging;

pub use error::ReportError;
pub use limits_outputs::write_report;
pub use model_labels::ModelLabels;
pub use staging::Staging;
