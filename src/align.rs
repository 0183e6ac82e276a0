//! The aligned row: one source sentence with everything the tool knows of it.
//! Every output writer consumes [`Document`]s made of [`Segment`]s.

use crate::glossary::Kind;
use crate::text::{CharOffsets, split};
use serde::{Deserialize, Serialize};

/// Where a segment's English came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The translation memory has this sentence (score 100).
    TmExact,
    /// The translation memory has a similar sentence (score below 100).
    TmFuzzy,
    /// An external machine translator produced it.
    Mt,
    /// Nothing: a translator must fill it in.
    #[default]
    None,
}

impl Origin {
    /// The name used in outputs (`tm-exact`, `tm-fuzzy`, `mt`, `none`).
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::TmExact => "tm-exact",
            Origin::TmFuzzy => "tm-fuzzy",
            Origin::Mt => "mt",
            Origin::None => "none",
        }
    }
}

/// A glossary entry found in a segment's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermUse {
    /// Start in the segment's source, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive) in the segment's source, in Unicode scalar values.
    pub end: usize,
    /// The text as it stands in the source, proclitics included.
    pub surface: String,
    /// The entry's Arabic key.
    pub entry: String,
    /// The entry's English.
    pub en: String,
    /// What the entry names.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Proclitics in front of the entry (و, ب, لل …), empty when none.
    pub prefix: String,
}

/// One sentence of the document and its English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Position in the document, from 1.
    pub id: usize,
    /// The Arabic sentence.
    pub source: String,
    /// Start of the sentence in the document, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive) of the sentence in the document, in Unicode scalar values.
    pub end: usize,
    /// The English, when there is one.
    pub target: Option<String>,
    /// Where the English came from.
    pub origin: Origin,
    /// Match score (0–100) for translation-memory matches.
    pub score: Option<u8>,
    /// Id of the translation-memory unit the English came from.
    pub tm_unit: Option<i64>,
    /// Glossary entries found in the source.
    pub terms: Vec<TermUse>,
    /// Problems found with the English (a glossary term the MT left out, …).
    pub warnings: Vec<String>,
}

/// A whole aligned document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Where the text came from (a file name, or `<stdin>`).
    pub name: String,
    /// The sentences, in order.
    pub segments: Vec<Segment>,
}

impl Segment {
    /// A sentence with nothing known of it yet: no English, no terms.
    pub fn untranslated(id: usize, source: impl Into<String>, start: usize, end: usize) -> Self {
        Segment {
            id,
            source: source.into(),
            start,
            end,
            target: None,
            origin: Origin::None,
            score: None,
            tm_unit: None,
            terms: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

impl Document {
    /// The sentences of `text` as untranslated segments numbered from 1: the
    /// starting point that the glossary and the translation memory fill in.
    pub fn from_text(name: impl Into<String>, text: &str) -> Self {
        let mut offsets = CharOffsets::new(text);
        let segments = split(text)
            .into_iter()
            .enumerate()
            .map(|(index, range)| {
                let start = offsets.char_offset(range.start);
                let end = offsets.char_offset(range.end);
                Segment::untranslated(index + 1, &text[range], start, end)
            })
            .collect();
        Document {
            name: name.into(),
            segments,
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
            .map(|s| (s.id, s.source.as_str(), s.start, s.end, s.origin))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "وصل الوفد.", 0, 10, Origin::None),
                (2, "بدأت المحادثات؟", 11, 26, Origin::None)
            ]
        );
    }
}
