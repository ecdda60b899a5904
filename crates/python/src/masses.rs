//! A list of masses given as a number, a sequence or array, or a list text of the command
//! line (`0.01,0.1`, `log:0.001:1:20`, parsed by `aprime_core::grid`).

use aprime_core::grid::parse_list;
use pyo3::prelude::*;

use crate::arrays::FloatArg;
use crate::error::BindingError;

/// The masses \[GeV\] of argument `arg`, in the order given; each must be positive and finite.
pub fn mass_list(arg: &str, value: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let masses = if let Ok(text) = value.extract::<String>() {
        parse_list(&text).map_err(|e| BindingError::input(format!("{arg}: {e}")))?
    } else {
        let array: FloatArg<'_> = value.extract()?;
        array.as_array().iter().copied().collect()
    };
    if masses.is_empty() {
        return Err(BindingError::input(format!("{arg}: empty list")).into());
    }
    if let Some(bad) = masses.iter().find(|m| !(m.is_finite() && **m > 0.0)) {
        return Err(
            BindingError::input(format!("{arg}: {bad} is not a positive mass [GeV]")).into(),
        );
    }
    Ok(masses)
}
