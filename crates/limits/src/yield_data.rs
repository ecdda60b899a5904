//! The A' yields as data: per mass the yield per EOT per ε² above the simulated threshold and
//! its energy spectrum ([`YieldPoint`]), a mass grid of them ([`YieldSet`]) and everything a
//! report needs ([`Yields`], saved as `yields.json`).

use aprime_experiment::{BremModel, Particle};
use aprime_physics::model::Mediator;
use aprime_shower::Histogram;
use serde::{Deserialize, Serialize};

/// Format tag of saved yields files.
pub const YIELDS_FORMAT: &str = "aprime-yields-1";

/// X yield at one mass, with the X energy spectrum above the simulated threshold, at unit
/// lepton coupling (ε_e = 1; "per ε²" below) for every model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YieldPoint {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Total yield per EOT per ε² with E_A' above the simulated threshold.
    pub yield_per_eot_per_eps2: f64,
    /// Its statistical error.
    pub stat_error: f64,
    /// Bremsstrahlung part.
    pub brem: f64,
    /// Resonant-annihilation part.
    pub annihilation: f64,
    /// A' energy spectrum (brem + annihilation) \[per GeV per EOT per ε²\].
    pub spectrum: Histogram,
    /// The annihilation part of `spectrum` \[per GeV per EOT per ε²\] (absent without
    /// annihilation and in yields files written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spectrum_annihilation: Option<Histogram>,
    /// Resonant annihilation with the A' width of each α_D of the interpretation (dark photon
    /// with annihilation only; [`crate::yields::annihilation_at_alpha_d`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annihilation_by_alpha_d: Vec<AnnihilationAtAlphaD>,
    /// Added by the refinement of the mass grid (`refine` module): its yields were folded
    /// after the run from the track-length spectra of the same showers, not scored step by
    /// step. Omitted (and not written) for the masses of the configured grid.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub refined: bool,
}

/// The resonant-annihilation yield of one mass for one dark coupling α_D, which sets the A'
/// width Γ(A' → χχ̄) and so the Breit–Wigner folded with the positron track lengths.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnnihilationAtAlphaD {
    /// Dark coupling α_D.
    pub alpha_d: f64,
    /// Annihilation yield per EOT per ε² above the simulated threshold.
    pub yield_per_eot_per_eps2: f64,
    /// Its A' energy spectrum \[per GeV per EOT per ε²\].
    pub spectrum: Histogram,
}

impl YieldPoint {
    /// Yield with E_A' > `e_min` \[GeV\], from the spectrum (linear within a bin).
    pub fn above(&self, e_min: f64) -> f64 {
        self.folded(e_min, |_| 1.0)
    }

    /// ∫_{E > e_min} spectrum(E) w(E) dE, w evaluated at the bin centre.
    pub fn folded(&self, e_min: f64, w: impl Fn(f64) -> f64) -> f64 {
        let h = &self.spectrum;
        let mut sum = 0.0;
        for (i, edge) in h.edges.windows(2).enumerate() {
            let (lo, hi) = (edge[0], edge[1]);
            if hi <= e_min {
                continue;
            }
            let frac = if lo >= e_min {
                1.0
            } else {
                (hi - e_min) / (hi - lo)
            };
            sum += h.values[i] * (hi - lo) * frac * w(0.5 * (lo.max(e_min) + hi));
        }
        sum
    }

    /// The bremsstrahlung part alone: the spectrum without the recorded annihilation spectrum
    /// (`None` when the point has annihilation but no recorded annihilation spectrum).
    pub fn without_annihilation(&self) -> Option<Self> {
        let mut p = self.clone();
        p.annihilation_by_alpha_d.clear();
        p.yield_per_eot_per_eps2 = self.brem;
        p.annihilation = 0.0;
        match (&self.spectrum_annihilation, self.annihilation > 0.0) {
            (Some(a), _) => {
                for (v, x) in p.spectrum.values.iter_mut().zip(&a.values) {
                    // Bremsstrahlung + annihilation − annihilation, clipped at the rounding.
                    *v = (*v - x).max(0.0);
                }
                p.spectrum.overflow = (p.spectrum.overflow - a.overflow).max(0.0);
                p.spectrum_annihilation = None;
            }
            (None, true) => return None,
            (None, false) => {}
        }
        // The statistical error of the bremsstrahlung part alone is not recorded; the total's
        // is an upper bound.
        Some(p)
    }

    /// The point with the annihilation yield of dark coupling `alpha_d`
    /// ([`Self::annihilation_by_alpha_d`]); `None` if it was not recorded for that α_D.
    pub fn at_alpha_d(&self, alpha_d: f64) -> Option<Self> {
        let a = self
            .annihilation_by_alpha_d
            .iter()
            .find(|a| (a.alpha_d / alpha_d - 1.0).abs() < 1e-12)?;
        let mut p = self.without_annihilation()?;
        for (v, x) in p.spectrum.values.iter_mut().zip(&a.spectrum.values) {
            *v += x;
        }
        p.spectrum.overflow += a.spectrum.overflow;
        p.annihilation = a.yield_per_eot_per_eps2;
        p.yield_per_eot_per_eps2 = p.brem + p.annihilation;
        p.stat_error = self.stat_error;
        p.spectrum_annihilation = Some(a.spectrum.clone());
        Some(p)
    }
}

/// A' yields on a mass grid for one cross-section model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YieldSet {
    /// Cross-section model (`etl`, `iww`, `wwsimple`, `off`).
    pub model: BremModel,
    /// Resonant annihilation included.
    pub annihilation: bool,
    /// Simulated threshold on E_A' \[GeV\].
    pub e_min_gev: f64,
    /// Showers simulated (EOT).
    pub events: u64,
    /// Seed.
    pub seed: u64,
    /// Per mass, ascending.
    pub points: Vec<YieldPoint>,
}

impl YieldSet {
    /// The set without resonant annihilation (bremsstrahlung only), `None` if a point has
    /// annihilation but no recorded annihilation spectrum (an old yields file).
    pub fn without_annihilation(&self) -> Option<Self> {
        let points = self
            .points
            .iter()
            .map(YieldPoint::without_annihilation)
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            annihilation: false,
            points,
            ..self.clone()
        })
    }

    /// The set with the annihilation yields of dark coupling `alpha_d`, `None` if they were not
    /// recorded at every point.
    pub fn at_alpha_d(&self, alpha_d: f64) -> Option<Self> {
        let points = self
            .points
            .iter()
            .map(|p| p.at_alpha_d(alpha_d))
            .collect::<Option<Vec<_>>>()?;
        Some(Self {
            points,
            ..self.clone()
        })
    }
}

/// Everything the statistics need from the simulation: saved as `yields.json` and read back
/// by `aprime limits --yields`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Yields {
    /// Format tag ([`YIELDS_FORMAT`]).
    pub format: String,
    /// Name of the configuration they were made for.
    pub config: String,
    /// The model (`production.model`) the yields are for; omitted (and not written) for the
    /// dark photon, whose yields files are unchanged.
    #[serde(default, skip_serializing_if = "is_dark_photon")]
    pub model: Mediator,
    /// Beam particle; omitted (and not written) for electrons, whose yields files are unchanged.
    #[serde(default = "electron", skip_serializing_if = "is_electron")]
    pub beam: Particle,
    /// Beam energy \[GeV\].
    pub beam_energy_gev: f64,
    /// Target description name.
    pub target: String,
    /// Target depth \[X0\] when the configuration sets `target.depth_x0`; omitted (and not
    /// written) for the target's own depth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_depth_x0: Option<f64>,
    /// Yields of the configured model on the configured mass grid.
    pub main: YieldSet,
    /// ETL (bremsstrahlung only) yields at the Table V masses (dark photon; no masses for the
    /// other models).
    pub table_v_etl: YieldSet,
    /// Simplified-WW yields at the Table V masses (dark photon only).
    pub table_v_ww: YieldSet,
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_dark_photon(m: &Mediator) -> bool {
    *m == Mediator::Vector
}

fn electron() -> Particle {
    Particle::Electron
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_electron(p: &Particle) -> bool {
    *p == Particle::Electron
}
