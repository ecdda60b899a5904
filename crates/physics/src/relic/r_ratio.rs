//! The hadronic R ratio R(√s) = σ(e⁺e⁻ → hadrons)/σ_pt(e⁺e⁻ → μ⁺μ⁻), σ_pt = 4πα²/(3s), used
//! for the A'* → hadrons final state of dark-matter annihilation and the A' hadronic width.
//!
//! Parametrisation (all masses, widths and e⁺e⁻ partial widths PDG 2024):
//! - π⁺π⁻: R_ππ = N (β_π³/4)|F_π(s)|² with the Gounaris–Sakurai ρ form factor (Gounaris &
//!   Sakurai, PRL 21 (1968) 244; energy-dependent P-wave width Γ(s) = Γ_ρ (m_ρ/√s)(k/k_ρ)³),
//!   normalised (N ≈ 1.22 instead of F_π(0) = 1) so that its peak equals the Breit–Wigner
//!   peak R = 9Γ(ρ→ee)/(α²Γ_ρ) of PDG's Γ(ρ→ee) = 7.04 keV. No ρ–ω interference.
//! - ω and φ: relativistic Breit–Wigners with constant widths,
//!   σ = 12π Γ_ee Γ_had / ((s − M²)² + M²Γ²), i.e. R = 9 s Γ_ee Γ_had/(α² ((s − M²)² + M²Γ²)).
//! - Multi-hadron continuum: R_pQCD = 3ΣQ_q²(1 + α_s/π), α_s = 0.30 (≈ α_s(2 GeV), PDG QCD
//!   review), with u, d, s (2.19), + c above the open-charm threshold 3.73 GeV, + b above 10.56
//!   GeV; switched on linearly between 1.05 GeV (just above the φ) and 1.40 GeV. This ramp is
//!   a coarse stand-in for the 4π, ωπ, KK̄π channels and the ρ′, ω′, φ′ region; narrow
//!   charmonia and bottomonia are not included (the relic calculation for m_χ ≤ 1 GeV needs
//!   √s ≲ 2.5 GeV; above that R only enters deep in chemical equilibrium, and the A' width).
//! - Below 2m_π: R = 0 (π⁰γ and ηγ through the ω tail are < 1% of R_ee there).

use std::f64::consts::PI;

use crate::constants::{ALPHA, M_PI};

/// A vector meson of the e⁺e⁻ → hadrons spectrum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VectorMeson {
    /// Mass \[GeV\].
    pub mass: f64,
    /// Total width \[GeV\].
    pub width: f64,
    /// Partial width to e⁺e⁻ \[GeV\].
    pub width_ee: f64,
}

/// ρ(770): m = 775.26 MeV, Γ = 149.1 MeV, Γ_ee = 7.04 keV (PDG 2024).
pub const RHO: VectorMeson = VectorMeson {
    mass: 0.775_26,
    width: 0.149_1,
    width_ee: 7.04e-6,
};
/// ω(782): m = 782.66 MeV, Γ = 8.68 MeV, B(ee) = 7.38 × 10⁻⁵ (PDG 2024).
pub const OMEGA: VectorMeson = VectorMeson {
    mass: 0.782_66,
    width: 8.68e-3,
    width_ee: 7.38e-5 * 8.68e-3,
};
/// φ(1020): m = 1019.461 MeV, Γ = 4.249 MeV, B(ee) = 2.979 × 10⁻⁴ (PDG 2024).
pub const PHI: VectorMeson = VectorMeson {
    mass: 1.019_461,
    width: 4.249e-3,
    width_ee: 2.979e-4 * 4.249e-3,
};

/// Strong coupling used in the continuum's (1 + α_s/π).
const ALPHA_S: f64 = 0.30;
/// Start and end of the linear switch-on of the continuum \[GeV\].
pub const CONTINUUM_RAMP: (f64, f64) = (1.05, 1.40);
/// Open-charm (D D̄) and open-bottom (B B̄) thresholds \[GeV\].
const OPEN_CHARM: f64 = 3.73;
const OPEN_BOTTOM: f64 = 10.56;

/// The narrow structures of R (mass, width) \[GeV\], for integration break points.
pub const RESONANCES: [(f64, f64); 3] = [
    (RHO.mass, RHO.width),
    (OMEGA.mass, OMEGA.width),
    (PHI.mass, PHI.width),
];

/// Pion momentum in the ππ rest frame at invariant mass squared s \[GeV\].
fn pion_momentum(s: f64) -> f64 {
    (s / 4.0 - M_PI * M_PI).max(0.0).sqrt()
}

/// Gounaris–Sakurai h(s) = (2/π)(k/√s) ln((√s + 2k)/(2m_π)).
fn gs_h(s: f64) -> f64 {
    let k = pion_momentum(s);
    let rs = s.sqrt();
    2.0 / PI * k / rs * ((rs + 2.0 * k) / (2.0 * M_PI)).ln()
}

/// Gounaris–Sakurai ρ form factor F_π(s) (F_π(0) = 1) as (Re, Im), s > 4m_π².
fn gounaris_sakurai(s: f64) -> (f64, f64) {
    let (m, g) = (RHO.mass, RHO.width);
    let m2 = m * m;
    let km = pion_momentum(m2);
    let k = pion_momentum(s);
    let dh = {
        let e = 1e-6 * m2;
        (gs_h(m2 + e) - gs_h(m2 - e)) / (2.0 * e)
    };
    let f = g * m2 / km.powi(3) * (k * k * (gs_h(s) - gs_h(m2)) + km * km * dh * (m2 - s));
    let d = 3.0 / PI * M_PI * M_PI / (km * km) * ((m + 2.0 * km) / (2.0 * M_PI)).ln()
        + m / (2.0 * PI * km)
        - M_PI * M_PI * m / (PI * km.powi(3));
    let width_s = g * (m / s.sqrt()) * (k / km).powi(3);
    let num = m2 * (1.0 + d * g / m);
    let (re, im) = (m2 - s + f, -m * width_s);
    let den = re * re + im * im;
    (num * re / den, -num * im / den)
}

/// Breit–Wigner peak R = 9Γ_ee/(α²Γ) of a vector meson decaying only to hadrons.
fn breit_wigner_peak(v: &VectorMeson) -> f64 {
    9.0 * v.width_ee / (ALPHA * ALPHA * v.width)
}

/// β_π³|F_π|²/4 without normalisation.
fn pipi_shape(s: f64) -> f64 {
    let beta2 = 1.0 - 4.0 * M_PI * M_PI / s;
    if beta2 <= 0.0 {
        return 0.0;
    }
    let (re, im) = gounaris_sakurai(s);
    beta2.powf(1.5) / 4.0 * (re * re + im * im)
}

/// R_ππ(√s): the Gounaris–Sakurai shape normalised to the PDG ρ peak.
pub fn r_pipi(sqrt_s: f64) -> f64 {
    let m2 = RHO.mass * RHO.mass;
    let norm = breit_wigner_peak(&RHO) / pipi_shape(m2);
    norm * pipi_shape(sqrt_s * sqrt_s)
}

/// R of a constant-width Breit–Wigner vector meson decaying to hadrons.
pub fn r_breit_wigner(v: &VectorMeson, sqrt_s: f64) -> f64 {
    let s = sqrt_s * sqrt_s;
    let m2 = v.mass * v.mass;
    // Γ_had = Γ − Γ_ee − Γ_μμ ≈ Γ − 2Γ_ee (lepton universality).
    let width_had = v.width - 2.0 * v.width_ee;
    9.0 * s * v.width_ee * width_had / (ALPHA * ALPHA * ((s - m2).powi(2) + m2 * v.width * v.width))
}

/// Perturbative-QCD continuum R = 3ΣQ²(1 + α_s/π) with the open-flavour thresholds.
pub fn r_continuum_pqcd(sqrt_s: f64) -> f64 {
    let mut q2 = 4.0 / 9.0 + 1.0 / 9.0 + 1.0 / 9.0;
    if sqrt_s >= OPEN_CHARM {
        q2 += 4.0 / 9.0;
    }
    if sqrt_s >= OPEN_BOTTOM {
        q2 += 1.0 / 9.0;
    }
    3.0 * q2 * (1.0 + ALPHA_S / PI)
}

/// The continuum with its linear switch-on between [`CONTINUUM_RAMP`].0 and .1.
pub fn r_continuum(sqrt_s: f64) -> f64 {
    let (a, b) = CONTINUUM_RAMP;
    r_continuum_pqcd(sqrt_s) * ((sqrt_s - a) / (b - a)).clamp(0.0, 1.0)
}

/// R(√s), √s in GeV.
pub fn r_ratio(sqrt_s: f64) -> f64 {
    if sqrt_s <= 2.0 * M_PI {
        return 0.0;
    }
    r_pipi(sqrt_s)
        + r_breit_wigner(&OMEGA, sqrt_s)
        + r_breit_wigner(&PHI, sqrt_s)
        + r_continuum(sqrt_s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gounaris_sakurai_near_threshold() {
        // GS construction: F_π(0) = 1 by the choice of d (Gounaris & Sakurai 1968); our h(s) is
        // only written above threshold, so test just above it, where |F_π|² ≈ 1 + ⟨r²⟩s/3 ≈ 1.3
        // (pion charge radius 0.66 fm, PDG).
        let s = 4.0 * M_PI * M_PI * 1.0001;
        let (re, im) = gounaris_sakurai(s);
        let f2 = re * re + im * im;
        assert!(f2 > 1.1 && f2 < 1.5, "|F|² at threshold = {f2}");
    }

    #[test]
    fn peaks_follow_the_pdg_partial_widths() {
        // At a Breit–Wigner peak σ = 12πB_eeB_had/M², i.e. R = 9Γ_ee B_had/(α²Γ); with the PDG
        // 2024 widths: ρ 7.98, ω 12.49, φ 50.3.
        let rho = r_pipi(RHO.mass);
        assert!((rho / 7.98 - 1.0).abs() < 0.01, "{rho}");
        let om = r_breit_wigner(&OMEGA, OMEGA.mass);
        assert!((om / 12.49 - 1.0).abs() < 0.01, "{om}");
        let ph = r_breit_wigner(&PHI, PHI.mass);
        assert!((ph / 50.3 - 1.0).abs() < 0.01, "{ph}");
    }

    #[test]
    fn narrow_resonance_area() {
        // Narrow-width integral: ∫σ d√s = 6π²Γ_ee B_had/M² (from ∫ds/((s−M²)²+M²Γ²) = π/(MΓ)).
        let v = PHI;
        let sigma = |rs: f64| r_breit_wigner(&v, rs) * 4.0 * PI * ALPHA * ALPHA / (3.0 * rs * rs);
        let r = crate::integrate::adaptive(
            sigma,
            &[v.mass - 200.0 * v.width, v.mass, v.mass + 200.0 * v.width],
            1e-9,
            0.0,
            500,
        )
        .unwrap();
        let expect =
            6.0 * PI * PI * v.width_ee * (1.0 - 2.0 * v.width_ee / v.width) / (v.mass * v.mass);
        assert!(
            (r.value / expect - 1.0).abs() < 0.01,
            "{} vs {expect}",
            r.value
        );
    }

    #[test]
    fn continuum_and_thresholds() {
        // Above the resonances R → 3ΣQ²(1 + α_s/π) = 2.19 for u, d, s (BES measured R ≈ 2.2–2.4
        // between 2 and 3 GeV, PRL 88 (2002) 101802); zero below the ππ threshold.
        let r = r_ratio(2.5);
        assert!((r / 2.2 - 1.0).abs() < 0.1, "{r}");
        assert_eq!(r_ratio(0.27), 0.0);
        assert!(r_ratio(0.3) > 0.0 && r_ratio(0.3) < 0.2);
    }
}
