//! `aprime xsec`: the dark-bremsstrahlung cross section l Z → l Z A' per atom for ε = 1, total or
//! differential in x = E_A'/E0, with any of the four methods of `aprime_physics::dark_brem`.

use anyhow::{Context, bail};
use aprime_physics::Material;
use aprime_physics::constants::{M_E, M_MU};
use aprime_physics::dark_brem::{self, Method, XsecOptions};
use aprime_physics::integrate::Estimate;
use rayon::prelude::*;
use serde_json::json;

use crate::output::{Format, Table, print_json};

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
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = positive_gev, allow_negative_numbers = true)]
    pub energy: f64,
    /// A' mass m_A' [GeV].
    #[arg(long, value_name = "GEV", value_parser = positive_gev, allow_negative_numbers = true)]
    pub mass: f64,
    /// Cross-section method: etl, wwsimple, iww or exact.
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = method)]
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
    /// Relative precision of the numerical integrals [default: 1e-4 for iww/exact, the ETL
    /// integrator's own default for etl].
    #[arg(long, value_name = "REL", value_parser = precision, allow_negative_numbers = true)]
    pub precision: Option<f64>,
    /// Seed of the ETL integration points (results are reproducible for a seed).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
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

/// clap value parser: a positive, finite number (GeV).
pub(crate) fn positive_gev(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number [GeV]"))?;
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a positive finite energy/mass [GeV]"))
    }
}

/// clap value parser: a relative precision in (0, 0.5).
pub(crate) fn precision(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))?;
    if v.is_finite() && v > 0.0 && v < 0.5 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a relative precision in (0, 0.5)"))
    }
}

/// clap value parser for [`Method`].
pub(crate) fn method(s: &str) -> Result<Method, String> {
    s.parse::<Method>().map_err(|e| e.to_string())
}

/// Resolve a target name to a material, with a one-line error naming it.
pub(crate) fn target(name: &str) -> anyhow::Result<Material> {
    Material::by_name(name).with_context(|| format!("--target '{name}'"))
}

/// Cross-section settings from the common options.
pub(crate) fn xsec_options(precision: Option<f64>, seed: u64) -> XsecOptions {
    let mut o = XsecOptions::default();
    if let Some(p) = precision {
        o.rel_tol = p;
        o.etl.rel_precision = p;
    }
    o.etl.seed = seed;
    o
}

/// Parse a number list of positive values (GeV) given with option `what`.
pub(crate) fn positive_list(text: &str, what: &str) -> anyhow::Result<Vec<f64>> {
    let v = crate::parse::number_list(text, what)?;
    if let Some(bad) = v.iter().find(|x| !(x.is_finite() && **x > 0.0)) {
        bail!("{what}: {bad} is not a positive value [GeV]");
    }
    Ok(v)
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let material = target(&self.target)?;
        let opts = xsec_options(self.precision, self.seed);
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
        if self.format == Format::Json {
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
        t.print(self.format)?;
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
        t.print(self.format)?;
        Ok(())
    }
}
