//! Why the yields shards of a report (`crate::yield_shards`) cannot be merged; its own module so
//! that the crate error (`crate::error`) and the shards do not import each other.

use thiserror::Error;

/// Format tag of a yields shard file.
pub const YIELDS_SHARD_FORMAT: &str = "aprime-run-yields-partial-1";

/// Why yields shards cannot be merged.
#[derive(Debug, Error)]
pub enum YieldShardsError {
    /// Nothing to merge.
    #[error("no yields shards given")]
    NoShards,
    /// Not a yields shard.
    #[error("shard {shard}: format '{found}', expected '{YIELDS_SHARD_FORMAT}'")]
    Format {
        /// Shard index.
        shard: u64,
        /// Format tag found.
        found: String,
    },
    /// A shard of another run (configuration, seed or shard count differ).
    #[error(
        "shard {shard} of {of} comes from a different run than shard {first} of {first_of} (configuration, seed or shard count differ)"
    )]
    DifferentRun {
        /// Shard index.
        shard: u64,
        /// Its number of shards.
        of: u64,
        /// The shard compared with.
        first: u64,
        /// Its number of shards.
        first_of: u64,
    },
    /// A shard given twice, or an index not below the shard count.
    #[error("shard {shard} of {of} is given twice or out of range")]
    Duplicate {
        /// Shard index.
        shard: u64,
        /// Number of shards.
        of: u64,
    },
    /// A shard is missing.
    #[error("shard {shard} of {of} is missing")]
    Missing {
        /// Shard index.
        shard: u64,
        /// Number of shards.
        of: u64,
    },
    /// A shard with another number of yield sets than the configuration needs.
    #[error("shard {shard} holds {found} yield sets, the configuration needs {expected}")]
    Sets {
        /// Shard index.
        shard: u64,
        /// Sets found.
        found: usize,
        /// Sets needed.
        expected: usize,
    },
}
