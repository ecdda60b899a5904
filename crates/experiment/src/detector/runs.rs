//! Per-run detector settings and the published box backgrounds they are tuned to.

use serde::{Deserialize, Serialize};

/// Per-run detector settings, aligned with the experiment configuration's `runs`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunDetector {
    /// Run name (must equal the configuration's run name at the same position).
    pub name: String,
    /// Beam intensity \[e⁻ per spill\].
    pub intensity_per_spill: f64,
    /// ECAL cells along x (6, or 5 from 2021).
    pub ecal_nx: u32,
    /// ECAL cells along y.
    pub ecal_ny: u32,
    /// Number of HCAL modules behind the VETO (4, or 3 from 2021).
    pub hcal_modules: u32,
    /// Whether the zero-degree HCAL0 was installed.
    pub hcal0: bool,
    /// ECAL threshold of the trigger \[GeV\] (≈ 80 GeV; ≈ 90 GeV in 2021–22).
    pub trigger_ecal_threshold_gev: f64,
    /// Single-track reconstruction efficiency (rate dependent; paper 000: track ≈ 0.83).
    pub tracker_efficiency: f64,
    /// Effective distance from the beam-line material to the calorimeter face \[m\]: the
    /// secondaries of an upstream electroproduction escape outside the cone of half-angle
    /// `physics.upstream_acceptance_radius_cm` / this. TUNED to the run's box background from
    /// beam-line interactions (the only tuned number of the upstream model).
    pub upstream_escape_distance_m: f64,
    /// Probability that a beam π/K/μ gets a fake electron SRD tag. TUNED to the box background
    /// from decays in flight.
    pub srd_fake_tag_probability: f64,
    /// Probability that one muon of a pair crosses VETO and HCAL undetected (cracks, dead
    /// channels). TUNED to the box background from dimuons.
    pub muon_miss_probability: f64,
    /// Probability that the leading neutral of a beam-hadron interaction in the ECAL escapes
    /// the HCAL. TUNED to the box background of μ, π, K interactions in the target.
    pub hadron_leak_probability: f64,
    /// Probability that the leading neutral hadron of a photo-nuclear event punches through
    /// the HCAL undetected. TUNED to the punch-through/cracks row.
    pub punch_through_probability: f64,
    /// Published box expectations this run is tuned to, per source (documentation and the
    /// tuning check; not used by the simulation).
    #[serde(default)]
    pub box_targets: BoxTargets,
}

/// Published (or chosen) box backgrounds per source for one run \[events\].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BoxTargets {
    /// Beam-line (upstream) interactions.
    pub upstream: f64,
    /// μ, π, K decays in flight.
    pub decay_in_flight: f64,
    /// Dimuon losses.
    pub dimuon: f64,
    /// μ, π, K interactions in the target.
    pub mistagged_hadron: f64,
    /// Punch-through, cracks, hadron losses.
    pub hadron_target: f64,
}

impl BoxTargets {
    /// Sum over sources.
    pub fn total(&self) -> f64 {
        self.upstream
            + self.decay_in_flight
            + self.dimuon
            + self.mistagged_hadron
            + self.hadron_target
    }
}

impl RunDetector {
    /// Generic settings of a run (the 2016 NA64 setup at 3e6 e⁻/spill) for a configuration whose
    /// `[detector]` table lists no runs.
    pub fn generic(name: &str) -> Self {
        Self {
            name: name.to_string(),
            intensity_per_spill: 3e6,
            ecal_nx: 6,
            ecal_ny: 6,
            hcal_modules: 4,
            hcal0: false,
            trigger_ecal_threshold_gev: 80.0,
            tracker_efficiency: 0.88,
            upstream_escape_distance_m: 4.0,
            srd_fake_tag_probability: 1e-5,
            muon_miss_probability: 1e-4,
            hadron_leak_probability: 1e-5,
            punch_through_probability: 1e-9,
            box_targets: BoxTargets::default(),
        }
    }
}
