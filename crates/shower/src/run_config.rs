//! The run configuration: everything that defines a shower run and so its numbers (target,
//! beam, statistics, seed, cuts, dark sector, binnings, step control), with its validation.

use aprime_physics::constants::M_E;
use aprime_physics::dark_brem::Method;
use aprime_physics::model::{Lepton, Mediator, Projectile};
use serde::{Deserialize, Serialize};

use crate::dark::{TableSpec, check_masses};
use crate::error::{Result, ensure};
use crate::resonance::AnnihilationSpec;
use crate::target::TargetConfig;

/// Dark-sector part of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DarkConfig {
    /// The boson radiated (`vector`, `scalar`, `pseudoscalar`, `axial`, `lmu-ltau`, `b-l`);
    /// yields are per unit lepton coupling ε_e² for every model. Omitted (and not written) for
    /// the dark photon, so that dark-photon runs and their files are unchanged.
    #[serde(default, skip_serializing_if = "is_dark_photon")]
    pub model: Mediator,
    /// A' masses \[GeV\]; all are scored on the same showers.
    pub masses_gev: Vec<f64>,
    /// Dark-bremsstrahlung cross section (`etl`, `iww`, `exact`, `wwsimple`).
    pub method: Method,
    /// Only A' with E_A' above this count \[GeV\] (NA64: E_miss > 50 GeV).
    pub e_min_gev: f64,
    /// Resonant annihilation.
    pub annihilation: AnnihilationSpec,
    /// Events (the first ones of the run) replayed as full signal showers for each mass.
    pub signal_events: u64,
    /// Table resolution.
    pub table: TableSpec,
    /// Copies of the hard part of the photon spectrum sampled at every bremsstrahlung vertex of
    /// the beam particle's lineage to estimate the track-length spectra T± above their split
    /// energy (variance reduction, [`HardPhotonCopies`]; `None`: the analogue estimate). Only
    /// the spectra, and so the yields folded from them, use it; the step-by-step yields and the
    /// signal events are unchanged. Omitted (and not written) when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hard_photon_copies: Option<HardPhotonCopies>,
}

/// The hard-photon copies of a run: the split energy and the number of copies per vertex.
///
/// A variance reduction of the track-length spectra T± above E_s = E_min − m_e.
///
/// Above E_s the spectra of a 100 GeV electron shower come from the beam particle and from the
/// few photons it radiates with k ≥ E_s (the only ones whose pairs can reach E_s); a vertex makes
/// such a photon rarely (a few per cent), so T₊ near the resonance energies E_R = m²/(2m_e) of
/// 0.2–0.32 GeV rests on few positrons. At every bremsstrahlung vertex of the beam particle's
/// lineage (weight 1) the hard part of the photon spectrum is therefore sampled N more times:
/// each copy picks the element by its share (as the real photon does) and k uniformly in ln k on
/// [E_s, E − m_e], with the weight
///   w = n_el α r_e² B(E, k) ln((E − m_e)/E_s) / (N Σ_el(E)),
/// B the screened Bethe–Heitler bracket the real photon is sampled from
/// (dσ/d ln k = α r_e² B, [`crate::em::tables::brem_sigma_atom`]) and Σ_el = n_el σ_el(k > k_cut)
/// the element's share of the vertex rate. The copies are followed above E_s and score T± with
/// that weight; the real photon, if hard, and its descendants score T± above E_s with weight 0
/// (below E_s with 1, so the spectra there are the analogue ones). Then
/// E[copies] = Σ_el P(el) ∫_{E_s} (dσ_el/dk / σ_el) C(k) dk = E[real photon's C; k ≥ E_s] at
/// every vertex, so the spectra stay unbiased; the beam particle's own path is unchanged (its
/// energy loss is the real photon's), and the copies draw from their own streams
/// (`mix(mix(key, salt), vertex)`), so the real shower, the step-by-step yields, the emission
/// points and the signal replays are the same as without copies. (Importance weights instead of
/// rejection: near the kinematic end the bracket vanishes, where rejection would not terminate.)
///
/// The copies never deposit energy, never enter the ledger or the profiles, and do not score
/// the step-by-step dark yields; they stop below E_s. Their leptons fly straight (no multiple
/// scattering: at E ≥ E_s ≈ 30 GeV, θ0 ≲ 0.5 mrad per X0 shortens a step's depth by < 1e-6).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardPhotonCopies {
    /// E_s \[GeV\]: the lowest photon energy (and lepton total energy) copied and weighted.
    pub split_gev: f64,
    /// Copies per vertex.
    pub copies: u32,
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_dark_photon(m: &Mediator) -> bool {
    *m == Mediator::Vector
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_electron(p: &Projectile) -> bool {
    *p == Projectile::Electron
}

impl Default for DarkConfig {
    fn default() -> Self {
        Self {
            model: Mediator::Vector,
            masses_gev: vec![0.01],
            method: Method::Etl,
            e_min_gev: 50.0,
            annihilation: AnnihilationSpec::default(),
            signal_events: 0,
            table: TableSpec::default(),
            hard_photon_copies: None,
        }
    }
}

/// Binning of the profiles and spectra.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binning {
    /// Longitudinal bin width \[X0\].
    pub long_bin_x0: f64,
    /// Lateral bins per Molière radius.
    pub lat_bins_per_rm: usize,
    /// Lateral range in Molière radii.
    pub lat_max_rm: f64,
    /// Track-length spectra: bins per decade.
    pub tl_bins_per_decade: usize,
    /// Track-length spectra: lowest energy \[GeV\].
    pub tl_lo_gev: f64,
}

impl Default for Binning {
    fn default() -> Self {
        Self {
            long_bin_x0: 0.2,
            lat_bins_per_rm: 50,
            lat_max_rm: 10.0,
            tl_bins_per_decade: 100,
            tl_lo_gev: 1e-4,
        }
    }
}

/// Step control of charged particles.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepConfig {
    /// Largest step as a fraction of the residual CSDA range.
    pub range_fraction: f64,
    /// Largest step \[X0\].
    pub max_step_x0: f64,
}

impl Default for StepConfig {
    fn default() -> Self {
        Self {
            range_fraction: 0.2,
            max_step_x0: 0.5,
        }
    }
}

/// Everything that defines a run (and so its numbers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunConfig {
    /// Target.
    pub target: TargetConfig,
    /// Beam particle: e⁻ (default, not written, so electron runs and their files are
    /// unchanged), e⁺ (the primary of every event), or μ± — a muon beam is transported by
    /// [`crate::muon`] (no shower).
    #[serde(default, skip_serializing_if = "is_electron")]
    pub projectile: Projectile,
    /// Nominal beam energy E0 \[GeV\] (total energy of the beam particle).
    pub beam_energy_gev: f64,
    /// Gaussian rms spread of the beam energy \[GeV\], sampled per event ([`crate::beam`]);
    /// omitted: every event has E0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beam_energy_spread_gev: Option<f64>,
    /// Number of beam electrons (EOT).
    pub events: u64,
    /// Seed.
    pub seed: u64,
    /// e± kinetic-energy cut \[GeV\].
    pub electron_cut_gev: f64,
    /// Photon cut \[GeV\].
    pub photon_cut_gev: f64,
    /// Follow only particles with total energy above this \[GeV\] (`None`: full shower).
    pub fast_threshold_gev: Option<f64>,
    /// Events per chunk (the unit of parallel work and of exact summation).
    pub chunk_events: u64,
    /// Dark sector (`None`: showers only).
    pub dark: Option<DarkConfig>,
    /// Binnings.
    pub binning: Binning,
    /// Step control.
    pub steps: StepConfig,
}

impl RunConfig {
    /// Full showers of `events` electrons of `beam_energy_gev` in `target`, 1 MeV cuts.
    pub fn showers(target: TargetConfig, beam_energy_gev: f64, events: u64, seed: u64) -> Self {
        Self {
            target,
            projectile: Projectile::Electron,
            beam_energy_gev,
            beam_energy_spread_gev: None,
            events,
            seed,
            electron_cut_gev: 1e-3,
            photon_cut_gev: 1e-3,
            fast_threshold_gev: None,
            chunk_events: 16,
            dark: None,
            binning: Binning::default(),
            steps: StepConfig::default(),
        }
    }

    /// A' yields for `masses` with E_A' > `e_min`: fast mode (only particles above
    /// E_min − m_e are followed), showers of the NA64 kind.
    pub fn yields(
        target: TargetConfig,
        beam_energy_gev: f64,
        masses: Vec<f64>,
        method: Method,
        e_min: f64,
        events: u64,
        seed: u64,
    ) -> Self {
        Self {
            fast_threshold_gev: Some((e_min - M_E).max(0.0)),
            chunk_events: 256,
            dark: Some(DarkConfig {
                masses_gev: masses,
                method,
                e_min_gev: e_min,
                ..DarkConfig::default()
            }),
            ..Self::showers(target, beam_energy_gev, events, seed)
        }
    }

    /// Whether the beam is μ⁻ or μ⁺ (transported by [`crate::muon`], no shower).
    pub fn is_muon_beam(&self) -> bool {
        self.projectile.lepton() == Lepton::Muon
    }

    /// The same run started by `particle` (e⁻, e⁺ or μ±) of rms energy spread `spread` \[GeV\]
    /// (`None`: monoenergetic). A positron beam also gets track-length spectra of
    /// [`crate::beam::POSITRON_TL_BINS_PER_DECADE`] bins per decade: the primary's T₊ peaks
    /// at E0 and the resonance folds it with a line a few per cent wide (docs/beams.md).
    #[must_use]
    pub fn with_beam(mut self, particle: Projectile, spread: Option<f64>) -> Self {
        self.projectile = particle;
        self.beam_energy_spread_gev = spread;
        if particle == Projectile::Positron {
            self.binning.tl_bins_per_decade = crate::beam::POSITRON_TL_BINS_PER_DECADE;
        }
        self
    }

    pub(crate) fn validate(&self) -> Result<()> {
        let e0 = self.beam_energy_gev;
        ensure(e0.is_finite() && e0 > 0.0, || {
            format!("beam energy must be positive, got {e0} GeV")
        })?;
        ensure(e0 <= 1e4, || format!("beam energy {e0} GeV above 10 TeV"))?;
        crate::beam::check(e0, self.beam_energy_spread_gev)?;
        ensure(self.events > 0, || {
            "the number of events must be positive".into()
        })?;
        ensure(self.chunk_events > 0, || {
            "chunk size must be positive".into()
        })?;
        for (n, c) in [
            ("electron cut", self.electron_cut_gev),
            ("photon cut", self.photon_cut_gev),
        ] {
            ensure(c.is_finite() && (1e-5..e0).contains(&c), || {
                format!("{n} must be between 10 keV and the beam energy, got {c} GeV")
            })?;
        }
        if let Some(f) = self.fast_threshold_gev {
            ensure(f.is_finite() && f >= 0.0 && f < e0, || {
                format!("fast-mode threshold must be in [0, E0), got {f} GeV")
            })?;
        }
        let b = &self.binning;
        ensure(
            b.long_bin_x0 > 0.0
                && b.lat_bins_per_rm > 0
                && b.lat_max_rm > 0.0
                && b.tl_bins_per_decade > 0
                && b.tl_lo_gev > 0.0
                && b.tl_lo_gev < e0,
            || format!("invalid binning {b:?}"),
        )?;
        let st = &self.steps;
        ensure(
            st.range_fraction > 0.0 && st.range_fraction <= 1.0 && st.max_step_x0 > 0.0,
            || format!("invalid step settings {st:?}"),
        )?;
        if let Some(d) = &self.dark {
            check_masses(&d.masses_gev)?;
            ensure(
                d.e_min_gev.is_finite() && d.e_min_gev >= 0.0 && d.e_min_gev < e0,
                || format!("E_A' threshold must be in [0, E0), got {} GeV", d.e_min_gev),
            )?;
            ensure(d.masses_gev.len() <= 1000, || "at most 1000 masses".into())?;
            if let Some(h) = d.hard_photon_copies {
                ensure((1..=64).contains(&h.copies), || {
                    format!(
                        "hard-photon copies must be 1–64 per vertex, got {}",
                        h.copies
                    )
                })?;
                ensure(
                    h.split_gev.is_finite()
                        && h.split_gev >= self.photon_cut_gev
                        && h.split_gev < e0,
                    || {
                        format!(
                            "hard-photon split energy must be between the photon cut and E0, got {} GeV",
                            h.split_gev
                        )
                    },
                )?;
            }
            ensure(!(self.is_muon_beam() && d.annihilation.enabled), || {
                "a muon beam has no resonant annihilation (positrons only)".into()
            })?;
            let a = &d.annihilation;
            ensure(
                a.alpha_d > 0.0 && a.chi_mass_ratio >= 0.0 && a.chi_mass_ratio < 0.5,
                || format!("invalid annihilation settings {a:?} (α_D > 0, 0 ≤ m_χ/m < 1/2)"),
            )?;
        }
        Ok(())
    }
}
