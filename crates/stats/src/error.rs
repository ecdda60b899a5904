//! Typed errors of the statistics engine.

use thiserror::Error;

/// Everything that can go wrong when building a model or computing a limit.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum StatsError {
    /// A model needs at least one counting channel.
    #[error("the model has no channels")]
    NoChannels,
    /// A channel quantity (signal, background, uncertainty) is negative or not finite.
    #[error("channel '{name}': {what} = {value} must be finite and non-negative")]
    BadChannelValue {
        /// Channel index.
        channel: usize,
        /// Channel name.
        name: String,
        /// Which quantity.
        what: &'static str,
        /// The offending value.
        value: f64,
    },
    /// All signal yields are zero: no limit can be set.
    #[error("the total expected signal is zero: nothing to set a limit on")]
    NoSignal,
    /// A nuisance effect refers to a channel that does not exist.
    #[error(
        "nuisance '{nuisance}' refers to channel {channel}, but the model has {channels} channels"
    )]
    BadChannelIndex {
        /// Nuisance name.
        nuisance: String,
        /// Channel index given.
        channel: usize,
        /// Number of channels.
        channels: usize,
    },
    /// A relative uncertainty is negative or not finite.
    #[error("nuisance '{nuisance}': relative uncertainty {value} must be finite and non-negative")]
    BadUncertainty {
        /// Nuisance name.
        nuisance: String,
        /// The offending value.
        value: f64,
    },
    /// One nuisance acts twice on the same yield.
    #[error("nuisance '{nuisance}' acts twice on the {component} of channel {channel}")]
    DuplicateEffect {
        /// Nuisance name.
        nuisance: String,
        /// Channel index.
        channel: usize,
        /// "signal" or "background".
        component: &'static str,
    },
    /// An uncertainty was given on a background of exactly zero (its relative size is undefined).
    #[error("channel '{name}': background uncertainty {uncertainty} given on a zero background")]
    UncertaintyOnZeroBackground {
        /// Channel index.
        channel: usize,
        /// Channel name.
        name: String,
        /// The absolute uncertainty.
        uncertainty: f64,
    },
    /// Input lists of different lengths.
    #[error("{what}: expected {expected} values (one per channel), got {got}")]
    LengthMismatch {
        /// Which list.
        what: &'static str,
        /// Expected length.
        expected: usize,
        /// Actual length.
        got: usize,
    },
    /// The confidence level is not in (0, 1).
    #[error("confidence level {0} must lie strictly between 0 and 1")]
    BadConfidenceLevel(f64),
    /// Toy calculators need at least a few toys.
    #[error("number of toys {0} is too small (need at least 100)")]
    TooFewToys(usize),
    /// The requested calculator cannot handle this model.
    #[error("the {calculator} calculator cannot be used here: {reason}")]
    CalculatorNotApplicable {
        /// Calculator name.
        calculator: &'static str,
        /// Why not.
        reason: String,
    },
    /// Root finding on CLs failed (e.g. CLs never falls below 1 − CL).
    #[error("no upper limit found: {0}")]
    NoLimit(String),
}
