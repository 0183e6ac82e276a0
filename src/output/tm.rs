//! What `tm` writes: the matches of sentences (`tm lookup`), the units
//! that hold some words (`tm search`, a concordance: the matches in colour
//! on a terminal, in bold in Markdown), the memory's figures (`tm stats`)
//! and all its units (`tm export`).

use super::markdown::cell;
use crate::exchange::tmx::TmxWriter;
use crate::exchange::tsv::{TableLayout, TableWriter};
use crate::tm::{Found, Stats, TmError, TmMatch, TranslationMemory};
use serde::Serialize;
use std::io::{self, Write};
use std::ops::Range;

crate::named::named_enum! {
    /// How `tm lookup` writes the matches of each line.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum MatchFormat {
        /// For people: score, match kind, id, source and target
        Text = "text" in ["txt"],
        /// line\<TAB\>score\<TAB\>source\<TAB\>target of the best match, empty fields when none
        Tsv = "tsv" in ["tsv", "tab"],
        /// The best --top matches of each line, with a word diff
        Json = "json" in ["json"],
    }
}

/// Writes the matches of input lines one line at a time (JSON at the end).
pub struct MatchWriter<'a> {
    format: MatchFormat,
    table: TableWriter,
    lines: Vec<LineMatches<'a>>,
}

#[derive(Serialize)]
struct LineMatches<'a> {
    line: usize,
    query: &'a str,
    matches: Vec<TmMatch>,
}

impl<'a> MatchWriter<'a> {
    /// A writer of `format`.
    pub fn new(format: MatchFormat) -> Self {
        Self {
            format,
            table: TableWriter::new(TableLayout::PLAIN),
            lines: Vec::new(),
        }
    }

    /// Writes the `matches` of input line `number` (from 1), `query`.
    pub fn line(
        &mut self,
        out: &mut dyn Write,
        number: usize,
        query: &'a str,
        matches: Vec<TmMatch>,
    ) -> io::Result<()> {
        match self.format {
            MatchFormat::Tsv => match matches.first() {
                Some(found) => self.table.write_row(
                    out,
                    &[
                        &number.to_string(),
                        &found.score.to_string(),
                        &found.unit.source,
                        &found.unit.target,
                    ],
                )?,
                None => self
                    .table
                    .write_row(out, &[&number.to_string(), "", "", ""])?,
            },
            MatchFormat::Text => {
                if matches.is_empty() {
                    writeln!(out, "{number}: no match")?;
                }
                for found in &matches {
                    writeln!(
                        out,
                        "{number}: {:>3} {} #{}\n  {}\n  {}",
                        found.score,
                        found.kind,
                        found.unit.id,
                        found.unit.source,
                        found.unit.target
                    )?;
                }
            }
            MatchFormat::Json => self.lines.push(LineMatches {
                line: number,
                query,
                matches,
            }),
        }
        Ok(())
    }

    /// Writes what is left: the JSON array.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.format == MatchFormat::Json {
            serde_json::to_writer_pretty(&mut *out, &self.lines)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

crate::named::named_enum! {
    /// How `tm search` writes the units it finds.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SearchFormat {
        /// For people: the matches in colour on a terminal
        Text = "text" in ["txt"],
        /// A Markdown table, the matches in bold
        Md = "md" in ["md", "markdown"],
        /// id\<TAB\>source\<TAB\>target
        Tsv = "tsv" in ["tsv", "tab"],
        /// Every field
        Json = "json" in ["json"],
    }
}

/// Writes the units found in `format`; in text, the matches in colour when
/// `colour` is set (a person at a terminal).
pub fn write_found(
    found: &[Found],
    format: SearchFormat,
    colour: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        SearchFormat::Text => write_text(found, colour, out),
        SearchFormat::Md => write_markdown(found, out),
        SearchFormat::Tsv => {
            let table = TableWriter::new(TableLayout::PLAIN);
            for found in found {
                let unit = &found.unit;
                table.write_row(out, &[&unit.id.to_string(), &unit.source, &unit.target])?;
            }
            Ok(())
        }
        SearchFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, found)?;
            out.write_all(b"\n")
        }
    }
}

/// Terminal colour of a match (bold yellow) and the reset after it.
const COLOUR: (&str, &str) = ("\x1b[1;33m", "\x1b[0m");

/// `#id`, then the source and the target indented, one unit after the
/// other; with `colour`, the matches in colour.
fn write_text(found: &[Found], colour: bool, out: &mut dyn Write) -> io::Result<()> {
    let (open, close) = if colour { COLOUR } else { ("", "") };
    for unit in found {
        let (source, target) = sides(unit, std::borrow::ToOwned::to_owned, open, close);
        writeln!(out, "#{}\n  {source}\n  {target}", unit.unit.id)?;
    }
    Ok(())
}

/// A table `| # | Arabic | English |`, the matches in bold.
fn write_markdown(found: &[Found], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| # | Arabic | English |")?;
    writeln!(out, "|---|---|---|")?;
    for unit in found {
        let (source, target) = sides(unit, cell, "**", "**");
        writeln!(out, "| {} | {source} | {target} |", unit.unit.id)?;
    }
    Ok(())
}

/// The source and the target of a unit with their matches marked.
fn sides(unit: &Found, show: impl Fn(&str) -> String, open: &str, close: &str) -> (String, String) {
    (
        marked(&unit.unit.source, &unit.source_matches, &show, open, close),
        marked(&unit.unit.target, &unit.target_matches, &show, open, close),
    )
}

/// `text` with each of the (sorted, disjoint) `spans` between `open` and
/// `close`, every piece passed through `show`.
fn marked(
    text: &str,
    spans: &[Range<usize>],
    show: &impl Fn(&str) -> String,
    open: &str,
    close: &str,
) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * (open.len() + close.len()));
    let mut at = 0;
    for span in spans {
        if span.start < at || span.end > text.len() {
            continue;
        }
        out.push_str(&show(&text[at..span.start]));
        out.push_str(open);
        out.push_str(&show(&text[span.clone()]));
        out.push_str(close);
        at = span.end;
    }
    out.push_str(&show(&text[at..]));
    out
}

crate::named::named_enum! {
    /// How `tm stats` writes the figures.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum StatsFormat {
        /// For people
        Text = "text" in ["txt"],
        /// Every figure
        Json = "json" in ["json"],
    }
}

/// Writes the figures of a memory.
pub fn write_stats(stats: &Stats, format: StatsFormat, out: &mut dyn Write) -> io::Result<()> {
    if format == StatsFormat::Json {
        serde_json::to_writer_pretty(&mut *out, stats)?;
        return out.write_all(b"\n");
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
}

crate::named::named_enum! {
    /// How `tm export` writes the units.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ExportFormat {
        /// TMX 1.4b
        Tmx = "tmx" in ["tmx"],
        /// source\<TAB\>target
        Tsv = "tsv" in ["tsv", "tab", "txt"],
    }
}

/// Writes every unit of `memory`, oldest first.
pub fn write_units(
    memory: &TranslationMemory,
    format: ExportFormat,
    out: &mut dyn Write,
) -> Result<(), TmError> {
    match format {
        ExportFormat::Tmx => {
            let mut writer =
                TmxWriter::new(&mut *out, &memory.languages()?.source).map_err(TmError::Write)?;
            memory.for_each_unit(&mut |unit| writer.write_unit(&unit.to_exchange()))?;
            writer.finish().map_err(TmError::Write)?;
        }
        ExportFormat::Tsv => {
            let table = TableWriter::new(TableLayout::PLAIN);
            memory
                .for_each_unit(&mut |unit| table.write_row(out, &[&unit.source, &unit.target]))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::StoredUnit;

    fn found() -> Found {
        let source = "زار الوفد مصر | أمس";
        let target = "The delegation visited *Egypt* yesterday";
        let egypt = source.find("مصر").unwrap()..source.find(" |").unwrap();
        let egypt_in_english = target.find("Egypt").unwrap()..target.find("* ").unwrap();
        Found {
            unit: StoredUnit {
                id: 7,
                source: source.into(),
                target: target.into(),
                source_lang: "ar".into(),
                target_lang: "en".into(),
                origin: "add".into(),
                created: String::new(),
                changed: String::new(),
            },
            source_matches: vec![egypt],
            target_matches: vec![egypt_in_english],
        }
    }

    #[test]
    fn matches_are_coloured_on_a_terminal_only() {
        let mut out = Vec::new();
        write_text(&[found()], true, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "#7\n  زار الوفد \x1b[1;33mمصر\x1b[0m | أمس\n  The delegation visited *\x1b[1;33mEgypt\x1b[0m* yesterday\n"
        );
        let mut out = Vec::new();
        write_text(&[found()], false, &mut out).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains('\x1b'));
    }

    #[test]
    fn matches_are_bold_in_markdown_and_the_rest_escaped() {
        let mut out = Vec::new();
        write_markdown(&[found()], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| # | Arabic | English |\n|---|---|---|\n\
             | 7 | زار الوفد **مصر** \\| أمس | The delegation visited \\***Egypt**\\* yesterday |\n"
        );
    }
}
