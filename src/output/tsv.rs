//! Tab-separated values with the columns `id source target origin score
//! terms`, one line per segment, for a translator to fill `target` in a
//! spreadsheet and import the file back.
//!
//! Cells are escaped so that any spreadsheet opens the file with one row per
//! segment and runs nothing from it:
//!
//! - backslash, tab, line feed and carriage return are written `\\`, `\t`,
//!   `\n`, `\r`, so every segment stays on one line;
//! - a cell that begins with `=`, `+`, `-`, `@` (what spreadsheets take for a
//!   formula) or with `'` gets a `'` in front, which spreadsheets show as text;
//! - a cell holding `"` is quoted the CSV way (`"say ""yes"""`), as
//!   spreadsheets expect when they read a quote at the start of a field.
//!
//! [`unescape_cell`] undoes the first two on a cell that a CSV reader with a
//! tab delimiter has already unquoted.

use super::term_pairs;
use crate::align::Document;
use std::borrow::Cow;
use std::io::{self, Write};

/// The header line's columns.
pub const COLUMNS: [&str; 6] = ["id", "source", "target", "origin", "score", "terms"];

/// Writes the header and one line per segment.
pub(super) fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    writer.write_record(COLUMNS)?;
    for segment in &document.segments {
        let id = segment.id.to_string();
        let score = segment.score.map(|s| s.to_string()).unwrap_or_default();
        let terms = term_pairs(segment, "=");
        let cells = [
            escape_cell(&id),
            escape_cell(&segment.source),
            escape_cell(segment.target.as_deref().unwrap_or_default()),
            escape_cell(segment.origin.as_str()),
            escape_cell(&score),
            escape_cell(&terms),
        ];
        writer.write_record(cells.iter().map(|cell| cell.as_bytes()))?;
    }
    writer.flush()
}

/// Escapes one cell as the module documentation describes (CSV quoting of
/// `"` is left to the CSV writer).
pub fn escape_cell(cell: &str) -> Cow<'_, str> {
    let formula_like = cell.starts_with(['=', '+', '-', '@', '\'']);
    if !formula_like && !cell.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(cell);
    }
    let mut escaped = String::with_capacity(cell.len() + 2);
    if formula_like {
        escaped.push('\'');
    }
    for c in cell.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// The text of a cell written by [`escape_cell`]: one leading `'` dropped,
/// `\\`, `\t`, `\n`, `\r` turned back into their characters (a backslash
/// before anything else stays as it is).
pub fn unescape_cell(cell: &str) -> Cow<'_, str> {
    let cell = cell.strip_prefix('\'').unwrap_or(cell);
    if !cell.contains('\\') {
        return Cow::Borrowed(cell);
    }
    let mut text = String::with_capacity(cell.len());
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => text.push('\\'),
            Some('t') => text.push('\t'),
            Some('n') => text.push('\n'),
            Some('r') => text.push('\r'),
            Some(other) => {
                text.push('\\');
                text.push(other);
            }
            None => text.push('\\'),
        }
    }
    Cow::Owned(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn neutralizes_formulas_and_keeps_one_line() {
        assert_eq!(escape_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(escape_cell("-5"), "'-5");
        assert_eq!(escape_cell("'quoted"), "''quoted");
        assert_eq!(escape_cell("a\tb\nc\\d"), "a\\tb\\nc\\\\d");
        assert_eq!(escape_cell("قال ريابكوف"), "قال ريابكوف");
    }

    #[test]
    fn unescape_leaves_unknown_escapes_alone() {
        assert_eq!(unescape_cell("C:\\dir"), "C:\\dir");
        assert_eq!(unescape_cell("end\\"), "end\\");
    }

    proptest! {
        #[test]
        fn unescape_undoes_escape(cell in "\\PC*|[=+@'\\-\\\\\t\n\r a-z]*") {
            let escaped = escape_cell(&cell);
            prop_assert!(!escaped.contains(['\t', '\n', '\r']));
            prop_assert!(!escaped.starts_with(['=', '+', '-', '@']));
            prop_assert_eq!(unescape_cell(&escaped), cell.as_str());
        }
    }
}
