//! Physical constants in natural units (GeV, ħ = c = 1) plus the few conversion factors the
//! crate needs. Values: CODATA 2018 / PDG 2024 as collected in `shared/reference/physics.md` §1.

/// Fine-structure constant α.
pub const ALPHA: f64 = 1.0 / 137.035_999;
/// Electron mass m_e \[GeV\].
pub const M_E: f64 = 0.510_998_95e-3;
/// Muon mass m_μ \[GeV\].
pub const M_MU: f64 = 0.105_658_375_5;
/// Proton mass m_p \[GeV\].
pub const M_P: f64 = 0.938_272;
/// Charged-pion mass \[GeV\] (PDG).
pub const M_PI: f64 = 0.139_570_39;
/// Charged-kaon mass \[GeV\] (PDG).
pub const M_K: f64 = 0.493_677;
/// Avogadro's number \[1/mol\].
pub const N_A: f64 = 6.022_140_76e23;
/// Proton magnetic moment in nuclear magnetons (inelastic form factor, physics.md §2).
pub const MU_P: f64 = 2.79;
/// 1 GeV⁻² expressed in picobarn.
pub const GEV2_TO_PB: f64 = 3.893_794e8;
/// 1 GeV⁻² expressed in microbarn.
pub const GEV2_TO_UB: f64 = 3.893_794e2;
/// 1 pb in cm².
pub const PB_TO_CM2: f64 = 1e-36;
/// ħc \[GeV·cm\].
pub const HBARC_GEV_CM: f64 = 1.973_269_804e-14;
/// Classical electron radius r_e \[cm\].
pub const R_E_CM: f64 = 2.817_940_326_2e-13;
/// Multiple-scattering / Molière scale energy E_s = m_e sqrt(4π/α) \[GeV\] (PDG §34.4.2).
pub const E_S: f64 = 21.2052e-3;
