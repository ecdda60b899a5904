//! Stage 2 of aprime: electromagnetic shower Monte Carlo in the active target with biased
//! emission of dark photons, A' yields per electron on target (EOT) and their spectra.
//! Any mediator of `aprime_physics::model` can be radiated ([`DarkConfig::model`]); yields are
//! per unit lepton coupling ε_ℓ² (the limits stage converts them to the model's parameter).
//! A muon beam (`RunConfig::projectile` μ±) is not showered: [`muon`] transports the muon and
//! scores its dark bremsstrahlung into the same result.
//!
//! ```no_run
//! use aprime_shower::{RunConfig, ShowerSimulation, TargetConfig};
//! use aprime_physics::dark_brem::Method;
//! let cfg = RunConfig::yields(TargetConfig::na64_ecal(), 100.0, vec![0.01, 0.1], Method::Etl,
//!                             50.0, 10_000, 1);
//! let res = ShowerSimulation::new(cfg)?.run(None)?;
//! println!("{}", res.dark[0].yield_per_eot_per_eps2);
//! # Ok::<(), aprime_shower::ShowerError>(())
//! ```

//!
//! The API is re-exported here: the run configuration ([`RunConfig`], [`TargetConfig`], …), the
//! prepared run ([`ShowerSimulation`]), shards and their [`merge`], the results ([`ShowerResult`],
//! [`DarkYield`], [`SignalEvent`], …), dark-bremsstrahlung sources ([`DarkBremSource`]), resonant
//! annihilation ([`Resonance`]) and, for
//! callers that drive the cascade themselves, the transport [`Engine`] with its tables and the
//! event [`ledger`]. [`fold`] and [`analytic`] hold yield calculations from stored spectra and
//! Tsai's primary-electron approximation.

pub mod analytic;
mod batches;
pub mod beam;
mod dark;
mod dark_setup;
mod em;
mod error;
pub mod fold;
pub mod muon;
mod profile;
mod resonance;
mod result;
mod run_config;
mod shard;
mod simulation;
mod tally;
mod target;
mod transport;

pub use batches::{MAX_BATCHES, TrackLengthBatches};
pub use dark::{
    DarkBremSource, DarkBremTable, DarkProcess, FnSource, MethodSource, TableSpec, trapezoid_bins,
};
pub use dark_setup::{DarkSetup, MassDark};
pub use em::{Cuts, ElementData, LogGrid, MaterialPhysics, Screening};
pub use error::{Result, ShowerError};
pub use profile::{containment_radius, effective_moliere_radius, longitudinal_maximum};
pub use resonance::{AnnihilationSpec, NARROW_LINE_WINDOW, Resonance};
pub use result::{
    DarkYield, EnergyBalance, Histogram, MaterialTally, Measured, ShowerResult, SignalEvent,
};
pub use run_config::{Binning, DarkConfig, HardPhotonCopies, RunConfig, StepConfig};
pub use shard::{PARTIAL_FORMAT, PartialResult, merge};
pub use simulation::{Progress, ShowerSimulation};
pub use tally::{Bins, ExactTally, Layout, ledger};
pub use target::{
    CellGrid, Geometry, LayerSpec, NA64_ECAL_TOML, PRESETS, SectionSpec, Slab, TargetConfig,
};
pub use transport::{Emission, Engine, EventOut, Kind, TransportSettings};
