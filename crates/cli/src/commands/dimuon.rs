//! `aprime dimuon`: the benchmark γ Z → μ⁺μ⁻ Z cross section per atom (paper 002 eq. 18–22).

use anyhow::Context;
use aprime_physics::dimuon;
use serde_json::json;

use crate::options::FormatArg;
use crate::output::{OutputFormat, Table, print_json};
use crate::parse;

/// Options of `aprime dimuon`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Bethe–Heitler muon pair production by a photon of energy E_γ on a nucleus, in the Geant4\n\
                  parametrisation quoted by paper 002 (eq. 18–22); valid for E_γ > 4 m_μ ≈ 0.42 GeV. Pb\n\
                  reference totals: 30.2, 334, 886 μb at 1, 10, 100 GeV. Compound targets give the per-atom\n\
                  average over their elements by atom fraction."
)]
pub struct Opts {
    /// Target: an element (Pb, W, Fe, Cu, Al, C, Si, H, N, O) or a compound (scintillator).
    #[arg(long, default_value = "Pb")]
    pub target: String,
    /// Photon energy E_γ [GeV].
    #[arg(long, value_name = "GEV", value_parser = parse::positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// Print dσ/dx₊ on a grid of x₊ = E_μ⁺/E_γ instead of the total.
    #[arg(long)]
    pub differential: bool,
    /// Number of x₊ points of the --differential grid (bin centres over the allowed range).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub x_points: u32,
    #[command(flatten)]
    pub output: FormatArg,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = parse::material(&self.target)?;
        let e = self.energy;
        let ctx = || format!("dimuon σ on {} at E_γ = {e} GeV", material.name);
        let total = dimuon::material_total_ub(&material, e).with_context(ctx)?;
        if self.differential {
            let (lo, hi) = dimuon::x_range(e).context("below the dimuon threshold")?;
            let n = self.x_points as usize;
            let mut t = Table::new(&[
                ("x_plus", "x₊ = E_μ⁺/E_γ"),
                ("dsigma_dx_ub", "dσ/dx₊ [μb/atom]"),
            ]);
            for i in 0..n {
                let x = lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
                let v = dimuon::material_dsigma_dx_ub(&material, e, x).with_context(ctx)?;
                t.push(vec![x.into(), v.into()]);
            }
            t.print(self.output.format)?;
            return Ok(());
        }
        if self.output.format == OutputFormat::Json {
            print_json(&json!({
                "target": material.name,
                "energy_gev": e,
                "sigma_ub": total.value,
                "sigma_error_ub": total.error,
            }))?;
            return Ok(());
        }
        let mut t = Table::new(&[
            ("target", "target"),
            ("energy_gev", "E_γ [GeV]"),
            ("sigma_ub", "σ(γZ→μμZ) [μb/atom]"),
            ("sigma_error_ub", "δσ [μb]"),
        ]);
        t.push(vec![
            material.name.as_str().into(),
            e.into(),
            total.value.into(),
            total.error.into(),
        ]);
        t.print(self.output.format)?;
        Ok(())
    }
}
