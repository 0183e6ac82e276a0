//! `tarjama terms`: the glossary entries found in a text.

use super::{GlossaryArgs, OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use tarjama::glossary::{Glossary, TermHit};
use tarjama::text::CharOffsets;
use tarjama::text::normalize::is_format_control;
use tarjama::text::tokenize::is_inner_mark;

const EXAMPLES: &str = "\
Examples:
  tarjama terms article.txt                       table of the built-in glossary's hits
  tarjama terms -g names.yaml -g extra.tsv article.txt
  tarjama terms --no-default-glossary -g names.yaml --format json article.txt
  echo 'وصل لافروف إلى جنيف' | tarjama terms

Matching ignores diacritics and tatweel, folds أ إ آ to ا, ة to ه and ى to ي, and sees names
behind the proclitics و ف ب ك ل (وللأمم المتحدة, بجنيف). In JSON, start/end count Unicode scalar
values of the input (end exclusive), byte_start/byte_end count UTF-8 bytes, and entry is the
entry's Arabic key even when a variant matched.";

/// Find glossary names and terms in Arabic text
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Input text (UTF-8); `-` or absent reads standard input
    file: Option<PathBuf>,
    /// Output format
    #[arg(short = 'f', long, value_enum, default_value_t = Format::Table)]
    format: Format,
    #[command(flatten)]
    glossary: GlossaryArgs,
    #[command(flatten)]
    output: OutputArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A readable table: position, text, English, type, entry
    Table,
    /// `{"matches":[{"start","end","byte_start","byte_end","surface","entry","en","type","prefix"}]}`
    Json,
}

#[derive(Serialize)]
struct Matches<'a> {
    matches: Records<'a>,
}

/// The hits of a text, serialized one by one as they are made into
/// records (a long text has hundreds of thousands).
struct Records<'a> {
    text: &'a str,
    glossary: &'a Glossary,
    hits: &'a [TermHit],
}

impl Serialize for Records<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut offsets = CharOffsets::new(self.text);
        serializer.collect_seq(
            self.hits
                .iter()
                .map(|hit| record(self.text, self.glossary, hit, &mut offsets)),
        )
    }
}

#[derive(Serialize)]
struct MatchRecord<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    surface: &'a str,
    entry: &'a str,
    en: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    prefix: &'a str,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let glossary = args.glossary.load()?;
    let text = io::read_text(args.file.as_deref())?;
    let hits = glossary.find(&text);
    io::write_output(args.output.output.as_deref(), |out| {
        // Both formats write many small pieces: a typed buffer in front of
        // the `dyn Write` keeps each from being a call through it.
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        match args.format {
            Format::Json => {
                let matches = Records {
                    text: &text,
                    glossary: &glossary,
                    hits: &hits,
                };
                serde_json::to_writer(&mut out, &Matches { matches })?;
                out.write_all(b"\n")?;
            }
            Format::Table => {
                let mut offsets = CharOffsets::new(&text);
                let records: Vec<MatchRecord> = hits
                    .iter()
                    .map(|hit| record(&text, &glossary, hit, &mut offsets))
                    .collect();
                write_table(&mut out, &records)?
            }
        }
        out.flush()?;
        Ok(())
    })?;
    // The process ends here: freeing a million-entry glossary piece by piece
    // would only delay the exit.
    std::mem::forget(glossary);
    Ok(ExitCode::SUCCESS)
}

fn record<'a>(
    text: &'a str,
    glossary: &'a Glossary,
    hit: &TermHit,
    offsets: &mut CharOffsets,
) -> MatchRecord<'a> {
    let entry = glossary.entry_ref(hit.entry);
    MatchRecord {
        start: offsets.char_offset(hit.start),
        end: offsets.char_offset(hit.end),
        byte_start: hit.start,
        byte_end: hit.end,
        surface: hit.surface(text),
        entry: entry.ar(),
        en: entry.en(),
        kind: entry.kind().as_str(),
        prefix: hit.prefix(text),
    }
}

fn write_table(out: &mut dyn Write, records: &[MatchRecord]) -> Result<()> {
    if records.is_empty() {
        writeln!(out, "no glossary entries found")?;
        return Ok(());
    }
    let rows: Vec<[String; 5]> = records
        .iter()
        .map(|r| {
            let entry = if r.surface.strip_prefix(r.prefix) == Some(r.entry) {
                String::new()
            } else {
                r.entry.to_owned()
            };
            [
                format!("{}-{}", r.start, r.end),
                r.surface.replace(['\n', '\r'], " "),
                r.en.to_owned(),
                r.kind.to_owned(),
                entry,
            ]
        })
        .collect();
    let header = ["chars", "text", "English", "type", "entry"];
    let mut widths = header.map(display_width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    for row in std::iter::once(header.map(str::to_owned)).chain(rows) {
        let mut line = String::new();
        for (cell, width) in row.iter().zip(widths) {
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', width - display_width(cell) + 2));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Columns a cell takes in a terminal: combining marks and invisible
/// format characters take none (tatweel, a stretched line, takes one).
fn display_width(cell: &str) -> usize {
    cell.chars()
        .filter(|&c| c == '\u{0640}' || !(is_inner_mark(c) || is_format_control(c)))
        .count()
}
