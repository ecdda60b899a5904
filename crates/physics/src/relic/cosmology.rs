//! Cosmological constants of the relic-density calculation (PDG 2024, "Astrophysical constants
//! and parameters", and Planck 2018).

/// Planck mass M_Pl = sqrt(ħc/G) \[GeV\] (PDG 2024: 1.220 890(14) × 10¹⁹ GeV).
pub const PLANCK_MASS: f64 = 1.220_890e19;

/// Present entropy density s₀/k_B \[cm⁻³\] for T₀ = 2.7255 K (PDG 2024: 2891.2 cm⁻³).
pub const ENTROPY_DENSITY_TODAY_CM3: f64 = 2891.2;

/// Critical density divided by h², ρ_c/h² \[GeV cm⁻³\] (PDG 2024: 1.053 672 × 10⁻⁵).
pub const CRITICAL_DENSITY_OVER_H2_GEV_CM3: f64 = 1.053_672e-5;

/// Observed cold-dark-matter density Ω_c h² (Planck 2018 VI, TT,TE,EE+lowE+lensing:
/// 0.120 ± 0.001).
pub const OMEGA_DM_H2_PLANCK: f64 = 0.120;

/// Speed of light \[cm/s\].
pub const SPEED_OF_LIGHT_CM_S: f64 = 2.997_924_58e10;

/// ⟨σv⟩ of 1 GeV⁻² expressed in cm³/s: (ħc)² c = 0.389 379 4 mb GeV² · c.
pub const GEV_MINUS2_TO_CM3_PER_S: f64 =
    crate::constants::GEV2_TO_PB * crate::constants::PB_TO_CM2 * SPEED_OF_LIGHT_CM_S;

/// Ω h² of a relic with mass `m` \[GeV\] and comoving abundance Y∞ = n/s:
/// Ω h² = m Y∞ s₀ / (ρ_c/h²).
pub fn omega_h2(m: f64, y_inf: f64) -> f64 {
    m * y_inf * ENTROPY_DENSITY_TODAY_CM3 / CRITICAL_DENSITY_OVER_H2_GEV_CM3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_conversions() {
        // (ħc)² c = 0.3893794e-27 cm² × 2.99792458e10 cm/s = 1.16733e-17 cm³/s.
        assert!((GEV_MINUS2_TO_CM3_PER_S / 1.167_33e-17 - 1.0).abs() < 1e-5);
        // Ω h² = 2.744e8 (m/GeV) Y∞: s₀/(ρ_c/h²) = 2891.2/1.053672e-5 GeV⁻¹.
        assert!((omega_h2(1.0, 1.0) / 2.744e8 - 1.0).abs() < 1e-3);
    }
}
