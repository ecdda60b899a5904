//! Batch tallies for the statistical error of folded yields.
//!
//! A yield folded from the mean track-length spectrum ([`crate::fold`]) is a linear function of
//! the per-event spectra, so its error needs their event-to-event fluctuations, which the mean
//! does not keep. The run therefore also keeps, per batch of chunks, the positron spectrum T₊ in
//! the bins that can reach the E_A' threshold, the step-by-step bremsstrahlung sums of every
//! mass and the electron spectrum T₋ in the same bins (for the bremsstrahlung folded at other
//! masses). The error of any yield Y = Σ_j n_j Y_j / N follows from the spread of the batch values
//! Y_j (batch means; the events of different batches are independent):
//!   σ²(Y) = B/(B − 1) · Σ_j n_j² (Y_j − Y)² / N²,
//! unbiased for equal batches (Var Y_j = σ₁²/n_j) and exact to O(1/B) otherwise.
//!
//! Batch j holds chunks ⌊j·C/B⌋ … of the C chunks (B = min(C, [`MAX_BATCHES`])): fixed by the
//! run configuration, so the batches are the same for any thread count and any shard split.

use serde::{Deserialize, Serialize};

/// Most batches of a run.
pub const MAX_BATCHES: usize = 128;

/// Batch of chunk `c` of `chunks` (with `batches` batches).
pub(crate) fn batch_of(c: u64, chunks: u64, batches: usize) -> usize {
    usize::try_from(u128::from(c) * batches as u128 / u128::from(chunks.max(1))).unwrap_or(0)
}

/// Per-batch tallies of a run with dark-sector scoring.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackLengthBatches {
    /// Index of the first track-length bin kept (of `MaterialTally::t_plus`): the bin holding
    /// E_min − m_e, below which no positron reaches the threshold.
    pub first_bin: usize,
    /// Events of every batch.
    pub events: Vec<u64>,
    /// T₊ \[cm/GeV per EOT of the batch\] per batch, per material, bins `first_bin`… .
    pub t_plus: Vec<Vec<Vec<f64>>>,
    /// Step-by-step bremsstrahlung yield per EOT of the batch, per batch and mass.
    pub brem: Vec<Vec<f64>>,
    /// T₋ \[cm/GeV per EOT of the batch\] per batch, per material, bins `first_bin`… (the
    /// bremsstrahlung fold at masses the run did not score, [`crate::fold::brem_batches`];
    /// empty in results written before it was kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub t_minus: Vec<Vec<Vec<f64>>>,
}

impl TrackLengthBatches {
    /// Standard error of the event-weighted mean of per-batch values `y` (one per batch, per
    /// EOT of the batch), by batch means; infinite with fewer than two non-empty batches.
    pub fn mean_error(&self, y: &[f64]) -> f64 {
        let n: f64 = self.events.iter().map(|&e| e as f64).sum();
        let used = self.events.iter().filter(|&&e| e > 0).count();
        if used < 2 || n <= 0.0 {
            return f64::INFINITY;
        }
        let mean: f64 = self
            .events
            .iter()
            .zip(y)
            .map(|(&e, v)| e as f64 * v)
            .sum::<f64>()
            / n;
        let ss: f64 = self
            .events
            .iter()
            .zip(y)
            .map(|(&e, v)| (e as f64 * (v - mean)).powi(2))
            .sum();
        let b = used as f64;
        (b / (b - 1.0) * ss).sqrt() / n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_means_reproduce_the_error_of_the_mean() {
        // Equal batches of independent values with per-event σ₁ = 1: the error of the mean of
        // N events is 1/√N. Batch values with exactly that spread (±1/√n_j, alternating) give
        // the estimate B/(B−1)·Σ n_j²/n_j / N² = 1/N · B/(B−1).
        let b = 10;
        let nj = 100_u64;
        let batches = TrackLengthBatches {
            first_bin: 0,
            events: vec![nj; b],
            t_plus: Vec::new(),
            brem: Vec::new(),
            t_minus: Vec::new(),
        };
        let y: Vec<f64> = (0..b)
            .map(|j| if j % 2 == 0 { 1.0 } else { -1.0 } / (nj as f64).sqrt())
            .collect();
        let n = (b as u64 * nj) as f64;
        let expect = (b as f64 / (b as f64 - 1.0) / n).sqrt();
        assert!((batches.mean_error(&y) / expect - 1.0).abs() < 1e-12);
    }

    #[test]
    fn batches_cover_every_chunk_in_order() {
        let (chunks, batches) = (391, MAX_BATCHES);
        let ids: Vec<usize> = (0..chunks).map(|c| batch_of(c, chunks, batches)).collect();
        assert_eq!(ids[0], 0);
        assert_eq!(*ids.last().unwrap(), batches - 1);
        assert!(ids.windows(2).all(|w| w[1] == w[0] || w[1] == w[0] + 1));
    }
}
