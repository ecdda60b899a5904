//! One validation row: a number the papers publish next to ours, with the tolerance it is held
//! to and the verdict.

use serde::{Deserialize, Serialize};

/// What a row checks ("pass" means the stated condition holds).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Tolerance {
    /// |ours/published − 1| ≤ r.
    Relative(f64),
    /// |pull| ≤ n, pull = (ours − published)/sqrt(σ_published² + σ_ours²).
    Pull(f64),
    /// published/f ≤ ours ≤ published·f (an order-of-magnitude statement in a paper's text).
    Factor(f64),
    /// ours < published (the paper gives an upper bound, "< x", or an exclusion).
    Below,
    /// published ≤ ours·(1 + margin): ours is an upper bound that the published value must
    /// respect (a consistency check of a paper's entries against its own inputs).
    UpperBound(f64),
    /// No verdict: the published entry disagrees with the paper's own cross sections (shown by
    /// a consistency row of the same mass); listed for information.
    Informational,
}

impl Tolerance {
    /// The condition in words, for tables.
    pub fn describe(&self) -> String {
        match self {
            Self::Relative(r) => format!("|ratio−1| ≤ {}%", fmt_pct(*r)),
            Self::Pull(n) => format!("|pull| ≤ {n}"),
            Self::Factor(f) => format!("within ×{f}"),
            Self::Below => "ours < published".into(),
            Self::UpperBound(m) => format!("published ≤ ours × {}", 1.0 + m),
            Self::Informational => "none (published entry inconsistent)".into(),
        }
    }
}

fn fmt_pct(r: f64) -> String {
    let p = r * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}")
    } else {
        format!("{p}")
    }
}

/// Outcome of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The condition holds.
    Pass,
    /// It does not.
    Fail,
    /// No condition ([`Tolerance::Informational`]).
    Info,
}

impl Verdict {
    /// `pass`, `fail` or `info`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Pass => "pass",
            Self::Fail => "fail",
            Self::Info => "info",
        }
    }
}

/// One published number against ours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Group of rows (`cross sections`, `Table V`, …).
    pub section: String,
    /// What is compared, with its unit in brackets.
    pub quantity: String,
    /// Where the published number is: paper (file number of shared/papers) and table/equation.
    pub source: String,
    /// The published value.
    pub published: f64,
    /// Its uncertainty as published (absent when the paper gives none).
    pub published_uncertainty: Option<f64>,
    /// Our value.
    pub ours: f64,
    /// Our (statistical or numerical) uncertainty.
    pub ours_uncertainty: Option<f64>,
    /// ours/published.
    pub ratio: f64,
    /// (ours − published)/sqrt(σ_p² + σ_o²); absent when neither has an uncertainty.
    pub pull: Option<f64>,
    /// The condition.
    pub tolerance: Tolerance,
    /// Its verdict.
    pub verdict: Verdict,
    /// How ours was obtained, or why the row is what it is.
    pub note: String,
}

impl Row {
    /// A row; ratio, pull and verdict are computed.
    pub fn new(
        section: &str,
        quantity: impl Into<String>,
        source: impl Into<String>,
        published: (f64, Option<f64>),
        ours: (f64, Option<f64>),
        tolerance: Tolerance,
        note: impl Into<String>,
    ) -> Self {
        let (p, sp) = published;
        let (o, so) = ours;
        let ratio = o / p;
        let var = sp.unwrap_or(0.0).powi(2) + so.unwrap_or(0.0).powi(2);
        let pull = (var > 0.0).then(|| (o - p) / var.sqrt());
        let ok = match tolerance {
            Tolerance::Relative(r) => (ratio - 1.0).abs() <= r,
            Tolerance::Pull(n) => pull.is_some_and(|x| x.abs() <= n),
            Tolerance::Factor(f) => ratio >= 1.0 / f && ratio <= f,
            Tolerance::Below => o < p,
            Tolerance::UpperBound(m) => p <= o * (1.0 + m),
            Tolerance::Informational => true,
        };
        let verdict = match (tolerance, ok && o.is_finite()) {
            (Tolerance::Informational, _) => Verdict::Info,
            (_, true) => Verdict::Pass,
            (_, false) => Verdict::Fail,
        };
        Self {
            section: section.into(),
            quantity: quantity.into(),
            source: source.into(),
            published: p,
            published_uncertainty: sp,
            ours: o,
            ours_uncertainty: so,
            ratio,
            pull,
            tolerance,
            verdict,
            note: note.into(),
        }
    }

    /// The same row without a verdict (its published entry is inconsistent), with the reason.
    #[must_use]
    pub fn informational(mut self, why: &str) -> Self {
        self.tolerance = Tolerance::Informational;
        self.verdict = Verdict::Info;
        if !self.note.is_empty() {
            self.note.push_str("; ");
        }
        self.note.push_str(why);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts_follow_the_tolerance() {
        let r = |ours, tol| Row::new("s", "q", "src", (1.0, Some(0.1)), (ours, None), tol, "");
        assert_eq!(r(1.14, Tolerance::Relative(0.15)).verdict, Verdict::Pass);
        assert_eq!(r(1.16, Tolerance::Relative(0.15)).verdict, Verdict::Fail);
        let p = r(1.25, Tolerance::Pull(2.0));
        assert!((p.pull.unwrap() - 2.5).abs() < 1e-12);
        assert_eq!(p.verdict, Verdict::Fail);
        assert_eq!(r(2.9, Tolerance::Factor(3.0)).verdict, Verdict::Pass);
        assert_eq!(r(0.3, Tolerance::Factor(3.0)).verdict, Verdict::Fail);
        assert_eq!(r(0.99, Tolerance::Below).verdict, Verdict::Pass);
        assert_eq!(r(f64::NAN, Tolerance::Below).verdict, Verdict::Fail);
        assert_eq!(r(0.95, Tolerance::UpperBound(0.1)).verdict, Verdict::Pass);
        assert_eq!(r(0.9, Tolerance::UpperBound(0.1)).verdict, Verdict::Fail);
        let i = r(5.0, Tolerance::Relative(0.1)).informational("x");
        assert_eq!(i.verdict, Verdict::Info);
        // No uncertainty anywhere: no pull, and a pull tolerance cannot pass.
        let n = Row::new(
            "s",
            "q",
            "src",
            (1.0, None),
            (1.0, None),
            Tolerance::Pull(2.0),
            "",
        );
        assert!(n.pull.is_none());
        assert_eq!(n.verdict, Verdict::Fail);
    }
}
