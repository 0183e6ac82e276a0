//! Which scripts a text is written in.

/// True for a letter of the Arabic script (the Arabic blocks, presentation
/// forms included); digits, punctuation and marks are not letters.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}' | '\u{FB50}'..='\u{FDFB}' | '\u{FE70}'..='\u{FEFC}')
}

/// The script of a letter.
enum Letter {
    Arabic,
    Other,
}

/// The script of `c`, `None` for what is no letter (digits, marks,
/// punctuation; the Arabic block's signs).
fn letter(c: char) -> Option<Letter> {
    if is_arabic_letter(c) {
        Some(Letter::Arabic)
    } else if c.is_alphabetic() && !('\u{0600}'..='\u{06FF}').contains(&c) {
        Some(Letter::Other)
    } else {
        None
    }
}

/// The letters of a text, by script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scripts {
    /// Some letter is Arabic.
    pub arabic: bool,
    /// Some letter is of another script (Latin, Cyrillic …).
    pub other: bool,
}

impl Scripts {
    /// The scripts of the letters of `text` (digits and marks are no letters).
    pub fn of(text: &str) -> Self {
        let mut scripts = Scripts::default();
        for c in text.chars() {
            match letter(c) {
                Some(Letter::Arabic) => scripts.arabic = true,
                Some(Letter::Other) => scripts.other = true,
                None => {}
            }
            if scripts.arabic && scripts.other {
                break;
            }
        }
        scripts
    }

    /// Arabic letters and letters of another script together.
    pub fn is_mixed(self) -> bool {
        self.arabic && self.other
    }
}

/// The letters of a text counted by script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LetterCounts {
    /// Arabic letters.
    pub arabic: usize,
    /// Letters of other scripts.
    pub other: usize,
}

impl LetterCounts {
    /// Counts the letters of `text` (digits and marks are no letters).
    pub fn of(text: &str) -> Self {
        let mut counts = LetterCounts::default();
        for c in text.chars() {
            match letter(c) {
                Some(Letter::Arabic) => counts.arabic += 1,
                Some(Letter::Other) => counts.other += 1,
                None => {}
            }
        }
        counts
    }

    /// True for a text that is not Arabic: it has letters and fewer than
    /// half of them are Arabic (an English article given by mistake; an
    /// Arabic one full of Latin names stays Arabic).
    pub fn is_not_arabic(self) -> bool {
        self.other > self.arabic
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_scripts_apart() {
        assert_eq!(
            Scripts::of("الناتو"),
            Scripts {
                arabic: true,
                other: false
            }
        );
        assert!(Scripts::of("قمة G20").is_mixed());
        assert!(!Scripts::of("عام ٢٠١٤، مُحَمَّد").other);
        assert_eq!(Scripts::of("2014 - ؟"), Scripts::default());
        assert!(Scripts::of("NATO").other && !Scripts::of("NATO").arabic);
        assert!(Scripts::of("\u{FEFB}").arabic);
    }

    #[test]
    fn a_text_is_not_arabic_when_most_letters_are_not() {
        let not_arabic = |text: &str| LetterCounts::of(text).is_not_arabic();
        assert!(not_arabic("The minister said the talks were difficult."));
        assert!(!not_arabic(
            "قال الوزير إن قمة G20 في Washington كانت صعبة."
        ));
        assert!(!not_arabic(""));
        assert!(!not_arabic("2014 - ٢٠١٥ ؟"));
        assert_eq!(
            LetterCounts::of("NATO الناتو ٢٠"),
            LetterCounts {
                arabic: 6,
                other: 4
            }
        );
    }
}
