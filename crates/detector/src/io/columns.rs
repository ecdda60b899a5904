//! Decoding of table cells into [`Event`] fields, shared by the CSV and Parquet readers: the
//! column kinds of [`COLUMNS`], a typed cell, and the conversion with its checks.

use crate::event::{COLUMNS, Event, Process};

/// Column kind as in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    U32,
    U64,
    F64,
    Bool,
    Str,
}

/// The kind of a [`COLUMNS`] type name.
pub(super) fn kind_of(t: &str) -> Kind {
    match t {
        "u32" => Kind::U32,
        "u64" => Kind::U64,
        "bool" => Kind::Bool,
        "str" => Kind::Str,
        _ => Kind::F64,
    }
}

/// A typed cell on its way into an [`Event`].
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell<'a> {
    U(u64),
    F(f64),
    B(bool),
    S(&'a str),
}

/// Set column `col` (index into [`COLUMNS`]) of `e`; `Err(message)` on an unusable value.
pub(super) fn set_field(e: &mut Event, col: usize, v: Cell<'_>) -> Result<(), String> {
    let f = |v: Cell<'_>| match v {
        Cell::F(x) => Ok(x),
        Cell::U(x) => Ok(x as f64),
        _ => Err("expected a number".to_string()),
    };
    let u = |v: Cell<'_>, max: u64| match v {
        Cell::U(x) if x <= max => Ok(x),
        Cell::U(x) => Err(format!("{x} is out of range")),
        _ => Err("expected a non-negative integer".to_string()),
    };
    let b = |v: Cell<'_>| match v {
        Cell::B(x) => Ok(x),
        _ => Err("expected a boolean".to_string()),
    };
    match COLUMNS[col].0 {
        "run" => e.run = u(v, u64::from(u32::MAX))? as u32,
        "event" => e.event = u(v, u64::MAX)?,
        "process" => {
            let Cell::S(s) = v else {
                return Err("expected a process name".into());
            };
            e.process = Process::from_name(s.trim()).ok_or_else(|| {
                format!(
                    "unknown process '{s}' (known: {})",
                    Process::ALL.map(Process::name).join(", ")
                )
            })?;
        }
        "weight" => e.weight = f(v)?,
        "mass_gev" => e.mass_gev = f(v)?,
        "true_emiss_gev" => e.true_emiss_gev = f(v)?,
        "n_tracks" => e.n_tracks = u(v, u64::from(u32::MAX))? as u32,
        "p_track_gev" => e.p_track_gev = f(v)?,
        "track_angle_mrad" => e.track_angle_mrad = f(v)?,
        "straw_hits" => e.straw_hits = u(v, u64::from(u32::MAX))? as u32,
        "srd1_mev" => e.srd1_mev = f(v)?,
        "srd2_mev" => e.srd2_mev = f(v)?,
        "srd3_mev" => e.srd3_mev = f(v)?,
        "e_ecal_gev" => e.e_ecal_gev = f(v)?,
        "e_ps_gev" => e.e_ps_gev = f(v)?,
        "ecal_max_cell_fraction" => e.ecal_max_cell_fraction = f(v)?,
        "ecal_shape_chi2" => e.ecal_shape_chi2 = f(v)?,
        "ecal_x_cm" => e.ecal_x_cm = f(v)?,
        "ecal_y_cm" => e.ecal_y_cm = f(v)?,
        "e_veto_mev" => e.e_veto_mev = f(v)?,
        "e_hcal1_gev" => e.e_hcal1_gev = f(v)?,
        "e_hcal2_gev" => e.e_hcal2_gev = f(v)?,
        "e_hcal3_gev" => e.e_hcal3_gev = f(v)?,
        "e_hcal4_gev" => e.e_hcal4_gev = f(v)?,
        "e_hcal0_gev" => e.e_hcal0_gev = f(v)?,
        "pileup" => e.pileup = b(v)?,
        "trigger" => e.trigger = b(v)?,
        other => return Err(format!("internal: unhandled column {other}")),
    }
    Ok(())
}

/// An all-zero event to be filled column by column.
pub fn blank_event() -> Event {
    Event {
        run: 0,
        event: 0,
        process: Process::EmShower,
        weight: 0.0,
        mass_gev: 0.0,
        true_emiss_gev: 0.0,
        n_tracks: 0,
        p_track_gev: 0.0,
        track_angle_mrad: 0.0,
        straw_hits: 0,
        srd1_mev: 0.0,
        srd2_mev: 0.0,
        srd3_mev: 0.0,
        e_ecal_gev: 0.0,
        e_ps_gev: 0.0,
        ecal_max_cell_fraction: 0.0,
        ecal_shape_chi2: 0.0,
        ecal_x_cm: 0.0,
        ecal_y_cm: 0.0,
        e_veto_mev: 0.0,
        e_hcal1_gev: 0.0,
        e_hcal2_gev: 0.0,
        e_hcal3_gev: 0.0,
        e_hcal4_gev: 0.0,
        e_hcal0_gev: 0.0,
        pileup: false,
        trigger: false,
    }
}
