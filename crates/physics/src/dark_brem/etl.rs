//! Exact tree-level (ETL) dark bremsstrahlung: the full 2→3 phase space e N → e N A' with the
//! nucleus as a heavy scalar with form factor G2(t). Placeholder: being implemented.

use super::DarkBrem;
use crate::error::PhysicsError;
use crate::integrate::Estimate;

/// Integration settings of the ETL cross section.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EtlOptions {
    /// Target relative precision of the integral.
    pub rel_precision: f64,
    /// Seed of the (quasi-)random integration points; results are reproducible for a seed.
    pub seed: u64,
}

impl Default for EtlOptions {
    fn default() -> Self {
        Self { rel_precision: 5e-3, seed: 1 }
    }
}

/// Total ETL cross section per atom for ε = 1 \[pb\], with its integration error.
pub fn total(_p: &DarkBrem, _opts: &EtlOptions) -> Result<Estimate, PhysicsError> {
    Err(PhysicsError::InvalidArgument("the ETL cross section is not implemented yet".into()))
}

/// ETL dσ/dx per atom for ε = 1 at x = E_A'/E0 \[pb\], with its integration error.
pub fn dsigma_dx(_p: &DarkBrem, _x: f64, _opts: &EtlOptions) -> Result<Estimate, PhysicsError> {
    Err(PhysicsError::InvalidArgument("the ETL cross section is not implemented yet".into()))
}
