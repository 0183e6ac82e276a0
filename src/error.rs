//! Errors about a place in an input file: how the place is counted and
//! how such an error is displayed.

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

/// Writes `<message>: <file>[:line[:column]]`, then a `hint:` line when
/// there is a hint: what went wrong, where, and what to do.
pub(crate) fn write_located(
    f: &mut fmt::Formatter<'_>,
    message: &str,
    file: &str,
    line: Option<usize>,
    column: Option<usize>,
    hint: &str,
) -> fmt::Result {
    write!(f, "{message}: {file}")?;
    if let Some(line) = line {
        write!(f, ":{line}")?;
        if let Some(column) = column {
            write!(f, ":{column}")?;
        }
    }
    if !hint.is_empty() {
        write!(f, "\nhint: {hint}")?;
    }
    Ok(())
}

/// `Display` for an error type with the fields `message`, `file`, `line`,
/// `column` and `hint`, through [`write_located`].
macro_rules! display_located {
    ($error:ty) => {
        impl std::fmt::Display for $error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $crate::error::write_located(
                    f,
                    &self.message,
                    &self.file,
                    self.line,
                    self.column,
                    &self.hint,
                )
            }
        }
    };
}
pub(crate) use display_located;

#[cfg(test)]
mod tests {
    use super::*;

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
