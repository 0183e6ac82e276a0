//! Tab-separated bilingual files.
//!
//! Two layouts are read:
//! - plain `source<TAB>target`, one pair per line, no header;
//! - a header line naming the columns, among them the source and the
//!   target: `source` and `target`, the languages (`ar`, `en`, `Arabic`,
//!   `English`, `العربية`, `الإنجليزية`) or `translation` (the
//!   `id source target origin score terms` file `tarjama translate` writes,
//!   once a translator has filled in `target`, is one). A header that names
//!   the languages the other way round is read that way round.
//!
//! A tab, line break or backslash inside a field is written `\t`, `\n`,
//! `\r`, `\\`. Quotes are text: `"Peace now"` is read with its quotes.
//! Files with a header are also read the way `translate` writes them for
//! spreadsheets, and the way spreadsheets save them: a cell that holds a
//! `"` is written inside quotes with its quotes doubled (`"say ""yes"""`),
//! so a cell in quotes that holds a doubled quote is unquoted; and a cell
//! that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, `'`)
//! has a `'` in front, which is dropped. Empty lines are skipped.
//!
//! When the source language is Arabic, a row whose source has no Arabic
//! letter while its target has some is refused as swapped (the columns in
//! the wrong order), unless the reader is told to swap them
//! ([`TsvReader::swapped`]).
//!
//! In the `translate` layout a row whose `origin` still says `tm-fuzzy` or
//! `mt` is marked [`TranslationUnit::pending`]: its English is a suggestion
//! nobody confirmed (a fuzzy match is the English of another sentence), like
//! an XLIFF unit in state `needs-review-translation`. A translator who
//! checked it changes the origin (to `reviewed`, say); a `tm-fuzzy` row
//! also carries its score ([`TranslationUnit::fuzzy_score`]), so that an
//! import can tell an edited target from the suggestion.

use super::{LanguagePair, TranslationUnit, same_language};
use crate::error::{FileError, FileErrorKind};
use crate::text::script::Scripts;
use regex::Regex;
use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::LazyLock;

/// Column names a header may use besides the source and the target.
const OTHER_COLUMNS: &[&str] = &[
    "id", "origin", "score", "terms", "note", "notes", "comment", "comments",
];

/// What a header column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    /// The source text.
    Source,
    /// The translation.
    Target,
    /// Anything else a header may name (id, origin, note …).
    Other,
}

/// The column a header name (trimmed, lower-case) stands for, if it is one
/// a header may use.
pub(crate) fn column(name: &str, languages: &LanguagePair) -> Option<Column> {
    match name {
        "source" | "src" | "source text" | "term" => return Some(Column::Source),
        "target" | "tgt" | "target text" | "translation" => return Some(Column::Target),
        _ if OTHER_COLUMNS.contains(&name) => return Some(Column::Other),
        _ => {}
    }
    let code = match name {
        "arabic" | "العربية" | "عربي" | "عربية" => "ar",
        "english" | "الإنجليزية" | "الانجليزية" | "إنجليزي" | "انجليزي" | "الانكليزية" => {
            "en"
        }
        code if is_language_code(code) => code,
        _ => return None,
    };
    if same_language(code, &languages.source) {
        Some(Column::Source)
    } else if same_language(code, &languages.target) {
        Some(Column::Target)
    } else {
        None
    }
}

/// `ar`, `en`, `ar-SA`, `en_GB`: a language code, as a header may name a
/// column (the header is read in lower case).
static LANGUAGE_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]{2,3}([-_][A-Za-z0-9]+)*$").expect("a valid pattern"));

fn is_language_code(name: &str) -> bool {
    LANGUAGE_CODE.is_match(name)
}

/// Rows read to tell which column of a headerless file is which.
const ORIENTATION_ROWS: usize = 1000;

/// Reads TSV units; see the module documentation.
pub struct TsvReader<'a> {
    file: &'a str,
    text: &'a str,
    languages: LanguagePair,
    swap: bool,
    /// Byte offset of the next line…
    at: usize,
    /// …and of the line last read, whose number is `line`.
    row_start: usize,
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
    score: Option<usize>,
    header: bool,
}

const PLAIN: Layout = Layout {
    columns: 2,
    id: None,
    source: 0,
    target: 1,
    origin: None,
    score: None,
    header: false,
};

impl<'a> TsvReader<'a> {
    /// Reads `text`; `file` names it in errors.
    pub fn new(file: &'a str, text: &'a str, languages: LanguagePair) -> Self {
        Self {
            file,
            text,
            languages,
            swap: false,
            at: 0,
            row_start: 0,
            line: 0,
            layout: None,
        }
    }

    /// Reads the file with its two sides exchanged: for a file that has the
    /// target (English) in the column where the source belongs.
    pub fn swapped(mut self, swap: bool) -> Self {
        self.swap = swap;
        self
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
        self.row_start = self.at;
        self.at = next;
        self.line += 1;
        Some(line)
    }

    fn header(&self, fields: &[&str]) -> Result<Option<Layout>, FileError> {
        let names: Vec<String> = fields.iter().map(|f| f.trim().to_lowercase()).collect();
        let columns: Vec<Option<Column>> = names
            .iter()
            .map(|name| column(name, &self.languages))
            .collect();
        let position = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
        let (Some(source), Some(target)) = (position(Column::Source), position(Column::Target))
        else {
            return Ok(None);
        };
        if let Some(unknown) = names
            .iter()
            .zip(&columns)
            .find_map(|(n, c)| c.is_none().then_some(n))
        {
            return Err(FileError::at_line(
                FileErrorKind::Content,
                self.file,
                self.line,
                format!("unknown column `{unknown}`"),
            )
            .with_hint(format!(
                "a header names the source (source, ar, Arabic) and the target (target, en, \
                 English, translation), and may name: {}",
                OTHER_COLUMNS.join(", ")
            )));
        }
        let named = |name: &str| names.iter().position(|n| n == name);
        Ok(Some(Layout {
            columns: names.len(),
            id: named("id"),
            source,
            target,
            origin: named("origin"),
            score: named("score"),
            header: true,
        }))
    }

    fn unit(&self, layout: Layout, fields: &[&str]) -> Result<TranslationUnit, FileError> {
        if fields.len() != layout.columns {
            let expected = if layout.header {
                format!("the header has {}", layout.columns)
            } else {
                "expected 2: source<TAB>target".to_owned()
            };
            return Err(FileError::at_line(
                FileErrorKind::Content,
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
        let (source, target) = if self.swap {
            (layout.target, layout.source)
        } else {
            (layout.source, layout.target)
        };
        let source = cell(source).trim().to_owned();
        let target = cell(target).trim().to_owned();
        let origin = layout.origin.map(cell);
        let pending = origin.as_deref().is_some_and(is_unreviewed);
        let fuzzy_score = match (origin.as_deref().map(str::trim), layout.score) {
            (Some("tm-fuzzy"), Some(score)) => cell(score).trim().parse().ok(),
            _ => None,
        };
        Ok(TranslationUnit {
            id: layout.id.map(cell),
            source,
            target,
            source_lang: self.languages.source.clone(),
            target_lang: self.languages.target.clone(),
            pending,
            fuzzy_score,
            ..TranslationUnit::default()
        })
    }

    /// Refuses a headerless file whose columns look swapped: when more of
    /// its first rows have the Arabic side's text in the other script and
    /// the other side's in Arabic than the other way round (with
    /// [`TsvReader::swapped`], the opposite). `from` is the byte offset of
    /// the first row. A row whose sides do not tell (numbers, names in both
    /// scripts, a copy) counts for neither; a file with a header has said
    /// which column is which.
    fn check_orientation(&self, from: usize) -> Result<(), FileError> {
        let arabic = |code: &str| same_language(code, "ar");
        let source_is_arabic = arabic(&self.languages.source);
        if source_is_arabic == arabic(&self.languages.target) {
            return Ok(());
        }
        let (mut right, mut swapped) = (0, 0);
        let (mut first_right, mut first_swapped) = (None, None);
        let (mut at, mut line) = (from, self.line);
        let mut rows = 0;
        while at < self.text.len() && rows < ORIENTATION_ROWS {
            let (end, next) = crate::text::line_end(self.text.as_bytes(), at);
            let row = &self.text[at..end];
            let here = (line, at);
            at = next;
            line += 1;
            let Some((source, target)) = row.split_once('\t') else {
                continue;
            };
            rows += 1;
            let (arabic_side, other_side) = if source_is_arabic {
                (Scripts::of(source), Scripts::of(target))
            } else {
                (Scripts::of(target), Scripts::of(source))
            };
            if arabic_side.arabic && !other_side.arabic && other_side.other {
                right += 1;
                first_right.get_or_insert(here);
            } else if !arabic_side.arabic
                && arabic_side.other
                && other_side.arabic
                && !other_side.other
            {
                swapped += 1;
                first_swapped.get_or_insert(here);
            }
        }
        let (wrong, first_wrong, fine, how, fix) = if self.swap {
            (
                right,
                first_right,
                swapped,
                "with --swap, ",
                "leave out --swap",
            )
        } else {
            (
                swapped,
                first_swapped,
                right,
                "",
                "put the Arabic in the first column (the source), or import with --swap",
            )
        };
        let Some((line, at)) = first_wrong.filter(|_| wrong > fine) else {
            return Ok(());
        };
        let (end, _) = crate::text::line_end(self.text.as_bytes(), at);
        let (source, target) = self.text[at..end].split_once('\t').unwrap_or_default();
        let (source, target) = if self.swap {
            (target, source)
        } else {
            (source, target)
        };
        let side = |text: &str| {
            let text = unescape(text.trim());
            let shown: String = text.chars().take(40).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            format!("«{shown}{more}»")
        };
        let tally = if wrong > 1 {
            format!(
                " (so do {wrong} of the {} rows whose scripts tell)",
                wrong + fine
            )
        } else {
            String::new()
        };
        Err(FileError::at_line(
            FileErrorKind::Content,
            self.file,
            line,
            format!(
                "{how}the columns look swapped: the source {} has no Arabic letter and the target {} is Arabic{tally}",
                side(source),
                side(target)
            ),
        )
        .with_hint(fix))
    }
}

impl TsvReader<'_> {
    /// The next unit; `None` at the end of the file.
    pub fn read_next(&mut self) -> Result<Option<TranslationUnit>, FileError> {
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
                    None => {
                        self.check_orientation(self.row_start)?;
                        *self.layout.insert(PLAIN)
                    }
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
/// once its CSV quotes are gone: the `'` that protects a cell a spreadsheet
/// would take for a formula (one in front of `=`, `+`, `-`, `@` or `'`)
/// dropped, then [`unescape`]. Any other leading `'` is text (`'Tis`).
pub fn unescape_cell(cell: &str) -> Cow<'_, str> {
    let protected = cell
        .strip_prefix('\'')
        .filter(|rest| rest.starts_with(['=', '+', '-', '@', '\'']));
    unescape(protected.unwrap_or(cell))
}

/// The text of a field of the spreadsheet layout: CSV quotes removed where
/// a CSV writer put them ([`csv_quoted`]), then [`unescape_cell`].
fn spreadsheet_cell(field: &str) -> String {
    match csv_quoted(field) {
        Some(inner) => unescape_cell(&inner.replace("\"\"", "\"")).into_owned(),
        None => unescape_cell(field).into_owned(),
    }
}

/// The inside of a field that a CSV writer quoted: it quotes a cell (that
/// has no tab or line break) only for the `"` in it, which it doubles. So a
/// field in quotes whose inside has only doubled quotes, and some, was
/// quoted; `"Peace now"` was not: its quotes are text.
fn csv_quoted(field: &str) -> Option<&str> {
    let inner = field.strip_prefix('"')?.strip_suffix('"')?;
    let mut runs = inner
        .split(|c| c != '"')
        .filter(|run| !run.is_empty())
        .peekable();
    runs.peek()?;
    runs.all(|run| run.len() % 2 == 0).then_some(inner)
}

/// The columns of the `translate` layout, as `translate -f tsv` writes its
/// header. `note` holds the warnings (a glossary term the machine
/// translation left out) and, on a fuzzy row, what differs from the
/// memory's sentence, joined by ` | `.
pub const TRANSLATE_COLUMNS: [&str; 7] =
    ["id", "source", "target", "origin", "score", "terms", "note"];

/// How the rows of a table are written: every TSV and CSV the commands
/// write goes through a [`TableWriter`] with one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLayout {
    /// `\t` or `,`.
    delimiter: u8,
    /// A cell holding the delimiter or `"` is put in quotes, its quotes
    /// doubled (`"say ""yes"""`), as spreadsheets expect.
    quoted: bool,
    /// A cell that begins with `=`, `+`, `-`, `@` (what spreadsheets take
    /// for a formula) or with `'` gets a `'` in front, which spreadsheets
    /// show as text ([`unescape_cell`] takes it off again).
    for_spreadsheets: bool,
}

impl TableLayout {
    const fn new(delimiter: u8, quoted: bool, for_spreadsheets: bool) -> Self {
        Self {
            delimiter,
            quoted,
            for_spreadsheets,
        }
    }

    /// Tab-separated, cells escaped with backslashes ([`escape_field`]) and
    /// nothing else: what `tm export`, `tm lookup` and `tm search` write and
    /// [`TsvReader`] reads.
    pub const PLAIN: TableLayout = TableLayout::new(b'\t', false, false);
    /// Tab-separated for spreadsheets: backslash escapes, formulas
    /// neutralized, a cell holding `"` quoted the CSV way: what `translate`
    /// and `check` write, and [`TsvReader`] reads back.
    pub const SPREADSHEET: TableLayout = TableLayout::new(b'\t', true, true);
    /// [`TableLayout::SPREADSHEET`] without quotes, so that every row is one
    /// line that pairs with an input line: what `lookup` writes.
    pub const SPREADSHEET_UNQUOTED: TableLayout = TableLayout::new(b'\t', false, true);
    /// Comma-separated for spreadsheets: formulas neutralized, tabs and
    /// line breaks escaped, a cell holding `,` or `"` quoted.
    pub const CSV: TableLayout = TableLayout::new(b',', true, true);
}

/// Writes rows of cells in a [`TableLayout`], one row at a time so that
/// output can stream.
pub struct TableWriter {
    layout: TableLayout,
    /// Quotes cells where the layout asks for it.
    csv: csv::WriterBuilder,
}

impl TableWriter {
    /// A writer of rows in `layout`.
    pub fn new(layout: TableLayout) -> Self {
        let quote_style = if layout.quoted {
            csv::QuoteStyle::Necessary
        } else {
            csv::QuoteStyle::Never
        };
        let mut csv = csv::WriterBuilder::new();
        csv.delimiter(layout.delimiter)
            .quote_style(quote_style)
            .flexible(true)
            .buffer_capacity(ROW_BUFFER_BYTES);
        Self { layout, csv }
    }

    /// Writes one row of `cells` (escaped here) and its line end to `out`.
    pub fn write_row<S: AsRef<str>>(&self, out: &mut dyn Write, cells: &[S]) -> io::Result<()> {
        let mut row = self.csv.from_writer(out);
        for cell in cells {
            let cell = cell.as_ref();
            let escaped = if self.layout.for_spreadsheets {
                escape_cell(cell)
            } else {
                escape_field(cell)
            };
            row.write_field(escaped.as_bytes())?;
        }
        row.write_record(None::<&[u8]>)?;
        row.flush()
    }
}

/// What the CSV writer holds of a row before it passes it on (more is
/// passed on in pieces).
const ROW_BUFFER_BYTES: usize = 1024;

/// Escapes one cell for spreadsheets as [`TableLayout`] describes: backslash
/// escapes ([`escape_field`]), and a `'` in front of what a spreadsheet
/// would take for a formula (CSV quoting is left to the CSV writer).
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

    fn read(text: &str) -> Result<Vec<(String, String)>, FileError> {
        let mut reader = TsvReader::new("t.tsv", text, LanguagePair::default());
        let mut pairs = Vec::new();
        while let Some(unit) = reader.read_next()? {
            pairs.push((unit.source, unit.target));
        }
        Ok(pairs)
    }

    #[test]
    fn language_codes_are_told_from_other_names() {
        for code in ["ar", "en", "ara", "en_gb", "ar-SA", "zh-Hant-TW"] {
            assert!(is_language_code(code), "{code}");
        }
        for name in ["arabic", "a", "ar-", "1a", "ar sa", ""] {
            assert!(!is_language_code(name), "{name}");
        }
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

    fn read_as(text: &str, swap: bool) -> Result<Vec<TranslationUnit>, FileError> {
        let mut reader = TsvReader::new("t.tsv", text, LanguagePair::default()).swapped(swap);
        let mut units = Vec::new();
        while let Some(unit) = reader.read_next()? {
            units.push(unit);
        }
        Ok(units)
    }

    #[test]
    fn headers_name_the_columns_by_role_or_language() {
        let pair = ("السلام الآن".to_owned(), "Peace now".to_owned());
        for header in [
            "source\ttarget",
            "Arabic\tEnglish",
            "ar\ten",
            "AR-SA\ten_GB",
            "العربية\tالإنجليزية",
            "Source\tTranslation",
        ] {
            let text = format!("{header}\nالسلام الآن\tPeace now\n");
            assert_eq!(
                read(&text).unwrap(),
                std::slice::from_ref(&pair),
                "{header}"
            );
        }
        // Named the other way round, read the other way round.
        for header in ["English\tArabic", "en\tar", "target\tsource"] {
            let text = format!("{header}\nPeace now\tالسلام الآن\n");
            assert_eq!(
                read(&text).unwrap(),
                std::slice::from_ref(&pair),
                "{header}"
            );
        }
        let err = read("Arabic\tEnglish\tcolour\nنعم\tYes\tred\n").unwrap_err();
        assert!(err.to_string().contains("unknown column `colour`"), "{err}");
    }

    #[test]
    fn swapped_columns_are_refused_or_swapped_on_request() {
        let swapped = "G7\tمجموعة السبع\nPeace now\tالسلام الآن\n2024\t2024\n";
        let err = read(swapped).unwrap_err();
        assert_eq!(err.line, Some(1));
        assert_eq!(err.kind, FileErrorKind::Content);
        assert_eq!(
            err.to_string(),
            "the columns look swapped: the source «G7» has no Arabic letter and the target \
             «مجموعة السبع» is Arabic (so do 2 of the 2 rows whose scripts tell): t.tsv:1"
        );
        assert_eq!(
            err.hint,
            "put the Arabic in the first column (the source), or import with --swap"
        );
        let units = read_as(swapped, true).unwrap();
        assert_eq!(
            (units[1].source.as_str(), units[1].target.as_str()),
            ("السلام الآن", "Peace now")
        );
        let err = read_as("نعم\tYes\n", true).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("with --swap, the columns look swapped")
        );
        // One odd row in a file the right way round, rows that do not tell,
        // and a header that names the columns are read as they are.
        assert!(read("نعم\tYes\nلا\tNo\nBBC\tبي بي سي\n").is_ok());
        assert!(read("قمة G20\tG20 summit\n2024\t2024\nCOVID-19\tCOVID-19\n").is_ok());
        assert!(read("source\ttarget\nBBC\tبي بي سي\n").is_ok());
    }

    #[test]
    fn quotes_are_text_unless_a_csv_writer_put_them() {
        let text = "source\ttarget\n\
                    السلام الآن\t\"Peace now\"\n\
                    قال \"نعم\"\t\"He said \"\"yes\"\"\"\n\
                    نعم\t'Tis so\n\
                    لا\t'-1\n\
                    ربما\t\"\"\n";
        let targets: Vec<String> = read(text).unwrap().into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            targets,
            ["\"Peace now\"", "He said \"yes\"", "'Tis so", "-1", "\"\""]
        );
    }

    #[test]
    fn fuzzy_rows_carry_their_score() {
        let text = "id\tsource\ttarget\torigin\tscore\tterms\n\
                    1\tلا\tNo\ttm-fuzzy\t83\t\n\
                    2\tنعم\tYes\tmt\t\t\n";
        let units = read_as(text, false).unwrap();
        assert_eq!((units[0].pending, units[0].fuzzy_score), (true, Some(83)));
        assert_eq!((units[1].pending, units[1].fuzzy_score), (true, None));
    }

    /// A text with what a TSV must keep: quotes at both ends and inside,
    /// apostrophes, formula starts, tabs, line breaks, backslashes.
    fn tricky(words: &'static str) -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("\""),
                Just("\"\""),
                Just("'"),
                Just("="),
                Just("-"),
                Just("\\"),
                Just("\t"),
                Just("\n"),
                Just(" "),
                proptest::sample::select(words.split(' ').collect::<Vec<_>>()),
            ],
            1..12,
        )
        .prop_map(|parts| parts.concat())
        .prop_filter("a side has words and no padding", |text| {
            text.trim() == text && text.chars().any(char::is_alphabetic)
        })
    }

    proptest! {
        #[test]
        fn exported_pairs_read_back_exactly(
            source in tricky("السلام الآن قال نعم"),
            target in tricky("Peace now said yes"),
        ) {
            let mut file = Vec::new();
            TableWriter::new(TableLayout::PLAIN).write_row(&mut file, &[&source, &target]).unwrap();
            let text = String::from_utf8(file).unwrap();
            prop_assert_eq!(read(&text).unwrap(), [(source, target)]);
        }

        #[test]
        fn translate_tsv_reads_back_exactly(
            source in tricky("السلام الآن قال نعم"),
            target in tricky("Peace now said yes"),
        ) {
            // A row as `translate -f tsv` writes it, once its target is filled in.
            let table = TableWriter::new(TableLayout::SPREADSHEET);
            let mut file = Vec::new();
            table.write_row(&mut file, &TRANSLATE_COLUMNS).unwrap();
            table.write_row(&mut file, &["1", &source, &target, "none", "", "", ""]).unwrap();
            let text = String::from_utf8(file).unwrap();
            prop_assert_eq!(read(&text).unwrap(), [(source, target)]);
        }
    }

    proptest! {
        #[test]
        fn escaping_round_trips(field in "[a-z\\\\\t\n\r ت]{0,20}") {
            let escaped = escape_field(&field);
            prop_assert!(!escaped.contains(['\t', '\n', '\r']));
            prop_assert_eq!(unescape(&escaped), field.as_str());
        }
    }

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
