//! Writing the answers of `tarjama lookup`: one row per term, as TSV (no
//! header, one line per input line), CSV, JSON or a Markdown table.

use super::markdown;
use crate::exchange::tsv::{TableLayout, TableWriter};
use crate::glossary::{Glossary, Kind};
use crate::lookup::{Answer, How};
use serde::Serialize;
use std::io::{self, Write};

crate::named::named_enum! {
    /// The output formats of a lookup.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum LookupFormat {
        /// term\<TAB\>english\<TAB\>how\<TAB\>score\<TAB\>type, no header
        Tsv = "tsv" in ["tsv", "tab", "txt"],
        /// The same columns with a header
        Csv = "csv" in ["csv"],
        /// [{"line","term","english","how","score","type","suggestions"}]
        Json = "json" in ["json"],
        /// A Markdown table
        Markdown = "md" in ["md", "markdown"],
    }
}

/// The column names of the table formats.
pub const COLUMNS: [&str; 5] = ["term", "english", "how", "score", "type"];

/// Writes answers one row at a time, so that output can stream.
///
/// TSV is one line per input line: `term<TAB>english<TAB>how<TAB>score<TAB>type`
/// with no header ([`TableLayout::SPREADSHEET_UNQUOTED`]); CSV has a header
/// ([`TableLayout::CSV`]): in both, a cell that begins with `=`, `+`, `-`,
/// `@` or `'` gets a `'` in front, so that no spreadsheet runs it as a
/// formula, and tabs and line breaks are written `\t`, `\n`, `\r`. JSON is
/// an array of `{"line","term","english","how","score","type","suggestions"}`:
/// `english` is null unless the term got an answer, `suggestions` lists
/// `{"ar","entry","en","type","score"}` for `fuzzy`.
pub struct RowWriter<'g> {
    format: LookupFormat,
    glossary: &'g Glossary,
    table: TableWriter,
    rows: usize,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    line: usize,
    term: &'a str,
    english: Option<String>,
    how: How,
    score: Option<u8>,
    #[serde(rename = "type")]
    kind: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<JsonSuggestion<'a>>,
}

#[derive(Serialize)]
struct JsonSuggestion<'a> {
    ar: &'a str,
    entry: &'a str,
    en: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    score: u8,
}

impl<'g> RowWriter<'g> {
    /// A writer of `format` over answers from `glossary`.
    pub fn new(format: LookupFormat, glossary: &'g Glossary) -> Self {
        let layout = match format {
            LookupFormat::Csv => TableLayout::CSV,
            _ => TableLayout::SPREADSHEET_UNQUOTED,
        };
        Self {
            format,
            glossary,
            table: TableWriter::new(layout),
            rows: 0,
        }
    }

    /// Writes what comes before the rows (a header, `[`).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            LookupFormat::Tsv => Ok(()),
            LookupFormat::Csv => self.table.write_row(out, &COLUMNS),
            LookupFormat::Json => out.write_all(b"["),
            LookupFormat::Markdown => {
                writeln!(out, "| {} |", COLUMNS.join(" | "))?;
                writeln!(out, "|------|---------|-----|------:|------|")
            }
        }
    }

    /// Writes the row of `term`, read from input line `line`.
    pub fn row(
        &mut self,
        out: &mut dyn Write,
        line: usize,
        term: &str,
        answer: &Answer,
    ) -> io::Result<()> {
        let term = term.trim();
        let glossary = self.glossary;
        let kind = answer.kind(glossary).map(Kind::name);
        let score = answer.score().map(|s| s.to_string()).unwrap_or_default();
        let english = answer.english(glossary);
        let cells = [
            term,
            &english,
            answer.how.name(),
            &score,
            kind.unwrap_or_default(),
        ];
        match self.format {
            LookupFormat::Tsv | LookupFormat::Csv => self.table.write_row(out, &cells)?,
            LookupFormat::Markdown => {
                let row: Vec<String> = cells.iter().map(|cell| markdown::cell(cell)).collect();
                writeln!(out, "| {} |", row.join(" | "))?;
            }
            LookupFormat::Json => {
                let row = JsonRow {
                    line,
                    term,
                    english: answer.how.is_answer().then_some(english),
                    how: answer.how,
                    score: answer.score(),
                    kind,
                    suggestions: answer
                        .suggestions
                        .iter()
                        .map(|suggestion| {
                            let entry = glossary.entry_ref(suggestion.entry);
                            JsonSuggestion {
                                ar: suggestion.form(glossary),
                                entry: entry.ar(),
                                en: entry.en(),
                                kind: entry.kind().name(),
                                score: suggestion.score,
                            }
                        })
                        .collect(),
                };
                out.write_all(if self.rows == 0 { b"\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &row)?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Writes what comes after the rows (`]`).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            LookupFormat::Json if self.rows == 0 => out.write_all(b"[]\n"),
            LookupFormat::Json => out.write_all(b"\n]\n"),
            LookupFormat::Markdown if self.rows == 0 => writeln!(out, "\nNo terms."),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup::tests::glossary;
    use crate::lookup::{Lookup, Options};

    fn written(format: LookupFormat, term: &str) -> String {
        let glossary = glossary();
        let mut lookup = Lookup::new(&glossary, None, Options::default());
        let answer = lookup.answer(term).unwrap().clone();
        let mut out = Vec::new();
        let mut writer = RowWriter::new(format, &glossary);
        writer.begin(&mut out).unwrap();
        writer.row(&mut out, 1, term, &answer).unwrap();
        writer.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn suggestions_are_no_english_in_json() {
        let rows: serde_json::Value =
            serde_json::from_str(&written(LookupFormat::Json, "لافروفي")).unwrap();
        assert_eq!(rows[0]["english"], serde_json::Value::Null);
        assert_eq!(rows[0]["suggestions"][0]["en"], "Lavrov");
    }

    #[test]
    fn table_cells_are_safe_in_spreadsheets() {
        assert_eq!(
            written(LookupFormat::Csv, "=cmd"),
            "term,english,how,score,type\n'=cmd,'-1+1,exact,100,term\n"
        );
        assert_eq!(
            written(LookupFormat::Tsv, "=cmd"),
            "'=cmd\t'-1+1\texact\t100\tterm\n"
        );
    }

    #[test]
    fn csv_quotes_commas_and_quotes_only() {
        let glossary = glossary();
        let mut out = Vec::new();
        let writer = RowWriter::new(LookupFormat::Csv, &glossary);
        writer
            .table
            .write_row(&mut out, &["a, b", "say \"yes\"", "plain"])
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"a, b\",\"say \"\"yes\"\"\",plain\n"
        );
    }
}
