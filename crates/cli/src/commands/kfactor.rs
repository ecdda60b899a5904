//! `aprime kfactor`: the NA64 k-factor k = σ_WW/σ_ETL (paper 002 eq. 12, Fig. 2) on a grid of A'
//! masses × beam energies.

use anyhow::{Context, bail};
use aprime_physics::Material;
use aprime_physics::dark_brem::Method;
use aprime_physics::kfactor::{KFactor, material_k_factor_grid};
use indicatif::{ProgressBar, ProgressStyle};

use super::xsec::{method, positive_list, precision, target, xsec_options};
use crate::output::{Format, Table};

/// Masses of the DMG4 ETL reference table (physics.md §2) \[GeV\].
pub const DEFAULT_MASSES: &str = "0.002,0.01,0.02,0.05,0.1,0.2,0.5,1";

/// Options of `aprime kfactor`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "k = σ_WW/σ_ETL with σ_WW the simplified Weizsäcker–Williams total of paper 002 eq. 9–11 and\n\
                  σ_ETL the exact-tree-level total, both per atom with the elastic + inelastic form factor.\n\
                  NA64 divides WW-based A' yields by k (paper 002 eq. 13). Lists: a,b,c | FIRST,SECOND,...,LAST |\n\
                  log:LO:HI:N | lin:LO:HI:N. Compound targets use atom-fraction averaged cross sections."
)]
pub struct Opts {
    /// Target: an element (Pb, W, Fe, Cu, Al, C, Si, H, N, O) or a compound (scintillator).
    #[arg(long, default_value = "Pb")]
    pub target: String,
    /// Beam energies E0 [GeV] (list).
    #[arg(
        long,
        value_name = "LIST",
        allow_hyphen_values = true,
        default_value = "20,40,...,160"
    )]
    pub energies: String,
    /// A' masses [GeV] (list).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true, default_value = DEFAULT_MASSES)]
    pub masses: String,
    /// Denominator of k (etl is the NA64 definition; iww or exact for comparison).
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = method)]
    pub reference: Method,
    /// Relative precision of the reference integrals [default: the method's own].
    #[arg(long, value_name = "REL", value_parser = precision, allow_negative_numbers = true)]
    pub precision: Option<f64>,
    /// Seed of the ETL integration points.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Compute the k grid for `material` (mass-major), with a progress bar on stderr.
pub(crate) fn k_grid(
    material: &Material,
    masses: &[f64],
    energies: &[f64],
    reference: Method,
    precision: Option<f64>,
    seed: u64,
) -> anyhow::Result<Vec<KFactor>> {
    if reference == Method::WwSimple {
        bail!("--reference wwsimple: k = σ_WW/σ_WW is 1 by definition; use etl, exact or iww");
    }
    let opts = xsec_options(precision, seed);
    let bar = ProgressBar::new((masses.len() * energies.len()) as u64).with_style(
        ProgressStyle::with_template("k-factor {bar:30} {pos}/{len} points [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let inc = || bar.inc(1);
    let results = material_k_factor_grid(material, masses, energies, reference, &opts, &inc);
    bar.finish_and_clear();
    let points: Vec<(f64, f64)> = masses
        .iter()
        .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
        .collect();
    results
        .into_iter()
        .zip(points)
        .map(|(r, (m, e0))| {
            r.with_context(|| {
                format!(
                    "k at m_A' = {m} GeV, E0 = {e0} GeV on {} (σ_{reference})",
                    material.name
                )
            })
        })
        .collect()
}

/// The k table with units in the column names; `reference` names the σ_ref column.
pub(crate) fn k_table(ks: &[KFactor], reference: Method) -> Table {
    let key = format!("sigma_{}_pb", reference.name());
    let err_key = format!("sigma_{}_error_pb", reference.name());
    let label = format!("σ_{} [pb]", reference.name().to_uppercase());
    let err_label = format!("δσ_{} [pb]", reference.name().to_uppercase());
    let mut t = Table::new(&[
        ("mass_gev", "m_A' [GeV]"),
        ("energy_gev", "E0 [GeV]"),
        ("sigma_ww_pb", "σ_WW [pb]"),
        (&key, &label),
        (&err_key, &err_label),
        ("k", "k"),
        ("k_error", "δk"),
    ]);
    for k in ks {
        t.push(vec![
            k.mass_gev.into(),
            k.energy_gev.into(),
            k.sigma_ww_pb.into(),
            k.sigma_ref_pb.into(),
            k.sigma_ref_error_pb.into(),
            k.k.into(),
            k.k_error.into(),
        ]);
    }
    t
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = target(&self.target)?;
        let energies = positive_list(&self.energies, "--energies")?;
        let masses = positive_list(&self.masses, "--masses")?;
        let ks = k_grid(
            &material,
            &masses,
            &energies,
            self.reference,
            self.precision,
            self.seed,
        )?;
        k_table(&ks, self.reference).print(self.format)?;
        if self.format == Format::Table {
            println!(
                "# k = σ_WW/σ_{} per atom of {}, ε = 1 (paper 002 eq. 12)",
                self.reference.name().to_uppercase(),
                material.name
            );
        }
        Ok(())
    }
}
