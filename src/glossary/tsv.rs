//! OmegaT's glossary layout: `source<TAB>target[<TAB>comment]`, one entry a
//! line, `#` starts a comment line.
//!
//! The comment column holds the entry type when it is one of the type names
//! (person, org, place, title, term), else a note.

use super::load::LoadError;
use super::model::{Entry, Kind, Source};
use std::io::{self, Write};
use std::sync::Arc;

/// Above this size the two halves of a TSV file are read in parallel.
const PARALLEL_FROM_BYTES: usize = 4 << 20;

/// Parses a TSV glossary; `name` is used in sources and errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<Entry>, LoadError> {
    let file: Arc<str> = Arc::from(name);
    let middle = text.len() / 2;
    let split = text.as_bytes()[middle..].iter().position(|&b| b == b'\n');
    let (Some(split), true) = (split, text.len() >= PARALLEL_FROM_BYTES) else {
        return parse_lines(name, &file, text, 1);
    };
    let (first, second) = text.split_at(middle + split + 1);
    let second_line = 1 + first.bytes().filter(|&b| b == b'\n').count();
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| parse_lines(name, &file, second, second_line));
        let first = parse_lines(name, &file, first, 1);
        (first, second.join())
    });
    let mut entries = first?;
    match second {
        Ok(second) => entries.extend(second?),
        Err(panic) => std::panic::resume_unwind(panic),
    }
    Ok(entries)
}

/// Parses `text`, whose first line is line `first_line` of the file.
fn parse_lines(
    name: &str,
    file: &Arc<str>,
    text: &str,
    first_line: usize,
) -> Result<Vec<Entry>, LoadError> {
    let mut entries = Vec::with_capacity(text.bytes().filter(|&b| b == b'\n').count() + 1);
    for (index, line) in text.lines().enumerate() {
        let line_number = first_line + index;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut columns = line.split('\t');
        let (Some(ar), Some(en)) = (columns.next(), columns.next()) else {
            return Err(column_error(name, line_number, "no tab on the line"));
        };
        let comment = columns.next();
        if columns.next().is_some() {
            return Err(column_error(name, line_number, "more than three columns"));
        }
        let (kind, note) = match comment.map(str::trim) {
            None | Some("") => (Kind::Term, None),
            Some(comment) => match comment.parse::<Kind>() {
                Ok(kind) => (kind, None),
                Err(_) => (Kind::Term, Some(comment.to_owned())),
            },
        };
        entries.push(Entry {
            ar: ar.to_owned(),
            en: en.to_owned(),
            kind,
            note,
            source: Some(Source {
                file: file.clone(),
                line: line_number,
            }),
            ..Entry::default()
        });
    }
    Ok(entries)
}

fn column_error(name: &str, line: usize, what: &str) -> LoadError {
    LoadError::new(
        name,
        format!("{what} in a TSV glossary"),
        "each line is `arabic<TAB>english` with an optional third column (a type or a comment)",
    )
    .at(line, None)
}

/// Writes entries in OmegaT's layout: one line per Arabic form (the key and
/// each variant) with the English, and the note (or else the type) as the
/// comment. Tabs and line breaks inside fields become spaces.
pub fn write(entries: &[Entry], out: &mut dyn Write) -> io::Result<()> {
    for entry in entries {
        let comment = match (&entry.note, entry.kind) {
            (Some(note), _) => clean(note),
            (None, Kind::Term) => String::new(),
            (None, kind) => kind.as_str().to_owned(),
        };
        for form in entry.forms() {
            let line = [clean(form), clean(&entry.en), comment.clone()].join("\t");
            writeln!(out, "{}", line.trim_end_matches('\t'))?;
        }
    }
    Ok(())
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
    fn a_line_without_tab_is_an_error_with_its_line() {
        let err = parse("g.tsv", "جنيف\tGeneva\nروسيا Russia\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no tab on the line in a TSV glossary: g.tsv:2\nhint:")
        );
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
