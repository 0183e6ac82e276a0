//! OmegaT's glossary layout: `source<TAB>target[<TAB>comment]`, one entry a
//! line, `#` starts a comment line.
//!
//! The comment column holds the entry type when it is one of the type names
//! (person, org, place, title, term), else a note.

use super::model::{Entry, Kind};
use super::table::u32_of;
use super::table::{EntryTable, Extra, MAX_TEXT_BYTES, Row, Span};
use crate::error::line_breaks;
use crate::error::{FileError, FileErrorKind};
use crate::exchange::LanguagePair;
use crate::exchange::tsv::{Column, column};
use crate::text::line_end;
use crate::text::script::{Scripts, is_arabic_letter};
use std::io::{self, Write};
use std::sync::Arc;

/// Above this size the two halves of a TSV file are read in parallel.
const PARALLEL_FROM_BYTES: usize = 4 << 20;

/// Parses a TSV glossary; `name` is used in sources and errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<Entry>, FileError> {
    Ok(read_table(name, text.to_owned())?.to_entries())
}

/// Parses a TSV glossary into a table whose strings are the fields of
/// `text` itself: nothing is copied.
pub fn read_table(name: &str, text: String) -> Result<EntryTable, FileError> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(super::load::too_large(name));
    }
    let middle = text.len() / 2;
    let (_, split) = line_end(text.as_bytes(), middle);
    let parallel = text.len() >= PARALLEL_FROM_BYTES && split < text.len();
    let (rows, extras) = if parallel {
        let second_line = 1 + line_breaks(&text, 0, split);
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| parse_lines(name, &text, split..text.len(), second_line));
            let first = parse_lines(name, &text, 0..split, 1);
            (first, second.join())
        });
        let (mut rows, mut extras) = first?;
        let (second_rows, second_extras) =
            second.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
        let shift = u32_of(extras.len());
        rows.extend(second_rows.into_iter().map(|row| Row {
            extra: if row.extra == u32::MAX {
                row.extra
            } else {
                row.extra + shift
            },
            ..row
        }));
        extras.extend(second_extras);
        (rows, extras)
    } else {
        parse_lines(name, &text, 0..text.len(), 1)?
    };
    Ok(EntryTable::over(text, rows, extras, vec![Arc::from(name)]))
}

/// Parses the lines of `text[within]`, whose first line is line
/// `first_line` of the file, into rows over `text`.
fn parse_lines(
    name: &str,
    text: &str,
    within: std::ops::Range<usize>,
    first_line: usize,
) -> Result<(Vec<Row>, Vec<Extra>), FileError> {
    let bytes = &text.as_bytes()[..within.end];
    let mut rows = Vec::with_capacity(line_breaks(text, within.start, within.end) + 1);
    let mut extras = Vec::new();
    let mut at = within.start;
    let mut line_number = first_line;
    while at < bytes.len() {
        let (end, next) = line_end(bytes, at);
        let line = &text[at..end];
        at = next;
        line_number += 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(ar), Some(en)) = (columns.next(), columns.next()) else {
            return Err(column_error(name, line_number - 1, "no tab on the line"));
        };
        if !ar.chars().any(is_arabic_letter) {
            // A header (only the first line of the file may be one), or a
            // row the wrong way round.
            let first = rows.is_empty() && first_line == 1;
            if first && is_header(ar, en) {
                continue;
            }
            if Scripts::of(ar).other && Scripts::of(en).arabic {
                return Err(FileError::at_line(
                    FileErrorKind::Content,
                    name,
                    line_number - 1,
                    format!("the columns look swapped: `{ar}` has no Arabic letter and `{en}` is Arabic"),
                )
                .with_hint("each line is `arabic<TAB>english` with an optional third column: put the Arabic first"));
            }
        }
        let comment = columns.next();
        if columns.next().is_some() {
            return Err(column_error(
                name,
                line_number - 1,
                "more than three columns",
            ));
        }
        let span = |field: &str| {
            let start = field.as_ptr() as usize - text.as_ptr() as usize;
            Span::of(start..start + field.len())
        };
        let (kind, note) = match comment.map(str::trim) {
            None | Some("") => (Kind::Term, None),
            Some(comment) => match comment.parse::<Kind>() {
                Ok(kind) => (kind, None),
                Err(_) => match comment.split_once(": ") {
                    Some((kind, note)) if kind.parse::<Kind>().is_ok() => {
                        (kind.parse().unwrap_or_default(), Some(note.trim()))
                    }
                    _ => (Kind::Term, Some(comment)),
                },
            },
        };
        let extra = match note.filter(|note| !note.is_empty()) {
            Some(note) => {
                extras.push(Extra::note(span(note)));
                u32_of(extras.len()) - 1
            }
            None => u32::MAX,
        };
        rows.push(Row {
            ar: span(ar),
            en: span(en),
            kind,
            extra,
            file: 0,
            line: u32_of(line_number - 1),
        });
    }
    Ok((rows, extras))
}

/// A first line that names the columns (`Arabic<TAB>English`,
/// `source<TAB>target`, `ar<TAB>en`) rather than holding an entry.
fn is_header(ar: &str, en: &str) -> bool {
    let languages = LanguagePair::default();
    let role = |name: &str| column(&name.trim().to_lowercase(), &languages);
    matches!(
        (role(ar), role(en)),
        (Some(Column::Source), Some(Column::Target))
    )
}

fn column_error(name: &str, line: usize, what: &str) -> FileError {
    FileError::at_line(
        FileErrorKind::Content,
        name,
        line,
        format!("{what} in a TSV glossary"),
    )
    .with_hint(
        "each line is `arabic<TAB>english` with an optional third column (a type or a comment)",
    )
}

/// Writes entries in OmegaT's layout: one line per Arabic form (the key and
/// each variant) with the English, and as the comment the type and the
/// note (`place`, `place: a note`, or the note of a term). Tabs and line
/// breaks inside fields become spaces. The layout has no room for `avoid`
/// and `long`: [`losses`] counts the entries that lose them.
pub fn write(entries: &[Entry], out: &mut dyn Write) -> io::Result<()> {
    for entry in entries {
        let comment = match (&entry.note, entry.kind) {
            (Some(note), Kind::Term) => clean(note),
            (Some(note), kind) => format!("{kind}: {}", clean(note)),
            (None, Kind::Term) => String::new(),
            (None, kind) => kind.name().to_owned(),
        };
        for form in entry.forms() {
            let line = [clean(form), clean(&entry.en), comment.clone()].join("\t");
            writeln!(out, "{}", line.trim_end_matches('\t'))?;
        }
    }
    Ok(())
}

/// What OmegaT's layout cannot hold of some entries, counted by field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Losses {
    /// Entries with an `avoid` list (dropped).
    pub avoid: usize,
    /// Entries with a `long` form (dropped).
    pub long: usize,
}

/// What [`write()`] leaves out of `entries`.
pub fn losses(entries: &[Entry]) -> Losses {
    let mut losses = Losses::default();
    for entry in entries {
        losses.avoid += usize::from(!entry.avoid.is_empty());
        losses.long += usize::from(entry.long.is_some());
    }
    losses
}

fn clean(field: &str) -> String {
    field.replace(['\t', '\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_two_and_three_columns() {
        let entries = parse(
            "g.tsv",
            "# a comment\nجنيف\tGeneva\tplace\n\nريابكوف\tRyabkov\tdeputy minister\r\nسلام\tpeace\n",
        )
        .unwrap();
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].kind, Kind::Place);
        assert_eq!(entries[1].note.as_deref(), Some("deputy minister"));
        assert_eq!(entries[1].en, "Ryabkov");
        assert_eq!(entries[2].source.as_ref().unwrap().to_string(), "g.tsv:5");
    }

    #[test]
    fn a_header_line_is_not_an_entry() {
        for header in [
            "Arabic\tEnglish",
            "source\ttarget\tcomment",
            "ar\ten",
            "Term\tTranslation",
        ] {
            let text = format!("# terms\n{header}\nجنيف\tGeneva\tplace\n");
            let entries = parse("g.tsv", &text).unwrap();
            assert_eq!(entries.len(), 1, "{header}");
            assert_eq!(entries[0].en, "Geneva");
        }
    }

    #[test]
    fn swapped_columns_are_an_error_with_their_line() {
        let err = parse("g.tsv", "جنيف\tGeneva\nLebanon\tلبنان\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the columns look swapped: `Lebanon` has no Arabic letter and `لبنان` is Arabic: g.tsv:2"
        );
        assert_eq!(
            err.hint,
            "each line is `arabic<TAB>english` with an optional third column: put the Arabic first"
        );
        // Only the first line can be a header.
        let entries = parse("g.tsv", "جنيف\tGeneva\nArabic\tEnglish\n").unwrap();
        assert_eq!(entries.len(), 2);
    }

    #[test]
    fn a_line_without_tab_is_an_error_with_its_line() {
        let err = parse("g.tsv", "جنيف\tGeneva\nروسيا Russia\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no tab on the line in a TSV glossary: g.tsv:2"
        );
        assert!(!err.hint.is_empty());
    }

    #[test]
    fn large_files_read_in_two_halves_keep_order_and_lines() {
        let mut text = String::new();
        for n in 0..140_000 {
            text.push_str(&format!("كلمة{n}\tword {n}\tplace\n"));
        }
        assert!(text.len() >= PARALLEL_FROM_BYTES);
        let entries = parse("big.tsv", &text).unwrap();
        assert_eq!(entries.len(), 140_000);
        for (n, entry) in entries.iter().enumerate().step_by(9_999) {
            assert_eq!(entry.en, format!("word {n}"));
            assert_eq!(entry.source.as_ref().unwrap().line, n + 1);
        }
        text.push_str("bad line\n");
        let err = parse("big.tsv", &text).unwrap_err();
        assert_eq!(err.line, Some(140_001));
    }

    #[test]
    fn every_kind_of_line_end_ends_a_row_also_across_the_halves() {
        for end in ["\r", "\r\n"] {
            let mut text = String::new();
            for n in 0..140_000 {
                text.push_str(&format!("كلمة{n}\tword {n}{end}"));
            }
            let entries = parse("big.tsv", &text).unwrap();
            assert_eq!(entries.len(), 140_000, "{end:?}");
            assert_eq!(entries[139_999].source.as_ref().unwrap().line, 140_000);
            text.push_str("bad line");
            assert_eq!(parse("big.tsv", &text).unwrap_err().line, Some(140_001));
        }
    }

    #[test]
    fn counts_what_the_layout_leaves_out() {
        let entries = [
            Entry {
                ar: "أوكرانيا".into(),
                en: "Ukraine".into(),
                kind: Kind::Place,
                avoid: vec!["the Ukraine".into()],
                note: Some("a country".into()),
                ..Entry::default()
            },
            Entry {
                ar: "الناتو".into(),
                en: "NATO".into(),
                kind: Kind::Org,
                long: Some("North Atlantic Treaty Organization".into()),
                ..Entry::default()
            },
        ];
        assert_eq!(losses(&entries), Losses { avoid: 1, long: 1 });
        assert_eq!(losses(&entries[1..1]), Losses::default());
    }

    #[test]
    fn type_and_note_share_the_comment_and_read_back() {
        let entry = Entry {
            ar: "ريابكوف".into(),
            en: "Ryabkov".into(),
            kind: Kind::Person,
            note: Some("deputy minister: foreign affairs".into()),
            ..Entry::default()
        };
        let mut out = Vec::new();
        write(std::slice::from_ref(&entry), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "ريابكوف\tRyabkov\tperson: deputy minister: foreign affairs\n"
        );
        let read = parse("g.tsv", &text).unwrap();
        assert_eq!(
            (read[0].kind, read[0].note.as_deref()),
            (entry.kind, entry.note.as_deref())
        );
    }

    #[test]
    fn writes_one_line_per_form() {
        let entry = Entry {
            ar: "الناتو".into(),
            en: "NATO".into(),
            kind: Kind::Org,
            variants: vec!["حلف الناتو".into()],
            ..Entry::default()
        };
        let mut out = Vec::new();
        write(&[entry], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "الناتو\tNATO\torg\nحلف الناتو\tNATO\torg\n"
        );
    }
}
