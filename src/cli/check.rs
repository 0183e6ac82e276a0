//! `tarjama check`.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Check a translated bilingual file against the glossary and the TM
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    super::not_built("check")
}
