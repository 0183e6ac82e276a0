//! `tarjama tm`: the translation memory.

use crate::cli::output_format::{self, OutputFormat};
use crate::cli::{OptionalTmArgs, OutputArg, TmArgs, io};
use anyhow::{Context, Result};
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use tarjama::exchange::{self, Format, LanguagePair, TranslationUnit, Units, tmx, tsv};
use tarjama::output::concordance;
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
        let dirs = directories::BaseDirs::new().context(
            "cannot find the user's data directory\nhint: name the TM with --tm PATH or TARJAMA_TM",
        )?;
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
                anyhow::anyhow!(
                    "cannot create the folder of the translation memory ({err}): {}\n\
                     hint: name another file with --tm PATH",
                    folder.display()
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
                .map_err(|err| anyhow::anyhow!("{err}\nhint: nothing from {name} was imported"))?,
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
        ImportFormat::Auto => Format::detect(Some(file), &text),
        ImportFormat::Tmx => Format::Tmx,
        ImportFormat::Tsv => Format::Tsv,
        ImportFormat::Xliff => Format::Xliff,
    };
    let units = Units::new(name, &text, format, &args.languages.pair()).swapped(args.swap);
    let origin = origin_of(file, name);
    let bar = progress_bar(text.len());
    let options = ImportOptions {
        origin,
        any_state: args.any_state,
    };
    let summary = tm.import(Progress::new(units, bar.as_ref()), &options);
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
    type Item = Result<TranslationUnit, exchange::FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if INTERRUPTED.load(Ordering::Relaxed) {
            return Some(Err(exchange::FormatError::new("", "interrupted")));
        }
        self.count += 1;
        if let Some(bar) = self.bar.filter(|_| self.count.is_multiple_of(512)) {
            bar.set_position(self.units.position() as u64);
        }
        self.units.next()
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// TMX 1.4b
    Tmx,
    /// source<TAB>target
    Tsv,
}

impl OutputFormat for ExportFormat {
    const ALL: &'static [Self] = &[ExportFormat::Tmx, ExportFormat::Tsv];

    fn extensions(self) -> &'static [&'static str] {
        match self {
            ExportFormat::Tmx => &["tmx"],
            ExportFormat::Tsv => &["tsv", "tab", "txt"],
        }
    }
}

/// Write every unit as TMX 1.4b or TSV
#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// Output format [default: from the -o extension (.tmx .tsv), else tmx]
    #[arg(short = 'f', long, value_enum)]
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
        match format {
            ExportFormat::Tmx => {
                let mut writer = tmx::TmxWriter::new(out, &tm.languages()?.source)?;
                tm.for_each_unit(|unit| writer.write_unit(&unit.to_exchange()))?;
                writer.finish()?;
            }
            ExportFormat::Tsv => {
                tm.for_each_unit(|unit| tsv::write_row(out, &[&unit.source, &unit.target]))?;
            }
        }
        Ok(())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LookupFormat {
    /// For people: score, match kind, id, source and target
    Text,
    /// line<TAB>score<TAB>source<TAB>target of the best match, empty fields when none
    Tsv,
    /// The best --top matches of each line, with a word diff
    Json,
}

impl OutputFormat for LookupFormat {
    const ALL: &'static [Self] = &[LookupFormat::Text, LookupFormat::Tsv, LookupFormat::Json];

    fn extensions(self) -> &'static [&'static str] {
        match self {
            LookupFormat::Text => &["txt"],
            LookupFormat::Tsv => &["tsv", "tab"],
            LookupFormat::Json => &["json"],
        }
    }
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
    #[arg(short = 'f', long, value_enum)]
    format: Option<LookupFormat>,
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

#[derive(Serialize)]
struct LineMatches<'a> {
    line: usize,
    query: &'a str,
    matches: Vec<tarjama::tm::TmMatch>,
}

fn lookup(args: LookupArgs) -> Result<()> {
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, LookupFormat::Text)?;
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    let text = io::read_text(args.file.as_deref())?;
    let options = LookupOptions {
        min_score: args.min_score,
        limit: if format == LookupFormat::Tsv {
            1
        } else {
            usize::from(args.top)
        },
        diff: format == LookupFormat::Json,
    };
    let tm_path = [args.tm.path()?];
    io::write_output(output, &io::reads(args.file.as_deref(), &tm_path), |out| {
        let mut records = Vec::new();
        for (at, line) in tarjama::text::lines(&text).enumerate() {
            let matches = if line.trim().is_empty() {
                Vec::new()
            } else {
                tm.lookup(line, &options)?
            };
            let number = at + 1;
            match format {
                LookupFormat::Tsv => match matches.first() {
                    Some(found) => tsv::write_row(
                        out,
                        &[
                            &number.to_string(),
                            &found.score.to_string(),
                            &found.unit.source,
                            &found.unit.target,
                        ],
                    )?,
                    None => writeln!(out, "{number}\t\t\t")?,
                },
                LookupFormat::Text => {
                    if matches.is_empty() {
                        writeln!(out, "{number}: no match")?;
                    }
                    for found in &matches {
                        let kind = serde_json::to_value(found.kind)?;
                        writeln!(
                            out,
                            "{number}: {:>3} {} #{}\n  {}\n  {}",
                            found.score,
                            kind.as_str().unwrap_or(""),
                            found.unit.id,
                            found.unit.source,
                            found.unit.target
                        )?;
                    }
                }
                LookupFormat::Json => records.push(LineMatches {
                    line: number,
                    query: line,
                    matches,
                }),
            }
        }
        if format == LookupFormat::Json {
            serde_json::to_writer_pretty(&mut *out, &records)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SearchFormat {
    /// For people: the matches in colour on a terminal
    Text,
    /// A Markdown table, the matches in bold
    Md,
    /// id<TAB>source<TAB>target
    Tsv,
    /// Every field
    Json,
}

impl OutputFormat for SearchFormat {
    const ALL: &'static [Self] = &[
        SearchFormat::Text,
        SearchFormat::Md,
        SearchFormat::Tsv,
        SearchFormat::Json,
    ];

    fn extensions(self) -> &'static [&'static str] {
        match self {
            SearchFormat::Text => &["txt"],
            SearchFormat::Md => &["md", "markdown"],
            SearchFormat::Tsv => &["tsv", "tab"],
            SearchFormat::Json => &["json"],
        }
    }
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
    #[arg(short = 'f', long, value_enum)]
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
        match format {
            SearchFormat::Text => concordance::write_text(&found, colour, out)?,
            SearchFormat::Md => concordance::write_markdown(&found, out)?,
            SearchFormat::Tsv => {
                for found in &found {
                    let unit = &found.unit;
                    tsv::write_row(out, &[&unit.id.to_string(), &unit.source, &unit.target])?;
                }
            }
            SearchFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &found)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum StatsFormat {
    /// For people
    Text,
    /// Every figure
    Json,
}

/// Show figures about the translation memory
#[derive(Debug, clap::Args)]
struct StatsArgs {
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = StatsFormat::Text)]
    format: StatsFormat,
    #[command(flatten)]
    tm: TmArgs,
}

fn stats(args: StatsArgs) -> Result<()> {
    let tm = args.tm.open(OpenMode::ReadOnly)?;
    let stats = tm.stats()?;
    io::write_output(None, io::NOTHING_READ, |out| {
        if args.format == StatsFormat::Json {
            serde_json::to_writer_pretty(&mut *out, &stats)?;
            out.write_all(b"\n")?;
            return Ok(());
        }
        writeln!(
            out,
            "file:       {} ({} bytes, schema {})",
            stats.path.display(),
            stats.bytes,
            stats.schema_version
        )?;
        writeln!(out, "units:      {}", stats.units)?;
        writeln!(out, "sources:    {} distinct", stats.sources)?;
        writeln!(out, "vocabulary: {} tokens", stats.vocabulary)?;
        for (source, target, count) in &stats.languages {
            writeln!(out, "languages:  {source}→{target}: {count}")?;
        }
        for (origin, count) in &stats.origins {
            writeln!(out, "origin:     {origin}: {count}")?;
        }
        if let (Some(oldest), Some(newest)) = (&stats.oldest, &stats.newest) {
            writeln!(
                out,
                "dates:      created from {oldest}, last change {newest}"
            )?;
        }
        Ok(())
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
        Added::Untranslated | Added::HeldBack => anyhow::bail!(
            "nothing to add: the source or the target is empty, or they are the same\n\
             hint: tarjama tm add \"ARABIC SENTENCE\" \"ENGLISH TRANSLATION\""
        ),
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
