//! The statistical model: counting channels (runs) with signal and background yields, and
//! nuisance parameters that scale those yields.
//!
//! Channel i expects λ_i(μ, θ) = μ·s_i·Π_k f_k(θ_k) + b_i·Π_k f_k(θ_k), each product running
//! over the nuisances that act on that yield. Every θ_k has a unit-Gaussian constraint
//! N(g_k | θ_k, 1) with global observable g_k = 0 for the real data. The factor is
//! - log-normal (default; combine/RooStats `lnN` convention): f = κ^θ with κ = 1 + r, so the
//!   yield is log-normally distributed with median unchanged and ln-width ln(1 + r);
//! - Gaussian: f = max(0, 1 + r·θ), truncated so that yields stay non-negative.

use serde::{Deserialize, Serialize};

use crate::error::StatsError;

/// The shape of a nuisance parameter's effect on yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Constraint {
    /// Yield × κ^θ with κ = 1 + r (log-normal yield; `log-normal`, also read as `lognormal`).
    #[default]
    #[serde(alias = "lognormal")]
    LogNormal,
    /// Yield × max(0, 1 + r·θ) (truncated Gaussian yield).
    Gaussian,
}

/// Which yield of a channel a nuisance scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    /// The signal yield s_i.
    Signal,
    /// The background yield b_i.
    Background,
}

impl Component {
    fn name(self) -> &'static str {
        match self {
            Self::Signal => "signal",
            Self::Background => "background",
        }
    }
}

/// One effect of a nuisance: a relative uncertainty r on one yield of one channel.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Effect {
    /// Channel index.
    pub channel: usize,
    /// Which yield.
    pub component: Component,
    /// Relative uncertainty r (0.1 = 10 %).
    pub relative: f64,
}

/// A nuisance parameter: one unit-Gaussian θ acting on one or several yields. Acting on several
/// channels makes it a correlated ("shared") uncertainty, e.g. the A' cross section or EOT.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nuisance {
    /// Name used in messages.
    pub name: String,
    /// Log-normal or Gaussian.
    pub constraint: Constraint,
    /// The yields it scales.
    pub effects: Vec<Effect>,
}

impl Nuisance {
    /// A log-normal nuisance with no effect yet.
    pub fn log_normal(name: impl Into<String>) -> Self {
        Self::new(name, Constraint::LogNormal)
    }

    /// A Gaussian nuisance with no effect yet.
    pub fn gaussian(name: impl Into<String>) -> Self {
        Self::new(name, Constraint::Gaussian)
    }

    /// A nuisance of the given kind with no effect yet.
    pub fn new(name: impl Into<String>, constraint: Constraint) -> Self {
        Self {
            name: name.into(),
            constraint,
            effects: Vec::new(),
        }
    }

    /// Scale the signal of `channel` with relative uncertainty `relative`.
    #[must_use]
    pub fn on_signal(mut self, channel: usize, relative: f64) -> Self {
        self.effects.push(Effect {
            channel,
            component: Component::Signal,
            relative,
        });
        self
    }

    /// Scale the background of `channel` with relative uncertainty `relative`.
    #[must_use]
    pub fn on_background(mut self, channel: usize, relative: f64) -> Self {
        self.effects.push(Effect {
            channel,
            component: Component::Background,
            relative,
        });
        self
    }
}

/// One counting channel (a run, or a bin).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    /// Name used in messages.
    pub name: String,
    /// Observed events.
    pub observed: u64,
    /// Expected signal events at μ = 1.
    pub signal: f64,
    /// Expected background events.
    pub background: f64,
}

/// A validated multi-channel counting model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    channels: Vec<Channel>,
    nuisances: Vec<Nuisance>,
}

impl Model {
    /// Start building a model.
    pub fn builder() -> ModelBuilder {
        ModelBuilder::default()
    }

    /// The channels.
    pub fn channels(&self) -> &[Channel] {
        &self.channels
    }

    /// The nuisances (only those with at least one non-zero effect).
    pub fn nuisances(&self) -> &[Nuisance] {
        &self.nuisances
    }

    /// Σ_i s_i: expected signal events at μ = 1.
    pub fn total_signal(&self) -> f64 {
        self.channels.iter().map(|c| c.signal).sum()
    }

    /// Σ_i b_i.
    pub fn total_background(&self) -> f64 {
        self.channels.iter().map(|c| c.background).sum()
    }

    /// Σ_i n_i.
    pub fn total_observed(&self) -> u64 {
        self.channels.iter().map(|c| c.observed).sum()
    }

    /// True if the model has no nuisance parameters.
    pub fn has_systematics(&self) -> bool {
        !self.nuisances.is_empty()
    }

    /// The same model with every signal yield multiplied by `factor` (> 0).
    #[must_use]
    pub fn with_signal_scaled(&self, factor: f64) -> Self {
        let mut m = self.clone();
        for c in &mut m.channels {
            c.signal *= factor;
        }
        m
    }

    /// Effective number of events that decides whether asymptotic formulae hold:
    /// (Σ s_i)² / Σ (s_i² / m_i) with m_i = max(b_i, n_i), i.e. the count seen by the signal
    /// (= b for one channel, = Σ b_i when s_i ∝ b_i). Channels with m_i = 0 count as 10⁻⁹.
    pub fn effective_count(&self) -> f64 {
        let total: f64 = self.total_signal();
        let denom: f64 = self
            .channels
            .iter()
            .map(|c| {
                let m = c.background.max(c.observed as f64).max(1e-9);
                c.signal * c.signal / m
            })
            .sum();
        if denom > 0.0 {
            total * total / denom
        } else {
            0.0
        }
    }
}

/// Builder for [`Model`].
#[derive(Debug, Clone, Default)]
pub struct ModelBuilder {
    channels: Vec<Channel>,
    nuisances: Vec<Nuisance>,
}

impl ModelBuilder {
    /// Add a channel with its observed count, expected signal (at μ = 1) and background.
    #[must_use]
    pub fn channel(
        mut self,
        name: impl Into<String>,
        observed: u64,
        signal: f64,
        background: f64,
    ) -> Self {
        self.channels.push(Channel {
            name: name.into(),
            observed,
            signal,
            background,
        });
        self
    }

    /// Add a nuisance parameter.
    #[must_use]
    pub fn nuisance(mut self, nuisance: Nuisance) -> Self {
        self.nuisances.push(nuisance);
        self
    }

    /// One log-normal (or Gaussian) nuisance per channel on the background, from absolute
    /// uncertainties σ_b,i (r_i = σ_b,i / b_i). Zero uncertainties add nothing.
    pub fn background_uncertainties(
        mut self,
        absolute: &[f64],
        constraint: Constraint,
    ) -> Result<Self, StatsError> {
        if absolute.len() != self.channels.len() {
            return Err(StatsError::LengthMismatch {
                what: "background uncertainties",
                expected: self.channels.len(),
                got: absolute.len(),
            });
        }
        for (i, (&sigma, ch)) in absolute.iter().zip(&self.channels).enumerate() {
            if !(sigma.is_finite() && sigma >= 0.0) {
                return Err(StatsError::BadChannelValue {
                    channel: i,
                    name: ch.name.clone(),
                    what: "background uncertainty",
                    value: sigma,
                });
            }
            if sigma == 0.0 {
                continue;
            }
            if ch.background <= 0.0 {
                return Err(StatsError::UncertaintyOnZeroBackground {
                    channel: i,
                    name: ch.name.clone(),
                    uncertainty: sigma,
                });
            }
            let nu = Nuisance::new(format!("bkg_{}", ch.name), constraint)
                .on_background(i, sigma / ch.background);
            self.nuisances.push(nu);
        }
        Ok(self)
    }

    /// One nuisance shared by the signal of every channel with relative uncertainty `relative`
    /// (e.g. the A' production cross section, EOT counting). Zero adds nothing.
    #[must_use]
    pub fn shared_signal_uncertainty(
        mut self,
        name: impl Into<String>,
        relative: f64,
        constraint: Constraint,
    ) -> Self {
        let mut nu = Nuisance::new(name, constraint);
        for i in 0..self.channels.len() {
            nu = nu.on_signal(i, relative);
        }
        self.nuisances.push(nu);
        self
    }

    /// Validate and build. Effects with r = 0 are dropped, and nuisances left without effects.
    pub fn build(self) -> Result<Model, StatsError> {
        let n = self.channels.len();
        if n == 0 {
            return Err(StatsError::NoChannels);
        }
        for (i, c) in self.channels.iter().enumerate() {
            for (what, value) in [("signal", c.signal), ("background", c.background)] {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(StatsError::BadChannelValue {
                        channel: i,
                        name: c.name.clone(),
                        what,
                        value,
                    });
                }
            }
        }
        let total: f64 = self.channels.iter().map(|c| c.signal).sum();
        if total <= 0.0 {
            return Err(StatsError::NoSignal);
        }
        let mut nuisances = Vec::with_capacity(self.nuisances.len());
        for mut nu in self.nuisances {
            let mut seen = Vec::new();
            for e in &nu.effects {
                if e.channel >= n {
                    return Err(StatsError::BadChannelIndex {
                        nuisance: nu.name.clone(),
                        channel: e.channel,
                        channels: n,
                    });
                }
                if !(e.relative.is_finite() && e.relative >= 0.0) {
                    return Err(StatsError::BadUncertainty {
                        nuisance: nu.name.clone(),
                        value: e.relative,
                    });
                }
                if seen.contains(&(e.channel, e.component)) {
                    return Err(StatsError::DuplicateEffect {
                        nuisance: nu.name.clone(),
                        channel: e.channel,
                        component: e.component.name(),
                    });
                }
                seen.push((e.channel, e.component));
            }
            nu.effects.retain(|e| e.relative > 0.0);
            if !nu.effects.is_empty() {
                nuisances.push(nu);
            }
        }
        Ok(Model {
            channels: self.channels,
            nuisances,
        })
    }
}
