//! Electromagnetic interactions of e⁻, e⁺ and γ in matter, and their per-material tables.
//!
//! Physics list (all re-derived from the cited formulae; no code from other projects):
//! - bremsstrahlung: Tsai's screened Bethe–Heitler dσ/dk with Thomas–Fermi screening functions and
//!   the Coulomb correction (Tsai, Rev. Mod. Phys. 46 (1974) 815, eq. 3.9, 3.38–3.41), intermediate
//!   and complete screening alike, sampled exactly by rejection; photons below the photon cut are a
//!   continuous (restricted) radiative loss; no LPM or dielectric suppression;
//! - pair production: Bethe–Heitler with the same screening functions (Tsai eq. 3.16 form);
//! - Compton scattering: Klein–Nishina on free electrons, Butcher–Messel sampling;
//! - photoabsorption: not modelled; photons below the photon cut (default 1 MeV, where in Pb
//!   photoabsorption and Compton dominate and the mean free path is ≲ 1.3 cm) deposit locally;
//! - ionisation: fully continuous Berger–Seltzer (ICRU 37) stopping power for e⁻ and e⁺ with the
//!   Sternheimer–Peierls density effect, no δ-rays, applied through CSDA range tables;
//! - positron annihilation in flight (Heitler) and at rest (two back-to-back 511 keV photons);
//! - multiple scattering: Gaussian in the two projected angles with the Highland width at one
//!   radiation length, θ0 = 13.6 MeV/(βcp)·sqrt(s/X0), additive over steps.

pub mod brem;
pub mod compton;
pub mod ionisation;
pub mod pair;
pub mod positron;
pub mod tables;

pub use brem::Screening;
pub use tables::{Cuts, ElementData, LogGrid, MaterialPhysics};
