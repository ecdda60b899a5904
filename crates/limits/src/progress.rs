//! Progress reports of the long stages.

/// Progress callback: `(stage, done, total)`.
pub type Progress<'p> = &'p (dyn Fn(&str, u64, u64) + Sync);
