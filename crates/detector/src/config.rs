//! The detector model: the `detector` table of the experiment configuration, parsed into
//! [`DetectorConfig`]. Every field is documented here; the embedded per-preset tables
//! (`crates/detector/presets/*.toml`) give the NA64 values with their sources, and mark every
//! number that was tuned to reproduce a published background with `TUNED`.
//!
//! Resolution order: the embedded table of the configuration's `name` (if any, else the generic
//! defaults below with one default run per configured run), then the user's `[detector]`
//! table merged on top (tables merge key by key; a user's `runs` list replaces the preset's).
//! Unknown fields are rejected.

use aprime_limits::ExperimentConfig;
use serde::{Deserialize, Serialize};
use toml::Table;

/// Errors of the detector configuration.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The table does not deserialise (unknown field, wrong type, …).
    #[error("{source_name}: detector: {message}")]
    Parse {
        /// Configuration file or preset.
        source_name: String,
        /// What is wrong.
        message: String,
    },
    /// A value is out of range.
    #[error("{source_name}: detector.{field}: {message}")]
    Invalid {
        /// Configuration file or preset.
        source_name: String,
        /// Field path.
        field: String,
        /// What is wrong.
        message: String,
    },
}

/// The embedded detector model common to all presets (everything but `runs`).
pub const COMMON: &str = include_str!("../presets/common.toml");

/// Embedded per-run tables (`[[runs]]` lists), one per experiment preset.
pub const PRESETS: &[(&str, &str)] = &[
    ("na64-2016", include_str!("../presets/na64-2016.toml")),
    (
        "na64-2016-2018",
        include_str!("../presets/na64-2016-2018.toml"),
    ),
    (
        "na64-2016-2022",
        include_str!("../presets/na64-2016-2022.toml"),
    ),
];

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
    pub statistics: Statistics,
    /// Per-run settings, aligned with the experiment configuration's `runs`.
    pub runs: Vec<RunDetector>,
}

/// The beam at the setup (paper 002 §III, na64-setup.md "Beam and detector").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeamModel {
    /// Relative rms momentum spread of the beam electrons σ_p/p.
    pub momentum_spread: f64,
    /// Rms beam divergence per projection \[mrad\] (incoming angle tuned to ≲ 1 mrad).
    pub divergence_mrad: f64,
    /// Rms beam-spot size per projection at the ECAL \[cm\] ("a few cm²").
    pub spot_sigma_cm: f64,
    /// Fraction of beam electrons in the low-energy tail (uniform between
    /// `tail_min_gev` and the beam energy).
    pub tail_fraction: f64,
    /// Lower end of the low-energy tail \[GeV\].
    pub tail_min_gev: f64,
    /// π⁻ per beam electron (π/e⁻ ≲ 1e-2).
    pub pion_fraction: f64,
    /// K⁻ per beam electron.
    pub kaon_fraction: f64,
    /// μ⁻ per beam electron.
    pub muon_fraction: f64,
    /// Decay volume between the last upstream tracker station and the ECAL \[m\]
    /// (the 15 m vacuum vessel plus the SRD region).
    pub decay_length_m: f64,
}

/// SRD: three PbSc counters behind the vacuum vessel (paper 002 §III).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SrdModel {
    /// Mean in-time SR energy of a beam-energy electron in counters 1–3 \[MeV\]; scales as
    /// (E/E0)² (fixed ∫B dl) and (m_e/m)⁴.
    pub mean_mev: [f64; 3],
    /// Relative rms of a counter's energy (photon statistics and sampling).
    pub resolution: f64,
    /// Electronic noise per counter \[MeV\].
    pub noise_mev: f64,
    /// Probability that a counter misses the in-time SR of an electron (records noise only).
    pub counter_inefficiency: f64,
    /// Range of the energy a fake tag (knock-on electrons from the vessel window, accidental
    /// SR) leaves in each counter \[MeV\], uniform.
    pub fake_tag_mev: [f64; 2],
}

/// Trackers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackerModel {
    /// Momentum resolution δp/p (paper 002 §III: ≈ 1%).
    pub momentum_resolution: f64,
    /// Angular resolution per projection \[mrad\].
    pub angle_resolution_mrad: f64,
    /// Mean number of noise hits in the downstream straw chambers.
    pub straw_noise_hits: f64,
}

/// ECAL: a grid of Shashlik cells with a preshower (paper 002 §III).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcalModel {
    /// Cell pitch \[mm\] (38.2 mm).
    pub cell_mm: f64,
    /// Stochastic term a of σ_E/E = a/√E (0.1 GeV^1/2), applied per cell so that the sum has it.
    pub stochastic: f64,
    /// Constant term of the cell energies (calibration spread).
    pub constant: f64,
    /// Noise per cell \[GeV\].
    pub noise_gev: f64,
    /// Lateral profile: radius of the core component \[cm\]; the 2-D density of each component
    /// is R²/(π (r² + R²)²). Tuned on the shower stage's lateral profile.
    pub core_radius_cm: f64,
    /// Lateral profile: radius of the tail component \[cm\].
    pub tail_radius_cm: f64,
    /// Lateral profile: energy fraction of the core component.
    pub core_fraction: f64,
    /// Hadronic showers: radius of the (single-component) lateral profile \[cm\].
    pub hadron_radius_cm: f64,
    /// Interaction length of the ECAL \[cm\] (Pb/Sc 1:1: ≈ 28.6 cm, ≈ 1.55 λ in 44.4 cm).
    pub interaction_length_cm: f64,
    /// Total length \[cm\].
    pub length_cm: f64,
    /// Visible energy of a minimum-ionising particle crossing the full ECAL \[GeV\].
    pub mip_gev: f64,
    /// Relative shower-to-shower spread of the template fractions used in the shape χ².
    pub shape_fluctuation: f64,
}

/// VETO V2 (paper 002 §III and §VIII).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VetoModel {
    /// Most probable energy of a MIP \[MeV\] (≈ 4 cm of scintillator).
    pub mip_mev: f64,
    /// Width of the MIP energy distribution (Moyal scale) \[MeV\].
    pub mip_width_mev: f64,
    /// Noise \[MeV\].
    pub noise_mev: f64,
    /// Probability that a crossing charged particle leaves no signal (paper 002 §VIII: ≲ 1e-4).
    pub inefficiency: f64,
    /// Probability per event of an accidental or back-splash hit (sets ε_V of the signal,
    /// paper 002 Table II: 0.94).
    pub accidental_probability: f64,
}

/// HCAL (paper 002 §III).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HcalModel {
    /// Stochastic term of σ_E/E (0.6 GeV^1/2).
    pub stochastic: f64,
    /// Noise per module \[GeV\].
    pub noise_gev: f64,
    /// Interaction lengths per module (≈ 7 λ).
    pub lambda_per_module: f64,
    /// Most probable visible energy of a muon crossing one module \[GeV\] (paper 002 Fig. 9:
    /// single-muon peak at ≈ 2.5 GeV).
    pub muon_mpv_gev: f64,
    /// Photo-electrons per MIP crossing one module (paper 002 §VIII: 150–200).
    pub photoelectrons_per_mip: f64,
    /// Width (Moyal scale) of the muon deposit per module \[GeV\].
    pub muon_width_gev: f64,
    /// Energy a muon loses crossing one module (48 × 25 mm Fe + Sc) \[GeV\].
    pub muon_loss_gev: f64,
    /// Fraction of the energy escaping the ECAL that reaches HCAL module 1.
    pub ecal_leak_fraction: f64,
    /// Probability per event of an accidental deposit (noise burst, pile-up, cosmic) that sets
    /// ε_HCAL of the signal (paper 002 Table II: 0.98).
    pub accidental_probability: f64,
    /// Mean of the exponential energy of an accidental deposit \[GeV\].
    pub accidental_mean_gev: f64,
    /// e/h-like response of the HCAL to hadronic energy (visible/true).
    pub hadron_response: f64,
}

/// Hardware trigger (paper 002 eq. 14).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerModel {
    /// Preshower threshold \[GeV\] (≈ 0.3 GeV).
    pub ps_threshold_gev: f64,
    /// Rms of the analogue-sum thresholds \[GeV\].
    pub threshold_resolution_gev: f64,
    /// Efficiency of the beam counters S1–S3 coincidence.
    pub counter_efficiency: f64,
    /// Probability that the upstream veto V1 fires on an accidental halo particle.
    pub v1_accidental_probability: f64,
}

/// Pile-up of a second beam particle (paper 002 §VI.A).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PileupModel {
    /// Time window in which a second particle disturbs the event (≈ the 100 ns MSADC pulse on
    /// either side) \[ns\]; the pile-up probability is 1 − exp(−rate·window).
    pub window_ns: f64,
    /// Fraction of pile-up events the removal algorithm cannot resolve (flag `pileup`, energy
    /// added to the ECAL).
    pub unresolved_fraction: f64,
    /// Fraction of pile-up events with a second reconstructed incoming track.
    pub second_track_fraction: f64,
}

/// Source physics common to all runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcePhysics {
    /// Photo-nuclear cross section of a high-energy photon on Pb \[mb\] (σ_γp ≈ 0.115 mb ×
    /// A^0.91, PDG "Plots of cross sections": flat above a few GeV).
    pub photonuclear_pb_mb: f64,
    /// Lowest photon energy of the target hadron source \[GeV\].
    pub photonuclear_min_gev: f64,
    /// Fraction of a photo-nuclear interaction's energy deposited in the ECAL, uniform range.
    pub hadron_ecal_fraction: [f64; 2],
    /// Fraction of the energy deficit of an upstream interaction carried by secondaries that
    /// reach the HCAL when they are not lost, uniform range.
    pub upstream_hcal_fraction: [f64; 2],
    /// Upstream interactions: probability that charged secondaries hit the VETO.
    pub upstream_veto_probability: f64,
    /// Upstream interactions: probability that secondaries reach the HCAL.
    pub upstream_hcal_probability: f64,
    /// Upstream interactions: probability of extra straw hits (multiplicity > 1).
    pub upstream_straw_probability: f64,
    /// Upstream interactions: probability that HCAL0 (where present) sees the zero-degree
    /// neutrals.
    pub upstream_hcal0_probability: f64,
    /// Upstream interactions: rms scattering angle of the degraded electron \[mrad\].
    pub upstream_angle_mrad: f64,
    /// Lowest degraded-electron energy simulated \[GeV\].
    pub upstream_min_gev: f64,
    /// Highest degraded-electron energy simulated \[GeV\]: the exponential spectrum is only
    /// known (from side band C) below the trigger threshold; `upstream_rate_per_eot` counts
    /// interactions with E_e between the two limits.
    pub upstream_max_gev: f64,
    /// Fraction of beam-hadron interactions in the ECAL that are charge exchange-like (leading
    /// π⁰, poorly detected neutral), before the leak probability.
    pub charge_exchange_fraction: f64,
}

/// Events simulated per source and run (statistics only: weights make the expectations
/// independent of these numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statistics {
    /// Ordinary e⁻ showers (and low-energy-tail electrons) per run.
    pub em_shower: u64,
    /// Dimuon events per run (half of them with both muons forced undetected).
    pub dimuon: u64,
    /// Target hadron events per run (half with the leading neutral forced to escape).
    pub hadron_target: u64,
    /// Upstream interactions per run (degraded-electron energy sampled uniformly).
    pub upstream: u64,
    /// Decays in flight per run (half with a forced fake SRD tag).
    pub decay_in_flight: u64,
    /// Mis-tagged beam hadrons and muons per run (half forced into the box topology).
    pub mistagged_hadron: u64,
    /// Replayed signal showers per A' mass (shared by the runs).
    pub signal_per_mass: u64,
    /// Showers of the shower stage from which the signal replays are drawn per mass.
    pub signal_showers: u64,
    /// Full 100 GeV showers in the shower library (visible and preshower energy).
    pub shower_library: u64,
    /// Fast-mode showers for the e± track lengths that give the photon spectrum (dimuons,
    /// photo-nuclear events).
    pub photon_spectrum_showers: u64,
    /// Events per work unit (the unit of parallelism, sharding and event numbering).
    pub chunk: u64,
}

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
    /// Upstream interactions per EOT (degraded e⁻ plus secondaries, behind the magnets).
    /// TUNED to the run's box background from beam-line interactions.
    pub upstream_rate_per_eot: f64,
    /// Slope p2 of the degraded-electron spectrum exp(p2·E) \[1/GeV\] (paper 002 §VIII fit).
    pub upstream_slope_per_gev: f64,
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

/// Recursively merge `over` into `base` (tables key by key; arrays and values replace).
fn merge(base: &mut Table, over: &Table) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Generic run defaults for a configuration without an embedded detector table.
fn generic_run(name: &str) -> Table {
    let r = RunDetector {
        name: name.to_string(),
        intensity_per_spill: 3e6,
        ecal_nx: 6,
        ecal_ny: 6,
        hcal_modules: 4,
        hcal0: false,
        trigger_ecal_threshold_gev: 80.0,
        tracker_efficiency: 0.88,
        upstream_rate_per_eot: 2e-6,
        upstream_slope_per_gev: 0.4,
        srd_fake_tag_probability: 1e-5,
        muon_miss_probability: 1e-4,
        hadron_leak_probability: 1e-5,
        punch_through_probability: 1e-9,
        box_targets: BoxTargets::default(),
    };
    Table::try_from(&r).expect("run serialises")
}

impl DetectorConfig {
    /// The embedded table of a preset, if there is one.
    pub fn preset_text(name: &str) -> Option<&'static str> {
        PRESETS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name.trim()))
            .map(|(_, t)| *t)
    }

    /// The detector model of an experiment configuration; `source_name` names it in errors.
    pub fn for_experiment(cfg: &ExperimentConfig, source_name: &str) -> Result<Self, ConfigError> {
        let parse_err = |message: String| ConfigError::Parse {
            source_name: source_name.to_string(),
            message,
        };
        let mut base: Table =
            toml::from_str(COMMON).map_err(|e| parse_err(format!("embedded table: {e}")))?;
        if let Some(text) = Self::preset_text(&cfg.name) {
            let runs: Table =
                toml::from_str(text).map_err(|e| parse_err(format!("embedded runs: {e}")))?;
            merge(&mut base, &runs);
        } else {
            // Not a preset: NA64 2016 detector, one generic run per configured run.
            let runs: Vec<toml::Value> = cfg
                .runs
                .iter()
                .map(|r| toml::Value::Table(generic_run(&r.name)))
                .collect();
            base.insert("runs".into(), toml::Value::Array(runs));
        }
        if let Some(user) = &cfg.detector {
            merge(&mut base, user);
        }
        let d: Self = base
            .try_into()
            .map_err(|e: toml::de::Error| parse_err(e.to_string()))?;
        d.validate(cfg, source_name)?;
        Ok(d)
    }

    /// Check ranges and the alignment of `runs` with the configuration.
    pub fn validate(&self, cfg: &ExperimentConfig, source_name: &str) -> Result<(), ConfigError> {
        let bad = |field: &str, message: String| ConfigError::Invalid {
            source_name: source_name.to_string(),
            field: field.to_string(),
            message,
        };
        if self.runs.len() != cfg.runs.len() {
            return Err(bad(
                "runs",
                format!(
                    "{} detector runs for {} configured runs (one [[detector.runs]] per [[runs]], same order)",
                    self.runs.len(),
                    cfg.runs.len()
                ),
            ));
        }
        for (i, (d, r)) in self.runs.iter().zip(&cfg.runs).enumerate() {
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
            if !(d.upstream_rate_per_eot >= 0.0 && d.upstream_rate_per_eot < 1.0) {
                return Err(bad(&f("upstream_rate_per_eot"), "must be in [0, 1)".into()));
            }
            if !(d.upstream_slope_per_gev > 0.0 && d.upstream_slope_per_gev.is_finite()) {
                return Err(bad(&f("upstream_slope_per_gev"), "must be positive".into()));
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
                "physics.upstream_hcal_probability",
                self.physics.upstream_hcal_probability,
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
        let beam_e = cfg.beam.energy_gev;
        if self.beam.tail_min_gev >= beam_e || self.physics.upstream_min_gev >= beam_e {
            return Err(bad(
                "beam.tail_min_gev",
                format!("the tail and upstream minima must be below E0 = {beam_e} GeV"),
            ));
        }
        Ok(())
    }

    /// The configuration as TOML (for provenance in event files).
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("detector config serialises")
    }
}
