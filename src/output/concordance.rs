//! The units `tm search` finds, for people: plain text (the matches in
//! colour on a terminal) and a Markdown table (the matches in bold).

use super::markdown::cell;
use crate::tm::Found;
use std::io::{self, Write};
use std::ops::Range;

/// Terminal colour of a match (bold yellow) and the reset after it.
const COLOUR: (&str, &str) = ("\x1b[1;33m", "\x1b[0m");

/// `#id`, then the source and the target indented, one unit after the
/// other; with `colour`, the matches in colour.
pub fn write_text(found: &[Found], colour: bool, out: &mut dyn Write) -> io::Result<()> {
    let (open, close) = if colour { COLOUR } else { ("", "") };
    for unit in found {
        let (source, target) = sides(unit, |piece| piece.to_owned(), open, close);
        writeln!(out, "#{}\n  {source}\n  {target}", unit.unit.id)?;
    }
    Ok(())
}

/// A table `| # | Arabic | English |`, the matches in bold.
pub fn write_markdown(found: &[Found], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "| # | Arabic | English |")?;
    writeln!(out, "|---|---|---|")?;
    for unit in found {
        let (source, target) = sides(unit, cell, "**", "**");
        writeln!(out, "| {} | {source} | {target} |", unit.unit.id)?;
    }
    Ok(())
}

/// The source and the target of a unit with their matches marked.
fn sides(unit: &Found, show: impl Fn(&str) -> String, open: &str, close: &str) -> (String, String) {
    (
        marked(&unit.unit.source, &unit.source_matches, &show, open, close),
        marked(&unit.unit.target, &unit.target_matches, &show, open, close),
    )
}

/// `text` with each of the (sorted, disjoint) `spans` between `open` and
/// `close`, every piece passed through `show`.
fn marked(
    text: &str,
    spans: &[Range<usize>],
    show: &impl Fn(&str) -> String,
    open: &str,
    close: &str,
) -> String {
    let mut out = String::with_capacity(text.len() + spans.len() * (open.len() + close.len()));
    let mut at = 0;
    for span in spans {
        if span.start < at || span.end > text.len() {
            continue;
        }
        out.push_str(&show(&text[at..span.start]));
        out.push_str(open);
        out.push_str(&show(&text[span.clone()]));
        out.push_str(close);
        at = span.end;
    }
    out.push_str(&show(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::StoredUnit;

    fn found() -> Found {
        let source = "زار الوفد مصر | أمس";
        let target = "The delegation visited *Egypt* yesterday";
        let egypt = source.find("مصر").unwrap()..source.find(" |").unwrap();
        let egypt_in_english = target.find("Egypt").unwrap()..target.find("* ").unwrap();
        Found {
            unit: StoredUnit {
                id: 7,
                source: source.into(),
                target: target.into(),
                source_lang: "ar".into(),
                target_lang: "en".into(),
                origin: "add".into(),
                created: String::new(),
                changed: String::new(),
            },
            source_matches: vec![egypt],
            target_matches: vec![egypt_in_english],
        }
    }

    #[test]
    fn matches_are_coloured_on_a_terminal_only() {
        let mut out = Vec::new();
        write_text(&[found()], true, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "#7\n  زار الوفد \x1b[1;33mمصر\x1b[0m | أمس\n  The delegation visited *\x1b[1;33mEgypt\x1b[0m* yesterday\n"
        );
        let mut out = Vec::new();
        write_text(&[found()], false, &mut out).unwrap();
        assert!(!String::from_utf8(out).unwrap().contains('\x1b'));
    }

    #[test]
    fn matches_are_bold_in_markdown_and_the_rest_escaped() {
        let mut out = Vec::new();
        write_markdown(&[found()], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "| # | Arabic | English |\n|---|---|---|\n\
             | 7 | زار الوفد **مصر** \\| أمس | The delegation visited \\***Egypt**\\* yesterday |\n"
        );
    }
}
