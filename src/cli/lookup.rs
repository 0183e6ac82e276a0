//! `tarjama lookup`.

use anyhow::Result;
use std::path::PathBuf;
use std::process::ExitCode;

/// Translate a list of Arabic terms with the glossary
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    super::not_built("lookup")
}
