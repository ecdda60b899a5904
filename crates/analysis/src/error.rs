//! Errors of the analysis stage.

use thiserror::Error;

/// Anything that can go wrong in the analysis. Messages name the field, run or file.
#[derive(Debug, Error)]
pub enum AnalysisError {
    /// The configuration does not fit the events (runs, exposure) or its selection is out of range.
    #[error("invalid analysis configuration ({source_name}): {message}")]
    Config {
        /// Where the configuration came from (file or preset).
        source_name: String,
        /// What is wrong, naming the field.
        message: String,
    },
    /// An event refers to a run the configuration does not have.
    #[error(
        "event {event} has run index {run}, but the configuration '{experiment}' has only {n_runs} run(s) (indices 0..{n_runs}); analyse the file with the configuration it was simulated for"
    )]
    UnknownRun {
        /// Event number.
        event: u64,
        /// Run index found.
        run: u32,
        /// Number of runs in the configuration.
        n_runs: usize,
        /// Configuration name.
        experiment: String,
    },
    /// An event carries a value the analysis cannot use (NaN weight, negative energy, …).
    #[error("event {event}: {message}")]
    BadEvent {
        /// Event number.
        event: u64,
        /// What is wrong.
        message: String,
    },
    /// The event file cannot be read (missing, corrupted, truncated, missing columns).
    #[error(transparent)]
    Io(#[from] aprime_detector::EventFileError),
}
