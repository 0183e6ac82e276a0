//! The `tarjama` command: argument parsing and error reporting only.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) if cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("{}", cli::report(&err));
            ExitCode::from(cli::EXIT_BAD_INPUT)
        }
    }
}
