//! Option groups shared by several subcommands, declared once and used with
//! `#[command(flatten)]`. A command that needs a different help line changes it with
//! `#[command(mut_arg("name", ...))]`, never with a second declaration.

use std::path::{Path, PathBuf};

use anyhow::bail;
use aprime_core::DEFAULT_SEED;
use aprime_experiment::{ExperimentConfig, presets};
use aprime_physics::dark_brem::XsecOptions;
use aprime_physics::model::{CouplingParameter, Mediator, Projectile};

use crate::output::OutputFormat;
use crate::parse::{self, ModelChoice};

/// Where the experiment description comes from: an embedded preset or a TOML file.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ExperimentSource {
    /// Embedded configuration (crates/experiment/presets): na64-2016, na64-2016-2018 (default),
    /// na64-2016-2022, na64-lmu-ltau-2016-2018, na64-b-l-2016-2021, na64eplus-2022 (100 GeV
    /// positron beam) or na64mu-2022 (160 GeV muon beam).
    #[arg(long, value_name = "NAME", conflicts_with = "config")]
    pub preset: Option<String>,
    /// Experiment configuration file (TOML; see crates/experiment/presets for documented
    /// examples). Its `[detector]` and `[analysis]` tables override the NA64 defaults.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl ExperimentSource {
    /// The configuration and the name of its source for messages (the file, or `preset NAME`),
    /// with [`presets::DEFAULT_PRESET`] when neither option is given.
    pub fn load(&self) -> anyhow::Result<(ExperimentConfig, String)> {
        self.load_or(presets::DEFAULT_PRESET)
    }

    /// As [`Self::load`] with another preset when neither option is given.
    pub fn load_or(&self, default_preset: &str) -> anyhow::Result<(ExperimentConfig, String)> {
        let source = self.source_name(default_preset);
        let cfg = match (&self.config, &self.preset) {
            (Some(f), _) => ExperimentConfig::from_file(f)?,
            (None, Some(p)) => presets::load(p)?,
            (None, None) => presets::load(default_preset)?,
        };
        Ok((cfg, source))
    }

    /// The name of the source in messages: the file, or `preset NAME`.
    pub fn source_name(&self, default_preset: &str) -> String {
        match (&self.config, &self.preset) {
            (Some(f), _) => f.display().to_string(),
            (None, Some(p)) => format!("preset {p}"),
            (None, None) => format!("preset {default_preset}"),
        }
    }
}

/// The seed of a standalone Monte Carlo command.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct Seed {
    /// Random seed (the same seed gives the same numbers, whatever --threads).
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    pub seed: u64,
}

/// A seed that overrides the configuration's (`simulation.seed` and `statistics.seed`).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct SeedOverride {
    /// Random seed of the yield simulation and of the toys (overrides the configuration's
    /// simulation.seed and statistics.seed; default there: 1).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
}

impl SeedOverride {
    /// Put the seed, if given, into `cfg`.
    pub fn apply(&self, cfg: &mut ExperimentConfig) {
        if let Some(s) = self.seed {
            cfg.simulation.seed = s;
            cfg.statistics.seed = s;
        }
    }
}

/// `--format` of what a command prints on standard output.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct FormatArg {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `--quiet`.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Quiet {
    /// No progress bars (and no summary on standard error).
    #[arg(long)]
    pub quiet: bool,
}

/// `--shard K --of N`: run only part K of N of a Monte Carlo; the parts merged give the whole.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct Shard {
    /// Run only shard K (0 ≤ K < N) of --of N; merge the parts with `aprime merge` (shower,
    /// yield, run --yields-only) or `aprime merge-events` (simulate).
    #[arg(long, value_name = "K", requires = "of")]
    pub shard: Option<u64>,
    /// Number of shards.
    #[arg(long, value_name = "N", requires = "shard")]
    pub of: Option<u64>,
}

impl Shard {
    /// `Some((K, N))` when sharded, checked: N ≥ 1 and K < N.
    pub fn get(&self) -> anyhow::Result<Option<(u64, u64)>> {
        let Some((k, n)) = self.shard.zip(self.of) else {
            return Ok(None);
        };
        anyhow::ensure!(n >= 1, "--of must be at least 1");
        anyhow::ensure!(
            k < n,
            "--shard {k} must be below --of {n} (shards are numbered 0..N-1)"
        );
        Ok(Some((k, n)))
    }
}

/// `--masses LIST`: replaces the configuration's mass grid.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct MassOverride {
    /// A' masses [GeV] (override the configuration's grid): `0.01,0.1`, `log:0.001:1:20`, ...
    #[arg(long, value_name = "LIST")]
    pub masses: Option<String>,
}

impl MassOverride {
    /// Put the masses, if given, into `cfg` (checked against its beam energy).
    pub fn apply(&self, cfg: &mut ExperimentConfig) -> anyhow::Result<()> {
        if let Some(text) = &self.masses {
            cfg.masses.values_gev =
                parse::masses(text, "--masses", Some(cfg.beam.energy_gev))?.into_vec();
        }
        Ok(())
    }
}

/// `--out DIR` of the commands that write a report directory.
#[derive(Debug, Clone, clap::Args)]
pub struct ReportDir {
    /// Output directory (replaced atomically when complete).
    #[arg(long, value_name = "DIR", default_value = "aprime-out")]
    pub out: PathBuf,
}

/// Result files of the shower Monte Carlo (`shower`, `yield`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ResultFiles {
    /// File for the partial result of a shard (default: standard output).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Also write the complete result (library `ShowerResult`, JSON: profiles, spectra, T±(E),
    /// signal events) to this file.
    #[arg(long, value_name = "FILE")]
    pub save: Option<PathBuf>,
}

impl ResultFiles {
    /// Check that both files can be written, before any simulation.
    pub fn check(&self) -> anyhow::Result<()> {
        for (path, option) in [(&self.out, "--out"), (&self.save, "--save")] {
            if let Some(p) = path {
                crate::writable::ensure_writable(p, option)?;
            }
        }
        Ok(())
    }
}

/// File format of an event file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EventFileFormat {
    /// Apache Parquet.
    Parquet,
    /// Comma-separated values (metadata in NAME.csv.meta.json).
    Csv,
}

impl EventFileFormat {
    /// The detector crate's format.
    pub fn detector(self) -> aprime_detector::Format {
        match self {
            Self::Parquet => aprime_detector::Format::Parquet,
            Self::Csv => aprime_detector::Format::Csv,
        }
    }

    /// The format given, else the one of the file name's extension.
    pub fn resolve(given: Option<Self>, path: &Path) -> Option<aprime_detector::Format> {
        given.map_or_else(
            || aprime_detector::Format::from_path(path),
            |f| Some(f.detector()),
        )
    }
}

/// Precision and seed of the cross-section integrals (`xsec`, `kfactor`).
#[derive(Debug, Clone, Copy, clap::Args)]
#[command(mut_arg("seed", |a| a.help("Seed of the ETL integration points (results are reproducible for a seed)")))]
pub struct Integration {
    /// Relative precision of the numerical integrals [default: 1e-4 for iww/exact, the ETL
    /// integrator's own for etl].
    #[arg(long, value_name = "REL", value_parser = parse::precision, allow_negative_numbers = true)]
    pub precision: Option<f64>,
    #[command(flatten)]
    pub seed: Seed,
}

impl Integration {
    /// The library's cross-section settings.
    pub fn xsec_options(&self) -> XsecOptions {
        let mut o = XsecOptions::default();
        if let Some(p) = self.precision {
            o.rel_tol = p;
            o.etl.rel_precision = p;
        }
        o.etl.seed = self.seed.seed;
        o
    }
}

/// The help line of `--model`, with the names of the physics core (`Mediator::ALL`).
fn model_help() -> String {
    let with = |p: CouplingParameter| {
        Mediator::ALL
            .iter()
            .filter(|m| m.parameter() == p)
            .map(|m| m.name())
            .collect::<Vec<_>>()
            .join("/")
    };
    format!(
        "The new boson X: {}. Default: the configuration's [production] model (run, limits; \
         --model overrides it and is checked like it against the beam and χ), else vector (the \
         dark photon A'). Coupling g_ℓ = ε·e for {}, gauge coupling g for {}; `aprime xsec \
         --help` gives the conventions",
        model_names(),
        with(CouplingParameter::Epsilon),
        with(CouplingParameter::GaugeCoupling)
    )
}

/// `--model NAME`: the dark-sector model (docs/models.md), parsed once by the physics core's
/// `Mediator::from_str` ([`parse::model_choice`]). Absent means the configuration's model
/// (`run`, `limits`) or the dark photon (`xsec`, `kfactor`, `yield`).
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct ModelOption {
    #[arg(id = "model", long = "model", value_name = "NAME", value_parser = parse::model_choice, help = model_help())]
    pub choice: Option<ModelChoice>,
}

impl ModelOption {
    /// The one model given, if any; `all` is refused (it is the comparison table of `aprime
    /// xsec`).
    pub fn given(&self) -> anyhow::Result<Option<Mediator>> {
        match self.choice {
            None => Ok(None),
            Some(ModelChoice::One(m)) => Ok(Some(m)),
            Some(ModelChoice::All) => bail!(
                "--model all: only `aprime xsec` compares the models side by side; give one model \
                 ({})",
                model_names()
            ),
        }
    }

    /// The model given, else the dark photon.
    pub fn mediator(&self) -> anyhow::Result<Mediator> {
        Ok(self.given()?.unwrap_or_default())
    }

    /// The models to compute: every one for `all`, else the one given (default the dark
    /// photon).
    pub fn models(&self) -> Vec<Mediator> {
        match self.choice {
            Some(ModelChoice::All) => Mediator::ALL.to_vec(),
            Some(ModelChoice::One(m)) => vec![m],
            None => vec![Mediator::default()],
        }
    }

    /// Put the model, if given, into `cfg` (`[production] model`); the caller validates the
    /// configuration afterwards, so the model is checked against the beam and χ exactly as a
    /// `model = ...` line of the file.
    pub fn apply(&self, cfg: &mut ExperimentConfig) -> anyhow::Result<()> {
        if let Some(m) = self.given()? {
            cfg.production.model = m;
        }
        Ok(())
    }
}

/// The model names, comma-separated (from the physics core).
fn model_names() -> String {
    Mediator::ALL
        .iter()
        .map(|m| m.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--projectile`: the beam lepton of a cross section (`xsec`, `kfactor`), by the physics
/// core's `Projectile::from_str`. A lepton and its antilepton radiate alike at tree level
/// (docs/models.md §1), so `positron`/`antimuon` give the `electron`/`muon` numbers.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
pub struct BeamLepton {
    /// Beam lepton: electron (NA64, default), positron, muon (NA64μ) or antimuon.
    #[arg(long, value_name = "LEPTON", default_value = "electron", value_parser = parse::projectile)]
    pub projectile: Projectile,
}
