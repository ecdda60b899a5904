//! `aprime kfactor`: the NA64 k-factor k = σ_WW/σ_ETL (paper 002 eq. 12, Fig. 2) on a grid of A'
//! masses × beam energies.

use anyhow::{Context, bail};
use aprime_physics::Material;
use aprime_physics::dark_brem::Method;
use aprime_physics::kfactor::{KFactor, material_k_factor_grid};

use crate::options::{FormatArg, Integration, Quiet};
use crate::output::{OutputFormat, Table};
use crate::parse;
use crate::progress::Progress;

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
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = parse::method)]
    pub reference: Method,
    #[command(flatten)]
    pub integration: Integration,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

/// Compute the k grid for `material` (mass-major), with a progress bar on stderr.
fn k_grid(
    material: &Material,
    masses: &[f64],
    energies: &[f64],
    reference: Method,
    integration: &Integration,
    quiet: bool,
) -> anyhow::Result<Vec<KFactor>> {
    if reference == Method::WwSimple {
        bail!("--reference wwsimple: k = σ_WW/σ_WW is 1 by definition; use etl, exact or iww");
    }
    let opts = integration.xsec_options();
    let progress = Progress::new(quiet, "k-factor", (masses.len() * energies.len()) as u64);
    let inc = || progress.inc(1);
    let results = material_k_factor_grid(material, masses, energies, reference, &opts, &inc);
    progress.finish();
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
fn k_table(ks: &[KFactor], reference: Method) -> Table {
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
        let material = parse::material(&self.target)?;
        let energies = parse::positive_list(&self.energies, "--energies")?;
        let lowest = energies.iter().copied().fold(f64::INFINITY, f64::min);
        let masses = parse::masses(&self.masses, "--masses", Some(lowest))?;
        let ks = k_grid(
            &material,
            &masses,
            &energies,
            self.reference,
            &self.integration,
            self.progress.quiet,
        )?;
        k_table(&ks, self.reference).print(self.output.format)?;
        if self.output.format == OutputFormat::Table {
            println!(
                "# k = σ_WW/σ_{} per atom of {}, ε = 1 (paper 002 eq. 12)",
                self.reference.name().to_uppercase(),
                material.name
            );
        }
        Ok(())
    }
}
