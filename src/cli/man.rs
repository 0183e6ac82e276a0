//! `tarjama man`: the manual page.

use anyhow::Result;
use clap::CommandFactory;
use std::io::Write;
use std::process::ExitCode;

/// Print the manual page (roff)
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  tarjama man > tarjama.1 && man ./tarjama.1")]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(super::Cli::command()).render(&mut buffer)?;
    std::io::stdout().lock().write_all(&buffer)?;
    Ok(ExitCode::SUCCESS)
}
