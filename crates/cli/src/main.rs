//! `aprime`: the command-line entry point. Each subcommand lives in its own module under
//! `commands/` with an options struct and a `run` method.

use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    let opts = match aprime_cli::Opts::try_parse() {
        Ok(o) => o,
        // Help and version go to standard output as clap prints them.
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            e.exit()
        }
        Err(e) => {
            eprintln!("{}", aprime_cli::one_line(&e));
            return ExitCode::from(2);
        }
    };
    match opts.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
