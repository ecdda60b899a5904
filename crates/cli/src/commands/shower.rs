//! `aprime shower`: electromagnetic showers of beam electrons in a target (a material, the
//! embedded `na64-ecal` preset or a TOML file): longitudinal and lateral profiles, energy
//! balance, preshower energy and e± track lengths.

use std::io::Write;

use anyhow::{Context, ensure};
use aprime_shower::{Histogram, PartialResult, RunConfig, ShowerResult, Simulation, TargetConfig};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use crate::output::{Format, Table, print_json};

/// Options of `aprime shower`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Full electromagnetic cascade (e⁻, e⁺, γ) with a kinetic-energy cut for e± and an energy cut\n\
                  for photons; everything below the cut is deposited on the spot. Physics list and target\n\
                  configuration: see the README (Shower Monte Carlo). Results do not depend on --threads;\n\
                  `--shard K --of N` writes partial results that `aprime merge` combines into the one-run answer."
)]
pub struct Opts {
    /// Target: a material (Pb, W, Fe, Cu, Al, C, Si, scintillator), the preset `na64-ecal`, or a
    /// TOML target file (`*.toml`).
    #[arg(long, visible_alias = "target", default_value = "Pb")]
    pub material: String,
    /// Depth of a single-material block [X0].
    #[arg(long, value_name = "X0", default_value_t = 40.0, value_parser = positive, allow_negative_numbers = true)]
    pub depth_x0: f64,
    /// Beam electron energy [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// Number of beam electrons.
    #[arg(long, value_name = "N", default_value_t = 100, value_parser = events)]
    pub events: u64,
    /// Energy cut for e± (kinetic) and photons [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 1e-3, value_parser = positive, allow_negative_numbers = true)]
    pub cut: f64,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Events per chunk (unit of parallel work; part of what fixes the numbers of a seed).
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = events)]
    pub chunk: u64,
    /// Sharding and output files.
    #[command(flatten)]
    pub files: ShardFiles,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// Sharding and output-file options shared by `shower` and `yield`.
#[derive(Debug, clap::Args)]
pub struct ShardFiles {
    /// Run only shard K of --of N and write a partial result (JSON) for `aprime merge`.
    #[arg(long, value_name = "K", requires = "of")]
    pub shard: Option<u64>,
    /// Number of shards.
    #[arg(long, value_name = "N", requires = "shard")]
    pub of: Option<u64>,
    /// File for the partial result of a shard (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<String>,
    /// Also write the complete result (library `ShowerResult`, JSON: profiles, spectra, T±(E),
    /// signal events) to this file.
    #[arg(long, value_name = "FILE")]
    pub save: Option<String>,
}

/// clap value parser: a positive finite number.
pub(crate) fn positive(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))?;
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be positive"))
    }
}

/// clap value parser: a positive event count.
pub(crate) fn events(s: &str) -> Result<u64, String> {
    let v: u64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number"))?;
    if v == 0 {
        Err("must be at least 1".into())
    } else {
        Ok(v)
    }
}

/// Resolve a target specification with a one-line error.
pub(crate) fn target(spec: &str, depth_x0: f64) -> anyhow::Result<TargetConfig> {
    TargetConfig::resolve(spec, depth_x0).with_context(|| format!("target '{spec}'"))
}

/// A progress bar over events (hidden when stderr is not a terminal).
pub(crate) fn progress_bar(events: u64, what: &str) -> ProgressBar {
    ProgressBar::new(events).with_style(
        ProgressStyle::with_template(&format!(
            "{what} {{bar:30}} {{pos}}/{{len}} events [{{elapsed}} < {{eta}}]"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    )
}

/// Run a prepared simulation (whole or one shard) and emit its output: shared by `shower` and
/// `yield`. Returns the full result when not sharded.
pub(crate) fn execute(
    sim: &Simulation,
    shard: Option<(u64, u64)>,
    out: Option<&str>,
    save: Option<&str>,
    label: &str,
) -> anyhow::Result<Option<ShowerResult>> {
    let events = match shard {
        Some((k, n)) => {
            ensure!(n >= 1, "--of must be at least 1");
            ensure!(
                k < n,
                "--shard {k} must be below --of {n} (shards are numbered 0..N-1)"
            );
            let c = sim.n_chunks();
            let (lo, hi) = (k * c / n, (k + 1) * c / n);
            (hi * sim.config.chunk_events).min(sim.config.events) - lo * sim.config.chunk_events
        }
        None => sim.config.events,
    };
    let bar = progress_bar(events, label);
    let tick = |n: u64| bar.inc(n);
    if let Some((k, n)) = shard {
        let part = sim.run_shard(k, n, Some(&tick))?;
        bar.finish_and_clear();
        write_json(out, &part)?;
        return Ok(None);
    }
    let r = sim.run(Some(&tick))?;
    bar.finish_and_clear();
    if let Some(f) = save {
        write_json(Some(f), &r)?;
    }
    Ok(Some(r))
}

/// Write a value as JSON to a file, or to standard output for `None` (written directly from
/// the typed value: the exact tallies are 128-bit integers, which `serde_json::Value` cannot
/// hold).
pub(crate) fn write_json<T: serde::Serialize>(path: Option<&str>, v: &T) -> anyhow::Result<()> {
    if let Some(p) = path {
        let mut f = std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {p}"))?,
        );
        serde_json::to_writer(&mut f, v)?;
        writeln!(f)?;
        f.flush().with_context(|| format!("cannot write {p}"))?;
    } else {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer(&mut out, v)?;
        writeln!(out)?;
    }
    Ok(())
}

/// Read partial results.
pub(crate) fn read_partial(path: &str) -> anyhow::Result<PartialResult> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{path} is not a partial result of `aprime shower/yield --shard`"))
}

impl Opts {
    /// The run configuration of these options.
    pub fn config(&self) -> anyhow::Result<RunConfig> {
        let t = target(&self.material, self.depth_x0)?;
        let mut cfg = RunConfig::showers(t, self.energy, self.events, self.seed);
        ensure!(
            self.cut < self.energy,
            "--cut {} GeV must be below the beam energy {} GeV",
            self.cut,
            self.energy
        );
        cfg.electron_cut_gev = self.cut;
        cfg.photon_cut_gev = self.cut;
        cfg.chunk_events = self.chunk;
        Ok(cfg)
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let cfg = self.config()?;
        let sim = Simulation::new(cfg)?;
        let shard = self.files.shard.zip(self.files.of);
        if let Some(r) = execute(
            &sim,
            shard,
            self.files.out.as_deref(),
            self.files.save.as_deref(),
            "shower",
        )? {
            print_shower(&r, self.format)?;
        }
        Ok(())
    }
}

/// Integrate a density histogram over [lo, hi) of its own bins, by whole bins.
fn coarsen(h: &Histogram, width: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::new();
    for (w, v) in h.edges.windows(2).zip(&h.values) {
        let k = (w[0] / width + 1e-9).floor();
        let c = k * width;
        match out.last_mut() {
            Some(last) if (last.0 - c).abs() < 1e-9 * width => last.1 += v * (w[1] - w[0]),
            _ => out.push((c, v * (w[1] - w[0]))),
        }
    }
    out
}

/// Print a shower result (also used by `aprime merge`).
pub(crate) fn print_shower(r: &ShowerResult, format: Format) -> anyhow::Result<()> {
    let e0 = r.config.beam_energy_gev;
    let x0 = r.depth_x0;
    let track_x0: f64 = r
        .materials
        .iter()
        .map(|m| (m.electron_track_cm + m.positron_track_cm) / m.radiation_length_cm)
        .sum();
    let long1 = coarsen(&r.longitudinal, 1.0);
    let lat: Vec<(f64, f64)> = (1..=5)
        .map(|k| {
            let rr = 0.5 * f64::from(k) * r.moliere_radius_cm;
            (rr, containment(&r.lateral, rr))
        })
        .collect();
    if format == Format::Json {
        let mats: Vec<Value> = r
            .materials
            .iter()
            .map(|m| {
                json!({
                    "material": m.name,
                    "deposited_gev": m.deposited_gev,
                    "electron_track_cm": m.electron_track_cm,
                    "positron_track_cm": m.positron_track_cm,
                    "t_minus_cm_per_gev": decades(&m.t_minus),
                    "t_plus_cm_per_gev": decades(&m.t_plus),
                })
            })
            .collect();
        print_json(&json!({
            "target": r.config.target.name,
            "energy_gev": e0,
            "events": r.events,
            "seed": r.config.seed,
            "cut_gev": r.config.electron_cut_gev,
            "depth_x0": x0,
            "t_max_x0": r.t_max_x0,
            "t_mean_x0": r.t_mean_x0,
            "moliere_radius_cm": r.moliere_radius_cm,
            "r90_cm": r.r90_cm,
            "track_length_cm": r.track_length_cm,
            "track_length_x0": track_x0,
            "visible_gev": r.energy.visible_gev,
            "visible_rms_gev": r.energy.visible_rms_gev,
            "ionisation_gev": r.energy.ionisation_gev,
            "cut_deposit_gev": r.energy.cut_gev,
            "escaped_gev": r.energy.escaped_gev,
            "max_relative_energy_residual": r.energy.max_relative_residual,
            "preshower_mean_gev": r.preshower_mean_gev,
            "preshower_rms_gev": r.preshower_rms_gev,
            "sections": r.sections.iter().map(|(n, e)| json!({"section": n, "energy_gev": e})).collect::<Vec<_>>(),
            "materials": mats,
            "longitudinal": long1.iter().map(|(t, e)| json!({"t_x0": t, "de_dt_gev_per_x0": e})).collect::<Vec<_>>(),
            "lateral_containment": lat.iter().map(|(rr, f)| json!({"r_cm": rr, "fraction": f})).collect::<Vec<_>>(),
        }))?;
        return Ok(());
    }
    let mut s = Table::new(&[
        ("quantity", "quantity"),
        ("value", "value"),
        ("unit", "unit"),
    ]);
    let rows: Vec<(&str, f64, &str)> = vec![
        ("beam energy", e0, "GeV"),
        ("events", r.events as f64, "EOT"),
        ("target depth", x0, "X0"),
        ("t_max (Γ fit)", r.t_max_x0, "X0"),
        ("ln(E0/E_c) − 0.5 (Pb E_c)", (e0 / 7.43e-3).ln() - 0.5, "X0"),
        ("mean depth", r.t_mean_x0, "X0"),
        ("Molière radius", r.moliere_radius_cm, "cm"),
        ("R90 (90% containment)", r.r90_cm, "cm"),
        ("charged track length", r.track_length_cm, "cm/EOT"),
        ("charged track length", track_x0, "X0/EOT"),
        ("visible energy", r.energy.visible_gev, "GeV/EOT"),
        ("visible energy RMS", r.energy.visible_rms_gev, "GeV"),
        ("escaped", r.energy.escaped_gev, "GeV/EOT"),
        ("preshower energy", r.preshower_mean_gev, "GeV/EOT"),
        (
            "max energy residual",
            r.energy.max_relative_residual,
            "relative",
        ),
    ];
    for (q, v, u) in rows {
        s.push(vec![q.into(), v.into(), u.into()]);
    }
    s.print(format)?;
    println!();
    let mut t = Table::new(&[("t_x0", "t [X0]"), ("de_dt_gev_per_x0", "dE/dt [GeV/X0]")]);
    for (tt, e) in &long1 {
        t.push(vec![(*tt).into(), (*e).into()]);
    }
    t.print(format)?;
    println!();
    let mut l = Table::new(&[
        ("r_cm", "r [cm]"),
        ("fraction", "fraction of energy within r"),
    ]);
    for (rr, f) in &lat {
        l.push(vec![(*rr).into(), (*f).into()]);
    }
    l.print(format)?;
    println!();
    let mut tl = Table::new(&[
        ("material", "material"),
        ("e_gev", "E [GeV]"),
        ("t_minus_cm_per_gev", "T₋(E) [cm/GeV]"),
        ("t_plus_cm_per_gev", "T₊(E) [cm/GeV]"),
    ]);
    for m in &r.materials {
        for ((e, a), (_, b)) in decades(&m.t_minus).iter().zip(decades(&m.t_plus)) {
            tl.push(vec![
                m.name.as_str().into(),
                (*e).into(),
                (*a).into(),
                b.into(),
            ]);
        }
    }
    tl.print(format)?;
    Ok(())
}

/// Fraction of the deposited energy within radius `r` of the axis.
fn containment(h: &Histogram, r: f64) -> f64 {
    let mut inside = 0.0;
    let mut total = h.overflow;
    for (w, v) in h.edges.windows(2).zip(&h.values) {
        let e = v * (w[1] - w[0]);
        total += e;
        if w[1] <= r {
            inside += e;
        } else if w[0] < r {
            inside += e * (r - w[0]) / (w[1] - w[0]);
        }
    }
    if total > 0.0 { inside / total } else { 0.0 }
}

/// A density histogram in energy rebinned to 10 bins per decade: (geometric bin centre,
/// mean density over the non-empty original bins it contains, so that the cut and the beam
/// energy do not dilute the end bins).
fn decades(h: &Histogram) -> Vec<(f64, f64)> {
    let per = 10.0;
    let lo = h.edges[0];
    // (group index, first edge, last edge, integral)
    let mut out: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (w, v) in h.edges.windows(2).zip(&h.values).filter(|(_, v)| **v > 0.0) {
        let k = ((w[0] / lo).log10() * per + 1e-6).floor();
        match out.last_mut() {
            Some(last) if last.0 == k => {
                last.2 = w[1];
                last.3 += v * (w[1] - w[0]);
            }
            _ => out.push((k, w[0], w[1], v * (w[1] - w[0]))),
        }
    }
    let out: Vec<(f64, f64, f64)> = out.into_iter().map(|(_, a, b, s)| (a, b, s)).collect();
    out.into_iter()
        .filter(|(_, _, s)| *s > 0.0)
        .map(|(a, b, s)| ((a * b).sqrt(), s / (b - a)))
        .collect()
}
