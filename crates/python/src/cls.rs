//! CLs upper limit on the total signal of several counting channels, as `aprime cls`: the
//! same model (one background nuisance per channel, one shared signal nuisance), settings,
//! calculator choice and toy seed.

use aprime_stats::{CalculatorChoice, Constraint, LimitResult, LimitSettings, Model};
use numpy::{IntoPyArray, PyArray1};
use pyo3::prelude::*;

use crate::arrays::FloatArg;
use crate::error::BindingError;

/// Result of ``aprime.cls``: upper limits on the total expected signal [events].
#[pyclass(module = "aprime", frozen, get_all)]
pub struct ClsLimit {
    /// Observed upper limit on the total signal [events].
    observed: f64,
    /// Toy statistical error of the observed limit [events] (None for analytic calculators).
    observed_toy_error: Option<f64>,
    /// Expected limits (−2σ, −1σ, median, +1σ, +2σ) [events], or None with
    /// ``expected=False``.
    expected: Option<Py<PyArray1<f64>>>,
    /// Calculator used: ``asymptotic``, ``toys``, ``exact`` or ``hybrid``.
    calculator: String,
    /// Why that calculator was used.
    reason: String,
    /// Confidence level.
    cl: f64,
    /// Number of channels.
    channels: usize,
    /// Number of nuisance parameters.
    nuisances: usize,
    /// Number of CLs evaluations.
    cls_evaluations: usize,
}

#[pymethods]
impl ClsLimit {
    fn __repr__(&self) -> String {
        format!(
            "ClsLimit(observed={}, calculator={:?}, cl={})",
            self.observed, self.calculator, self.cl
        )
    }
}

/// Values of a list argument (a number or a sequence/array).
fn values(arg: &Bound<'_, PyAny>) -> PyResult<Vec<f64>> {
    let a: FloatArg<'_> = arg.extract()?;
    Ok(a.as_array().iter().copied().collect())
}

/// Non-negative values of `what`.
fn non_negative(arg: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<f64>> {
    let v = values(arg)?;
    if let Some(bad) = v.iter().find(|x| x.is_nan() || **x < 0.0) {
        return Err(BindingError::input(format!("{what}: '{bad}' is negative")).into());
    }
    Ok(v)
}

fn same_length(what: &str, got: usize, n: usize) -> Result<(), BindingError> {
    if got == n {
        Ok(())
    } else {
        Err(BindingError::input(format!(
            "{what}: {got} value(s) given but obs has {n} channel(s)"
        )))
    }
}

/// The counting model of `aprime cls` from its options.
fn model(
    obs: &Bound<'_, PyAny>,
    bkg: &Bound<'_, PyAny>,
    bkg_unc: Option<&Bound<'_, PyAny>>,
    sig_fractions: Option<&Bound<'_, PyAny>>,
    sig_unc: f64,
    constraint: Constraint,
) -> PyResult<Model> {
    let counts: Vec<u64> = values(obs)?
        .into_iter()
        .map(|v| {
            if v < 0.0 || v.fract() != 0.0 || v > 1e15 {
                Err(BindingError::input(format!(
                    "obs: '{v}' is not a non-negative whole number of events"
                )))
            } else {
                Ok(v as u64)
            }
        })
        .collect::<Result<_, _>>()?;
    let n = counts.len();
    let bkg = non_negative(bkg, "bkg")?;
    same_length("bkg", bkg.len(), n)?;
    let bkg_unc = match bkg_unc {
        Some(a) => non_negative(a, "bkg_unc")?,
        None => vec![0.0; n],
    };
    same_length("bkg_unc", bkg_unc.len(), n)?;
    let frac = match sig_fractions {
        Some(a) => non_negative(a, "sig_fractions")?,
        None if n == 1 => vec![1.0],
        None => {
            return Err(BindingError::input(format!(
                "sig_fractions: needed with {n} channels (how the signal splits)"
            ))
            .into());
        }
    };
    same_length("sig_fractions", frac.len(), n)?;
    let total: f64 = frac.iter().sum();
    if total <= 0.0 {
        return Err(
            BindingError::input("sig_fractions: all zero, no signal to set a limit on").into(),
        );
    }
    if !(sig_unc.is_finite() && sig_unc >= 0.0) {
        return Err(BindingError::input(format!(
            "sig_unc: '{sig_unc}' must be a non-negative relative uncertainty"
        ))
        .into());
    }
    let mut b = Model::builder();
    for i in 0..n {
        b = b.channel(
            format!("channel {}", i + 1),
            counts[i],
            frac[i] / total,
            bkg[i],
        );
    }
    let stats = |e: aprime_stats::StatsError| BindingError::from_library("", &e);
    Ok(b.background_uncertainties(&bkg_unc, constraint)
        .map_err(stats)?
        .shared_signal_uncertainty("signal", sig_unc, constraint)
        .build()
        .map_err(stats)?)
}

fn calculator(name: &str) -> Result<CalculatorChoice, BindingError> {
    Ok(match name.trim().to_ascii_lowercase().as_str() {
        "auto" => CalculatorChoice::Auto,
        "asymptotic" => CalculatorChoice::Asymptotic,
        "toys" => CalculatorChoice::Toys,
        "exact" => CalculatorChoice::Exact,
        "hybrid" => CalculatorChoice::Hybrid,
        "hybrid-quadrature" => CalculatorChoice::HybridQuadrature,
        other => {
            return Err(BindingError::input(format!(
                "calculator: unknown calculator '{other}' (valid: auto, asymptotic, toys, exact, hybrid, hybrid-quadrature)"
            )));
        }
    })
}

fn constraint(name: &str) -> Result<Constraint, BindingError> {
    match name.trim().to_ascii_lowercase().as_str() {
        "lognormal" => Ok(Constraint::LogNormal),
        "gaussian" => Ok(Constraint::Gaussian),
        other => Err(BindingError::input(format!(
            "constraint: unknown constraint '{other}' (valid: lognormal, gaussian)"
        ))),
    }
}

/// CLs upper limit on the total expected signal N = Σ Nᵢ of counting channels (runs), with
/// background and signal uncertainties as nuisance parameters (paper 002 §IX); the same
/// computation as ``aprime cls``.
///
/// Args:
///     obs: observed events per channel (whole numbers); a number or a sequence.
///     bkg: expected background per channel [events].
///     bkg_unc: absolute background uncertainty per channel [events] (default: none).
///     sig_fractions: share of the signal in each channel (normalised to sum 1; default: one
///         channel only).
///     sig_unc: relative signal uncertainty shared by all channels (0.10 = 10 %).
///     cl: confidence level in (0, 1).
///     calculator: ``auto``, ``asymptotic``, ``toys``, ``exact`` or ``hybrid``.
///     constraint: shape of the nuisances: ``lognormal`` or ``gaussian``.
///     toys: toys per hypothesis and signal strength (toys and hybrid calculators, ≥ 100).
///     seed: seed of the toys (same result for a seed, whatever the thread count).
///     expected: also compute the expected band.
///
/// Returns:
///     ``ClsLimit`` (limits in events).
#[pyfunction]
#[pyo3(signature = (obs, bkg, bkg_unc=None, *, sig_fractions=None, sig_unc=0.0, cl=0.9,
                    calculator="auto", constraint="lognormal", toys=10_000, seed=1,
                    expected=true))]
pub fn cls(
    py: Python<'_>,
    obs: &Bound<'_, PyAny>,
    bkg: &Bound<'_, PyAny>,
    bkg_unc: Option<&Bound<'_, PyAny>>,
    sig_fractions: Option<&Bound<'_, PyAny>>,
    sig_unc: f64,
    cl: f64,
    calculator: &str,
    constraint: &str,
    toys: usize,
    seed: u64,
    expected: bool,
) -> PyResult<ClsLimit> {
    if !(cl > 0.0 && cl < 1.0) {
        return Err(
            BindingError::input(format!("cl: '{cl}' must lie strictly between 0 and 1")).into(),
        );
    }
    if toys < 100 {
        return Err(
            BindingError::input(format!("toys: '{toys}' is too few (need at least 100)")).into(),
        );
    }
    let choice = self::calculator(calculator)?;
    let shape = self::constraint(constraint)?;
    let model = model(obs, bkg, bkg_unc, sig_fractions, sig_unc, shape)?;
    let settings = LimitSettings::default()
        .cl(cl)
        .calculator(choice)
        .toys(toys)
        .seed(seed)
        .expected(expected);
    let r: LimitResult = py
        .detach(|| settings.compute(&model))
        .map_err(|e| BindingError::from_library("computing the CLs upper limit", &e))?;
    Ok(ClsLimit {
        observed: r.observed,
        observed_toy_error: r.observed_error,
        expected: r
            .expected
            .map(|b| b.to_array().to_vec().into_pyarray(py).unbind()),
        calculator: r.calculator.name().to_string(),
        reason: r.reason,
        cl: r.cl,
        channels: model.channels().len(),
        nuisances: model.nuisances().len(),
        cls_evaluations: r.evaluations,
    })
}
