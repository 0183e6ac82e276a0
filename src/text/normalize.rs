//! Arabic normalization for matching (never for display).
//!
//! What it does, character by character:
//! - drops harakat (U+064B–U+0652), the dagger alef (U+0670), the other
//!   combining Arabic marks (U+0610–U+061A, U+0653–U+065F, U+06D6–U+06ED),
//!   tatweel (U+0640), and bidi / zero-width format characters;
//! - folds the alef forms أ إ آ ٱ to ا, ة to ه, ى to ي, Persian ی ک to ي ك;
//! - maps Arabic-Indic and Persian digits to ASCII, and the Arabic decimal
//!   and thousands separators ٫ ٬ to `.` `,`;
//! - applies NFKC to everything else outside ASCII and the Arabic block, so
//!   presentation forms and ligatures (ﻻ, ﷲ) become plain letters.
//!
//! Folding ى to ي is what the glossary gold standard does, but it makes the
//! preposition على look like the name علي; [`Normalized::original`] lets a
//! caller look at the original letters when that matters.
//!
//! Every output byte remembers where its character came from, so a match
//! found in normalized text can be reported in the original.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Normalized text plus the map from its bytes back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    /// `origin[i]` is the original byte offset of the character that produced
    /// normalized byte `i`; one extra entry holds the original length.
    origin: Vec<usize>,
}

impl<'a> Normalized<'a> {
    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The text this was made from.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Maps a byte range of the normalized text to the original text.
    ///
    /// The start goes to the first character that produced the range; the
    /// end goes to where the next kept character starts, so marks dropped
    /// right after the last letter (a damma, a tatweel) belong to the span.
    /// Offsets past the end are clamped.
    pub fn original_span(&self, range: Range<usize>) -> Range<usize> {
        let last = self.origin.len() - 1;
        let start = self.origin[range.start.min(last)];
        let end = self.origin[range.end.min(last)].max(start);
        start..end
    }

    /// Maps one normalized byte offset to the original byte offset.
    pub fn original_offset(&self, normalized: usize) -> usize {
        self.origin[normalized.min(self.origin.len() - 1)]
    }
}

/// Normalizes `text`, keeping the offset map.
pub fn normalize(text: &str) -> Normalized<'_> {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let before = out.len();
        push_normalized(c, &mut out);
        origin.resize(origin.len() + (out.len() - before), at);
    }
    origin.push(text.len());
    Normalized {
        original: text,
        text: out,
        origin,
    }
}

/// Normalizes `text` without an offset map (for keys and comparisons).
pub fn normalize_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_normalized(c, &mut out);
    }
    out
}

/// Appends the normalized form of one character (zero or more characters).
pub(crate) fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    match fold_char(c) {
        Fold::Drop => {}
        Fold::To(folded) => out.push(folded),
        Fold::Compatibility => {
            for decomposed in std::iter::once(c).nfkc() {
                // NFKC output can hold marks and alef forms again (ﳞ → ي + marks).
                match fold_char(decomposed) {
                    Fold::Drop => {}
                    Fold::To(folded) => out.push(folded),
                    Fold::Compatibility => out.push(decomposed),
                }
            }
        }
    }
}

enum Fold {
    Drop,
    To(char),
    /// Not an Arabic-block character: NFKC decides.
    Compatibility,
}

fn fold_char(c: char) -> Fold {
    match c {
        '\u{064B}'..='\u{0652}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{0610}'..='\u{061A}'
        | '\u{0653}'..='\u{065F}'
        | '\u{06D6}'..='\u{06ED}' => Fold::Drop,
        c if is_format_control(c) => Fold::Drop,
        'أ' | 'إ' | 'آ' | 'ٱ' => Fold::To('ا'),
        'ة' => Fold::To('ه'),
        'ى' | 'ی' => Fold::To('ي'),
        'ک' => Fold::To('ك'),
        '٫' => Fold::To('.'),
        '٬' => Fold::To(','),
        '\u{0660}'..='\u{0669}' => Fold::To(ascii_digit(c as u32 - 0x0660)),
        '\u{06F0}'..='\u{06F9}' => Fold::To(ascii_digit(c as u32 - 0x06F0)),
        '\u{0600}'..='\u{06FF}' => Fold::To(c),
        _ => Fold::Compatibility,
    }
}

fn ascii_digit(value: u32) -> char {
    char::from_digit(value, 10).unwrap_or('0')
}

/// Bidi controls, zero-width characters and other invisible format marks.
pub(crate) fn is_format_control(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn folds_letters_and_drops_marks() {
        assert_eq!(normalize_str("الأُمَمُ المتّحدة"), "الامم المتحده");
        assert_eq!(normalize_str("إيران آسيا ٱلله"), "ايران اسيا الله");
        assert_eq!(normalize_str("ريـــابكوف"), "ريابكوف");
        assert_eq!(normalize_str("موسى"), "موسي");
        assert_eq!(normalize_str("یک کتاب"), "يك كتاب");
    }

    #[test]
    fn digits_become_ascii() {
        assert_eq!(normalize_str("عام ٢٠١٤ و۱۹۹۰ و٣٫٥"), "عام 2014 و1990 و3.5");
    }

    #[test]
    fn presentation_forms_and_ligatures_become_letters() {
        assert_eq!(normalize_str("\u{FEFB}"), "لا");
        assert_eq!(normalize_str("\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA}"), "الله");
    }

    #[test]
    fn drops_bidi_and_zero_width_characters() {
        assert_eq!(normalize_str("\u{202B}روسيا\u{200F}\u{200C}"), "روسيا");
    }

    #[test]
    fn leaves_latin_text_alone() {
        assert_eq!(normalize_str("OSCE, U.S."), "OSCE, U.S.");
    }

    #[test]
    fn spans_map_back_to_original_including_trailing_marks() {
        let original = "قال رِيابكوفُ اليوم";
        let normalized = normalize(original);
        let at = normalized.as_str().find("ريابكوف").unwrap();
        let span = normalized.original_span(at..at + "ريابكوف".len());
        assert_eq!(&original[span], "رِيابكوفُ");
    }

    #[test]
    fn span_of_ligature_covers_the_whole_character() {
        let original = "x\u{FEFB}y";
        let normalized = normalize(original);
        assert_eq!(normalized.as_str(), "xلاy");
        assert_eq!(normalized.original_span(1..5), 1..4);
    }

    proptest! {
        #[test]
        fn every_offset_maps_to_a_char_boundary(text in "\\PC{0,40}|[\u{0600}-\u{06FF}\u{FB50}-\u{FEFF} .\u{200F}]{0,40}") {
            let normalized = normalize(&text);
            let len = normalized.as_str().len();
            for at in 0..=len {
                let mapped = normalized.original_offset(at);
                prop_assert!(text.is_char_boundary(mapped));
                prop_assert!(mapped <= text.len());
            }
            for start in 0..=len {
                let span = normalized.original_span(start..len);
                prop_assert!(span.start <= span.end);
                prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            }
        }

        #[test]
        fn normalizing_twice_changes_nothing(text in "\\PC{0,40}|[\u{0600}-\u{06FF}\u{FB50}-\u{FEFF}]{0,40}") {
            let once = normalize_str(&text);
            prop_assert_eq!(normalize_str(&once), once.clone());
            let mapped = normalize(&text);
            prop_assert_eq!(mapped.as_str(), once.as_str());
        }

        #[test]
        fn offsets_never_go_backwards(text in "[\u{0600}-\u{06FF}\u{FB50}-\u{FEFF}a-z ]{0,40}") {
            let normalized = normalize(&text);
            let offsets: Vec<usize> = (0..=normalized.as_str().len()).map(|at| normalized.original_offset(at)).collect();
            prop_assert!(offsets.windows(2).all(|pair| pair[0] <= pair[1]));
        }
    }
}
