//! Stage 2 of aprime: electromagnetic shower Monte Carlo in the active target with biased
//! emission of dark photons, A' yields per electron on target (EOT) and their spectra.
//!
//! ```no_run
//! use aprime_shower::{RunConfig, Simulation, TargetConfig};
//! use aprime_physics::dark_brem::Method;
//! let cfg = RunConfig::yields(TargetConfig::na64_ecal(), 100.0, vec![0.01, 0.1], Method::Etl,
//!                             50.0, 10_000, 1);
//! let res = Simulation::new(cfg)?.run(None)?;
//! println!("{}", res.dark[0].yield_per_eot_per_eps2);
//! # Ok::<(), aprime_shower::ShowerError>(())
//! ```

pub mod analytic;
pub mod dark;
pub mod dark_setup;
pub mod em;
pub mod error;
pub mod fold;
pub mod profile;
pub mod result;
pub mod run_config;
pub mod shard;
pub mod simulation;
pub mod tally;
pub mod target;
pub mod transport;

pub use error::{Result, ShowerError};
pub use result::{DarkYield, Histogram, ShowerResult, SignalEvent};
pub use run_config::{Binning, DarkConfig, RunConfig, StepConfig};
pub use shard::{PartialResult, merge};
pub use simulation::Simulation;
pub use target::{Geometry, TargetConfig};
