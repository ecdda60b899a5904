//! `aprime xsec`: the production cross section l Z → l Z X per atom at unit coupling of the
//! model (docs/models.md), total or differential in x = E_X/E0, with any of the four methods of
//! `aprime_physics::dark_brem`; `--model all` puts every model side by side.

mod conventions;

use anyhow::{Context, ensure};
use aprime_core::MassGrid;
use aprime_physics::Material;
use aprime_physics::dark_brem::{self, Method, XsecOptions};
use aprime_physics::integrate::Estimate;
use aprime_physics::model::{Mediator, Projectile};
use aprime_report::ModelLabels;
use rayon::prelude::*;
use serde_json::{Value, json};

use crate::coupling::{convention_note, coupling_label, cross_section_scale};
use crate::options::{BeamLepton, FormatArg, Integration, ModelOption};
use crate::output::{Cell, OutputFormat, Table, print_json};
use crate::parse::{self, ModelChoice};

/// Options of `aprime xsec`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "σ per atom at unit coupling of the model (ε = 1, or g = 1 for lmu-ltau and b-l). \
                  --help shows the model conventions.",
    after_long_help = conventions::LONG_HELP
)]
#[command(mut_arg("model", |a| a.long_help(
    "The new boson X (conventions below): one model, or `all` for every model side by side. \
     Default: vector (the dark photon A')."
)))]
pub struct Opts {
    /// Target: an element (Pb, W, Fe, Cu, Al, C, Si, H, N, O) or a compound (scintillator);
    /// compounds give the per-atom average over their elements by atom fraction.
    #[arg(long, default_value = "Pb")]
    pub target: String,
    /// Beam energy E0 in the target frame [GeV]: a number or a list (20,100 or lin:20:160:8).
    #[arg(
        long,
        value_name = "GEV",
        default_value = "100",
        allow_hyphen_values = true
    )]
    pub energy: String,
    /// Boson mass m_X [GeV] (below E0): a number or a list (0.01,0.1 or log:0.001:1:10).
    #[arg(long, value_name = "GEV", value_parser = parse::mass_grid, allow_hyphen_values = true)]
    pub mass: MassGrid,
    /// Cross-section method: etl, wwsimple, iww or exact.
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = parse::method)]
    pub method: Method,
    #[command(flatten)]
    pub beam: BeamLepton,
    #[command(flatten)]
    pub model: ModelOption,
    /// The model's coupling (ε, or g for lmu-ltau and b-l) at which σ is given: σ ∝ coupling²
    /// [default: 1]. Accepted range: ε in (0, 1], g in (0, √(4π)].
    #[arg(long, value_name = "VALUE", allow_hyphen_values = true)]
    pub coupling: Option<f64>,
    /// Print dσ/dx on a grid of x = E_X/E0 instead of the total (one mass and one energy).
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

/// The resolved request: what to compute for which models.
struct Request {
    material: Material,
    projectile: Projectile,
    method: Method,
    models: Vec<Mediator>,
    coupling: f64,
    /// (m, E0) in mass-major order.
    points: Vec<(f64, f64)>,
    opts: XsecOptions,
}

impl Request {
    /// What a failure names.
    fn context(&self, mediator: Mediator, m: f64, e0: f64) -> String {
        format!(
            "σ({} on {}, model {mediator}, E0 = {e0} GeV, m = {m} GeV, method {})",
            self.projectile, self.material.name, self.method
        )
    }

    /// σ per atom (or dσ/dx at `x`) of `mediator` at (m, E0) at the requested coupling \[pb\].
    fn sigma(
        &self,
        mediator: Mediator,
        (m, e0): (f64, f64),
        x: Option<f64>,
    ) -> anyhow::Result<Estimate> {
        let (mat, p, method, opts) = (&self.material, self.projectile, self.method, &self.opts);
        let unit = match x {
            None => dark_brem::material_model_total_pb(mat, p, mediator, e0, m, method, opts)
                .map_err(anyhow::Error::from),
            Some(x) => {
                dark_brem::material_model_dsigma_dx_pb(mat, p, mediator, e0, m, method, x, opts)
                    .with_context(|| format!("dσ/dx at x = {x}"))
            }
        }
        .with_context(|| self.context(mediator, m, e0))?;
        let s = cross_section_scale(mediator, p.lepton(), m, self.coupling)
            .with_context(|| self.context(mediator, m, e0))?;
        Ok(Estimate {
            value: unit.value * s,
            error: unit.error * s,
        })
    }

    /// `f(model, point)` for every point × model, in parallel; row-major (point, then model).
    fn grid<T: Send>(
        &self,
        n_points: usize,
        f: impl Fn(Mediator, usize) -> anyhow::Result<T> + Sync,
    ) -> anyhow::Result<Vec<Vec<T>>> {
        let n_models = self.models.len();
        let flat: Vec<T> = (0..n_points * n_models)
            .into_par_iter()
            .map(|i| f(self.models[i % n_models], i / n_models))
            .collect::<anyhow::Result<_>>()?;
        let mut rows = Vec::with_capacity(n_points);
        let mut it = flat.into_iter();
        for _ in 0..n_points {
            rows.push(it.by_ref().take(n_models).collect());
        }
        Ok(rows)
    }
}

impl Opts {
    /// Resolve and check the options before any physics.
    fn request(&self) -> anyhow::Result<Request> {
        let material = parse::material(&self.target)?;
        let energies = parse::positive_list(&self.energy, "--energy")?;
        for &e0 in &energies {
            self.mass.check_below(e0).context("--mass")?;
        }
        let models = self.model.models();
        let coupling = self.coupling.unwrap_or(1.0);
        for &m in &models {
            parse::coupling(m, coupling)?;
        }
        let points = self
            .mass
            .as_slice()
            .iter()
            .flat_map(|&m| energies.iter().map(move |&e| (m, e)))
            .collect();
        Ok(Request {
            material,
            projectile: self.beam.projectile,
            method: self.method,
            models,
            coupling,
            points,
            opts: self.integration.xsec_options(),
        })
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let req = self.request()?;
        // Kinematics checked once per point (threshold, mass) so that errors name the bad value.
        let first = &req.material.components[0].element;
        let probes = req
            .points
            .iter()
            .map(|&(m, e0)| {
                dark_brem::DarkBrem::for_model(first, req.projectile, Mediator::Vector, e0, m)
                    .with_context(|| req.context(req.models[0], m, e0))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if self.differential {
            ensure!(
                probes.len() == 1,
                "--differential needs one --mass and one --energy (got {} points)",
                probes.len()
            );
            return self.differential(&req, &probes[0]);
        }
        let sigmas = req.grid(req.points.len(), |model, i| {
            req.sigma(model, req.points[i], None)
        })?;
        if matches!(self.model.choice, Some(ModelChoice::All)) {
            return self.print_side_by_side(&req, &sigmas);
        }
        self.print_totals(&req, &sigmas)
    }

    /// One model: one row per (m, E0); JSON is one object for one point (as before models
    /// existed, plus the model keys), an array otherwise.
    fn print_totals(&self, req: &Request, sigmas: &[Vec<Estimate>]) -> anyhow::Result<()> {
        let model = req.models[0];
        let labels = ModelLabels::of(model);
        let sigma_label = format!("σ({}) [pb/atom]", coupling_label(model, req.coupling));
        let mass_label = labels.mass_axis();
        let mut t = Table::new(&[
            ("target", "target"),
            ("projectile", "beam"),
            ("model", "model"),
            ("parameter", "coupling"),
            ("coupling", "value"),
            ("energy_gev", "E0 [GeV]"),
            ("mass_gev", &mass_label),
            ("method", "method"),
            ("sigma_pb", &sigma_label),
            ("sigma_error_pb", "δσ [pb/atom]"),
            ("sigma_scale", "σ/σ(g_ℓ=e)"),
        ]);
        for (&(m, e0), s) in req.points.iter().zip(sigmas) {
            let scale = cross_section_scale(model, req.projectile.lepton(), m, 1.0)?;
            t.push(vec![
                req.material.name.as_str().into(),
                req.projectile.name().into(),
                model.name().into(),
                model.parameter().name().into(),
                req.coupling.into(),
                e0.into(),
                m.into(),
                self.method.name().into(),
                s[0].value.into(),
                s[0].error.into(),
                scale.into(),
            ]);
        }
        match self.output.format {
            OutputFormat::Json => {
                let rows = t.to_json();
                match rows {
                    Value::Array(mut v) if v.len() == 1 => print_json(&v.remove(0))?,
                    other => print_json(&other)?,
                }
            }
            OutputFormat::Csv => t.print(OutputFormat::Csv)?,
            OutputFormat::Table => t
                .without(&["parameter", "coupling", "sigma_scale"])
                .print(OutputFormat::Table)?,
        }
        Ok(())
    }

    /// `--model all`: one row per (m, E0), one σ column per model at unit coupling.
    fn print_side_by_side(&self, req: &Request, sigmas: &[Vec<Estimate>]) -> anyhow::Result<()> {
        let keys: Vec<(String, String)> = req
            .models
            .iter()
            .map(|m| (format!("sigma_{m}_pb"), format!("sigma_error_{m}_pb")))
            .collect();
        let labels: Vec<(String, String)> = req
            .models
            .iter()
            .map(|&m| {
                (
                    format!("{m} σ({}) [pb]", coupling_label(m, req.coupling)),
                    format!("δσ {m} [pb]"),
                )
            })
            .collect();
        let mut columns: Vec<(&str, &str)> =
            vec![("mass_gev", "m_X [GeV]"), ("energy_gev", "E0 [GeV]")];
        for ((k, ke), (l, le)) in keys.iter().zip(&labels) {
            columns.push((k, l));
            columns.push((ke, le));
        }
        let mut t = Table::new(&columns);
        for (&(m, e0), row) in req.points.iter().zip(sigmas) {
            let mut cells: Vec<Cell> = vec![m.into(), e0.into()];
            for s in row {
                cells.push(s.value.into());
                cells.push(s.error.into());
            }
            t.push(cells);
        }
        match self.output.format {
            OutputFormat::Json => print_json(&json!({
                "target": req.material.name,
                "projectile": req.projectile.name(),
                "method": self.method.name(),
                "coupling": req.coupling,
                "models": model_keys(&req.models),
                "rows": t.to_json(),
            }))?,
            OutputFormat::Csv => t.print(OutputFormat::Csv)?,
            OutputFormat::Table => {
                let errors: Vec<&str> = keys.iter().map(|(_, e)| e.as_str()).collect();
                t.without(&errors).print(OutputFormat::Table)?;
                let worst = sigmas
                    .iter()
                    .flatten()
                    .map(|s| {
                        if s.value > 0.0 {
                            s.error / s.value
                        } else {
                            0.0
                        }
                    })
                    .fold(0.0, f64::max);
                println!(
                    "# σ per atom of {}, {} beam, method {}; {}",
                    req.material.name,
                    req.projectile,
                    self.method,
                    convention_note(&req.models, req.coupling)
                );
                println!(
                    "# largest relative integration error δσ/σ = {worst:.1e} (CSV/JSON give δσ)"
                );
            }
        }
        Ok(())
    }

    /// dσ/dx on the x grid of the one point, one column per model.
    fn differential(&self, req: &Request, probe: &dark_brem::DarkBrem) -> anyhow::Result<()> {
        let (lo, hi) = (probe.x_min(), probe.x_max());
        let n = self.x_points as usize;
        let xs: Vec<f64> = (0..n)
            .map(|i| lo + (hi - lo) * (i as f64 + 0.5) / n as f64)
            .collect();
        let point = req.points[0];
        let values = req.grid(n, |model, i| req.sigma(model, point, Some(xs[i])))?;
        let one = req.models.len() == 1;
        let keys: Vec<(String, String, String, String)> = req
            .models
            .iter()
            .map(|&m| {
                let c = coupling_label(m, req.coupling);
                if one {
                    (
                        "dsigma_dx_pb".to_string(),
                        format!("dσ/dx({c}) [pb/atom]"),
                        "dsigma_dx_error_pb".to_string(),
                        "δ(dσ/dx) [pb/atom]".to_string(),
                    )
                } else {
                    (
                        format!("dsigma_dx_{m}_pb"),
                        format!("{m} dσ/dx({c}) [pb]"),
                        format!("dsigma_dx_error_{m}_pb"),
                        format!("δ {m} [pb]"),
                    )
                }
            })
            .collect();
        let boson = if one {
            ModelLabels::of(req.models[0]).boson
        } else {
            "X"
        };
        let x_label = format!("x = E_{boson}/E0");
        let e_label = format!("E_{boson} [GeV]");
        let mut columns: Vec<(&str, &str)> = vec![("x", &x_label), ("e_aprime_gev", &e_label)];
        if one {
            columns.push(("model", "model"));
        }
        for (k, l, ke, le) in &keys {
            columns.push((k, l));
            columns.push((ke, le));
        }
        let mut t = Table::new(&columns);
        for (x, row) in xs.iter().zip(&values) {
            let mut cells: Vec<Cell> = vec![(*x).into(), (x * probe.e0).into()];
            if one {
                cells.push(req.models[0].name().into());
            }
            for v in row {
                cells.push(v.value.into());
                cells.push(v.error.into());
            }
            t.push(cells);
        }
        match (self.output.format, one) {
            // One model: JSON rows carry "model"; the CSV columns are those of the dark photon.
            (OutputFormat::Json, true) => t.print(OutputFormat::Json)?,
            (OutputFormat::Json, false) => print_json(&json!({
                "target": req.material.name,
                "projectile": req.projectile.name(),
                "energy_gev": point.1,
                "mass_gev": point.0,
                "method": self.method.name(),
                "coupling": req.coupling,
                "models": model_keys(&req.models),
                "rows": t.to_json(),
            }))?,
            (OutputFormat::Csv, _) => t.without(&["model"]).print(OutputFormat::Csv)?,
            (OutputFormat::Table, true) => t.without(&["model"]).print(OutputFormat::Table)?,
            (OutputFormat::Table, false) => {
                let errors: Vec<&str> = keys.iter().map(|k| k.2.as_str()).collect();
                t.without(&errors).print(OutputFormat::Table)?;
            }
        }
        if self.output.format == OutputFormat::Table {
            println!(
                "# dσ/dx per atom of {}, {} beam, E0 = {} GeV, m = {} GeV, method {}; {}",
                req.material.name,
                req.projectile,
                point.1,
                point.0,
                self.method,
                convention_note(&req.models, req.coupling)
            );
        }
        Ok(())
    }
}

/// The models of a side-by-side JSON output with their coupling parameter.
fn model_keys(models: &[Mediator]) -> Vec<Value> {
    models
        .iter()
        .map(|m| json!({"model": m.name(), "parameter": m.parameter().name()}))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_is_in_the_help() {
        for m in Mediator::ALL {
            assert!(
                conventions::LONG_HELP.contains(&format!("\n  {} ", m.name())),
                "{m} missing from the xsec help"
            );
        }
    }
}
