//! What a reader without Arabic gets from a sentence nobody translated:
//! its glossary terms in English, in the order the sentence names them,
//! with the numbers and Latin words around them, `and` for the و in front
//! of a term, and `…` where Arabic words were left out
//! (`… [Sergei Ryabkov] … [Geneva] and [Brussels] … 2014 …`).

use crate::align::{Segment, TermUse};
use crate::glossary::Kind;
use crate::text::tokenize::words;
use serde::{Serialize, Serializer};
use std::fmt;

/// One piece of a [`Gloss`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlossPart {
    /// A glossary term: its English and what it names.
    Term {
        /// The entry's English.
        en: String,
        /// What the entry names.
        kind: Kind,
        /// The entry's Arabic key.
        entry: String,
    },
    /// A word every reader can read as it stands: a number (Arabic-Indic
    /// digits written as ASCII), a Latin word, or `and` for the proclitic
    /// و in front of a term.
    Kept(String),
    /// Arabic words left out.
    Elided,
}

/// A sentence's terms, numbers and Latin words in order; its plain form
/// (`Display`, and JSON) puts each term in brackets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gloss(pub Vec<GlossPart>);

impl Gloss {
    /// The gloss of a segment: empty when it has no glossary terms.
    pub fn of(segment: &Segment) -> Self {
        let mut terms: Vec<&TermUse> = segment.terms.iter().filter(|t| t.start < t.end).collect();
        terms.sort_by_key(|term| term.start);
        let mut parts = Vec::new();
        // Term offsets count characters: the byte where each starts, and
        // the end of the text.
        let source = segment.source.as_str();
        let bytes: Vec<usize> = source
            .char_indices()
            .map(|(byte, _)| byte)
            .chain([source.len()])
            .collect();
        let byte_at = |offset: usize| bytes.get(offset).copied();
        let mut from = 0;
        for term in terms {
            let Some(start) = byte_at(term.start) else {
                break;
            };
            if start < from {
                continue; // overlaps the previous term
            }
            push_gap(&source[from..start], &mut parts);
            // The one proclitic with a single reading: و "and".
            if term.prefix.starts_with('و') {
                parts.push(GlossPart::Kept("and".to_owned()));
            }
            parts.push(GlossPart::Term {
                en: term.en.clone(),
                kind: term.kind,
                entry: term.entry.clone(),
            });
            from = byte_at(term.end).unwrap_or(source.len());
        }
        push_gap(&source[from..], &mut parts);
        // Numbers and Latin words alone say nothing the sentence does not.
        if !parts
            .iter()
            .any(|part| matches!(part, GlossPart::Term { .. }))
        {
            parts.clear();
        }
        Gloss(parts)
    }

    /// True when there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The words of the text between two terms: numbers and Latin words kept,
/// each run of other words one [`GlossPart::Elided`].
fn push_gap(gap: &str, parts: &mut Vec<GlossPart>) {
    for range in words(gap) {
        let word = &gap[range];
        match readable(word) {
            Some(kept) => parts.push(GlossPart::Kept(kept)),
            None if parts.last() != Some(&GlossPart::Elided) => parts.push(GlossPart::Elided),
            None => {}
        }
    }
}

/// `word` as an English reader can read it: Latin letters and digits as
/// they are, Arabic-Indic and Persian digits as ASCII; `None` for a word
/// with any other letter.
fn readable(word: &str) -> Option<String> {
    word.chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | ',' => Some(c),
            '٫' => Some('.'),
            '٬' => Some(','),
            '\u{0660}'..='\u{0669}' => char::from_digit(u32::from(c) - 0x0660, 10),
            '\u{06F0}'..='\u{06F9}' => char::from_digit(u32::from(c) - 0x06F0, 10),
            _ => None,
        })
        .collect()
}

impl fmt::Display for Gloss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, part) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(" ")?;
            }
            match part {
                GlossPart::Term { en, .. } => write!(f, "[{en}]")?,
                GlossPart::Kept(word) => f.write_str(word)?,
                GlossPart::Elided => f.write_str("…")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Gloss {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(source: &str, surface: &str, en: &str, kind: Kind) -> TermUse {
        let byte = source.find(surface).expect("surface in source");
        let start = source[..byte].chars().count();
        TermUse {
            start,
            end: start + surface.chars().count(),
            surface: surface.into(),
            entry: surface.into(),
            en: en.into(),
            long: None,
            kind,
            prefix: String::new(),
        }
    }

    #[test]
    fn terms_in_order_with_numbers_and_gaps() {
        let source = "قال لافروف في جنيف وبروكسل إن ١٠٠ ألف جندي ينتشرون قرب أوكرانيا منذ 2014.";
        let mut segment = Segment::untranslated(1, source, 0, source.chars().count());
        segment.terms = vec![
            term(source, "أوكرانيا", "Ukraine", Kind::Place),
            term(source, "لافروف", "Lavrov", Kind::Person),
            term(source, "جنيف", "Geneva", Kind::Place),
            TermUse {
                prefix: "و".into(),
                ..term(source, "وبروكسل", "Brussels", Kind::Place)
            },
        ];
        assert_eq!(
            Gloss::of(&segment).to_string(),
            "… [Lavrov] … [Geneva] and [Brussels] … 100 … [Ukraine] … 2014"
        );
    }

    #[test]
    fn nothing_to_show_without_terms() {
        let segment = Segment::untranslated(1, "وصل الوفد أمس.", 0, 14);
        assert!(Gloss::of(&segment).is_empty());
        let segment = Segment::untranslated(1, "قالت وكالة Reuters في 2024 ذلك.", 0, 31);
        assert!(Gloss::of(&segment).is_empty());
    }

    #[test]
    fn offsets_outside_the_sentence_are_ignored() {
        let mut segment = Segment::untranslated(1, "جنيف", 0, 4);
        segment.terms = vec![TermUse {
            start: 2,
            end: 40,
            ..term("جنيف", "جنيف", "Geneva", Kind::Place)
        }];
        assert_eq!(Gloss::of(&segment).to_string(), "… [Geneva]");
    }
}
