//! Stage 6 of aprime: the experiment configuration, the limits pipeline (yields → expected signal
//! per run → combined CLs limit on ε), the dark-matter interpretation and the reports (CSV, JSON,
//! HEPData, plots).

pub mod combine;
pub mod config;
pub mod dm;
pub mod efficiency;
pub mod error;
pub mod pipeline;
pub mod presets;
pub mod report;
pub mod table_v;

pub use config::ExperimentConfig;
pub use error::{ConfigError, LimitsError};
