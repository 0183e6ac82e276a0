//! Concordance: which units hold the words of a search, as whole words.
//!
//! An Arabic word of the search matches a word of a unit's source (both
//! normalized) that is the same word, or the same word behind proclitics
//! (و ف, then ب ك ل, and the article: ومصر, بمصر and لمصر for مصر; للأمم and
//! والأمم for الأمم; الأمم for أمم), never a longer word that starts with it
//! (مصرع is not مصر). Any other word matches a word of the target, case
//! ignored (`UN` is in "the UN's plan", not in "countries"). The places of
//! the matches are kept, so that outputs can highlight them.

use crate::text::tokenize::{proclitic_readings, words};
use crate::text::{normalize, normalize_str};
use serde::Serialize;
use std::ops::Range;

/// The words of a search, ready to be matched.
#[derive(Debug, Clone)]
pub(super) struct Search {
    /// Each search word as the normalized words it holds (`U.S.` holds two).
    arabic: Vec<Vec<String>>,
    /// Each search word as the lower-case words it holds.
    english: Vec<Vec<String>>,
}

impl Search {
    /// The search for `text`: its words, separated by spaces.
    pub(super) fn new(text: &str) -> Self {
        let pieces: Vec<&str> = text.split_whitespace().collect();
        let arabic = pieces
            .iter()
            .map(|piece| {
                let normalized = normalize_str(piece);
                words(&normalized)
                    .map(|range| normalized[range].to_owned())
                    .collect::<Vec<_>>()
            })
            .filter(|words| !words.is_empty())
            .collect();
        let english = pieces
            .iter()
            .map(|piece| {
                latin_words(piece)
                    .map(|range| piece[range].to_lowercase())
                    .collect::<Vec<_>>()
            })
            .filter(|words| !words.is_empty())
            .collect();
        Search { arabic, english }
    }

    /// True when there is nothing to look for.
    pub(super) fn is_empty(&self) -> bool {
        self.arabic.is_empty() && self.english.is_empty()
    }

    /// Text that a normalized source must contain (as a substring) to
    /// match: each word, without its article (لل in للأمم stands for ل +
    /// ال). A cheap filter before [`Search::source_matches`].
    pub(super) fn source_needles(&self) -> Vec<String> {
        self.arabic
            .iter()
            .flatten()
            .map(|word| match word.strip_prefix("ال") {
                Some(stem) if stem.chars().nth(1).is_some() => stem.to_owned(),
                _ => word.clone(),
            })
            .collect()
    }

    /// Text that a lower-case target must contain to match: each word.
    pub(super) fn target_needles(&self) -> Vec<String> {
        self.english.iter().flatten().cloned().collect()
    }

    /// Where the words of the search are in `source` (byte ranges of the
    /// original text), when every one of them is there.
    pub(super) fn source_matches(&self, source: &str) -> Option<Vec<Range<usize>>> {
        let normalized = normalize(source);
        let text = normalized.as_str();
        let unit_words: Vec<Range<usize>> = words(text).collect();
        let spans = matches_of_all(&self.arabic, &unit_words, |range, wanted| {
            arabic_word_matches(&text[range.clone()], wanted)
        })?;
        Some(
            spans
                .into_iter()
                .map(|range| normalized.original_span(range))
                .collect(),
        )
    }

    /// Where the words of the search are in `target`, case ignored, when
    /// every one of them is there.
    pub(super) fn target_matches(&self, target: &str) -> Option<Vec<Range<usize>>> {
        let unit_words: Vec<Range<usize>> = latin_words(target).collect();
        matches_of_all(&self.english, &unit_words, |range, wanted| {
            target[range.clone()].to_lowercase() == wanted
        })
    }
}

/// A unit's source and target with the places of the words searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// The unit.
    #[serde(flatten)]
    pub unit: super::StoredUnit,
    /// Byte ranges of the source that match.
    #[serde(skip)]
    pub source_matches: Vec<Range<usize>>,
    /// Byte ranges of the target that match.
    #[serde(skip)]
    pub target_matches: Vec<Range<usize>>,
}

/// The ranges of `unit_words` that match some word of `search`, in order,
/// when every search word (each of its parts) matches one of them.
fn matches_of_all(
    search: &[Vec<String>],
    unit_words: &[Range<usize>],
    matches: impl Fn(&Range<usize>, &str) -> bool,
) -> Option<Vec<Range<usize>>> {
    if search.is_empty() {
        return None;
    }
    let mut found: Vec<Range<usize>> = Vec::new();
    for wanted in search.iter().flatten() {
        let before = found.len();
        found.extend(
            unit_words
                .iter()
                .filter(|range| matches(range, wanted))
                .cloned(),
        );
        if found.len() == before {
            return None;
        }
    }
    found.sort_by_key(|range| range.start);
    found.dedup();
    Some(found)
}

/// True when the normalized unit word `word` is `wanted`, or `wanted`
/// behind proclitics or the article.
fn arabic_word_matches(word: &str, wanted: &str) -> bool {
    let with_article = |stem: &str| stem.strip_prefix("ال") == Some(wanted);
    if word == wanted || with_article(word) {
        return true;
    }
    let mut stem = String::new();
    proclitic_readings(word).any(|reading| {
        stem.clear();
        reading.stem_into(&mut stem);
        stem == wanted || with_article(&stem)
    })
}

/// Byte ranges of the runs of letters and digits of `text`.
fn latin_words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.find(|(_, c)| c.is_alphanumeric())?;
        let mut end = text.len();
        while let Some(&(at, c)) = chars.peek() {
            if !c.is_alphanumeric() {
                end = at;
                break;
            }
            chars.next();
        }
        Some(start..end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(search: &str, text: &str) -> Option<Vec<String>> {
        Search::new(search)
            .source_matches(text)
            .map(|spans| spans.into_iter().map(|r| text[r].to_owned()).collect())
    }

    fn target(search: &str, text: &str) -> Option<Vec<String>> {
        Search::new(search)
            .target_matches(text)
            .map(|spans| spans.into_iter().map(|r| text[r].to_owned()).collect())
    }

    #[test]
    fn arabic_words_match_whole_behind_proclitics() {
        assert_eq!(
            source("مصر", "زار مصر ثم عاد ومصر بمصر لمصر"),
            Some(vec![
                "مصر".into(),
                "ومصر".into(),
                "بمصر".into(),
                "لمصر".into()
            ])
        );
        assert_eq!(source("مصر", "لقي مصرعه في الحادث"), None);
        assert_eq!(
            source("الأمم", "قال للأمم المتحدة والأمم"),
            Some(vec!["للأمم".into(), "والأمم".into()])
        );
        assert_eq!(source("أمم", "الأمم المتحدة"), Some(vec!["الأمم".into()]));
        // Diacritics and letter forms in the text are kept in what is shown.
        assert_eq!(
            source("اسعار", "ارتفعت أسعارُ القمح"),
            Some(vec!["أسعارُ".into()])
        );
        // Every word must be there.
        assert_eq!(source("مصر الأردن", "زار مصر"), None);
        // Every reading counts: لبنان can be ل + بنان.
        assert_eq!(source("بنان", "زار لبنان"), Some(vec!["لبنان".into()]));
        assert_eq!(source("لبنان", "زار بنان"), None);
    }

    #[test]
    fn english_words_match_whole_whatever_their_case() {
        assert_eq!(target("UN", "the countries of the world"), None);
        assert_eq!(
            target("un", "The UN's plan, backed by the UN."),
            Some(vec!["UN".into(), "UN".into()])
        );
        assert_eq!(
            target("U.S. plan", "The U.S. plan"),
            Some(vec!["U".into(), "S".into(), "plan".into()])
        );
    }

    #[test]
    fn needles_are_substrings_of_every_match() {
        let search = Search::new("الأمم مصر");
        assert_eq!(search.source_needles(), ["امم", "مصر"]);
        assert!(Search::new("  ").is_empty());
    }
}
