//! Stage 6 of aprime: limits and their interpretation.
//!
//! The yields of the shower stage ([`yields`]) become the expected signal of every run in the
//! configured model's own parameter ([`coupling`]: ε, or g for the Z' models, times
//! BR(invisible)), the runs are combined into CLs upper limits on it with their expected band
//! ([`combine`], with the statistics engine `aprime_stats`), and dark-photon limits are
//! interpreted for light dark matter ([`dm`]; other models have no such interpretation). The
//! yields can be computed in shards and merged ([`yield_shards`]). Also: paper 002 Table V
//! ([`table_v`]), the sensitivity against the E_ECAL cut ([`cut_scan`]), limits from an
//! event-level analysis ([`from_analysis`]) and projections of the expected limit to other
//! exposures and backgrounds ([`projection`]). Writing the
//! results is the report stage's (`aprime_report`).

pub mod combine;
pub mod coupling;
pub mod cut_scan;
pub mod dm;
mod error;
pub mod from_analysis;
pub mod mass_limits;
pub mod pipeline;
mod progress;
pub mod projection;
mod projection_error;
pub mod refine;
pub mod relic_targets;
pub mod signal;
pub mod table_v;
pub mod validation;
mod yield_data;
pub mod yield_shards;
mod yield_shards_error;
pub mod yields;

pub use coupling::ModelScale;
pub use error::LimitsError;
pub use mass_limits::{MassLimit, Overrides};
pub use pipeline::{Report, report};
pub use progress::Progress;
pub use projection::{Projection, ProjectionRequest, ProjectionRequestError, project};
pub use yield_shards::{YieldShardsError, YieldsShard, merge_yields_shards, yields_shard};
pub use yields::{YieldPoint, YieldSet, Yields, compute_yields};
