//! The Rust side of the Python speed goal (issue 12): `aprime.xsec(masses, 100.0)` for 1,000
//! masses must cost at most 1.2× this same work done directly in Rust — the per-atom total on
//! Pb at E0 = 100 GeV for 1,000 log-spaced masses from 1 MeV to 1 GeV, points in parallel with
//! rayon, with the integration settings of `aprime xsec` (default precision, seed 1). The
//! Python side is `benches/xsec_vector.py`; both are recorded in docs/python.md.

use aprime_physics::Material;
use aprime_physics::dark_brem::{Method, XsecOptions, material_model_total_pb};
use aprime_physics::model::{Mediator, Projectile};
use rayon::prelude::*;

fn main() {
    divan::main();
}

/// The 1,000 masses of `np.logspace(-3, 0, 1000)` \[GeV\].
fn masses() -> Vec<f64> {
    (0..1000)
        .map(|i| 10f64.powf(-3.0 + 3.0 * f64::from(i) / 999.0))
        .collect()
}

/// `aprime xsec`'s settings: the methods' default precisions, ETL seed 1.
fn options() -> XsecOptions {
    let mut o = XsecOptions::default();
    o.etl.seed = 1;
    o
}

fn totals(method: Method) -> Vec<f64> {
    let lead = Material::by_name("Pb").expect("built-in");
    let opts = options();
    masses()
        .par_iter()
        .map(|&m| {
            material_model_total_pb(
                &lead,
                Projectile::Electron,
                Mediator::Vector,
                100.0,
                m,
                method,
                &opts,
            )
            .expect("valid point")
            .value
        })
        .collect()
}

/// Exact tree level, the default method.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn etl_1000_masses() -> Vec<f64> {
    totals(Method::Etl)
}

/// Simplified WW: closed form, so the cost of the Python layer weighs most here.
#[divan::bench(sample_count = 20, sample_size = 1)]
fn wwsimple_1000_masses() -> Vec<f64> {
    totals(Method::WwSimple)
}
