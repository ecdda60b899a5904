//! The one place where the shower's yields become the signal of the model's own parameter
//! (docs/models.md; issue 10).
//!
//! The shower scores X production at unit lepton coupling (ε_e = g_e/e = 1) for every model.
//! For a model with parameter p (ε for vector, scalar, pseudoscalar, axial; g for the L_μ−L_τ
//! and B−L Z') the expected missing-energy signal is
//!
//! N = N(ε_e = 1) · sigma_scale(m) · p² · BR(X → invisible),
//!
//! with `Mediator::sigma_scale` the physics core's conversion ((ε_e/p)²: 1 for the ε-models,
//! (ε(m²)/g)² through the μ/τ loop for L_μ−L_τ, 1/(4πα) for B−L) and BR(invisible) from the
//! widths of `aprime_physics::decay`:
//! - ε-models: X → χχ̄ at ε → 0, i.e. BR = 1 whenever 2m_χ < m (always, `mass_ratio` > 2), the
//!   convention of every dark-photon result of aprime (α_D ≫ αε²);
//! - Z' models: Γ(νν̄)/Γ with all widths ∝ g², so BR does not depend on g (two ν flavours against
//!   e, μ for L_μ−L_τ: 1.000 below 2m_μ; three against e, μ, τ for B−L: 0.600 below 2m_μ).
//!
//! A visible decay X → e⁺e⁻ or μ⁺μ⁻ inside the target or the calorimeters deposits the X energy
//! and is not a missing-energy event, so only BR(invisible) counts. (Decays beyond the HCAL
//! would look invisible; with the Z' lepton widths ∝ g² ~ 1e-8 their decay lengths are far
//! longer than the setup and the visible part is tiny, so this gain is neglected.)
//!
//! Every stage that turns yields into a signal (limits per mass, the E_ECAL cut scan, limits
//! from an analysis) goes through [`ModelScale`]; the limit μ = p² then bounds the model's
//! parameter directly.

use aprime_experiment::{ExperimentConfig, Production};
use aprime_physics::decay;
use aprime_physics::model::{CouplingParameter, Mediator};
use aprime_physics::widths::{ChiSpin, DarkSector};
use serde::{Deserialize, Serialize};

use crate::error::LimitsError;

/// How a yield per EOT at ε_e = 1 becomes a signal per parameter² at one mass.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelScale {
    /// The model.
    pub model: Mediator,
    /// σ(p)/(σ(ε_e = 1) p²) for the beam lepton (`Mediator::sigma_scale`).
    pub sigma_scale: f64,
    /// BR(X → invisible) (module docs).
    pub br_invisible: f64,
}

impl ModelScale {
    /// The dark photon's scale (one, one): what a limits file without a scale means.
    pub fn dark_photon() -> Self {
        Self {
            model: Mediator::Vector,
            sigma_scale: 1.0,
            br_invisible: 1.0,
        }
    }

    /// The scale of the configured model at `mass` \[GeV\] (beam lepton of the configuration).
    pub fn new(cfg: &ExperimentConfig, mass: f64) -> Result<Self, LimitsError> {
        Self::for_production(
            &cfg.production,
            cfg.beam.particle.projectile().lepton(),
            mass,
        )
    }

    /// The scale of `production.model` for `lepton` at `mass` \[GeV\].
    pub fn for_production(
        production: &Production,
        lepton: aprime_physics::model::Lepton,
        mass: f64,
    ) -> Result<Self, LimitsError> {
        let model = production.model;
        Ok(Self {
            model,
            sigma_scale: model.sigma_scale(lepton, mass)?,
            br_invisible: br_invisible(production, mass)?,
        })
    }

    /// Produced X per EOT per parameter² from the shower's yield per EOT at ε_e = 1.
    pub fn production(&self, yield_per_eot: f64) -> f64 {
        yield_per_eot * self.sigma_scale
    }

    /// Missing-energy signal per parameter² from the shower's signal at ε_e = 1 (times
    /// BR(invisible)).
    pub fn signal(&self, at_unit_coupling: f64) -> f64 {
        at_unit_coupling * (self.sigma_scale * self.br_invisible)
    }

    /// Expected signal events at parameter value `parameter` from the signal per parameter²,
    /// checking that the parameter is in the model's range (ε ∈ (0, 1], g ∈ (0, √4π]).
    pub fn events_at(
        &self,
        parameter: f64,
        signal_per_parameter2: f64,
    ) -> Result<f64, LimitsError> {
        let p = self.model.check_parameter(parameter)?;
        Ok(signal_per_parameter2 * p * p)
    }
}

/// BR(X → invisible) of `production.model` at `mass` (module docs).
pub fn br_invisible(production: &Production, mass: f64) -> Result<f64, LimitsError> {
    let model = production.model;
    Ok(match model.parameter() {
        CouplingParameter::Epsilon => {
            let dark = DarkSector::new(
                1.0,
                production.alpha_d,
                mass / production.mass_ratio,
                production.chi,
            )?;
            let chi = if model == Mediator::Vector {
                aprime_physics::widths::invisible(mass, &dark)
            } else {
                decay::chi_pair_gev(model, mass, &dark)?
            };
            if chi > 0.0 { 1.0 } else { 0.0 }
        }
        CouplingParameter::GaugeCoupling => {
            // All widths ∝ g²: any g in range gives the same ratio.
            let dark = DarkSector::new(1e-3, 0.0, 0.0, ChiSpin::Fermion)?;
            decay::model_widths(model, mass, &dark)?.br_invisible()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_experiment::presets;
    use aprime_physics::model::Lepton;

    #[test]
    fn the_dark_photon_is_unscaled() {
        // The golden dark-photon outputs depend on this factor being exactly one.
        let cfg = presets::load("na64-2016").unwrap();
        for m in [0.001, 0.02, 0.25, 1.0] {
            let s = ModelScale::new(&cfg, m).unwrap();
            assert_eq!((s.sigma_scale, s.br_invisible), (1.0, 1.0));
            assert_eq!(s.signal(0.123_456_789), 0.123_456_789);
        }
    }

    #[test]
    fn z_prime_scales_are_the_loop_mixing_and_the_neutrino_branching() {
        // docs/models.md §1, §5: (ε/g)² = (1/69.3)² at small m for L_μ−L_τ, 1/(4πα) for B−L;
        // BR(inv) = 1.000 (L_μ−L_τ below 2m_μ), 0.530 (300 MeV); B−L 0.600, 0.443 (300 MeV).
        let l = presets::load("na64-lmu-ltau-2016-2018").unwrap();
        let b = presets::load("na64-b-l-2016-2021").unwrap();
        let sl = ModelScale::new(&l, 0.001).unwrap();
        assert!((sl.sigma_scale.sqrt() * 69.3 - 1.0).abs() < 5e-3, "{sl:?}");
        assert!((sl.br_invisible - 1.0).abs() < 1e-6, "{sl:?}");
        // (Above 2m_e: at 1 MeV the B−L Z' can only decay to νν̄, BR = 1.)
        assert_eq!(ModelScale::new(&b, 0.001).unwrap().br_invisible, 1.0);
        let sb = ModelScale::new(&b, 0.005).unwrap();
        let alpha = aprime_physics::constants::ALPHA;
        assert!((sb.sigma_scale * 4.0 * std::f64::consts::PI * alpha - 1.0).abs() < 1e-12);
        assert!((sb.br_invisible - 0.6).abs() < 1e-3, "{sb:?}");
        assert!((ModelScale::new(&l, 0.3).unwrap().br_invisible - 0.530).abs() < 2e-3);
        assert!((ModelScale::new(&b, 0.3).unwrap().br_invisible - 0.443).abs() < 2e-3);
        // The same conversion as the physics core's parameter_for: the g whose signal equals
        // that of a dark photon with ε_e.
        let m = 0.05;
        let eps_e = 3e-5;
        let g = Mediator::LmuLtau
            .parameter_for(Lepton::Electron, m, eps_e)
            .unwrap();
        let s = ModelScale::new(&l, m).unwrap();
        assert!((s.sigma_scale * g * g / (eps_e * eps_e) - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_coupling_out_of_range_is_one_line_naming_the_parameter() {
        let l = presets::load("na64-lmu-ltau-2016-2018").unwrap();
        let s = ModelScale::new(&l, 0.01).unwrap();
        assert!((s.events_at(1e-3, 2e6).unwrap() - 2.0).abs() < 1e-12);
        for bad in [0.0, -1e-3, 4.0, f64::NAN] {
            let e = s.events_at(bad, 2e6).unwrap_err();
            let text = aprime_core::error_chain(&e);
            assert!(
                text.contains("g = ") && text.contains("lmu-ltau") && !text.contains('\n'),
                "{text}"
            );
        }
        let v = ModelScale::new(&presets::load("na64-2016").unwrap(), 0.01).unwrap();
        assert!(v.events_at(1.5, 1.0).is_err());
    }
}
