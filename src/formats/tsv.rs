//! Tab-separated bilingual files.
//!
//! Two layouts are read:
//! - plain `source<TAB>target`, one pair per line, no header;
//! - a header line naming the columns, among them `source` and `target`
//!   (the `id source target origin score terms` file `tarjama translate`
//!   writes, once a translator has filled in `target`).
//!
//! A tab, line break or backslash inside a field is written `\t`, `\n`,
//! `\r`, `\\`. Plain pairs are read as they are otherwise. Files with a
//! header are read the way `translate` writes them for spreadsheets: a cell
//! holding `"` is quoted the CSV way (`"say ""yes"""`) and a cell that a
//! spreadsheet would take for a formula has a `'` in front. Empty lines are
//! skipped.
//!
//! In the `translate` layout a row whose `origin` still says `tm-fuzzy` or
//! `mt` is marked [`TranslationUnit::pending`]: its English is a suggestion
//! nobody confirmed (a fuzzy match is the English of another sentence), like
//! an XLIFF unit in state `needs-review-translation`. A translator who
//! checked it changes the origin (to `reviewed`, say).

use super::{FormatError, LanguagePair, TranslationUnit};
use std::borrow::Cow;
use std::io::{self, Write};

/// Column names a header may use.
const KNOWN_COLUMNS: &[&str] = &[
    "id", "source", "target", "origin", "score", "terms", "note", "comment",
];

/// Reads TSV units; see the module documentation.
pub struct TsvReader<'a> {
    file: &'a str,
    text: &'a str,
    languages: LanguagePair,
    /// Byte offset of the next line.
    at: usize,
    line: usize,
    layout: Option<Layout>,
}

#[derive(Debug, Clone, Copy)]
struct Layout {
    columns: usize,
    id: Option<usize>,
    source: usize,
    target: usize,
    origin: Option<usize>,
    header: bool,
}

const PLAIN: Layout = Layout {
    columns: 2,
    id: None,
    source: 0,
    target: 1,
    origin: None,
    header: false,
};

impl<'a> TsvReader<'a> {
    /// Reads `text`; `file` names it in errors.
    pub fn new(file: &'a str, text: &'a str, languages: LanguagePair) -> Self {
        Self {
            file,
            text,
            languages,
            at: 0,
            line: 0,
            layout: None,
        }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.at
    }

    fn next_line(&mut self) -> Option<&'a str> {
        if self.at >= self.text.len() {
            return None;
        }
        let (end, next) = crate::text::line_end(self.text.as_bytes(), self.at);
        let line = &self.text[self.at..end];
        self.at = next;
        self.line += 1;
        Some(line)
    }

    fn header(&self, fields: &[&str]) -> Result<Option<Layout>, FormatError> {
        let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
        let position = |name: &str| names.iter().position(|n| n == name);
        let (Some(source), Some(target)) = (position("source"), position("target")) else {
            return Ok(None);
        };
        if let Some(unknown) = names.iter().find(|n| !KNOWN_COLUMNS.contains(&n.as_str())) {
            return Err(FormatError::at_line(
                self.file,
                self.line,
                format!("unknown column `{unknown}`"),
            )
            .with_hint(format!("a header may name: {}", KNOWN_COLUMNS.join(", "))));
        }
        Ok(Some(Layout {
            columns: names.len(),
            id: position("id"),
            source,
            target,
            origin: position("origin"),
            header: true,
        }))
    }

    fn unit(&self, layout: Layout, fields: &[&str]) -> Result<TranslationUnit, FormatError> {
        if fields.len() != layout.columns {
            let expected = if layout.header {
                format!("the header has {}", layout.columns)
            } else {
                "expected 2: source<TAB>target".to_owned()
            };
            return Err(FormatError::at_line(
                self.file,
                self.line,
                format!("{} columns, {expected}", fields.len()),
            )
            .with_hint(
                "separate source and target with one tab; write a tab inside a field as \\t",
            ));
        }
        let cell = |at: usize| {
            let field = fields[at];
            if layout.header {
                spreadsheet_cell(field)
            } else {
                unescape(field).into_owned()
            }
        };
        let origin = layout.origin.map(cell);
        Ok(TranslationUnit {
            id: layout.id.map(cell),
            source: cell(layout.source).trim().to_owned(),
            target: cell(layout.target).trim().to_owned(),
            source_lang: self.languages.source.clone(),
            target_lang: self.languages.target.clone(),
            pending: origin.is_some_and(|origin| is_unreviewed(&origin)),
            ..TranslationUnit::default()
        })
    }
}

impl TsvReader<'_> {
    /// The next unit; `None` at the end of the file.
    pub fn read_next(&mut self) -> Result<Option<TranslationUnit>, FormatError> {
        loop {
            let Some(line) = self.next_line() else {
                return Ok(None);
            };
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let layout = match self.layout {
                Some(layout) => layout,
                None => match self.header(&fields)? {
                    Some(layout) => {
                        self.layout = Some(layout);
                        continue;
                    }
                    None => *self.layout.insert(PLAIN),
                },
            };
            return self.unit(layout, &fields).map(Some);
        }
    }
}

/// True for the origins `translate` gives English nobody has reviewed: a
/// fuzzy match (the English of another sentence) and machine translation.
fn is_unreviewed(origin: &str) -> bool {
    matches!(origin.trim(), "tm-fuzzy" | "mt")
}

/// Escapes a field: backslash, tab and line breaks become `\\`, `\t`, `\n`, `\r`.
pub fn escape_field(field: &str) -> Cow<'_, str> {
    if !field.contains(['\\', '\t', '\n', '\r']) {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len() + 8);
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Undoes [`escape_field`]; a backslash before any other character stays.
pub fn unescape(field: &str) -> Cow<'_, str> {
    if !field.contains('\\') {
        return Cow::Borrowed(field);
    }
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let replacement = match chars.peek() {
            Some('\\') => '\\',
            Some('t') => '\t',
            Some('n') => '\n',
            Some('r') => '\r',
            _ => {
                out.push('\\');
                continue;
            }
        };
        chars.next();
        out.push(replacement);
    }
    Cow::Owned(out)
}

/// The text of a cell written for spreadsheets (`tarjama translate -f tsv`)
/// once its CSV quotes are gone: one leading `'` (which protects a cell a
/// spreadsheet would take for a formula) dropped, then [`unescape`].
pub fn unescape_cell(cell: &str) -> Cow<'_, str> {
    unescape(cell.strip_prefix('\'').unwrap_or(cell))
}

/// The text of a field of the spreadsheet layout: CSV quotes removed, then
/// [`unescape_cell`].
fn spreadsheet_cell(field: &str) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => unescape_cell(&inner.replace("\"\"", "\"")).into_owned(),
        None => unescape_cell(field).into_owned(),
    }
}

/// Writes one row of escaped fields.
pub fn write_row(out: &mut dyn Write, fields: &[&str]) -> io::Result<()> {
    for (index, field) in fields.iter().enumerate() {
        if index > 0 {
            out.write_all(b"\t")?;
        }
        out.write_all(escape_field(field).as_bytes())?;
    }
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str) -> Result<Vec<(String, String)>, FormatError> {
        let mut reader = TsvReader::new("t.tsv", text, LanguagePair::default());
        let mut pairs = Vec::new();
        while let Some(unit) = reader.read_next()? {
            pairs.push((unit.source, unit.target));
        }
        Ok(pairs)
    }

    #[test]
    fn reads_plain_pairs_and_skips_blank_lines() {
        let units = read("قال الوزير\tThe minister said\r\n\n  \nنعم\tYes\n").unwrap();
        assert_eq!(
            units,
            [
                ("قال الوزير".to_owned(), "The minister said".to_owned()),
                ("نعم".to_owned(), "Yes".to_owned())
            ]
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_row() {
        let units = read("قال الوزير\tThe minister said\r\rنعم\tYes\r").unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[1], ("نعم".to_owned(), "Yes".to_owned()));
    }

    #[test]
    fn reads_the_translate_layout_by_its_header() {
        let text =
            "id\tsource\ttarget\torigin\tscore\tterms\n1\tنعم\tYes\tnone\t\t\n2\tلا\t\tnone\t\t\n";
        let units = read(text).unwrap();
        assert_eq!(units[0], ("نعم".to_owned(), "Yes".to_owned()));
        assert_eq!(units[1], ("لا".to_owned(), String::new()));
    }

    #[test]
    fn reads_spreadsheet_quoting_in_the_translate_layout() {
        let text = "id\tsource\ttarget\torigin\tscore\tterms\n\
                    1\t\"قال \"\"نعم\"\"\"\t\"He said \"\"yes\"\"\"\tmt\t\t\n\
                    2\tلا\t'-1 \\t point\tnone\t\t\n";
        let units = read(text).unwrap();
        assert_eq!(
            units[0],
            ("قال \"نعم\"".to_owned(), "He said \"yes\"".to_owned())
        );
        assert_eq!(units[1].1, "-1 \t point");
    }

    #[test]
    fn unreviewed_suggestions_of_the_translate_layout_are_pending() {
        let text = "id\tsource\ttarget\torigin\tscore\tterms\n\
                    1\tنعم\tYes\ttm-exact\t100\t\n\
                    2\tلا\tNo\ttm-fuzzy\t80\t\n\
                    3\tربما\tMaybe\tmt\t\t\n\
                    4\tأبدا\tNever\treviewed\t80\t\n";
        let mut reader = TsvReader::new("t.tsv", text, LanguagePair::default());
        let mut pending = Vec::new();
        while let Some(unit) = reader.read_next().unwrap() {
            pending.push(unit.pending);
        }
        assert_eq!(pending, [false, true, true, false]);
    }

    #[test]
    fn plain_pairs_keep_quotes_and_apostrophes() {
        let units = read("\"قال\" الوزير\t'Tis \"so\"\n").unwrap();
        assert_eq!(
            units[0],
            ("\"قال\" الوزير".to_owned(), "'Tis \"so\"".to_owned())
        );
    }

    #[test]
    fn one_column_is_an_error_with_its_line() {
        let err = read("نعم\tYes\nلا\n").unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string().starts_with("1 columns, expected 2"),
            "{err}"
        );
    }

    #[test]
    fn unknown_header_column_is_an_error() {
        let err = read("source\ttarget\tcolour\nنعم\tYes\tred\n").unwrap_err();
        assert!(err.to_string().contains("unknown column `colour`"), "{err}");
    }

    #[test]
    fn row_shorter_than_the_header_is_an_error() {
        let err = read("id\tsource\ttarget\n1\tنعم\n").unwrap_err();
        assert!(err.to_string().contains("the header has 3"), "{err}");
        assert_eq!(err.line, Some(2));
    }

    proptest! {
        #[test]
        fn escaping_round_trips(field in "[a-z\\\\\t\n\r ت]{0,20}") {
            let escaped = escape_field(&field);
            prop_assert!(!escaped.contains(['\t', '\n', '\r']));
            prop_assert_eq!(unescape(&escaped), field.as_str());
        }
    }
}
