//! Benchmarks of the exact-tree-level total per mediator (issue 10: ≤ 1% precision, goal
//! < 5 ms each on 2 cores): `cargo bench -p aprime-physics --bench models`.
//! Pb, 100 GeV electrons and 160 GeV muons, m = 100 MeV (and 10 MeV for muons, where the
//! axial longitudinal mode dominates). The two Z' models radiate through the vector vertex at
//! unit coupling (their totals are the vector's computation, times `sigma_scale`); they are
//! benchmarked too so that every `--model` has its figure.

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, etl};
use aprime_physics::model::{Mediator, Projectile};

fn main() {
    divan::main();
}

const MODELS: [Mediator; 6] = [
    Mediator::Vector,
    Mediator::Axial,
    Mediator::Scalar,
    Mediator::Pseudoscalar,
    Mediator::LmuLtau,
    Mediator::BMinusL,
];

fn total(projectile: Projectile, mediator: Mediator, e0: f64, m: f64) -> f64 {
    let pb = Element::by_name("Pb").unwrap();
    let p = DarkBrem::for_model(pb, projectile, mediator, e0, m).unwrap();
    let opts = etl::EtlOptions {
        rel_precision: 1e-2,
        seed: 1,
    };
    etl::total(&p, &opts).unwrap().value
}

/// ETL total at 1%, electron 100 GeV, m = 100 MeV.
#[divan::bench(args = MODELS)]
fn etl_electron_100mev(mediator: Mediator) -> f64 {
    total(Projectile::Electron, divan::black_box(mediator), 100.0, 0.1)
}

/// ETL total at 1%, electron 100 GeV, m = 2 MeV (lepton-mass effects largest).
#[divan::bench(args = MODELS)]
fn etl_electron_2mev(mediator: Mediator) -> f64 {
    total(
        Projectile::Electron,
        divan::black_box(mediator),
        100.0,
        0.002,
    )
}

/// ETL total at 1%, muon 160 GeV, m = 10 MeV and 100 MeV.
#[divan::bench(args = MODELS, consts = [10, 100])]
fn etl_muon<const M_MEV: u32>(mediator: Mediator) -> f64 {
    total(
        Projectile::Muon,
        divan::black_box(mediator),
        160.0,
        f64::from(M_MEV) * 1e-3,
    )
}
