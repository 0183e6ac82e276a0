//! `tarjama man`: the manual pages.

use crate::cli::io;
use anyhow::Result;
use clap::CommandFactory;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
The page of tarjama names one page per subcommand (tarjama-brief(1), tarjama-tm-import(1) …):
--dir writes them all.

Examples:
  tarjama man > tarjama.1 && man ./tarjama.1
  tarjama man --dir ~/.local/share/man/man1 && man tarjama-brief";

/// Print the manual page (roff), or write every page to a folder
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Write the pages of tarjama and of every subcommand into DIR (created if missing)
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut command = crate::cli::Cli::command().disable_help_subcommand(true);
    command.build();
    match args.dir {
        None => write_page(command, None)?,
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|err| {
                crate::cli::advice(
                    format!("cannot create the folder ({err}): {}", dir.display()),
                    "check the path and its permissions",
                )
            })?;
            let written = write_pages(command, &dir)?;
            eprintln!(
                "tarjama: {written} manual pages written to {}",
                dir.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the page of `command` and those of its subcommands into `dir`;
/// how many.
fn write_pages(command: clap::Command, dir: &Path) -> Result<usize> {
    let mut written = 0;
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        written += write_pages(subcommand.clone(), dir)?;
    }
    let name = clap_mangen::Man::new(command.clone()).get_filename();
    write_page(command, Some(&dir.join(name)))?;
    Ok(written + 1)
}

/// Writes the page of `command` to `output`, or standard output.
fn write_page(command: clap::Command, output: Option<&Path>) -> Result<()> {
    io::write_output(output, io::NOTHING_READ, |out| {
        Ok(clap_mangen::Man::new(command).render(out)?)
    })
}
