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
use aprime_physics::model::{Mediator, Projectile};
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

// ---- Slurm values (`aprime submit slurm`) -------------------------------------------------

/// A Slurm name (partition, account): letters, digits, `_`, `.`, `-`.
fn slurm_name(s: &str, what: &str) -> Result<String, String> {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
    {
        Ok(s.to_string())
    } else {
        Err(format!(
            "'{s}' is not a Slurm {what} name (letters, digits, '_', '.', '-')"
        ))
    }
}

/// A Slurm partition, or a comma-separated list of them.
pub fn slurm_partition(s: &str) -> Result<String, String> {
    for name in s.split(',') {
        slurm_name(name, "partition")?;
    }
    Ok(s.to_string())
}

/// A Slurm account.
pub fn slurm_account(s: &str) -> Result<String, String> {
    slurm_name(s, "account")
}

/// A Slurm time limit: `M`, `M:S`, `H:M:S`, `D-H`, `D-H:M` or `D-H:M:S` (whole numbers).
pub fn slurm_time(s: &str) -> Result<String, String> {
    let bad = || format!("'{s}' is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S)");
    let (days, rest) = match s.split_once('-') {
        Some((d, r)) => (Some(d), r),
        None => (None, s),
    };
    let fields: Vec<&str> = rest.split(':').collect();
    let numbers = days
        .into_iter()
        .chain(fields.iter().copied())
        .all(|f| !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()));
    // With or without days: one to three `:`-fields.
    if numbers && (1..=3).contains(&fields.len()) {
        Ok(s.to_string())
    } else {
        Err(bad())
    }
}

/// A Slurm memory size: a whole number with an optional unit K, M (default), G or T.
pub fn slurm_memory(s: &str) -> Result<String, String> {
    let digits = s.trim_end_matches(['K', 'M', 'G', 'T', 'k', 'm', 'g', 't']);
    let unit_len = s.len() - digits.len();
    if !digits.is_empty()
        && digits.len() <= 12
        && digits.bytes().all(|b| b.is_ascii_digit())
        && unit_len <= 1
    {
        Ok(s.to_string())
    } else {
        Err(format!(
            "'{s}' is not a Slurm memory size (a whole number with K, M, G or T, e.g. 4G)"
        ))
    }
}

/// Options of the job scripts that `aprime submit slurm` sets itself.
const MANAGED_SBATCH: [&str; 15] = [
    "--array",
    "--dependency",
    "--output",
    "--error",
    "--chdir",
    "--job-name",
    "--parsable",
    "--test-only",
    "--wrap",
    "-a",
    "-d",
    "-o",
    "-D",
    "-e",
    "-J",
];

/// An extra `#SBATCH` option for the job scripts (`--qos=short`; a leading `#SBATCH` is
/// dropped): one line, an option, none of those the submission manages.
pub fn sbatch_line(s: &str) -> Result<String, String> {
    let line = s.trim().strip_prefix("#SBATCH").unwrap_or(s.trim()).trim();
    if line.chars().any(char::is_control) {
        return Err("an #SBATCH line cannot hold a line break or control character".into());
    }
    if !line.starts_with('-') {
        return Err(format!(
            "'{line}' is not an sbatch option (e.g. --qos=short)"
        ));
    }
    let name = line.split(['=', ' ']).next().unwrap_or(line);
    if MANAGED_SBATCH.contains(&name) {
        return Err(format!(
            "{name} is set by aprime submit (scripts, logs and dependencies); leave it out"
        ));
    }
    Ok(line.to_string())
}

/// What `--model` names: one model, or `all` (the side-by-side table of `aprime xsec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelChoice {
    /// One model.
    One(Mediator),
    /// Every model (`aprime xsec` only).
    All,
}

/// A model name by the physics core's `Mediator::from_str` (its message lists the valid
/// names), or `all`.
pub fn model_choice(s: &str) -> Result<ModelChoice, String> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Ok(ModelChoice::All);
    }
    s.parse::<Mediator>()
        .map(ModelChoice::One)
        .map_err(|e| e.to_string())
}

/// A beam lepton by the physics core's `Projectile::from_str`.
pub fn projectile(s: &str) -> Result<Projectile, String> {
    s.parse::<Projectile>().map_err(|e| e.to_string())
}

/// A list of boson masses \[GeV\] (`0.1`, `0.01,0.1`, `log:0.001:1:20`) by the one mass rule;
/// the command checks them against the beam energy.
pub fn mass_grid(s: &str) -> Result<MassGrid, String> {
    MassGrid::parse(s).map_err(|e| e.to_string())
}

/// The coupling value of a model (ε or g), checked against the model's range.
pub fn coupling(mediator: Mediator, value: f64) -> anyhow::Result<f64> {
    mediator
        .check_parameter(value)
        .with_context(|| format!("--coupling for model {mediator}"))
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

    #[test]
    fn slurm_values() {
        // Slurm's forms (sbatch(1): --time, --mem, --partition).
        for t in ["30", "30:00", "04:00:00", "1-0", "1-12:00", "2-00:00:00"] {
            assert_eq!(slurm_time(t), Ok(t.to_string()), "{t}");
        }
        for t in ["", "1:2:3:4", "a", "1-", "-1", "1-2:3:4:5", "4h"] {
            assert!(slurm_time(t).is_err(), "{t}");
        }
        for m in ["4G", "512", "1024M", "2t"] {
            assert!(slurm_memory(m).is_ok(), "{m}");
        }
        for m in ["", "G", "4GB", "-1G", "1.5G"] {
            assert!(slurm_memory(m).is_err(), "{m}");
        }
        assert!(slurm_partition("ci").is_ok() && slurm_partition("short,long").is_ok());
        let e = slurm_partition("a b").unwrap_err();
        assert!(e.contains("'a b' is not a Slurm partition name"), "{e}");
        assert!(slurm_partition("a,").is_err() && slurm_account("x;rm").is_err());
        assert_eq!(sbatch_line("#SBATCH --qos=short"), Ok("--qos=short".into()));
        assert!(sbatch_line("--array=0-3").is_err() && sbatch_line("-o x").is_err());
        assert!(sbatch_line("--qos=a\n--x").is_err() && sbatch_line("qos").is_err());
    }
}
