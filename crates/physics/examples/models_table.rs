//! Prints the numbers quoted in docs/models.md: totals of every mediator at every level (Pb),
//! IWW ratios to the vector, ETL/exact for muons. `cargo run --release -p aprime-physics
//! --example models_table`.

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, Method, XsecOptions, etl, total_pb};
use aprime_physics::model::{Mediator, Projectile};

fn main() {
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
