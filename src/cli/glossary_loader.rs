//! Loading the glossaries a command asked for (`-g PATH`…, `--no-default-glossary`).
//!
//! Glossaries are compiled once and kept in the user's cache directory
//! (`$XDG_CACHE_HOME/tarjama/glossaries/`), one file per combination of
//! glossaries, rebuilt whenever a file (or the `tarjama` binary) changes.
//! That includes the built-in glossary alone: YAML parses slowly (10 ms for
//! the built-in one, paid by every command at start-up), its cache reads
//! in well under a millisecond. Only small TSV glossaries are read directly.

use super::io::shell_quote;
use super::{GlossaryArgs, advice};
use anyhow::{Result, bail};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use tarjama::glossary::{Conflict, Glossary, MAX_TEXT_BYTES, cache, load};

/// How many conflicts are printed one by one before the rest are counted.
const CONFLICTS_SHOWN: usize = 10;

/// TSV glossaries smaller than this in total load about as fast as their cache.
const CACHE_FROM_BYTES: u64 = 1 << 20;

impl GlossaryArgs {
    /// The built-in glossary (unless dropped) with every `--glossary` on top,
    /// later ones winning; conflicts are reported on standard error. The
    /// matcher is compiled (or read from the cache) already. No glossary at
    /// all is an error.
    pub fn load(&self) -> Result<Glossary> {
        let glossary = self.load_any()?;
        if glossary.is_empty() {
            let why = if self.no_default_glossary {
                "--no-default-glossary without --glossary"
            } else {
                "this build has no built-in glossary"
            };
            bail!(advice(
                format!("no glossary to match against: {why}"),
                "add `--glossary FILE` (YAML, TSV or TBX, or a folder of YAML files)",
            ));
        }
        Ok(glossary)
    }

    /// The files the glossaries are read from.
    pub fn files(&self) -> Vec<PathBuf> {
        files(&self.glossary)
    }

    /// Like [`GlossaryArgs::load`], for commands that also work without
    /// terms: the glossary may be empty.
    pub fn load_any(&self) -> Result<Glossary> {
        let builtin = !self.no_default_glossary;
        let cached = cache_file(builtin, &self.glossary);
        let glossary = match &cached {
            Some((path, identity)) => match cache::open(path) {
                Some((glossary, notes)) if notes.first() == Some(identity) => {
                    notes[1..].iter().for_each(|note| eprintln!("{note}"));
                    glossary
                }
                _ => {
                    let (glossary, warnings) = load_layers_quietly(builtin, &self.glossary)?;
                    warnings.iter().for_each(|warning| eprintln!("{warning}"));
                    let notes: Vec<String> =
                        std::iter::once(identity.clone()).chain(warnings).collect();
                    // A cache that cannot be written only costs time.
                    let _ = cache::save(&glossary, &notes, path);
                    glossary
                }
            },
            None => load_layers(builtin, &self.glossary)?,
        };
        Ok(glossary)
    }
}

/// The files glossary `paths` stand for: a folder its `*.yaml`, one that
/// cannot be listed itself (loading will report it).
pub fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .flat_map(|path| load::glossary_files(path).unwrap_or_else(|_| vec![path.clone()]))
        .collect()
}

/// The built-in glossary when `builtin`, then each path on top (later ones
/// win); conflicts are reported on standard error.
pub fn load_layers(builtin: bool, paths: &[PathBuf]) -> Result<Glossary> {
    let (glossary, warnings) = load_layers_quietly(builtin, paths)?;
    warnings.iter().for_each(|warning| eprintln!("{warning}"));
    Ok(glossary)
}

/// Like [`load_layers`], returning the warnings instead of printing them.
fn load_layers_quietly(builtin: bool, paths: &[PathBuf]) -> Result<(Glossary, Vec<String>)> {
    let mut glossary = Glossary::new();
    let mut conflicts = Vec::new();
    if builtin {
        glossary.add(load::read_builtin()?);
    }
    for path in paths {
        let table = load::read_table(path)?;
        if glossary.table().text_len() + table.text_len() > MAX_TEXT_BYTES {
            return Err(load::too_large(&path.display().to_string()).into());
        }
        conflicts.extend(glossary.add_table(table));
    }
    Ok((glossary, warnings(&conflicts, builtin, paths)))
}

/// The conflicts as warnings, the first few one by one; the rest counted,
/// with the command that lists them all (the same glossaries, in order).
fn warnings(conflicts: &[Conflict], builtin: bool, paths: &[PathBuf]) -> Vec<String> {
    let mut lines: Vec<String> = conflicts
        .iter()
        .take(CONFLICTS_SHOWN)
        .map(|conflict| format!("tarjama: warning: glossary conflict: {conflict}"))
        .collect();
    if conflicts.len() > CONFLICTS_SHOWN {
        let mut command = vec!["tarjama glossary lint".to_owned()];
        if builtin {
            command.push("--with-default-glossary".to_owned());
        }
        command.extend(
            paths
                .iter()
                .map(|path| shell_quote(&path.display().to_string())),
        );
        lines.push(format!(
            "tarjama: warning: {} more glossary conflicts (`{}` lists them)",
            conflicts.len() - CONFLICTS_SHOWN,
            command.join(" ")
        ));
    }
    lines
}

/// Where the compiled form of these glossaries is cached, and the identity
/// (files, sizes, times, binary) it must have been made from; `None` when
/// the glossaries are small TSV files or a file cannot be inspected
/// (loading will report it).
fn cache_file(builtin: bool, paths: &[PathBuf]) -> Option<(PathBuf, String)> {
    let mut files = Vec::new();
    for path in paths {
        files.extend(load::glossary_files(path).ok()?);
    }
    let mut identity = format!(
        "built-in {builtin}; binary {}",
        stamp(&std::env::current_exe().ok()?)?
    );
    let mut total = 0;
    for file in &files {
        let file = file.canonicalize().ok()?;
        total += std::fs::metadata(&file).ok()?.len();
        identity.push_str(&format!("; {} {}", file.display(), stamp(&file)?));
    }
    let all_tsv = files
        .iter()
        .all(|file| load::GlossaryFormat::of_path(file) == load::GlossaryFormat::Tsv);
    if total < CACHE_FROM_BYTES && all_tsv && !builtin {
        return None;
    }
    let dir = directories::ProjectDirs::from("", "", "tarjama")?
        .cache_dir()
        .join("glossaries");
    let mut name = DefaultHasher::new();
    (builtin, paths).hash(&mut name);
    Some((dir.join(format!("{:016x}.bin", name.finish())), identity))
}

/// Size and modification time of a file.
fn stamp(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} bytes at {}",
        metadata.len(),
        modified.as_nanos()
    ))
}
