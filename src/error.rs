//! Errors about a place in an input file ([`FileError`], one type for every
//! reader: glossaries, interchange files), how the place is counted, and
//! [`Hinted`]: what a library error says to do about it, apart from what
//! went wrong, for the binary to show on a line of its own.

use std::borrow::Cow;
use std::fmt;
/// Line and column (both from 1, the column in characters) of byte
/// `offset` in `text`. Lines end at `\n`, `\r\n` or a lone `\r`, as an
/// editor shows them; other Unicode line separators (NEL, U+2028), which
/// YAML also counts, do not start a line, so a place is named as the user
/// sees it.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |at| at + 1);
    (
        line_breaks(text, 0, offset) + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// How many lines end in `text[from..to]`: each `\n`, each `\r\n` once
/// and each lone `\r`. A `\r` at `to - 1` followed by `\n` is counted
/// with that `\n`, so counts over adjacent ranges add up.
pub(crate) fn line_breaks(text: &str, from: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', &bytes[from..to])
        .filter(|&at| !(bytes[from + at] == b'\r' && bytes.get(from + at + 1) == Some(&b'\n')))
        .count()
}

/// What is wrong with an input file, for callers that act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileErrorKind {
    /// The file cannot be read: missing, a folder, no permission.
    Unreadable,
    /// Not UTF-8 (or UTF-16 behind a byte-order mark).
    Encoding,
    /// Not well-formed: broken XML or YAML.
    Syntax,
    /// Well-formed, but not what the format holds: a missing language or
    /// column, an unknown field, swapped columns, a wrong root element.
    Content,
    /// Nothing in it: no entries, no root element.
    Empty,
    /// Larger than the tool takes.
    TooLarge,
    /// Refused for safety: entity declarations, nesting too deep, aliases
    /// that expand without bound.
    Refused,
    /// Reading stopped before the end (Ctrl-C).
    Interrupted,
}

/// A problem in an input file: what is wrong ([`FileErrorKind`] and a
/// message with the words), where (the file, and the line and column when
/// known) and what to do about it.
///
/// Displayed as `<message>: <file>[:line[:column]]`; the hint is apart
/// ([`Hinted::hint`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// What kind of problem it is.
    pub kind: FileErrorKind,
    /// The file as the caller named it.
    pub file: String,
    /// The line, from 1, when known.
    pub line: Option<usize>,
    /// The column (in characters), from 1, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it (may be empty).
    pub hint: String,
}

impl FileError {
    /// An error without a position.
    pub fn new(kind: FileErrorKind, file: &str, message: impl Into<String>) -> Self {
        Self {
            kind,
            file: file.to_owned(),
            line: None,
            column: None,
            message: message.into(),
            hint: String::new(),
        }
    }

    /// An error at byte offset `offset` of `text`.
    pub fn at_offset(
        kind: FileErrorKind,
        file: &str,
        text: &str,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let (line, column) = line_column(text, offset);
        Self::new(kind, file, message).at(line, Some(column))
    }

    /// An error on line `line`.
    pub fn at_line(
        kind: FileErrorKind,
        file: &str,
        line: usize,
        message: impl Into<String>,
    ) -> Self {
        Self::new(kind, file, message).at(line, None)
    }

    /// The same error at `line` (and `column`).
    #[must_use]
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Adds what to do about it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.message, self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for FileError {}

/// An error that can say what to do about it. Its `Display` says what went
/// wrong and where; the hint is for the binary to show on a line of its
/// own.
pub trait Hinted {
    /// What to do about it, when there is something to say.
    fn hint(&self) -> Option<Cow<'_, str>>;
}

impl Hinted for FileError {
    fn hint(&self) -> Option<Cow<'_, str>> {
        (!self.hint.is_empty()).then_some(Cow::Borrowed(&self.hint))
    }
}

impl Hinted for std::io::Error {
    fn hint(&self) -> Option<Cow<'_, str>> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_the_place_last_and_keeps_the_hint_apart() {
        let error = FileError::at_offset(FileErrorKind::Syntax, "m.tmx", "a\nbc", 3, "bad")
            .with_hint("fix it");
        assert_eq!(error.to_string(), "bad: m.tmx:2:2");
        assert_eq!(error.hint().as_deref(), Some("fix it"));
        let error = FileError::new(FileErrorKind::Empty, "e.tsv", "empty");
        assert_eq!(
            (error.to_string().as_str(), error.hint()),
            ("empty: e.tsv", None)
        );
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\nسلام x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 6));
    }

    #[test]
    fn lines_end_as_an_editor_shows_them() {
        let text = "a\r\nb\rc\nd\u{85}e\u{2028}f";
        assert_eq!(line_column(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(line_column(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(line_column(text, text.find('d').unwrap()), (4, 1));
        assert_eq!(line_column(text, text.find('f').unwrap()), (4, 5));
        // On the \r of a \r\n: still the line it ends.
        assert_eq!(line_column(text, 1), (1, 2));
    }

    #[test]
    fn counts_over_adjacent_ranges_add_up() {
        let text = "a\r\nb\rc\n";
        for split in 0..=text.len() {
            assert_eq!(
                line_breaks(text, 0, split) + line_breaks(text, split, text.len()),
                3,
                "split at {split}"
            );
        }
    }
}
