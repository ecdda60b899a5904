//! Thermal relic targets computed, not assumed (issue 15 item 3): freeze-out of light dark
//! matter annihilating through a dark photon, for a complex scalar, a Majorana fermion and a
//! pseudo-Dirac fermion with small splitting, with m_A' = 3 m_χ.
//!
//! Chain: SM plasma degrees of freedom g_*(T), g_*s(T) ([`dof`], from [`ideal_gas`] and
//! [`qcd_plasma`]) → annihilation cross section through A'* into e⁺e⁻, μ⁺μ⁻, τ⁺τ⁻ and hadrons
//! ([`cross_section`], R ratio in [`r_ratio`], candidates in [`kind`]) → Gondolo–Gelmini thermal
//! average ([`thermal_average`], tabulated in [`rate_table`]) → Boltzmann equation for Y = n/s
//! ([`boltzmann`]) → Ω h² ([`cosmology`]) → the ε / y giving Ω h² = 0.120 and the implied f of
//! paper 002 eq. 5 ([`target`]), tabulated over m_χ ([`curve`]). For comparison with paper 000
//! ref. [59]: Kolb–Turner's semi-analytic freeze-out ([`semi_analytic`]). See docs/relic.md.

mod bessel;
mod boltzmann;
pub mod cosmology;
mod cross_section;
mod curve;
mod dof;
mod error;
mod ideal_gas;
mod kind;
mod qcd_plasma;
pub mod r_ratio;
mod rate_table;
mod semi_analytic;
mod target;
mod thermal_average;

pub use boltzmann::{FreezeOut, FreezeOutGrid, FreezeOutOptions, freeze_out, y_equilibrium};
pub use cross_section::{AprimeWidths, DarkPhotonPortal, FinalStates};
pub use curve::ThermalTargetCurve;
pub use dof::{PlasmaDof, entropy_density, plasma_dof};
pub use error::RelicError;
pub use kind::{DarkMatterKind, PartialWave};
pub use r_ratio::r_ratio;
pub use semi_analytic::{SemiAnalyticTarget, semi_analytic_target};
pub use target::{
    ThermalTarget, ThermalTargetOptions, implied_f, pole_fraction, relic_density, thermal_target,
};
pub use thermal_average::thermal_average;
