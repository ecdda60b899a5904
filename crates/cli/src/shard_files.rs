//! Reading the part files of sharded runs back: partial shower results (`aprime shower|yield
//! --shard`) and yields shards (`aprime run --yields-only --shard`), for `merge` and the
//! cluster submissions.

use std::path::Path;

use anyhow::Context;
use aprime_limits::YieldsShard;
use aprime_shower::PartialResult;
use serde::Deserialize;

/// The `format` tag of a part file's JSON text (`None` when it has none).
pub fn format_tag(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Tagged {
        format: String,
    }
    serde_json::from_str::<Tagged>(text).ok().map(|t| t.format)
}

/// Read a file as text, naming it in the error.
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Read the partial result of one shard.
pub fn read_partial(path: &Path) -> anyhow::Result<PartialResult> {
    parse_partial(&read_text(path)?, path)
}

/// Parse the partial result of one shard read from `path`.
pub fn parse_partial(text: &str, path: &Path) -> anyhow::Result<PartialResult> {
    serde_json::from_str(text).with_context(|| {
        format!(
            "{} is not a partial result of `aprime shower/yield --shard`",
            path.display()
        )
    })
}

/// Read one yields shard.
pub fn read_yields_shard(path: &Path) -> anyhow::Result<YieldsShard> {
    parse_yields_shard(&read_text(path)?, path)
}

/// Parse one yields shard read from `path`.
pub fn parse_yields_shard(text: &str, path: &Path) -> anyhow::Result<YieldsShard> {
    serde_json::from_str(text).with_context(|| {
        format!(
            "{} is not a yields shard of `aprime run --yields-only --shard`",
            path.display()
        )
    })
}
