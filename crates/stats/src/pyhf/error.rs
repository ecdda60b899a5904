//! Why a model cannot be written as a pyhf workspace or patchset.

use thiserror::Error;

/// Everything that can go wrong when mapping a [`Model`](crate::Model) to pyhf JSON.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum PyhfError {
    /// A name has no character left after reduction to `[A-Za-z0-9_]`.
    #[error("{what} '{name}' has no letter, digit or underscore to build a pyhf name from")]
    EmptyName {
        /// "channel", "nuisance", "parameter of interest", …
        what: &'static str,
        /// The original name.
        name: String,
    },
    /// Two different objects map to the same pyhf name.
    #[error("{what} '{first}' and '{second}' both become the pyhf name '{pyhf}'")]
    NameCollision {
        /// "channel" or "parameter".
        what: &'static str,
        /// The first original name.
        first: String,
        /// The second original name.
        second: String,
        /// The common pyhf name.
        pyhf: String,
    },
    /// Several Gaussian nuisances scale one yield: our factors multiply, (1 + r₁θ₁)(1 + r₂θ₂),
    /// while pyhf adds `histosys` shifts, 1 + r₁θ₁ + r₂θ₂; the cross term has no pyhf form.
    #[error(
        "channel '{channel}': the Gaussian nuisances {nuisances:?} all scale the {component}; pyhf can only add their effects (histosys), not multiply them — merge them into one (quadrature) or make them log-normal"
    )]
    GaussianProduct {
        /// Channel name.
        channel: String,
        /// "signal" or "background".
        component: &'static str,
        /// The nuisances.
        nuisances: Vec<String>,
    },
    /// The bounds of the parameter of interest are not 0 ≤ lower < upper < ∞ (the one-sided
    /// q̃ test statistic needs the lower bound 0).
    #[error("parameter of interest bounds [{lower}, {upper}]: need 0 = lower < upper < ∞")]
    BadPoiBounds {
        /// Lower bound.
        lower: f64,
        /// Upper bound.
        upper: f64,
    },
    /// A patchset needs at least one signal hypothesis.
    #[error("a patchset needs at least one signal hypothesis")]
    NoHypotheses,
    /// A patch name or label breaks the pyhf patchset schema pattern `^[a-zA-Z0-9_]+$`.
    #[error("{what} '{name}' must match ^[a-zA-Z0-9_]+$ (pyhf patchset schema 1.0.0)")]
    BadPatchName {
        /// "patch name" or "label".
        what: &'static str,
        /// The offending name.
        name: String,
    },
    /// Two hypotheses share a name or their values.
    #[error("hypotheses '{first}' and '{second}' have the same {what}")]
    DuplicateHypothesis {
        /// "name" or "values".
        what: &'static str,
        /// First hypothesis.
        first: String,
        /// Second hypothesis.
        second: String,
    },
    /// A hypothesis has a number of values different from the number of labels, or a value
    /// that is not finite.
    #[error(
        "hypothesis '{name}': values {values:?} do not match the {labels} labels or are not finite"
    )]
    BadHypothesisValues {
        /// Hypothesis name.
        name: String,
        /// Its values.
        values: Vec<f64>,
        /// Number of labels.
        labels: usize,
    },
    /// A patch-metadata annotation with a reserved or malformed key or a non-finite value.
    #[error(
        "hypothesis '{name}': annotation {key} = {value} needs a key matching ^[a-zA-Z0-9_]+$ other than name/values and a finite value"
    )]
    BadAnnotation {
        /// Hypothesis name.
        name: String,
        /// The key.
        key: String,
        /// The value.
        value: f64,
    },
    /// A hypothesis' model differs from the background-only workspace outside the signal
    /// (channels, observations, backgrounds or their nuisances).
    #[error(
        "hypothesis '{name}': its channels, observed counts or backgrounds differ from the background-only workspace"
    )]
    BackgroundMismatch {
        /// Hypothesis name.
        name: String,
    },
    /// The HEPData reference is not an INSPIRE record id `insNNNNNNN` (pyhf patchset schema).
    #[error("HEPData record '{0}' must look like ins1234567 (pyhf patchset schema 1.0.0)")]
    BadHepdataRecord(String),
}
