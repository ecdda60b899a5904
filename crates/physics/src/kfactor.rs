//! The NA64 k-factor k(m_A', E0, Z, A) = σ_WW/σ_ETL (paper 002 eq. 12): the simplified WW total
//! of eq. 9 divided by the exact-tree-level total. The A' yields computed with the WW cross
//! section are divided by k (eq. 13). Paper 002 Fig. 2: k ≈ 1.7 at m = 100 MeV, E0 = 100 GeV,
//! k < 1 below ≈ 5 MeV.
//!
//! Every mediator has its k-factor: [`k_factor_with`] follows [`DarkBrem::mediator`] (σ_WW with
//! the leading-log coefficient of that spin, σ_ETL with its matrix element), and
//! [`material_model_k_factor`] does the same for a material, projectile and mediator.

use rayon::prelude::*;
use serde::Serialize;

use crate::constants::M_E;
use crate::dark_brem::{self, DarkBrem, Method, XsecOptions};
use crate::error::PhysicsError;
use crate::form_factor::FormFactorModel;
use crate::integrate::Estimate;
use crate::materials::Material;
use crate::model::{Mediator, Projectile};

/// One k-factor point with both cross sections (per atom, ε = 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KFactor {
    /// A' mass \[GeV\].
    pub mass_gev: f64,
    /// Beam energy E0 \[GeV\].
    pub energy_gev: f64,
    /// Simplified WW total (paper 002 eq. 9) \[pb\].
    pub sigma_ww_pb: f64,
    /// Reference total (ETL unless another method was asked for) \[pb\].
    pub sigma_ref_pb: f64,
    /// Integration error of the reference total \[pb\].
    pub sigma_ref_error_pb: f64,
    /// k = σ_WW/σ_ref.
    pub k: f64,
    /// Error of k propagated from the reference integration error.
    pub k_error: f64,
}

/// k = σ_WW/σ_ref for one configuration, with `reference` normally [`Method::Etl`].
pub fn k_factor_with(
    p: &DarkBrem,
    reference: Method,
    opts: &XsecOptions,
) -> Result<KFactor, PhysicsError> {
    let ww = dark_brem::wwsimple::total_pb(p)?;
    let r = dark_brem::total_pb(p, reference, opts)?;
    if r.value.is_nan() || r.value <= 0.0 {
        return Err(PhysicsError::Integration(format!(
            "{reference} cross section is {} pb at m = {} GeV, E0 = {} GeV: k undefined",
            r.value, p.mass, p.e0
        )));
    }
    let k = ww / r.value;
    Ok(KFactor {
        mass_gev: p.mass,
        energy_gev: p.e0,
        sigma_ww_pb: ww,
        sigma_ref_pb: r.value,
        sigma_ref_error_pb: r.error,
        k,
        k_error: k * r.error / r.value,
    })
}

/// The NA64 k-factor k(m, E0, Z, A) = σ_WW/σ_ETL for an electron beam (paper 002 eq. 12), with
/// the elastic + inelastic form factor in both cross sections.
pub fn k_factor(
    z: f64,
    a: f64,
    e0: f64,
    mass: f64,
    opts: &XsecOptions,
) -> Result<KFactor, PhysicsError> {
    let p = DarkBrem::new(z, a, e0, mass, M_E, FormFactorModel::ElasticInelastic)?;
    k_factor_with(&p, Method::Etl, opts)
}

/// k on a grid of masses × energies (mass-major order: all energies of the first mass first),
/// points computed in parallel with rayon. Every point is independent and uses the same
/// integration settings and seed, so the result does not depend on the thread count.
pub fn k_factor_grid(
    z: f64,
    a: f64,
    masses: &[f64],
    energies: &[f64],
    reference: Method,
    opts: &XsecOptions,
) -> Vec<Result<KFactor, PhysicsError>> {
    let points: Vec<(f64, f64)> = masses
        .iter()
        .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
        .collect();
    points
        .par_iter()
        .map(|&(m, e0)| {
            let p = DarkBrem::new(z, a, e0, m, M_E, FormFactorModel::ElasticInelastic)?;
            k_factor_with(&p, reference, opts)
        })
        .collect()
}

/// k = σ_WW/σ_ref with its error from the reference's integration error; an undefined ratio
/// (reference cross section not positive) is an integration error.
fn ratio(
    ww: f64,
    r: &Estimate,
    reference: Method,
    e0: f64,
    mass: f64,
) -> Result<KFactor, PhysicsError> {
    if r.value.is_nan() || r.value <= 0.0 {
        return Err(PhysicsError::Integration(format!(
            "{reference} cross section is {} pb at m = {mass} GeV, E0 = {e0} GeV: k undefined",
            r.value
        )));
    }
    let k = ww / r.value;
    Ok(KFactor {
        mass_gev: mass,
        energy_gev: e0,
        sigma_ww_pb: ww,
        sigma_ref_pb: r.value,
        sigma_ref_error_pb: r.error,
        k,
        k_error: k * r.error / r.value,
    })
}

/// k = σ̄_WW/σ̄_ref for a material: both per-atom cross sections averaged over its elements by
/// atom fraction ([`dark_brem::material_total_pb`]); for a pure element this is
/// [`k_factor_with`].
pub fn material_k_factor(
    material: &Material,
    e0: f64,
    mass: f64,
    reference: Method,
    opts: &XsecOptions,
) -> Result<KFactor, PhysicsError> {
    let ww = dark_brem::material_total_pb(material, e0, mass, M_E, Method::WwSimple, opts)?.value;
    let r = dark_brem::material_total_pb(material, e0, mass, M_E, reference, opts)?;
    ratio(ww, &r, reference, e0, mass)
}

/// [`material_k_factor`] on a grid of masses × energies (mass-major order), in parallel with
/// rayon; `on_point` is called once per finished point (e.g. to advance a progress bar). Points
/// are independent, so the result does not depend on the thread count.
pub fn material_k_factor_grid(
    material: &Material,
    masses: &[f64],
    energies: &[f64],
    reference: Method,
    opts: &XsecOptions,
    on_point: &(dyn Fn() + Sync),
) -> Vec<Result<KFactor, PhysicsError>> {
    let points: Vec<(f64, f64)> = masses
        .iter()
        .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
        .collect();
    points
        .par_iter()
        .map(|&(m, e0)| {
            let r = material_k_factor(material, e0, m, reference, opts);
            on_point();
            r
        })
        .collect()
}

/// k = σ̄_WW/σ̄_ref of `mediator` radiated by `projectile` in a material (both cross sections
/// per atom at unit coupling, averaged by atom fraction). For the dark photon and an electron
/// this is [`material_k_factor`].
pub fn material_model_k_factor(
    material: &Material,
    projectile: Projectile,
    mediator: Mediator,
    e0: f64,
    mass: f64,
    reference: Method,
    opts: &XsecOptions,
) -> Result<KFactor, PhysicsError> {
    let total = |method| {
        dark_brem::material_model_total_pb(material, projectile, mediator, e0, mass, method, opts)
    };
    let ww = total(Method::WwSimple)?.value;
    let r = total(reference)?;
    ratio(ww, &r, reference, e0, mass)
}
