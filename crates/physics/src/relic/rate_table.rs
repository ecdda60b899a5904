//! ⟨σv⟩_eff(x)/ε² of one dark-photon portal tabulated in x = m_χ/T for the freeze-out solver.
//!
//! Away from the A' pole σ ∝ ε² at fixed α_D (the A' width is ≈ Γ(A' → χχ), independent of ε,
//! since α_D ≫ αε²), so one table serves every ε of the root search; the width's ε-dependence is
//! restored by rebuilding the table at the solution when it matters (see [`super::target`]).
//! 20 points per decade in x from 1 to 10⁵ (thermal averages to 10⁻⁵), interpolated by
//! Catmull–Rom cubics in (ln x, ln ⟨σv⟩): Ω h² within 10⁻³ of a 60-per-decade, 10⁻⁹ table.

use super::cross_section::DarkPhotonPortal;
use super::error::RelicError;
use super::thermal_average::thermal_average;

/// Default points per decade of x.
pub const PER_DECADE: f64 = 20.0;
/// Default relative precision of each thermal average.
pub const REL_TOL: f64 = 1e-5;

/// Tabulated ln(⟨σv⟩_eff/ε²) on a log-uniform grid of x.
#[derive(Debug, Clone, PartialEq)]
pub struct RateTable {
    log_x0: f64,
    per_decade: f64,
    ln_rate: Vec<f64>,
}

impl RateTable {
    /// Tabulates ⟨σv⟩_eff/ε² \[GeV⁻²\] of `portal` for x from `x_start` to `x_end` with the
    /// default density and precision.
    pub fn build(portal: &DarkPhotonPortal, x_start: f64, x_end: f64) -> Result<Self, RelicError> {
        Self::build_with(portal, x_start, x_end, PER_DECADE, REL_TOL)
    }

    /// As [`Self::build`] with `per_decade` points per decade and thermal averages to `rel_tol`.
    pub fn build_with(
        portal: &DarkPhotonPortal,
        x_start: f64,
        x_end: f64,
        per_decade: f64,
        rel_tol: f64,
    ) -> Result<Self, RelicError> {
        let log_x0 = x_start.log10();
        let n = ((x_end.log10() - log_x0) * per_decade).ceil() as usize + 1;
        let features = portal.features();
        let inv_eps2 = 1.0 / (portal.eps * portal.eps);
        let ln_rate = (0..n)
            .map(|i| {
                let x = 10f64.powf(log_x0 + i as f64 / per_decade);
                thermal_average(|s| portal.sigma_eff(s), portal.m_chi, x, &features, rel_tol)
                    .map(|v| (v * inv_eps2).ln())
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            log_x0,
            per_decade,
            ln_rate,
        })
    }

    /// ⟨σv⟩_eff/ε² \[GeV⁻²\] at x (clamped to the table).
    pub fn at(&self, x: f64) -> f64 {
        let n = self.ln_rate.len();
        let u = ((x.log10() - self.log_x0) * self.per_decade).clamp(0.0, (n - 1) as f64);
        let i = (u.floor() as usize).min(n - 2);
        let t = u - i as f64;
        let p = |k: isize| self.ln_rate[(i as isize + k).clamp(0, n as isize - 1) as usize];
        let (p0, p1, p2, p3) = (p(-1), p(0), p(1), p(2));
        // Catmull–Rom cubic through p1 (t = 0) and p2 (t = 1).
        let v = p1
            + 0.5
                * t
                * (p2 - p0
                    + t * (2.0 * p0 - 5.0 * p1 + 4.0 * p2 - p3 + t * (3.0 * (p1 - p2) + p3 - p0)));
        v.exp()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::relic::boltzmann::{FreezeOutGrid, FreezeOutOptions};
    use crate::relic::kind::DarkMatterKind;

    #[test]
    fn default_table_is_converged() {
        // The hardest case measured: p-wave scalar with the narrow A' pole (α_D = 0.005) near
        // its thermal target; Ω h² from the default table within 10⁻³ of a 60-per-decade table
        // of 10⁻⁹ thermal averages.
        let kind = DarkMatterKind::ComplexScalar;
        let p = DarkPhotonPortal::new(kind, 0.01, 3.0, 0.005, 4.35e-4).unwrap();
        let o = FreezeOutOptions::default();
        let omega = |t: &RateTable| {
            FreezeOutGrid::new(0.01, kind.degrees_of_freedom(), |x| t.at(x), &o)
                .solve(p.eps * p.eps)
                .unwrap()
                .omega_h2
        };
        let coarse = omega(&RateTable::build(&p, o.x_start, o.x_end).unwrap());
        let fine = omega(&RateTable::build_with(&p, o.x_start, o.x_end, 60.0, 1e-9).unwrap());
        assert!((coarse / fine - 1.0).abs() < 1e-3, "{coarse} vs {fine}");
    }
}
