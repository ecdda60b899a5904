//! Stage 2 of aprime: electromagnetic shower Monte Carlo. Work in progress.
