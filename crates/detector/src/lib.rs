//! Stage 3 of aprime: the fast simulation of the NA64 setup producing event records.

pub mod event;
pub mod io;

pub use event::{COLUMNS, Event, Process};
pub use io::{
    EventReader, EventWriter, Format, IoError, Metadata, RunInfo, read_events, read_metadata,
    write_events,
};
