//! Resonant annihilation e⁺e⁻ → X of shower positrons on atomic electrons, for every mediator
//! of `aprime_physics::model` (physics.md §3; models.md §2; `aprime_physics::resonance`).
//!
//! Like the dark-bremsstrahlung tables, the cross section is for unit lepton coupling
//! (ε_e = g_e/e = 1) and counts X *production*: the limits stage multiplies by the model's
//! `sigma_scale` · parameter² and by BR(X → invisible).
//!
//! - **Dark photon** (unchanged since paper 003): the Breit–Wigner of
//!   `aprime_physics::annihilation` with χχ̄ as the only width (ε → 0), evaluated at the energy
//!   of each step's midpoint.
//! - **Every other mediator**: the narrow-width strength per target electron
//!   ∫σ dE₊ = (2J+1) 2π² Γ_ee(ε_e = 1)/(m m_e) (models.md §2; π²α/m_e for S and P, 2π²α/m_e for
//!   A and the Z', β_e → 1) spread over the relativistic Breit–Wigner line in s with the pole
//!   width Γ, L(s) ∝ mΓ/((s − m²)² + m²Γ²) (ds = 2m_e dE₊), normalised over the physical range
//!   s ≥ 4m_e² (E₊ ≥ m_e), so that the yield integrates to the strength. CHOICE: partial widths at the
//!   pole (the s-dependence of Γ_ee Γ_inv, which the dark photon keeps, moves the integral by
//!   < 2%, `aprime_physics::resonance` tests). Γ is the χχ̄ width at ε → 0 for the ε-models
//!   (α_D, m_χ of [`AnnihilationSpec`]; Dirac χ only, a scalar χ is an error of the physics
//!   core) and zero for the two Z' (their νν̄ and lepton widths are ∝ g², Γ/m ~ 1e-10: the line
//!   is a δ function at E_R). The line is integrated exactly over the energy range of every
//!   step ([`Resonance::step_sigma_cm2`]).
//! - **CHOICE (variance reduction)**: a line whose half width in E₊ (mΓ/2m_e) is below 1% of
//!   E_R is scored as a uniform window of full width [`NARROW_LINE_WINDOW`] = 2% of E_R centred on
//!   E_R. A δ line would be seen only by the rare steps whose continuous (ionisation) energy loss
//!   crosses E_R: at E_R = 66 GeV in Pb about 1e-5 per EOT, each weighing n_e S/(dE/dx) ≈ 20
//!   against a mean yield of ≈ 2e-4 per EOT. The window gives n_e S ⟨T₊⟩ over E_R ± 1% instead of
//!   n_e S T₊(E_R), a bias of order (0.02)²/24 · E²T₊''/T₊ ≲ 1e-4 for the smooth track-length
//!   spectrum of a shower. Replayed annihilations take their energy uniformly in the window.

use aprime_physics::annihilation;
use aprime_physics::constants::{GEV2_TO_PB, M_E, PB_TO_CM2};
use aprime_physics::decay;
use aprime_physics::integrate::adaptive;
use aprime_physics::model::{CouplingParameter, Mediator};
use aprime_physics::widths::{self, ChiSpin, DarkSector};
use serde::{Deserialize, Serialize};

use crate::error::{Result, ensure};

/// How the χ pair from resonant annihilation is modelled (defaults: the NA64 benchmark of
/// paper 003, α_D = 0.5, m_χ = m_A'/3, Dirac fermion, finite Breit–Wigner width).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnihilationSpec {
    /// Include resonant annihilation at all.
    pub enabled: bool,
    /// Dark coupling α_D (sets the width; the narrow-width yield does not depend on it).
    pub alpha_d: f64,
    /// m_χ/m_A'.
    pub chi_mass_ratio: f64,
    /// Fermion or scalar χ.
    pub spin: ChiSpin,
}

impl Default for AnnihilationSpec {
    fn default() -> Self {
        Self {
            enabled: true,
            alpha_d: 0.5,
            chi_mass_ratio: 1.0 / 3.0,
            spin: ChiSpin::Fermion,
        }
    }
}

/// Relative full width in E₊ of the window that replaces a line narrower than it (module docs):
/// 2%, about one bin of the track-length spectra (100 per decade).
pub const NARROW_LINE_WINDOW: f64 = 0.02;

/// The line shape of a non-dark-photon resonance in the positron energy E₊.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    /// Breit–Wigner in s: mΓ \[GeV²\] and its integral over s ≥ 4m_e² (atan range).
    BreitWigner { m_gamma: f64, norm: f64 },
    /// Uniform in E₊ over \[lo, hi) \[GeV\].
    Window { lo: f64, hi: f64 },
}

/// Resonant e⁺e⁻ → X on atomic electrons for one mass, cross section per electron at unit
/// lepton coupling (module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Resonance {
    /// X mass \[GeV\].
    pub mass: f64,
    /// Physical width of the line \[GeV\]: χχ̄ at ε → 0 (zero for the Z' models, module docs).
    pub width: f64,
    /// Dark sector at ε = 1.
    pub dark: DarkSector,
    /// Resonance energy E_R \[GeV\].
    pub e_res: f64,
    /// The boson produced.
    pub mediator: Mediator,
    /// Narrow-width strength ∫σ dE₊ per target electron at ε_e = 1 \[cm²·GeV\].
    pub strength_cm2_gev: f64,
    /// How the line is scored (unused for the dark photon).
    line: Line,
}

impl Resonance {
    /// Dark-photon resonance for `mass` with the spec; the width is taken at ε → 0 (χχ̄ only).
    pub fn new(mass: f64, spec: &AnnihilationSpec) -> Result<Self> {
        Self::for_model(mass, Mediator::Vector, spec)
    }

    /// Resonance of `mediator` for `mass` (module docs).
    pub fn for_model(mass: f64, mediator: Mediator, spec: &AnnihilationSpec) -> Result<Self> {
        let dark = DarkSector::new(1.0, spec.alpha_d, spec.chi_mass_ratio * mass, spec.spin)?;
        let (width, strength_cm2_gev) = if mediator == Mediator::Vector {
            (
                widths::invisible(mass, &dark),
                annihilation::narrow_width_integral_pb_gev(1.0) * PB_TO_CM2,
            )
        } else {
            let width = match mediator.parameter() {
                CouplingParameter::Epsilon => decay::chi_pair_gev(mediator, mass, &dark)?,
                CouplingParameter::GaugeCoupling => 0.0,
            };
            let gamma_ee = decay::lepton_pair_gev(mediator.vertex(), mass, 1.0, M_E);
            let strength = mediator.multiplicity() * 2.0 * std::f64::consts::PI.powi(2) * gamma_ee
                / (mass * M_E)
                * GEV2_TO_PB
                * PB_TO_CM2;
            (width, strength)
        };
        if mediator.parameter() == CouplingParameter::Epsilon {
            ensure(width > 0.0, || {
                format!(
                    "{mediator} of mass {mass} GeV has no invisible width (α_D = {}, m_χ/m = {})",
                    spec.alpha_d, spec.chi_mass_ratio
                )
            })?;
        }
        let e_res = annihilation::resonance_energy(mass);
        // Half width in E₊ of the Breit–Wigner: s − m² = ±mΓ, ds = 2m_e dE₊.
        let m_gamma = mass * width;
        let line = if m_gamma / (2.0 * M_E) < 0.5 * NARROW_LINE_WINDOW * e_res {
            Line::Window {
                lo: e_res * (1.0 - 0.5 * NARROW_LINE_WINDOW),
                hi: e_res * (1.0 + 0.5 * NARROW_LINE_WINDOW),
            }
        } else {
            let at_threshold = ((annihilation::mandelstam_s(M_E) - mass * mass) / m_gamma).atan();
            Line::BreitWigner {
                m_gamma,
                norm: std::f64::consts::FRAC_PI_2 - at_threshold,
            }
        };
        Ok(Self {
            mass,
            width,
            dark,
            e_res,
            mediator,
            strength_cm2_gev,
            line,
        })
    }

    /// Whether the line is scored over the window of [`NARROW_LINE_WINDOW`] (module docs).
    pub fn is_windowed(&self) -> bool {
        self.mediator != Mediator::Vector && matches!(self.line, Line::Window { .. })
    }

    /// σ per target electron at ε_e = 1 \[cm²\] at positron total energy `e_plus` (for a
    /// windowed line the strength spread uniformly over the window).
    #[inline]
    pub fn sigma_cm2(&self, e_plus: f64) -> f64 {
        if self.mediator == Mediator::Vector {
            return annihilation::sigma_per_electron_with_width_pb(
                e_plus, self.mass, self.width, &self.dark,
            ) * PB_TO_CM2;
        }
        if e_plus < M_E {
            return 0.0;
        }
        match self.line {
            Line::Window { lo, hi } => {
                if (lo..hi).contains(&e_plus) {
                    self.strength_cm2_gev / (hi - lo)
                } else {
                    0.0
                }
            }
            Line::BreitWigner { m_gamma, norm } => {
                let d = annihilation::mandelstam_s(e_plus) - self.mass * self.mass;
                // L(E₊) = 2m_e mΓ/((s − m²)² + m²Γ²)/norm, ∫L dE₊ = 1 over E₊ ≥ m_e.
                self.strength_cm2_gev * 2.0 * M_E * m_gamma / norm / (d * d + m_gamma * m_gamma)
            }
        }
    }

    /// Share of the line between positron energies `lo` and `hi` \[GeV\] (atan differences for
    /// the Breit–Wigner in s, the overlap for a window).
    fn line_fraction(&self, lo: f64, hi: f64) -> f64 {
        let lo = lo.max(M_E);
        if hi <= lo {
            return 0.0;
        }
        match self.line {
            Line::Window { lo: a, hi: b } => ((hi.min(b) - lo.max(a)) / (b - a)).max(0.0),
            Line::BreitWigner { m_gamma, norm } => {
                (self.line_angle(hi, m_gamma) - self.line_angle(lo, m_gamma)) / norm
            }
        }
    }

    /// atan((s − m²)/(mΓ)) at positron energy `e` (the cumulative Breit–Wigner).
    fn line_angle(&self, e: f64, m_gamma: f64) -> f64 {
        ((annihilation::mandelstam_s(e) - self.mass * self.mass) / m_gamma).atan()
    }

    /// ∫σ dE₊ per target electron over positron energies `lo`–`hi` \[cm²·GeV\].
    pub fn integral_cm2_gev(&self, lo: f64, hi: f64) -> f64 {
        if self.mediator != Mediator::Vector {
            return self.strength_cm2_gev * self.line_fraction(lo, hi);
        }
        if hi <= lo {
            return 0.0;
        }
        let mut br = vec![lo];
        if self.e_res > lo && self.e_res < hi {
            br.push(self.e_res);
        }
        br.push(hi);
        adaptive(|e| self.sigma_cm2(e), &br, 1e-7, 1e-300, 500).map_or(0.0, |e| e.value)
    }

    /// Mean σ per target electron \[cm²\] over a step in which the positron's total energy falls
    /// from `e_hi` to `e_lo` (midpoint `e_mid`), counting only energies with E₊ + m_e > `e_min`
    /// (the X energy threshold). The dark photon keeps its midpoint value (unchanged since paper
    /// 003); the other mediators integrate the line exactly over the step.
    #[inline]
    pub fn step_sigma_cm2(&self, e_lo: f64, e_hi: f64, e_mid: f64, e_min: f64) -> f64 {
        if self.mediator == Mediator::Vector || e_hi <= e_lo {
            return if e_mid + M_E > e_min {
                self.sigma_cm2(e_mid)
            } else {
                0.0
            };
        }
        let lo = e_lo.max(e_min - M_E);
        self.integral_cm2_gev(lo, e_hi) / (e_hi - e_lo)
    }

    /// Positron energy of the annihilation in a step from `e_hi` down to `e_lo` \[GeV\], drawn
    /// with the deviate `u` from the line restricted to the step and to E₊ > `e_min` − m_e
    /// (inverse cumulative: atan for the Breit–Wigner, uniform over a window); `e_mid` for the
    /// dark photon.
    pub fn energy_in_step(&self, e_lo: f64, e_hi: f64, e_mid: f64, e_min: f64, u: f64) -> f64 {
        if self.mediator == Mediator::Vector || e_hi <= e_lo {
            return e_mid;
        }
        let lo = e_lo.max(e_min - M_E).max(M_E).min(e_hi);
        let e = match self.line {
            Line::Window { lo: a, hi: b } => {
                let (x, y) = (lo.max(a), e_hi.min(b));
                if y > x { x + u * (y - x) } else { e_mid }
            }
            Line::BreitWigner { m_gamma, .. } => {
                let (a_lo, a_hi) = (self.line_angle(lo, m_gamma), self.line_angle(e_hi, m_gamma));
                let a = a_lo + u * (a_hi - a_lo);
                annihilation::positron_energy(self.mass * self.mass + m_gamma * a.tan())
            }
        };
        e.clamp(lo, e_hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_physics::model::Lepton;
    use aprime_physics::resonance;

    #[test]
    fn resonance_integrates_to_the_narrow_width_strength() {
        // physics.md §3: ∫σ dE₊ = 2π²α/m_e per electron (ε = 1, BR = 1).
        let r = Resonance::new(0.25, &AnnihilationSpec::default()).unwrap();
        let (lo, hi) = (r.e_res * 0.2, r.e_res * 5.0);
        let n: usize = 200_000;
        let h = (hi - lo) / n as f64;
        let integral: f64 = (0..n)
            .map(|i| r.sigma_cm2(lo + (i as f64 + 0.5) * h) * h)
            .sum();
        let expect = annihilation::narrow_width_integral_pb_gev(1.0) * PB_TO_CM2;
        // The Breit–Wigner tails beyond [0.2, 5] E_R and the s-dependence of the numerator
        // change the integral by a few % for Γ/m ≈ 0.15 (α_D = 0.5).
        assert!(
            (integral / expect - 1.0).abs() < 0.1,
            "{integral} vs {expect}"
        );
    }

    #[test]
    fn model_strength_is_the_physics_narrow_width_integral_per_unit_coupling() {
        // models.md §2: ∫σ dE₊ = (2J+1) 2π² Γ_ee BR_inv/(m m_e). The physics core gives it at a
        // coupling and with BR_inv; per unit ε_e² and without BR it must be our strength.
        let spec = AnnihilationSpec::default();
        for mediator in Mediator::ALL {
            for m in [0.03, 0.25, 0.3] {
                let r = Resonance::for_model(m, mediator, &spec).unwrap();
                let p = 1e-4;
                let (alpha_d, m_chi) = match mediator.parameter() {
                    CouplingParameter::Epsilon => (spec.alpha_d, m * spec.chi_mass_ratio),
                    CouplingParameter::GaugeCoupling => (0.0, 0.0),
                };
                let dark = DarkSector::new(p, alpha_d, m_chi, ChiSpin::Fermion).unwrap();
                let br = decay::model_widths(mediator, m, &dark)
                    .unwrap()
                    .br_invisible();
                let scale = mediator.sigma_scale(Lepton::Electron, m).unwrap() * p * p;
                let physics = resonance::narrow_width_integral_pb_gev(mediator, m, &dark).unwrap()
                    * PB_TO_CM2;
                let expect = physics / (scale * br);
                // The dark photon's strength neglects m_e in Γ_ee (1 + 2r)β: 4e-6 at 30 MeV.
                let tol = if mediator == Mediator::Vector {
                    1e-5
                } else {
                    1e-12
                };
                assert!(
                    (r.strength_cm2_gev / expect - 1.0).abs() < tol,
                    "{mediator} m = {m}: {} vs {expect}",
                    r.strength_cm2_gev
                );
            }
        }
        // S and P: half the vector's strength (models.md §2, π²α/m_e vs 2π²α/m_e; the scalar's
        // β³ = 1 − 6m_e²/m² + … is 1 − 2.5e-5 at 250 MeV).
        let v = Resonance::new(0.25, &spec).unwrap().strength_cm2_gev;
        let s = Resonance::for_model(0.25, Mediator::Scalar, &spec).unwrap();
        assert!((s.strength_cm2_gev / v - 0.5).abs() < 1e-4);
    }

    #[test]
    fn step_integrals_add_up_to_the_strength() {
        // Splitting the energy axis into steps of any size must give back ∫σ dE₊: exactly for a
        // windowed line, and up to the Breit–Wigner tails outside [0.01, 100] E_R (≈ 6e-4 for
        // Γ/m = 0.1) for a wide one. Default spec: α_D = 0.5, m_χ = m/3, so the S and A lines
        // are Breit–Wigners; the Z' lines and a tiny α_D give windows.
        let wide = AnnihilationSpec::default();
        let tiny = AnnihilationSpec {
            alpha_d: 1e-6,
            ..wide
        };
        for (mediator, spec) in [
            (Mediator::Scalar, wide),
            (Mediator::Axial, wide),
            (Mediator::Pseudoscalar, tiny),
            (Mediator::LmuLtau, wide),
            (Mediator::BMinusL, wide),
        ] {
            let r = Resonance::for_model(0.25, mediator, &spec).unwrap();
            assert_eq!(r.is_windowed(), spec.alpha_d < 1e-3 || r.width == 0.0);
            let edges: Vec<f64> = (0..=4000)
                .map(|i| r.e_res * 0.01 * 1e4_f64.powf(f64::from(i) / 4000.0))
                .collect();
            let steps: f64 = edges
                .windows(2)
                .map(|w| r.step_sigma_cm2(w[0], w[1], 0.5 * (w[0] + w[1]), 0.0) * (w[1] - w[0]))
                .sum();
            let tol = if r.is_windowed() { 1e-12 } else { 2e-3 };
            assert!(
                (steps / r.strength_cm2_gev - 1.0).abs() < tol,
                "{mediator}: {steps} vs {}",
                r.strength_cm2_gev
            );
            // The pointwise σ of a Breit–Wigner integrates to the same (midpoint rule; the
            // 0.23% steps resolve a line of half width 10% of E_R).
            if !r.is_windowed() {
                let points: f64 = edges
                    .windows(2)
                    .map(|w| r.sigma_cm2(0.5 * (w[0] + w[1])) * (w[1] - w[0]))
                    .sum();
                assert!((points / steps - 1.0).abs() < 2e-3, "{points} vs {steps}");
            }
            // The sampled energy lies in the step and in the line's window.
            let e = r.energy_in_step(r.e_res * 0.995, r.e_res * 1.02, r.e_res, 0.0, 0.3);
            assert!(e >= r.e_res * 0.995 && e <= r.e_res * 1.02);
            if r.is_windowed() {
                assert!((e - r.e_res * (0.995 + 0.3 * 0.015)).abs() < 1e-9 * r.e_res);
            }
        }
        // A threshold above the line removes it.
        let r = Resonance::for_model(0.25, Mediator::LmuLtau, &wide).unwrap();
        assert_eq!(
            r.step_sigma_cm2(r.e_res * 0.9, r.e_res * 1.1, r.e_res, 2.0 * r.e_res),
            0.0
        );
    }
}
