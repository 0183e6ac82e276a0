//! XLIFF 1.2 (the default: every CAT tool reads it) and 2.0, source language
//! `ar`, target language `en`, one unit per segment.
//!
//! Targets say where they came from: in 1.2 an exact translation-memory match
//! is `state="translated" state-qualifier="exact-match"`, a fuzzy one
//! `state="needs-review-translation" state-qualifier="fuzzy-match"`, machine
//! translation `state="needs-review-translation"
//! state-qualifier="mt-suggestion"`; in 2.0 the segment is `translated` for
//! an exact match and `initial` otherwise, with a `tarjama:` sub-state.
//! Glossary hits, the match score and warnings are notes. Units without
//! English have no target unless [`Options::xliff_copy_source`] asks for the
//! Arabic in one.
//!
//! Any input gives well-formed XML: markup characters are escaped, carriage
//! returns written as character references, and the characters XML 1.0
//! cannot hold (most C0 controls, U+FFFE, U+FFFF) replaced with U+FFFD.

use super::{Options, XliffVersion, similar_note, term_pairs};
use crate::document::{Document, Origin, Segment};
use std::fmt::{self, Write as _};
use std::io::{self, Write};

/// Writes the document as one XLIFF `<file>`.
pub(super) fn write(document: &Document, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    match options.xliff_version {
        XliffVersion::V1_2 => write_1_2(document, options, out),
        XliffVersion::V2_0 => write_2_0(document, options, out),
    }
}

fn write_1_2(document: &Document, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"#
    )?;
    writeln!(
        out,
        r#"  <file original="{}" source-language="ar" target-language="en" datatype="plaintext">"#,
        Attr(&document.name)
    )?;
    writeln!(out, r#"    <header>"#)?;
    writeln!(
        out,
        r#"      <tool tool-id="tarjama" tool-name="tarjama"/>"#
    )?;
    writeln!(out, r#"    </header>"#)?;
    writeln!(out, "    <body>")?;
    for segment in &document.segments {
        let target = Target::of(segment, options);
        writeln!(
            out,
            r#"      <trans-unit id="{}"{}>"#,
            segment.id,
            space_attribute(segment, &target)
        )?;
        writeln!(out, "        <source>{}</source>", Text(&segment.source))?;
        match &target {
            Target::Absent => {}
            Target::CopiedSource => writeln!(
                out,
                r#"        <target state="new">{}</target>"#,
                Text(&segment.source)
            )?,
            Target::English(text) => {
                let (state, qualifier) = match segment.origin {
                    Origin::TmExact => ("translated", Some("exact-match")),
                    Origin::TmFuzzy => ("needs-review-translation", Some("fuzzy-match")),
                    Origin::Mt => ("needs-review-translation", Some("mt-suggestion")),
                    Origin::None => ("translated", None),
                };
                let qualifier = qualifier
                    .map(|q| format!(r#" state-qualifier="{q}""#))
                    .unwrap_or_default();
                writeln!(
                    out,
                    r#"        <target state="{state}"{qualifier}>{}</target>"#,
                    Text(text)
                )?;
            }
        }
        for note in notes(segment) {
            writeln!(
                out,
                r#"        <note from="{}">{}</note>"#,
                note.about,
                Text(&note.text)
            )?;
        }
        writeln!(out, "      </trans-unit>")?;
    }
    writeln!(out, "    </body>")?;
    writeln!(out, "  </file>")?;
    writeln!(out, "</xliff>")
}

fn write_2_0(document: &Document, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">"#
    )?;
    writeln!(
        out,
        r#"  <file id="f1" original="{}">"#,
        Attr(&document.name)
    )?;
    if document.segments.is_empty() {
        // A 2.0 <file> must hold at least one unit or group.
        writeln!(out, r#"    <group id="g1"/>"#)?;
    }
    for segment in &document.segments {
        let target = Target::of(segment, options);
        writeln!(
            out,
            r#"    <unit id="u{}"{}>"#,
            segment.id,
            space_attribute(segment, &target)
        )?;
        let notes = notes(segment);
        if !notes.is_empty() {
            writeln!(out, "      <notes>")?;
            for note in notes {
                writeln!(
                    out,
                    r#"        <note category="{}">{}</note>"#,
                    note.about,
                    Text(&note.text)
                )?;
            }
            writeln!(out, "      </notes>")?;
        }
        let (state, sub_state) = match (&target, segment.origin) {
            (Target::English(_), Origin::TmExact) => ("translated", Some("tm-exact")),
            (Target::English(_), Origin::None) => ("translated", None),
            (Target::English(_), origin) => ("initial", Some(origin.as_str())),
            (_, _) => ("initial", None),
        };
        let sub_state = sub_state
            .map(|s| format!(r#" subState="tarjama:{s}""#))
            .unwrap_or_default();
        writeln!(
            out,
            r#"      <segment id="s{}" state="{state}"{sub_state}>"#,
            segment.id
        )?;
        writeln!(out, "        <source>{}</source>", Text(&segment.source))?;
        match &target {
            Target::Absent => {}
            Target::CopiedSource => {
                writeln!(out, "        <target>{}</target>", Text(&segment.source))?
            }
            Target::English(text) => writeln!(out, "        <target>{}</target>", Text(text))?,
        }
        writeln!(out, "      </segment>")?;
        writeln!(out, "    </unit>")?;
    }
    writeln!(out, "  </file>")?;
    writeln!(out, "</xliff>")
}

/// What goes into a unit's `<target>`.
enum Target<'a> {
    Absent,
    CopiedSource,
    English(&'a str),
}

impl<'a> Target<'a> {
    fn of(segment: &'a Segment, options: &Options) -> Self {
        match &segment.target {
            Some(text) => Target::English(text),
            None if options.xliff_copy_source => Target::CopiedSource,
            None => Target::Absent,
        }
    }
}

/// ` xml:space="preserve"` when the unit's text has white space a CAT tool
/// must not collapse (line breaks, tabs, runs or edges of spaces).
fn space_attribute(segment: &Segment, target: &Target) -> &'static str {
    let significant = |text: &str| {
        text.contains(['\n', '\r', '\t'])
            || text.contains("  ")
            || text.starts_with(' ')
            || text.ends_with(' ')
    };
    let target_significant = matches!(target, Target::English(text) if significant(text));
    if significant(&segment.source) || target_significant {
        r#" xml:space="preserve""#
    } else {
        ""
    }
}

/// A note: `about` is the 1.2 `from` and the 2.0 `category`.
struct Note {
    about: &'static str,
    text: String,
}

/// The glossary hits, where the English came from and the warnings.
fn notes(segment: &Segment) -> Vec<Note> {
    let mut notes = Vec::new();
    if !segment.terms.is_empty() {
        notes.push(Note {
            about: "glossary",
            text: term_pairs(segment, " = "),
        });
    }
    let unit = segment
        .tm_unit
        .map(|unit| format!(" (unit {unit})"))
        .unwrap_or_default();
    let origin = match (segment.origin, segment.score) {
        (Origin::TmExact, _) => Some(format!("translation memory: exact match{unit}")),
        (Origin::TmFuzzy, Some(score)) => Some(format!("translation memory: {score}% match{unit}")),
        (Origin::TmFuzzy, None) => Some(format!("translation memory: fuzzy match{unit}")),
        (Origin::Mt, _) => Some("machine translation".to_owned()),
        (Origin::None, _) => None,
    };
    for text in origin.into_iter().chain(similar_note(segment)) {
        notes.push(Note {
            about: "tarjama",
            text,
        });
    }
    for warning in &segment.warnings {
        notes.push(Note {
            about: "warning",
            text: warning.clone(),
        });
    }
    notes
}

/// XML text content.
struct Text<'a>(&'a str);

/// An XML attribute value in double quotes.
struct Attr<'a>(&'a str);

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(self.0, false, f)
    }
}

impl fmt::Display for Attr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(self.0, true, f)
    }
}

fn escape(text: &str, in_attribute: bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for c in text.chars() {
        match c {
            '&' => f.write_str("&amp;")?,
            '<' => f.write_str("&lt;")?,
            '>' => f.write_str("&gt;")?,
            // Parsers turn a literal CR into LF, and white space in
            // attributes into spaces: references keep them.
            '\r' => f.write_str("&#13;")?,
            '"' if in_attribute => f.write_str("&quot;")?,
            '\t' if in_attribute => f.write_str("&#9;")?,
            '\n' if in_attribute => f.write_str("&#10;")?,
            '\t' | '\n' => f.write_char(c)?,
            '\u{0}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}' => f.write_char('\u{FFFD}')?,
            c => f.write_char(c)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_for_text_and_attributes() {
        let raw = "<a href=\"x\">&\r\n\t\u{1}\u{FFFF}";
        assert_eq!(
            Text(raw).to_string(),
            "&lt;a href=\"x\"&gt;&amp;&#13;\n\t\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            Attr(raw).to_string(),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#13;&#10;&#9;\u{FFFD}\u{FFFD}"
        );
    }
}
