//! Stage 4 of aprime: the blind missing-energy analysis. Work in progress.
