//! Word tokens with their spans.
//!
//! A word is a run of letters, digits and combining marks (harakat,
//! tatweel and zero-width joiners stay inside the word); a `.` `,` `٫` `٬`
//! between two digits keeps a number such as 3.5 or 1,000 in one token.
//! Everything else (spaces, punctuation, symbols) separates words.
//!
//! [`proclitic_readings`] lists the ways a normalized word can be read as
//! proclitics followed by a stem (وللأمم → و + ل + الأمم).

use std::ops::Range;

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

/// True for characters that belong inside a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_inner_mark(c)
}

fn is_inner_mark(c: char) -> bool {
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
pub fn proclitic_readings(word: &str) -> impl Iterator<Item = Reading<'_>> {
    let conjunction = if word.starts_with(['و', 'ف']) {
        'و'.len_utf8()
    } else {
        0
    };
    let after = &word[conjunction..];
    let preposition = conjunction + 'ل'.len_utf8();
    let has_preposition = after.starts_with(['ب', 'ك', 'ل']);
    [
        (conjunction > 0).then(|| reading(word, conjunction, false)),
        has_preposition.then(|| reading(word, preposition, false)),
        (has_preposition && after.starts_with("لل")).then(|| reading(word, preposition, true)),
    ]
    .into_iter()
    .flatten()
    .flatten()
}

fn reading(word: &str, prefix: usize, restores_article: bool) -> Option<Reading<'_>> {
    let (prefix, rest) = word.split_at(prefix);
    // ل + ال → لل: the second ل of the word is the article's.
    let rest = if restores_article {
        &rest['ل'.len_utf8()..]
    } else {
        rest
    };
    let letters = rest.chars().count() + if restores_article { 2 } else { 0 };
    (letters >= 2).then_some(Reading {
        prefix,
        rest,
        restores_article,
    })
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
