//! `tarjama glossary`: lint, show, export and import glossaries.

use crate::cli::output_format::{self, Named, OutputFormat, PlainText};
use crate::cli::{OutputArg, advice, glossary_loader, io};
use anyhow::{Result, bail};
use clap::Subcommand;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::glossary::{Entry, GlossaryFormat, lint, load, tbx, tsv};
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
        /// Also check PATHS against the built-in glossary, read first as the other commands
        /// read it (conflicts with it are reported)
        #[arg(long)]
        with_default_glossary: bool,
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
        /// Output format [default: from the -o extension (.tsv .tbx .yaml), else yaml]
        #[arg(short = 'f', long, value_parser = output_format::parser::<GlossaryFormat>())]
        format: Option<GlossaryFormat>,
        #[command(flatten)]
        output: OutputArg,
    },
    /// Turn a TSV (OmegaT) or TBX glossary into YAML
    Import {
        /// The file to convert
        file: PathBuf,
        /// Its format [default: from the extension: .tbx is TBX, anything else TSV]
        #[arg(long, value_parser = import_parser())]
        from: Option<GlossaryFormat>,
        #[command(flatten)]
        output: OutputArg,
    },
}

/// What `glossary import` writes.
#[derive(Debug, Clone, Copy)]
struct YamlOnly;

impl Named for YamlOnly {
    const ALL: &'static [Self] = &[YamlOnly];

    fn name(self) -> &'static str {
        GlossaryFormat::Yaml.name()
    }

    fn help(self) -> String {
        GlossaryFormat::Yaml.help()
    }
}

impl OutputFormat for YamlOnly {
    fn extensions(self) -> &'static [&'static str] {
        GlossaryFormat::Yaml.extensions()
    }
}

/// The formats `glossary import` reads, as `--help` describes them.
fn import_parser() -> impl TypedValueParser<Value = GlossaryFormat> {
    PossibleValuesParser::new([
        PossibleValue::new(GlossaryFormat::Tsv.name()).help("source<TAB>target<TAB>comment"),
        PossibleValue::new(GlossaryFormat::Tbx.name()).help("TermBase eXchange"),
    ])
    .try_map(|name| name.parse::<GlossaryFormat>())
}

pub fn run(args: Args) -> Result<ExitCode> {
    match args.action {
        Action::Lint {
            paths,
            with_default_glossary,
        } => run_lint(&paths, with_default_glossary || paths.is_empty()),
        Action::Show {
            paths,
            find,
            output,
        } => {
            let glossary = glossary_loader::load_layers(paths.is_empty(), &paths)?;
            let shown: Vec<&Entry> = glossary
                .entries()
                .iter()
                .filter(|entry| find.as_deref().is_none_or(|text| mentions(entry, text)))
                .collect();
            let output = output.output.as_deref();
            output_format::choose(None, output, PlainText)?;
            let files = glossary_loader::files(&paths);
            io::write_output(output, &files, |out| write_listing(out, &shown))?;
            Ok(ExitCode::SUCCESS)
        }
        Action::Export {
            paths,
            format,
            output,
        } => {
            let output = output.output.as_deref();
            let format = output_format::choose(format, output, GlossaryFormat::Yaml)?;
            let glossary = glossary_loader::load_layers(paths.is_empty(), &paths)?;
            let entries = glossary.entries();
            if format == GlossaryFormat::Tsv {
                warn_of_losses(&tsv::losses(entries));
            }
            io::write_output(output, &glossary_loader::files(&paths), |out| {
                match format {
                    GlossaryFormat::Tsv => tsv::write(entries, out)?,
                    GlossaryFormat::Tbx => tbx::write(entries, out)?,
                    GlossaryFormat::Yaml => load::write_yaml(entries, out)?,
                }
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Action::Import { file, from, output } => {
            let format = match from {
                Some(format) => format,
                None if load::is_yaml_file(&file) => bail!(advice(
                    format!("this is a YAML glossary already: {}", file.display()),
                    format!(
                        "`glossary import` turns a TSV (OmegaT) or TBX glossary into YAML; use \
                         this one as it is (--glossary {0}), or check it with `tarjama glossary \
                         lint {0}`",
                        file.display()
                    ),
                )),
                None if GlossaryFormat::of_path(&file) == GlossaryFormat::Tbx => {
                    GlossaryFormat::Tbx
                }
                None => GlossaryFormat::Tsv,
            };
            let output = output.output.as_deref();
            output_format::choose(None, output, YamlOnly)?;
            let text = io::read_text(Some(&file))?;
            let entries = load::parse(&io::display_name(Some(&file)), &text, format)?;
            io::write_output(output, &[&file], |out| {
                load::write_yaml(&entries, out)?;
                Ok(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Lints the entries of `paths`, after those of the built-in glossary when
/// `builtin`.
fn run_lint(paths: &[PathBuf], builtin: bool) -> Result<ExitCode> {
    let mut entries = Vec::new();
    if builtin {
        entries = load::read_builtin()?;
        if entries.is_empty() && paths.is_empty() {
            bail!(advice(
                "nothing to lint: this build has no built-in glossary",
                "name the glossary files to check",
            ));
        }
    }
    for path in paths {
        entries.extend(load::read_path(path)?);
    }
    let findings = lint::lint(&entries);
    io::write_output(None, io::NOTHING_READ, |out| {
        for finding in &findings {
            writeln!(out, "{finding}")?;
        }
        Ok(())
    })?;
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

/// Says on standard error what the TSV layout leaves out, when it leaves
/// out anything.
fn warn_of_losses(losses: &tsv::Losses) {
    let parts: Vec<String> = [(losses.avoid, "avoid list"), (losses.long, "long form")]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| match count {
            1 => format!("1 entry loses its {what}"),
            count => format!("{count} entries lose their {what}"),
        })
        .collect();
    if parts.is_empty() {
        return;
    }
    eprintln!(
        "tarjama: warning: the TSV layout (arabic, english, comment) has no room for `avoid` and \
         `long`: {}\nhint: `-f yaml` or `-f tbx` keeps every field",
        parts.join(", ")
    );
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
