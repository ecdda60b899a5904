//! Stage 3 of aprime: the experiment description.
//!
//! One typed configuration ([`ExperimentConfig`]) carries everything the later stages need: the
//! beam, target and production mechanisms, the signal box and mass grid, the runs with their
//! exposure, efficiency, background and systematics, the statistics and interpretation settings,
//! the detector model ([`DetectorConfig`]) and the event selection ([`SelectionConfig`]). It is
//! read from TOML through the one merge of user tables over embedded defaults ([`merge`]) and
//! validated in one place; the embedded presets live in one registry ([`presets`]). The signal
//! efficiency model ([`efficiency`]) and the translation into the shower stage's run
//! configuration ([`shower_run`]) are written here once for the detector, the analysis and the
//! limits.

mod beam;
mod config;
pub mod detector;
pub mod efficiency;
mod error;
mod interpretation;
mod masses;
mod merge;
pub mod presets;
mod process;
mod production;
mod runs;
pub mod selection;
pub mod shower_run;
mod statistics;

pub use aprime_core::error_chain;
pub use beam::{Beam, Particle, Target};
pub use config::ExperimentConfig;
pub use detector::{DetectorConfig, RunDetector};
pub use efficiency::efficiency;
pub use error::{ConfigError, TomlError};
pub use interpretation::Interpretation;
pub use masses::{MassRefinement, MassSpec, RefinedBrem};
pub use process::Process;
pub use production::{BremModel, Production, SignalBox};
pub use runs::{EfficiencyTable, Run, Systematic};
pub use selection::{
    Cuts, Dimuon, EfficiencyFactor, FitMethod, RunSelection, SelectionConfig, SideBand,
};
pub use statistics::{AUTO_HARD_PHOTON_COPIES, LimitStatistics, YieldSimulation};
