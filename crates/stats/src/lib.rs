//! Stage 5 of aprime: statistics (CLs limits). Work in progress.
