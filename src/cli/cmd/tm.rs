//! `tarjama tm`: the translation memory.

use crate::cli::output_format;
use crate::cli::{OptionalTmArgs, OutputArg, TmArgs, add_hint, advice, io};
use anyhow::Result;
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use tarjama::error::{FileError, FileErrorKind};
use tarjama::exchange::{ExchangeFormat, LanguagePair, TranslationUnit, Units};
use tarjama::output::tm::{
    ExportFormat, MatchFormat, MatchWriter, SearchFormat, StatsFormat, write_found, write_stats,
    write_units,
};
use tarjama::tm::{
    Added, ImportOptions, ImportSummary, LookupOptions, OpenMode, TranslationMemory,
};

const EXAMPLES: &str = "\
Examples:
  tarjama tm import project_save.tmx finished.xlf     add translated units
  tarjama tm lookup --format tsv sentences.txt        best match of every line
  tarjama tm search الأمم المتحدة                       units holding those words
  tarjama tm export --format tmx -o memory.tmx
  tarjama tm stats

The TM is $XDG_DATA_HOME/tarjama/memory.sqlite (~/.local/share/… on Linux) unless
--tm PATH or TARJAMA_TM names another file. Only import and add create it.";

/// Manage the translation memory (import, export, lookup, search, stats, add, delete)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Import(ImportArgs),
    Export(ExportArgs),
    Lookup(LookupArgs),
    Search(SearchArgs),
    Stats(StatsArgs),
    Add(AddArgs),
    Delete(DeleteArgs),
}

pub fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::Import(args) => return import(args),
        Command::Export(args) => export(args),
        Command::Lookup(args) => lookup(args),
        Command::Search(args) => search(args),
        Command::Stats(args) => stats(args),
        Command::Add(args) => add(args),
        Command::Delete(args) => delete(args),
    }?;
    Ok(ExitCode::SUCCESS)
}

impl TmArgs {
    /// The TM file: `--tm`, `TARJAMA_TM`, or the default in the user's data
    /// directory.
    pub fn path(&self) -> Result<PathBuf> {
        if let Some(path) = &self.tm {
            return Ok(path.clone());
        }
        let dirs = directories::BaseDirs::new().ok_or_else(|| {
            advice(
                "cannot find the user's data directory",
                "name the TM with --tm PATH or TARJAMA_TM",
            )
        })?;
        Ok(dirs.data_dir().join("tarjama").join("memory.sqlite"))
    }

    /// Opens the TM; [`OpenMode::Create`] also creates its folder.
    pub fn open(&self, mode: OpenMode) -> Result<TranslationMemory> {
        let path = self.path()?;
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty());
        if mode == OpenMode::Create
            && let Some(folder) = folder.filter(|f| !f.exists())
        {
            std::fs::create_dir_all(folder).map_err(|err| {
                advice(
                    format!(
                        "cannot create the folder of the translation memory ({err}): {}",
                        folder.display()
                    ),
                    "name another file with --tm PATH",
                )
            })?;
        }
        Ok(TranslationMemory::open(&path, mode)?)
    }
}

impl OptionalTmArgs {
    /// The TM, read only, when one is named.
    pub fn open(&self) -> Result<Option<TranslationMemory>> {
        self.tm
            .as_ref()
            .map(|path| {
                TmArgs {
                    tm: Some(path.clone()),
                }
                .open(OpenMode::ReadOnly)
            })
            .transpose()
    }
}

/// Languages of the units read from exchange files.
#[derive(Debug, clap::Args)]
struct LanguageArgs {
    /// Language of the source side
    #[arg(long, value_name = "CODE", default_value = "ar")]
    source_lang: String,
    /// Language of the target side
    #[arg(long, value_name = "CODE", default_value = "en")]
    target_lang: String,
}

impl LanguageArgs {
    fn pair(&self) -> LanguagePair {
        LanguagePair {
            source: self.source_lang.clone(),
            target: self.target_lang.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ImportFormat {
    /// From the content (an XML root element) or the extension; TSV otherwise
    Auto,
    /// TMX 1.4b or 1.1
    Tmx,
    /// source<TAB>target, or a header naming source and target (`translate` output; ar, en, Arabic, English)
    Tsv,
    /// XLIFF 1.2 or 2.0
    Xliff,
}

/// Import TMX, TSV or XLIFF files (each in one transaction: a bad file adds nothing)
#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// Files to import; `-` reads standard input
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Format of the files
    #[arg(short = 'f', long, value_enum, default_value_t = ImportFormat::Auto)]
    format: ImportFormat,
    /// Also import units marked not done or not reviewed (XLIFF new, needs-*,
    /// initial; a `translate` TSV row whose origin is still tm-fuzzy or mt)
    /// whose target is a translation: for files saved by tools that do not
    /// update states, such as OmegaT
    #[arg(long)]
    any_state: bool,
    /// Read TSV files with their two columns exchanged: for a file with the
    /// English first (a TSV whose columns look swapped is refused otherwise)
    #[arg(long)]
    swap: bool,
    #[command(flatten)]
    languages: LanguageArgs,
    #[command(flatten)]
    tm: TmArgs,
}

/// Files at least this big get a progress bar (on a terminal).
const PROGRESS_BYTES: usize = 4 << 20;

/// Set by Ctrl-C during `tm import`: the file being read stops, its
/// transaction is rolled back and the TM closed, which removes the
/// write-ahead log (a killed import would leave it, as large as what it had
/// written).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Exit code of a command stopped by Ctrl-C (128 + SIGINT).
const EXIT_INTERRUPTED: u8 = 130;

fn import(args: ImportArgs) -> Result<ExitCode> {
    // A second Ctrl-C stops at once.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED.into());
        }
    });
    let mut tm = args.tm.open(OpenMode::Create)?;
    let mut total = ImportSummary::default();
    for file in &args.files {
        let name = io::display_name(Some(file));
        let imported = import_file(&mut tm, file, &name, &args);
        let interrupted = INTERRUPTED.load(Ordering::SeqCst);
        let summary = match imported {
            Err(_) if interrupted => {
                drop(tm);
                eprintln!(
                    "tarjama: interrupted: nothing from {name} was imported\n\
                     hint: the files named before it were imported whole"
                );
                return Ok(ExitCode::from(EXIT_INTERRUPTED));
            }
            imported => imported
                .map_err(|err| add_hint(err, format!("nothing from {name} was imported")))?,
        };
        say(&format!("{name}: {}", describe(&summary)))?;
        if summary.held_back > 0 {
            eprintln!(
                "tarjama: {name}: {} {} a translation the file marks as not done or not \
                 reviewed\nhint: review them (in a `translate` TSV, change their origin from \
                 tm-fuzzy or mt to reviewed; a tm-fuzzy row whose target you changed counts as \
                 reviewed), or import them with --any-state if your tool does not update XLIFF \
                 states",
                units(summary.held_back),
                if summary.held_back == 1 {
                    "has"
                } else {
                    "have"
                }
            );
        }
        total.merge(&summary);
        if interrupted {
            eprintln!("tarjama: interrupted after {name}, which was imported whole");
            return Ok(ExitCode::from(EXIT_INTERRUPTED));
        }
    }
    if args.files.len() > 1 {
        say(&format!("total: {}", describe(&total)))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes one line of a report to standard output.
fn say(line: &str) -> Result<()> {
    io::write_output(None, io::NOTHING_READ, |out| Ok(writeln!(out, "{line}")?))
}

/// Imports one file in one transaction.
fn import_file(
    tm: &mut TranslationMemory,
    file: &Path,
    name: &str,
    args: &ImportArgs,
) -> Result<ImportSummary> {
    let text = io::read_exchange_file(file, name)?;
    let format = match args.format {
        ImportFormat::Auto => ExchangeFormat::detect(Some(file), &text),
        ImportFormat::Tmx => ExchangeFormat::Tmx,
        ImportFormat::Tsv => ExchangeFormat::Tsv,
        ImportFormat::Xliff => ExchangeFormat::Xliff,
    };
    let units = Units::new(name, &text, format, &args.languages.pair()).swapped(args.swap);
    let origin = origin_of(file, name);
    let bar = progress_bar(text.len());
    let options = ImportOptions {
        origin,
        any_state: args.any_state,
    };
    let summary = tm.import(&mut Progress::new(units, bar.as_ref()), &options);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(summary?)
}

fn describe(summary: &ImportSummary) -> String {
    format!(
        "{} added, {} updated, {} duplicates skipped, {} untranslated skipped, {} held back",
        summary.added, summary.updated, summary.duplicates, summary.untranslated, summary.held_back
    )
}

fn progress_bar(bytes: usize) -> Option<ProgressBar> {
    if bytes < PROGRESS_BYTES || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(bytes as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} ({eta} left)") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Passes units through and moves the progress bar every few hundred.
struct Progress<'a, 'b> {
    units: Units<'a>,
    bar: Option<&'b ProgressBar>,
    count: usize,
}

impl<'a, 'b> Progress<'a, 'b> {
    fn new(units: Units<'a>, bar: Option<&'b ProgressBar>) -> Self {
        Self {
            units,
            bar,
            count: 0,
        }
    }
}

impl Iterator for Progress<'_, '_> {
    type Item = Result<TranslationUnit, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if INTERRUPTED.load(Ordering::Relaxed) {
            return Some(Err(FileError::new(
                FileErrorKind::Interrupted,
                "",
                "interrupted",
            )));
        }
        self.count += 1;
        if let Some(bar) = self.bar.filter(|_| self.count.is_multiple_of(512)) {
            bar.set_position(self.units.position() as u64);
        }
        self.units.next()
    }
}

/// Write every unit as TMX 1.4b or TSV
#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// Output format [default: from the -o extension (.tmx .tsv), else tmx]
    #[arg(short = 'f', long, value_parser = output_format::parser::<ExportFormat>())]
    format: Option<ExportFormat>,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    tm: TmArgs,
}

fn export(args: ExportArgs) -> Result<()> {
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, ExportFormat::Tmx)?;
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    io::write_output(output, &[args.tm.path()?], |out| {
        Ok(write_units(&tm, format, out)?)
    })
}

/// Find the best matches of sentences, one per line
#[derive(Debug, clap::Args)]
#[command(after_help = "\
A missing TM is an error. Scores: 100 = the same words after normalization \
(diacritics, tatweel, letter forms, digits); any other difference, a changed number \
included, scores 99 or less. See README.md for the scoring.")]
struct LookupArgs {
    /// Sentences, one per line (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format [default: from the -o extension (.txt .tsv .json), else text]
    #[arg(short = 'f', long, value_parser = output_format::parser::<MatchFormat>())]
    format: Option<MatchFormat>,
    /// Leave out matches scoring below this
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u8).range(0..=100))]
    min_score: u8,
    /// Matches per line in text and JSON (TSV always has the best one)
    #[arg(short = 'n', long, default_value_t = 3, value_parser = clap::value_parser!(u16).range(1..))]
    top: u16,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    tm: TmArgs,
}

fn lookup(args: LookupArgs) -> Result<()> {
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, MatchFormat::Text)?;
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    let text = io::read_text(args.file.as_deref())?;
    let options = LookupOptions {
        min_score: args.min_score,
        limit: if format == MatchFormat::Tsv {
            1
        } else {
            usize::from(args.top)
        },
        diff: format == MatchFormat::Json,
    };
    let tm_path = [args.tm.path()?];
    io::write_output(output, &io::reads(args.file.as_deref(), &tm_path), |out| {
        let mut writer = MatchWriter::new(format);
        for (at, line) in tarjama::text::lines(&text).enumerate() {
            let matches = if line.trim().is_empty() {
                Vec::new()
            } else {
                tm.lookup(line, &options)?
            };
            writer.line(out, at + 1, line, matches)?;
        }
        writer.finish(out)?;
        Ok(())
    })
}

/// Find units whose source or target holds all the words (concordance)
#[derive(Debug, clap::Args)]
struct SearchArgs {
    /// Words to find, whole words: Arabic normalized and behind proclitics
    /// (مصر finds ومصر, not مصرع), English case ignored (UN is not in
    /// "countries")
    #[arg(required = true)]
    words: Vec<String>,
    /// At most this many units, newest first
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Output format [default: from the -o extension (.txt .md .tsv .json), else text]
    #[arg(short = 'f', long, value_parser = output_format::parser::<SearchFormat>())]
    format: Option<SearchFormat>,
    #[command(flatten)]
    output: OutputArg,
    #[command(flatten)]
    tm: TmArgs,
}

fn search(args: SearchArgs) -> Result<()> {
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, SearchFormat::Text)?;
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    let found = tm.search(&args.words.join(" "), args.limit)?;
    // Colour only for a person at a terminal who has not asked for none.
    let colour = output.is_none()
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    io::write_output(output, &[args.tm.path()?], |out| {
        Ok(write_found(&found, format, colour, out)?)
    })
}

/// Show figures about the translation memory
#[derive(Debug, clap::Args)]
struct StatsArgs {
    /// Output format
    #[arg(short = 'f', long, default_value = "text", value_parser = output_format::parser::<StatsFormat>())]
    format: StatsFormat,
    #[command(flatten)]
    tm: TmArgs,
}

fn stats(args: StatsArgs) -> Result<()> {
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    let stats = tm.stats()?;
    io::write_output(None, io::NOTHING_READ, |out| {
        Ok(write_stats(&stats, args.format, out)?)
    })
}

/// Add one sentence pair
#[derive(Debug, clap::Args)]
struct AddArgs {
    /// The source sentence
    source: String,
    /// Its translation
    target: String,
    #[command(flatten)]
    languages: LanguageArgs,
    #[command(flatten)]
    tm: TmArgs,
}

fn add(args: AddArgs) -> Result<()> {
    let mut tm = args.tm.open(OpenMode::Create)?;
    let unit = TranslationUnit {
        source: args.source,
        target: args.target,
        source_lang: args.languages.source_lang,
        target_lang: args.languages.target_lang,
        ..TranslationUnit::default()
    };
    let message = match tm.add(&unit, "add")? {
        Added::New(id) => format!("added #{id}"),
        Added::Updated(id) => format!("updated #{id}"),
        Added::Duplicate(id) => format!("already there: #{id}"),
        Added::Untranslated | Added::HeldBack => anyhow::bail!(advice(
            "nothing to add: the source or the target is empty, or they are the same",
            "tarjama tm add \"ARABIC SENTENCE\" \"ENGLISH TRANSLATION\"",
        )),
    };
    say(&message)
}

/// Delete units by id (ids are shown by search and lookup), or every unit an imported file added
#[derive(Debug, clap::Args)]
struct DeleteArgs {
    /// Unit ids
    #[arg(required_unless_present = "origin")]
    ids: Vec<i64>,
    /// Delete every unit that came from this file (its name, as `tm stats`
    /// lists origins): undoes `tm import FILE`
    #[arg(long, value_name = "FILE")]
    origin: Option<PathBuf>,
    #[command(flatten)]
    tm: TmArgs,
}

fn delete(args: DeleteArgs) -> Result<()> {
    let mut tm = args.tm.open(OpenMode::ReadWrite)?;
    for id in args.ids {
        tm.delete(id)?;
        say(&format!("deleted #{id}"))?;
    }
    if let Some(file) = &args.origin {
        let origin = origin_of(file, &file.display().to_string());
        let deleted = tm.delete_origin(&origin)?;
        println!("deleted {} from {origin}", units(deleted));
    }
    Ok(())
}

/// The origin an import records for `file`: its name without the folder
/// (`name` for standard input).
fn origin_of(file: &Path, name: &str) -> String {
    match file.file_name() {
        Some(base) if file != Path::new("-") => base.to_string_lossy().into_owned(),
        _ => name.to_owned(),
    }
}

/// "1 unit", "2 units".
fn units(count: u64) -> String {
    match count {
        1 => "1 unit".to_owned(),
        count => format!("{count} units"),
    }
}
