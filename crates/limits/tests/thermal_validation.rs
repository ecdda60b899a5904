//! The thermal-target rows of `aprime validate` (`aprime_limits::validation::thermal`): the
//! published values and sources, that our numbers are those of the freeze-out solver
//! (`aprime_physics::relic`), that the mass grid resolves the extremes, and the verdicts; the
//! same ranges with \[59\]'s own (Kolb–Turner semi-analytic) method.

use aprime_limits::validation::thermal::{
    self, ALPHA_D, FExtremes, GRID_POINTS, M_APRIME_MAX_GEV, M_APRIME_MIN_GEV, REF_59,
};
use aprime_limits::validation::{Row, Tolerance, Verdict};
use aprime_physics::relic::{
    DarkMatterKind, ThermalTargetCurve, ThermalTargetOptions, semi_analytic_target, thermal_target,
};

fn rows() -> Vec<Row> {
    thermal::rows().expect("thermal-target rows")
}

const METHOD: &str = "[59]'s method";

/// The full-solution row starting with `start` at α_D.
fn find<'a>(rows: &'a [Row], start: &str, alpha_d: f64) -> &'a Row {
    find_in(rows, start, alpha_d, false)
}

/// The row of \[59\]'s method starting with `start` at α_D.
fn find_method<'a>(rows: &'a [Row], start: &str, alpha_d: f64) -> &'a Row {
    find_in(rows, start, alpha_d, true)
}

fn find_in<'a>(rows: &'a [Row], start: &str, alpha_d: f64, method: bool) -> &'a Row {
    rows.iter()
        .find(|r| {
            r.quantity.starts_with(start)
                && r.quantity.contains(&format!("α_D = {alpha_d},"))
                && r.quantity.contains(METHOD) == method
        })
        .unwrap_or_else(|| panic!("no row '{start}' at α_D = {alpha_d} (method {method})"))
}

#[test]
fn rows_carry_the_published_values_and_sources() {
    let rows = rows();
    // 2 candidates × 2 α_D × (lowest, highest) × (full, [59]'s method) against [59], + the
    // scalar at 2 α_D.
    assert_eq!(rows.len(), 18);
    for a in ALPHA_D {
        // Paper 000 ref. [59]: "for pseudo-Dirac (Majorana) fermions f = 0.3 − 0.4 (4.2 − 5.3)
        // for the mass range 1 ≤ m_A ≤ 100 MeV"; the issue 15 acceptance is 25%.
        for (start, published) in [
            ("lowest implied f (eq. 5), pseudo-Dirac", 0.3),
            ("highest implied f (eq. 5), pseudo-Dirac", 0.4),
            ("lowest implied f (eq. 5), Majorana", 4.2),
            ("highest implied f (eq. 5), Majorana", 5.3),
        ] {
            for r in [find(&rows, start, a), find_method(&rows, start, a)] {
                assert!((r.published - published).abs() < 1e-12, "{r:?}");
                assert!(r.source.starts_with("paper 000 ref. [59]"), "{r:?}");
                let end = if start.starts_with("lowest") {
                    "lower end"
                } else {
                    "upper end"
                };
                assert!(r.source.ends_with(end), "{r:?}");
                assert_eq!(r.tolerance, Tolerance::Relative(0.25));
            }
        }
        // Paper 000 after eq. 2 / paper 002 after eq. 5: "f ≲ 10 for a scalar".
        let s = find(&rows, "highest implied f (eq. 5), complex scalar", a);
        assert!((s.published - 10.0).abs() < 1e-12);
        assert!(s.source.contains("paper 000") && s.source.contains("paper 002"));
        assert_eq!(s.tolerance, Tolerance::Below);
    }
    for r in &rows {
        let expected = if r.quantity.contains(METHOD) {
            "Kolb–Turner §5.2 closed form"
        } else {
            "constant-g_*s equation"
        };
        assert!(r.note.contains(expected), "{r:?}");
    }
}

#[test]
fn method_rows_are_the_semi_analytic_solution() {
    let rows = rows();
    for range in &REF_59 {
        for a in ALPHA_D {
            let e = FExtremes::solve(range.kind, a).unwrap();
            let (lo, hi) = e.semi_analytic;
            // The extremes are those of a direct solve on the grid's masses.
            for t in [lo, hi] {
                let again = semi_analytic_target(range.kind, t.m_chi, a, 3.0, 0.12)
                    .unwrap()
                    .target;
                assert!((again.f_eq5 / t.f_eq5 - 1.0).abs() < 1e-12);
                assert!((t.m_aprime / t.m_chi - 3.0).abs() < 1e-12);
            }
            let label = match range.kind {
                DarkMatterKind::Majorana => "Majorana",
                _ => "pseudo-Dirac",
            };
            let low = find_method(&rows, &format!("lowest implied f (eq. 5), {label}"), a);
            let high = find_method(&rows, &format!("highest implied f (eq. 5), {label}"), a);
            assert!((low.ours / lo.f_eq5 - 1.0).abs() < 1e-12, "{low:?}");
            assert!((high.ours / hi.f_eq5 - 1.0).abs() < 1e-12, "{high:?}");
            // Paper 000 ref. [59] used this method: its ranges are reproduced, measured within
            // 10% (pseudo-Dirac 0.285–0.422 against 0.3–0.4, Majorana 4.47–5.80 against
            // 4.2–5.3; docs/relic.md).
            for r in [low, high] {
                assert_eq!(r.verdict, Verdict::Pass, "{r:?}");
                assert!((r.ratio - 1.0).abs() < 0.10, "{r:?}");
            }
            // For the p-wave Majorana, the method's lowest-order velocity expansion and
            // constant g_*s give a higher f than the full solution (by ≈ 40%; docs/relic.md).
            if range.kind == DarkMatterKind::Majorana {
                let ratio = lo.f_eq5 / e.grid.0.f_eq5;
                assert!(ratio > 1.3 && ratio < 1.5, "{ratio}");
            }
        }
    }
}

#[test]
fn rows_are_the_freeze_out_solution() {
    let rows = rows();
    let opts = ThermalTargetOptions {
        mass_ratio: 3.0,
        ..ThermalTargetOptions::default()
    };
    for (kind, label) in [
        (DarkMatterKind::PseudoDirac, "pseudo-Dirac"),
        (DarkMatterKind::Majorana, "Majorana"),
        (DarkMatterKind::ComplexScalar, "complex scalar"),
    ] {
        for a in ALPHA_D {
            // The physics crate's own curve builder on the same grid in m_χ = m_A'/3.
            let curve = ThermalTargetCurve::build(
                kind,
                a,
                M_APRIME_MIN_GEV / 3.0,
                M_APRIME_MAX_GEV / 3.0,
                GRID_POINTS,
                &opts,
            )
            .unwrap();
            let f = curve.points.iter().map(|t| t.f_eq5);
            let (lo, hi) = f.fold((f64::MAX, 0f64), |(l, h), x| (l.min(x), h.max(x)));
            let high = find(&rows, &format!("highest implied f (eq. 5), {label}"), a);
            assert!(
                (high.ours / hi - 1.0).abs() < 1e-6,
                "{label} {a}: {high:?} vs {hi}"
            );
            if kind != DarkMatterKind::ComplexScalar {
                let low = find(&rows, &format!("lowest implied f (eq. 5), {label}"), a);
                assert!(
                    (low.ours / lo - 1.0).abs() < 1e-6,
                    "{label} {a}: {low:?} vs {lo}"
                );
            }
            // One solve at the extreme's mass gives the same f.
            let e = FExtremes::solve(kind, a).unwrap();
            let t = thermal_target(kind, e.grid.0.m_chi, a, &opts).unwrap();
            assert!((t.f_eq5 / e.grid.0.f_eq5 - 1.0).abs() < 1e-12);
            assert!((e.grid.0.m_aprime / e.grid.0.m_chi - 3.0).abs() < 1e-12);
        }
    }
}

#[test]
fn grid_resolves_the_lowest_f() {
    // The minima are inside the grid (m_χ ≈ 4–10 MeV) where f is flat: between grid points
    // f must not fall more than 0.5% below the grid's lowest (a 20-per-decade grid).
    let step = (M_APRIME_MAX_GEV / M_APRIME_MIN_GEV).powf(1.0 / (GRID_POINTS - 1) as f64);
    let opts = thermal::options(true);
    for range in &REF_59 {
        for a in ALPHA_D {
            let e = FExtremes::solve(range.kind, a).unwrap();
            let lo = e.grid.0;
            assert!(lo.m_aprime > M_APRIME_MIN_GEV * 1.01 && lo.m_aprime < M_APRIME_MAX_GEV * 0.99);
            for m in [lo.m_chi / step.sqrt(), lo.m_chi * step.sqrt()] {
                let t = thermal_target(range.kind, m, a, &opts).unwrap();
                assert!(
                    t.f_eq5 > 0.995 * lo.f_eq5,
                    "{range:?} {a}: {} at {m}",
                    t.f_eq5
                );
            }
        }
    }
}

#[test]
fn verdicts_against_ref_59() {
    let rows = rows();
    for a in ALPHA_D {
        // Pseudo-Dirac: 0.27–0.39 against 0.3–0.4 (docs/relic.md): within 25% at both ends.
        for which in ["lowest", "highest"] {
            let r = find(
                &rows,
                &format!("{which} implied f (eq. 5), pseudo-Dirac"),
                a,
            );
            assert_eq!(r.verdict, Verdict::Pass, "{r:?}");
        }
        // Majorana: the highest (≈ 4.0–4.1 at m_χ = 1 MeV) is within 25% of 5.3; the lowest
        // (≈ 3.10–3.14 at m_χ ≈ 4 MeV) misses 4.2 by 25–27%: freeze-out during e± annihilation,
        // where the d ln g_*s/d ln T term speeds up annihilation (docs/relic.md). Not tuned; the
        // bound pins the measured miss. The constant-g_*s equation of [59]'s semi-analytic
        // formulae is inside the band, and [59]'s method itself reproduces it (test above).
        let high = find(&rows, "highest implied f (eq. 5), Majorana", a);
        assert_eq!(high.verdict, Verdict::Pass, "{high:?}");
        let low = find(&rows, "lowest implied f (eq. 5), Majorana", a);
        assert_eq!(low.verdict, Verdict::Fail, "{low:?}");
        assert!(low.ratio > 0.73 && low.ratio < 0.75, "{low:?}");
        let e = FExtremes::solve(DarkMatterKind::Majorana, a).unwrap();
        assert!((e.constant_g_s.0.f_eq5 / 4.2 - 1.0).abs() <= 0.25, "{e:?}");
        // Complex scalar: 6–9 against "f ≲ 10".
        let s = find(&rows, "highest implied f (eq. 5), complex scalar", a);
        assert_eq!(s.verdict, Verdict::Pass, "{s:?}");
        assert!(s.ours > 6.0, "{s:?}");
    }
}
