//! `tarjama brief`.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Write an English briefing of an Arabic article
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    super::not_built("brief")
}
