//! `aprime project`: the expected limit of a configuration projected to other exposures
//! (`--eot`, several allowed), a background per particle on target and another beam energy,
//! next to the configuration's current expected and observed limits. The yields per EOT come
//! from a saved `yields.json` (`--yields`, no re-simulation) or a fresh shower simulation (needed
//! for `--energy` and `--target-depth-x0`). The projection itself is `aprime_limits::projection`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_limits::projection::projection_yields;
use aprime_limits::yields::{self, Yields};
use aprime_limits::{Projection, ProjectionRequest, project};
use aprime_report::projection_plot::eot_label;
use aprime_report::{Provenance, write_projection};

use crate::options::{ExperimentSource, FormatArg, MassOverride, Quiet, ReportDir, SeedOverride};
use crate::output::{Cell, OutputFormat, Table};
use crate::parse;
use crate::progress::Progress;
use crate::writable::ensure_writable;

/// Options of `aprime project`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("out", |a| a.default_value("aprime-projection")))]
pub struct Opts {
    #[command(flatten)]
    pub experiment: ExperimentSource,
    /// Total particles on target of a projection (all runs together; each run's share is kept).
    /// Repeat the option or give a list (`--eot 1e12,5e12,1e13`) for several exposures.
    #[arg(long, value_name = "N", required = true, value_delimiter = ',',
          value_parser = parse::positive, allow_hyphen_values = true)]
    pub eot: Vec<f64>,
    /// Background [events per particle on target] of every run in the projections (default:
    /// each run keeps its configured background per EOT).
    #[arg(long, value_name = "B", value_parser = parse::non_negative, allow_hyphen_values = true)]
    pub background_per_eot: Option<f64>,
    /// Saved yields (`yields.json` of `aprime run`) instead of a fresh shower simulation.
    #[arg(long, value_name = "FILE",
          conflicts_with_all = ["energy", "target_depth_x0", "events", "masses"])]
    pub yields: Option<PathBuf>,
    /// Beam energy [GeV] (overrides the configuration's; the yields are simulated afresh).
    #[arg(long, value_name = "GEV", value_parser = parse::positive, allow_hyphen_values = true)]
    pub energy: Option<f64>,
    /// Target depth [X0] (overrides `target.depth_x0`; the yields are simulated afresh, and the
    /// "current" curves are then those of the current exposure with this target). A material
    /// block gets this depth; a layered target (`na64-ecal`) keeps its preshower and gets the
    /// whole number of main layers nearest to it.
    #[arg(long, value_name = "X0", allow_hyphen_values = true)]
    pub target_depth_x0: Option<f64>,
    /// Showers to simulate (overrides `simulation.events`).
    #[arg(long, value_name = "N", value_parser = parse::count::<u64>)]
    pub events: Option<u64>,
    #[command(flatten)]
    pub masses: MassOverride,
    #[command(flatten)]
    pub seed: SeedOverride,
    #[command(flatten)]
    pub report_dir: ReportDir,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        ensure_writable(&self.report_dir.out, "--out")?;
        let request = ProjectionRequest {
            eot: self.eot.clone(),
            background_per_eot: self.background_per_eot,
        };
        request.validate()?;
        let (mut cfg, source) = self.experiment.load()?;
        self.seed.apply(&mut cfg);
        let progress = Progress::stages(self.progress.quiet);
        let cb = |stage: &str, done: u64, total: u64| progress.stage(stage, done, total);
        let mut provenance = Provenance::new("aprime project", start);
        let set = if let Some(file) = &self.yields {
            let path = file.display().to_string();
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read yields file {path}"))?;
            let y: Yields = serde_json::from_str(&text)
                .with_context(|| format!("yields file {path} is not a valid aprime yields file"))?;
            yields::check_yields(&cfg, &y, &path)?;
            provenance = provenance
                .seed("shower simulation (yields file)", y.main.seed)
                .detail("yields_file", path);
            y.main
        } else {
            if let Some(e) = self.energy {
                cfg.beam.energy_gev = e;
            }
            if let Some(d) = self.target_depth_x0 {
                cfg.target.depth_x0 = Some(d);
            }
            if let Some(n) = self.events {
                cfg.simulation.events = n;
            }
            self.masses.apply(&mut cfg)?;
            cfg.validate(&source).context("invalid settings")?;
            let y = projection_yields(&cfg, Some(&cb))?;
            provenance = provenance
                .seed("shower simulation", cfg.simulation.seed)
                .detail("events", cfg.simulation.events);
            y
        };
        let p = project(&cfg, &set, &request, Some(&cb))?;
        progress.finish();
        let provenance = provenance
            .seed("toys", cfg.statistics.seed)
            .timing("total", start.elapsed().as_secs_f64())
            .detail("beam_energy_gev", cfg.beam.energy_gev);
        let out = write_projection(&p, &self.report_dir.out, &provenance)
            .with_context(|| format!("writing {}", self.report_dir.out.display()))?;
        print_projection(&p, self.output.format)?;
        if self.output.format == OutputFormat::Table {
            println!(
                "outputs written to {}/ (projection.csv, projection.json, plots/projection.png|svg)",
                out.display()
            );
        }
        Ok(())
    }
}

/// Per mass: the current observed and expected limits, then every projection's expected
/// median with its ±1σ band.
fn print_projection(p: &Projection, format: OutputFormat) -> anyhow::Result<()> {
    let c = p.model.parameter().name();
    let mut cols: Vec<(String, String)> = vec![
        ("mass_gev".into(), "m [GeV]".into()),
        (format!("{c}_observed"), format!("{c} obs now")),
        (format!("{c}_expected_median"), format!("{c} exp now")),
    ];
    for e in &p.projections {
        let n = eot_label(e.eot);
        cols.push((
            format!("{c}_expected_median_{n}_eot"),
            format!("{c} exp {n}"),
        ));
        cols.push((format!("{c}_expected_m1_{n}_eot"), "−1σ".into()));
        cols.push((format!("{c}_expected_p1_{n}_eot"), "+1σ".into()));
    }
    let refs: Vec<(&str, &str)> = cols.iter().map(|(k, l)| (k.as_str(), l.as_str())).collect();
    let mut t = Table::new(&refs);
    for (i, now) in p.current.iter().enumerate() {
        let mut row: Vec<Cell> = vec![
            now.mass_gev.into(),
            now.observed.into(),
            now.expected.median.into(),
        ];
        for e in &p.projections {
            // Same yield set, same masses in the same order as the current limits.
            let b = e.limits.get(i).map_or([f64::NAN; 3], |l| {
                [l.expected.median, l.expected.m1, l.expected.p1]
            });
            row.extend(b.map(Cell::from));
        }
        t.push(row);
    }
    t.print(format)?;
    Ok(())
}
