//! The translate pipeline: split the text into sentences, find the
//! glossary's terms in the whole text once (the matcher's ى/ي rule looks at
//! how the text writes its prepositions) and give each hit to its sentence,
//! then look every sentence up in the translation memory. Machine
//! translation of the rows left empty is a separate step
//! ([`crate::mt::translate_untranslated`]).
//!
//! ```
//! use tarjama::document::Origin;
//! use tarjama::glossary::{Entry, Glossary};
//! use tarjama::pipeline::Translator;
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry { ar: "جنيف".into(), en: "Geneva".into(), ..Entry::default() }]);
//! let translator = Translator { glossary: Some(&glossary), ..Translator::default() };
//! let document = translator.translate("a.txt", "وصل الوفد إلى جنيف. بدأت المحادثات.")?;
//! assert_eq!(document.segments[0].terms[0].en, "Geneva");
//! assert_eq!(document.segments[0].terms[0].span.chars.start, 14);
//! assert_eq!(document.segments[1].origin, Origin::None);
//! # Ok::<(), tarjama::tm::TmError>(())
//! ```

use crate::document::{Document, Origin, Segment, Similar};
use crate::glossary::{Glossary, TermHit};
use crate::text::differences;
use crate::text::{CharOffsets, split};
use crate::tm::{LookupOptions, TmError, TranslationMemory};

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
        let mut document = self.sentences(name, text);
        self.fill(&mut document)?;
        Ok(document)
    }

    /// The sentences of `text` numbered from 1, each with the terms of the
    /// glossary found in it (none without a glossary), no English yet. The
    /// whole text is matched at once; a hit that a sentence boundary cuts
    /// through (a multi-word name across a headline's line break) belongs
    /// to no sentence and is left out.
    pub fn sentences(&self, name: impl Into<String>, text: &str) -> Document {
        let Some(glossary) = self.glossary else {
            return Document::from_text(name, text);
        };
        let mut hits = glossary.find(text).into_iter().peekable();
        let mut offsets = CharOffsets::new(text);
        let segments = split(text)
            .into_iter()
            .enumerate()
            .map(|(index, range)| {
                let source = &text[range.clone()];
                let mut segment =
                    Segment::untranslated(index + 1, source, offsets.span(range.clone()));
                while hits.next_if(|hit| hit.start < range.start).is_some() {}
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
                segment
            })
            .collect();
        Document {
            name: name.into(),
            segments,
        }
    }

    /// Fills every segment without English from the translation memory, if
    /// there is one: the best match scoring at least `min_score` gives its
    /// target, as [`Origin::TmExact`] when it scores 100 (the same sentence
    /// after normalization), else [`Origin::TmFuzzy`] with its score and
    /// the memory's sentence as [`Segment::similar`], with what differs.
    /// Returns how many segments got English.
    pub fn fill(&self, document: &mut Document) -> Result<usize, TmError> {
        let Some(memory) = self.memory else {
            return Ok(0);
        };
        let options = LookupOptions {
            min_score: self.min_score,
            limit: 1,
            diff: false,
        };
        let mut filled = 0;
        for segment in document.segments.iter_mut().filter(|s| s.target.is_none()) {
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
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn sentences(glossary: &Glossary, text: &str) -> Document {
        let translator = Translator {
            glossary: Some(glossary),
            ..Translator::default()
        };
        translator.sentences("a.txt", text)
    }

    #[test]
    fn terms_go_to_their_sentence_with_offsets_inside_it() {
        let glossary = glossary(&[("جنيف", "Geneva"), ("الأمم المتحدة", "United Nations")]);
        let text = "وصل الوفد إلى جنيف.\nوقال متحدث للأمم المتحدة إن جنيف مستعدة.";
        let document = sentences(&glossary, text);
        let terms: Vec<Vec<(usize, usize, &str, &str)>> = document
            .segments
            .iter()
            .map(|segment| {
                segment
                    .terms
                    .iter()
                    .map(|t| {
                        let chars = &t.span.chars;
                        (
                            chars.start,
                            chars.end,
                            t.surface.as_str(),
                            t.prefix.as_str(),
                        )
                    })
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
                .skip(term.span.chars.start)
                .take(term.span.chars.len())
                .collect();
            assert_eq!(surface, term.surface);
            assert_eq!(&second.source[term.span.bytes.clone()], term.surface);
        }
    }

    #[test]
    fn the_whole_text_decides_the_maksura_rule() {
        // علي written with ي is the name only in a text that writes على with ى
        // somewhere: here in another sentence.
        let glossary = glossary(&[("علي", "Ali")]);
        let text = "وصل علي أمس. وجلس الوفد على الطاولة.";
        let document = sentences(&glossary, text);
        assert_eq!(document.segments[0].terms.len(), 1);
        assert!(document.segments[1].terms.is_empty());
    }

    #[test]
    fn a_term_cut_by_a_sentence_boundary_belongs_to_none() {
        let glossary = glossary(&[("الأمم المتحدة", "United Nations")]);
        // A headline ending in the first word of the name: the line break
        // ends the headline, the name would straddle it.
        let text = "بيان الأمم\n\nالمتحدة ترحب بالاتفاق.";
        let document = sentences(&glossary, text);
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
