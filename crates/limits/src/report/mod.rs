//! Outputs of the limits pipeline: CSV/JSON tables, the HEPData submission and the plots.

pub mod hepdata;
pub mod plot;
pub mod staging;
pub mod write;
