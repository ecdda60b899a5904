//! `aprime validate`: every published number of the seed papers the tool can compute, next to
//! ours (library: `aprime_limits::validation`). Prints the rows and writes them as CSV, Markdown
//! and JSON into the output directory.

use std::path::Path;

use anyhow::{Context, bail};
use aprime_limits::validation::{self, Settings, Validation, markdown};

use crate::options::{FormatArg, Quiet, ReportDir, Seed};
use crate::output::{Cell, OutputFormat, Table};
use crate::progress::Progress;
use crate::writable::ensure_writable;

/// Options of `aprime validate`.
#[derive(Debug, clap::Args)]
#[command(
    mut_arg("out", |a| a.default_value("aprime-validation")),
    after_help = "Rows: DMG4 ETL reference table and k-factors, dimuon totals (paper 002 eq. 18–22) and yield\n\
                  (Table I), efficiencies (Table II), backgrounds (Table IV, §VIII, paper 000/003 totals),\n\
                  paper 002 Table V (ETL and WW columns, and whether each published pair agrees with the\n\
                  paper's cross sections), ε, α_D and y values quoted in the texts, the resonance window,\n\
                  the thermal targets' f (freeze-out solution) against paper 000 ref. [59] and \"f ≲ 10\".\n\
                  Writes validation.csv, validation.md and validation.json into --out. Failing rows are\n\
                  listed; the exit status is 0 even with failures unless --strict is given."
)]
pub struct Opts {
    /// Reduced statistics (for CI, about a minute on 2 cores); the same rows as the full run.
    #[arg(long)]
    pub quick: bool,
    /// Exit with status 1 when any row fails (default: report failures, exit 0).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub report_dir: ReportDir,
    #[command(flatten)]
    pub seed: Seed,
    #[command(flatten)]
    pub output: FormatArg,
    #[command(flatten)]
    pub progress: Quiet,
}

/// The rows as a table (keys with units where they have one).
fn rows_table(v: &Validation) -> Table {
    let mut t = Table::new(&[
        ("section", "section"),
        ("quantity", "quantity"),
        ("source", "source"),
        ("published", "published"),
        ("published_uncertainty", "±"),
        ("ours", "ours"),
        ("ours_uncertainty", "±"),
        ("ratio", "ours/published"),
        ("pull", "pull"),
        ("tolerance", "tolerance"),
        ("verdict", "verdict"),
        ("note", "note"),
    ]);
    let opt = |x: Option<f64>| -> Cell { x.map_or_else(|| "".into(), Into::into) };
    for r in &v.rows {
        t.push(vec![
            r.section.as_str().into(),
            r.quantity.as_str().into(),
            r.source.as_str().into(),
            r.published.into(),
            opt(r.published_uncertainty),
            r.ours.into(),
            opt(r.ours_uncertainty),
            r.ratio.into(),
            opt(r.pull),
            r.tolerance.describe().into(),
            r.verdict.name().into(),
            r.note.as_str().into(),
        ]);
    }
    t
}

fn write_outputs(dir: &Path, v: &Validation, command: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, bytes).with_context(|| format!("cannot write {}", p.display()))
    };
    let mut csv = Vec::new();
    rows_table(v).write(OutputFormat::Csv, &mut csv)?;
    write("validation.csv", &csv)?;
    write("validation.md", markdown::render(v, command).as_bytes())?;
    write(
        "validation.json",
        serde_json::to_string_pretty(v)?.as_bytes(),
    )?;
    Ok(())
}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        let dir = &self.report_dir.out;
        ensure_writable(dir, "--out")?;
        let settings = Settings {
            quick: self.quick,
            seed: self.seed.seed,
        };
        let bar = Progress::stages(self.progress.quiet);
        let cb = |stage: &str, done: u64, total: u64| bar.stage(stage, done, total);
        let v = validation::validate(&settings, Some(&cb)).context("validation")?;
        bar.finish();
        let command = if self.quick {
            "aprime validate --quick"
        } else {
            "aprime validate"
        };
        write_outputs(dir, &v, command)?;
        rows_table(&v).print(self.output.format)?;
        let (pass, fail, info) = v.counts();
        if !self.progress.quiet {
            eprintln!(
                "{} rows: {pass} pass, {fail} fail, {info} informational; written to {}/validation.{{csv,md,json}}",
                v.rows.len(),
                dir.display()
            );
            for r in v.failures() {
                eprintln!(
                    "FAIL {} ({}): published {}, ours {}, {}",
                    r.quantity,
                    r.source,
                    markdown::num(Some(r.published)),
                    markdown::num(Some(r.ours)),
                    r.tolerance.describe()
                );
            }
        }
        if self.strict && fail > 0 {
            bail!("{fail} validation rows fail (--strict)");
        }
        Ok(())
    }
}
