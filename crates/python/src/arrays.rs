//! numpy in and out. Inputs (Python scalars, sequences or arrays of any numeric dtype) become
//! float64 arrays broadcast against each other by numpy's rules; outputs are float64 arrays of
//! the broadcast shape, or a Python float when every input was a scalar.

use numpy::ndarray::{ArrayD, IxDyn};
use numpy::{AllowTypeChange, IntoPyArray, PyArrayLikeDyn, PyUntypedArrayMethods};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyFloat;

/// A float64 argument as numpy gives it (any array-like, converted).
pub type FloatArg<'py> = PyArrayLikeDyn<'py, f64, AllowTypeChange>;

/// One argument of a vectorised function: an array-like, or a default scalar.
pub enum Arg<'a, 'py> {
    /// Given by the caller.
    Given(&'a FloatArg<'py>),
    /// Not given: this value \[unit of the argument\].
    Default(f64),
}

impl<'a, 'py> Arg<'a, 'py> {
    /// The argument, or `default` when it was not given.
    pub fn or(arg: Option<&'a FloatArg<'py>>, default: f64) -> Self {
        arg.map_or(Self::Default(default), Self::Given)
    }

    fn shape(&self) -> Vec<usize> {
        match self {
            Self::Given(a) => a.shape().to_vec(),
            Self::Default(_) => Vec::new(),
        }
    }
}

/// `N` arguments broadcast together: one point per element of the broadcast shape, in C order.
pub struct Grid<const N: usize> {
    /// The broadcast shape (empty for scalars).
    pub shape: Vec<usize>,
    /// The argument values at every point.
    pub points: Vec<[f64; N]>,
}

/// numpy's broadcast shape of `shapes` (dimensions aligned on the right; a dimension of 1
/// stretches), or the error numpy would raise, naming the arguments.
fn broadcast_shape(names: &[&str], shapes: &[Vec<usize>]) -> PyResult<Vec<usize>> {
    let ndim = shapes.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = vec![1; ndim];
    for shape in shapes {
        for (k, &d) in shape.iter().rev().enumerate() {
            let o = &mut out[ndim - 1 - k];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                let described: Vec<String> = names
                    .iter()
                    .zip(shapes)
                    .map(|(n, s)| format!("{n} {s:?}"))
                    .collect();
                return Err(PyValueError::new_err(format!(
                    "arguments could not be broadcast together with shapes {}",
                    described.join(", ")
                )));
            }
        }
    }
    Ok(out)
}

/// Broadcast `args` (named for error messages) to one grid of points.
pub fn broadcast<const N: usize>(names: [&str; N], args: &[Arg<'_, '_>; N]) -> PyResult<Grid<N>> {
    let shapes: Vec<Vec<usize>> = args.iter().map(Arg::shape).collect();
    let shape = broadcast_shape(&names, &shapes)?;
    let len: usize = shape.iter().product();
    let mut points = vec![[0.0; N]; len];
    for (k, arg) in args.iter().enumerate() {
        let view = match arg {
            Arg::Given(a) => a.as_array(),
            Arg::Default(v) => {
                for p in &mut points {
                    p[k] = *v;
                }
                continue;
            }
        };
        let full = view
            .broadcast(IxDyn(&shape))
            .ok_or_else(|| PyValueError::new_err(format!("{}: cannot broadcast", names[k])))?;
        for (p, v) in points.iter_mut().zip(full.iter()) {
            p[k] = *v;
        }
    }
    Ok(Grid { shape, points })
}

/// `values` (one per point of a grid of `shape`) as a float64 array of that shape, or a
/// Python float for a scalar grid.
pub fn to_python<'py>(
    py: Python<'py>,
    shape: &[usize],
    values: Vec<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    if shape.is_empty() {
        return Ok(PyFloat::new(py, values[0]).into_any());
    }
    let array = ArrayD::from_shape_vec(IxDyn(shape), values)
        .map_err(|e| PyValueError::new_err(format!("output shape {shape:?}: {e}")))?;
    Ok(array.into_pyarray(py).into_any())
}
