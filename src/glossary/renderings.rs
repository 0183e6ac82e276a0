//! Which English renders a glossary entry: the one rule of every check of
//! English against the glossary (`check`, the machine-translation
//! warning), so that both accept and flag the same words.
//!
//! An entry is rendered by any `;`-separated alternative of its `en`
//! ("negotiations; talks") or by its long form, found as whole words with
//! the tolerances of [`EnglishText`] (a leading "the" of the rendering
//! optional, plurals, possessives, British spelling, acronyms). An `avoid`
//! form is found as itself, whole words, article included ("the Ukraine"
//! is not found in "visited Ukraine"), and an avoid form that reads as one
//! of the entry's own renderings is never looked for.

use crate::text::english_words::{EnglishText, Phrase};
use std::ops::Range;

/// The English renderings an entry accepts, trimmed, empty ones left out:
/// each `;`-separated alternative of `en`, then `long`.
pub(crate) fn accepted<'a>(en: &'a str, long: Option<&'a str>) -> Vec<&'a str> {
    en.split(';')
        .chain(long)
        .map(str::trim)
        .filter(|rendering| !rendering.is_empty())
        .collect()
}

/// True when `english` has one of the entry's accepted renderings, or when
/// the entry has no rendering with a word in it (nothing to look for).
pub(crate) fn is_rendered(english: &EnglishText, en: &str, long: Option<&str>) -> bool {
    let phrases: Vec<Phrase> = accepted(en, long)
        .into_iter()
        .map(Phrase::new)
        .filter(|phrase| !phrase.is_empty())
        .collect();
    phrases.is_empty() || phrases.iter().any(|phrase| english.find(phrase).is_some())
}

/// Where `english` first uses one of the entry's `avoid` forms (in their
/// order), as itself; avoid forms that fold to one of the entry's
/// accepted renderings are skipped.
pub(crate) fn find_avoided<'a>(
    english: &EnglishText,
    en: &str,
    long: Option<&str>,
    avoid: impl IntoIterator<Item = &'a str>,
) -> Option<Range<usize>> {
    let own: Vec<Phrase> = accepted(en, long)
        .into_iter()
        .flat_map(|rendering| [Phrase::exact(rendering), Phrase::new(rendering)])
        .collect();
    avoid
        .into_iter()
        .map(Phrase::exact)
        .filter(|phrase| !phrase.is_empty() && !own.contains(phrase))
        .find_map(|phrase| english.find(&phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_in_one_example() {
        let english = EnglishText::new("The talks began in Ukraine.");
        assert_eq!(
            accepted("negotiations; talks", None),
            ["negotiations", "talks"]
        );
        assert!(is_rendered(&english, "negotiations; talks", None));
        assert_eq!(
            find_avoided(&english, "Ukraine", None, ["the Ukraine"]),
            None
        );
    }

    fn avoided<'a>(text: &'a str, en: &str, avoid: &[&str]) -> Option<&'a str> {
        find_avoided(&EnglishText::new(text), en, None, avoid.iter().copied())
            .map(|range| &text[range])
    }

    #[test]
    fn alternatives_and_the_long_form_are_accepted() {
        let rendered = |text: &str, en: &str, long: Option<&str>| {
            is_rendered(&EnglishText::new(text), en, long)
        };
        assert!(rendered("The talks began", "negotiations; talks", None));
        assert!(rendered("Negotiations began", "negotiations; talks", None));
        assert!(!rendered("The meeting began", "negotiations; talks", None));
        assert!(rendered(
            "the Organization for Security and Co-operation in Europe met",
            "OSCE",
            Some("Organization for Security and Co-operation in Europe")
        ));
        assert!(rendered("anything", " ; ", None), "nothing to look for");
        assert_eq!(accepted(" a ;; b ", Some(" ")), ["a", "b"]);
    }

    #[test]
    fn avoid_forms_match_as_themselves() {
        assert_eq!(
            avoided("He visited Ukraine.", "Ukraine", &["the Ukraine"]),
            None
        );
        assert_eq!(
            avoided("He visited the Ukraine.", "Ukraine", &["the Ukraine"]),
            Some("the Ukraine")
        );
        assert_eq!(avoided("He reached Kiev", "Kyiv", &["Kiev"]), Some("Kiev"));
        assert_eq!(avoided("the Kievan Rus", "Kyiv", &["Kiev"]), None);
    }

    #[test]
    fn the_entry_own_renderings_are_never_avoided() {
        assert_eq!(
            avoided(
                "Defence Minister",
                "Defense Minister",
                &["Defence Minister"]
            ),
            None
        );
        assert_eq!(
            avoided("the talks", "negotiations; talks", &["talks", "Talks"]),
            None
        );
        assert_eq!(avoided("Kyiv", "Kyiv", &["Kyiv"]), None);
    }
}
