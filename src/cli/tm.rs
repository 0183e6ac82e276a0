//! `tarjama tm`.

use anyhow::Result;
use std::process::ExitCode;

/// Manage the translation memory (import, export, lookup, search, stats)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do
    action: Option<String>,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    super::not_built("tm")
}
