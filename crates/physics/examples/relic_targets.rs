//! Prints the numbers quoted in docs/relic.md: g_*(T), the standard-WIMP check, the thermal
//! targets y(m_χ) and implied f for the three candidates, the f ranges against paper 000 ref.
//! [59] (full solution and Kolb–Turner's semi-analytic method, step by step), and the A'-pole
//! fractions.
//! `cargo run --release -p aprime-physics --example relic_targets`

use aprime_physics::relic::{
    DarkMatterKind, DarkPhotonPortal, FreezeOutOptions, ThermalTargetCurve, ThermalTargetOptions,
    cosmology, freeze_out, plasma_dof, pole_fraction, r_ratio, semi_analytic_target,
    thermal_target,
};

fn main() {
    println!("## g_*(T), g_*s(T), g_*^1/2(T)\n");
    println!("| T [MeV] | g_* | g_*s | g_*^1/2 |\n|---|---|---|---|");
    for t in [
        0.01, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 150.0, 200.0, 300.0, 1e3, 1e4, 1e5,
    ] {
        let d = plasma_dof(t * 1e-3);
        println!(
            "| {t} | {:.2} | {:.2} | {:.3} |",
            d.g_star, d.g_star_s, d.g_half
        );
    }

    println!("\n## R(√s)\n");
    println!("| √s [GeV] | R |\n|---|---|");
    for rs in [0.3, 0.5, 0.7, 0.775, 0.9, 1.019, 1.1, 1.2, 1.4, 2.0, 3.0] {
        println!("| {rs} | {:.3} |", r_ratio(rs));
    }

    println!("\n## Standard WIMP (g = 2, constant s-wave <σv>)\n");
    println!("| m [GeV] | <σv> [cm³/s] | Ω h² | x_f |\n|---|---|---|---|");
    for (m, sv) in [
        (10.0, 2.2e-26),
        (30.0, 2.2e-26),
        (100.0, 2.2e-26),
        (0.3, 5.2e-26),
    ] {
        let s = sv / cosmology::GEV_MINUS2_TO_CM3_PER_S;
        let fo = freeze_out(m, 2.0, |_| s, &FreezeOutOptions::default()).unwrap();
        println!(
            "| {m} | {sv:.1e} | {:.4} | {:.1} |",
            fo.omega_h2, fo.x_freeze_out
        );
    }

    let opts = ThermalTargetOptions::default();
    for alpha_d in [0.5, 0.1, 0.005] {
        println!("\n## Thermal targets, α_D = {alpha_d}, m_A' = 3 m_χ\n");
        println!("| χ | m_χ [MeV] | ε | y | f (eq. 5) | x_f | <σv>_eff(x_f) [cm³/s] |");
        println!("|---|---|---|---|---|---|---|");
        for kind in DarkMatterKind::ALL {
            for m in [0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0] {
                let t = thermal_target(kind, m, alpha_d, &opts).unwrap();
                println!(
                    "| {kind} | {:.0} | {:.3e} | {:.3e} | {:.3} | {:.1} | {:.2e} |",
                    m * 1e3,
                    t.eps,
                    t.y,
                    t.f_eq5,
                    t.x_freeze_out,
                    t.sigma_v_freeze_out_cm3_s
                );
            }
        }
    }

    println!("\n## f over m_χ = 1–100 MeV (21 log-spaced masses) vs paper 000 ref. [59]\n");
    println!("| χ | α_D | equation | f min (at m_χ [MeV]) | f max (at m_χ [MeV]) |");
    println!("|---|---|---|---|---|");
    for kind in [
        DarkMatterKind::PseudoDirac,
        DarkMatterKind::Majorana,
        DarkMatterKind::ComplexScalar,
    ] {
        for alpha_d in [0.5, 0.1] {
            for derivative in [true, false] {
                let o = ThermalTargetOptions {
                    freeze_out: FreezeOutOptions {
                        entropy_derivative: derivative,
                        ..FreezeOutOptions::default()
                    },
                    ..opts
                };
                let c = ThermalTargetCurve::build(kind, alpha_d, 1e-3, 0.1, 21, &o).unwrap();
                let lo = c
                    .points
                    .iter()
                    .min_by(|a, b| a.f_eq5.total_cmp(&b.f_eq5))
                    .unwrap();
                let hi = c
                    .points
                    .iter()
                    .max_by(|a, b| a.f_eq5.total_cmp(&b.f_eq5))
                    .unwrap();
                let eq = if derivative {
                    "full (GG)"
                } else {
                    "constant g_*s"
                };
                println!(
                    "| {kind} | {alpha_d} | {eq} | {:.3} ({:.1}) | {:.3} ({:.1}) |",
                    lo.f_eq5,
                    lo.m_chi * 1e3,
                    hi.f_eq5,
                    hi.m_chi * 1e3
                );
            }
        }
    }

    println!("\n## A' pole: fraction of <σv> at x_f from √s > (2m_χ + m_A')/2\n");
    println!("| χ | α_D | m_χ [MeV] | Γ_A'/m_A' | x_f | fraction |\n|---|---|---|---|---|---|");
    for kind in DarkMatterKind::ALL {
        for alpha_d in [0.5, 0.005] {
            for m in [0.01, 0.3] {
                let t = thermal_target(kind, m, alpha_d, &opts).unwrap();
                let p = DarkPhotonPortal::new(kind, m, 3.0, alpha_d, t.eps).unwrap();
                let f = pole_fraction(&p, t.x_freeze_out).unwrap();
                println!(
                    "| {kind} | {alpha_d} | {:.0} | {:.2e} | {:.1} | {f:.3} |",
                    m * 1e3,
                    p.widths.total / p.m_aprime,
                    t.x_freeze_out
                );
            }
        }
    }

    semi_analytic_against_ref_59();
}

/// K&T semi-analytic f ranges on m_A' = 3–100 MeV, and the steps from it to the full solution at
/// m_A' = 15.4 MeV, α_D = 0.1 (docs/relic.md, "Implied f against paper 000 ref. [59]").
fn semi_analytic_against_ref_59() {
    println!(
        "\n## K&T semi-analytic f on m_A' = 3–100 MeV (31 log-spaced) vs paper 000 ref. [59]\n"
    );
    println!("| χ | α_D | f min (at m_A' [MeV]) | f max (at m_A' [MeV]) |\n|---|---|---|---|");
    for kind in [DarkMatterKind::PseudoDirac, DarkMatterKind::Majorana] {
        for alpha_d in [0.1, 0.5] {
            let points: Vec<_> = (0..31)
                .map(|i| {
                    let m_a = 0.003 * (100.0_f64 / 3.0).powf(f64::from(i) / 30.0);
                    semi_analytic_target(kind, m_a / 3.0, alpha_d, 3.0, 0.12)
                        .unwrap()
                        .target
                })
                .collect();
            let lo = points
                .iter()
                .min_by(|a, b| a.f_eq5.total_cmp(&b.f_eq5))
                .unwrap();
            let hi = points
                .iter()
                .max_by(|a, b| a.f_eq5.total_cmp(&b.f_eq5))
                .unwrap();
            println!(
                "| {kind} | {alpha_d} | {:.3} ({:.1}) | {:.3} ({:.1}) |",
                lo.f_eq5,
                lo.m_aprime * 1e3,
                hi.f_eq5,
                hi.m_aprime * 1e3
            );
        }
    }
    println!("\n## From K&T to the full solution, α_D = 0.1, m_A' = 15.4 MeV\n");
    println!(
        "| χ | K&T closed form | σ₀x⁻ⁿ integrated, constant g_*s | exact <σv>, constant g_*s | full |"
    );
    println!("|---|---|---|---|---|");
    let (m_chi, alpha_d) = (0.0154 / 3.0, 0.1);
    for kind in [DarkMatterKind::Majorana, DarkMatterKind::PseudoDirac] {
        let kt = semi_analytic_target(kind, m_chi, alpha_d, 3.0, 0.12).unwrap();
        // σ₀ ∝ ε² (the pole is far): solve the Boltzmann equation with K&T's rate for the ε
        // that gives Ω h² = 0.12, by ε² ← ε² Ω/0.12.
        let constant = FreezeOutOptions {
            entropy_derivative: false,
            ..FreezeOutOptions::default()
        };
        let mut scale = 1.0;
        for _ in 0..30 {
            let sv = |x: f64| scale * kt.sigma0 * x.powi(-i32::from(kt.n));
            let fo = freeze_out(m_chi, kind.degrees_of_freedom(), sv, &constant).unwrap();
            scale *= fo.omega_h2 / 0.12;
        }
        let exact = |entropy_derivative| {
            let o = ThermalTargetOptions {
                mass_ratio: 3.0,
                freeze_out: FreezeOutOptions {
                    entropy_derivative,
                    ..FreezeOutOptions::default()
                },
                ..ThermalTargetOptions::default()
            };
            thermal_target(kind, m_chi, alpha_d, &o).unwrap().f_eq5
        };
        println!(
            "| {kind} | {:.3} | {:.3} | {:.3} | {:.3} |",
            kt.target.f_eq5,
            kt.target.f_eq5 * scale,
            exact(false),
            exact(true)
        );
    }
}
