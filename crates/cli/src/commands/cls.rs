//! `aprime cls`: CLs upper limit on the total expected signal of several counting channels
//! (runs), with background and signal uncertainties as nuisance parameters (paper 002 §IX).

use anyhow::{Context, bail, ensure};
use aprime_stats::{CalculatorChoice, Constraint, LimitSettings, Model};
use serde_json::json;

use crate::options::{FormatArg, Seed};
use crate::output::{OutputFormat, Table, format_number, print_json};
use crate::parse;

/// Options of `aprime cls`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Limit on the total expected signal N = Σ_i N_i, split over the channels by --sig-fractions.\n\
                  CLs = p_{s+b}/(1 − p_b) with the one-sided profile-likelihood ratio q̃_μ; uncertainties are\n\
                  nuisance parameters (log-normal, κ = 1 + σ/value, by default), one per channel for the\n\
                  background and one shared by all channels for the signal.\n\
                  Calculators: exact = Poisson CLs (one channel, no systematics); hybrid = toys with the\n\
                  nuisances averaged over their priors (Cousins–Highland); toys = frequentist toys with\n\
                  profiled nuisances; asymptotic = Asimov formulae (CCGV), which fail at low counts\n\
                  (n = 0, b = 0 gives 1.353 instead of 2.303). auto uses asymptotic formulae only from an\n\
                  effective count of 25 events, else exact (one channel, no systematics) or hybrid.\n\
                  Example: aprime cls --obs 0,0,0 --bkg 0.043,0.041,0.01 --bkg-unc 0.017,0.02,0.003 \\\n\
                  --sig-fractions 0.53,0.26,0.21 --sig-unc 0.10"
)]
#[command(mut_arg("seed", |a| a.help("Seed of the toys (results are identical for a seed, whatever the thread count)")))]
pub struct Opts {
    /// Observed events per channel, e.g. 0,0,0.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub obs: String,
    /// Expected background events per channel.
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub bkg: String,
    /// Absolute background uncertainty per channel [events] (default: none).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub bkg_unc: Option<String>,
    /// Fraction of the total signal in each channel (normalised to sum 1; default: one channel
    /// only).
    #[arg(long, value_name = "LIST", allow_hyphen_values = true)]
    pub sig_fractions: Option<String>,
    /// Relative signal uncertainty shared by all channels (0.10 = 10 %).
    #[arg(
        long,
        value_name = "REL",
        default_value_t = 0.0,
        value_parser = parse::non_negative,
        allow_negative_numbers = true
    )]
    pub sig_unc: f64,
    /// Confidence level, strictly between 0 and 1.
    #[arg(long, default_value_t = 0.9, value_parser = parse::unit_open, allow_negative_numbers = true)]
    pub cl: f64,
    /// CLs calculator.
    #[arg(long, value_enum, default_value_t = Calculator::Auto)]
    pub calculator: Calculator,
    /// Shape of the nuisance parameters.
    #[arg(long, value_enum, default_value_t = Shape::Lognormal)]
    pub constraint: Shape,
    /// Toys per hypothesis and signal strength (toys and hybrid calculators).
    #[arg(long, value_name = "N", default_value_t = 10_000, value_parser = parse::toys)]
    pub toys: usize,
    #[command(flatten)]
    pub random: Seed,
    /// Skip the expected band.
    #[arg(long)]
    pub no_expected: bool,
    #[command(flatten)]
    pub output: FormatArg,
}

/// `--calculator` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Calculator {
    /// Choose by the expected counts.
    Auto,
    /// Asymptotic (Asimov) formulae.
    Asymptotic,
    /// Frequentist toys with profiled nuisances.
    Toys,
    /// Exact Poisson CLs (one channel, no systematics).
    Exact,
    /// Hybrid toys, nuisances averaged over their priors.
    Hybrid,
    /// The hybrid CLs without toys: priors by quadrature, counts summed exactly.
    HybridQuadrature,
}

/// `--constraint` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shape {
    /// Log-normal, yield × κ^θ with κ = 1 + r.
    Lognormal,
    /// Gaussian, yield × (1 + r·θ), truncated at 0.
    Gaussian,
}

/// 0.9 → "90", 0.955 → "95.5".
fn percent(cl: f64) -> String {
    let s = format!("{:.6}", cl * 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn same_length(what: &str, got: usize, n: usize) -> anyhow::Result<()> {
    ensure!(
        got == n,
        "{what}: {got} value(s) given but --obs has {n} channel(s)"
    );
    Ok(())
}

impl Opts {
    /// Build the model from the options.
    pub fn model(&self) -> anyhow::Result<Model> {
        let obs = parse::count_list(&self.obs, "--obs")?;
        let n = obs.len();
        let bkg = parse::non_negative_list(&self.bkg, "--bkg")?;
        same_length("--bkg", bkg.len(), n)?;
        let bkg_unc = match &self.bkg_unc {
            Some(t) => parse::non_negative_list(t, "--bkg-unc")?,
            None => vec![0.0; n],
        };
        same_length("--bkg-unc", bkg_unc.len(), n)?;
        let frac = match &self.sig_fractions {
            Some(t) => parse::non_negative_list(t, "--sig-fractions")?,
            None if n == 1 => vec![1.0],
            None => bail!("--sig-fractions: needed with {n} channels (how the signal splits)"),
        };
        same_length("--sig-fractions", frac.len(), n)?;
        let total: f64 = frac.iter().sum();
        ensure!(
            total > 0.0,
            "--sig-fractions: all zero, no signal to set a limit on"
        );
        let constraint = match self.constraint {
            Shape::Lognormal => Constraint::LogNormal,
            Shape::Gaussian => Constraint::Gaussian,
        };
        let mut b = Model::builder();
        for i in 0..n {
            b = b.channel(
                format!("channel {}", i + 1),
                obs[i],
                frac[i] / total,
                bkg[i],
            );
        }
        let model = b
            .background_uncertainties(&bkg_unc, constraint)?
            .shared_signal_uncertainty("signal", self.sig_unc, constraint)
            .build()?;
        Ok(model)
    }

    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let model = self.model()?;
        let choice = match self.calculator {
            Calculator::Auto => CalculatorChoice::Auto,
            Calculator::Asymptotic => CalculatorChoice::Asymptotic,
            Calculator::Toys => CalculatorChoice::Toys,
            Calculator::Exact => CalculatorChoice::Exact,
            Calculator::Hybrid => CalculatorChoice::Hybrid,
            Calculator::HybridQuadrature => CalculatorChoice::HybridQuadrature,
        };
        let settings = LimitSettings::default()
            .cl(self.cl)
            .calculator(choice)
            .toys(self.toys)
            .seed(self.random.seed)
            .expected(!self.no_expected);
        let r = settings
            .compute(&model)
            .context("computing the CLs upper limit")?;
        let uses_toys = r.observed_error.is_some();
        match self.output.format {
            OutputFormat::Json => {
                let expected = r.expected.map(
                    |b| json!({"m2": b.m2, "m1": b.m1, "median": b.median, "p1": b.p1, "p2": b.p2}),
                );
                print_json(&json!({
                    "quantity": "upper limit on the total expected signal [events]",
                    "observed": r.observed,
                    "observed_toy_error": r.observed_error,
                    "expected": expected,
                    "calculator": r.calculator.name(),
                    "reason": r.reason,
                    "cl": r.cl,
                    "channels": model.channels().len(),
                    "nuisances": model.nuisances().len(),
                    "toys": if uses_toys { Some(self.toys) } else { None },
                    "seed": if uses_toys { Some(self.random.seed) } else { None },
                    "cls_evaluations": r.evaluations,
                }))?;
            }
            format => {
                let mut t = Table::new(&[
                    ("quantity", "quantity"),
                    ("signal_events_up", "N_sig upper limit [events]"),
                ]);
                t.push(vec!["observed".into(), r.observed.into()]);
                if let Some(b) = r.expected {
                    for (name, v) in [
                        ("expected -2sigma", b.m2),
                        ("expected -1sigma", b.m1),
                        ("expected median", b.median),
                        ("expected +1sigma", b.p1),
                        ("expected +2sigma", b.p2),
                    ] {
                        t.push(vec![name.into(), v.into()]);
                    }
                }
                if format == OutputFormat::Table {
                    println!(
                        "{}% C.L. CLs upper limit on the total signal; calculator: {} ({})",
                        percent(r.cl),
                        r.calculator,
                        r.reason
                    );
                    if let Some(e) = r.observed_error {
                        println!(
                            "toys: {} per point, seed {}, statistical error of the observed limit ±{}",
                            self.toys,
                            self.random.seed,
                            format_number(e)
                        );
                    }
                }
                t.print(format)?;
            }
        }
        Ok(())
    }
}
