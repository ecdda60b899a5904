//! The strongly interacting part of the Standard-Model plasma: ρ/T⁴, p/T⁴, s/T³ of hadrons
//! below the QCD crossover and of quarks and gluons above it.
//!
//! - T ≤ 120 MeV: ideal hadron-resonance gas of the light hadrons (π, K, η, ρ, ω, K*, η', N, φ;
//!   PDG 2024 masses) — heavier states add < 1% of the QCD pressure there.
//! - T ≥ 160 MeV: (2+1)-flavour lattice QCD equation of state, the HotQCD parametrisation of
//!   p/T⁴ (Bazavov et al., PRD 90 094503 (2014), §V: T_c = 154 MeV, c_t = 3.8706,
//!   t₀ = 0.9761, a_n = −8.7704, b_n = 3.9200, d_n = 0.3419, a_d = −1.2600, b_d = 0.8425,
//!   d_d = −0.0475, p_id = 95π²/180); s/T³ = 4P + tP′ and ρ/T⁴ = 3P + tP′ from P(t), t = T/T_c.
//!   Fitted to lattice data up to ≈ 400 MeV and built to approach the Stefan–Boltzmann limit;
//!   above that it is an extrapolation (≈ 8% below the free gas at 1 GeV). Charm, bottom and
//!   top are added as free quarks (masses PDG 2024, MS-bar c and b, pole t).
//! - 120–160 MeV: the two are joined with a C¹ smooth step in T on ρ, p and s separately, which is
//!   not exactly thermodynamically consistent inside the join. It matters for freeze-out only
//!   for m_χ ≈ 2–4 GeV (T_f ≈ m_χ/20); for the sub-GeV masses of this project T_f < 60 MeV.

use std::f64::consts::PI;

use super::ideal_gas::{Statistics, Thermo, thermo};

/// A hadron species of the resonance gas: (mass \[GeV\], degrees of freedom, statistics).
const HADRONS: [(f64, f64, Statistics); 14] = [
    (0.139_570_39, 2.0, Statistics::Boson), // π±
    (0.134_976_8, 1.0, Statistics::Boson),  // π⁰
    (0.493_677, 2.0, Statistics::Boson),    // K±
    (0.497_611, 2.0, Statistics::Boson),    // K⁰, K̄⁰
    (0.547_862, 1.0, Statistics::Boson),    // η
    (0.775_26, 9.0, Statistics::Boson),     // ρ (3 charges × 3 spins)
    (0.782_66, 3.0, Statistics::Boson),     // ω
    (0.891_67, 6.0, Statistics::Boson),     // K*(892)±
    (0.895_55, 6.0, Statistics::Boson),     // K*(892)⁰, K̄*⁰
    (0.957_78, 1.0, Statistics::Boson),     // η′
    (0.938_272, 4.0, Statistics::Fermion),  // p, p̄
    (0.939_565, 4.0, Statistics::Fermion),  // n, n̄
    (1.019_461, 3.0, Statistics::Boson),    // φ
    (1.232, 32.0, Statistics::Fermion),     // Δ(1232) and anti-Δ (4 charges × 4 spins × 2)
];

/// Heavy quarks added as free Fermi gases above the crossover: (mass \[GeV\], dof = 4 × 3).
const HEAVY_QUARKS: [f64; 3] = [1.273, 4.183, 172.57];

/// Lower and upper ends of the hadron-gas → lattice join \[GeV\].
const JOIN: (f64, f64) = (0.120, 0.160);

/// HotQCD critical temperature of the parametrisation \[GeV\].
const HOTQCD_TC: f64 = 0.154;

/// HotQCD p/T⁴ as a function of t = T/T_c (Bazavov et al. 2014, §V).
fn hotqcd_pressure(t: f64) -> f64 {
    const CT: f64 = 3.8706;
    const T0: f64 = 0.9761;
    const AN: f64 = -8.7704;
    const BN: f64 = 3.9200;
    const DN: f64 = 0.3419;
    const AD: f64 = -1.2600;
    const BD: f64 = 0.8425;
    const DD: f64 = -0.0475;
    let p_id = 95.0 * PI * PI / 180.0;
    let num = p_id + AN / t + BN / (t * t) + DN / t.powi(4);
    let den = 1.0 + AD / t + BD / (t * t) + DD / t.powi(4);
    0.5 * (1.0 + (CT * (t - T0)).tanh()) * num / den
}

/// Lattice (u, d, s, g) thermodynamics from the HotQCD fit, with P′ by a central difference.
fn lattice_light_quarks_gluons(temp: f64) -> Thermo {
    let t = temp / HOTQCD_TC;
    let p = hotqcd_pressure(t);
    let h = 1e-4 * t;
    let dp = (hotqcd_pressure(t + h) - hotqcd_pressure(t - h)) / (2.0 * h);
    Thermo {
        energy: 3.0 * p + t * dp,
        pressure: p,
        entropy: 4.0 * p + t * dp,
    }
}

/// Hadron-resonance-gas thermodynamics.
fn hadron_gas(temp: f64) -> Thermo {
    HADRONS
        .iter()
        .fold(Thermo::default(), |acc, &(m, g, stats)| {
            acc.plus(thermo(m / temp, stats).times(g))
        })
}

/// Quark–gluon phase: lattice light flavours and gluons plus free heavy quarks.
fn quark_gluon(temp: f64) -> Thermo {
    HEAVY_QUARKS
        .iter()
        .fold(lattice_light_quarks_gluons(temp), |acc, &m| {
            acc.plus(thermo(m / temp, Statistics::Fermion).times(12.0))
        })
}

/// C¹ smooth step from 0 (T ≤ JOIN.0) to 1 (T ≥ JOIN.1).
fn join_weight(temp: f64) -> f64 {
    let u = ((temp - JOIN.0) / (JOIN.1 - JOIN.0)).clamp(0.0, 1.0);
    u * u * (3.0 - 2.0 * u)
}

/// ρ/T⁴, p/T⁴, s/T³ of the strongly interacting sector at temperature `temp` \[GeV\].
pub fn qcd_thermo(temp: f64) -> Thermo {
    let w = join_weight(temp);
    if w <= 0.0 {
        hadron_gas(temp)
    } else if w >= 1.0 {
        quark_gluon(temp)
    } else {
        hadron_gas(temp)
            .times(1.0 - w)
            .plus(quark_gluon(temp).times(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hotqcd_fit_values() {
        // Transcription check of the coefficients: the lattice p/T⁴ is ≈ 3 at 300 MeV (HotQCD
        // 2014, pressure figure of §V, read off) and rises monotonically towards the free value
        // 95π²/180 = 5.21 without reaching it.
        let p300 = hotqcd_pressure(0.300 / HOTQCD_TC);
        assert!(p300 > 2.5 && p300 < 3.3, "p/T⁴(300 MeV) = {p300}");
        let p_id = 95.0 * PI * PI / 180.0;
        let mut last = 0.0;
        for i in 0..200 {
            let t = 0.85 + 0.5 * f64::from(i);
            let p = hotqcd_pressure(t);
            assert!(p > last && p < p_id);
            last = p;
        }
    }

    #[test]
    fn hadron_gas_and_lattice_meet_in_the_join() {
        // Both descriptions of the same plasma should agree roughly where they are joined: the
        // HotQCD fit was constrained to the (full) hadron resonance gas below T_c.
        for temp in [0.120, 0.130, 0.140] {
            let (h, l) = (hadron_gas(temp), lattice_light_quarks_gluons(temp));
            let r = h.pressure / l.pressure;
            assert!(r > 0.6 && r < 1.4, "T = {temp}: HRG/lattice pressure = {r}");
        }
    }
}
