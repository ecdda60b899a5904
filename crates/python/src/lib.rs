//! The Python module `aprime` (native part `aprime._aprime`, built with maturin): thin PyO3
//! bindings that convert numpy/Python values and delegate to the library crates — the same
//! functions, defaults and seeds as the `aprime` command, so the same numbers.
//!
//! Long calls run without the GIL (`Python::detach`) and in parallel with rayon; progress is
//! shown only when asked (`progress=`). Bad input raises `ValueError`, other failures
//! `aprime.AprimeError`, with the command line's message texts.

mod arrays;
mod cls;
mod decay;
mod dimuon;
mod error;
mod events;
mod masses;
mod names;
mod progress;
mod run;
mod xsec;
mod yields;

use aprime_physics::dark_brem::Method;
use aprime_physics::materials::MATERIAL_NAMES;
use aprime_physics::model::{Mediator, Projectile};
use pyo3::prelude::*;

/// Native part of the ``aprime`` package; import ``aprime`` instead.
#[pymodule]
fn _aprime(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("AprimeError", py.get_type::<error::AprimeError>())?;
    m.add(
        "METHODS",
        Method::ALL.iter().map(|x| x.name()).collect::<Vec<_>>(),
    )?;
    m.add(
        "MODELS",
        Mediator::ALL.iter().map(|x| x.name()).collect::<Vec<_>>(),
    )?;
    m.add(
        "PROJECTILES",
        Projectile::ALL.iter().map(|x| x.name()).collect::<Vec<_>>(),
    )?;
    m.add("TARGETS", MATERIAL_NAMES.to_vec())?;
    m.add("PRESETS", aprime_experiment::presets::names())?;
    m.add(
        "EVENT_COLUMNS",
        aprime_detector::COLUMNS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>(),
    )?;
    m.add_class::<yields::Yields>()?;
    m.add_class::<cls::ClsLimit>()?;
    m.add_class::<run::RunResult>()?;
    m.add_function(wrap_pyfunction!(xsec::xsec, m)?)?;
    m.add_function(wrap_pyfunction!(xsec::dsigma_dx, m)?)?;
    m.add_function(wrap_pyfunction!(xsec::x_range, m)?)?;
    m.add_function(wrap_pyfunction!(xsec::kfactor, m)?)?;
    m.add_function(wrap_pyfunction!(dimuon::dimuon, m)?)?;
    m.add_function(wrap_pyfunction!(dimuon::dimuon_dsigma_dx, m)?)?;
    m.add_function(wrap_pyfunction!(dimuon::dimuon_x_range, m)?)?;
    m.add_function(wrap_pyfunction!(decay::widths, m)?)?;
    m.add_function(wrap_pyfunction!(decay::annihilation_xsec, m)?)?;
    m.add_function(wrap_pyfunction!(decay::annihilation_strength, m)?)?;
    m.add_function(wrap_pyfunction!(decay::resonance_energy, m)?)?;
    m.add_function(wrap_pyfunction!(decay::resonant_mass, m)?)?;
    m.add_function(wrap_pyfunction!(decay::decay_length_cm, m)?)?;
    m.add_function(wrap_pyfunction!(yields::yields, m)?)?;
    m.add_function(wrap_pyfunction!(cls::cls, m)?)?;
    m.add_function(wrap_pyfunction!(run::run, m)?)?;
    m.add_function(wrap_pyfunction!(events::read_events, m)?)?;
    Ok(())
}
