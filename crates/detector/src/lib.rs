//! Stage 3 of aprime: the fast simulation of the NA64 setup producing event records.

pub mod event;

pub use event::{COLUMNS, Event, Process};
