//! The aligned row: one source sentence with everything the tool knows of it.
//! Every output writer consumes [`Document`]s made of [`Segment`]s.
//!
//! The pipeline that fills a document in: split the text into sentences,
//! find the glossary's terms in the whole text once (the matcher's ى/ي rule
//! looks at how the text writes its prepositions) and give each hit to its
//! sentence, then look every sentence up in the translation memory.
//!
//! ```
//! use tarjama::document::{Origin, Translator};
//! use tarjama::glossary::{Entry, Glossary};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry { ar: "جنيف".into(), en: "Geneva".into(), ..Entry::default() }]);
//! let translator = Translator { glossary: Some(&glossary), ..Translator::default() };
//! let document = translator.translate("a.txt", "وصل الوفد إلى جنيف. بدأت المحادثات.")?;
//! assert_eq!(document.segments[0].terms[0].en, "Geneva");
//! assert_eq!(document.segments[0].terms[0].start, 14);
//! assert_eq!(document.segments[1].origin, Origin::None);
//! # Ok::<(), tarjama::tm::TmError>(())
//! ```
//!
//! Machine translation of the rows left empty is a separate step:
//! [`crate::mt::translate_untranslated`].

use crate::glossary::{Glossary, Kind, TermHit};
use crate::text::differences::{self, Difference};
use crate::text::{CharOffsets, split};
use crate::tm::{LookupOptions, TmError, TranslationMemory};
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
    /// The entry's long English form (what an acronym stands for), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
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
    /// The memory's similar sentence, for a fuzzy match: what differs from
    /// it (and, where the English must be this sentence's, the only place
    /// a fuzzy match's English is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar: Option<Similar>,
}

/// A similar sentence of the translation memory (a fuzzy match) and what
/// differs between it and a segment's source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
            similar: None,
        }
    }
}

impl Document {
    /// The sentences of `text` as untranslated segments numbered from 1: the
    /// starting point that the glossary and the translation memory fill in.
    pub fn from_text(name: impl Into<String>, text: &str) -> Self {
        Self::with_terms(name, text, None)
    }

    /// The sentences of `text` numbered from 1, each with the terms of
    /// `glossary` found in it (none without a glossary). The whole text is
    /// matched at once; a hit that a sentence boundary cuts through (a
    /// multi-word name across a headline's line break) belongs to no
    /// sentence and is left out.
    pub fn with_terms(name: impl Into<String>, text: &str, glossary: Option<&Glossary>) -> Self {
        let hits = glossary
            .map(|glossary| glossary.find(text))
            .unwrap_or_default();
        let mut hits = hits.into_iter().peekable();
        let mut offsets = CharOffsets::new(text);
        let segments = split(text)
            .into_iter()
            .enumerate()
            .map(|(index, range)| {
                let source = &text[range.clone()];
                let start = offsets.char_offset(range.start);
                let end = offsets.char_offset(range.end);
                let mut segment = Segment::untranslated(index + 1, source, start, end);
                while hits.next_if(|hit| hit.start < range.start).is_some() {}
                if let Some(glossary) = glossary {
                    let mut local = CharOffsets::new(source);
                    while let Some(hit) = hits.next_if(|hit| hit.end <= range.end) {
                        let hit = TermHit {
                            start: hit.start - range.start,
                            end: hit.end - range.start,
                            ..hit
                        };
                        segment
                            .terms
                            .push(hit.to_term_use(source, glossary, &mut local));
                    }
                }
                segment
            })
            .collect();
        Document {
            name: name.into(),
            segments,
        }
    }

    /// Fills every segment without English from the translation memory: the
    /// best match scoring at least `min_score` gives its target, as
    /// [`Origin::TmExact`] when it scores 100 (the same sentence after
    /// normalization), else [`Origin::TmFuzzy`] with its score and the
    /// memory's sentence as [`Segment::similar`], with what differs. Returns
    /// how many segments got English.
    pub fn fill_from_memory(
        &mut self,
        memory: &TranslationMemory,
        min_score: u8,
    ) -> Result<usize, TmError> {
        let options = LookupOptions {
            min_score,
            limit: 1,
            diff: false,
        };
        let mut filled = 0;
        for segment in self.segments.iter_mut().filter(|s| s.target.is_none()) {
            let Some(found) = memory.lookup(&segment.source, &options)?.into_iter().next() else {
                continue;
            };
            segment.origin = if found.score == 100 {
                Origin::TmExact
            } else {
                segment.similar = Some(Similar {
                    score: found.score,
                    unit: found.unit.id,
                    differences: differences::compare(&segment.source, &found.unit.source),
                    source: found.unit.source,
                    target: found.unit.target.clone(),
                });
                Origin::TmFuzzy
            };
            segment.score = Some(found.score);
            segment.tm_unit = Some(found.unit.id);
            segment.target = Some(found.unit.target);
            filled += 1;
        }
        Ok(filled)
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

/// What fills a document in: the glossary for term hits, the translation
/// memory for English. Both are optional; without either, every sentence is
/// an untranslated row.
#[derive(Debug, Clone, Copy)]
pub struct Translator<'a> {
    /// The glossary whose terms are found in every sentence.
    pub glossary: Option<&'a Glossary>,
    /// The translation memory the sentences are looked up in.
    pub memory: Option<&'a TranslationMemory>,
    /// The lowest fuzzy-match score that fills a row (default 75).
    pub min_score: u8,
}

impl Default for Translator<'_> {
    fn default() -> Self {
        Self {
            glossary: None,
            memory: None,
            min_score: LookupOptions::default().min_score,
        }
    }
}

impl Translator<'_> {
    /// `text` split into sentences, with their glossary terms and their
    /// English from the translation memory; `name` names the document.
    pub fn translate(&self, name: impl Into<String>, text: &str) -> Result<Document, TmError> {
        let mut document = Document::with_terms(name, text, self.glossary);
        if let Some(memory) = self.memory {
            document.fill_from_memory(memory, self.min_score)?;
        }
        Ok(document)
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

    fn glossary(entries: &[(&str, &str)]) -> Glossary {
        let mut glossary = Glossary::new();
        glossary.add(
            entries
                .iter()
                .map(|&(ar, en)| crate::glossary::Entry {
                    ar: ar.into(),
                    en: en.into(),
                    ..Default::default()
                })
                .collect(),
        );
        glossary
    }

    #[test]
    fn terms_go_to_their_sentence_with_offsets_inside_it() {
        let glossary = glossary(&[("جنيف", "Geneva"), ("الأمم المتحدة", "United Nations")]);
        let text = "وصل الوفد إلى جنيف.\nوقال متحدث للأمم المتحدة إن جنيف مستعدة.";
        let document = Document::with_terms("a.txt", text, Some(&glossary));
        let terms: Vec<Vec<(usize, usize, &str, &str)>> = document
            .segments
            .iter()
            .map(|segment| {
                segment
                    .terms
                    .iter()
                    .map(|t| (t.start, t.end, t.surface.as_str(), t.prefix.as_str()))
                    .collect()
            })
            .collect();
        assert_eq!(
            terms,
            [
                vec![(14, 18, "جنيف", "")],
                vec![(11, 24, "للأمم المتحدة", "ل"), (28, 32, "جنيف", "")]
            ]
        );
        let second = &document.segments[1];
        for term in &second.terms {
            let surface: String = second
                .source
                .chars()
                .skip(term.start)
                .take(term.end - term.start)
                .collect();
            assert_eq!(surface, term.surface);
        }
    }

    #[test]
    fn the_whole_text_decides_the_maksura_rule() {
        // علي written with ي is the name only in a text that writes على with ى
        // somewhere: here in another sentence.
        let glossary = glossary(&[("علي", "Ali")]);
        let text = "وصل علي أمس. وجلس الوفد على الطاولة.";
        let document = Document::with_terms("a.txt", text, Some(&glossary));
        assert_eq!(document.segments[0].terms.len(), 1);
        assert!(document.segments[1].terms.is_empty());
    }

    #[test]
    fn a_term_cut_by_a_sentence_boundary_belongs_to_none() {
        let glossary = glossary(&[("الأمم المتحدة", "United Nations")]);
        // A headline ending in the first word of the name: the line break
        // ends the headline, the name would straddle it.
        let text = "بيان الأمم\n\nالمتحدة ترحب بالاتفاق.";
        let document = Document::with_terms("a.txt", text, Some(&glossary));
        assert_eq!(document.segments.len(), 2);
        assert!(document.segments.iter().all(|s| s.terms.is_empty()));
    }

    #[test]
    fn the_memory_fills_exact_and_fuzzy_rows() {
        use crate::exchange::TranslationUnit;
        use crate::tm::OpenMode;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        let mut memory = TranslationMemory::open(&path, OpenMode::Create).unwrap();
        for (source, target) in [
            (
                "وصل الوفد إلى جنيف صباح الاثنين.",
                "The delegation arrived in Geneva on Monday morning.",
            ),
            (
                "بدأت المحادثات حول المياه في القاعة الكبرى للمؤتمر.",
                "The water talks began in the conference's main hall.",
            ),
        ] {
            let unit = TranslationUnit {
                source: source.into(),
                target: target.into(),
                source_lang: "ar".into(),
                target_lang: "en".into(),
                ..TranslationUnit::default()
            };
            memory.add(&unit, "test").unwrap();
        }
        let translator = Translator {
            memory: Some(&memory),
            ..Translator::default()
        };
        let text = "وصل الوفد إلى جنيف صباح الاثنين. بدأت المحادثات حول المياه في القاعة الصغرى للمؤتمر. لا شيء هنا.";
        let document = translator.translate("a.txt", text).unwrap();
        let rows: Vec<_> = document
            .segments
            .iter()
            .map(|s| (s.origin, s.score, s.target.as_deref().map(|t| &t[..9])))
            .collect();
        assert_eq!(
            rows,
            [
                (Origin::TmExact, Some(100), Some("The deleg")),
                (Origin::TmFuzzy, Some(92), Some("The water")),
                (Origin::None, None, None),
            ]
        );
        assert!(document.segments[0].tm_unit.is_some());
        assert_eq!(document.segments[0].similar, None);
        let similar = document.segments[1].similar.as_ref().unwrap();
        assert_eq!(
            (similar.score, similar.target.as_str()),
            (92, "The water talks began in the conference's main hall.")
        );
        assert_eq!(
            differences::describe(&similar.differences),
            "other words: «الصغرى» here, «الكبرى» in the memory"
        );
        let mut reference = document.clone();
        reference.fuzzy_as_reference();
        let second = &reference.segments[1];
        assert_eq!(
            (second.origin, &second.target, second.score),
            (Origin::None, &None, None)
        );
        assert_eq!(second.similar.as_ref(), Some(similar));
        assert_eq!(reference.segments[0], document.segments[0]);
        let strict = Translator {
            memory: Some(&memory),
            min_score: 95,
            ..Translator::default()
        };
        let document = strict.translate("a.txt", text).unwrap();
        assert_eq!(document.segments[1].origin, Origin::None);
    }
}
