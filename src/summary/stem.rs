//! Content terms of a sentence: normalized words without Arabic function
//! words, reduced by a light stemmer so that الوزير, وزير and للوزير count
//! as the same term.
//!
//! The stemmer is deliberately light: it strips the definite article with
//! its attached prepositions, a conjunction, and one common suffix, and
//! never leaves fewer than three letters. It is meant for comparing the
//! sentences of one document with each other, where consistency matters
//! more than finding the linguistic root.

use crate::text::normalize_str;
use crate::text::tokenize::words;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Arabic function words (prepositions, pronouns, particles, auxiliaries,
/// demonstratives, relatives) and the reporting verbs of news prose,
/// written as they are spelled; they are normalized when the set is built.
const STOP_WORDS: &str = "
من إلى عن على في مع حتى منذ مذ لدى لدن عند بين خلال حول دون نحو ضد عبر
قبل بعد فوق تحت أمام خلف وراء إثر عقب جراء بسبب رغم غير سوى ضمن لأجل مثل
عليه عليها عليهم فيه فيها فيهم منه منها منهم إليه إليها إليهم عنه عنها عنهم
له لها لهم لهن لنا لك لكم به بها بهم معه معها معهم بينهم لديه لديها لديهم
عندما بينما كما مما ممن عما فيما حيث حين حينما كلما إذ إذا إذن لو لولا لكن
لكنه لكنها بل أو أم ثم إما إن أن إنه إنها أنه أنها أنهم إنما لأن لأنه كأن
ليت لعل قد لقد سوف لن لم لا ما ليس ليست هل متى أين كيف كم لماذا ماذا
هذا هذه هذان هاتان هؤلاء ذلك تلك ذاك أولئك هناك هنا هنالك
الذي التي الذين اللذان اللتان اللاتي اللواتي اللائي
هو هي هم هما هن أنا نحن أنت أنتم أنتما إياه إياها إياهم
كان كانت كانوا يكون تكون يكن تكن يكونون أصبح أصبحت صار بات ظل مازال يزال تزال
ليسوا كل كلا كلتا بعض جميع عدة أي أية أيضا فقط جدا أحد إحدى نفس نفسه ذات
تم يتم تمت وقد قال قالت يقول تقول أضاف أضافت أشار أشارت أوضح أوضحت أكد أكدت
";

/// Single-letter proclitics that may stand in front of a function word
/// (وهو, فقد, بأن, لذلك).
const PROCLITICS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// Definite-article prefixes, longest first, with the prepositions and
/// conjunctions that attach to them.
const ARTICLE_PREFIXES: [&str; 7] = ["وال", "فال", "بال", "كال", "ولل", "لل", "ال"];

/// Suffixes the stemmer removes (at most one), longest first: plural and
/// dual endings, attached pronouns, the feminine and relative endings
/// (ة and ى are already folded to ه and ي).
const SUFFIXES: [&str; 12] = [
    "هما", "ات", "ون", "ين", "ان", "ها", "هم", "نا", "يه", "ه", "ي", "ا",
];

/// The fewest letters a stem keeps.
const MIN_STEM: usize = 3;

fn stop_words() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().map(normalize_str).collect())
}

/// True when the normalized word is a function word, possibly behind one
/// or two single-letter proclitics.
pub(super) fn is_stop_word(normalized: &str) -> bool {
    let stops = stop_words();
    if stops.contains(normalized) {
        return true;
    }
    let mut rest = normalized;
    for _ in 0..2 {
        let Some(first) = rest.chars().next() else {
            return false;
        };
        if !PROCLITICS.contains(&first) {
            return false;
        }
        rest = &rest[first.len_utf8()..];
        if rest.chars().count() >= 2 && stops.contains(rest) {
            return true;
        }
    }
    false
}

/// The light stem of a normalized word.
pub(super) fn stem(normalized: &str) -> &str {
    let mut word = normalized;
    let letters = |w: &str| w.chars().count();
    let article = ARTICLE_PREFIXES
        .iter()
        .find(|prefix| {
            word.strip_prefix(*prefix)
                .is_some_and(|rest| letters(rest) >= MIN_STEM - 1)
        })
        .map(|prefix| prefix.len());
    match article {
        Some(len) => word = &word[len..],
        None => {
            // A bare conjunction: only when a real word remains, so that
            // وزير and وقت keep their first letter.
            if let Some(rest) = word.strip_prefix(['و', 'ف'])
                && letters(rest) > MIN_STEM
            {
                word = rest;
            }
        }
    }
    if let Some(rest) = SUFFIXES.iter().find_map(|suffix| {
        word.strip_suffix(suffix)
            .filter(|rest| letters(rest) >= MIN_STEM)
    }) {
        word = rest;
    }
    word
}

/// Calls `visit` with each content term of `text` in order (the words
/// normalized and lower-cased, stop words and one-letter words dropped,
/// stemmed) and returns the number of words, all of them counted. The
/// text is normalized once, not word by word.
pub(super) fn for_each_term(text: &str, mut visit: impl FnMut(&str)) -> usize {
    let mut normalized = normalize_str(text);
    if normalized.chars().any(char::is_uppercase) {
        normalized = normalized.to_lowercase();
    }
    let mut count = 0;
    for range in words(&normalized) {
        count += 1;
        let word = &normalized[range];
        if word.chars().nth(1).is_some() && !is_stop_word(word) {
            visit(stem(word));
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        for_each_term(text, |term| terms.push(term.to_owned()));
        terms
    }

    #[test]
    fn article_and_its_prepositions_go() {
        assert_eq!(
            stems("الوزير والوزير بالوزير للوزير وزير"),
            ["وزير", "وزير", "وزير", "وزير", "وزير"]
        );
    }

    #[test]
    fn a_first_waw_of_the_word_stays() {
        assert_eq!(stems("وقت ولد وصل"), ["وقت", "ولد", "وصل"]);
        assert_eq!(stems("والمدن وستبدأ"), ["مدن", "ستبد"]);
    }

    #[test]
    fn plural_feminine_and_pronoun_endings_meet() {
        assert_eq!(stems("سيارة سيارات سيارته"), ["سيار", "سيار", "سيارت"]);
        assert_eq!(stems("المعلمون المعلمين"), ["معلم", "معلم"]);
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(stems("دول بيت"), ["دول", "بيت"]);
    }

    #[test]
    fn function_words_are_dropped_even_behind_proclitics() {
        assert!(stems("في هذا وهو فقد بأن لذلك وكان على إلى").is_empty());
        assert!(is_stop_word(&normalize_str("وإنما")));
        assert!(!is_stop_word(&normalize_str("بيروت")));
    }

    #[test]
    fn normalization_comes_first() {
        assert_eq!(stems("أحمدُ احمد"), ["احمد", "احمد"]);
        assert_eq!(stems("NATO Nato"), ["nato", "nato"]);
    }
}
