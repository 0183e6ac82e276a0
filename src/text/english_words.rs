//! The English side of the checks: words folded so that inflection and
//! spelling variants compare equal, and phrase search over them.
//!
//! A word is folded by lower-casing it, dropping Latin diacritics
//! (Erdoğan = Erdogan), a possessive `'s` or `'` and other apostrophes,
//! then a regular plural ending (talks = talk, countries = country, UNs =
//! UN; not crises = crisis) and a British spelling (defence =
//! defense, organisation = organization, centre = center, labour = labor,
//! dialogue = dialog). Hyphens and dots between letters are read both ways:
//! as word breaks (Russia-Ukraine = Russia Ukraine) and as nothing
//! (cease-fire = ceasefire, U.S. = US).
//!
//! A name of two or more capitalized words is also found as its acronym
//! written in capitals: United Kingdom = UK = U.K., European Union = EU's,
//! International Court of Justice = ICJ (never "us" for United States).

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// A folded word and where it is in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    folded: String,
    range: Range<usize>,
}

/// An English text cut into folded words, ready to be searched.
#[derive(Debug, Clone)]
pub(crate) struct EnglishText {
    /// Hyphens and inner dots as word breaks.
    split: Vec<Word>,
    /// Hyphens and inner dots dropped.
    joined: Vec<Word>,
    /// Words written in capitals (dots and a possessive dropped): U.S. = US.
    acronyms: Vec<Word>,
}

/// A phrase to look for (a glossary rendering), folded the same way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    split: Vec<String>,
    joined: Vec<String>,
    acronym: Option<String>,
}

impl EnglishText {
    /// Cuts and folds `text`.
    pub(crate) fn new(text: &str) -> Self {
        let (split, joined) = words(text);
        // Each chunk whole with its dots dropped (U.S.), and each part
        // between hyphens (non-UK, US-China).
        let mut acronyms = Vec::new();
        for range in chunks(text) {
            let chunk = &text[range.clone()];
            let mut push = |part: &str, range: Range<usize>| {
                let part = ["'s", "’s"]
                    .iter()
                    .find_map(|possessive| part.strip_suffix(possessive))
                    .unwrap_or(part);
                let letters: String = part.chars().filter(|&c| c != '.').collect();
                if letters.len() >= 2 && letters.bytes().all(|b| b.is_ascii_uppercase()) {
                    acronyms.push(Word {
                        folded: letters,
                        range,
                    });
                }
            };
            push(chunk, range.clone());
            let mut from = 0;
            let breaks = chunk
                .char_indices()
                .filter(|&(_, c)| is_joiner(c) && c != '.');
            for (at, c) in breaks.chain(std::iter::once((chunk.len(), ' '))) {
                push(&chunk[from..at], range.start + from..range.start + at);
                from = at + c.len_utf8();
            }
        }
        Self {
            split,
            joined,
            acronyms,
        }
    }

    /// The byte range of the first place where `phrase` occurs as whole
    /// words, if any.
    pub(crate) fn find(&self, phrase: &Phrase) -> Option<Range<usize>> {
        find_in(&self.split, &phrase.split)
            .or_else(|| find_in(&self.joined, &phrase.joined))
            .or_else(|| {
                let acronym = phrase.acronym.as_ref()?;
                let found = self.acronyms.iter().find(|word| word.folded == *acronym)?;
                Some(found.range.clone())
            })
    }
}

impl Phrase {
    /// Folds `text`; a leading "the" is dropped (the Kremlin = Kremlin's),
    /// and a name is also found as its acronym.
    pub(crate) fn new(text: &str) -> Self {
        let (split, joined) = words(text);
        let fold = |words: Vec<Word>| -> Vec<String> {
            let mut folded = folded(words);
            if folded.len() > 1 && folded[0] == "the" {
                folded.remove(0);
            }
            folded
        };
        Self {
            split: fold(split),
            joined: fold(joined),
            acronym: acronym(text),
        }
    }

    /// Folds `text` and keeps every word of it, with no acronym: a phrase
    /// found only as itself ("the Ukraine" is not found in "Ukraine").
    pub(crate) fn exact(text: &str) -> Self {
        let (split, joined) = words(text);
        Self {
            split: folded(split),
            joined: folded(joined),
            acronym: None,
        }
    }

    /// True when the phrase has no word (nothing to look for).
    pub(crate) fn is_empty(&self) -> bool {
        self.split.is_empty()
    }
}

fn folded(words: Vec<Word>) -> Vec<String> {
    words.into_iter().map(|word| word.folded).collect()
}

/// Words an acronym leaves out.
const MINOR_WORDS: &[&str] = &["of", "the", "and", "for", "on", "in", "de", "to"];

/// The initials of a name of two or more capitalized words (minor words
/// aside): "International Court of Justice" → "ICJ".
fn acronym(text: &str) -> Option<String> {
    let mut initials = String::new();
    for word in text.split(|c: char| c.is_whitespace() || is_joiner(c)) {
        if word.is_empty() || MINOR_WORDS.contains(&word) {
            continue;
        }
        let first = word.chars().next()?;
        if !first.is_ascii_uppercase() {
            return None;
        }
        initials.push(first);
    }
    (initials.len() >= 2).then_some(initials)
}

fn find_in(words: &[Word], phrase: &[String]) -> Option<Range<usize>> {
    if phrase.is_empty() || phrase.len() > words.len() {
        return None;
    }
    words
        .windows(phrase.len())
        .find(|window| window.iter().zip(phrase).all(|(w, p)| w.folded == *p))
        .map(|window| window[0].range.start..window[window.len() - 1].range.end)
}

/// The words of `text` read with hyphens and inner dots as breaks, and
/// read with them dropped.
fn words(text: &str) -> (Vec<Word>, Vec<Word>) {
    let mut split = Vec::new();
    let mut joined = Vec::new();
    for chunk in chunks(text) {
        let chunk_text = &text[chunk.clone()];
        let mut part_start = chunk.start;
        for (offset, c) in chunk_text.char_indices() {
            if is_joiner(c) {
                push_word(text, part_start..chunk.start + offset, &mut split);
                part_start = chunk.start + offset + c.len_utf8();
            }
        }
        push_word(text, part_start..chunk.end, &mut split);
        push_word(text, chunk, &mut joined);
    }
    (split, joined)
}

fn push_word(text: &str, range: Range<usize>, out: &mut Vec<Word>) {
    let folded = fold(&text[range.clone()]);
    if !folded.is_empty() {
        out.push(Word { folded, range });
    }
}

/// Runs of letters and digits, with apostrophes, hyphens and dots that
/// stand between two of them.
fn chunks(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut chunks = Vec::new();
    let mut start: Option<usize> = None;
    for (index, &(at, c)) in chars.iter().enumerate() {
        let inside = c.is_alphanumeric()
            || ((is_joiner(c) || is_apostrophe(c))
                && start.is_some()
                && chars
                    .get(index + 1)
                    .is_some_and(|&(_, n)| n.is_alphanumeric()));
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                chunks.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        chunks.push(from..text.len());
    }
    chunks
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | '‐' | '‑' | '–' | '—')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Folds one word (see the module documentation); empty for no letters.
fn fold(word: &str) -> String {
    // The plural of a short acronym: UNs, MPs.
    let word = word
        .strip_suffix('s')
        .filter(|stem| stem.len() >= 2 && stem.bytes().all(|b| b.is_ascii_uppercase()))
        .unwrap_or(word);
    let mut folded: String = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(char::to_lowercase)
            .collect()
    };
    for possessive in ["'s", "’s", "ʼs"] {
        if let Some(stem) = folded.strip_suffix(possessive) {
            folded.truncate(stem.len());
            break;
        }
    }
    folded.retain(|c| !is_apostrophe(c) && !is_joiner(c));
    british_to_american(singular(folded))
}

/// A regular English plural made singular; other words as they are.
fn singular(mut word: String) -> String {
    if word.len() < 4 || !word.is_ascii() {
        return word;
    }
    if word.ends_with("ies") {
        word.truncate(word.len() - 3);
        word.push('y');
    } else if let Some(stem) = word.strip_suffix("es")
        && (stem.ends_with(['s', 'x', 'z']) || stem.ends_with("ch") || stem.ends_with("sh"))
    {
        word.truncate(word.len() - 2);
    } else if word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        word.pop();
    }
    word
}

fn british_to_american(word: String) -> String {
    if word.len() < 5 || !word.is_ascii() {
        return word;
    }
    for (british, american) in [
        ("isation", "ization"),
        ("ence", "ense"),
        ("ogue", "og"),
        ("our", "or"),
        ("tre", "ter"),
        ("ise", "ize"),
    ] {
        if let Some(stem) = word.strip_suffix(british) {
            return format!("{stem}{american}");
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(text: &str, phrase: &str) -> Option<String> {
        EnglishText::new(text)
            .find(&Phrase::new(phrase))
            .map(|range| text[range].to_owned())
    }

    #[test]
    fn tolerates_inflection_and_case() {
        assert_eq!(
            finds("Security guarantee was offered", "security guarantees").as_deref(),
            Some("Security guarantee")
        );
        assert!(finds("NATO's summit", "NATO").is_some());
        assert!(finds("the countries' leaders", "country").is_some());
        assert!(finds("talks with Nato", "NATO").is_some());
        assert!(finds("The Kremlin's statement", "the Kremlin").is_some());
        assert!(finds("three crises", "crisis").is_none());
        assert!(finds("the UNs", "UN").is_some());
        assert!(finds("two MPs", "MP").is_some());
        assert!(finds("the bus", "BU").is_none());
    }

    #[test]
    fn reads_hyphens_and_dots_both_ways() {
        assert!(finds("a cease-fire held", "ceasefire").is_some());
        assert!(finds("a ceasefire held", "cease-fire").is_some());
        assert!(finds("the Russia–Ukraine war", "Russia-Ukraine war").is_some());
        assert!(finds("the U.S. envoy", "US").is_some());
        assert!(finds("Co-operation in Europe", "Cooperation").is_some());
    }

    #[test]
    fn folds_british_spelling_and_diacritics() {
        assert!(finds("the Defence Minister", "Defense Minister").is_some());
        assert!(finds("Organisation", "Organization").is_some());
        assert!(finds("Erdoğan said", "Erdogan").is_some());
        assert!(finds("in the city centre", "center").is_some());
    }

    #[test]
    fn names_are_found_as_their_acronyms() {
        assert!(finds("the EU's budget", "European Union").is_some());
        assert_eq!(
            finds("U.K. officials", "United Kingdom").as_deref(),
            Some("U.K")
        );
        assert!(finds("at the ICJ", "International Court of Justice").is_some());
        assert_eq!(
            finds("non-UK buyers", "United Kingdom").as_deref(),
            Some("UK")
        );
        assert_eq!(
            finds("the US–China war", "United States").as_deref(),
            Some("US")
        );
        assert!(finds("told us", "United States").is_none());
        assert!(finds("the SG said", "security guarantees").is_none());
    }

    proptest::proptest! {
        #[test]
        fn found_ranges_are_slices_of_the_text(
            text in "\\PC{0,30}|[A-Za-z.'’–— -]{0,30}",
            phrase in "[A-Za-z.–-]{1,8}( [A-Z][a-z]{0,3}){0,2}",
        ) {
            if let Some(range) = EnglishText::new(&text).find(&Phrase::new(&phrase)) {
                proptest::prop_assert!(text.get(range).is_some());
            }
        }
    }

    #[test]
    fn an_exact_phrase_keeps_its_article_and_has_no_acronym() {
        let exact = |text: &str, phrase: &str| {
            EnglishText::new(text)
                .find(&Phrase::exact(phrase))
                .map(|range| text[range].to_owned())
        };
        assert_eq!(exact("He visited Ukraine", "the Ukraine"), None);
        assert_eq!(
            exact("He visited the Ukraine", "the Ukraine").as_deref(),
            Some("the Ukraine")
        );
        assert_eq!(exact("at the ICJ", "International Court of Justice"), None);
        assert!(finds("He visited Ukraine", "the Ukraine").is_some());
    }

    #[test]
    fn matches_whole_words_only() {
        assert!(finds("the Kievan Rus", "Kiev").is_none());
        assert!(finds("unable to", "UN").is_none());
        assert!(finds("Kiev, the capital", "kiev").is_some());
    }
}
