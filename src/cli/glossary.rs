//! `tarjama glossary`.

use anyhow::Result;
use std::process::ExitCode;

/// Keep glossaries clean (lint, show, export, import)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to do
    action: Option<String>,
}

pub fn run(_args: Args) -> Result<ExitCode> {
    super::not_built("glossary")
}
