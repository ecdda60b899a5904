//! Upper limits: root finding on CLs(μ) = 1 − CL for the observed data and the expected band,
//! and the automatic choice of calculator.

use serde::{Deserialize, Serialize};

use crate::calculator::{
    Asymptotic, CalculatorKind, ClsCalculator, ClsPoint, ExactPoisson, FrequentistToys, Hybrid,
    HybridQuadrature, ToyConfig,
};
use crate::error::StatsError;
use crate::model::Model;

/// Expected limits at the background-only quantiles −2σ, −1σ, median, +1σ, +2σ.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Band {
    /// −2σ.
    pub m2: f64,
    /// −1σ.
    pub m1: f64,
    /// Median.
    pub median: f64,
    /// +1σ.
    pub p1: f64,
    /// +2σ.
    pub p2: f64,
}

impl Band {
    /// The five values in order −2σ … +2σ.
    pub fn to_array(self) -> [f64; 5] {
        [self.m2, self.m1, self.median, self.p1, self.p2]
    }

    /// From five values in order −2σ … +2σ.
    pub fn from_array(v: [f64; 5]) -> Self {
        Self {
            m2: v[0],
            m1: v[1],
            median: v[2],
            p1: v[3],
            p2: v[4],
        }
    }

    /// Apply `f` to every value (e.g. a unit change or ε = √(ε²)).
    #[must_use]
    pub fn map(self, f: impl Fn(f64) -> f64) -> Self {
        Self::from_array(self.to_array().map(f))
    }
}

/// An upper limit on the signal strength μ.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LimitResult {
    /// Observed upper limit on μ.
    pub observed: f64,
    /// Toy statistical standard error of the observed limit (None for analytic calculators).
    pub observed_error: Option<f64>,
    /// Expected limits (None if not requested).
    pub expected: Option<Band>,
    /// Confidence level.
    pub cl: f64,
    /// The calculator used.
    pub calculator: CalculatorKind,
    /// Why that calculator was used.
    pub reason: String,
    /// Number of CLs evaluations.
    pub evaluations: usize,
}

impl LimitResult {
    /// The same limit with μ multiplied by `factor` (e.g. Σ s_i for a limit on the total signal).
    #[must_use]
    pub fn scaled(mut self, factor: f64) -> Self {
        self.observed *= factor;
        self.observed_error = self.observed_error.map(|e| e * factor);
        self.expected = self.expected.map(|b| b.map(|v| v * factor));
        self
    }
}

/// Calculator requested by the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalculatorChoice {
    /// Choose by the expected counts (see [`LimitSettings::choose`]).
    #[default]
    Auto,
    /// Asymptotic formulae.
    Asymptotic,
    /// Frequentist toys with profiled nuisances.
    Toys,
    /// Exact Poisson CLs (one channel, no systematics).
    Exact,
    /// Hybrid (prior-averaged nuisances) toys.
    Hybrid,
    /// Hybrid CLs by quadrature over the priors and exact sums over the counts (no toys).
    #[serde(rename = "hybrid-quadrature")]
    HybridQuadrature,
}

/// Settings of a limit computation (builder style).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LimitSettings {
    /// Confidence level (0.9 = 90 %).
    pub cl: f64,
    /// Calculator.
    pub choice: CalculatorChoice,
    /// Toys and seed for toy calculators.
    pub toys: ToyConfig,
    /// Compute the expected band as well.
    pub expected: bool,
    /// Of the expected band compute the median only (the other four quantiles are NaN). The
    /// median is the same number as with the full band: it is solved first after the observed
    /// limit, from the same CLs evaluations; the ±1σ, ±2σ searches only add evaluations.
    pub median_only: bool,
    /// Auto picks asymptotic formulae only from this effective count on
    /// ([`Model::effective_count`]). Default 25: for one channel with n = b the asymptotic
    /// limit is 10 % below exact Poisson CLs at 5 events, 7 % at 10, 4.4 % at 30, 2.4 % at 100.
    pub asymptotic_min_count: f64,
}

impl Default for LimitSettings {
    fn default() -> Self {
        Self {
            cl: 0.9,
            choice: CalculatorChoice::Auto,
            toys: ToyConfig::default(),
            expected: true,
            median_only: false,
            asymptotic_min_count: 25.0,
        }
    }
}

impl LimitSettings {
    /// Confidence level.
    #[must_use]
    pub fn cl(mut self, cl: f64) -> Self {
        self.cl = cl;
        self
    }
    /// Calculator.
    #[must_use]
    pub fn calculator(mut self, choice: CalculatorChoice) -> Self {
        self.choice = choice;
        self
    }
    /// Number of toys per hypothesis and signal strength.
    #[must_use]
    pub fn toys(mut self, toys: usize) -> Self {
        self.toys.toys = toys;
        self
    }
    /// Seed of the toys.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.toys.seed = seed;
        self
    }
    /// Whether to compute the expected band.
    #[must_use]
    pub fn expected(mut self, expected: bool) -> Self {
        self.expected = expected;
        self
    }
    /// Whether to compute only the median of the expected band (see the field `median_only`).
    #[must_use]
    pub fn median_only(mut self, median_only: bool) -> Self {
        self.median_only = median_only;
        self
    }
    /// Effective count from which Auto uses asymptotic formulae.
    #[must_use]
    pub fn asymptotic_min_count(mut self, count: f64) -> Self {
        self.asymptotic_min_count = count;
        self
    }

    /// The calculator used for `model`, and why. Auto: asymptotic only once the effective count
    /// (Σs)²/Σ(s²/max(b, n)) reaches `asymptotic_min_count` (the formulae are 22–41 % low at
    /// n = 0, physics.md §8); below, exact Poisson CLs for one channel without systematics and
    /// otherwise the hybrid CLs (prior-averaged nuisances, physics.md §8): by quadrature where
    /// [`HybridQuadrature::check`] allows it (same statistic and ordering, no toy error), by
    /// toys otherwise.
    pub fn choose(&self, model: &Model) -> (CalculatorKind, String) {
        let count = model.effective_count();
        match self.choice {
            CalculatorChoice::Asymptotic => (CalculatorKind::Asymptotic, "requested".into()),
            CalculatorChoice::Toys => (CalculatorKind::Toys, "requested".into()),
            CalculatorChoice::Exact => (CalculatorKind::Exact, "requested".into()),
            CalculatorChoice::Hybrid => (CalculatorKind::Hybrid, "requested".into()),
            CalculatorChoice::HybridQuadrature => {
                (CalculatorKind::HybridQuadrature, "requested".into())
            }
            CalculatorChoice::Auto if count >= self.asymptotic_min_count => (
                CalculatorKind::Asymptotic,
                format!(
                    "auto: effective count {count:.3} ≥ {} events, asymptotic formulae hold",
                    self.asymptotic_min_count
                ),
            ),
            CalculatorChoice::Auto if model.channels().len() == 1 && !model.has_systematics() => (
                CalculatorKind::Exact,
                format!(
                    "auto: effective count {count:.3} < {} events, one channel without systematics",
                    self.asymptotic_min_count
                ),
            ),
            CalculatorChoice::Auto => match HybridQuadrature::check(model) {
                None => (
                    CalculatorKind::HybridQuadrature,
                    format!(
                        "auto: effective count {count:.3} < {} events, asymptotic formulae unreliable; nuisances averaged over priors by quadrature",
                        self.asymptotic_min_count
                    ),
                ),
                Some(why) => (
                    CalculatorKind::Hybrid,
                    format!(
                        "auto: effective count {count:.3} < {} events, asymptotic formulae unreliable; nuisances averaged over priors by toys ({why} for quadrature)",
                        self.asymptotic_min_count
                    ),
                ),
            },
        }
    }

    /// Upper limit on μ (expected signal μ·s_i per channel) for `model`.
    pub fn compute(&self, model: &Model) -> Result<LimitResult, StatsError> {
        if !(self.cl > 0.0 && self.cl < 1.0) {
            return Err(StatsError::BadConfidenceLevel(self.cl));
        }
        let (kind, reason) = self.choose(model);
        let wanted = match (self.expected, self.median_only) {
            (false, _) => Wanted::Observed,
            (true, true) => Wanted::Median,
            (true, false) => Wanted::Band,
        };
        let mut result = match kind {
            CalculatorKind::Asymptotic => search(&Asymptotic::new(model), self.cl, wanted, 1e-6),
            CalculatorKind::Exact => search(&ExactPoisson::new(model)?, self.cl, wanted, 1e-6),
            CalculatorKind::Toys => search(
                &FrequentistToys::new(model, self.toys)?,
                self.cl,
                wanted,
                1e-3,
            ),
            CalculatorKind::Hybrid => {
                search(&Hybrid::new(model, self.toys)?, self.cl, wanted, 1e-3)
            }
            CalculatorKind::HybridQuadrature => {
                let quadrature =
                    HybridQuadrature::new(model).and_then(|q| search(&q, self.cl, wanted, 1e-3));
                match quadrature {
                    // Auto: a model whose count vectors outgrow the enumeration at some signal
                    // strength falls back to the toys it stands in for.
                    Err(StatsError::CalculatorNotApplicable { reason: why, .. })
                        if self.choice == CalculatorChoice::Auto =>
                    {
                        let mut r = search(&Hybrid::new(model, self.toys)?, self.cl, wanted, 1e-3)?;
                        r.reason =
                            format!("{reason}; quadrature gave up ({why}), hybrid toys used");
                        return Ok(r);
                    }
                    other => other,
                }
            }
        }?;
        result.reason = reason;
        Ok(result)
    }
}

/// Index 0: observed; 1..=5: expected −2σ…+2σ.
fn value(p: &ClsPoint, target: usize) -> f64 {
    if target == 0 {
        p.observed
    } else {
        p.expected[target - 1]
    }
}

struct Search<'a, C: ClsCalculator + ?Sized> {
    calc: &'a C,
    ln_alpha: f64,
    points: Vec<ClsPoint>,
}

impl<C: ClsCalculator + ?Sized> Search<'_, C> {
    fn eval(&mut self, mu: f64) -> Result<(), StatsError> {
        let p = self.calc.cls(mu)?;
        let pos = self.points.partition_point(|q| q.mu < mu);
        self.points.insert(pos, p);
        Ok(())
    }

    fn f(&self, p: &ClsPoint, target: usize) -> f64 {
        value(p, target).ln() - self.ln_alpha
    }

    /// (lo, f(lo), hi, f(hi)): hi the smallest μ with CLs < α, lo the largest μ below it with
    /// CLs ≥ α (μ = 0, CLs = 1 if none).
    fn bracket(&self, target: usize) -> (f64, f64, Option<(f64, f64)>) {
        let hi = self
            .points
            .iter()
            .find(|p| self.f(p, target) < 0.0)
            .map(|p| (p.mu, self.f(p, target)));
        let limit = hi.map_or(f64::INFINITY, |h| h.0);
        let (lo, flo) = self
            .points
            .iter()
            .rev()
            .find(|p| p.mu < limit && self.f(p, target) >= 0.0)
            .map_or((0.0, -self.ln_alpha), |p| (p.mu, self.f(p, target)));
        (lo, flo, hi)
    }

    fn solve(&mut self, target: usize, rel_tol: f64) -> Result<f64, StatsError> {
        let mut expansions = 0;
        loop {
            let (_, _, hi) = self.bracket(target);
            if hi.is_some() {
                break;
            }
            expansions += 1;
            if expansions > 80 {
                return Err(StatsError::NoLimit(
                    "CLs stays above 1 − CL for every signal strength tried".into(),
                ));
            }
            let mu = self
                .points
                .last()
                .map_or_else(|| self.calc.typical_mu(), |p| p.mu * 2.0);
            self.eval(mu)?;
        }
        let mut last_width = f64::INFINITY;
        for iter in 0..60 {
            let (lo, flo, hi) = self.bracket(target);
            let (hi, fhi) = hi.expect("bracketed");
            let width = hi - lo;
            if width <= rel_tol * hi {
                break;
            }
            let secant = if fhi.is_finite() && flo > fhi {
                lo + width * flo / (flo - fhi)
            } else {
                lo + 0.5 * width
            };
            // Safeguard (Illinois-like): bisect when the bracket stopped shrinking fast.
            let mu = if iter > 0 && width > 0.5 * last_width {
                lo + 0.5 * width
            } else {
                secant.clamp(lo + 0.01 * width, hi - 0.01 * width)
            };
            last_width = width;
            self.eval(mu)?;
            let p = self.points.iter().find(|p| p.mu == mu).expect("inserted");
            if self.f(p, target).abs() < 1e-9 {
                return Ok(mu);
            }
        }
        let (lo, flo, hi) = self.bracket(target);
        let (hi, fhi) = hi.expect("bracketed");
        Ok(if fhi.is_finite() && flo > fhi {
            lo + (hi - lo) * flo / (flo - fhi)
        } else {
            0.5 * (lo + hi)
        })
    }

    /// Toy standard error of the root: σ(ln CLs) / |d ln CLs/dμ|, the slope taken over ±10 %.
    fn error(&self, root: f64) -> Option<f64> {
        let near = self
            .points
            .iter()
            .min_by(|a, b| (a.mu - root).abs().total_cmp(&(b.mu - root).abs()))?;
        if near.ln_observed_error == 0.0 {
            return None;
        }
        let lo = self
            .points
            .iter()
            .rev()
            .find(|p| p.mu <= 0.9 * root && p.observed > 0.0)
            .map_or((0.0, 0.0), |p| (p.mu, p.observed.ln()));
        let hi = self
            .points
            .iter()
            .find(|p| p.mu >= 1.1 * root && p.observed > 0.0)
            .or_else(|| self.points.iter().rev().find(|p| p.observed > 0.0))
            .map(|p| (p.mu, p.observed.ln()))?;
        let slope = (lo.1 - hi.1) / (hi.0 - lo.0);
        (slope > 0.0).then(|| near.ln_observed_error / slope)
    }
}

/// Which roots a search solves for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// The observed limit only.
    Observed,
    /// The observed limit and the expected median (the other quantiles NaN).
    Median,
    /// The observed limit and the whole expected band.
    Band,
}

/// Upper limit on μ with any calculator: root of CLs(μ) = 1 − `cl`, by a safeguarded secant
/// in ln CLs (nearly linear in μ at low counts) to relative precision `rel_tol`. All CLs
/// evaluations are shared between the observed and the five expected roots.
pub fn upper_limit<C: ClsCalculator + ?Sized>(
    calc: &C,
    cl: f64,
    expected: bool,
    rel_tol: f64,
) -> Result<LimitResult, StatsError> {
    let wanted = if expected {
        Wanted::Band
    } else {
        Wanted::Observed
    };
    search(calc, cl, wanted, rel_tol)
}

/// [`upper_limit`] solving for the `wanted` roots, always in the order observed, median,
/// −1σ, +1σ, −2σ, +2σ (each root depends on the evaluations of those before it).
fn search<C: ClsCalculator + ?Sized>(
    calc: &C,
    cl: f64,
    wanted: Wanted,
    rel_tol: f64,
) -> Result<LimitResult, StatsError> {
    if !(cl > 0.0 && cl < 1.0) {
        return Err(StatsError::BadConfidenceLevel(cl));
    }
    let mut search = Search {
        calc,
        ln_alpha: (1.0 - cl).ln(),
        points: Vec::new(),
    };
    let observed = search.solve(0, rel_tol)?;
    let observed_error = search.error(observed);
    let expected = match wanted {
        Wanted::Observed => None,
        Wanted::Median => {
            let mut v = [f64::NAN; 5];
            v[2] = search.solve(3, rel_tol)?;
            Some(Band::from_array(v))
        }
        Wanted::Band => {
            let mut v = [0.0; 5];
            // Median first: its evaluations bracket the others.
            for t in [3, 2, 4, 1, 5] {
                v[t - 1] = search.solve(t, rel_tol)?;
            }
            Some(Band::from_array(v))
        }
    };
    Ok(LimitResult {
        observed,
        observed_error,
        expected,
        cl,
        calculator: calc.kind(),
        reason: String::new(),
        evaluations: search.points.len(),
    })
}
