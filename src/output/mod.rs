//! Writers of aligned documents: one [`DocumentFormat`] per file type, all fed the
//! same [`Document`].
//!
//! ```
//! use tarjama::document::Document;
//! use tarjama::output::{DocumentFormat, Options};
//!
//! let document = Document::from_text("article.txt", "وصل الوفد إلى جنيف.");
//! let mut out = Vec::new();
//! DocumentFormat::Tsv.write(&document, &Options::default(), &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("id\tsource\ttarget"));
//! ```

mod brief;
mod exchange;
mod html;
mod json;
pub mod lookup;
pub(crate) mod markdown;
pub mod qa;
pub mod sentences;
pub mod summary;
pub mod terms;
pub mod tm;

pub use brief::BriefFormat;

use crate::document::{Document, Origin, Segment, Similar};
use crate::exchange::xliff::XliffVersion;
use crate::glossary::{Kind, TermUse};
use crate::text::differences::describe;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::io::{self, Write};

crate::named::named_enum! {
    /// An output file type of an aligned document.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DocumentFormat {
        /// Markdown: a table per document, then the term hits.
        Markdown = "md" in ["md", "markdown"],
        /// Tab-separated values a translator fills in and imports back.
        Tsv = "tsv" in ["tsv", "tab"],
        /// JSON with every field, for scripts.
        Json = "json" in ["json"],
        /// One self-contained HTML page.
        Html = "html" in ["html", "htm"],
        /// XLIFF 1.2 or 2.0 for CAT tools.
        Xliff = "xliff" in ["xlf", "xliff"],
        /// TMX 1.4b: the segments that have English, as translation units.
        Tmx = "tmx" in ["tmx"],
    }
}

impl DocumentFormat {
    /// Writes `document` in this format.
    pub fn write(
        self,
        document: &Document,
        options: &Options,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        match self {
            DocumentFormat::Markdown => markdown::write(document, out),
            DocumentFormat::Tsv => exchange::write_tsv(document, out),
            DocumentFormat::Json => json::write(document, out),
            DocumentFormat::Html => html::write(document, out),
            DocumentFormat::Xliff => exchange::write_xliff(document, options, out),
            DocumentFormat::Tmx => exchange::write_tmx(document, out),
        }
    }
}

/// Settings that only some formats use.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// XLIFF version to write.
    pub xliff_version: XliffVersion,
    /// In XLIFF, give untranslated units a target holding a copy of the
    /// Arabic (state `new` in 1.2, `initial` in 2.0): OmegaT's XLIFF filter
    /// translates the text inside `<target>` and skips units without one.
    pub xliff_copy_source: bool,
}

/// How a segment's English came about, for people: `exact`, `fuzzy 87%`,
/// `mt`, `none`.
fn match_label(segment: &Segment) -> Cow<'static, str> {
    match (segment.origin, segment.score) {
        (Origin::TmExact, _) => "exact".into(),
        (Origin::TmFuzzy, Some(score)) => format!("fuzzy {score}%").into(),
        (Origin::TmFuzzy, None) => "fuzzy".into(),
        (Origin::Mt, _) => "mt".into(),
        (Origin::None, _) => "none".into(),
    }
}

/// `similar sentence in the memory (87%)`.
fn similar_label(similar: &Similar) -> String {
    format!("similar sentence in the memory ({}%)", similar.score)
}

/// What differs between a sentence and its similar sentence in the memory,
/// for people.
fn what_differs(similar: &Similar) -> String {
    if similar.differences.is_empty() {
        "only word order, punctuation or spelling".to_owned()
    } else {
        describe(&similar.differences)
    }
}

/// What formats read by people note about a segment's similar sentence in
/// the memory: for a fuzzy row (whose English is that sentence's), what
/// differs; for a row that has it for reference only, its English,
/// labelled, and what differs.
fn similar_note(segment: &Segment) -> Option<String> {
    let similar = segment.similar.as_ref()?;
    Some(if segment.origin == Origin::TmFuzzy {
        format!(
            "what differs from the memory's sentence: {}",
            what_differs(similar)
        )
    } else {
        format!(
            "{}: «{}»; what differs: {}",
            similar_label(similar),
            similar.target,
            what_differs(similar)
        )
    })
}

/// What formats read by people show with a segment's English: its
/// warnings, then its [`similar_note`].
fn notes(segment: &Segment) -> Vec<String> {
    let mut notes = segment.warnings.clone();
    notes.extend(similar_note(segment));
    notes
}

/// The glossary entries of a segment, each once, in order of first use.
fn distinct_terms(segment: &Segment) -> Vec<&TermUse> {
    let mut seen: Vec<&TermUse> = Vec::new();
    for term in &segment.terms {
        if !seen.iter().any(|other| other.entry == term.entry) {
            seen.push(term);
        }
    }
    seen
}

/// A segment's glossary entries as `ar<between>en` pairs joined by `; `.
fn term_pairs(segment: &Segment, between: &str) -> String {
    distinct_terms(segment)
        .iter()
        .map(|term| format!("{}{between}{}", term.entry, term.en))
        .collect::<Vec<_>>()
        .join("; ")
}

/// What a format read by people shows where a segment without English
/// would have it: the English of its glossary terms, each once, in order
/// (empty when the segment has English or no terms).
fn term_hint(segment: &Segment) -> String {
    if segment.target.is_some() {
        return String::new();
    }
    distinct_terms(segment)
        .iter()
        .map(|term| term.en.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// How often one glossary entry occurs in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct TermCount<'a> {
    entry: &'a str,
    en: &'a str,
    #[serde(rename = "type")]
    kind: Kind,
    count: usize,
}

/// The document's glossary entries with their number of hits, the most
/// frequent first (ties in order of first appearance).
fn term_counts(document: &Document) -> Vec<TermCount<'_>> {
    let mut counts: Vec<TermCount> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for term in document.segments.iter().flat_map(|s| &s.terms) {
        match index.entry(&term.entry) {
            Entry::Occupied(at) => counts[*at.get()].count += 1,
            Entry::Vacant(slot) => {
                slot.insert(counts.len());
                counts.push(TermCount {
                    entry: &term.entry,
                    en: &term.en,
                    kind: term.kind,
                    count: 1,
                });
            }
        }
    }
    counts.sort_by_key(|count| std::cmp::Reverse(count.count));
    counts
}

/// What a format read by people (Markdown, HTML) shows instead of `c` when
/// `c` could disturb the layout around it: bidi embeddings, overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069) become a visible `[U+202E]` so
/// they cannot flip the text after them; other control characters except
/// tab and line breaks become U+FFFD.
fn display_substitute(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Some(format!("[U+{:04X}]", u32::from(c)).into())
        }
        '\t' | '\n' | '\r' => None,
        c if c.is_control() => Some("\u{FFFD}".into()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_round_trip() {
        for &format in DocumentFormat::ALL {
            assert_eq!(format.name().parse::<DocumentFormat>(), Ok(format));
            assert_eq!(format.extensions()[0], format.extension());
        }
        assert_eq!(DocumentFormat::Xliff.extension(), "xlf");
        assert!(DocumentFormat::Xliff.extensions().contains(&"xliff"));
        assert!("docx".parse::<DocumentFormat>().is_err());
    }

    #[test]
    fn bidi_controls_are_made_visible() {
        assert_eq!(display_substitute('\u{202E}').as_deref(), Some("[U+202E]"));
        assert_eq!(display_substitute('\u{2067}').as_deref(), Some("[U+2067]"));
        assert_eq!(display_substitute('\u{0007}').as_deref(), Some("\u{FFFD}"));
        assert_eq!(display_substitute('\n'), None);
        assert_eq!(display_substitute('ب'), None);
    }
}
