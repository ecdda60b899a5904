//! `aprime kfactor`: the NA64 k-factor k = σ_WW/σ_ETL (paper 002 eq. 12, Fig. 2) on a grid of
//! boson masses × beam energies, for any model and beam lepton (docs/models.md §4).

use anyhow::{Context, bail};
use aprime_physics::Material;
use aprime_physics::dark_brem::Method;
use aprime_physics::kfactor::{KFactor, material_model_k_factor};
use aprime_physics::model::{Mediator, Projectile};
use aprime_report::ModelLabels;
use rayon::prelude::*;

use crate::coupling::{convention_note, coupling_label, cross_section_scale};
use crate::options::{BeamLepton, FormatArg, Integration, ModelOption, Quiet};
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
                  log:LO:HI:N | lin:LO:HI:N. Compound targets use atom-fraction averaged cross sections.\n\
                  Every model has its k (σ_WW with the leading-log coefficient of its spin, σ_ETL with its\n\
                  matrix element; `aprime xsec --help` gives the conventions). k does not depend on the\n\
                  coupling; the σ columns are per atom at unit coupling of the model (ε = 1 or g = 1)."
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
    pub beam: BeamLepton,
    #[command(flatten)]
    pub model: ModelOption,
    #[command(flatten)]
    pub integration: Integration,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

/// What one k grid is for.
struct KGrid<'a> {
    material: &'a Material,
    projectile: Projectile,
    mediator: Mediator,
    reference: Method,
}

impl KGrid<'_> {
    /// Compute the k grid (mass-major, points in parallel, each independent: the result does
    /// not depend on the thread count), with a progress bar on stderr.
    fn compute(
        &self,
        masses: &[f64],
        energies: &[f64],
        integration: &Integration,
        quiet: bool,
    ) -> anyhow::Result<Vec<KFactor>> {
        let reference = self.reference;
        if reference == Method::WwSimple {
            bail!("--reference wwsimple: k = σ_WW/σ_WW is 1 by definition; use etl, exact or iww");
        }
        let opts = integration.xsec_options();
        let points: Vec<(f64, f64)> = masses
            .iter()
            .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
            .collect();
        let progress = Progress::new(quiet, "k-factor", points.len() as u64);
        let results: Vec<anyhow::Result<KFactor>> = points
            .par_iter()
            .map(|&(m, e0)| {
                let r = material_model_k_factor(
                    self.material,
                    self.projectile,
                    self.mediator,
                    e0,
                    m,
                    reference,
                    &opts,
                )
                .with_context(|| {
                    format!(
                        "k of model {} at m = {m} GeV, E0 = {e0} GeV, {} on {} (σ_{reference})",
                        self.mediator, self.projectile, self.material.name
                    )
                });
                progress.inc(1);
                r
            })
            .collect();
        progress.finish();
        results.into_iter().collect()
    }

    /// The k table with units in the column names; `reference` names the σ_ref column, the σ
    /// columns are at unit coupling of the model (ε = 1 or g = 1).
    fn table(&self, ks: &[KFactor]) -> anyhow::Result<Table> {
        let (reference, model) = (self.reference, self.mediator);
        let c = coupling_label(model, 1.0);
        let key = format!("sigma_{}_pb", reference.name());
        let err_key = format!("sigma_{}_error_pb", reference.name());
        let label = format!("σ_{}({c}) [pb/atom]", reference.name().to_uppercase());
        let err_label = format!("δσ_{} [pb/atom]", reference.name().to_uppercase());
        let ww_label = format!("σ_WW({c}) [pb/atom]");
        let mass_label = ModelLabels::of(model).mass_axis();
        let mut t = Table::new(&[
            ("model", "model"),
            ("mass_gev", &mass_label),
            ("energy_gev", "E0 [GeV]"),
            ("sigma_ww_pb", &ww_label),
            (&key, &label),
            (&err_key, &err_label),
            ("k", "k"),
            ("k_error", "δk"),
        ]);
        for k in ks {
            let s = cross_section_scale(model, self.projectile.lepton(), k.mass_gev, 1.0)?;
            t.push(vec![
                model.name().into(),
                k.mass_gev.into(),
                k.energy_gev.into(),
                (k.sigma_ww_pb * s).into(),
                (k.sigma_ref_pb * s).into(),
                (k.sigma_ref_error_pb * s).into(),
                k.k.into(),
                k.k_error.into(),
            ]);
        }
        Ok(t)
    }
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = parse::material(&self.target)?;
        let energies = parse::positive_list(&self.energies, "--energies")?;
        let lowest = energies.iter().copied().fold(f64::INFINITY, f64::min);
        let masses = parse::masses(&self.masses, "--masses", Some(lowest))?;
        let grid = KGrid {
            material: &material,
            projectile: self.beam.projectile,
            mediator: self.model.mediator()?,
            reference: self.reference,
        };
        let ks = grid.compute(&masses, &energies, &self.integration, self.progress.quiet)?;
        let t = grid.table(&ks)?;
        // JSON rows carry "model"; CSV and the text table keep the dark photon's columns (the
        // text table names the model in its headers and footnote).
        match self.output.format {
            OutputFormat::Json => t.print(OutputFormat::Json)?,
            f => t.without(&["model"]).print(f)?,
        }
        if self.output.format == OutputFormat::Table {
            println!(
                "# k = σ_WW/σ_{} per atom of {}, model {}, {} beam (paper 002 eq. 12); {}",
                self.reference.name().to_uppercase(),
                material.name,
                grid.mediator,
                grid.projectile,
                convention_note(&[grid.mediator], 1.0)
            );
        }
        Ok(())
    }
}
