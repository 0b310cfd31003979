//! The `smp` command: a thin shell over the smp libraries.

use std::process::ExitCode;

use clap::Parser;

mod args;
mod commands;
mod failure;
mod inputs;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code()
        }
    }
}
