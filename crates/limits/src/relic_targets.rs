//! Thermal relic targets of the light-dark-matter plots, computed by the freeze-out solver
//! (`aprime_physics::relic`, docs/relic.md) instead of paper 002 eq. 5 with a constant f: the y
//! that gives Ω h² = 0.120 for a complex scalar, a Majorana and a pseudo-Dirac χ annihilating
//! through the dark photon, m_A' = 3 m_χ, α_D = 0.5.
//!
//! The solver costs ≈ 1–3 ms per mass and candidate (docs/relic.md, benchmarks), ≈ 0.5 s of CPU
//! for the curves of a report; so the curves of the conventional interpretation (m_A'/m_χ = 3,
//! α_D = 0.5, the α_D of paper 000's and 002's relic lines) are tabulated once in
//! `data/thermal_targets.csv` (30 masses per decade from m_χ = 0.6 MeV to 1 GeV, finer at the
//! μ⁺μ⁻ threshold and in the ρ/ω/φ windows) and interpolated log–log; the test
//! `table_is_the_solver` recomputes it and `APRIME_BLESS=1` rewrites it. Other mass ratios or
//! α_D are solved on the fly. Below m_χ = m_e there is no tree-level target (docs/relic.md):
//! the curves start at 0.6 MeV and give `None` below.

use std::sync::OnceLock;

use aprime_physics::relic::{DarkMatterKind, RelicError, ThermalTargetCurve, ThermalTargetOptions};
use serde::{Deserialize, Serialize};

/// α_D of the tabulated relic lines (paper 000 Fig. 4, paper 002 Fig. 16: the targets for
/// α_D = 0.5; at α_D = 0.1 they are 0–8% lower, docs/relic.md).
pub const TABLE_ALPHA_D: f64 = 0.5;
/// m_A'/m_χ of the tabulated relic lines.
pub const TABLE_MASS_RATIO: f64 = 3.0;
/// The candidates, in the column order of the table.
pub const KINDS: [DarkMatterKind; 3] = DarkMatterKind::ALL;

/// The tabulated curves (m_χ \[GeV\], then y per candidate of [`KINDS`]).
const TABLE: &str = include_str!("../data/thermal_targets.csv");

/// The relic y of each candidate at one m_χ (`None` outside the curves).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RelicY {
    /// Complex scalar χ.
    pub complex_scalar: Option<f64>,
    /// Majorana χ.
    pub majorana: Option<f64>,
    /// Pseudo-Dirac χ (small splitting).
    pub pseudo_dirac: Option<f64>,
}

/// Relic-target curves y(m_χ) of the three candidates at one α_D and mass ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct RelicTargets {
    /// α_D.
    pub alpha_d: f64,
    /// m_A'/m_χ.
    pub mass_ratio: f64,
    /// m_χ \[GeV\], ascending.
    pub m_chi: Vec<f64>,
    /// y per candidate of [`KINDS`], at `m_chi`.
    pub y: [Vec<f64>; 3],
}

/// The masses of the table \[GeV\]: 30 per decade from 0.6 MeV to 1 GeV plus 1 MeV steps over
/// m_χ = 0.100–0.115 GeV (μ⁺μ⁻ opens) and 5 MeV steps over 0.30–0.55 GeV (ρ, ω, φ).
pub fn table_masses() -> Vec<f64> {
    let (lo, hi) = (6e-4_f64, 1.0_f64);
    let n = ((hi / lo).log10() * 30.0).ceil() as usize;
    let mut m: Vec<f64> = (0..=n)
        .map(|i| lo * (hi / lo).powf(i as f64 / n as f64))
        .collect();
    m.extend((100..=115).map(|i| f64::from(i) * 1e-3));
    m.extend((60..=110).map(|i| f64::from(i) * 5e-3));
    m.sort_by(f64::total_cmp);
    m.dedup_by(|a, b| (*a / *b - 1.0).abs() < 1e-3);
    m
}

impl RelicTargets {
    /// Solve the three curves on `masses` (ascending) with the freeze-out solver.
    pub fn solve(alpha_d: f64, mass_ratio: f64, masses: &[f64]) -> Result<Self, RelicError> {
        let opts = ThermalTargetOptions {
            mass_ratio,
            ..ThermalTargetOptions::default()
        };
        let mut y: [Vec<f64>; 3] = Default::default();
        for (k, kind) in KINDS.iter().enumerate() {
            let c = ThermalTargetCurve::build_on(*kind, alpha_d, masses, &opts)?;
            y[k] = c.points.iter().map(|p| p.y).collect();
        }
        Ok(Self {
            alpha_d,
            mass_ratio,
            m_chi: masses.to_vec(),
            y,
        })
    }

    /// The tabulated curves (α_D = 0.5, m_A' = 3 m_χ), parsed once.
    pub fn table() -> &'static Self {
        static T: OnceLock<RelicTargets> = OnceLock::new();
        T.get_or_init(|| Self::parse(TABLE))
    }

    /// The curves for `alpha_d` and `mass_ratio`: the table when they are its own, else solved
    /// on the table's masses.
    pub fn for_interpretation(alpha_d: f64, mass_ratio: f64) -> Result<Self, RelicError> {
        let t = Self::table();
        if alpha_d == t.alpha_d && mass_ratio == t.mass_ratio {
            Ok(t.clone())
        } else {
            Self::solve(alpha_d, mass_ratio, &t.m_chi)
        }
    }

    fn parse(text: &str) -> Self {
        let mut m_chi = Vec::new();
        let mut y: [Vec<f64>; 3] = Default::default();
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let v: Vec<f64> = line.split(',').filter_map(|x| x.parse().ok()).collect();
            if v.len() == 4 {
                m_chi.push(v[0]);
                for k in 0..3 {
                    y[k].push(v[k + 1]);
                }
            }
        }
        Self {
            alpha_d: TABLE_ALPHA_D,
            mass_ratio: TABLE_MASS_RATIO,
            m_chi,
            y,
        }
    }

    /// The CSV text of the curves (units in the header).
    pub fn to_csv(&self) -> String {
        use std::fmt::Write as _;
        let mut s = format!(
            "# Thermal relic targets (Omega h^2 = 0.120), freeze-out solver of aprime_physics::relic \
             (docs/relic.md), alpha_D = {}, m_A'/m_chi = {}; regenerate: APRIME_BLESS=1 cargo test \
             -p aprime-limits table_is_the_solver\nm_chi_gev",
            self.alpha_d, self.mass_ratio
        );
        for k in KINDS {
            let _ = write!(s, ",y_{}", k.name().replace('-', "_"));
        }
        s.push('\n');
        for (i, m) in self.m_chi.iter().enumerate() {
            let _ = writeln!(
                s,
                "{m:e},{:e},{:e},{:e}",
                self.y[0][i], self.y[1][i], self.y[2][i]
            );
        }
        s
    }

    /// y of candidate `k` ([`KINDS`] order) at `m_chi` \[GeV\], log–log interpolation.
    fn y_of(&self, k: usize, m_chi: f64) -> Option<f64> {
        let m = &self.m_chi;
        if m.len() < 2 || !(m_chi >= m[0] && m_chi <= m[m.len() - 1]) {
            return None;
        }
        let i = m.partition_point(|&v| v <= m_chi).clamp(1, m.len() - 1);
        let w = (m_chi / m[i - 1]).ln() / (m[i] / m[i - 1]).ln();
        let y = &self.y[k];
        Some((y[i - 1].ln() * (1.0 - w) + y[i].ln() * w).exp())
    }

    /// The relic y of each candidate at `m_chi` \[GeV\].
    pub fn at(&self, m_chi: f64) -> RelicY {
        let index = |kind: DarkMatterKind| {
            KINDS
                .iter()
                .position(|k| *k == kind)
                .and_then(|k| self.y_of(k, m_chi))
        };
        RelicY {
            complex_scalar: index(DarkMatterKind::ComplexScalar),
            majorana: index(DarkMatterKind::Majorana),
            pseudo_dirac: index(DarkMatterKind::PseudoDirac),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aprime_physics::relic::implied_f;

    #[test]
    fn table_is_the_solver() {
        let masses = table_masses();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/thermal_targets.csv");
        if std::env::var("APRIME_BLESS").is_ok_and(|v| v == "1") {
            let t = RelicTargets::solve(TABLE_ALPHA_D, TABLE_MASS_RATIO, &masses).unwrap();
            std::fs::write(path, t.to_csv()).unwrap();
            return;
        }
        let t = RelicTargets::table();
        assert_eq!(t.m_chi.len(), masses.len());
        // Every 10th mass re-solved: the table holds the solver's numbers (written with
        // {:e}, i.e. shortest round-trip: identical unless the solver changed).
        let some: Vec<f64> = masses.iter().step_by(10).copied().collect();
        let s = RelicTargets::solve(TABLE_ALPHA_D, TABLE_MASS_RATIO, &some).unwrap();
        for (j, m) in some.iter().enumerate() {
            let i = masses.iter().position(|x| x == m).unwrap();
            assert!((t.m_chi[i] / m - 1.0).abs() < 1e-12);
            for (k, kind) in KINDS.iter().enumerate() {
                assert!(
                    (t.y[k][i] / s.y[k][j] - 1.0).abs() < 1e-9,
                    "{kind:?} at {m}: table {} vs solver {}",
                    t.y[k][i],
                    s.y[k][j]
                );
            }
        }
    }

    #[test]
    fn tabulated_f_matches_docs_relic_and_ref_59() {
        // docs/relic.md "Thermal targets, α_D = 0.5": f = 0.391 (pseudo-Dirac) and 4.10
        // (Majorana) at m_χ = 1 MeV, 0.293 and 3.36 at 10 MeV; paper 000 ref. [59]:
        // f = 0.3–0.4 (pseudo-Dirac), 4.2–5.3 (Majorana) for 1–100 MeV (25% band, issue 15).
        let t = RelicTargets::table();
        for (m, pd, maj) in [(1e-3, 0.391, 4.10), (1e-2, 0.293, 3.36)] {
            let y = t.at(m);
            let f_pd = implied_f(y.pseudo_dirac.unwrap(), m);
            let f_maj = implied_f(y.majorana.unwrap(), m);
            assert!((f_pd / pd - 1.0).abs() < 0.01, "{f_pd} vs {pd}");
            assert!((f_maj / maj - 1.0).abs() < 0.01, "{f_maj} vs {maj}");
            assert!((0.225..=0.5).contains(&f_pd));
            // Scalar: same σ as Majorana, half σ_eff → y ≈ 2 y_Majorana (docs/relic.md).
            let r = y.complex_scalar.unwrap() / y.majorana.unwrap();
            assert!((r / 2.0 - 1.0).abs() < 0.05, "{r}");
        }
        // No tree-level target below m_e.
        assert_eq!(t.at(4e-4).pseudo_dirac, None);
    }
}
