//! `tarjama glossary`: lint, show, export and import glossaries.

use super::{OutputArg, glossaries, io};
use anyhow::{Result, bail};
use clap::{Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::glossary::{Entry, Format, lint, load, tbx, tsv};
use tarjama::text::normalize_str;

const EXAMPLES: &str = "\
Examples:
  tarjama glossary lint names.yaml places/       check files (exit 1 when anything is found)
  tarjama glossary lint                          check the built-in glossary
  tarjama glossary show --find ريابكوف            entries of the built-in glossary about Ryabkov
  tarjama glossary export --format tbx -o all.tbx
  tarjama glossary import omegat-glossary.txt -o names.yaml

A glossary is a YAML file (`entries:` list of {ar, en, type, variants, avoid, long, note}, or a
plain `arabic: english` mapping), a folder of *.yaml/*.yml, an OmegaT-style TSV
(source<TAB>target<TAB>comment; .tsv .tab .txt .utf8) or a TBX file. Without PATHS, the commands
work on the built-in glossary.";

/// Keep glossaries clean (lint, show, export, import)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, Subcommand)]
enum Action {
    /// Report problems, one per line as `file:line: message` (exit 1 when any)
    Lint {
        /// Glossary files or folders [default: the built-in glossary]
        paths: Vec<PathBuf>,
    },
    /// List the entries readably
    Show {
        /// Glossary files or folders, later ones winning [default: the built-in glossary]
        paths: Vec<PathBuf>,
        /// Only entries whose Arabic (normalized) or English contains TEXT
        #[arg(long, value_name = "TEXT")]
        find: Option<String>,
        #[command(flatten)]
        output: OutputArg,
    },
    /// Write the entries as TSV (OmegaT), TBX or YAML
    Export {
        /// Glossary files or folders, later ones winning [default: the built-in glossary]
        paths: Vec<PathBuf>,
        /// Output format
        #[arg(short = 'f', long, value_enum)]
        format: ExportFormat,
        #[command(flatten)]
        output: OutputArg,
    },
    /// Turn a TSV (OmegaT) or TBX glossary into YAML
    Import {
        /// The file to convert
        file: PathBuf,
        /// Its format [default: from the extension: .tbx is TBX, anything else TSV]
        #[arg(long, value_enum)]
        from: Option<ImportFormat>,
        #[command(flatten)]
        output: OutputArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// source<TAB>target<TAB>comment, one line per Arabic form (OmegaT's glossary layout)
    Tsv,
    /// TBX 2 (TBX-Basic style)
    Tbx,
    /// tarjama's YAML schema
    Yaml,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportFormat {
    /// source<TAB>target<TAB>comment
    Tsv,
    /// TermBase eXchange
    Tbx,
}

pub fn run(args: Args) -> Result<ExitCode> {
    match args.action {
        Action::Lint { paths } => run_lint(&paths),
        Action::Show {
            paths,
            find,
            output,
        } => {
            let glossary = glossaries::load_layers(paths.is_empty(), &paths)?;
            let shown: Vec<&Entry> = glossary
                .entries()
                .iter()
                .filter(|entry| find.as_deref().is_none_or(|text| mentions(entry, text)))
                .collect();
            io::write_output(output.output.as_deref(), |out| write_listing(out, &shown))?;
            Ok(ExitCode::SUCCESS)
        }
        Action::Export {
            paths,
            format,
            output,
        } => {
            let glossary = glossaries::load_layers(paths.is_empty(), &paths)?;
            let entries = glossary.entries();
            io::write_output(output.output.as_deref(), |out| {
                match format {
                    ExportFormat::Tsv => tsv::write(entries, out)?,
                    ExportFormat::Tbx => tbx::write(entries, out)?,
                    ExportFormat::Yaml => load::write_yaml(entries, out)?,
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Action::Import { file, from, output } => {
            let format = match from {
                Some(ImportFormat::Tsv) => Format::Tsv,
                Some(ImportFormat::Tbx) => Format::Tbx,
                None if Format::of_path(&file) == Format::Tbx => Format::Tbx,
                None => Format::Tsv,
            };
            let text = io::read_text(Some(&file))?;
            let entries = load::parse(&io::display_name(Some(&file)), &text, format)?;
            io::write_output(output.output.as_deref(), |out| {
                load::write_yaml(&entries, out)?;
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_lint(paths: &[PathBuf]) -> Result<ExitCode> {
    let entries = if paths.is_empty() {
        let builtin = load::read_builtin()?;
        if builtin.is_empty() {
            bail!(
                "nothing to lint: this build has no built-in glossary\nhint: name the glossary files to check"
            );
        }
        builtin
    } else {
        let mut entries = Vec::new();
        for path in paths {
            entries.extend(load::read_path(path)?);
        }
        entries
    };
    let findings = lint::lint(&entries);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for finding in &findings {
        writeln!(out, "{finding}")?;
    }
    out.flush()?;
    if findings.is_empty() {
        eprintln!("tarjama: {} entries, no problems found", entries.len());
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!(
            "tarjama: {} problems in {} entries",
            findings.len(),
            entries.len()
        );
        Ok(ExitCode::from(1))
    }
}

fn mentions(entry: &Entry, text: &str) -> bool {
    let arabic = normalize_str(text.trim());
    let english = text.trim().to_lowercase();
    entry
        .forms()
        .any(|form| normalize_str(form).contains(&arabic))
        || [Some(&entry.en), entry.long.as_ref()]
            .into_iter()
            .flatten()
            .any(|en| en.to_lowercase().contains(&english))
}

fn write_listing(out: &mut dyn Write, entries: &[&Entry]) -> Result<()> {
    for entry in entries {
        writeln!(out, "{} → {}  [{}]", entry.ar, entry.en, entry.kind)?;
        let lists = [("variants", &entry.variants), ("avoid", &entry.avoid)];
        for (name, values) in lists {
            if !values.is_empty() {
                writeln!(out, "    {name}: {}", values.join(" · "))?;
            }
        }
        for (name, value) in [("long", &entry.long), ("note", &entry.note)] {
            if let Some(value) = value {
                writeln!(out, "    {name}: {value}")?;
            }
        }
        if let Some(source) = &entry.source {
            writeln!(out, "    from: {source}")?;
        }
    }
    writeln!(out, "{} entries", entries.len())?;
    Ok(())
}
