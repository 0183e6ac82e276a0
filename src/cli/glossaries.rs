//! Loading the glossaries a command asked for (`-g PATH`…, `--no-default-glossary`).

use super::GlossaryArgs;
use anyhow::{Result, bail};
use std::path::PathBuf;
use tarjama::glossary::{Conflict, Glossary, load};

/// How many conflicts are printed one by one before the rest are counted.
const CONFLICTS_SHOWN: usize = 10;

impl GlossaryArgs {
    /// The built-in glossary (unless dropped) with every `--glossary` on top,
    /// later ones winning; conflicts are reported on standard error.
    pub fn load(&self) -> Result<Glossary> {
        let glossary = load_layers(!self.no_default_glossary, &self.glossary)?;
        if glossary.is_empty() {
            let why = if self.no_default_glossary {
                "--no-default-glossary without --glossary"
            } else {
                "this build has no built-in glossary"
            };
            bail!(
                "no glossary to match against: {why}\n\
                 hint: add `--glossary FILE` (YAML, TSV or TBX, or a folder of YAML files)"
            );
        }
        Ok(glossary)
    }
}

/// The built-in glossary when `builtin`, then each path on top (later ones
/// win); conflicts are reported on standard error.
pub fn load_layers(builtin: bool, paths: &[PathBuf]) -> Result<Glossary> {
    let mut glossary = Glossary::new();
    let mut conflicts = Vec::new();
    if builtin {
        glossary.add(load::read_builtin()?);
    }
    for path in paths {
        conflicts.extend(glossary.add(load::read_path(path)?));
    }
    warn_about(&conflicts);
    Ok(glossary)
}

fn warn_about(conflicts: &[Conflict]) {
    for conflict in conflicts.iter().take(CONFLICTS_SHOWN) {
        eprintln!("tarjama: warning: glossary conflict: {conflict}");
    }
    if conflicts.len() > CONFLICTS_SHOWN {
        eprintln!(
            "tarjama: warning: {} more glossary conflicts (`tarjama glossary lint FILES` lists them)",
            conflicts.len() - CONFLICTS_SHOWN
        );
    }
}
