//! Electroproduction e A → e′ X of a beam electron in the beam-line material behind the
//! spectrometer magnets: the physics of the upstream background (paper 002 §VIII (i), paper 003
//! Table I (iii): "escaping large-angle neutrals from the electroproduction in the beam line due
//! to the insufficient HCAL coverage").
//!
//! * Rate: the electron's virtual-photon flux (improved Weizsäcker–Williams, Frixione, Mangano,
//!   Nason, Ridolfi, PLB 319 (1993) 339, eq. 2.5) times the photo-absorption cross section of the
//!   nuclei of the material:
//!   dN/dν = f(y)/E · Σ_layers t N_A/A · σ_γA,  y = ν/E,
//!   f(y) = α/(2π) · [(1 + (1−y)²)/y · ln(Q²_max/Q²_min) + 2 m_e² y (1/Q²_max − 1/Q²_min)],
//!   Q²_min = m_e² y²/(1−y), Q²_max = m_ρ² (vector-meson dominance of σ_γ*A),
//!   σ_γA = σ_γPb (A/207.2)^0.91 (the target source's cross section, flat above a few GeV).
//!   The electron keeps E′ = E − ν and goes on to the ECAL (its momentum was measured before).
//! * Escape: the hadrons X (energies E_j, Σ E_j = ν) miss the calorimeters if their angle
//!   p_T/E_j exceeds θ_a = R/D (acceptance radius R seen from a distance D). With the
//!   exponential transverse-momentum distribution dN/dp_T = e^{−p_T/⟨p_T⟩}/⟨p_T⟩ of each
//!   hadron, P(p_T > E_j θ_a) = e^{−E_j θ_a/⟨p_T⟩}, and for independent hadrons the product is
//!   P_esc(ν) = exp(−ν θ_a/⟨p_T⟩) whatever the multiplicity and the sharing of ν.
//!
//! The E_ECAL spectrum of escaping events is therefore f(y)/E · e^{−κ(E−E′)} with
//! κ = θ_a/⟨p_T⟩: not a pure exponential in E′ (the flux factor ∝ 1/ν), and normalised per EOT
//! over the whole range, below the trigger threshold or above it.

use aprime_core::rng::{Rng, u01};
use aprime_experiment::DetectorConfig;
use aprime_physics::constants::{ALPHA, M_E, N_A};

/// Mass number of Pb, the reference of `photonuclear_pb_mb`.
const A_PB: f64 = 207.2;

/// Equivalent-photon number per electron per unit y = ν/E (Frixione et al. 1993 eq. 2.5), for
/// photons of virtuality up to `q2_max` \[GeV²\]; 0 where Q²_min ≥ Q²_max.
pub fn photon_flux_per_y(y: f64, q2_max: f64) -> f64 {
    if !(y > 0.0 && y < 1.0) {
        return 0.0;
    }
    let me2 = M_E * M_E;
    let q2_min = me2 * y * y / (1.0 - y);
    if q2_min >= q2_max {
        return 0.0;
    }
    let f = (1.0 + (1.0 - y).powi(2)) / y * (q2_max / q2_min).ln()
        + 2.0 * me2 * y * (1.0 / q2_max - 1.0 / q2_min);
    (ALPHA / (2.0 * std::f64::consts::PI) * f).max(0.0)
}

/// The upstream electroproduction of one run: material, flux cut-off and escape cone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Electroproduction {
    /// Σ_layers t N_A/A σ_γA: photo-absorption probability of a real photon crossing the
    /// material (dimensionless).
    pub absorption: f64,
    /// Q²_max of the flux \[GeV²\].
    pub q2_max_gev2: f64,
    /// Escape exponent κ = θ_a/⟨p_T⟩ \[1/GeV\].
    pub kappa_per_gev: f64,
}

impl Electroproduction {
    /// From the detector model and run `run`.
    pub fn new(cfg: &DetectorConfig, run: usize) -> Self {
        let ph = &cfg.physics;
        let sigma_pb_cm2 = ph.photonuclear_pb_mb * 1e-27;
        let absorption = ph
            .upstream_material
            .iter()
            .map(|l| l.g_cm2 * N_A / l.a * sigma_pb_cm2 * (l.a / A_PB).powf(0.91))
            .sum();
        let theta =
            ph.upstream_acceptance_radius_cm * 1e-2 / cfg.runs[run].upstream_escape_distance_m;
        Self {
            absorption,
            q2_max_gev2: ph.upstream_q2_max_gev2,
            kappa_per_gev: theta / ph.upstream_mean_pt_gev,
        }
    }

    /// Virtuality Q² \[GeV²\] of the exchanged photon for an electron of energy `e` transferring
    /// `nu`, drawn from the transverse-photon density of the flux,
    /// dN/dQ² ∝ [(1 + (1−y)²) − 2(1−y) Q²_min/Q²]/Q² on \[Q²_min, Q²_max\] (ln Q² uniform, then
    /// rejection on the bracket).
    pub fn sample_q2(&self, e: f64, nu: f64, r: &mut Rng) -> f64 {
        let y = (nu / e).clamp(1e-9, 1.0 - 1e-9);
        let q2_min = M_E * M_E * y * y / (1.0 - y);
        if q2_min >= self.q2_max_gev2 {
            return q2_min;
        }
        let (a, b) = (1.0 + (1.0 - y).powi(2), 2.0 * (1.0 - y));
        let (lo, hi) = (q2_min.ln(), self.q2_max_gev2.ln());
        let mut q2 = self.q2_max_gev2;
        for _ in 0..1000 {
            q2 = (lo + (hi - lo) * u01(r)).exp();
            if u01(r) * a <= a - b * q2_min / q2 {
                break;
            }
        }
        q2
    }

    /// Scattering angle \[rad\] of the electron (E → E − ν) for virtuality `q2`:
    /// Q² = Q²_min + E E′ θ² (small angles).
    pub fn electron_angle(e: f64, nu: f64, q2: f64) -> f64 {
        let y = (nu / e).clamp(0.0, 1.0 - 1e-12);
        let q2_min = M_E * M_E * y * y / (1.0 - y);
        ((q2 - q2_min).max(0.0) / (e * (e - nu))).sqrt()
    }

    /// Interactions per EOT per GeV of energy transfer `nu` for an electron of energy `e` \[GeV\].
    pub fn per_gev(&self, e: f64, nu: f64) -> f64 {
        photon_flux_per_y(nu / e, self.q2_max_gev2) / e * self.absorption
    }

    /// Probability that all hadronic secondaries of energy `nu` escape the calorimeters.
    pub fn escape(&self, nu: f64) -> f64 {
        (-self.kappa_per_gev * nu.max(0.0)).exp()
    }

    /// Interactions per EOT with ν in \[lo, hi\] for an electron of energy `e`, each weighted by
    /// `g(ν)` (Simpson's rule in ln ν, 400 intervals).
    pub fn integral(&self, e: f64, lo: f64, hi: f64, g: impl Fn(f64) -> f64) -> f64 {
        if !(hi > lo && lo > 0.0) {
            return 0.0;
        }
        let n = 400;
        let (a, b) = (lo.ln(), hi.ln());
        let h = (b - a) / f64::from(n);
        let term = |k: u32| {
            let nu = (a + h * f64::from(k)).exp();
            self.per_gev(e, nu) * g(nu) * nu
        };
        let mut s = term(0) + term(n);
        for k in 1..n {
            s += term(k) * if k % 2 == 1 { 4.0 } else { 2.0 };
        }
        s * h / 3.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_core::rng::{exp1, stream};

    #[test]
    fn flux_is_the_q2_integral_of_the_transverse_photon_density() {
        // dN/(dy dQ²) = α/(2π Q²) [(1 + (1−y)²)/y − 2 (1−y)/y · Q²_min/Q²] (Budnev et al., Phys.
        // Rep. 15 (1975) 181, real-photon limit), integrated numerically in ln Q² from Q²_min to
        // m_ρ², against the closed form of Frixione et al. eq. 2.5.
        let q2_max = 0.59;
        for y in [0.05, 0.3, 0.5, 0.8, 0.97] {
            let q2_min = M_E * M_E * y * y / (1.0 - y);
            let (a, b) = (q2_min.ln(), f64::ln(q2_max));
            let n = 20_000;
            let h = (b - a) / f64::from(n);
            let mut s = 0.0;
            for k in 0..n {
                let q2 = (a + h * (f64::from(k) + 0.5)).exp();
                let d = ALPHA / (2.0 * std::f64::consts::PI)
                    * ((1.0 + (1.0 - y).powi(2)) / y - 2.0 * (1.0 - y) / y * q2_min / q2);
                s += d * h;
            }
            let closed = photon_flux_per_y(y, q2_max);
            assert!((s / closed - 1.0).abs() < 1e-4, "y = {y}: {s} vs {closed}");
        }
        assert_eq!(photon_flux_per_y(0.0, 0.59), 0.0);
        assert_eq!(photon_flux_per_y(1.0, 0.59), 0.0);
    }

    #[test]
    fn sampled_virtualities_follow_the_flux_density() {
        // The fraction of Q² above 1e-4 GeV² from the sampler against the same ratio of the
        // numerical Q² integrals of the flux density (Budnev et al. 1975, as above), y = 0.5.
        let (e, nu, q2_max) = (100.0, 50.0, 0.59);
        let ep = Electroproduction {
            absorption: 1.0,
            q2_max_gev2: q2_max,
            kappa_per_gev: 0.2,
        };
        let y: f64 = nu / e;
        let q2_min = M_E * M_E * y * y / (1.0 - y);
        let dens = |q2: f64| ((1.0 + (1.0 - y).powi(2)) - 2.0 * (1.0 - y) * q2_min / q2) / q2;
        let integral = |a: f64, b: f64| {
            let n = 20_000;
            let h = (b / a).ln() / f64::from(n);
            (0..n)
                .map(|k| {
                    let q2 = a * (h * (f64::from(k) + 0.5)).exp();
                    dens(q2) * q2 * h
                })
                .sum::<f64>()
        };
        let want = integral(1e-4, q2_max) / integral(q2_min, q2_max);
        let mut r = stream(5);
        let n = 200_000;
        let above = (0..n)
            .filter(|_| ep.sample_q2(e, nu, &mut r) > 1e-4)
            .count();
        let got = above as f64 / f64::from(n);
        let err = (want * (1.0 - want) / f64::from(n)).sqrt();
        assert!((got - want).abs() < 4.0 * err, "{got} vs {want}");
        // Q² = Q²_min + E E′ θ²: θ at Q² − Q²_min = 0.5 GeV² and E′ = 50 GeV is 10 mrad.
        let th = Electroproduction::electron_angle(e, nu, 0.5 + q2_min);
        assert!((th - 0.01).abs() < 1e-9, "{th}");
    }

    #[test]
    fn escape_of_a_hadron_system_is_exponential_in_its_energy_for_any_multiplicity() {
        // Monte Carlo of the derivation: ν shared uniformly at random (stick breaking) among
        // 1–6 hadrons, each with an exponential p_T of mean 0.35 GeV; the fraction with every
        // hadron outside θ_a = 0.08 rad must be exp(−ν θ_a/⟨p_T⟩).
        let (theta, pt) = (0.08, 0.35);
        let mut r = stream(17);
        for (nu, mult) in [(10.0, 1), (10.0, 4), (25.0, 2), (25.0, 6)] {
            let n = 400_000;
            let mut hit = 0u32;
            for _ in 0..n {
                let mut cuts: Vec<f64> = (0..mult - 1).map(|_| u01(&mut r)).collect();
                cuts.push(0.0);
                cuts.push(1.0);
                cuts.sort_by(f64::total_cmp);
                let escaped = cuts.windows(2).all(|w| {
                    let e = nu * (w[1] - w[0]);
                    pt * exp1(&mut r) > e * theta
                });
                hit += u32::from(escaped);
            }
            let p = f64::from(hit) / f64::from(n);
            let want = f64::exp(-nu * theta / pt);
            let err = (want * (1.0 - want) / f64::from(n)).sqrt();
            assert!(
                (p - want).abs() < 4.0 * err,
                "ν = {nu}, {mult} hadrons: {p} vs {want}"
            );
        }
    }
}
