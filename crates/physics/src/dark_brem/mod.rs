//! Dark bremsstrahlung l Z → l Z A' of a charged lepton (electron by default, muon possible) on a
//! nucleus, for kinetic mixing ε = 1 (cross sections scale with ε²).
//!
//! Methods, from the crudest to the exact one:
//! - [`wwsimple`]: the simplified Weizsäcker–Williams total of paper 002 eq. 9–11, the reference
//!   against which the NA64 k-factor (eq. 12) is defined;
//! - `iww`: improved-WW dσ/dx (BEST 2009 eq. A15; physics.md §2);
//! - `exact`: the double differential with exact kinematics d²σ/dx dθ (DMG4 App. A eq. 16–17);
//! - `etl`: exact tree level, the full 2→3 phase space with the nuclear form factor.
//!
//! Every level exists for every mediator of [`crate::model`] ([`DarkBrem::mediator`], the
//! dark photon by default); the matrix elements of the other spins are in [`spin`]. Cross
//! sections are for a lepton coupling g_ℓ = e; [`crate::model::Mediator::sigma_scale`] turns
//! them into the model's parameter.

pub mod etl;
pub mod exact;
pub mod iww;
pub mod spin;
pub mod wwsimple;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::constants::M_E;
use crate::error::PhysicsError;
use crate::form_factor::{FormFactor, FormFactorModel};
use crate::integrate::Estimate;
use crate::materials::{Element, Material};
use crate::model::{Mediator, Projectile};

/// One dark-bremsstrahlung configuration: projectile, beam energy, A' mass and target nucleus.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DarkBrem {
    /// Projectile (lepton) mass \[GeV\]: m_e for NA64, m_μ for a muon beam.
    pub lepton_mass: f64,
    /// Projectile energy E0 in the target rest frame \[GeV\].
    pub e0: f64,
    /// A' mass \[GeV\].
    pub mass: f64,
    /// Target nucleus form factor (carries Z and A).
    pub ff: FormFactor,
    /// The radiated boson (the dark photon unless set with [`DarkBrem::with_mediator`]); its
    /// lepton vertex selects the matrix element, the coupling is g_ℓ = e.
    pub mediator: Mediator,
}

impl DarkBrem {
    /// Electron beam of energy `e0` on `element`, A' of mass `mass`, elastic + inelastic form factor.
    pub fn electron(element: &Element, e0: f64, mass: f64) -> Result<Self, PhysicsError> {
        Self::new(
            element.zf(),
            element.a,
            e0,
            mass,
            M_E,
            FormFactorModel::ElasticInelastic,
        )
    }

    /// General constructor; validates the kinematics (m > 0, E0 > m + m_l).
    pub fn new(
        z: f64,
        a: f64,
        e0: f64,
        mass: f64,
        lepton_mass: f64,
        model: FormFactorModel,
    ) -> Result<Self, PhysicsError> {
        PhysicsError::check_mass("m_A'", mass)?;
        PhysicsError::check_mass("lepton mass", lepton_mass)?;
        if !(e0 > 0.0 && e0.is_finite()) {
            return Err(PhysicsError::InvalidEnergy {
                name: "E0",
                value: e0,
            });
        }
        if e0 <= mass + lepton_mass {
            return Err(PhysicsError::BelowThreshold(format!(
                "m_A' = {mass} GeV cannot be produced by a {e0} GeV lepton of mass {lepton_mass} GeV \
                 (needs E0 > m_A' + m_l)"
            )));
        }
        if !(z >= 1.0 && a >= 1.0) {
            return Err(PhysicsError::InvalidArgument(format!(
                "target needs Z, A ≥ 1, got Z = {z}, A = {a}"
            )));
        }
        Ok(Self {
            lepton_mass,
            e0,
            mass,
            ff: FormFactor::new(z, a, model),
            mediator: Mediator::Vector,
        })
    }

    /// The same configuration radiating another mediator (the X mass is `mass`).
    #[must_use]
    pub fn with_mediator(self, mediator: Mediator) -> Self {
        Self { mediator, ..self }
    }

    /// A `projectile` of energy `e0` on `element` radiating `mediator` of mass `mass`, elastic +
    /// inelastic form factor. Lepton and antilepton radiate alike (one-photon exchange).
    pub fn for_model(
        element: &Element,
        projectile: Projectile,
        mediator: Mediator,
        e0: f64,
        mass: f64,
    ) -> Result<Self, PhysicsError> {
        Ok(Self::new(
            element.zf(),
            element.a,
            e0,
            mass,
            projectile.mass_gev(),
            FormFactorModel::ElasticInelastic,
        )?
        .with_mediator(mediator))
    }

    /// Lowest A' energy fraction x = E_A'/E0 (A' at rest would need E_A' = m).
    pub fn x_min(&self) -> f64 {
        self.mass / self.e0
    }

    /// Highest x: the outgoing lepton keeps at least its rest energy.
    pub fn x_max(&self) -> f64 {
        1.0 - self.lepton_mass / self.e0
    }
}

/// How the dark-bremsstrahlung cross section is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// Simplified Weizsäcker–Williams, paper 002 eq. 9–11 (spectrum with the fixed flux).
    WwSimple,
    /// Improved Weizsäcker–Williams dσ/dx (BEST 2009 App. A), integrated numerically.
    Iww,
    /// Exact A' kinematics with the WW flux, d²σ/dx dθ (DMG4 App. A eq. 16–17).
    Exact,
    /// Exact tree level: full 2→3 phase space with the nuclear form factor.
    Etl,
}

impl Method {
    /// All methods, crudest first.
    pub const ALL: [Self; 4] = [Self::WwSimple, Self::Iww, Self::Exact, Self::Etl];

    /// The name used on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Self::WwSimple => "wwsimple",
            Self::Iww => "iww",
            Self::Exact => "exact",
            Self::Etl => "etl",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Method {
    type Err = PhysicsError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Self::ALL
            .into_iter()
            .find(|m| m.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| {
                PhysicsError::InvalidArgument(format!(
                    "unknown cross-section method '{t}' (known: wwsimple, iww, exact, etl)"
                ))
            })
    }
}

/// Numerical settings of [`total_pb`] and [`dsigma_dx_pb`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct XsecOptions {
    /// Target relative precision of the IWW and exact-kinematics integrals.
    pub rel_tol: f64,
    /// Settings of the ETL integration (its own precision and seed).
    pub etl: etl::EtlOptions,
}

impl Default for XsecOptions {
    fn default() -> Self {
        Self {
            rel_tol: exact::DEFAULT_REL_TOL,
            etl: etl::EtlOptions::default(),
        }
    }
}

/// Total dark-bremsstrahlung cross section per atom for ε = 1 \[pb\] with the chosen method,
/// with its numerical error (zero for the closed-form simplified WW).
pub fn total_pb(
    p: &DarkBrem,
    method: Method,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    match method {
        Method::WwSimple => wwsimple::total_pb(p).map(|value| Estimate { value, error: 0.0 }),
        Method::Iww => iww::total(p, opts.rel_tol),
        Method::Exact => exact::total(p, opts.rel_tol),
        Method::Etl => etl::total(p, &opts.etl),
    }
}

/// dσ/dx per atom for ε = 1 \[pb\] at x = E_A'/E0 with the chosen method; zero outside the
/// kinematic range. For the simplified WW it is the fixed-flux WW spectrum
/// ([`wwsimple::dsigma_dx_pb`]).
pub fn dsigma_dx_pb(
    p: &DarkBrem,
    method: Method,
    x: f64,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    match method {
        Method::WwSimple => wwsimple::dsigma_dx_pb(p, x).map(|value| Estimate {
            value,
            error: value.abs() * crate::flux::CHI_REL_TOL,
        }),
        Method::Iww => iww::dsigma_dx_pb(p, x).map(|value| Estimate {
            value,
            error: value.abs() * crate::flux::CHI_REL_TOL,
        }),
        Method::Exact => exact::dsigma_dx(p, x, opts.rel_tol),
        Method::Etl => etl::dsigma_dx(p, x, &opts.etl),
    }
}

/// Per-atom cross section of a material, averaged over its elements by atom fraction
/// (σ̄ = Σ fᵢ σᵢ with fᵢ = nᵢ/Σn, so that n_atoms σ̄ is the macroscopic cross section), for an
/// electron beam of energy `e0` and A' mass `mass`. Errors are added linearly.
pub fn material_total_pb(
    material: &Material,
    e0: f64,
    mass: f64,
    lepton_mass: f64,
    method: Method,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    material_average(material, |el| {
        let p = DarkBrem::new(
            el.zf(),
            el.a,
            e0,
            mass,
            lepton_mass,
            FormFactorModel::ElasticInelastic,
        )?;
        total_pb(&p, method, opts)
    })
}

/// dσ/dx per atom of a material at x, averaged over its elements by atom fraction (see
/// [`material_total_pb`]).
pub fn material_dsigma_dx_pb(
    material: &Material,
    e0: f64,
    mass: f64,
    lepton_mass: f64,
    method: Method,
    x: f64,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    material_average(material, |el| {
        let p = DarkBrem::new(
            el.zf(),
            el.a,
            e0,
            mass,
            lepton_mass,
            FormFactorModel::ElasticInelastic,
        )?;
        dsigma_dx_pb(&p, method, x, opts)
    })
}

/// [`material_total_pb`] for any mediator and projectile: per-atom total at unit coupling
/// (g_ℓ = e) averaged over the material's elements by atom fraction \[pb\].
pub fn material_model_total_pb(
    material: &Material,
    projectile: Projectile,
    mediator: Mediator,
    e0: f64,
    mass: f64,
    method: Method,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    material_average(material, |el| {
        let p = DarkBrem::for_model(el, projectile, mediator, e0, mass)?;
        total_pb(&p, method, opts)
    })
}

/// [`material_dsigma_dx_pb`] for any mediator and projectile \[pb\].
#[allow(clippy::too_many_arguments)]
pub fn material_model_dsigma_dx_pb(
    material: &Material,
    projectile: Projectile,
    mediator: Mediator,
    e0: f64,
    mass: f64,
    method: Method,
    x: f64,
    opts: &XsecOptions,
) -> Result<Estimate, PhysicsError> {
    material_average(material, |el| {
        let p = DarkBrem::for_model(el, projectile, mediator, e0, mass)?;
        dsigma_dx_pb(&p, method, x, opts)
    })
}

/// Atom-fraction weighted average of a per-element quantity.
fn material_average(
    material: &Material,
    mut f: impl FnMut(&Element) -> Result<Estimate, PhysicsError>,
) -> Result<Estimate, PhysicsError> {
    let n = material.atom_densities_cm3();
    let n_tot: f64 = n.iter().sum();
    if n_tot.is_nan() || n_tot <= 0.0 {
        return Err(PhysicsError::InvalidMaterial(format!(
            "{}: no atoms",
            material.name
        )));
    }
    let mut out = Estimate {
        value: 0.0,
        error: 0.0,
    };
    for (c, ni) in material.components.iter().zip(&n) {
        let e = f(&c.element)?;
        let w = ni / n_tot;
        out.value += w * e.value;
        out.error += w * e.error;
    }
    Ok(out)
}
