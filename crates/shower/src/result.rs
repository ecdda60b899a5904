//! Result types consumed by later stages (limits, detector simulation), all serde.
//!
//! Normalisation: every quantity is per electron on target (EOT). Dark yields are per ε²
//! (cross sections computed at ε = 1 scale with ε²).

use serde::{Deserialize, Serialize};

use crate::batches::TrackLengthBatches;
use crate::dark::DarkProcess;

/// A binned distribution: `edges` (n + 1) and `values` (n), plus the overflow above the last
/// edge. Units are given by the field that holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// Bin edges.
    pub edges: Vec<f64>,
    /// Bin contents (densities or sums, see the owner's doc).
    pub values: Vec<f64>,
    /// Above the last edge.
    pub overflow: f64,
}

impl Histogram {
    /// Centres of the bins.
    pub fn centres(&self) -> Vec<f64> {
        self.edges.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect()
    }

    /// Linear interpolation of a density histogram at `x` (bin centres), 0 outside.
    pub fn density_at(&self, x: f64) -> f64 {
        let c = self.centres();
        if c.is_empty() || x < self.edges[0] || x > *self.edges.last().expect("edges") {
            return 0.0;
        }
        let i = c.partition_point(|&v| v <= x);
        if i == 0 {
            return self.values[0];
        }
        if i >= c.len() {
            return self.values[c.len() - 1];
        }
        let f = (x - c[i - 1]) / (c[i] - c[i - 1]);
        self.values[i - 1] + f * (self.values[i] - self.values[i - 1])
    }
}

/// A value with its statistical (1σ) error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// Estimate.
    pub value: f64,
    /// Statistical error.
    pub error: f64,
}

/// Mean energies per EOT \[GeV\] and the energy-conservation check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnergyBalance {
    /// Beam energy \[GeV\].
    pub beam_gev: f64,
    /// Continuous (ionisation + sub-cut radiative) losses.
    pub ionisation_gev: f64,
    /// Deposited by particles below the cuts.
    pub cut_gev: f64,
    /// Visible = ionisation + cut (the calorimeter energy).
    pub visible_gev: f64,
    /// RMS of the per-event visible energy.
    pub visible_rms_gev: f64,
    /// Carried out of the target.
    pub escaped_gev: f64,
    /// Not followed (fast mode), assumed absorbed.
    pub untracked_gev: f64,
    /// Carried by A' (signal replays only).
    pub dark_gev: f64,
    /// Net rest mass of electrons added to the target.
    pub rest_mass_gev: f64,
    /// Largest per-event |E_beam − Σ|/E_beam.
    pub max_relative_residual: f64,
}

/// Per-material tallies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaterialTally {
    /// Material name.
    pub name: String,
    /// Energy deposited \[GeV per EOT\].
    pub deposited_gev: f64,
    /// Electron track length \[cm per EOT\].
    pub electron_track_cm: f64,
    /// Positron track length \[cm per EOT\].
    pub positron_track_cm: f64,
    /// Electron differential track length T₋(E) \[cm/GeV per EOT\], binned in total energy.
    pub t_minus: Histogram,
    /// Positron differential track length T₊(E) \[cm/GeV per EOT\].
    pub t_plus: Histogram,
    /// Electron density \[1/cm³\].
    pub electron_density_cm3: f64,
    /// Radiation length \[cm\].
    pub radiation_length_cm: f64,
}

/// One replayed signal event (an A' emitted; weight = the event's yield per ε²).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalEvent {
    /// Event index in the run.
    pub event: u64,
    /// Index into the mass list.
    pub mass_index: usize,
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Weight: the event's A' yield per ε² (Σ over its steps).
    pub weight: f64,
    /// Production process.
    pub process: DarkProcess,
    /// A' energy \[GeV\].
    pub e_aprime_gev: f64,
    /// Emission depth \[cm\] and \[X0\].
    pub z_cm: f64,
    /// Emission depth in radiation lengths.
    pub depth_x0: f64,
    /// Energy left in the target (ionisation + cut) \[GeV\].
    pub ecal_gev: f64,
    /// Preshower energy \[GeV\].
    pub preshower_gev: f64,
    /// Energy escaping the target \[GeV\].
    pub escaped_gev: f64,
    /// Cell energies \[GeV\], row-major in y (empty without cells).
    pub cells_gev: Vec<f64>,
}

/// A' yield of one mass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DarkYield {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Cross-section method.
    pub method: String,
    /// Threshold on E_A' \[GeV\].
    pub e_min_gev: f64,
    /// Total yield (bremsstrahlung + resonant annihilation) per EOT per ε².
    pub yield_per_eot_per_eps2: f64,
    /// Its statistical error.
    pub stat_error: f64,
    /// Dark bremsstrahlung part.
    pub brem: Measured,
    /// Resonant annihilation part.
    pub annihilation: Measured,
    /// Share of the primary electron in `brem` (before any secondary).
    pub brem_primary: f64,
    /// A' energy spectrum of bremsstrahlung \[per GeV per EOT per ε²\] (paper 002 Fig. 4).
    pub spectrum_brem: Histogram,
    /// A' energy spectrum of annihilation \[per GeV per EOT per ε²\].
    pub spectrum_annihilation: Histogram,
    /// Energy left in the target by signal events \[per GeV per EOT per ε²\] (Fig. 6), from the
    /// replayed events.
    pub signal_ecal: Histogram,
    /// Number of replayed signal events.
    pub signal_events: u64,
}

/// Everything a shower run produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShowerResult {
    /// The run configuration.
    pub config: crate::run_config::RunConfig,
    /// Events simulated (EOT).
    pub events: u64,
    /// Whether the run followed only particles above the fast-mode threshold.
    pub fast_mode: bool,
    /// Target depth \[X0\].
    pub depth_x0: f64,
    /// Target length \[cm\].
    pub length_cm: f64,
    /// Effective Molière radius of the target \[cm\].
    pub moliere_radius_cm: f64,
    /// Energy balance.
    pub energy: EnergyBalance,
    /// Energy per section \[GeV per EOT\], in section order.
    pub sections: Vec<(String, f64)>,
    /// Per material.
    pub materials: Vec<MaterialTally>,
    /// Total charged track length \[cm per EOT\].
    pub track_length_cm: f64,
    /// Depth of the longitudinal maximum \[X0\] (fit of a Γ-shape around the peak).
    pub t_max_x0: f64,
    /// Mean depth of the deposits \[X0\].
    pub t_mean_x0: f64,
    /// dE/dt \[GeV per X0 per EOT\] against depth \[X0\].
    pub longitudinal: Histogram,
    /// dE/dr \[GeV per cm per EOT\] against the distance from the beam axis \[cm\].
    pub lateral: Histogram,
    /// Radius containing 90% of the deposited energy \[cm\].
    pub r90_cm: f64,
    /// Preshower energy: mean \[GeV\].
    pub preshower_mean_gev: f64,
    /// Preshower energy: RMS \[GeV\].
    pub preshower_rms_gev: f64,
    /// Per-event preshower energy distribution \[fraction of events per GeV\].
    pub preshower: Histogram,
    /// Per-event visible energy distribution \[fraction of events per GeV\].
    pub visible: Histogram,
    /// Dark yields, one per mass.
    pub dark: Vec<DarkYield>,
    /// Replayed signal events, ordered by (event, mass).
    pub signal_events: Vec<SignalEvent>,
    /// Per-batch tallies for the errors of folded yields (dark runs; `None` in results written
    /// before they existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batches: Option<TrackLengthBatches>,
}

impl ShowerResult {
    /// The dark yield for the mass closest to `mass` \[GeV\].
    pub fn dark_for(&self, mass: f64) -> Option<&DarkYield> {
        self.dark.iter().min_by(|a, b| {
            (a.mass_gev / mass)
                .ln()
                .abs()
                .total_cmp(&(b.mass_gev / mass).ln().abs())
        })
    }

    /// T₊(E) summed over materials, weighted by electron density relative to `reference`
    /// material index (plain sum when `None`) \[cm/GeV per EOT\].
    pub fn t_plus_total(&self) -> Histogram {
        self.sum_t(|m| &m.t_plus)
    }

    /// T₋(E) summed over materials \[cm/GeV per EOT\].
    pub fn t_minus_total(&self) -> Histogram {
        self.sum_t(|m| &m.t_minus)
    }

    fn sum_t(&self, f: impl Fn(&MaterialTally) -> &Histogram) -> Histogram {
        let first = f(&self.materials[0]);
        let mut h = Histogram {
            edges: first.edges.clone(),
            values: vec![0.0; first.values.len()],
            overflow: 0.0,
        };
        for m in &self.materials {
            let t = f(m);
            for (a, b) in h.values.iter_mut().zip(&t.values) {
                *a += b;
            }
            h.overflow += t.overflow;
        }
        h
    }
}
