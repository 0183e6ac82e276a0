//! Word tokens with their spans.
//!
//! A word is a run of letters, digits and combining marks (harakat,
//! tatweel and zero-width joiners stay inside the word); a `.` `,` `٫` `٬`
//! between two digits keeps a number such as 3.5 or 1,000 in one token.
//! Everything else (spaces, punctuation, symbols) separates words.

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

#[cfg(test)]
mod tests {
    use super::*;

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
