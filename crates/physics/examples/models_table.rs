//! Prints the numbers quoted in docs/models.md: totals of every mediator at every level (Pb),
//! IWW ratios to the vector, ETL/exact for muons. `cargo run --release -p aprime-physics
//! --example models_table`. With arguments `cost MODEL PROJECTILE MASS_GEV N` it only runs N ETL
//! totals at 1% (for CPU-time measurements with `time`, independent of divan's wall clock).

use std::fmt::Write as _;

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, Method, XsecOptions, etl, total_pb};
use aprime_physics::decay::model_widths;
use aprime_physics::model::{Mediator, Projectile, lmu_ltau};
use aprime_physics::widths::{ChiSpin, DarkSector};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() == 6 && args[1] == "cost" {
        let med: Mediator = args[2].parse().unwrap();
        let proj: Projectile = args[3].parse().unwrap();
        let m: f64 = args[4].parse().unwrap();
        let n: u64 = args[5].parse().unwrap();
        let e0 = if proj == Projectile::Muon {
            160.0
        } else {
            100.0
        };
        let pb = Element::by_name("Pb").unwrap();
        let p = DarkBrem::for_model(pb, proj, med, e0, m).unwrap();
        let mut sum = 0.0;
        for seed in 0..n {
            let o = etl::EtlOptions {
                rel_precision: 1e-2,
                seed,
            };
            sum += etl::total(&p, &o).unwrap().value;
        }
        println!("{med} {proj} m = {m}: mean {:.4e} pb", sum / n as f64);
        return;
    }
    println!("L_mu-L_tau: m/GeV, eps(m^2)/g (real part), Delta a_mu/g^2, 2-sigma g band (2021)");
    for m in [0.001, 0.01, 0.1, 0.2, 0.3, 1.0] {
        let (lo, hi) = lmu_ltau::g_band(
            m,
            lmu_ltau::DELTA_A_MU_2021,
            lmu_ltau::DELTA_A_MU_2021_SIGMA,
            2.0,
        )
        .unwrap();
        println!(
            "  {m:>6} {:.5e} {:.4e} [{lo:.3e}, {hi:.3e}]",
            lmu_ltau::eps_per_g(m * m).unwrap(),
            lmu_ltau::delta_a_mu_per_g2(m).unwrap()
        );
    }
    println!(
        "BR(invisible), Z' with g = 1e-3, no chi; spin models with eps = 1e-3, alpha_D = 0.1, m_chi = m/3 Dirac"
    );
    for m in [0.01, 0.1, 0.3, 1.0] {
        let mut line = format!("  m = {m:>5} GeV:");
        for med in Mediator::ALL {
            let d = if med.spin() == 1 && med.parameter().name() == "g" {
                DarkSector::new(1e-3, 0.0, 0.0, ChiSpin::Fermion).unwrap()
            } else {
                DarkSector::new(1e-3, 0.1, m / 3.0, ChiSpin::Fermion).unwrap()
            };
            let w = model_widths(med, m, &d).unwrap();
            let _ = write!(
                line,
                " {}={:.4} (G={:.3e})",
                med.name(),
                w.br_invisible(),
                w.total_gev
            );
        }
        println!("{line}");
    }
    let pb = Element::by_name("Pb").unwrap();
    let opts = XsecOptions {
        etl: etl::EtlOptions {
            rel_precision: 2e-3,
            seed: 1,
        },
        ..XsecOptions::default()
    };
    for (proj, e0, masses) in [
        (Projectile::Electron, 100.0, [0.002, 0.01, 0.1, 1.0]),
        (Projectile::Muon, 160.0, [0.01, 0.1, 0.3, 1.0]),
    ] {
        println!("{proj} E0 = {e0} GeV, Pb, g_l = e, pb per atom");
        println!(
            "{:>13} {:>7} {:>11} {:>11} {:>11} {:>11} {:>7} {:>7}",
            "model", "m/GeV", "wwsimple", "iww", "exact", "etl", "ex/etl", "k"
        );
        for med in [
            Mediator::Vector,
            Mediator::Axial,
            Mediator::Scalar,
            Mediator::Pseudoscalar,
        ] {
            for m in masses {
                let p = DarkBrem::for_model(pb, proj, med, e0, m).unwrap();
                let v: Vec<f64> = Method::ALL
                    .iter()
                    .map(|&meth| total_pb(&p, meth, &opts).map_or(f64::NAN, |e| e.value))
                    .collect();
                println!(
                    "{:>13} {:>7} {:>11.4e} {:>11.4e} {:>11.4e} {:>11.4e} {:>7.4} {:>7.4}",
                    med.name(),
                    m,
                    v[0],
                    v[1],
                    v[2],
                    v[3],
                    v[2] / v[3],
                    v[0] / v[3]
                );
            }
        }
    }
}
