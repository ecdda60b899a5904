//! Matrix elements of l N → l N X for the four lepton vertices of [`Vertex`] (scalar 1,
//! pseudoscalar iγ⁵, vector γ^μ, axial γ^μγ⁵), at exact tree level and in the WW limit.
//! Derivation and checks: docs/models.md; the traces were evaluated with
//! crates/physics/derivations/spin_traces.py and are checked in tests/spin_traces.rs against
//! explicit 4×4 Dirac matrices with the γ⁵ vertices and the full massive polarisation sum.
//!
//! **Exact tree level.** Same variables and normalisation as the vector in [`super::etl`]:
//! Σ|M|² = e⁴ g_ℓ² G2(t)/t² · 4X, with t = −(P−P')², s̃ = (p'+k)² − m², ũ = (p−k)² − m²,
//! E = P·p/M, E' = P·p'/M, D = E/s̃ + E'/ũ, m the lepton and μ the X mass. The nuclear current
//! (P+P')^μ → 2P^μ by the photon Ward identity, which holds for every X vertex.
//!
//! Spin 0, with κ_S = 4m² − μ² (scalar) and κ_P = −μ² (pseudoscalar):
//!
//! X/M² = 8κD² − 8t(E−E')²/(s̃ũ) + (4t/M)[E(−κ/s̃² + (κ+2t+ũ)/(s̃ũ) + 1/ũ)
//!        − E'((κ+2t+ũ)/(s̃ũ) − (κ−ũ)/ũ²)] + 2(s̃+ũ)²/(s̃ũ) − 2κt(1/s̃ + 1/ũ)²
//!        − (2t²/M²)[(κ+t+ũ)/(s̃ũ) + 1/ũ].
//!
//! Axial, with K_A = μ² − 4m² and ρ = 2m²/μ² (the longitudinal polarisation: k_ν M^ν_A =
//! −2m M_P, so the k^μk^ν/μ² part of the polarisation sum adds (4m²/μ²)·Σ|M_P|²):
//!
//! X/M² = −16K_A D² − 16t(E²+E'²)/(s̃ũ) − 16ρt(E−E')²/(s̃ũ)
//!        + (8tE/M)[K_A/s̃² + (t − K_A + ρ(2t+ũ))/(s̃ũ) + (1+ρ)/ũ]
//!        − (8tE'/M)[(t + ũ − K_A + ρ(2t+ũ))/(s̃ũ) + (K_A + ρũ)/ũ²]
//!        + 4(s̃/ũ + ũ/s̃) + 4ρ(s̃+ũ)²/(s̃ũ) + 4tK_A/s̃² + 4t(K_A+2ũ)/ũ² + 8t(t+ũ−K_A)/(s̃ũ)
//!        − (4ρt²/M²)[(t+ũ)/(s̃ũ) + 1/ũ].
//!
//! The vector is [`super::etl::trace_4x`] (K = μ² + 2m²). For m → 0 κ_S = κ_P and the axial
//! expression becomes the vector one: the chirality limit.
//!
//! **WW limit** (exact A' kinematics, DMG4 App. A eq. 16–17, [`super::exact`]): the 2→2
//! γl → lX squared amplitude at s̃ = −U/(1−x), ũ = U, t₂ = Ux/(1−x) + μ² (U < 0) is
//! Σ|M₂→₂|² = 4 e² g_ℓ² |A|² with |A|² = a(x)/(1−x) + c·(Ux + μ²(1−x) + m²x²)/U² and
//!
//! | vertex | a(x) | c |
//! |---|---|---|
//! | vector | 2(2 − 2x + x²) | 4(μ² + 2m²) |
//! | axial | 2(2 − 2x + x²) + 4m²x²/μ² | 4(μ² − 4m²) |
//! | scalar | x² | 2(μ² − 4m²) |
//! | pseudoscalar | x² | 2μ² |
//!
//! (the vector row is DMG4's |A|²). The small-angle θ integral with the flux frozen at θ = 0
//! gives the improved-WW dσ/dx = α³ β χ [a/Ũ − c x(1−x)/(6Ũ²)], Ũ = μ²(1−x)/x + m²x; for
//! m → 0 the bracket is 4x(1 − x + x²/3)/(μ²(1−x)) (V, A) and (2/3)x³/(μ²(1−x)) (S, P), so
//! the leading logarithm of S and P is half that of V and A.

use crate::model::Vertex;

/// Azimuthal moments of s̃ = a + b cos φ that the averaged matrix element needs: ⟨s̃⟩,
/// ⟨1/s̃⟩, ⟨1/s̃²⟩ and Var(1/s̃) = ⟨1/s̃²⟩ − ⟨1/s̃⟩² (zero at a fixed point).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StMoments {
    /// ⟨s̃⟩ \[GeV²\].
    pub mean: f64,
    /// ⟨1/s̃⟩ \[GeV⁻²\].
    pub inv: f64,
    /// ⟨1/s̃²⟩ \[GeV⁻⁴\].
    pub inv2: f64,
    /// Var(1/s̃) \[GeV⁻⁴\].
    pub var_inv: f64,
}

impl StMoments {
    /// The moments of a single value s̃ (no averaging).
    pub fn at(s_tilde: f64) -> Self {
        let inv = 1.0 / s_tilde;
        Self {
            mean: s_tilde,
            inv,
            inv2: inv * inv,
            var_inv: 0.0,
        }
    }
}

/// Invariants of one ETL phase-space point other than s̃ (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EtlPoint {
    /// Lepton mass m \[GeV\].
    pub m: f64,
    /// X mass μ \[GeV\].
    pub mu: f64,
    /// Nucleus mass M \[GeV\].
    pub big_m: f64,
    /// Momentum transfer t \[GeV²\].
    pub t: f64,
    /// ũ = (p−k)² − m² \[GeV²\].
    pub u_tilde: f64,
    /// E = P·p/M \[GeV\].
    pub e_in: f64,
    /// E' = P·p'/M \[GeV\].
    pub e_out: f64,
}

/// X/M² of the module docs for a spin-0 vertex with parameter κ, averaged with the moments of s̃.
fn spin0_x_over_m2(kappa: f64, q: &EtlPoint, s: &StMoments) -> f64 {
    let (t, ut, bm) = (q.t, q.u_tilde, q.big_m);
    let (e, ep) = (q.e_in, q.e_out);
    let lead = ep / ut + e * s.inv;
    let de = e - ep;
    let kt = kappa + 2.0 * t + ut;
    8.0 * kappa * (lead * lead + e * e * s.var_inv) - 8.0 * t * de * de * s.inv / ut
        + 4.0 * t / bm
            * (e * (-kappa * s.inv2 + kt * s.inv / ut + 1.0 / ut)
                - ep * (kt * s.inv / ut - (kappa - ut) / (ut * ut)))
        + 2.0 * (s.mean / ut + 2.0 + ut * s.inv)
        - 2.0 * kappa * t * (s.inv2 + 2.0 * s.inv / ut + 1.0 / (ut * ut))
        - 2.0 * t * t / (bm * bm) * ((kappa + t + ut) * s.inv / ut + 1.0 / ut)
}

/// X/M² of the module docs for the axial vertex, averaged with the moments of s̃.
fn axial_x_over_m2(q: &EtlPoint, s: &StMoments) -> f64 {
    let (m, mu, t, ut, bm) = (q.m, q.mu, q.t, q.u_tilde, q.big_m);
    let (e, ep) = (q.e_in, q.e_out);
    let ka = mu * mu - 4.0 * m * m;
    let rho = 2.0 * m * m / (mu * mu);
    let lead = ep / ut + e * s.inv;
    let de = e - ep;
    let r2 = rho * (2.0 * t + ut);
    -16.0 * ka * (lead * lead + e * e * s.var_inv)
        - 16.0 * t * (e * e + ep * ep) * s.inv / ut
        - 16.0 * rho * t * de * de * s.inv / ut
        + 8.0 * t * e / bm * (ka * s.inv2 + (t - ka + r2) * s.inv / ut + (1.0 + rho) / ut)
        - 8.0 * t * ep / bm * ((t + ut - ka + r2) * s.inv / ut + (ka + rho * ut) / (ut * ut))
        + 4.0 * (s.mean / ut + ut * s.inv)
        + 4.0 * rho * (s.mean / ut + 2.0 + ut * s.inv)
        + 4.0 * t * ka * s.inv2
        + 4.0 * t * (ka + 2.0 * ut) / (ut * ut)
        + 8.0 * t * (t + ut - ka) * s.inv / ut
        - 4.0 * rho * t * t / (bm * bm) * ((t + ut) * s.inv / ut + 1.0 / ut)
}

/// The vector X/M² (the closed form of [`super::etl::trace_4x`]) with s̃ moments. The ETL
/// integrator keeps its own inline copy of this expression for the dark photon so that its
/// numbers stay bit-identical; this one serves the Z' models and the tests.
fn vector_x_over_m2(q: &EtlPoint, s: &StMoments) -> f64 {
    let (m, mu, t, ut, bm) = (q.m, q.mu, q.t, q.u_tilde, q.big_m);
    let (e, ep) = (q.e_in, q.e_out);
    let kk = 2.0 * m * m + mu * mu;
    let lead = ep / ut + e * s.inv;
    -16.0 * kk * (lead * lead + e * e * s.var_inv) - 16.0 * t * (e * e + ep * ep) * s.inv / ut
        + 4.0 * t * (kk * (1.0 / (ut * ut) + s.inv2) + 2.0 * (2.0 * m * m - mu * mu) * s.inv / ut)
        + 4.0
            * (s.mean / ut + ut * s.inv + 2.0 * t / ut + 2.0 * t * s.inv + 2.0 * t * t * s.inv / ut)
        + 8.0 * t * e / (bm * ut) * (1.0 + (t - kk) * s.inv + kk * ut * s.inv2)
        - 8.0 * t * ep / (bm * ut * ut) * (kk + (ut * t + ut * ut - kk * ut) * s.inv)
        + 8.0 * m * m * t * t * s.inv / (bm * bm * ut)
}

/// X/M² (module docs) of a vertex at one point, or averaged over the azimuth of the momentum
/// transfer when `s` holds the azimuthal moments of s̃. Dimensionless; Σ|M|² = e⁴g_ℓ²G2/t²·4X.
pub fn x_over_m2(vertex: Vertex, q: &EtlPoint, s: &StMoments) -> f64 {
    match vertex {
        Vertex::Vector => vector_x_over_m2(q, s),
        Vertex::Axial => axial_x_over_m2(q, s),
        Vertex::Scalar => spin0_x_over_m2(4.0 * q.m * q.m - q.mu * q.mu, q, s),
        Vertex::Pseudoscalar => spin0_x_over_m2(-q.mu * q.mu, q, s),
    }
}

/// The spin-summed 4X \[GeV²\] of a vertex at one point (the analogue of
/// [`super::etl::trace_4x`]): Σ|M|² = e⁴ g_ℓ² G2(t)/t² · 4X.
pub fn trace_4x(vertex: Vertex, q: &EtlPoint, s_tilde: f64) -> f64 {
    4.0 * q.big_m * q.big_m * x_over_m2(vertex, q, &StMoments::at(s_tilde))
}

/// The WW-limit coefficients (a(x), c) of |A|² = a/(1−x) + c(Ux + μ²(1−x) + m²x²)/U² (module
/// docs table) for lepton mass `m`, X mass `mu` \[GeV\]; c in GeV².
pub fn ww_coefficients(vertex: Vertex, x: f64, m: f64, mu: f64) -> (f64, f64) {
    let (m2, mu2) = (m * m, mu * mu);
    match vertex {
        Vertex::Vector => (2.0 * (2.0 - 2.0 * x + x * x), 4.0 * (mu2 + 2.0 * m2)),
        Vertex::Axial => (
            2.0 * (2.0 - 2.0 * x + x * x) + 4.0 * m2 * x * x / mu2,
            4.0 * (mu2 - 4.0 * m2),
        ),
        Vertex::Scalar => (x * x, 2.0 * (mu2 - 4.0 * m2)),
        Vertex::Pseudoscalar => (x * x, 2.0 * mu2),
    }
}

/// |A|² of the exact-kinematics WW formula at energy fraction x and u = −U \[GeV²\] (module docs).
pub fn ww_amplitude_sq(vertex: Vertex, x: f64, m: f64, mu: f64, u: f64) -> f64 {
    let (a, c) = ww_coefficients(vertex, x, m, mu);
    a / (1.0 - x) + c * (-u * x + mu * mu * (1.0 - x) + m * m * x * x) / (u * u)
}

/// The improved-WW bracket a/Ũ − c x(1−x)/(6Ũ²) \[GeV⁻²\] at Ũ = `u0` (module docs): the θ
/// integral of |A|²/U² in the small-angle limit, so that dσ/dx = α³ β χ × this.
pub fn iww_bracket(vertex: Vertex, x: f64, m: f64, mu: f64, u0: f64) -> f64 {
    let (a, c) = ww_coefficients(vertex, x, m, mu);
    a / u0 - c * x * (1.0 - x) / (6.0 * u0 * u0)
}

/// Leading-logarithm coefficient C of the simplified WW total σ = C α³ χ ln(1/δ) β / μ²
/// (paper 002 eq. 9 has C = 4/3 for the vector): the m → 0 bracket μ²(1−x)·[…] at x = 1,
/// 4/3 for vector and axial, 2/3 for scalar and pseudoscalar (module docs).
pub fn leading_log_coefficient(vertex: Vertex) -> f64 {
    match vertex {
        Vertex::Vector | Vertex::Axial => 4.0 / 3.0,
        Vertex::Scalar | Vertex::Pseudoscalar => 2.0 / 3.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vector_form_equals_the_etl_closed_form() {
        // The vector copy here must be the expression of etl::trace_4x.
        let q = EtlPoint {
            m: 0.3,
            mu: 0.7,
            big_m: 3.1,
            t: 0.02,
            u_tilde: -0.9,
            e_in: 5.0,
            e_out: 3.2,
        };
        let st = 1.3;
        let a = trace_4x(Vertex::Vector, &q, st);
        let b =
            super::super::etl::trace_4x(q.m, q.mu, q.big_m, q.t, st, q.u_tilde, q.e_in, q.e_out);
        assert!((a / b - 1.0).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn chirality_limit_of_the_coefficients() {
        // m → 0: axial → vector and scalar → pseudoscalar, term by term.
        for x in [0.1, 0.5, 0.99] {
            let (av, cv) = ww_coefficients(Vertex::Vector, x, 0.0, 0.1);
            let (aa, ca) = ww_coefficients(Vertex::Axial, x, 0.0, 0.1);
            let (as_, cs) = ww_coefficients(Vertex::Scalar, x, 0.0, 0.1);
            let (ap, cp) = ww_coefficients(Vertex::Pseudoscalar, x, 0.0, 0.1);
            assert!(av == aa && cv == ca && as_ == ap && cs == cp);
        }
    }
}
