//! Placeholder until the subcommand is implemented.

/// Options.
#[derive(Debug, clap::Args)]
pub struct Opts {}

impl Opts {
    /// Run.
    pub fn run(&self) -> anyhow::Result<()> {
        anyhow::bail!("not implemented yet")
    }
}
