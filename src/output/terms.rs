//! Writing the glossary entries found in a text (`tarjama terms`): a
//! readable table, or JSON with character and byte offsets.

use crate::glossary::{Glossary, TermHit};
use crate::text::CharOffsets;
use crate::text::normalize::is_format_control;
use crate::text::tokenize::is_inner_mark;
use serde::Serialize;
use std::io::{self, Write};

crate::named::named_enum! {
    /// How the hits are written.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum TermFormat {
        /// A readable table: position, text, English, type, entry
        Table = "table" in ["txt"],
        /// `{"matches":[{"start","end","byte_start","byte_end","surface","entry","en","type","prefix"}]}`
        Json = "json" in ["json"],
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

/// Writes the hits of a text that comes in chunks, offsets counted from
/// the start of the whole text.
pub struct TermWriter {
    format: TermFormat,
    found: bool,
    before: Position,
}

impl TermWriter {
    /// A writer of `format`.
    pub fn new(format: TermFormat) -> Self {
        Self {
            format,
            found: false,
            before: Position::default(),
        }
    }

    /// Writes what comes before the hits.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let TermFormat::Json = self.format {
            out.write_all(b"{\"matches\":[")?;
        }
        Ok(())
    }

    /// Writes the `hits` of `glossary` in the next `chunk` of the text.
    pub fn chunk(
        &mut self,
        out: &mut dyn Write,
        chunk: &str,
        glossary: &Glossary,
        hits: &[TermHit],
    ) -> io::Result<()> {
        let mut offsets = CharOffsets::new(chunk);
        let records = records(chunk, glossary, hits, &self.before, &mut offsets);
        match self.format {
            TermFormat::Json => {
                for record in &records {
                    if self.found {
                        out.write_all(b",")?;
                    }
                    self.found = true;
                    serde_json::to_writer(&mut *out, record)?;
                }
            }
            TermFormat::Table => {
                write_table(out, &records, !self.found)?;
                self.found |= !records.is_empty();
            }
        }
        self.before.bytes += chunk.len();
        // Counted on from the last hit, not again from the start.
        self.before.chars += offsets.char_offset(chunk.len());
        Ok(())
    }

    /// Writes what comes after the hits.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            TermFormat::Json => out.write_all(b"]}\n"),
            TermFormat::Table if !self.found => writeln!(out, "no glossary entries found"),
            TermFormat::Table => Ok(()),
        }
    }
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
                kind: entry.kind().name(),
                prefix: hit.prefix(text),
            }
        })
        .collect()
}

/// Writes the rows of one chunk, aligned among themselves, under a header
/// when `header` is set.
fn write_table(out: &mut dyn Write, records: &[MatchRecord], header: bool) -> io::Result<()> {
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
