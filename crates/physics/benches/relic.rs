//! Benchmarks of the thermal relic targets (issue 15 item 3):
//! `cargo bench -p aprime-physics --bench relic`. Goal: one thermal target (ε and y giving
//! Ω h² = 0.12 at one m_χ) in < 10 ms, so the limits stage can call it per mass; a look-up in a
//! tabulated curve in well under a microsecond.

use aprime_physics::relic::{
    DarkMatterKind, FreezeOutOptions, ThermalTargetCurve, ThermalTargetOptions, cosmology,
    freeze_out, thermal_target,
};

fn main() {
    divan::main();
}

/// One full thermal target (rate table + root search) per candidate at m_χ = 1 MeV, 30 MeV,
/// 0.5 GeV (near the φ) and 1 GeV, α_D = 0.5.
#[divan::bench(
    args = [
        (DarkMatterKind::ComplexScalar, 0.001), (DarkMatterKind::ComplexScalar, 0.03),
        (DarkMatterKind::ComplexScalar, 0.5), (DarkMatterKind::ComplexScalar, 1.0),
        (DarkMatterKind::PseudoDirac, 0.001), (DarkMatterKind::PseudoDirac, 0.03),
        (DarkMatterKind::PseudoDirac, 0.5), (DarkMatterKind::PseudoDirac, 1.0),
        (DarkMatterKind::Majorana, 0.001), (DarkMatterKind::Majorana, 0.03),
        (DarkMatterKind::Majorana, 0.5), (DarkMatterKind::Majorana, 1.0),
    ],
    sample_count = 20
)]
fn thermal_target_one_mass(arg: (DarkMatterKind, f64)) -> f64 {
    let (kind, m) = divan::black_box(arg);
    thermal_target(kind, m, 0.5, &ThermalTargetOptions::default())
        .unwrap()
        .y
}

/// The same at α_D = 0.005, where the narrow A' pole makes the thermal averages harder.
#[divan::bench(args = [DarkMatterKind::ComplexScalar, DarkMatterKind::PseudoDirac, DarkMatterKind::Majorana], sample_count = 20)]
fn thermal_target_small_alpha_d(kind: DarkMatterKind) -> f64 {
    thermal_target(
        divan::black_box(kind),
        0.01,
        0.005,
        &ThermalTargetOptions::default(),
    )
    .unwrap()
    .y
}

/// Freeze-out alone for a constant ⟨σv⟩ (grid + BDF2 solve), 100 GeV WIMP.
#[divan::bench]
fn freeze_out_constant_cross_section() -> f64 {
    let sv = 2.2e-26 / cosmology::GEV_MINUS2_TO_CM3_PER_S;
    freeze_out(
        divan::black_box(100.0),
        2.0,
        |_| sv,
        &FreezeOutOptions::default(),
    )
    .unwrap()
    .omega_h2
}

/// Look-up in a tabulated 61-point pseudo-Dirac curve (1 MeV–1 GeV).
#[divan::bench]
fn curve_lookup(bencher: divan::Bencher) {
    let curve = ThermalTargetCurve::build(
        DarkMatterKind::PseudoDirac,
        0.5,
        0.001,
        1.0,
        61,
        &ThermalTargetOptions::default(),
    )
    .unwrap();
    bencher.bench(|| curve.y(divan::black_box(0.0371)));
}

/// Building that 61-point curve (rayon over masses).
#[divan::bench(sample_count = 5)]
fn curve_build_61_masses() -> usize {
    ThermalTargetCurve::build(
        DarkMatterKind::PseudoDirac,
        0.5,
        0.001,
        1.0,
        61,
        &ThermalTargetOptions::default(),
    )
    .unwrap()
    .points
    .len()
}
