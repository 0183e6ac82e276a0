//! What differs in meaning between a sentence and a similar one, such as
//! the source of a fuzzy translation-memory match: the English of a fuzzy
//! match translates the other sentence, and these are what a translator
//! must change in it (and why a briefing never shows it as the English of
//! this one).
//!
//! - **numbers**: a number written with digits on one side that the other
//!   lacks, read as `crate::text::numbers` reads them (٣٫٥ ملايين =
//!   3.5 ملايين = 3,500,000; خمسة = 5);
//! - **negation**: a negating word on one side only (لا، لم، لن، ليس and
//!   its forms, غير، ما، بدون، بلا، عدم), also behind the conjunction و
//!   or ف (ولم، فلا); غير before أن ("however") is no negation;
//! - **other words**: the remaining words of one side that the other
//!   lacks, compared normalized and without a leading و or ف.
//!
//! ```
//! use tarjama::text::differences::{compare, DifferenceKind};
//!
//! let found = compare("قال الوزير إن المحادثات ليست صعبة", "قال الوزير إن المحادثات صعبة");
//! assert_eq!(found[0].kind, DifferenceKind::Negation);
//! assert_eq!(found[0].to_string(), "negation: «ليست» here only");
//! ```

use crate::text::numbers::{self, Number, Written};
use crate::text::tokenize::NormalizedWords;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

crate::named::named_enum! {
    /// What a [`Difference`] is about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum DifferenceKind {
        /// Numbers written with digits.
        Number = "number",
        /// A negating word.
        Negation = "negation",
        /// Any other word.
        Words = "words",
    }
}

impl DifferenceKind {
    fn label(self) -> &'static str {
        match self {
            DifferenceKind::Number => "numbers",
            DifferenceKind::Negation => "negation",
            DifferenceKind::Words => "other words",
        }
    }
}

/// One kind of difference, with the words of each side that the other
/// lacks, as each writes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// What differs.
    pub kind: DifferenceKind,
    /// What the sentence has and the similar one lacks.
    pub sentence: Vec<String>,
    /// What the similar sentence (the memory's) has and the sentence lacks.
    pub memory: Vec<String>,
}

impl fmt::Display for Difference {
    /// `numbers: «3.5 ملايين» here, «5.5 ملايين» in the memory`,
    /// `negation: «ليست» here only`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let quoted = |words: &[String]| {
            words
                .iter()
                .map(|word| format!("«{word}»"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        write!(f, "{}: ", self.kind.label())?;
        match (self.sentence.is_empty(), self.memory.is_empty()) {
            (false, false) => write!(
                f,
                "{} here, {} in the memory",
                quoted(&self.sentence),
                quoted(&self.memory)
            ),
            (false, true) => write!(f, "{} here only", quoted(&self.sentence)),
            (true, _) => write!(f, "{} in the memory only", quoted(&self.memory)),
        }
    }
}

/// Every difference, one per kind in [`DifferenceKind`] order, as
/// `numbers: …; negation: …`.
pub fn describe(differences: &[Difference]) -> String {
    differences
        .iter()
        .map(Difference::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Negating words, normalized.
const NEGATIONS: &[&str] = &[
    "لا",
    "لم",
    "لن",
    "ليس",
    "ليست",
    "ليسا",
    "ليستا",
    "ليسوا",
    "لست",
    "لستم",
    "لسنا",
    "غير",
    "ما",
    "بدون",
    "بلا",
    "بغير",
    "عدم",
];

/// What `sentence` and the similar `memory` sentence differ in (see the
/// module documentation); empty when they say the same.
pub fn compare(sentence: &str, memory: &str) -> Vec<Difference> {
    let ours = Reading::of(sentence);
    let theirs = Reading::of(memory);
    let mut differences = Vec::new();
    let mismatch = numbers::compare(&ours.numbers, &theirs.numbers);
    let written = |side: &[Number], text: &str| -> Vec<String> {
        side.iter()
            .map(|number| text[number.range.clone()].to_owned())
            .collect()
    };
    let found = [
        (
            DifferenceKind::Number,
            written(&mismatch.missing, sentence),
            written(&mismatch.extra, memory),
        ),
        (
            DifferenceKind::Negation,
            surplus(&ours.negations, &theirs.negations, sentence),
            surplus(&theirs.negations, &ours.negations, memory),
        ),
        (
            DifferenceKind::Words,
            surplus(&ours.words, &theirs.words, sentence),
            surplus(&theirs.words, &ours.words, memory),
        ),
    ];
    for (kind, sentence, memory) in found {
        if !sentence.is_empty() || !memory.is_empty() {
            differences.push(Difference {
                kind,
                sentence,
                memory,
            });
        }
    }
    differences
}

/// A sentence's numbers, negations and other words (each word as its
/// comparison key and its range in the text).
struct Reading {
    numbers: Vec<Number>,
    negations: Vec<(String, Range<usize>)>,
    words: Vec<(String, Range<usize>)>,
}

impl Reading {
    fn of(text: &str) -> Self {
        let numbers = numbers::arabic_numbers(text);
        let in_digits = |range: &Range<usize>| {
            numbers.iter().any(|number| {
                number.written == Written::Digits
                    && number.range.start <= range.start
                    && range.end <= number.range.end
            })
        };
        let mut all: Vec<(String, Range<usize>)> = Vec::new();
        let mut scanner = NormalizedWords::new(text);
        while let Some((range, word)) = scanner.next_word() {
            if !word.is_empty() {
                all.push((word.to_owned(), range));
            }
        }
        let mut negations = Vec::new();
        let mut words = Vec::new();
        for (index, (word, range)) in all.iter().enumerate() {
            let next = all.get(index + 1).map(|(next, _)| next.as_str());
            if let Some(negation) = negation(word, next) {
                negations.push((negation.to_owned(), range.clone()));
            } else if !word.bytes().any(|b| b.is_ascii_digit()) && !in_digits(range) {
                words.push((without_conjunction(word).to_owned(), range.clone()));
            }
        }
        Reading {
            numbers,
            negations,
            words,
        }
    }
}

/// The negating word `word` is (normalized, without a conjunction in
/// front), given the word after it.
fn negation<'a>(word: &'a str, next: Option<&str>) -> Option<&'a str> {
    let bare = if NEGATIONS.contains(&word) {
        word
    } else {
        word.strip_prefix(['و', 'ف'])
            .filter(|rest| NEGATIONS.contains(rest))?
    };
    // غير أن: "however".
    let however = bare == "غير" && next == Some("ان");
    (!however).then_some(bare)
}

/// `word` without a leading و or ف when two letters or more are left.
fn without_conjunction(word: &str) -> &str {
    word.strip_prefix(['و', 'ف'])
        .filter(|rest| rest.chars().nth(1).is_some())
        .unwrap_or(word)
}

/// The words of `side` (as written in `text`) that `other` lacks, counting
/// repeats: a word twice on one side and once on the other is once here.
fn surplus(
    side: &[(String, Range<usize>)],
    other: &[(String, Range<usize>)],
    text: &str,
) -> Vec<String> {
    let mut available: HashMap<&str, usize> = HashMap::new();
    for (key, _) in other {
        *available.entry(key).or_default() += 1;
    }
    let mut found = Vec::new();
    for (key, range) in side {
        match available.get_mut(key.as_str()) {
            Some(count) if *count > 0 => *count -= 1,
            _ => found.push(text[range.clone()].to_owned()),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn described(sentence: &str, memory: &str) -> String {
        describe(&compare(sentence, memory))
    }

    #[test]
    fn negation_on_one_side_only() {
        assert_eq!(
            described(
                "قال الوزير إن المحادثات ليست صعبة",
                "قال الوزير إن المحادثات صعبة"
            ),
            "negation: «ليست» here only"
        );
        assert_eq!(
            described("وصل الوفد أمس", "ولم يصل الوفد أمس"),
            "negation: «ولم» in the memory only; other words: «وصل» here, «يصل» in the memory"
        );
        assert_eq!(
            described("فلا اتفاق بعد", "اتفاق بعد"),
            "negation: «فلا» here only"
        );
        assert_eq!(
            described("لن يحضر الوزير", "لم يحضر الوزير"),
            "negation: «لن» here, «لم» in the memory"
        );
        for word in [
            "لا", "لم", "لن", "ليس", "غير", "ما", "بدون", "ولا", "فلم", "وليس", "بلا",
        ] {
            let found = compare(&format!("{word} يوجد اتفاق"), "يوجد اتفاق");
            assert_eq!(found.len(), 1, "{word}");
            assert_eq!(found[0].kind, DifferenceKind::Negation, "{word}");
            assert_eq!(found[0].sentence, [word]);
        }
    }

    #[test]
    fn the_same_negation_on_both_sides_is_no_difference() {
        assert!(compare("لم يصل الوفد", "ولم يصل الوفد").is_empty());
        assert!(compare("ليست صعبة", "ليست صعبة").is_empty());
    }

    #[test]
    fn ghair_before_anna_is_however() {
        assert!(
            compare("غير أن الوفد وصل", "الوفد وصل")
                .iter()
                .all(|d| d.kind != DifferenceKind::Negation)
        );
    }

    #[test]
    fn words_that_only_look_negative_are_not() {
        // كما "as", لما "when", بما "with what", ماذا "what": no negation.
        for word in ["كما", "لما", "بما", "ماذا", "لاجئ", "ليلة"] {
            let found = compare(&format!("{word} قال الوزير"), "قال الوزير");
            assert_eq!(found.len(), 1, "{word}");
            assert_eq!(found[0].kind, DifferenceKind::Words, "{word}");
        }
    }

    #[test]
    fn numbers_that_differ() {
        let found = compare(
            "ارتفع عدد السكان إلى 3.5 ملايين نسمة",
            "ارتفع عدد السكان إلى 5.5 ملايين نسمة",
        );
        assert_eq!(
            found,
            [Difference {
                kind: DifferenceKind::Number,
                sentence: vec!["3.5 ملايين".into()],
                memory: vec!["5.5 ملايين".into()],
            }]
        );
        assert_eq!(
            found[0].to_string(),
            "numbers: «3.5 ملايين» here, «5.5 ملايين» in the memory"
        );
        assert_eq!(
            described("وصل في عام 2014", "وصل في عام"),
            "numbers: «2014» here only"
        );
    }

    #[test]
    fn the_same_number_in_another_writing_is_no_difference() {
        assert!(compare("وصل ٣٫٥ ملايين لاجئ", "وصل 3.5 ملايين لاجئ").is_empty());
        assert!(compare("وصل 3,500,000 لاجئ", "وصل 3.5 ملايين لاجئ").is_empty());
    }

    #[test]
    fn other_words_compare_normalized_without_a_conjunction() {
        assert!(compare("وقال الوزير إنّ", "قال الوزير ان").is_empty());
        assert_eq!(
            described(
                "عقد الاجتماع في القاعة الصغرى",
                "عقد الاجتماع في القاعة الكبرى"
            ),
            "other words: «الصغرى» here, «الكبرى» in the memory"
        );
        assert_eq!(
            described("قال قال الوزير", "قال الوزير"),
            "other words: «قال» here only",
            "a repeat counts"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_sentence_never_differs_from_itself(text in "\\PC{0,40}|[ا-ي٠-٩0-9.,٫ ]{0,40}") {
            proptest::prop_assert!(compare(&text, &text).is_empty());
        }

        #[test]
        fn differences_are_symmetric(
            a in "[ا-ي0-9 ]{0,30}",
            b in "[ا-ي0-9 ]{0,30}",
        ) {
            let there = compare(&a, &b);
            let back = compare(&b, &a);
            proptest::prop_assert_eq!(there.len(), back.len());
            for (one, other) in there.iter().zip(&back) {
                proptest::prop_assert_eq!(one.kind, other.kind);
                proptest::prop_assert_eq!(&one.sentence, &other.memory);
                proptest::prop_assert_eq!(&one.memory, &other.sentence);
            }
        }
    }
}
