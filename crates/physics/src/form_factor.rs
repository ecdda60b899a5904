//! Atomic + nuclear form factors G2(t) of the target atom as seen by a virtual photon of
//! virtuality t = −q² > 0 \[GeV²\] (Tsai, Rev. Mod. Phys. 46 (1974) 815; Bjorken, Essig,
//! Schuster, Toro PRD 80 075018 (2009) eq. A18–A19; physics.md §2, paper 002 eq. 11).

use serde::Serialize;

use crate::constants::{M_E, M_P, MU_P};

/// Which pieces of the form factor to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum FormFactorModel {
    /// Elastic (screened nucleus with finite size) only.
    Elastic,
    /// Elastic plus inelastic (quasi-free protons, screened by atomic electrons).
    #[default]
    ElasticInelastic,
}

/// G2(t) for a nucleus (Z, A).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FormFactor {
    /// Atomic number.
    pub z: f64,
    /// Mass number \[g/mol\].
    pub a: f64,
    /// Elastic only, or elastic + inelastic.
    pub model: FormFactorModel,
    /// Atomic screening scale 1/a² with a = 111 Z^(−1/3)/m_e \[GeV²\].
    pub t_screen: f64,
    /// Nuclear size scale d = 0.164 A^(−2/3) \[GeV²\].
    pub t_nucleus: f64,
    /// Inelastic screening scale 1/a'² with a' = 773 Z^(−2/3)/m_e \[GeV²\].
    pub t_screen_inel: f64,
}

/// Proton dipole scale of the inelastic term \[GeV²\].
pub const PROTON_DIPOLE_GEV2: f64 = 0.71;

impl FormFactor {
    /// Form factor for a nucleus of charge `z` and mass number `a`.
    pub fn new(z: f64, a: f64, model: FormFactorModel) -> Self {
        let a_el = 111.0 * z.powf(-1.0 / 3.0) / M_E;
        let a_in = 773.0 * z.powf(-2.0 / 3.0) / M_E;
        Self {
            z,
            a,
            model,
            t_screen: 1.0 / (a_el * a_el),
            t_nucleus: 0.164 * a.powf(-2.0 / 3.0),
            t_screen_inel: 1.0 / (a_in * a_in),
        }
    }

    /// Elastic G2_el(t) = Z² [a²t/(1+a²t)]² [1/(1+t/d)]² (paper 002 eq. 11).
    #[inline]
    pub fn elastic(&self, t: f64) -> f64 {
        let screen = t / (t + self.t_screen);
        let nuc = self.t_nucleus / (t + self.t_nucleus);
        self.z * self.z * screen * screen * nuc * nuc
    }

    /// Inelastic G2_in(t) = Z [a'²t/(1+a'²t)]² (1 + t(μ_p²−1)/(4m_p²)) / (1+t/0.71)⁴ (physics.md §2).
    #[inline]
    pub fn inelastic(&self, t: f64) -> f64 {
        let screen = t / (t + self.t_screen_inel);
        let dip = 1.0 / (1.0 + t / PROTON_DIPOLE_GEV2);
        let dip2 = dip * dip;
        self.z * screen * screen * (1.0 + t * (MU_P * MU_P - 1.0) / (4.0 * M_P * M_P)) * dip2 * dip2
    }

    /// G2(t) according to the model.
    #[inline]
    pub fn g2(&self, t: f64) -> f64 {
        match self.model {
            FormFactorModel::Elastic => self.elastic(t),
            FormFactorModel::ElasticInelastic => self.elastic(t) + self.inelastic(t),
        }
    }

    /// Scales where G2 changes behaviour, useful as integration break points \[GeV²\].
    pub fn scales(&self) -> [f64; 4] {
        [
            self.t_screen,
            self.t_screen_inel,
            self.t_nucleus,
            PROTON_DIPOLE_GEV2,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elastic_limits() {
        let ff = FormFactor::new(82.0, 207.2, FormFactorModel::Elastic);
        // Between screening and nuclear scales the nucleus is a bare point charge: G2 → Z².
        let t = (ff.t_screen * ff.t_nucleus).sqrt();
        assert!((ff.elastic(t) / (82.0 * 82.0) - 1.0).abs() < 0.01);
        // Screened at t → 0 and suppressed at t ≫ d.
        assert!(ff.elastic(ff.t_screen * 1e-3) < 1e-5 * 82.0 * 82.0);
        assert!(ff.elastic(ff.t_nucleus * 1e3) < 1e-5 * 82.0 * 82.0);
    }

    #[test]
    fn inelastic_is_order_one_over_z() {
        // physics.md §2: for Pb the inelastic term is O(1/Z) of the elastic one.
        let ff = FormFactor::new(82.0, 207.2, FormFactorModel::ElasticInelastic);
        let t = 1e-3;
        let r = ff.inelastic(t) / ff.elastic(t);
        assert!(r > 0.1 / 82.0 && r < 10.0 / 82.0, "ratio {r}");
    }
}
