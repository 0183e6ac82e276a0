//! Markdown: a heading, a table (#, Arabic, English, match, terms) and a
//! table of the glossary entries found, as GitHub-flavoured Markdown. A row
//! without English shows its terms' English in the English column, in
//! italics after `glossary:`.

use super::{display_substitute, match_label, notes, term_counts, term_hint, term_pairs};
use crate::document::Document;
use std::io::{self, Write};

/// Writes the document's table and its term list.
pub(super) fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", cell(&document.name))?;
    if document.segments.is_empty() {
        writeln!(out, "No sentences.")?;
        return Ok(());
    }
    aligned_table(document, out)?;
    let counts = term_counts(document);
    if !counts.is_empty() {
        writeln!(out, "\n## Terms\n")?;
        writeln!(out, "| Arabic | English | type | count |")?;
        writeln!(out, "|--------|---------|------|------:|")?;
        for count in counts {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(count.entry),
                cell(count.en),
                count.kind,
                count.count
            )?;
        }
    }
    Ok(())
}

/// The table `# | Arabic | English | match | terms`, one row per segment.
pub(super) fn aligned_table(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| # | Arabic | English | match | terms |")?;
    writeln!(out, "|--:|--------|---------|-------|-------|")?;
    for segment in &document.segments {
        let mut english = cell(segment.target.as_deref().unwrap_or_default());
        let hint = term_hint(segment);
        if !hint.is_empty() {
            english = format!("*glossary:* {}", cell(&hint));
        }
        for note in notes(segment) {
            english.push_str("<br>⚠ ");
            english.push_str(&cell(&note));
        }
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            segment.id,
            cell(&segment.source),
            english,
            match_label(segment),
            cell(&term_pairs(segment, " = ")),
        )?;
    }
    Ok(())
}

/// `text` as the content of one table cell that shows exactly the text:
/// Markdown-active characters backslash-escaped, line breaks as `<br>`, tabs
/// as spaces, layout controls made visible.
pub(crate) fn cell(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(substitute) = display_substitute(c) {
            substitute
                .chars()
                .for_each(|c| push_escaped(c, &mut escaped));
            continue;
        }
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => escaped.push_str("<br>"),
            '\t' => escaped.push(' '),
            c => push_escaped(c, &mut escaped),
        }
    }
    escaped
}

/// `text` escaped as [`cell`] escapes it, its line breaks made spaces: for
/// a list item or a heading, where `<br>` would show as markup.
pub(crate) fn inline(text: &str) -> String {
    cell(&crate::text::lines(text).collect::<Vec<_>>().join(" "))
}

/// Pushes `c`, with a backslash in front when Markdown would act on it
/// (emphasis, code, links, HTML, entities, tables, strikethrough, math,
/// mentions).
fn push_escaped(c: char, out: &mut String) {
    if matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '@' | '#'
    ) {
        out.push('\\');
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_their_column() {
        assert_eq!(cell("a|b\r\nc\td"), "a\\|b<br>c d");
        assert_eq!(
            cell("<script>*x*</script>"),
            "\\<script\\>\\*x\\*\\</script\\>"
        );
        assert_eq!(cell("\u{202E}abc"), "\\[U+202E\\]abc");
    }

    #[test]
    fn inline_text_has_no_line_break_markup() {
        assert_eq!(inline("a|b\r\nc\rd\ne"), "a\\|b c d e");
    }
}
