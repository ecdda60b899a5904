//! `aprime yield`: A' yields per electron on target and per ε² from the shower Monte Carlo —
//! dark bremsstrahlung along every e± track (cross-section tables of the chosen method) plus
//! resonant annihilation of shower positrons — with E_A' above the missing-energy threshold.

use anyhow::{Context, ensure};
use aprime_physics::dark_brem::Method;
use aprime_physics::widths::ChiSpin;
use aprime_shower::{RunConfig, ShowerResult, Simulation};
use serde_json::{Value, json};

use super::shower::{ShardFiles, events, execute, positive, target};
use crate::output::{Format, Table, print_json};

/// Options of `aprime yield`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Yields are per EOT for kinetic mixing ε = 1 (multiply by ε²), from the track-length\n\
                  estimator Σ n σ(E) Δl over all e± steps above the threshold (fast mode: only particles that\n\
                  can still give E_A' > --emiss-min are followed). --signal-events N replays the first N events\n\
                  as full showers with the A' emitted (forced emission, weight = the event's yield) for the\n\
                  ECAL energy of signal events (paper 002 Fig. 6). Masses take lists: 0.01,0.1 or\n\
                  log:0.001:1:40."
)]
pub struct Opts {
    /// A' mass(es) [GeV]: a number or a list (`0.002,0.02`, `log:0.001:1:40`).
    #[arg(long, value_name = "GEV", allow_hyphen_values = true)]
    pub mass: String,
    /// Target: `na64-ecal` (default), a material, or a TOML target file.
    #[arg(long, default_value = "na64-ecal")]
    pub target: String,
    /// Depth of a single-material block [X0].
    #[arg(long, value_name = "X0", default_value_t = 40.0, value_parser = positive, allow_negative_numbers = true)]
    pub depth_x0: f64,
    /// Beam electron energy [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 100.0, value_parser = positive, allow_negative_numbers = true)]
    pub energy: f64,
    /// Count only A' with energy above this (E_miss threshold) [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 50.0, value_parser = non_negative, allow_negative_numbers = true)]
    pub emiss_min: f64,
    /// Number of beam electrons.
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = events)]
    pub events: u64,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Dark-bremsstrahlung cross section: etl, wwsimple, iww or exact.
    #[arg(long, value_name = "METHOD", default_value = "etl", value_parser = method)]
    pub method: Method,
    /// Energy cut for e± (kinetic) and photons [GeV].
    #[arg(long, value_name = "GEV", default_value_t = 1e-3, value_parser = positive, allow_negative_numbers = true)]
    pub cut: f64,
    /// Follow the whole shower instead of only the particles able to give E_A' > --emiss-min.
    #[arg(long)]
    pub full: bool,
    /// Replay this many events (the first ones) as full signal showers per mass.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub signal_events: u64,
    /// Leave out resonant annihilation e⁺e⁻ → A'.
    #[arg(long)]
    pub no_annihilation: bool,
    /// Dark coupling α_D (Breit–Wigner width of the resonance).
    #[arg(long, value_name = "ALPHA", default_value_t = 0.5, value_parser = positive, allow_negative_numbers = true)]
    pub alpha_d: f64,
    /// m_χ/m_A' (χ pair threshold of the resonance).
    #[arg(long, value_name = "RATIO", default_value_t = 1.0 / 3.0, value_parser = non_negative, allow_negative_numbers = true)]
    pub chi_ratio: f64,
    /// Scalar instead of Dirac-fermion χ.
    #[arg(long)]
    pub scalar: bool,
    /// Events per chunk (unit of parallel work; part of what fixes the numbers of a seed).
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = events)]
    pub chunk: u64,
    /// Sharding and output files.
    #[command(flatten)]
    pub files: ShardFiles,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// clap value parser for the cross-section method.
fn method(s: &str) -> Result<Method, String> {
    s.parse::<Method>().map_err(|e| e.to_string())
}

/// clap value parser: a finite number ≥ 0.
fn non_negative(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a non-negative number"))
    }
}

impl Opts {
    /// The run configuration of these options.
    pub fn config(&self) -> anyhow::Result<RunConfig> {
        let masses = crate::parse::number_list(&self.mass, "--mass")?;
        if let Some(bad) = masses.iter().find(|m| m.is_nan() || **m <= 0.0) {
            anyhow::bail!("--mass: {bad} is not a positive mass [GeV]");
        }
        ensure!(
            self.emiss_min < self.energy,
            "--emiss-min {} GeV must be below the beam energy {} GeV",
            self.emiss_min,
            self.energy
        );
        ensure!(
            self.cut < self.energy,
            "--cut {} GeV must be below the beam energy {} GeV",
            self.cut,
            self.energy
        );
        let t = target(&self.target, self.depth_x0)?;
        let mut cfg = RunConfig::yields(
            t,
            self.energy,
            masses,
            self.method,
            self.emiss_min,
            self.events,
            self.seed,
        );
        cfg.electron_cut_gev = self.cut;
        cfg.photon_cut_gev = self.cut;
        cfg.chunk_events = self.chunk;
        if self.full {
            cfg.fast_threshold_gev = None;
        }
        let d = cfg.dark.as_mut().expect("yield config has a dark part");
        d.signal_events = self.signal_events;
        d.annihilation.enabled = !self.no_annihilation;
        d.annihilation.alpha_d = self.alpha_d;
        d.annihilation.chi_mass_ratio = self.chi_ratio;
        d.annihilation.spin = if self.scalar {
            ChiSpin::Scalar
        } else {
            ChiSpin::Fermion
        };
        Ok(cfg)
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let cfg = self.config()?;
        let sim = Simulation::new(cfg)
            .with_context(|| format!("preparing the {} cross-section tables", self.method))?;
        let shard = self.files.shard.zip(self.files.of);
        if let Some(r) = execute(
            &sim,
            shard,
            self.files.out.as_deref(),
            self.files.save.as_deref(),
            "yield",
        )? {
            print_yields(&r, self.format)?;
        }
        Ok(())
    }
}

fn row(r: &ShowerResult, d: &aprime_shower::DarkYield) -> Value {
    json!({
        "mass_gev": d.mass_gev,
        "yield_per_eot_per_eps2": d.yield_per_eot_per_eps2,
        "stat_error": d.stat_error,
        "relative_error": if d.yield_per_eot_per_eps2 > 0.0 { d.stat_error / d.yield_per_eot_per_eps2 } else { 0.0 },
        "brem": d.brem.value,
        "brem_error": d.brem.error,
        "annihilation": d.annihilation.value,
        "annihilation_error": d.annihilation.error,
        "brem_primary": d.brem_primary,
        "method": d.method,
        "emiss_min_gev": d.e_min_gev,
        "target": r.config.target.name,
        "energy_gev": r.config.beam_energy_gev,
        "events": r.events,
        "seed": r.config.seed,
        "signal_events": d.signal_events,
    })
}

/// Print yields (also used by `aprime merge`): one JSON object for one mass, an array for a list.
pub(crate) fn print_yields(r: &ShowerResult, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        let rows: Vec<Value> = r.dark.iter().map(|d| row(r, d)).collect();
        if rows.len() == 1 {
            print_json(&rows[0])?;
        } else {
            print_json(&Value::Array(rows))?;
        }
        return Ok(());
    }
    let mut t = Table::new(&[
        ("mass_gev", "m_A' [GeV]"),
        ("yield_per_eot_per_eps2", "N_A'/EOT/ε²"),
        ("stat_error", "δN (stat)"),
        ("brem", "bremsstrahlung"),
        ("annihilation", "annihilation"),
        ("brem_primary", "brem (primary e⁻)"),
        ("method", "method"),
    ]);
    for d in &r.dark {
        t.push(vec![
            d.mass_gev.into(),
            d.yield_per_eot_per_eps2.into(),
            d.stat_error.into(),
            d.brem.value.into(),
            d.annihilation.value.into(),
            d.brem_primary.into(),
            d.method.as_str().into(),
        ]);
    }
    t.print(format)?;
    if format == Format::Table {
        println!(
            "{} EOT of {} GeV e⁻ on {}, E_A' > {} GeV, seed {}",
            r.events,
            r.config.beam_energy_gev,
            r.config.target.name,
            r.dark.first().map_or(0.0, |d| d.e_min_gev),
            r.config.seed
        );
    }
    Ok(())
}
