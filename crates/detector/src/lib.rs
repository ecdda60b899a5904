//! Stage 4 of aprime: the fast simulation of the NA64 setup producing event records. The detector
//! model is the experiment configuration's `detector` section
//! ([`aprime_experiment::DetectorConfig`]).
//!
//! * [`prepare`]: inputs from the shower stage (shower library, photon spectrum, signal replays);
//! * [`sources`]: the event sources with their rates and weights;
//! * [`response`]: SRD, trackers, ECAL cells and shape, VETO, HCAL, pile-up, trigger;
//! * [`simulate`]: a whole simulation, sharding and merging;
//! * [`io`]: Parquet/CSV event files; [`event`]: the event record.

pub mod event;
pub mod io;
pub mod prepare;
pub mod response;
pub mod selection;
pub mod simulate;
pub mod sources;

pub use aprime_experiment::{DetectorConfig, RunDetector};
pub use event::{COLUMNS, Event, Process};
pub use io::{
    EventFileError, EventReader, EventWriter, Format, Metadata, RunInfo, read_events,
    read_metadata, write_events,
};
pub use simulate::{EventSimulation, Request, SimError, merge_files};
