//! The detector model: the `detector` table of the experiment configuration, parsed into
//! [`DetectorConfig`]. Every field is documented here and in [`elements`] and [`runs`]; the
//! embedded model `presets/detector.toml` gives the NA64 values with their sources, each preset
//! its runs, and every number that was tuned to reproduce a published background is marked
//! `TUNED`.
//!
//! Resolution while a configuration is read: the embedded model, then the file's `[detector]`
//! table merged on top (tables merge key by key; a file's `runs` list replaces the embedded
//! one); a file without `[[detector.runs]]` gets one generic run per configured run. Unknown
//! fields are rejected.

pub mod elements;
pub mod runs;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize};
use toml::Table;

pub use elements::{
    BeamLineLayer, BeamModel, EcalModel, HcalModel, PileupModel, SourcePhysics, SourceStatistics,
    SrdModel, TrackerModel, TriggerModel, VetoModel,
};
pub use runs::{BoxTargets, RunDetector};

use crate::merge::merge;
use crate::runs::Run;

/// The embedded NA64 detector model common to all presets (everything but `runs`).
pub const EMBEDDED: &str = include_str!("../../presets/detector.toml");

/// The complete detector model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectorConfig {
    /// SPS spill length \[s\] (paper 002 §III: 4.8 s).
    pub spill_s: f64,
    /// The beam at the setup.
    pub beam: BeamModel,
    /// Synchrotron-radiation detector.
    pub srd: SrdModel,
    /// Trackers (Micromegas, GEM) and straw chambers.
    pub tracker: TrackerModel,
    /// ECAL (the active target).
    pub ecal: EcalModel,
    /// VETO V2.
    pub veto: VetoModel,
    /// HCAL modules and the zero-degree HCAL0.
    pub hcal: HcalModel,
    /// Hardware trigger, paper 002 eq. 14.
    pub trigger: TriggerModel,
    /// Pile-up of a second beam particle.
    pub pileup: PileupModel,
    /// Physics of the event sources that is common to all runs.
    pub physics: SourcePhysics,
    /// How many events of each source are simulated (statistics, not physics).
    pub statistics: SourceStatistics,
    /// Per-run settings, aligned with the experiment configuration's `runs`.
    #[serde(default)]
    pub runs: Vec<RunDetector>,
}

impl Default for DetectorConfig {
    /// The embedded NA64 model without runs.
    fn default() -> Self {
        toml::from_str(EMBEDDED).expect("the embedded detector model parses (tested)")
    }
}

/// Deserialise a `[detector]` table as an overlay of the embedded model.
pub(crate) fn deserialize_overlay<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<DetectorConfig, D::Error> {
    let user = Table::deserialize(d)?;
    let mut base: Table = toml::from_str(EMBEDDED).map_err(D::Error::custom)?;
    merge(&mut base, &user);
    base.try_into()
        .map_err(|e: toml::de::Error| D::Error::custom(format!("detector: {}", e.message())))
}

impl DetectorConfig {
    /// Check ranges and the alignment of `runs` with the configuration.
    /// On error: the field (below `detector.`) and what is wrong.
    pub fn validate(&self, runs: &[Run], beam_energy_gev: f64) -> Result<(), (String, String)> {
        let bad = |field: &str, message: String| (field.to_string(), message);
        if self.runs.len() != runs.len() {
            return Err(bad(
                "runs",
                format!(
                    "{} detector runs for {} configured runs (one [[detector.runs]] per [[runs]], same order)",
                    self.runs.len(),
                    runs.len()
                ),
            ));
        }
        for (i, (d, r)) in self.runs.iter().zip(runs).enumerate() {
            if d.name != r.name {
                return Err(bad(
                    &format!("runs[{i}].name"),
                    format!(
                        "'{}' does not match the configured run '{}'",
                        d.name, r.name
                    ),
                ));
            }
            let f = |n: &str| format!("runs[{i}].{n}");
            let prob = |n: &str, v: f64| {
                if (0.0..=1.0).contains(&v) {
                    Ok(())
                } else {
                    Err(bad(
                        &f(n),
                        format!("a probability must be in [0, 1], got {v}"),
                    ))
                }
            };
            prob("tracker_efficiency", d.tracker_efficiency)?;
            prob("srd_fake_tag_probability", d.srd_fake_tag_probability)?;
            prob("muon_miss_probability", d.muon_miss_probability)?;
            prob("hadron_leak_probability", d.hadron_leak_probability)?;
            prob("punch_through_probability", d.punch_through_probability)?;
            if !(d.intensity_per_spill >= 0.0 && d.intensity_per_spill.is_finite()) {
                return Err(bad(&f("intensity_per_spill"), "must be ≥ 0".into()));
            }
            if !(1..=12).contains(&d.ecal_nx) || !(1..=12).contains(&d.ecal_ny) {
                return Err(bad(
                    &f("ecal_nx"),
                    "ECAL cells must be 1–12 per side".into(),
                ));
            }
            if !(1..=4).contains(&d.hcal_modules) {
                return Err(bad(&f("hcal_modules"), "1–4 HCAL modules".into()));
            }
            if !(d.upstream_escape_distance_m > 0.0 && d.upstream_escape_distance_m.is_finite()) {
                return Err(bad(
                    &f("upstream_escape_distance_m"),
                    "must be positive".into(),
                ));
            }
            if d.trigger_ecal_threshold_gev.is_nan() || d.trigger_ecal_threshold_gev <= 0.0 {
                return Err(bad(
                    &f("trigger_ecal_threshold_gev"),
                    "must be positive".into(),
                ));
            }
        }
        let pos = |n: &str, v: f64| {
            if v > 0.0 && v.is_finite() {
                Ok(())
            } else {
                Err(bad(n, format!("must be positive, got {v}")))
            }
        };
        let prob = |n: &str, v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(bad(
                    n,
                    format!("a probability/fraction must be in [0, 1], got {v}"),
                ))
            }
        };
        pos("spill_s", self.spill_s)?;
        pos(
            "tracker.momentum_resolution",
            self.tracker.momentum_resolution,
        )?;
        pos("ecal.cell_mm", self.ecal.cell_mm)?;
        pos("ecal.stochastic", self.ecal.stochastic)?;
        pos("ecal.core_radius_cm", self.ecal.core_radius_cm)?;
        pos("ecal.tail_radius_cm", self.ecal.tail_radius_cm)?;
        pos("ecal.hadron_radius_cm", self.ecal.hadron_radius_cm)?;
        pos(
            "ecal.interaction_length_cm",
            self.ecal.interaction_length_cm,
        )?;
        pos("ecal.length_cm", self.ecal.length_cm)?;
        pos("hcal.stochastic", self.hcal.stochastic)?;
        pos("hcal.lambda_per_module", self.hcal.lambda_per_module)?;
        pos("hcal.muon_loss_gev", self.hcal.muon_loss_gev)?;
        pos("veto.mip_mev", self.veto.mip_mev)?;
        pos("beam.decay_length_m", self.beam.decay_length_m)?;
        pos("pileup.window_ns", self.pileup.window_ns)?;
        pos(
            "physics.photonuclear_pb_mb",
            self.physics.photonuclear_pb_mb,
        )?;
        pos("physics.upstream_min_gev", self.physics.upstream_min_gev)?;
        pos(
            "physics.upstream_q2_max_gev2",
            self.physics.upstream_q2_max_gev2,
        )?;
        pos(
            "physics.upstream_mean_pt_gev",
            self.physics.upstream_mean_pt_gev,
        )?;
        pos(
            "physics.upstream_acceptance_radius_cm",
            self.physics.upstream_acceptance_radius_cm,
        )?;
        pos(
            "physics.photonuclear_min_gev",
            self.physics.photonuclear_min_gev,
        )?;
        for (i, l) in self.physics.upstream_material.iter().enumerate() {
            if !(l.g_cm2 >= 0.0 && l.g_cm2.is_finite()) {
                return Err(bad(
                    &format!("physics.upstream_material[{i}].g_cm2"),
                    format!("must be ≥ 0, got {}", l.g_cm2),
                ));
            }
            if !(l.a >= 1.0 && l.a < 300.0) {
                return Err(bad(
                    &format!("physics.upstream_material[{i}].a"),
                    format!("a mass number must be in [1, 300), got {}", l.a),
                ));
            }
        }
        prob("ecal.core_fraction", self.ecal.core_fraction)?;
        prob("beam.tail_fraction", self.beam.tail_fraction)?;
        prob("beam.pion_fraction", self.beam.pion_fraction)?;
        prob("beam.kaon_fraction", self.beam.kaon_fraction)?;
        prob("beam.muon_fraction", self.beam.muon_fraction)?;
        prob("srd.counter_inefficiency", self.srd.counter_inefficiency)?;
        prob("veto.inefficiency", self.veto.inefficiency)?;
        prob(
            "veto.accidental_probability",
            self.veto.accidental_probability,
        )?;
        prob(
            "hcal.accidental_probability",
            self.hcal.accidental_probability,
        )?;
        prob("hcal.ecal_leak_fraction", self.hcal.ecal_leak_fraction)?;
        prob(
            "trigger.counter_efficiency",
            self.trigger.counter_efficiency,
        )?;
        prob(
            "trigger.v1_accidental_probability",
            self.trigger.v1_accidental_probability,
        )?;
        prob(
            "pileup.unresolved_fraction",
            self.pileup.unresolved_fraction,
        )?;
        prob(
            "pileup.second_track_fraction",
            self.pileup.second_track_fraction,
        )?;
        for (n, v) in [
            (
                "physics.upstream_veto_probability",
                self.physics.upstream_veto_probability,
            ),
            (
                "physics.upstream_straw_probability",
                self.physics.upstream_straw_probability,
            ),
            (
                "physics.upstream_hcal0_probability",
                self.physics.upstream_hcal0_probability,
            ),
            (
                "physics.charge_exchange_fraction",
                self.physics.charge_exchange_fraction,
            ),
        ] {
            prob(n, v)?;
        }
        let st = &self.statistics;
        if st.chunk == 0 {
            return Err(bad("statistics.chunk", "must be at least 1".into()));
        }
        if st.shower_library == 0 || st.photon_spectrum_showers == 0 {
            return Err(bad(
                "statistics.shower_library",
                "the shower library and the photon-spectrum showers need at least 1 event".into(),
            ));
        }
        if st.signal_per_mass > st.signal_showers {
            return Err(bad(
                "statistics.signal_per_mass",
                "cannot exceed statistics.signal_showers".into(),
            ));
        }
        let beam_e = beam_energy_gev;
        if self.beam.tail_min_gev >= beam_e
            || self.physics.upstream_min_gev + self.physics.photonuclear_min_gev >= beam_e
        {
            return Err(bad(
                "beam.tail_min_gev",
                format!(
                    "the tail minimum and the upstream range (upstream_min_gev + photonuclear_min_gev) must be below E0 = {beam_e} GeV"
                ),
            ));
        }
        Ok(())
    }

    /// The configuration as TOML (for provenance in event files).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("detector config serialises")
    }
}
