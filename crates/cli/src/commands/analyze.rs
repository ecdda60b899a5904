//! `aprime analyze`: the blind missing-energy analysis of an event file (paper 002 §IV–IX):
//! selection and weighted cut flow, the signal box masked unless `--unblind`, the side-band C
//! background fit with variants, signal efficiencies per run and mass, the dimuon benchmark and
//! the ε limits from these estimates. Everything goes into an output directory that appears
//! only when complete.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use aprime_analysis::{Injection, Options as AnalysisOptions, analyze_file};
use aprime_detector::read_metadata;
use aprime_experiment::presets;
use aprime_limits::from_analysis::LimitRow;
use aprime_limits::yields::{self, Yields};
use aprime_report::analysis_outputs::sig;
use aprime_report::{Provenance, Staging};
use serde_json::json;

use crate::options::{ExperimentSource, FormatArg, MassOverride, Quiet, SeedOverride};
use crate::output::{Cell, OutputFormat, Table};
use crate::parse;
use crate::progress::Progress;
use crate::writable::ensure_writable;

/// Options of `aprime analyze`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes into --out: summary.json, cutflow.csv, regions.csv, background.csv/json, \
efficiencies.csv, dimuon.csv, limits.csv and plots/ (PNG + SVG). Without --unblind the signal box \
is never looked at: its events are dropped before anything is counted. The limits need the A' \
yields of the shower stage: simulated here (simulation.events of the configuration, --yield-events), \
read from an `aprime run` output (--yields FILE), or skipped (--no-limits)."
)]
#[command(mut_arg("preset", |a| a.help("Embedded configuration (default: the one named in the file's metadata, else na64-2016-2018)")))]
#[command(mut_arg("format", |a| a.help("Summary on standard output: `table` (per-run background, efficiencies, dimuon benchmark, limits), `csv` (the per-run table) or `json` (the whole summary.json)")))]
pub struct Opts {
    /// Event file (Parquet or CSV) written by `aprime simulate` or in the same columns.
    #[arg(value_name = "EVENTS")]
    pub events: PathBuf,
    #[command(flatten)]
    pub experiment: ExperimentSource,
    /// Open the signal box: count its events, observed limits, signal estimates.
    #[arg(long)]
    pub unblind: bool,
    /// Output directory (replaced atomically when the analysis completes).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Inject signal: A' mass [GeV] of the simulated signal events to add to the data.
    #[arg(long, value_name = "GEV", requires = "inject_epsilon", value_parser = parse::mass, allow_negative_numbers = true)]
    pub inject_mass: Option<f64>,
    /// Inject signal: mixing ε of the injected events, in (0, 1).
    #[arg(long, value_name = "EPS", requires = "inject_mass", value_parser = parse::unit_open, allow_negative_numbers = true)]
    pub inject_epsilon: Option<f64>,
    /// Skip the shower-stage yields and the limits.
    #[arg(long, conflicts_with = "yields")]
    pub no_limits: bool,
    /// A' yields saved by `aprime run` (its yields.json) instead of simulating them.
    #[arg(long, value_name = "FILE")]
    pub yields: Option<PathBuf>,
    /// Showers for the yields (overrides simulation.events).
    #[arg(long, value_name = "N", value_parser = parse::count::<u64>)]
    pub yield_events: Option<u64>,
    #[command(flatten)]
    pub seed: SeedOverride,
    #[command(flatten)]
    pub masses: MassOverride,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let start = Instant::now();
        ensure_writable(&self.out, "--out")?;
        let input = self.events.display().to_string();
        // The metadata names the preset the file was simulated for (and checks that it opens).
        let meta =
            read_metadata(&self.events).with_context(|| format!("cannot analyse {input}"))?;
        let file_preset = meta
            .as_ref()
            .map(|m| m.preset.as_str())
            .filter(|p| presets::names().iter().any(|n| n.eq_ignore_ascii_case(p)));
        let (mut cfg, source) = self
            .experiment
            .load_or(file_preset.unwrap_or(presets::DEFAULT_PRESET))?;
        if let Some(n) = self.yield_events {
            cfg.simulation.events = n;
        }
        self.seed.apply(&mut cfg);
        self.masses.apply(&mut cfg)?;
        cfg.validate(&source).context("invalid settings")?;
        let inject = match (self.inject_mass, self.inject_epsilon) {
            (Some(m), Some(e)) => {
                parse::below_beam(m, "--inject-mass", cfg.beam.energy_gev)?;
                let has = meta
                    .as_ref()
                    .is_none_or(|md| md.masses_gev.iter().any(|x| (x / m - 1.0).abs() < 1e-9));
                anyhow::ensure!(
                    has,
                    "--inject-mass {m} GeV: the file has signal events only at {:?} GeV",
                    meta.as_ref()
                        .map(|md| md.masses_gev.clone())
                        .unwrap_or_default()
                );
                Some(Injection {
                    mass_gev: m,
                    weight_scale: e * e,
                })
            }
            _ => None,
        };
        let opts = AnalysisOptions {
            unblind: self.unblind,
            inject,
        };
        // Read and analyse (streaming batches).
        let progress = Progress::new(self.progress.quiet, "analysing", 0);
        let tick = |n: u64| progress.inc(n);
        let (analysis, meta) = analyze_file(&self.events, &cfg, &opts, Some(&tick))
            .with_context(|| format!("cannot analyse {input}"))?;
        progress.finish();
        // Yields and limits.
        let limits: Option<Vec<LimitRow>> = if self.no_limits {
            None
        } else {
            let set = if let Some(path) = &self.yields {
                let p = path.display().to_string();
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read yields file {p}"))?;
                let y: Yields = serde_json::from_str(&text).with_context(|| {
                    format!("yields file {p} is not a valid aprime yields file")
                })?;
                yields::check_yields(&cfg, &y, &p)?;
                y.main
            } else {
                let progress =
                    Progress::new(self.progress.quiet, "A' yields", cfg.simulation.events);
                let cb = |n: u64| progress.inc(n);
                let set = yields::yield_set(
                    &cfg,
                    cfg.production.bremsstrahlung,
                    cfg.production.annihilation,
                    &cfg.masses.masses(),
                    yields::simulated_threshold(&cfg),
                    Some(&cb),
                )
                .context("A' yields from the shower stage")?;
                progress.finish();
                set
            };
            Some(aprime_limits::from_analysis::limits(&cfg, &analysis, &set)?)
        };
        let mut provenance = Provenance::new("aprime analyze", start)
            .seed("toys", cfg.statistics.seed)
            .timing("analysis and limits", start.elapsed().as_secs_f64());
        if limits.is_some() && self.yields.is_none() {
            provenance = provenance.seed("shower simulation (A' yields)", cfg.simulation.seed);
        }
        let header = json!({
            "command": "aprime analyze",
            "version": env!("CARGO_PKG_VERSION"),
            "configuration": source,
            "input": self.events.file_name().map(|n| n.to_string_lossy().into_owned()),
            "input_metadata": meta.as_ref().map(|m| json!({
                "preset": m.preset,
                "eot_equivalent": m.eot_equivalent,
                "seed": m.seed,
                "masses_gev": m.masses_gev,
                "signal_weight": m.signal_weight,
                "version": m.version,
            })),
            "unblind": self.unblind,
            "injected": inject.map(|i| json!({"mass_gev": i.mass_gev, "epsilon": i.weight_scale.sqrt()})),
        });
        let mut staging = Staging::new(&self.out).with_context(|| {
            format!("cannot create the output directory {}", self.out.display())
        })?;
        let summary = aprime_report::analysis_outputs::write(
            &mut staging,
            &analysis,
            limits.as_deref(),
            &header,
        )
        .with_context(|| format!("writing {}", self.out.display()))?;
        aprime_report::write_analysis_report(
            &mut staging,
            &cfg,
            &analysis,
            limits.as_deref(),
            &header,
            &provenance,
        )
        .with_context(|| format!("writing {}", self.out.display()))?;
        let mut manifest = header.clone();
        manifest["status"] = json!("complete");
        manifest["seconds"] = json!(start.elapsed().as_secs_f64());
        manifest["provenance"] = provenance.manifest_json();
        let out = staging
            .commit(&manifest)
            .with_context(|| format!("writing {}", self.out.display()))?;
        if self.output.format == OutputFormat::Json {
            println!("{}", serde_json::to_string_pretty(&summary)?);
            return Ok(());
        }
        print_tables(&analysis, limits.as_deref(), self.output.format)?;
        if self.output.format == OutputFormat::Table {
            println!(
                "{}; outputs written to {}/ (summary.json, cutflow.csv, background.csv, efficiencies.csv, plots/)",
                if analysis.blind {
                    "signal box blinded"
                } else {
                    "signal box OPEN (--unblind)"
                },
                out.display()
            );
        }
        Ok(())
    }
}

fn print_tables(
    a: &aprime_analysis::Analysis,
    limits: Option<&[LimitRow]>,
    format: OutputFormat,
) -> anyhow::Result<()> {
    let mut t = Table::new(&[
        ("run", "run"),
        ("selected_events", "selected"),
        ("side_band_c_events", "side band C"),
        ("slope_per_gev", "slope [1/GeV]"),
        ("background_file", "n_b (file)"),
        ("background_file_error", "± (file)"),
        ("background_config_eot", "n_b (config EOT)"),
        ("background_config_error", "± (config)"),
        ("box_events", "box"),
        ("dimuon_per_eot", "μμ/EOT"),
    ]);
    for (i, b) in a.background.iter().enumerate() {
        let sel = a.tallies.runs[i].flow_total()[aprime_analysis::Step::N_SELECTION];
        let box_cell = a
            .box_contents
            .as_ref()
            .map_or_else(|| "blinded".to_string(), |bx| sig(bx[i].data.sum_w, 4));
        t.push(vec![
            b.run.clone().into(),
            sel.sum_w.into(),
            b.side_band_events.into(),
            b.slope_per_gev.map_or(f64::NAN, |s| s.0).into(),
            b.predicted.into(),
            b.error.into(),
            b.predicted_config.into(),
            b.error_config.into(),
            box_cell.into(),
            a.dimuon.runs[i].yield_per_eot.into(),
        ]);
    }
    t.print(format)?;
    if format != OutputFormat::Table {
        // CSV: the per-run table only (everything else is in the output directory).
        return Ok(());
    }
    let mut e = Table::new(&[
        ("run", "run"),
        ("mass_gev", "m_A' [GeV]"),
        ("eff_trigger", "trigger"),
        ("eff_electron", "e⁻ ID"),
        ("eff_ecal", "ECAL"),
        ("eff_veto", "VETO"),
        ("eff_hcal", "HCAL"),
        ("eff_acceptance", "E_ECAL cut"),
        ("eff_total", "total"),
    ]);
    for x in &a.efficiencies {
        let mut row: Vec<Cell> = vec![x.run.clone().into(), x.mass_gev.into()];
        row.extend(x.factors.iter().map(|f| f.value.into()));
        row.push(x.total.into());
        e.push(row);
    }
    println!();
    e.print(format)?;
    println!(
        "\ndimuon benchmark: {} ± {} per EOT (paper 002 Table I run I: 1223/1.71e8 = {})",
        sig(a.dimuon.yield_per_eot, 4),
        sig(a.dimuon.yield_error, 2),
        sig(a.dimuon.reference_per_eot, 4)
    );
    if let Some(rows) = limits {
        let mut l = Table::new(&[
            ("mass_gev", "m_A' [GeV]"),
            ("eps_expected_median", "ε exp (config EOT)"),
            ("eps_expected_m1", "−1σ"),
            ("eps_expected_p1", "+1σ"),
            ("eps_observed", "ε obs (file)"),
        ]);
        for r in rows {
            l.push(vec![
                r.mass_gev.into(),
                r.expected.expected.median.into(),
                r.expected.expected.m1.into(),
                r.expected.expected.p1.into(),
                r.observed
                    .as_ref()
                    .map_or_else(|| "blinded".to_string(), |o| sig(o.observed, 4))
                    .into(),
            ]);
        }
        println!();
        l.print(format)?;
    }
    Ok(())
}
