//! Tallies: a flat vector of sums whose layout is fixed by the run settings, and its exact
//! (fixed-point) form used to combine chunks, threads and shards.
//!
//! Each chunk of events is summed in f64 in event order by one thread; the chunk vector is then
//! rounded once to integers in units of 2⁻⁶⁴ (i128, range ±9.2e18) and added exactly. Integer
//! addition is associative, so the total is bitwise the same for any thread count, any
//! scheduling and any split into shards.

use serde::{Deserialize, Serialize};

/// Uniform bins on \[lo, hi) (linear, or logarithmic in the value) plus one overflow bin.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bins {
    /// Lower edge.
    pub lo: f64,
    /// Upper edge.
    pub hi: f64,
    /// Number of bins (the overflow bin is extra).
    pub n: usize,
    /// Logarithmic bins.
    pub log: bool,
}

impl Bins {
    /// Linear bins.
    pub fn linear(lo: f64, hi: f64, n: usize) -> Self {
        Self {
            lo,
            hi,
            n: n.max(1),
            log: false,
        }
    }

    /// Logarithmic bins with `per_decade` bins per decade.
    pub fn log(lo: f64, hi: f64, per_decade: usize) -> Self {
        let n = ((hi / lo).log10() * per_decade as f64).ceil().max(1.0) as usize;
        Self {
            lo,
            hi,
            n,
            log: true,
        }
    }

    /// Bin of `v` (n = overflow), `None` below `lo`.
    #[inline]
    pub fn index(&self, v: f64) -> Option<usize> {
        if v.is_nan() || v < self.lo {
            return None;
        }
        let u = if self.log {
            (v / self.lo).ln() / (self.hi / self.lo).ln()
        } else {
            (v - self.lo) / (self.hi - self.lo)
        };
        Some(((u * self.n as f64) as usize).min(self.n))
    }

    /// Edges (n + 1 values).
    pub fn edges(&self) -> Vec<f64> {
        (0..=self.n)
            .map(|i| {
                let f = i as f64 / self.n as f64;
                if self.log {
                    self.lo * (self.hi / self.lo).powf(f)
                } else {
                    self.lo + (self.hi - self.lo) * f
                }
            })
            .collect()
    }

    /// Number of stored values (bins + overflow).
    pub fn len(&self) -> usize {
        self.n + 1
    }

    /// Never empty.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Named scalar slots of the ledger (sums over events) \[GeV\].
pub mod ledger {
    /// Continuous (ionisation and sub-cut radiative) losses.
    pub const IONISATION: usize = 0;
    /// Particles stopped or absorbed below the cuts.
    pub const CUT: usize = 1;
    /// Energy carried out of the target.
    pub const ESCAPED: usize = 2;
    /// Not followed in fast mode (assumed absorbed).
    pub const UNTRACKED: usize = 3;
    /// Carried by A'.
    pub const DARK: usize = 4;
    /// Net rest mass of electrons added to the target.
    pub const REST_MASS: usize = 5;
    /// Visible = ionisation + cut.
    pub const VISIBLE: usize = 6;
    /// Visible squared.
    pub const VISIBLE2: usize = 7;
    /// Preshower energy.
    pub const PRESHOWER: usize = 8;
    /// Preshower squared.
    pub const PRESHOWER2: usize = 9;
    /// Number of slots.
    pub const N: usize = 10;
}

/// Per-mass scalar slots.
pub mod dark_slot {
    /// Σ over events of the bremsstrahlung yield W_b.
    pub const BREM: usize = 0;
    /// Σ W_b².
    pub const BREM2: usize = 1;
    /// Σ W_a (resonant annihilation).
    pub const ANN: usize = 2;
    /// Σ W_a².
    pub const ANN2: usize = 3;
    /// Σ (W_b + W_a)².
    pub const TOT2: usize = 4;
    /// Σ of the primary electron's share of W_b.
    pub const BREM_PRIMARY: usize = 5;
    /// Σ weights of replayed signal events.
    pub const SIGNAL_W: usize = 6;
    /// Number of replayed signal events.
    pub const SIGNAL_N: usize = 7;
    /// Number of slots.
    pub const N: usize = 8;
}

/// Offsets of every tally in the flat vector.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// Materials.
    pub n_mat: usize,
    /// Sections.
    pub n_sec: usize,
    /// Masses.
    pub n_mass: usize,
    /// Depth bins \[X0\].
    pub long: Bins,
    /// Radial bins \[cm\].
    pub lat: Bins,
    /// Track-length energy bins \[GeV\].
    pub tl: Bins,
    /// Per-event preshower energy \[GeV\].
    pub ps: Bins,
    /// Per-event visible energy \[GeV\].
    pub ecal: Bins,
    /// A' energy \[GeV\].
    pub spec: Bins,
    /// Offsets.
    pub o_ledger: usize,
    /// Per-section energies.
    pub o_sec: usize,
    /// Per-material energies.
    pub o_mat: usize,
    /// Longitudinal profile.
    pub o_long: usize,
    /// Lateral profile.
    pub o_lat: usize,
    /// Track-length spectra \[material\]\[charge\]\[bin\].
    pub o_tl: usize,
    /// Total track length \[material\]\[charge\].
    pub o_tl_tot: usize,
    /// Preshower histogram.
    pub o_ps: usize,
    /// Visible-energy histogram.
    pub o_ecal: usize,
    /// Dark tallies start; each mass has `dark_stride` values.
    pub o_dark: usize,
    /// Values per mass: slots, brem spectrum, annihilation spectrum, signal ECAL histogram.
    pub dark_stride: usize,
    /// Batches ([`crate::batches`]; 0 without dark-sector scoring).
    #[serde(default)]
    pub batches: usize,
    /// First track-length bin kept per batch.
    #[serde(default)]
    pub batch_first_bin: usize,
    /// Batch tallies start; each batch has `batch_stride` values: events, T₊ per material
    /// (bins `batch_first_bin`…, overflow included), the bremsstrahlung sum of every mass, T₋
    /// per material (the same bins).
    #[serde(default)]
    pub o_batch: usize,
    /// Values per batch.
    #[serde(default)]
    pub batch_stride: usize,
    /// Total length.
    pub len: usize,
}

impl Layout {
    /// Layout for the given binnings, without batch tallies ([`Layout::with_batches`]).
    pub fn new(
        n_mat: usize,
        n_sec: usize,
        n_mass: usize,
        long: Bins,
        lat: Bins,
        tl: Bins,
        e0: f64,
    ) -> Self {
        let ps = Bins::linear(0.0, e0, 200);
        let ecal = Bins::linear(0.0, e0, 200);
        let spec = Bins::linear(0.0, e0, 100);
        let o_ledger = 0;
        let o_sec = o_ledger + ledger::N;
        let o_mat = o_sec + n_sec;
        let o_long = o_mat + n_mat;
        let o_lat = o_long + long.len();
        let o_tl = o_lat + lat.len();
        let o_tl_tot = o_tl + n_mat * 2 * tl.len();
        let o_ps = o_tl_tot + n_mat * 2;
        let o_ecal = o_ps + ps.len();
        let o_dark = o_ecal + ecal.len();
        let dark_stride = dark_slot::N + 3 * spec.len();
        Self {
            n_mat,
            n_sec,
            n_mass,
            long,
            lat,
            tl,
            ps,
            ecal,
            spec,
            o_ledger,
            o_sec,
            o_mat,
            o_long,
            o_lat,
            o_tl,
            o_tl_tot,
            o_ps,
            o_ecal,
            o_dark,
            dark_stride,
            batches: 0,
            batch_first_bin: 0,
            o_batch: o_dark + n_mass * dark_stride,
            batch_stride: 0,
            len: o_dark + n_mass * dark_stride,
        }
    }

    /// The same layout with `batches` batch tallies keeping track-length bins from
    /// `first_bin` on.
    #[must_use]
    pub fn with_batches(mut self, batches: usize, first_bin: usize) -> Self {
        let first_bin = first_bin.min(self.tl.n);
        self.batches = batches;
        self.batch_first_bin = first_bin;
        self.o_batch = self.o_dark + self.n_mass * self.dark_stride;
        self.batch_stride = 1 + 2 * self.n_mat * self.batch_bins() + self.n_mass;
        self.len = self.o_batch + batches * self.batch_stride;
        self
    }

    /// Track-length values kept per material and batch (bins from `batch_first_bin`, overflow).
    #[inline]
    pub fn batch_bins(&self) -> usize {
        self.tl.len() - self.batch_first_bin
    }

    /// Offset of batch `j`'s block.
    #[inline]
    pub fn batch_at(&self, j: usize) -> usize {
        self.o_batch + j * self.batch_stride
    }

    /// Offset of the track-length spectrum of material `m`, charge index `q` (0 e⁻, 1 e⁺).
    #[inline]
    pub fn tl_at(&self, m: usize, q: usize) -> usize {
        self.o_tl + (m * 2 + q) * self.tl.len()
    }

    /// Offset of mass `i`'s block.
    #[inline]
    pub fn dark_at(&self, i: usize) -> usize {
        self.o_dark + i * self.dark_stride
    }

    /// Offset of mass `i`'s bremsstrahlung A' spectrum.
    #[inline]
    pub fn spec_brem_at(&self, i: usize) -> usize {
        self.dark_at(i) + dark_slot::N
    }

    /// Offset of mass `i`'s annihilation A' spectrum.
    #[inline]
    pub fn spec_ann_at(&self, i: usize) -> usize {
        self.spec_brem_at(i) + self.spec.len()
    }

    /// Offset of mass `i`'s signal-event visible-energy histogram (binned like the A' spectrum).
    #[inline]
    pub fn sig_at(&self, i: usize) -> usize {
        self.spec_ann_at(i) + self.spec.len()
    }
}

/// Scale of the fixed-point representation: 2⁶⁴.
const SCALE: f64 = 18_446_744_073_709_551_616.0;

/// Exact sums: fixed-point integers, one per tally value, plus the event count and the largest
/// relative energy-conservation residual (a maximum is order-independent too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExactTally {
    /// Events summed.
    pub events: u64,
    /// Values in units of 2⁻⁶⁴.
    pub values: Vec<i128>,
    /// max over events of |E_in − Σ ledger|/E_in.
    pub max_residual: f64,
}

impl ExactTally {
    /// Zero tally of length `n`.
    pub fn zeros(n: usize) -> Self {
        Self {
            events: 0,
            values: vec![0; n],
            max_residual: 0.0,
        }
    }

    /// Add a chunk's f64 sums (rounded once).
    pub fn add_chunk(&mut self, events: u64, chunk: &[f64], max_residual: f64) {
        self.events += events;
        for (a, &v) in self.values.iter_mut().zip(chunk) {
            *a += (v * SCALE).round() as i128;
        }
        self.max_residual = self.max_residual.max(max_residual);
    }

    /// Add another exact tally.
    pub fn add(&mut self, other: &Self) {
        self.events += other.events;
        for (a, b) in self.values.iter_mut().zip(&other.values) {
            *a += *b;
        }
        self.max_residual = self.max_residual.max(other.max_residual);
    }

    /// The sums as f64.
    pub fn to_f64(&self) -> Vec<f64> {
        self.values.iter().map(|&v| v as f64 / SCALE).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_sums_do_not_depend_on_grouping() {
        let chunks: Vec<Vec<f64>> = (0..50)
            .map(|i| {
                vec![
                    0.1 * f64::from(i),
                    1e-9 / (1.0 + f64::from(i)),
                    1e5 + f64::from(i),
                ]
            })
            .collect();
        let mut a = ExactTally::zeros(3);
        for c in &chunks {
            a.add_chunk(1, c, 0.0);
        }
        let (mut b1, mut b2) = (ExactTally::zeros(3), ExactTally::zeros(3));
        for c in chunks.iter().rev().take(20) {
            b2.add_chunk(1, c, 0.0);
        }
        for c in chunks.iter().take(30) {
            b1.add_chunk(1, c, 0.0);
        }
        b2.add(&b1);
        assert_eq!(a, b2);
        let f = a.to_f64();
        assert!((f[0] - 122.5).abs() < 1e-12);
    }

    #[test]
    fn bins() {
        let b = Bins::log(1e-3, 100.0, 10);
        assert_eq!(b.n, 50);
        assert_eq!(b.index(1e-3), Some(0));
        assert_eq!(b.index(99.9), Some(49));
        assert_eq!(b.index(200.0), Some(50));
        assert_eq!(b.index(1e-4), None);
        assert_eq!(Bins::linear(0.0, 1.0, 4).index(0.3), Some(1));
    }
}
