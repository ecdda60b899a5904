//! Number lists and spaced grids.
//!
//! Accepted list forms ([`parse_list`]):
//! - `20,40,60` — explicit values;
//! - `20,40,...,160` — an arithmetic progression with the step of the first two values;
//! - `log:0.001:1:62` — 62 logarithmically spaced values from 0.001 to 1 (both included);
//! - `lin:20:160:8` — 8 linearly spaced values from 20 to 160.

use thiserror::Error;

/// A number list that cannot be read.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum GridError {
    /// Nothing given.
    #[error("empty list")]
    Empty,
    /// A token is not a finite number.
    #[error("'{0}' is not a finite number")]
    NotANumber(String),
    /// A `log:`/`lin:` form with the wrong number of fields.
    #[error("expected {0}:LO:HI:N, got '{1}'")]
    Spec(&'static str, String),
    /// The point count of a `log:`/`lin:` form is not a positive integer.
    #[error("'{0}' is not a point count (a positive integer)")]
    Count(String),
    /// HI below LO.
    #[error("upper end {hi} below lower end {lo}")]
    Reversed {
        /// Lower end.
        lo: f64,
        /// Upper end.
        hi: f64,
    },
    /// A log-spaced grid starting at or below zero.
    #[error("log spacing needs a positive lower end, got {0}")]
    LogNonPositive(f64),
    /// A `FIRST,SECOND,...,LAST` range that is malformed or does not reach LAST.
    #[error("'{0}' is not a range FIRST,SECOND,...,LAST stepping towards LAST")]
    Range(String),
    /// A range with more than a million values.
    #[error("'{0}' expands to too many values")]
    TooLong(String),
}

/// `n` values from `lo` to `hi` (both included), equally spaced in ln: lo·(hi/lo)^(i/(n−1)).
pub fn log_spaced(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![lo],
        _ => (0..n)
            .map(|i| lo * (hi / lo).powf(i as f64 / (n - 1) as f64))
            .collect(),
    }
}

/// `n` values from `lo` to `hi` (both included), equally spaced.
pub fn lin_spaced(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![lo],
        _ => (0..n)
            .map(|i| lo + (hi - lo) * (i as f64 / (n - 1) as f64))
            .collect(),
    }
}

/// Parse one of the list forms of the module documentation.
pub fn parse_list(text: &str) -> Result<Vec<f64>, GridError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(GridError::Empty);
    }
    for (prefix, log) in [("log:", true), ("lin:", false)] {
        let Some(rest) = text.strip_prefix(prefix) else {
            continue;
        };
        let tag = if log { "log" } else { "lin" };
        let parts: Vec<&str> = rest.split(':').collect();
        if parts.len() != 3 {
            return Err(GridError::Spec(tag, text.to_string()));
        }
        let lo = number(parts[0])?;
        let hi = number(parts[1])?;
        let n: usize = parts[2]
            .trim()
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| GridError::Count(parts[2].trim().to_string()))?;
        if hi < lo {
            return Err(GridError::Reversed { lo, hi });
        }
        if log && lo <= 0.0 {
            return Err(GridError::LogNonPositive(lo));
        }
        return Ok(if log {
            log_spaced(lo, hi, n)
        } else {
            lin_spaced(lo, hi, n)
        });
    }
    let tokens: Vec<&str> = text.split(',').map(str::trim).collect();
    if let Some(pos) = tokens.iter().position(|t| *t == "..." || *t == "…") {
        if pos != 2 || tokens.len() != 4 {
            return Err(GridError::Range(text.to_string()));
        }
        let (a, b, last) = (number(tokens[0])?, number(tokens[1])?, number(tokens[3])?);
        let step = b - a;
        if step == 0.0 || (last - a) / step < 0.0 {
            return Err(GridError::Range(text.to_string()));
        }
        let n = ((last - a) / step + 1e-9).floor() as usize;
        if n >= 1_000_000 {
            return Err(GridError::TooLong(text.to_string()));
        }
        return Ok((0..=n).map(|i| a + step * i as f64).collect());
    }
    tokens.iter().map(|t| number(t)).collect()
}

fn number(token: &str) -> Result<f64, GridError> {
    token
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| GridError::NotANumber(token.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(parse_list("1,2.5,3").unwrap(), vec![1.0, 2.5, 3.0]);
        assert_eq!(
            parse_list("20,40,...,160").unwrap(),
            vec![20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0]
        );
        let l = parse_list("log:0.001:1:4").unwrap();
        assert!((l[1] - 0.01).abs() < 1e-15 && (l[3] - 1.0).abs() < 1e-15);
        assert_eq!(parse_list("lin:0:1:3").unwrap(), vec![0.0, 0.5, 1.0]);
        assert_eq!(parse_list("log:0.5:2:1").unwrap(), vec![0.5]);
    }

    #[test]
    fn malformed_lists_name_the_bad_token() {
        let e = parse_list("1,zz,3").unwrap_err().to_string();
        assert!(e.contains("zz"), "{e}");
        assert_eq!(parse_list(""), Err(GridError::Empty));
        assert!(parse_list("1,,2").is_err());
        assert!(parse_list("5,4,...,10").is_err());
        assert_eq!(parse_list("log:0:1:5"), Err(GridError::LogNonPositive(0.0)));
        assert!(parse_list("1,nan").is_err());
        assert!(parse_list("log:1:2:0").is_err());
        assert!(parse_list("lin:2:1:3").is_err());
    }
}
