//! Parsing of number lists given on the command line.
//!
//! Accepted forms:
//! - `20,40,60` — explicit values;
//! - `20,40,...,160` — an arithmetic progression with the step of the first two values;
//! - `log:0.001:1:62` — 62 logarithmically spaced values from 0.001 to 1 (both included);
//! - `lin:20:160:8` — 8 linearly spaced values from 20 to 160.

use anyhow::{Context, bail, ensure};

/// Parse one of the list forms above; `what` names the option in error messages.
pub fn number_list(text: &str, what: &str) -> anyhow::Result<Vec<f64>> {
    let text = text.trim();
    ensure!(!text.is_empty(), "{what}: empty list");
    if let Some(rest) = text
        .strip_prefix("log:")
        .or_else(|| text.strip_prefix("lin:"))
    {
        let log = text.starts_with("log:");
        let parts: Vec<&str> = rest.split(':').collect();
        ensure!(
            parts.len() == 3,
            "{what}: expected {}:LO:HI:N, got '{text}'",
            &text[..3]
        );
        let lo = number(parts[0], what)?;
        let hi = number(parts[1], what)?;
        let n: usize = parts[2]
            .trim()
            .parse()
            .with_context(|| format!("{what}: '{}' is not a point count", parts[2]))?;
        ensure!(n >= 1, "{what}: need at least one point, got {n}");
        ensure!(hi >= lo, "{what}: upper end {hi} below lower end {lo}");
        if log {
            ensure!(
                lo > 0.0,
                "{what}: log spacing needs a positive lower end, got {lo}"
            );
        }
        if n == 1 {
            return Ok(vec![lo]);
        }
        return Ok((0..n)
            .map(|i| {
                let f = i as f64 / (n - 1) as f64;
                if log {
                    lo * (hi / lo).powf(f)
                } else {
                    lo + (hi - lo) * f
                }
            })
            .collect());
    }
    let tokens: Vec<&str> = text.split(',').map(str::trim).collect();
    if let Some(pos) = tokens.iter().position(|t| *t == "..." || *t == "…") {
        ensure!(
            pos == 2 && tokens.len() == 4,
            "{what}: a range is written FIRST,SECOND,...,LAST, got '{text}'"
        );
        let (a, b, last) = (
            number(tokens[0], what)?,
            number(tokens[1], what)?,
            number(tokens[3], what)?,
        );
        let step = b - a;
        ensure!(
            step != 0.0 && (last - a) / step >= 0.0,
            "{what}: '{text}' does not step from {a} towards {last}"
        );
        let n = ((last - a) / step + 1e-9).floor() as usize;
        ensure!(n < 1_000_000, "{what}: '{text}' expands to too many values");
        return Ok((0..=n).map(|i| a + step * i as f64).collect());
    }
    tokens.iter().map(|t| number(t, what)).collect()
}

fn number(token: &str, what: &str) -> anyhow::Result<f64> {
    let v: f64 = token
        .trim()
        .parse()
        .with_context(|| format!("{what}: '{token}' is not a number"))?;
    if !v.is_finite() {
        bail!("{what}: '{token}' is not a finite number");
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(number_list("1,2.5,3", "x").unwrap(), vec![1.0, 2.5, 3.0]);
        assert_eq!(
            number_list("20,40,...,160", "x").unwrap(),
            vec![20.0, 40.0, 60.0, 80.0, 100.0, 120.0, 140.0, 160.0]
        );
        let l = number_list("log:0.001:1:4", "x").unwrap();
        assert!((l[1] - 0.01).abs() < 1e-15 && (l[3] - 1.0).abs() < 1e-15);
        assert_eq!(number_list("lin:0:1:3", "x").unwrap(), vec![0.0, 0.5, 1.0]);
    }

    #[test]
    fn malformed_lists_name_the_bad_token() {
        let e = number_list("1,zz,3", "--masses").unwrap_err().to_string();
        assert!(e.contains("zz") && e.contains("--masses"), "{e}");
        assert!(number_list("", "x").is_err());
        assert!(number_list("1,,2", "x").is_err());
        assert!(number_list("5,4,...,10", "x").is_err());
        assert!(number_list("log:0:1:5", "x").is_err());
        assert!(number_list("1,nan", "x").is_err());
    }
}
