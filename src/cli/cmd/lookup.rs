//! `tarjama lookup`: batch translation of a term list.

use crate::cli::output_format;
use crate::cli::{GlossaryArgs, OptionalTmArgs, OutputArg, advice, io};
use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tarjama::lookup::{self, How, InputFormat, Lookup, Options};
use tarjama::output::lookup::{LookupFormat, RowWriter};

const EXAMPLES: &str = "\
Examples:
  tarjama lookup terms.txt                         one Arabic term per line
  tarjama lookup --column 2 list.tsv               the second column of a TSV
  tarjama lookup --column arabic -f csv names.csv -o names-en.csv
  tarjama lookup -g ours.yaml --no-default-glossary --tm team.sqlite terms.txt
  cut -f1 glossary.tsv | tarjama lookup -f json

Output columns: term, english, how, score, type. `how`:
  exact         an entry's Arabic key as written          score 100
  variant       one of an entry's variants                score 100
  normalized    a key once diacritics and letter forms are folded
  clitic        an entry behind proclitics (بالناتو → NATO)
  tm            a TM unit whose source is the term (--tm)
  fuzzy         NOT a translation: the english column lists suggestions,
                `suggestions: ARABIC = ENGLISH (score); …`, score is the best one's
  none          nothing close enough
  empty, mixed-script, not-arabic   lines reported as such, never dropped

TSV (the default) has no header and one line per input line, so it pairs with the input;
CSV and Markdown have a header, JSON is an array of objects with a `line` field. In TSV and
CSV a cell starting with = + - @ or ' gets a ' in front (no spreadsheet formulas), and tabs
and line breaks are written \\t \\n.";

/// Translate a list of Arabic terms with the glossary (and the TM)
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Terms, one per line or in a column (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// The column holding the terms: its number (from 1) or its header name
    #[arg(short = 'c', long, value_name = "N|NAME", default_value = "1")]
    column: String,
    /// The first line is a header (implied by --column NAME)
    #[arg(long)]
    header: bool,
    /// How lines are cut into columns [default: csv for *.csv, else tsv]
    #[arg(long, value_name = "FORMAT", value_parser = output_format::parser::<InputFormat>())]
    input_format: Option<InputFormat>,
    /// Output format [default: from the -o extension (.tsv .csv .json .md), else tsv]
    #[arg(short = 'f', long, value_parser = output_format::parser::<LookupFormat>())]
    format: Option<LookupFormat>,
    /// Fuzzy suggestions per term without an answer (0: none)
    #[arg(long, value_name = "N", default_value_t = 3)]
    suggestions: usize,
    /// Leave out suggestions scoring below this
    #[arg(long, value_name = "SCORE", default_value_t = 70,
          value_parser = clap::value_parser!(u8).range(50..=100))]
    min_score: u8,
    #[command(flatten)]
    glossary: GlossaryArgs,
    #[command(flatten)]
    tm: OptionalTmArgs,
    #[command(flatten)]
    output: OutputArg,
}

/// Which column holds the terms.
enum Column {
    Number(usize),
    Name(String),
}

/// Rows between two moves of the progress bar.
const PROGRESS_EVERY: usize = 4096;

pub fn run(args: Args) -> Result<ExitCode> {
    let column = match args.column.parse::<usize>() {
        Ok(0) => bail!(advice(
            "--column counts from 1",
            "the first column is --column 1"
        )),
        Ok(number) => Column::Number(number),
        Err(_) => Column::Name(args.column.trim().to_lowercase()),
    };
    let input_format = match args.input_format {
        Some(format) => format,
        None if has_extension(args.file.as_deref(), "csv") => InputFormat::Csv,
        None => InputFormat::Tsv,
    };
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, LookupFormat::Tsv)?;
    let glossary = args.glossary.load()?;
    let tm = args.tm.open()?;
    let options = Options {
        suggestions: args.suggestions,
        min_score: args.min_score,
    };
    let mut lines = io::Lines::open(args.file.as_deref())?;
    let bar = progress_bar(&lines, output.is_some());
    let mut counts: HashMap<How, usize> = HashMap::new();
    let mut files = args.glossary.files();
    files.extend(args.tm.tm.clone());
    io::write_output(output, &io::reads(args.file.as_deref(), &files), |out| {
        let mut lookup = Lookup::new(&glossary, tm.as_ref(), options);
        let mut writer = RowWriter::new(format, &glossary);
        let index = match column {
            Column::Number(number) if !args.header => number - 1,
            column => header_index(&mut lines, input_format, &column)?,
        };
        writer.begin(out)?;
        let mut rows = 0;
        loop {
            if lines.needs_read() {
                out.flush()?;
            }
            let Some((line, term)) = next_term(&mut lines, input_format, index)? else {
                break;
            };
            let answer = lookup.answer(&term)?;
            writer.row(out, line, &term, answer)?;
            *counts.entry(answer.how).or_default() += 1;
            rows += 1;
            if rows % PROGRESS_EVERY == 0 {
                bar.set_position(lines.read);
            }
        }
        writer.finish(out)?;
        Ok(())
    })?;
    bar.finish_and_clear();
    if std::io::stderr().is_terminal() {
        eprintln!("{}", describe(&counts));
    }
    // The process ends here: freeing a large glossary piece by piece would
    // only delay the exit.
    std::mem::forget(glossary);
    Ok(ExitCode::SUCCESS)
}

fn has_extension(path: Option<&Path>, wanted: &str) -> bool {
    path.and_then(Path::extension)
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
}

/// Reads the header line and finds the column in it.
fn header_index(lines: &mut io::Lines, format: InputFormat, column: &Column) -> Result<usize> {
    let Some(header) = lines.next_line()? else {
        return Ok(0);
    };
    let names: Vec<String> = lookup::cells(header, format)
        .unwrap_or_default()
        .iter()
        .map(|name| name.trim().to_lowercase())
        .collect();
    match column {
        Column::Number(number) => Ok(number - 1),
        Column::Name(name) => match names.iter().position(|n| n == name) {
            Some(index) => Ok(index),
            None => bail!(advice(
                format!("no column `{name}` in the header: {}:1", lines.name()),
                format!("the header names {}", names.join(", ")),
            )),
        },
    }
}

/// The next term and the line it starts on; an empty line is an empty term.
fn next_term(
    lines: &mut io::Lines,
    format: InputFormat,
    index: usize,
) -> Result<Option<(usize, String)>> {
    let Some(first) = lines.next_line()? else {
        return Ok(None);
    };
    let mut record = first.to_owned();
    let start = lines.line;
    let cells = loop {
        if let Some(cells) = lookup::cells(&record, format) {
            break cells;
        }
        // A quoted CSV cell goes on over the next line.
        match lines.next_line()? {
            Some(more) => {
                record.push('\n');
                record.push_str(more);
            }
            None => bail!(advice(
                format!("a quoted cell is not closed: {}:{start}", lines.name()),
                "close it with \"",
            )),
        }
    };
    if record.trim().is_empty() {
        return Ok(Some((start, String::new())));
    }
    match cells.get(index) {
        Some(term) => Ok(Some((start, term.trim().to_owned()))),
        None => bail!(advice(
            format!(
                "{} columns, --column {} needs {}: {}:{start}",
                cells.len(),
                index + 1,
                index + 1,
                lines.name()
            ),
            "every line needs the column; an empty line is an empty term",
        )),
    }
}

/// A bar on a terminal (when the output goes elsewhere): bytes of a file,
/// or a spinner for standard input.
fn progress_bar(lines: &io::Lines, to_file: bool) -> ProgressBar {
    let visible = std::io::stderr().is_terminal() && (to_file || !std::io::stdout().is_terminal());
    if !visible {
        return ProgressBar::hidden();
    }
    let (bar, template) = match lines.len {
        Some(len) => (
            ProgressBar::new(len),
            "{bar:40} {bytes}/{total_bytes} ({eta} left)",
        ),
        None => (ProgressBar::new_spinner(), "{spinner} {bytes} read"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// "200000 terms: 150000 exact, 2000 clitic, …".
fn describe(counts: &HashMap<How, usize>) -> String {
    let total: usize = counts.values().sum();
    let order = [
        How::Exact,
        How::Variant,
        How::Normalized,
        How::Clitic,
        How::Tm,
        How::Fuzzy,
        How::None,
        How::Empty,
        How::MixedScript,
        How::NotArabic,
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|how| counts.get(how).map(|count| format!("{count} {how}")))
        .collect();
    format!("tarjama: {total} terms: {}", parts.join(", "))
}
