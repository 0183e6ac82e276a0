//! `tarjama terms`: the glossary entries found in a text.

use crate::cli::output_format::{self, OutputFormat};
use crate::cli::{GlossaryArgs, OutputArg, io};
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    /// Output format [default: from the -o extension (.txt .json), else table]
    #[arg(short = 'f', long, value_enum)]
    format: Option<Format>,
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

impl OutputFormat for Format {
    const ALL: &'static [Self] = &[Format::Table, Format::Json];

    fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Table => &["txt"],
            Format::Json => &["json"],
        }
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

/// Texts are matched in chunks of at least this many bytes, cut where the
/// splitter cuts its stretches (after a blank line or a sentence end at a
/// line end): no glossary form crosses such a cut, and an input shorter than
/// this is matched whole. The matcher's ى/ي rule (is علي the name or the
/// preposition?) looks at how a text writes its particles; it decides per
/// chunk, which for 8 MB of one writer's text is the same decision.
const CHUNK_LEN: usize = 8 << 20;

pub fn run(args: Args) -> Result<ExitCode> {
    let input = args.file.as_deref();
    let output = args.output.output.as_deref();
    let format = output_format::choose(args.format, output, Format::Table)?;
    let glossary_files = args.glossary.files();
    let reads = io::reads(input, &glossary_files);
    let glossary = args.glossary.load()?;
    io::write_output(output, &reads, |out| {
        write_matches(input, format, &glossary, CHUNK_LEN, out)
    })?;
    // The process ends here: freeing a million-entry glossary piece by piece
    // would only delay the exit.
    std::mem::forget(glossary);
    Ok(ExitCode::SUCCESS)
}

/// Reads the input chunk by chunk (see [`CHUNK_LEN`]) and writes the hits
/// of each as it goes, offsets counted from the start of the input.
fn write_matches(
    input: Option<&Path>,
    format: Format,
    glossary: &Glossary,
    chunk_len: usize,
    out: &mut dyn Write,
) -> Result<()> {
    // Both formats write many small pieces: a typed buffer in front of the
    // `dyn Write` keeps each from being a call through it.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut found = false;
    let mut before = Position::default();
    if let Format::Json = format {
        out.write_all(b"{\"matches\":[")?;
    }
    io::for_each_chunk(input, chunk_len, |chunk| {
        let hits = glossary.find(chunk);
        let mut offsets = CharOffsets::new(chunk);
        let records = records(chunk, glossary, &hits, &before, &mut offsets);
        match format {
            Format::Json => {
                for record in &records {
                    if found {
                        out.write_all(b",")?;
                    }
                    found = true;
                    serde_json::to_writer(&mut out, record)?;
                }
            }
            Format::Table => {
                write_table(&mut out, &records, !found)?;
                found |= !records.is_empty();
            }
        }
        before.bytes += chunk.len();
        // Counted on from the last hit, not again from the start.
        before.chars += offsets.char_offset(chunk.len());
        Ok(())
    })?;
    match format {
        Format::Json => out.write_all(b"]}\n")?,
        Format::Table if !found => writeln!(out, "no glossary entries found")?,
        Format::Table => {}
    }
    out.flush()?;
    Ok(())
}

/// Where a chunk starts in the whole input.
#[derive(Default)]
struct Position {
    bytes: usize,
    chars: usize,
}

fn records<'a>(
    text: &'a str,
    glossary: &'a Glossary,
    hits: &[TermHit],
    before: &Position,
    offsets: &mut CharOffsets,
) -> Vec<MatchRecord<'a>> {
    hits.iter()
        .map(|hit| {
            let entry = glossary.entry_ref(hit.entry);
            MatchRecord {
                start: before.chars + offsets.char_offset(hit.start),
                end: before.chars + offsets.char_offset(hit.end),
                byte_start: before.bytes + hit.start,
                byte_end: before.bytes + hit.end,
                surface: hit.surface(text),
                entry: entry.ar(),
                en: entry.en(),
                kind: entry.kind().as_str(),
                prefix: hit.prefix(text),
            }
        })
        .collect()
}

/// Writes the rows of one chunk, aligned among themselves, under a header
/// when `header` is set.
fn write_table(out: &mut dyn Write, records: &[MatchRecord], header: bool) -> Result<()> {
    if records.is_empty() {
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
    let header_row = ["chars", "text", "English", "type", "entry"];
    let mut widths = header_row.map(display_width);
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    let header = header.then(|| header_row.map(str::to_owned));
    for row in header.into_iter().chain(rows) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use tarjama::glossary::Entry;

    fn matches(path: &Path, format: Format, glossary: &Glossary, chunk_len: usize) -> String {
        let mut out = Vec::new();
        write_matches(Some(path), format, glossary, chunk_len, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn chunks_give_the_offsets_and_hits_of_the_whole_text() {
        let mut glossary = Glossary::new();
        glossary.add(
            [("جنيف", "Geneva"), ("الأمم المتحدة", "United Nations")]
                .map(|(ar, en)| Entry {
                    ar: ar.into(),
                    en: en.into(),
                    ..Entry::default()
                })
                .to_vec(),
        );
        let paragraph = "وصل 😀 الوفد إلى جنيف.\nوقالت الأمم\nالمتحدة إن المحادثات بدأت.\n\n";
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("text.txt");
        std::fs::write(&path, paragraph.repeat(40)).unwrap();
        for format in [Format::Json, Format::Table] {
            let whole = matches(&path, format, &glossary, usize::MAX);
            assert_eq!(matches(&path, format, &glossary, 100), whole);
            assert_eq!(matches(&path, format, &glossary, 1), whole);
        }
        let json: serde_json::Value =
            serde_json::from_str(&matches(&path, Format::Json, &glossary, 1)).unwrap();
        let hits = json["matches"].as_array().unwrap();
        assert_eq!(hits.len(), 80);
        let last = &hits[79];
        let text = paragraph.repeat(40);
        let (start, end) = (
            last["byte_start"].as_u64().unwrap() as usize,
            last["byte_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], "الأمم\nالمتحدة");
        assert_eq!(
            last["start"].as_u64().unwrap() as usize,
            text[..start].chars().count()
        );
    }
}
