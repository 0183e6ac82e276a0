//! Word tokens with their spans.
//!
//! A word is a run of letters, digits and combining marks (harakat,
//! tatweel and zero-width joiners stay inside the word); a `.` `,` `٫` `٬`
//! between two digits keeps a number such as 3.5 or 1,000 in one token.
//! Everything else (spaces, punctuation, symbols) separates words.
//!
//! [`NormalizedWords`] gives the same words with their normalized spelling
//! in one pass (what glossary matching runs on), and
//! [`proclitic_readings`] lists the ways a normalized word can be read as
//! proclitics followed by a stem (وللأمم → و + ل + الأمم).

use crate::text::normalize::push_normalized;
use std::ops::Range;
use std::sync::LazyLock;

/// Byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator returned by [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let rest = &self.text[self.at..];
        let (offset, _) = rest.char_indices().find(|&(_, c)| is_word_char(c))?;
        let start = self.at + offset;
        let mut end = start;
        let mut previous = None;
        let mut chars = self.text[start..].chars().peekable();
        while let Some(c) = chars.next() {
            let inside = is_word_char(c)
                || (is_number_separator(c)
                    && previous.is_some_and(|p: char| p.is_numeric())
                    && chars.peek().is_some_and(|n| n.is_numeric()));
            if !inside {
                break;
            }
            end += c.len_utf8();
            previous = Some(c);
        }
        self.at = end;
        Some(start..end)
    }
}

/// The words of a text with their normalized spelling
/// ([`crate::text::normalize()`]), found in one pass over the text.
///
/// Yields the same ranges as [`words`]. It lends its buffer, so it is not an
/// [`Iterator`]: call [`NormalizedWords::next_word`] in a loop.
#[derive(Debug, Clone)]
pub struct NormalizedWords<'a> {
    text: &'a str,
    at: usize,
    word: String,
}

impl<'a> NormalizedWords<'a> {
    /// Starts at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            word: String::new(),
        }
    }

    /// The next word: its byte range in the text and its normalized form
    /// (empty for a word made only of marks).
    pub fn next_word(&mut self) -> Option<(Range<usize>, &str)> {
        let classes = &*CLASSES;
        let text = self.text;
        let mut at = self.at;
        let mut current = loop {
            if at >= text.len() {
                self.at = at;
                return None;
            }
            let scanned = classes.at(text, at);
            if scanned.class.word {
                break scanned;
            }
            at += scanned.len;
        };
        let start = at;
        // The word is borrowed from the text until a character changes.
        let mut copied = false;
        loop {
            if !copied && !current.class.unchanged {
                self.word.clear();
                self.word.push_str(&text[start..at]);
                copied = true;
            }
            if copied {
                match current.class.fold {
                    Fold::Drop => {}
                    Fold::To(folded) => self.word.push(folded),
                    Fold::Other => {
                        let c = text[at..].chars().next().unwrap_or_default();
                        push_normalized(c, &mut self.word);
                    }
                }
            }
            at += current.len;
            let mut numeric = current.class.numeric;
            // Most of a word is plain Arabic letters: skip them in a tight loop.
            let run = at;
            at = classes.skip_plain_arabic(text, at);
            if at > run {
                numeric = false;
                if copied {
                    self.word.push_str(&text[run..at]);
                }
            }
            if at >= text.len() {
                break;
            }
            let next = classes.at(text, at);
            let inside = next.class.word
                || (next.class.number_separator
                    && numeric
                    && at + next.len < text.len()
                    && classes.at(text, at + next.len).class.numeric);
            if !inside {
                break;
            }
            current = next;
        }
        self.at = at;
        let word = if copied {
            self.word.as_str()
        } else {
            &text[start..at]
        };
        Some((start..at, word))
    }
}

/// What normalization does to a character.
#[derive(Debug, Clone, Copy)]
enum Fold {
    Drop,
    To(char),
    /// Ask [`push_normalized`].
    Other,
}

/// What the word scanner needs to know about a character.
#[derive(Debug, Clone, Copy)]
struct CharClass {
    /// [`is_word_char`].
    word: bool,
    /// [`char::is_numeric`].
    numeric: bool,
    /// [`is_number_separator`].
    number_separator: bool,
    /// Normalization leaves it as it is.
    unchanged: bool,
    /// A letter of the Arabic block that normalization leaves alone.
    plain_arabic: bool,
    fold: Fold,
}

impl CharClass {
    fn of(c: char, fold: Fold) -> Self {
        Self {
            word: is_word_char(c),
            numeric: c.is_numeric(),
            number_separator: is_number_separator(c),
            unchanged: matches!(fold, Fold::To(folded) if folded == c),
            plain_arabic: ('\u{0600}'..='\u{06FF}').contains(&c)
                && is_word_char(c)
                && !c.is_numeric()
                && matches!(fold, Fold::To(folded) if folded == c),
            fold,
        }
    }
}

/// The class of a character of the text, and its length in UTF-8.
#[derive(Debug, Clone, Copy)]
struct Scanned {
    len: usize,
    class: CharClass,
}

/// The classes of ASCII and of the Arabic block (U+0600–U+06FF, two bytes
/// in UTF-8), looked up instead of computed: these are nearly all the
/// characters of the texts this tool reads.
struct Classes {
    ascii: [CharClass; 128],
    arabic: [CharClass; 256],
}

static CLASSES: LazyLock<Classes> = LazyLock::new(|| Classes {
    ascii: std::array::from_fn(|code| {
        let c = char::from(u8::try_from(code).expect("an ASCII code"));
        CharClass::of(c, Fold::To(c))
    }),
    arabic: std::array::from_fn(|index| {
        let c = u32::try_from(0x0600 + index)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        let mut folded = String::new();
        push_normalized(c, &mut folded);
        let mut chars = folded.chars();
        let fold = match (chars.next(), chars.next()) {
            (None, _) => Fold::Drop,
            (Some(one), None) => Fold::To(one),
            _ => Fold::Other,
        };
        CharClass::of(c, fold)
    }),
});

impl Classes {
    /// The end of the run of plain Arabic letters that starts at `at`.
    #[inline(always)]
    fn skip_plain_arabic(&self, text: &str, mut at: usize) -> usize {
        let bytes = text.as_bytes();
        while let Some(&[lead, trail]) = bytes.get(at..at + 2)
            && lead & 0xFC == 0xD8
            && self.arabic[(usize::from(lead & 0x03) << 6) | usize::from(trail & 0x3F)].plain_arabic
        {
            at += 2;
        }
        at
    }

    /// The character starting at byte `at` of `text` (a char boundary).
    #[inline(always)]
    fn at(&self, text: &str, at: usize) -> Scanned {
        let bytes = text.as_bytes();
        let lead = bytes[at];
        if lead < 0x80 {
            return Scanned {
                len: 1,
                class: self.ascii[usize::from(lead)],
            };
        }
        if (0xD8..=0xDB).contains(&lead)
            && let Some(&trail) = bytes.get(at + 1)
        {
            let index = (usize::from(lead & 0x03) << 6) | usize::from(trail & 0x3F);
            return Scanned {
                len: 2,
                class: self.arabic[index],
            };
        }
        let c = text[at..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        Scanned {
            len: c.len_utf8(),
            class: CharClass::of(c, Fold::Other),
        }
    }
}

/// True for characters that belong inside a word.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        c if c.is_ascii() => false,
        // The Arabic block spelled out: the generic Unicode lookup is the
        // slowest step of tokenizing Arabic text.
        '\u{0600}'..='\u{06FF}' => {
            matches!(c, '\u{0620}'..='\u{064A}' | '\u{0660}'..='\u{0669}' | '\u{066E}'..='\u{06D3}' | '\u{06D5}' | '\u{06E5}' | '\u{06E6}' | '\u{06EE}'..='\u{06FC}' | '\u{06FF}')
                || is_inner_mark(c)
        }
        c => c.is_alphanumeric() || is_inner_mark(c),
    }
}

/// True for the marks that stay inside a word: harakat, Quranic marks,
/// the dagger alef, tatweel and the zero-width (non-)joiners.
pub fn is_inner_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' | '\u{200C}' | '\u{200D}')
}

fn is_number_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '٫' | '٬')
}

/// One reading of a normalized word as proclitics plus a stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading<'a> {
    /// The proclitics as written: و, ف, ب, ك, ل, or و/ف followed by ب/ك/ل.
    pub prefix: &'a str,
    /// The rest of the word after the prefix.
    pub rest: &'a str,
    /// True when the prefix ends in ل written over the article: ل + الأمم is
    /// written للأمم, so the stem is `ال` + `rest`.
    pub restores_article: bool,
}

impl Reading<'_> {
    /// Writes the stem (with the article put back when it was contracted).
    pub fn stem_into(&self, out: &mut String) {
        out.clear();
        if self.restores_article {
            out.push_str("ال");
        }
        out.push_str(self.rest);
    }
}

/// The readings of a normalized `word` as proclitics and a stem, shortest
/// prefix first: an optional و or ف, then an optional ب, ك or ل; at least one
/// of them, and a stem of two letters or more. The word itself (no prefix) is
/// not included: callers try it first, so names that begin with these
/// letters (واشنطن, بوتين, لندن) stay whole.
pub fn proclitic_readings(word: &str) -> ProcliticReadings<'_> {
    let conjunction = if word.starts_with(['و', 'ف']) {
        'و'.len_utf8()
    } else {
        0
    };
    ProcliticReadings {
        word,
        conjunction,
        has_preposition: word[conjunction..].starts_with(['ب', 'ك', 'ل']),
        step: 0,
    }
}

/// Iterator returned by [`proclitic_readings`]: small, and lazy, since the
/// matcher asks it for every word of a text.
#[derive(Debug, Clone)]
pub struct ProcliticReadings<'a> {
    word: &'a str,
    conjunction: usize,
    has_preposition: bool,
    step: u8,
}

impl<'a> Iterator for ProcliticReadings<'a> {
    type Item = Reading<'a>;

    fn next(&mut self) -> Option<Reading<'a>> {
        let preposition = self.conjunction + 'ل'.len_utf8();
        while self.step < 3 {
            self.step += 1;
            let found = match self.step {
                1 if self.conjunction > 0 => reading(self.word, self.conjunction, false),
                2 if self.has_preposition => reading(self.word, preposition, false),
                3 if self.has_preposition && self.word[self.conjunction..].starts_with("لل") => {
                    reading(self.word, preposition, true)
                }
                _ => None,
            };
            if found.is_some() {
                return found;
            }
        }
        None
    }
}

fn reading(word: &str, prefix: usize, restores_article: bool) -> Option<Reading<'_>> {
    let (prefix, rest) = word.split_at(prefix);
    // ل + ال → لل: the second ل of the word is the article's.
    let rest = if restores_article {
        &rest['ل'.len_utf8()..]
    } else {
        rest
    };
    // At least two letters, the restored article's counted.
    let long_enough = restores_article || rest.chars().nth(1).is_some();
    long_enough.then_some(Reading {
        prefix,
        rest,
        restores_article,
    })
}

/// The normalized words of `text` joined by single spaces, punctuation
/// left out: equal for texts that differ only in spelling variants
/// (diacritics, letter forms, digits' script), spacing, hyphens and marks.
pub fn word_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut scanner = NormalizedWords::new(text);
    while let Some((_, word)) = scanner.next_word() {
        if word.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn readings(word: &str) -> Vec<String> {
        proclitic_readings(word)
            .map(|reading| {
                let mut stem = String::new();
                reading.stem_into(&mut stem);
                format!("{}+{stem}", reading.prefix)
            })
            .collect()
    }

    #[test]
    fn normalized_words_agree_with_words_and_normalize() {
        let text = "قال رِيـابكوف، في ٣٫٥ و3.5 U.S.\u{200F}جنيف ﻻ\u{064B}";
        let mut fused = NormalizedWords::new(text);
        for range in words(text) {
            let (got, normalized) = fused.next_word().unwrap();
            assert_eq!(got, range);
            assert_eq!(normalized, crate::text::normalize_str(&text[range]));
        }
        assert!(fused.next_word().is_none());
    }

    proptest::proptest! {
        #[test]
        fn normalized_words_match_words(text in "[\u{0600}-\u{06FF}\u{FB50}-\u{FEFF} .,0-9a-z\u{200F}]{0,40}") {
            let mut fused = NormalizedWords::new(&text);
            for range in words(&text) {
                let (got, normalized) = fused.next_word().unwrap();
                proptest::prop_assert_eq!(got, range.clone());
                proptest::prop_assert_eq!(normalized, crate::text::normalize_str(&text[range]));
            }
            proptest::prop_assert!(fused.next_word().is_none());
        }
    }

    #[test]
    fn arabic_block_shortcut_agrees_with_unicode() {
        for c in ('\u{0600}'..='\u{06FF}').chain('\0'..='\u{7F}') {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || is_inner_mark(c),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn conjunction_then_preposition() {
        assert_eq!(readings("وبريطانيا"), ["و+بريطانيا", "وب+ريطانيا"]);
        assert_eq!(readings("فلسطين"), ["ف+لسطين", "فل+سطين"]);
        assert_eq!(readings("بكندا"), ["ب+كندا"]);
        assert_eq!(readings("كندا"), ["ك+ندا"]);
        assert_eq!(readings("روسيا"), Vec::<String>::new());
    }

    #[test]
    fn lam_over_the_article() {
        assert_eq!(readings("للامم"), ["ل+لامم", "ل+الامم"]);
        assert_eq!(readings("وللعراق"), ["و+للعراق", "ول+لعراق", "ول+العراق"]);
        assert_eq!(readings("للبنان"), ["ل+لبنان", "ل+البنان"]);
    }

    #[test]
    fn stems_keep_two_letters() {
        assert_eq!(readings("وبه"), ["و+به"]);
        assert_eq!(readings("ول"), Vec::<String>::new());
    }

    fn tokens(text: &str) -> Vec<&str> {
        words(text).map(|range| &text[range]).collect()
    }

    #[test]
    fn splits_on_spaces_and_punctuation() {
        assert_eq!(
            tokens("قال لافروف: «المفاوضات، صعبة»."),
            ["قال", "لافروف", "المفاوضات", "صعبة"]
        );
    }

    #[test]
    fn keeps_marks_and_tatweel_inside_words() {
        assert_eq!(tokens("سَبَبًا ريـــابكوف"), ["سَبَبًا", "ريـــابكوف"]);
    }

    #[test]
    fn keeps_numbers_whole() {
        assert_eq!(
            tokens("نحو 100,000 جندي و٣٫٥ مليار في 2014."),
            ["نحو", "100,000", "جندي", "و٣٫٥", "مليار", "في", "2014"]
        );
    }

    #[test]
    fn hyphen_separates_words() {
        assert_eq!(tokens("الناتو-روسيا"), ["الناتو", "روسيا"]);
    }

    #[test]
    fn latin_words_are_words() {
        assert_eq!(tokens("U.S. OSCE's"), ["U", "S", "OSCE", "s"]);
    }
}
