//! `aprime xsec`: the dark-bremsstrahlung cross section l Z → l Z A' per atom for ε = 1, total or
//! differential in x = E_A'/E0, with any of the four methods of `aprime_physics::dark_brem`.

use anyhow::Context;
use aprime_physics::Material;
use aprime_physics::constants::{M_E, M_MU};
use aprime_physics::dark_brem::{self, Method, XsecOptions};
use aprime_physics::integrate::Estimate;
use rayon::prelude::*;
use serde_json::json;

use crate::options::{FormatArg, Integration};
use crate::output::{OutputFormat, Table, print_json};
use crate::parse;

/// Options of `aprime xsec`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Dark bremsstrahlung l Z → l Z A' per target atom for kinetic mixing ε = 1 (multiply by ε²).\n\
                  Methods: wwsimple = simplified Weizsäcker–Williams total (paper 002 eq. 9–11, total only);\n\
                  iww = improved WW dσ/dx (BEST 2009 App. A); exact = exact A' kinematics with the WW flux,\n\
                  d²σ/dx dθ (DMG4 App. A eq. 16–17); etl = exact tree level (full 2→3 phase space).\n\
                  A compound target (e.g. scintillator) gives the per-atom average over its elements weighted\n\
                  by atom fraction, so that n_atoms·σ is the macroscopic cross section."
)]
pub struct Opts {
    /// Target: an element (Pb, W, Fe, Cu, Al, C, Si, H, N, O) or a compound (scintillator);
    /// compounds give the per-atom average over their elements by atom fraction.
    #[arg(long, default_value = "Pb")]
    pub target: String,
    /// Beam energy E0 in the target frame [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = parse::positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// A' mass m_A' [GeV] (below E0).
    #[arg(long, value_name = "GEV", value_parser = parse::mass, allow_negative_numbers = true)]
    pub mass: f64,
    /// Cross-section method: etl, wwsimple, iww or exact.
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = parse::method)]
    pub method: Method,
    /// Beam lepton.
    #[arg(long, value_enum, default_value_t = Projectile::Electron)]
    pub projectile: Projectile,
    /// Print dσ/dx on a grid of x = E_A'/E0 instead of the total.
    #[arg(long)]
    pub differential: bool,
    /// Number of x points of the --differential grid (bin centres between x_min = m/E0 and
    /// x_max = 1 − m_l/E0).
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub x_points: u32,
    #[command(flatten)]
    pub integration: Integration,
    #[command(flatten)]
    pub output: FormatArg,
}

/// The beam particle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Projectile {
    /// Electron (NA64).
    #[default]
    Electron,
    /// Muon (NA64μ).
    Muon,
}

impl Projectile {
    /// Rest mass \[GeV\].
    pub fn mass(self) -> f64 {
        match self {
            Self::Electron => M_E,
            Self::Muon => M_MU,
        }
    }

    /// Name used in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Self::Electron => "electron",
            Self::Muon => "muon",
        }
    }
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = parse::material(&self.target)?;
        parse::below_beam(self.mass, "--mass", self.energy)?;
        let opts = self.integration.xsec_options();
        let ml = self.projectile.mass();
        let (e0, m) = (self.energy, self.mass);
        let ctx = || {
            format!(
                "σ({} on {}, E0 = {e0} GeV, m_A' = {m} GeV, method {})",
                self.projectile.name(),
                material.name,
                self.method
            )
        };
        // Validate kinematics once (threshold, mass) so that errors name the bad value.
        let first = &material.components[0].element;
        let probe = dark_brem::DarkBrem::new(
            first.zf(),
            first.a,
            e0,
            m,
            ml,
            aprime_physics::FormFactorModel::ElasticInelastic,
        )
        .with_context(ctx)?;
        if self.differential {
            return self
                .differential(&material, &probe, &opts)
                .with_context(ctx);
        }
        let s = dark_brem::material_total_pb(&material, e0, m, ml, self.method, &opts)
            .with_context(ctx)?;
        self.print_total(&material, s)
    }

    fn print_total(&self, material: &Material, s: Estimate) -> anyhow::Result<()> {
        if self.output.format == OutputFormat::Json {
            print_json(&json!({
                "target": material.name,
                "projectile": self.projectile.name(),
                "energy_gev": self.energy,
                "mass_gev": self.mass,
                "method": self.method.name(),
                "epsilon": 1.0,
                "sigma_pb": s.value,
                "sigma_error_pb": s.error,
            }))?;
            return Ok(());
        }
        let mut t = Table::new(&[
            ("target", "target"),
            ("projectile", "beam"),
            ("energy_gev", "E0 [GeV]"),
            ("mass_gev", "m_A' [GeV]"),
            ("method", "method"),
            ("sigma_pb", "σ(ε=1) [pb/atom]"),
            ("sigma_error_pb", "δσ [pb]"),
        ]);
        t.push(vec![
            material.name.as_str().into(),
            self.projectile.name().into(),
            self.energy.into(),
            self.mass.into(),
            self.method.name().into(),
            s.value.into(),
            s.error.into(),
        ]);
        t.print(self.output.format)?;
        Ok(())
    }

    fn differential(
        &self,
        material: &Material,
        probe: &dark_brem::DarkBrem,
        opts: &XsecOptions,
    ) -> anyhow::Result<()> {
        let (lo, hi) = (probe.x_min(), probe.x_max());
        let n = self.x_points as usize;
        let xs: Vec<f64> = (0..n)
            .map(|i| lo + (hi - lo) * (i as f64 + 0.5) / n as f64)
            .collect();
        let ml = self.projectile.mass();
        let values: Vec<Estimate> = xs
            .par_iter()
            .map(|&x| {
                dark_brem::material_dsigma_dx_pb(
                    material,
                    self.energy,
                    self.mass,
                    ml,
                    self.method,
                    x,
                    opts,
                )
                .with_context(|| format!("dσ/dx at x = {x}"))
            })
            .collect::<anyhow::Result<_>>()?;
        let mut t = Table::new(&[
            ("x", "x = E_A'/E0"),
            ("e_aprime_gev", "E_A' [GeV]"),
            ("dsigma_dx_pb", "dσ/dx(ε=1) [pb/atom]"),
            ("dsigma_dx_error_pb", "δ(dσ/dx) [pb]"),
        ]);
        for (x, v) in xs.iter().zip(&values) {
            t.push(vec![
                (*x).into(),
                (x * self.energy).into(),
                v.value.into(),
                v.error.into(),
            ]);
        }
        t.print(self.output.format)?;
        Ok(())
    }
}
