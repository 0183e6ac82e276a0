//! `tarjama completions`: shell completion scripts.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;
use std::process::ExitCode;

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  tarjama completions bash > ~/.local/share/bash-completion/completions/tarjama"
)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut command = crate::cli::Cli::command();
    // Generated into memory first: the generators panic on a failed write.
    let mut buffer = Vec::new();
    clap_complete::generate(args.shell, &mut command, "tarjama", &mut buffer);
    crate::cli::io::write_output(None, crate::cli::io::NOTHING_READ, |out| {
        Ok(out.write_all(&buffer)?)
    })?;
    Ok(ExitCode::SUCCESS)
}
