//! The interface of the limits pipeline: runs (counting channels) whose signal is proportional
//! to ε², s_i = ε²·a_i, with backgrounds, their uncertainties and observed counts; returns the
//! upper limit on ε and its expected band.

use serde::{Deserialize, Serialize};

use crate::calculator::CalculatorKind;
use crate::error::StatsError;
use crate::limit::{Band, LimitSettings};
use crate::model::{Constraint, Model};

/// One run of the experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Name used in messages.
    pub name: String,
    /// Observed events in the signal box.
    pub observed: u64,
    /// Expected background events.
    pub background: f64,
    /// Absolute uncertainty of the background (events).
    pub background_unc: f64,
    /// Expected signal events per unit ε²: a_i = n_EOT·efficiency·yield/ε² (paper 002 eq. 26).
    pub signal_per_eps2: f64,
}

/// A multi-run counting experiment (builder style).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CountingExperiment {
    /// The runs.
    pub runs: Vec<Run>,
    /// Relative signal uncertainty shared by all runs (A' yield, EOT), e.g. 0.10.
    pub signal_rel_unc: f64,
    /// Shape of all nuisances.
    pub constraint: Constraint,
}

/// Upper limit on the mixing ε.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpsilonLimit {
    /// Observed upper limit on ε.
    pub eps: f64,
    /// Observed upper limit on ε².
    pub eps2: f64,
    /// Expected band on ε (None if not requested).
    pub expected_eps: Option<Band>,
    /// Upper limit on the total expected signal events Σ_i ε²_up·a_i (2.3 at n = 0).
    pub signal_events: f64,
    /// Toy standard error of ε² (None for analytic calculators).
    pub eps2_error: Option<f64>,
    /// Calculator used.
    pub calculator: CalculatorKind,
    /// Why it was used.
    pub reason: String,
    /// Confidence level.
    pub cl: f64,
}

impl CountingExperiment {
    /// An experiment without runs.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a run.
    #[must_use]
    pub fn run(
        mut self,
        name: impl Into<String>,
        observed: u64,
        background: f64,
        background_unc: f64,
        signal_per_eps2: f64,
    ) -> Self {
        self.runs.push(Run {
            name: name.into(),
            observed,
            background,
            background_unc,
            signal_per_eps2,
        });
        self
    }

    /// Shared relative signal uncertainty.
    #[must_use]
    pub fn signal_uncertainty(mut self, relative: f64) -> Self {
        self.signal_rel_unc = relative;
        self
    }

    /// Nuisance shape (log-normal by default).
    #[must_use]
    pub fn constraint(mut self, constraint: Constraint) -> Self {
        self.constraint = constraint;
        self
    }

    /// The statistical model with μ = ε² (channel signal a_i).
    pub fn model(&self) -> Result<Model, StatsError> {
        let mut b = Model::builder();
        for r in &self.runs {
            b = b.channel(&r.name, r.observed, r.signal_per_eps2, r.background);
        }
        let unc: Vec<f64> = self.runs.iter().map(|r| r.background_unc).collect();
        b.background_uncertainties(&unc, self.constraint)?
            .shared_signal_uncertainty("signal", self.signal_rel_unc, self.constraint)
            .build()
    }

    /// Upper limit on ε and its expected band.
    pub fn epsilon_limit(&self, settings: &LimitSettings) -> Result<EpsilonLimit, StatsError> {
        let model = self.model()?;
        let r = settings.compute(&model)?;
        Ok(EpsilonLimit {
            eps: r.observed.sqrt(),
            eps2: r.observed,
            expected_eps: r.expected.map(|b| b.map(f64::sqrt)),
            signal_events: r.observed * model.total_signal(),
            eps2_error: r.observed_error,
            calculator: r.calculator,
            reason: r.reason,
            cl: r.cl,
        })
    }
}
