//! Helpers shared by the shower's integration tests.

/// Runs `f` on a rayon pool of `n` threads (the results must not depend on `n`).
pub fn with_threads<T: Send>(n: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build()
        .unwrap()
        .install(f)
}
