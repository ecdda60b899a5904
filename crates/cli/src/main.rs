//! `aprime`: the command-line entry point. Each subcommand lives in its own module under
//! `commands/` with an options struct and a `run` method.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let opts = aprime_cli::Opts::parse();
    match opts.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
