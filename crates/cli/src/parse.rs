//! Every value parser and validator of the command line, in one place.
//!
//! Two kinds: clap value parsers (`fn(&str) -> Result<T, String>`, used as
//! `value_parser = parse::positive`; clap prefixes the message with the option and the value),
//! and checks run by a command once it knows the context (number lists, masses against the
//! beam energy, target names), which return `anyhow` errors naming the option.
//!
//! Number lists take the forms of [`aprime_core::grid`]: `20,40,60`, `20,40,...,160`,
//! `log:0.001:1:62`, `lin:20:160:8`.

use std::str::FromStr;

use anyhow::{Context, bail};
use aprime_core::{MassGrid, check_mass, parse_list};
use aprime_physics::Material;
use aprime_physics::dark_brem::Method;
use aprime_shower::TargetConfig;

// ---- clap value parsers -------------------------------------------------------------------

fn float(s: &str) -> Result<f64, String> {
    s.trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))
}

/// A positive, finite number.
pub fn positive(s: &str) -> Result<f64, String> {
    let v = float(s)?;
    if v.is_finite() && v > 0.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be positive and finite"))
    }
}

/// A finite number ≥ 0.
pub fn non_negative(s: &str) -> Result<f64, String> {
    let v = float(s)?;
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a non-negative number"))
    }
}

/// A number strictly between 0 and 1 (a confidence level, a mixing strength ε).
pub fn unit_open(s: &str) -> Result<f64, String> {
    let v = float(s)?;
    if v > 0.0 && v < 1.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must lie strictly between 0 and 1"))
    }
}

/// A relative precision in (0, 0.5).
pub fn precision(s: &str) -> Result<f64, String> {
    let v = float(s)?;
    if v.is_finite() && v > 0.0 && v < 0.5 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be a relative precision in (0, 0.5)"))
    }
}

/// One boson mass \[GeV\] by the rule of [`aprime_core::check_mass`] (positive, finite); the
/// command checks it against the beam energy with [`below_beam`].
pub fn mass(s: &str) -> Result<f64, String> {
    check_mass(float(s)?).map_err(|e| e.to_string())
}

/// A count of at least 1 (events, chunk size, threads).
pub fn count<T: FromStr + PartialOrd + From<u8>>(s: &str) -> Result<T, String> {
    let v: T = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number"))?;
    if v < T::from(1) {
        Err("must be at least 1".into())
    } else {
        Ok(v)
    }
}

/// A number of toys: at least 100 (fewer cannot resolve a 90% C.L. tail).
pub fn toys(s: &str) -> Result<usize, String> {
    let v: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a whole number"))?;
    if v < 100 {
        Err(format!("'{s}' is too few (need at least 100)"))
    } else {
        Ok(v)
    }
}

/// A scale factor of the event-level statistics, in (0, 1000].
pub fn statistics_scale(s: &str) -> Result<f64, String> {
    let v = float(s)?;
    if v > 0.0 && v <= 1000.0 {
        Ok(v)
    } else {
        Err(format!("'{s}' must be in (0, 1000]"))
    }
}

/// A dark-bremsstrahlung cross-section method (`etl`, `wwsimple`, `iww`, `exact`).
pub fn method(s: &str) -> Result<Method, String> {
    s.parse::<Method>().map_err(|e| e.to_string())
}

// ---- checks with context ------------------------------------------------------------------

/// A number list; `option` names the option in error messages.
pub fn number_list(text: &str, option: &str) -> anyhow::Result<Vec<f64>> {
    parse_list(text).with_context(|| option.to_string())
}

/// A number list of positive values (energies, masses of a scan) \[GeV\].
pub fn positive_list(text: &str, option: &str) -> anyhow::Result<Vec<f64>> {
    let v = number_list(text, option)?;
    if let Some(bad) = v.iter().find(|x| !(x.is_finite() && **x > 0.0)) {
        bail!("{option}: {bad} is not a positive value [GeV]");
    }
    Ok(v)
}

/// A number list of values ≥ 0.
pub fn non_negative_list(text: &str, option: &str) -> anyhow::Result<Vec<f64>> {
    let v = number_list(text, option)?;
    if let Some(bad) = v.iter().find(|x| **x < 0.0) {
        bail!("{option}: '{bad}' is negative");
    }
    Ok(v)
}

/// A number list of event counts (non-negative whole numbers).
pub fn count_list(text: &str, option: &str) -> anyhow::Result<Vec<u64>> {
    number_list(text, option)?
        .into_iter()
        .map(|v| {
            if v < 0.0 || v.fract() != 0.0 || v > 1e15 {
                bail!("{option}: '{v}' is not a non-negative whole number of events");
            }
            Ok(v as u64)
        })
        .collect()
}

/// A mass grid \[GeV\]: the one rule of [`MassGrid`] (positive, finite) and, where the beam is
/// known, below its energy.
pub fn masses(text: &str, option: &str, beam_energy_gev: Option<f64>) -> anyhow::Result<MassGrid> {
    let grid = MassGrid::parse(text).with_context(|| option.to_string())?;
    if let Some(e0) = beam_energy_gev {
        grid.check_below(e0).with_context(|| option.to_string())?;
    }
    Ok(grid)
}

/// A single mass (already positive by [`mass`]) against the beam energy.
pub fn below_beam(mass_gev: f64, option: &str, beam_energy_gev: f64) -> anyhow::Result<()> {
    MassGrid::new(vec![mass_gev])
        .and_then(|g| g.check_below(beam_energy_gev))
        .with_context(|| option.to_string())
}

/// An element or compound by name (`Pb`, `scintillator`).
pub fn material(name: &str) -> anyhow::Result<Material> {
    Material::by_name(name).with_context(|| format!("--target '{name}'"))
}

/// A shower target: a material, the `na64-ecal` preset or a TOML target file.
pub fn shower_target(spec: &str, depth_x0: f64) -> anyhow::Result<TargetConfig> {
    TargetConfig::resolve(spec, depth_x0).with_context(|| format!("target '{spec}'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_the_core_lists() {
        for text in ["1,2.5,3", "20,40,...,160", "log:0.001:1:4", "lin:0:1:3"] {
            assert_eq!(number_list(text, "x").unwrap(), parse_list(text).unwrap());
        }
    }

    #[test]
    fn malformed_lists_name_the_option_and_the_bad_token() {
        let e = format!("{:#}", number_list("1,zz,3", "--masses").unwrap_err());
        assert!(e.contains("zz") && e.starts_with("--masses"), "{e}");
        assert!(number_list("", "x").is_err());
        assert!(number_list("1,,2", "x").is_err());
        assert!(number_list("5,4,...,10", "x").is_err());
        assert!(number_list("log:0:1:5", "x").is_err());
        assert!(number_list("1,nan", "x").is_err());
    }

    #[test]
    fn one_mass_rule() {
        // Positive, finite, below E0 wherever the beam is known (aprime_core::MassGrid).
        assert_eq!(
            masses("0.1,0.01", "--masses", Some(100.0))
                .unwrap()
                .as_slice(),
            &[0.1, 0.01]
        );
        let e = format!(
            "{:#}",
            masses("0.1,500", "--masses", Some(100.0)).unwrap_err()
        );
        assert!(e.starts_with("--masses") && e.contains("500"), "{e}");
        assert!(masses("500", "--masses", None).is_ok());
        assert!(masses("0.1,-2", "--masses", None).is_err());
        assert!(mass("0").is_err() && mass("nan").is_err() && mass("0.02").is_ok());
        assert!(below_beam(100.0, "--mass", 100.0).is_err());
    }

    #[test]
    fn value_parsers() {
        assert_eq!(count::<u64>("3"), Ok(3));
        assert!(count::<u64>("0").is_err() && count::<usize>("-1").is_err());
        assert!(positive("-5").is_err() && positive("inf").is_err());
        assert!(unit_open("1").is_err() && unit_open("0.9").is_ok());
        assert!(count_list("0,2.5", "--obs").is_err());
        assert!(non_negative_list("0,-0.3", "--bkg").is_err());
    }
}
