//! Tab-separated values with the columns `id source target origin score
//! terms note`, one line per segment, for a translator to fill `target` in a
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
//! tab delimiter has already unquoted; `tarjama tm import` reads the file
//! back through [`crate::exchange::tsv`], which shares this escaping.

use super::{notes, term_pairs};
use crate::document::Document;
use crate::exchange::tsv::escape_field;
/// Undoes [`escape_cell`] (after the CSV reader's unquoting).
pub use crate::exchange::tsv::unescape_cell;
use std::borrow::Cow;
use std::io::{self, Write};

/// The header line's columns. `note` holds the warnings (a glossary term
/// the machine translation left out) and, on a fuzzy row, what differs
/// from the memory's sentence, joined by ` | `.
pub const COLUMNS: [&str; 7] = ["id", "source", "target", "origin", "score", "terms", "note"];

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
        let note = notes(segment).join(" | ");
        let cells = [
            escape_cell(&id),
            escape_cell(&segment.source),
            escape_cell(segment.target.as_deref().unwrap_or_default()),
            escape_cell(segment.origin.as_str()),
            escape_cell(&score),
            escape_cell(&terms),
            escape_cell(&note),
        ];
        writer.write_record(cells.iter().map(|cell| cell.as_bytes()))?;
    }
    writer.flush()
}

/// Escapes one cell as the module documentation describes (CSV quoting of
/// `"` is left to the CSV writer).
pub fn escape_cell(cell: &str) -> Cow<'_, str> {
    if !cell.starts_with(['=', '+', '-', '@', '\'']) {
        return escape_field(cell);
    }
    let mut protected = String::with_capacity(cell.len() + 2);
    protected.push('\'');
    protected.push_str(&escape_field(cell));
    Cow::Owned(protected)
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
