//! Signal efficiency of a run at a given m_A' (and E_miss): constant or interpolated from a table
//! linearly in ln m and in E_miss, constant beyond the table's ends.

use crate::runs::{EfficiencyTable, Run};

/// Efficiency of `run` for an A' of mass `mass` \[GeV\] giving missing energy `emiss` \[GeV\].
/// The configuration has been validated, so one of the two forms is present.
pub fn efficiency(run: &Run, mass: f64, emiss: f64) -> f64 {
    match (&run.efficiency, &run.efficiency_table) {
        (Some(e), _) => *e,
        (None, Some(t)) => table(t, mass, emiss),
        (None, None) => 0.0,
    }
}

fn table(t: &EfficiencyTable, mass: f64, emiss: f64) -> f64 {
    let logm: Vec<f64> = t.mass_gev.iter().map(|m| m.ln()).collect();
    let (i, fm) = locate(&logm, mass.ln());
    let row = |k: usize| -> f64 {
        if t.emiss_gev.is_empty() {
            t.values[k][0]
        } else {
            let (j, fe) = locate(&t.emiss_gev, emiss);
            let r = &t.values[k];
            if j + 1 < r.len() {
                r[j] * (1.0 - fe) + r[j + 1] * fe
            } else {
                r[j]
            }
        }
    };
    if i + 1 < t.mass_gev.len() {
        row(i) * (1.0 - fm) + row(i + 1) * fm
    } else {
        row(i)
    }
}

/// Index of the interval holding `x` and the fraction within it, clamped to the ends.
fn locate(grid: &[f64], x: f64) -> (usize, f64) {
    if grid.len() < 2 || x <= grid[0] {
        return (0, 0.0);
    }
    let last = grid.len() - 1;
    if x >= grid[last] {
        return (last, 0.0);
    }
    let i = grid.partition_point(|g| *g <= x) - 1;
    (i, (x - grid[i]) / (grid[i + 1] - grid[i]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets;

    #[test]
    fn interpolates_in_log_mass_and_clamps() {
        // na64-2016 run III: 0.50 at 10 MeV and 0.48 at 100 MeV (paper 002 Table II).
        let c = presets::load("na64-2016").unwrap();
        let r = &c.runs[2];
        assert!((efficiency(r, 0.01, 60.0) - 0.50).abs() < 1e-12);
        assert!((efficiency(r, 0.1, 60.0) - 0.48).abs() < 1e-12);
        assert!((efficiency(r, 0.001, 60.0) - 0.50).abs() < 1e-12);
        assert!((efficiency(r, 10f64.powf(-1.5), 60.0) - 0.49).abs() < 1e-12);
        assert!((efficiency(r, 0.9, 60.0) - 0.48).abs() < 1e-12);
    }

    #[test]
    fn two_dimensional_table() {
        let t = EfficiencyTable {
            mass_gev: vec![0.01, 0.1],
            emiss_gev: vec![50.0, 100.0],
            values: vec![vec![0.4, 0.6], vec![0.2, 0.4]],
        };
        assert!((table(&t, 0.01, 75.0) - 0.5).abs() < 1e-12);
        assert!((table(&t, 0.1, 100.0) - 0.4).abs() < 1e-12);
        assert!((table(&t, 10f64.powf(-1.5), 50.0) - 0.3).abs() < 1e-12);
    }
}
