//! Event files (Parquet or CSV, as written by `aprime simulate`) into numpy columns, read by
//! the detector crate's reader: no pyarrow needed.

use std::path::PathBuf;

use aprime_detector::{COLUMNS, Event, read_events as read_file};
use numpy::IntoPyArray;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::error::{BindingError, Blame};

/// One column of the event record, typed as in [`COLUMNS`].
enum Column {
    U32(Vec<u32>),
    U64(Vec<u64>),
    F64(Vec<f64>),
    Bool(Vec<bool>),
    Text(Vec<&'static str>),
}

/// The column `name` of `events`, or `None` for a name the event record does not have.
fn column(events: &[Event], name: &str) -> Option<Column> {
    let f64s = |f: fn(&Event) -> f64| Some(Column::F64(events.iter().map(f).collect()));
    let u32s = |f: fn(&Event) -> u32| Some(Column::U32(events.iter().map(f).collect()));
    let bools = |f: fn(&Event) -> bool| Some(Column::Bool(events.iter().map(f).collect()));
    match name {
        "run" => u32s(|e| e.run),
        "event" => Some(Column::U64(events.iter().map(|e| e.event).collect())),
        "process" => Some(Column::Text(
            events.iter().map(|e| e.process.name()).collect(),
        )),
        "weight" => f64s(|e| e.weight),
        "mass_gev" => f64s(|e| e.mass_gev),
        "true_emiss_gev" => f64s(|e| e.true_emiss_gev),
        "n_tracks" => u32s(|e| e.n_tracks),
        "p_track_gev" => f64s(|e| e.p_track_gev),
        "track_angle_mrad" => f64s(|e| e.track_angle_mrad),
        "straw_hits" => u32s(|e| e.straw_hits),
        "srd1_mev" => f64s(|e| e.srd1_mev),
        "srd2_mev" => f64s(|e| e.srd2_mev),
        "srd3_mev" => f64s(|e| e.srd3_mev),
        "e_ecal_gev" => f64s(|e| e.e_ecal_gev),
        "e_ps_gev" => f64s(|e| e.e_ps_gev),
        "ecal_max_cell_fraction" => f64s(|e| e.ecal_max_cell_fraction),
        "ecal_shape_chi2" => f64s(|e| e.ecal_shape_chi2),
        "ecal_x_cm" => f64s(|e| e.ecal_x_cm),
        "ecal_y_cm" => f64s(|e| e.ecal_y_cm),
        "e_veto_mev" => f64s(|e| e.e_veto_mev),
        "e_hcal1_gev" => f64s(|e| e.e_hcal1_gev),
        "e_hcal2_gev" => f64s(|e| e.e_hcal2_gev),
        "e_hcal3_gev" => f64s(|e| e.e_hcal3_gev),
        "e_hcal4_gev" => f64s(|e| e.e_hcal4_gev),
        "e_hcal0_gev" => f64s(|e| e.e_hcal0_gev),
        "pileup" => bools(|e| e.pileup),
        "trigger" => bools(|e| e.trigger),
        _ => None,
    }
}

/// Read an event file (Parquet or CSV, format from the extension) into numpy columns.
///
/// Args:
///     path: the event file (``.parquet`` or ``.csv``; a CSV file's metadata is read from its
///         ``NAME.csv.meta.json`` sidecar when present).
///
/// Returns:
///     ``(columns, metadata)``: a dict of numpy arrays, one per column of the event record in
///     file order (names carry the units: ``e_ecal_gev``, ``srd1_mev``, ``track_angle_mrad``,
///     ...; ``uint32``/``uint64``/``float64``/``bool`` arrays, ``process`` as a ``str``
///     array), and the file's metadata as a dict (preset, EOT-equivalent, seed, runs, masses,
///     ...) or None when the file has none.
///
/// Raises:
///     ValueError: the file cannot be read or is not an event file (the message names the
///         missing or mistyped columns).
#[pyfunction]
#[allow(clippy::needless_pass_by_value)]
pub fn read_events(
    py: Python<'_>,
    path: PathBuf,
) -> PyResult<(Bound<'_, PyDict>, Bound<'_, PyAny>)> {
    let (events, meta) = py
        .detach(|| read_file(&path))
        .map_err(|e| BindingError::from_library("", &e))?;
    let numpy = py.import("numpy")?;
    let columns = PyDict::new(py);
    for (name, _) in COLUMNS {
        let array = match column(&events, name) {
            Some(Column::U32(v)) => v.into_pyarray(py).into_any(),
            Some(Column::U64(v)) => v.into_pyarray(py).into_any(),
            Some(Column::F64(v)) => v.into_pyarray(py).into_any(),
            Some(Column::Bool(v)) => v.into_pyarray(py).into_any(),
            Some(Column::Text(v)) => numpy.call_method1("array", (PyList::new(py, v)?, "U"))?,
            None => {
                return Err(BindingError {
                    blame: Blame::Computation,
                    message: format!("event column '{name}' has no Python conversion"),
                }
                .into());
            }
        };
        columns.set_item(*name, array)?;
    }
    let metadata = match meta {
        Some(m) => {
            let text = serde_json::to_string(&m).map_err(|e| BindingError {
                blame: Blame::Computation,
                message: format!("event-file metadata to JSON: {e}"),
            })?;
            py.import("json")?.call_method1("loads", (text,))?
        }
        None => py.None().into_bound(py),
    };
    Ok((columns, metadata))
}
