//! Benchmarks of the WW-family dark-bremsstrahlung cross sections (Pb, electron beam):
//! `cargo bench -p aprime-physics --bench dark_brem`.

use aprime_physics::Element;
use aprime_physics::dark_brem::{DarkBrem, exact, iww, wwsimple};
use aprime_physics::dimuon::{DimuonTarget, total_ub};

fn main() {
    divan::main();
}

fn pb(e0: f64, m: f64) -> DarkBrem {
    DarkBrem::electron(Element::by_name("Pb").unwrap(), e0, m).unwrap()
}

/// Simplified WW total (paper 002 eq. 9), one numerical flux.
#[divan::bench(args = [0.002, 0.1, 1.0])]
fn wwsimple_total(m: f64) -> f64 {
    wwsimple::total_pb(&pb(100.0, divan::black_box(m))).unwrap()
}

/// Improved-WW total at 1e-4 relative precision.
#[divan::bench(args = [0.002, 0.1, 1.0])]
fn iww_total(m: f64) -> f64 {
    iww::total(&pb(100.0, divan::black_box(m)), 1e-4)
        .unwrap()
        .value
}

/// Exact-kinematics total (x and θ integrals) at 1e-4 relative precision.
#[divan::bench(args = [0.002, 0.1, 1.0])]
fn exact_total(m: f64) -> f64 {
    exact::total(&pb(100.0, divan::black_box(m)), 1e-4)
        .unwrap()
        .value
}

/// Improved-WW dσ/dx at one x (what a shower Monte Carlo calls per emission).
#[divan::bench]
fn iww_dsigma_dx() -> f64 {
    iww::dsigma_dx_pb(&pb(100.0, 0.1), divan::black_box(0.7)).unwrap()
}

/// Dimuon total (paper 002 eq. 22) at 10 GeV.
#[divan::bench]
fn dimuon_total() -> f64 {
    total_ub(
        &DimuonTarget::new(82.0, 207.2).unwrap(),
        divan::black_box(10.0),
    )
    .unwrap()
    .value
}
