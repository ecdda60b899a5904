//! The elements of the NA64 detector model: beam, SRD, trackers, ECAL, VETO, HCAL, trigger,
//! pile-up, the physics of the event sources, and the simulated statistics per source.

use serde::{Deserialize, Serialize};

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
    /// Upstream background: the beam-line material between the last tracking station and the
    /// ECAL in which a beam electron can interact, e A → e′ X (electroproduction), after its
    /// momentum was measured (paper 003 (iii): "escaping large-angle neutrals from the
    /// electroproduction in the beam line due to the insufficient HCAL coverage").
    pub upstream_material: Vec<BeamLineLayer>,
    /// Upper virtuality of the equivalent-photon flux of the electroproduction \[GeV²\]: the
    /// hadronic absorption of a virtual photon falls as (1 + Q²/m_ρ²)⁻² (vector-meson
    /// dominance), so the flux is cut at m_ρ².
    pub upstream_q2_max_gev2: f64,
    /// Mean transverse momentum of the hadronic secondaries \[GeV\] (the scale of their
    /// exponential p_T distribution, which sets the escape probability).
    pub upstream_mean_pt_gev: f64,
    /// Radius of the calorimeter acceptance seen from the beam-line material \[cm\] (VETO and
    /// HCAL face; secondaries at larger angles escape).
    pub upstream_acceptance_radius_cm: f64,
    /// Fraction of the hadronic energy of an upstream interaction deposited in the HCAL when the
    /// secondaries do not all escape, uniform range.
    pub upstream_hcal_fraction: [f64; 2],
    /// Upstream interactions whose secondaries reach the calorimeters: probability that charged
    /// ones also cross the VETO.
    pub upstream_veto_probability: f64,
    /// Upstream interactions: probability of extra straw hits (multiplicity > 1).
    pub upstream_straw_probability: f64,
    /// Upstream interactions: probability that HCAL0 (where present) sees the zero-degree
    /// neutrals.
    pub upstream_hcal0_probability: f64,
    /// Lowest degraded-electron energy simulated \[GeV\] (the spectrum is simulated from here up
    /// to E − `photonuclear_min_gev`, trigger threshold or not).
    pub upstream_min_gev: f64,
    /// Fraction of beam-hadron interactions in the ECAL that are charge exchange-like (leading
    /// π⁰, poorly detected neutral), before the leak probability.
    pub charge_exchange_fraction: f64,
}

/// One layer of beam-line material (the upstream background's target).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BeamLineLayer {
    /// What it is (documentation).
    pub name: String,
    /// Areal density \[g/cm²\].
    pub g_cm2: f64,
    /// Mean mass number of its nuclei (σ_γA ∝ A^0.91).
    pub a: f64,
}

/// Events simulated per source and run (statistics only: weights make the expectations
/// independent of these numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceStatistics {
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
