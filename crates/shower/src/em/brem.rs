//! Electron–nucleus and electron–electron bremsstrahlung with Tsai's screening functions and
//! pair production with the same functions.
//!
//! Tsai, Rev. Mod. Phys. 46 (1974) 815: eq. 3.9 (bremsstrahlung dσ/dk for arbitrary screening),
//! eq. 3.38–3.41 (Thomas–Fermi fits of φ1, φ2, ψ1, ψ2), eq. 3.3 (Coulomb correction f(Z)).
//!
//! The Coulomb correction (Davies, Bethe & Maximon, Phys. Rev. 93 (1954) 788) is a high-energy
//! result; at a few MeV the Born cross section already underestimates high-Z pair production
//! and bremsstrahlung (Øverbø, Mork & Olsen, Phys. Rev. 175 (1968) 1978; Seltzer & Berger,
//! At. Data Nucl. Data Tables 35 (1986) 345). We therefore apply it with the weight
//! w(E) = clamp(ln(E/20 MeV)/ln 5, 0, 1): absent below 20 MeV, complete above 100 MeV (E = lepton
//! energy for bremsstrahlung, photon energy for pairs). With it the Pb radiative stopping power at
//! 10 MeV and the 5 MeV pair cross section come within ≈ 10% of the NIST ESTAR/XCOM values.

use aprime_physics::Element;
use aprime_physics::constants::{ALPHA, M_E, R_E_CM};

/// φ1(γ), screening of the nucleus (Tsai eq. 3.38).
#[inline]
pub fn phi1(g: f64) -> f64 {
    20.863
        - 2.0 * (1.0 + (0.55846 * g).powi(2)).ln()
        - 4.0 * (1.0 - 0.6 * (-0.9 * g).exp() - 0.4 * (-1.5 * g).exp())
}

/// φ1 − φ2 (Tsai eq. 3.39).
#[inline]
pub fn phi1_minus_phi2(g: f64) -> f64 {
    (2.0 / 3.0) / (1.0 + 6.5 * g + 6.0 * g * g)
}

/// ψ1(ε), screening of the atomic electrons (Tsai eq. 3.40).
#[inline]
pub fn psi1(e: f64) -> f64 {
    28.340
        - 2.0 * (1.0 + (3.621 * e).powi(2)).ln()
        - 4.0 * (1.0 - 0.7 * (-8.0 * e).exp() - 0.3 * (-29.2 * e).exp())
}

/// ψ1 − ψ2 (Tsai eq. 3.41).
#[inline]
pub fn psi1_minus_psi2(e: f64) -> f64 {
    (2.0 / 3.0) / (1.0 + 40.0 * e + 400.0 * e * e)
}

/// Coulomb correction f(Z) (Davies–Bethe–Maximon; Tsai eq. 3.3).
pub fn coulomb_correction(z: f64) -> f64 {
    let a2 = (ALPHA * z).powi(2);
    a2 * (1.0 / (1.0 + a2) + 0.20206 - 0.0369 * a2 + 0.0083 * a2 * a2 - 0.002 * a2.powi(3))
}

/// Per-element constants of the screened cross sections.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screening {
    /// Z.
    pub z: f64,
    /// Z^(1/3).
    pub z13: f64,
    /// Z^(2/3).
    pub z23: f64,
    /// (4/3) ln Z: the constant part subtracted from φ (times Z²).
    pub nuc_const: f64,
    /// 4 f(Z), the Coulomb correction subtracted from φ at high energy.
    pub coulomb4: f64,
    /// (8/3) ln Z: the constant subtracted from ψ.
    pub el_const: f64,
}

impl Screening {
    /// Constants for an element.
    pub fn new(el: &Element) -> Self {
        let z = el.zf();
        let lnz = z.ln();
        Self {
            z,
            z13: z.cbrt(),
            z23: z.cbrt().powi(2),
            nuc_const: (4.0 / 3.0) * lnz,
            coulomb4: 4.0 * coulomb_correction(z),
            el_const: (8.0 / 3.0) * lnz,
        }
    }

    /// (Φ1, Φ1 − Φ2) at screening variable δ = m_e k/(E E') (photon energy k shared by E, E'):
    /// Φ1 = Z²(φ1(γ) − 4/3 ln Z − 4f·w) + Z(ψ1(ε) − 8/3 ln Z), γ = 100δ/Z^(1/3),
    /// ε = 100δ/Z^(2/3), `w` the weight of the Coulomb correction (`coulomb_weight`).
    #[inline]
    pub fn big_phi(&self, delta: f64, w: f64) -> (f64, f64) {
        let g = 100.0 * delta / self.z13;
        let e = 100.0 * delta / self.z23;
        let z2 = self.z * self.z;
        let p1 = z2 * (phi1(g) - self.nuc_const - w * self.coulomb4)
            + self.z * (psi1(e) - self.el_const);
        let d = z2 * phi1_minus_phi2(g) + self.z * psi1_minus_psi2(e);
        (p1, d)
    }

    /// Bremsstrahlung bracket B(E, k) with dσ/dk = α r_e² B/k (Tsai eq. 3.9), E = total
    /// energy of the radiating lepton, clamped at zero where the high-energy formula fails.
    #[inline]
    pub fn brem_bracket(&self, e: f64, k: f64) -> f64 {
        let ep = e - k;
        if ep <= M_E {
            return 0.0;
        }
        let y = k / e;
        let (p1, d) = self.big_phi(M_E * k / (e * ep), coulomb_weight(e));
        ((4.0 / 3.0 - 4.0 / 3.0 * y + y * y) * p1 + (2.0 / 3.0) * (1.0 - y) * d).max(0.0)
    }

    /// Upper bound of [`Self::brem_bracket`]: complete screening at y = 0, no Coulomb correction.
    pub fn brem_bracket_max(&self) -> f64 {
        let (p1, d) = self.big_phi(0.0, 0.0);
        4.0 / 3.0 * p1 + 2.0 / 3.0 * d
    }

    /// Pair-production bracket P(k, x) with dσ/dx = α r_e² P, x = E₊/k (total energies),
    /// (Tsai eq. 3.16 form): [x² + (1−x)²]Φ1 + (2/3)x(1−x)Φ2, clamped at zero.
    #[inline]
    pub fn pair_bracket(&self, k: f64, x: f64) -> f64 {
        let (ep, em) = (x * k, (1.0 - x) * k);
        if ep <= M_E || em <= M_E {
            return 0.0;
        }
        let (p1, d) = self.big_phi(M_E * k / (ep * em), coulomb_weight(k));
        let xx = x * (1.0 - x);
        ((x * x + (1.0 - x) * (1.0 - x)) * p1 + (2.0 / 3.0) * xx * (p1 - d)).max(0.0)
    }
}

/// Weight of the Coulomb correction at energy `e` \[GeV\]: 0 below 20 MeV, 1 above 100 MeV,
/// linear in ln E between.
#[inline]
pub fn coulomb_weight(e: f64) -> f64 {
    ((e / 0.02).ln() / 5.0_f64.ln()).clamp(0.0, 1.0)
}

/// α r_e² \[cm²\], the scale of both cross sections.
pub const ALPHA_RE2_CM2: f64 = ALPHA * R_E_CM * R_E_CM;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_screening_limit_is_the_radiation_length() {
        // Tsai eq. 3.83 / PDG eq. 34.29: at y → 0 with complete screening,
        // k dσ/dk = (4/3)·4αr_e²[Z²(L_rad − f) + Z L'_rad] + (4/9)αr_e²(Z² + Z),
        // L_rad = ln(184.15 Z^(-1/3)), L'_rad = ln(1194 Z^(-2/3)).
        let pb = Element::by_name("Pb").unwrap();
        let s = Screening::new(pb);
        let z: f64 = 82.0;
        let (l, lp) = (
            (184.15 * z.powf(-1.0 / 3.0)).ln(),
            (1194.0 * z.powf(-2.0 / 3.0)).ln(),
        );
        let f = coulomb_correction(z);
        let expect = 16.0 / 3.0 * (z * z * (l - f) + z * lp) + 4.0 / 9.0 * (z * z + z);
        let got = s.brem_bracket(1e4, 1e-6);
        assert!(got <= s.brem_bracket_max());
        assert!((got / expect - 1.0).abs() < 1e-3, "{got} vs {expect}");
        // Pair production, complete screening: P(x) = 4[1 − (4/3)x(1−x)][Z²(L−f) + Z L']
        // − (4/9) x(1−x)(Z²+Z)  (PDG eq. 34.31 plus Tsai's small term).
        let x = 0.3;
        let pexp = 4.0 * (1.0 - 4.0 / 3.0 * x * (1.0 - x)) * (z * z * (l - f) + z * lp)
            - 4.0 / 9.0 * x * (1.0 - x) * (z * z + z);
        let pgot = s.pair_bracket(1e5, x);
        assert!((pgot / pexp - 1.0).abs() < 2e-3, "{pgot} vs {pexp}");
    }

    #[test]
    fn unscreened_limit_is_bethe_heitler() {
        // Far from screening φ1 − 4/3 ln Z → 4[ln(2EE'/(m k)) − 1/2] (Bethe–Heitler, Tsai §3),
        // i.e. φ1(γ) − 4/3 ln Z for γ = 100 m k/(E E' Z^(1/3)) ≫ 1.
        let g: f64 = 200.0;
        let z: f64 = 82.0;
        let delta = g * z.cbrt() / 100.0; // m k /(E E')
        let bh = 4.0 * ((2.0 / delta).ln() - 0.5);
        let got = phi1(g) - 4.0 / 3.0 * z.ln();
        assert!((got - bh).abs() < 0.05, "{got} vs {bh}");
    }
}
