//! What a reader without Arabic gets from a sentence nobody translated:
//! its glossary terms in English, in the order the sentence names them,
//! with the numbers (a range written `7–8`, a scale word in English:
//! `3.5 million`) and Latin words around them,
//! `and` for the و in front of a term, and `…` where Arabic words were
//! left out (`… [Sergei Ryabkov] … [Geneva] and [Brussels] … 2014 …`). A
//! sentence with numbers and no term still gets its numbers.

use crate::document::Segment;
use crate::glossary::Kind;
use crate::text::numbers;
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
    /// The gloss of a segment: empty when it has neither glossary terms nor
    /// numbers.
    pub fn of(segment: &Segment) -> Self {
        let terms = segment.terms_in_order();
        let mut parts = Vec::new();
        let source = segment.source.as_str();
        let mut from = 0;
        for term in terms {
            let (start, end) = (term.span.bytes.start, term.span.bytes.end);
            if start > source.len() {
                break;
            }
            if start < from || !source.is_char_boundary(start) {
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
            from = if source.is_char_boundary(end) {
                end
            } else {
                source.len()
            };
        }
        push_gap(&source[from..], &mut parts);
        // Latin words alone say nothing the sentence does not; a number
        // does to a reader without Arabic (in 1770).
        if !parts.iter().any(|part| match part {
            GlossPart::Term { .. } => true,
            GlossPart::Kept(word) => is_number(word),
            GlossPart::Elided => false,
        }) {
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
/// two numbers joined by a dash as one range (7 - 8 → 7–8), each run of
/// other words one [`GlossPart::Elided`].
fn push_gap(gap: &str, parts: &mut Vec<GlossPart>) {
    let mut previous_end = None;
    for range in words(gap) {
        let between = previous_end.map(|end| &gap[end..range.start]);
        previous_end = Some(range.end);
        // و glued to digits (و7) is "and", as in front of a term.
        let word = match gap[range.clone()]
            .strip_prefix('و')
            .filter(|rest| rest.starts_with(|c: char| c.is_numeric()))
        {
            Some(digits) => {
                parts.push(GlossPart::Kept("and".to_owned()));
                digits
            }
            None => &gap[range],
        };
        if let Some(GlossPart::Kept(number)) = parts.last_mut()
            && is_number(number)
            && let Some(scale) = scale_name(word)
        {
            number.push(' ');
            number.push_str(scale);
            continue;
        }
        match readable(word) {
            Some(kept) => {
                if let (Some(GlossPart::Kept(first)), Some(between)) = (parts.last_mut(), between)
                    && is_number(first)
                    && is_number(&kept)
                    && matches!(between.trim(), "-" | "–" | "—")
                {
                    first.push('–');
                    first.push_str(&kept);
                    continue;
                }
                parts.push(GlossPart::Kept(kept));
            }
            None if parts.last() != Some(&GlossPart::Elided) => parts.push(GlossPart::Elided),
            None => {}
        }
    }
}

/// The English of an Arabic scale word (ملايين → million).
fn scale_name(word: &str) -> Option<&'static str> {
    match numbers::arabic_scale(word)? {
        1e3 => Some("thousand"),
        1e6 => Some("million"),
        1e9 => Some("billion"),
        1e12 => Some("trillion"),
        _ => None,
    }
}

/// True for a kept word that is a number (it starts with a digit).
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
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
    use crate::glossary::TermUse;
    use crate::text::{CharOffsets, Span};

    fn term(source: &str, surface: &str, en: &str, kind: Kind) -> TermUse {
        let byte = source.find(surface).expect("surface in source");
        TermUse {
            span: CharOffsets::new(source).span(byte..byte + surface.len()),
            surface: surface.into(),
            entry: surface.into(),
            en: en.into(),
            long: None,
            kind,
            prefix: String::new(),
        }
    }

    fn untranslated(source: &str) -> Segment {
        Segment::untranslated(1, source, Span::whole(source))
    }

    #[test]
    fn terms_in_order_with_numbers_and_gaps() {
        let source = "قال لافروف في جنيف وبروكسل إن ١٠٠ ألف جندي ينتشرون قرب أوكرانيا منذ 2014.";
        let mut segment = untranslated(source);
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
            "… [Lavrov] … [Geneva] and [Brussels] … 100 thousand … [Ukraine] … 2014"
        );
    }

    #[test]
    fn nothing_to_show_without_terms_or_numbers() {
        let segment = untranslated("وصل الوفد أمس.");
        assert!(Gloss::of(&segment).is_empty());
        let segment = untranslated("قالت وكالة Reuters ذلك.");
        assert!(Gloss::of(&segment).is_empty());
    }

    #[test]
    fn numbers_are_kept_without_a_term() {
        let segment = untranslated("تأسست المدينة عام ١٧٧٠ على يد Reuters.");
        assert_eq!(Gloss::of(&segment).to_string(), "… 1770 … Reuters");
    }

    #[test]
    fn a_scale_word_after_a_number_is_given_in_english() {
        let source = "ارتفع عدد السكان إلى ٣٫٥ ملايين نسمة وخسر 20 ألفا و7 - 8 مليارات";
        let segment = untranslated(source);
        assert_eq!(
            Gloss::of(&segment).to_string(),
            "… 3.5 million … 20 thousand and 7–8 billion"
        );
    }

    #[test]
    fn a_dash_between_two_numbers_is_a_range() {
        for source in [
            "قتل ما بين 7 - 8 أشخاص",
            "قتل ما بين 7-8 أشخاص",
            "قتل ما بين ٧ – ٨ أشخاص",
        ] {
            let segment = untranslated(source);
            assert_eq!(Gloss::of(&segment).to_string(), "… 7–8 …", "{source}");
        }
        let source = "قتل 7 وجرح 8 أشخاص";
        let segment = untranslated(source);
        assert_eq!(Gloss::of(&segment).to_string(), "… 7 … 8 …");
    }

    #[test]
    fn offsets_outside_the_sentence_are_ignored() {
        let mut segment = untranslated("جنيف");
        segment.terms = vec![TermUse {
            span: Span {
                bytes: 4..80,
                chars: 2..40,
            },
            ..term("جنيف", "جنيف", "Geneva", Kind::Place)
        }];
        assert_eq!(Gloss::of(&segment).to_string(), "… [Geneva]");
    }
}
