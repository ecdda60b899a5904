//! `aprime run`: the main job. Until the shower, detector, analysis and limit stages exist it
//! runs the physics stage only: the A' production cross sections with all four methods and the
//! k-factor table for Pb at 100 GeV (paper 002 §II, Fig. 2).

use anyhow::Context;
use aprime_physics::constants::M_E;
use aprime_physics::dark_brem::{self, Method};
use rayon::prelude::*;
use serde_json::json;

use super::kfactor::{DEFAULT_MASSES, k_grid, k_table};
use super::xsec::{positive_gev, positive_list, target, xsec_options};
use crate::output::{Format, Table, print_json};

/// DMG4's tabulated k at E0 = 100 GeV on Pb (physics.md §2), shown next to ours: (m \[GeV\], k).
const DMG4_K_100GEV: [(f64, f64); 9] = [
    (0.001, 0.605),
    (0.002, 0.832),
    (0.01, 1.083),
    (0.02, 1.200),
    (0.05, 1.443),
    (0.1, 1.651),
    (0.2, 1.888),
    (0.5, 1.922),
    (1.0, 2.144),
];

/// Options of `aprime run`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "NOTE: this will become the full NA64 chain (shower → detector → analysis → CLs limits) as the\n\
                  later stages land. For now it prints the physics stage: σ per atom for ε = 1 with the\n\
                  wwsimple, iww, exact and etl methods, and the k-factor k = σ_WW/σ_ETL (paper 002 eq. 12)\n\
                  with DMG4's published k at 100 GeV for comparison. A run takes a few seconds on 2 cores."
)]
pub struct Opts {
    /// Target: an element or a compound (scintillator).
    #[arg(long, default_value = "Pb")]
    pub target: String,
    /// Beam energy E0 [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = positive_gev, allow_negative_numbers = true)]
    pub energy: f64,
    /// A' masses [GeV] (list: a,b,c | FIRST,SECOND,...,LAST | log:LO:HI:N | lin:LO:HI:N).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true, default_value = DEFAULT_MASSES)]
    pub masses: String,
    /// Output format (json: one object with `cross_sections` and `k_factors`).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = target(&self.target)?;
        let masses = positive_list(&self.masses, "--masses")?;
        let e0 = self.energy;
        let opts = xsec_options(None, 1);
        let methods = [Method::WwSimple, Method::Iww, Method::Exact];
        let rows: Vec<Vec<f64>> = masses
            .par_iter()
            .map(|&m| {
                methods
                    .iter()
                    .map(|&me| {
                        dark_brem::material_total_pb(&material, e0, m, M_E, me, &opts)
                            .map(|s| s.value)
                            .with_context(|| format!("σ_{me} at m_A' = {m} GeV, E0 = {e0} GeV"))
                    })
                    .collect::<anyhow::Result<Vec<f64>>>()
            })
            .collect::<anyhow::Result<_>>()?;
        // ETL is needed for the k table; if it fails, still show the other methods.
        let ks = k_grid(&material, &masses, &[e0], Method::Etl, None, 1);
        let mut xs = Table::new(&[
            ("mass_gev", "m_A' [GeV]"),
            ("sigma_wwsimple_pb", "σ_WW [pb]"),
            ("sigma_iww_pb", "σ_IWW [pb]"),
            ("sigma_exact_pb", "σ_exact [pb]"),
            ("sigma_etl_pb", "σ_ETL [pb]"),
        ]);
        for (i, (m, r)) in masses.iter().zip(&rows).enumerate() {
            let etl = ks.as_ref().map_or(f64::NAN, |k| k[i].sigma_ref_pb);
            xs.push(vec![
                (*m).into(),
                r[0].into(),
                r[1].into(),
                r[2].into(),
                etl.into(),
            ]);
        }
        let dmg4 = |m: f64| {
            DMG4_K_100GEV
                .iter()
                .find(|(mm, _)| (mm / m - 1.0).abs() < 1e-9 && (e0 - 100.0).abs() < 1e-9)
                .map_or(f64::NAN, |(_, k)| *k)
        };
        let kt = ks.as_ref().ok().map(|ks| {
            let mut t = k_table(ks, Method::Etl);
            t.columns.push(crate::output::Column {
                key: "k_dmg4".into(),
                label: "k (DMG4, Pb)".into(),
            });
            for (row, k) in t.rows.iter_mut().zip(ks) {
                row.push(dmg4(k.mass_gev).into());
            }
            t
        });
        match self.format {
            Format::Json => print_json(&json!({
                "target": material.name,
                "energy_gev": e0,
                "epsilon": 1.0,
                "cross_sections": xs.to_json(),
                "k_factors": kt.as_ref().map(Table::to_json),
            }))?,
            f => {
                if f == Format::Table {
                    println!(
                        "aprime run — physics stage (the full NA64 chain will replace this): \
                         A' production per atom of {}, E0 = {e0} GeV, ε = 1",
                        material.name
                    );
                }
                xs.print(f)?;
                if let Some(kt) = &kt {
                    println!();
                    kt.print(f)?;
                }
            }
        }
        ks.map(|_| ())
            .context("the ETL cross section is unavailable, so σ_ETL and the k table are missing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dmg4_reference_masses_are_sorted() {
        assert!(DMG4_K_100GEV.windows(2).all(|w| w[0].0 < w[1].0));
        // Used as default grid: every default mass has a DMG4 reference value.
        let m = crate::parse::number_list(DEFAULT_MASSES, "m").unwrap();
        assert!(m.iter().all(|x| {
            DMG4_K_100GEV
                .iter()
                .any(|(y, _)| (y / x - 1.0).abs() < 1e-9)
        }));
    }
}
