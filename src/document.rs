//! The aligned document: one row per source sentence with everything the
//! tool knows of it. Every writer of `translate`, `brief` and `summarize`
//! consumes [`Document`]s made of [`Segment`]s; [`crate::pipeline`] fills
//! them in.
//!
//! ```
//! use tarjama::document::{Document, Origin};
//!
//! let document = Document::from_text("a.txt", "وصل الوفد. بدأت المحادثات.");
//! assert_eq!(document.segments[1].source, "بدأت المحادثات.");
//! assert_eq!(document.segments[1].span.chars, 11..26);
//! assert_eq!(document.segments[1].origin, Origin::None);
//! ```

pub use crate::exchange::Origin;
use crate::glossary::TermUse;
use crate::text::differences::Difference;
use crate::text::{CharOffsets, Span, split};
use serde::Serialize;

/// One sentence of the document and its English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// Position in the document, from 1.
    pub id: usize,
    /// The Arabic sentence.
    pub source: String,
    /// Where the sentence stands in the document (JSON: `start`, `end` in
    /// characters).
    #[serde(flatten)]
    pub span: Span,
    /// The English, when there is one.
    pub target: Option<String>,
    /// Where the English came from.
    pub origin: Origin,
    /// Match score (0–100) for translation-memory matches.
    pub score: Option<u8>,
    /// Id of the translation-memory unit the English came from.
    pub tm_unit: Option<i64>,
    /// Glossary entries found in the source (spans within it).
    pub terms: Vec<TermUse>,
    /// Problems found with the English (a glossary term the MT left out, …).
    pub warnings: Vec<String>,
    /// The memory's similar sentence, for a fuzzy match: what differs from
    /// it (and, where the English must be this sentence's, the only place
    /// a fuzzy match's English is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar: Option<Similar>,
}

/// A similar sentence of the translation memory (a fuzzy match) and what
/// differs between it and a segment's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Similar {
    /// The match score (below 100).
    pub score: u8,
    /// Id of the memory unit.
    pub unit: i64,
    /// The memory's Arabic sentence.
    pub source: String,
    /// Its English: the translation of that sentence, not of the segment's.
    pub target: String,
    /// What the segment's source and the memory's sentence differ in
    /// (numbers, negation, other words), one entry per kind.
    pub differences: Vec<Difference>,
}

/// A whole aligned document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Document {
    /// Where the text came from (a file name, or `<stdin>`).
    pub name: String,
    /// The sentences, in order.
    pub segments: Vec<Segment>,
}

impl Segment {
    /// A sentence with nothing known of it yet: no English, no terms.
    pub fn untranslated(id: usize, source: impl Into<String>, span: Span) -> Self {
        Segment {
            id,
            source: source.into(),
            span,
            target: None,
            origin: Origin::None,
            score: None,
            tm_unit: None,
            terms: Vec::new(),
            warnings: Vec::new(),
            similar: None,
        }
    }
}

impl Segment {
    /// The glossary terms of the source that cover some of it, in the order
    /// of the text (what the writers that mark terms in the Arabic walk).
    pub fn terms_in_order(&self) -> Vec<&TermUse> {
        let mut terms: Vec<&TermUse> = self
            .terms
            .iter()
            .filter(|term| !term.span.bytes.is_empty())
            .collect();
        terms.sort_by_key(|term| term.span.bytes.start);
        terms
    }
}

impl Document {
    /// The sentences of `text` as untranslated segments numbered from 1: the
    /// starting point that the glossary and the translation memory fill in
    /// ([`crate::pipeline::Translator`]).
    pub fn from_text(name: impl Into<String>, text: &str) -> Self {
        let mut offsets = CharOffsets::new(text);
        let segments = split(text)
            .into_iter()
            .enumerate()
            .map(|(index, range)| {
                Segment::untranslated(index + 1, &text[range.clone()], offsets.span(range))
            })
            .collect();
        Document {
            name: name.into(),
            segments,
        }
    }

    /// Takes the English of fuzzy matches out again: it translates another
    /// sentence, so where a sentence's English must be its own (a briefing,
    /// a summary) a fuzzy match stays only as the segment's
    /// [`Segment::similar`] sentence. Every [`Origin::TmFuzzy`] segment
    /// becomes untranslated, for machine translation to fill in.
    pub fn fuzzy_as_reference(&mut self) {
        for segment in &mut self.segments {
            if segment.origin == Origin::TmFuzzy {
                segment.origin = Origin::None;
                segment.target = None;
                segment.score = None;
                segment.tm_unit = None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn from_text_numbers_sentences_with_character_offsets() {
        let document = Document::from_text("a.txt", "وصل الوفد. بدأت المحادثات؟");
        assert_eq!(document.name, "a.txt");
        let rows: Vec<_> = document
            .segments
            .iter()
            .map(|s| (s.id, s.source.as_str(), s.span.chars.clone(), s.origin))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "وصل الوفد.", 0..10, Origin::None),
                (2, "بدأت المحادثات؟", 11..26, Origin::None)
            ]
        );
        assert_eq!(document.segments[1].span.bytes, 19..48);
    }
}
