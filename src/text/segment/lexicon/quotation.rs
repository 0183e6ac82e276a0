//! The word after a quotation that closes with a terminal mark (`«...؟»`,
//! `"...!"`, `«....»`): does a new sentence open there, or does the
//! sentence the quotation sits in go on?
//!
//! It goes on with the attribution (`«...» قال الوزير`, `يقول`), an
//! adverbial accusative (`مضيفاً`, `قائلاً`, `فضلاً عن`), a clause of
//! circumstance (`وهو يشير`), a preposition or a subordinating word
//! (`قبل أن`, `بحسب`, `وفق`, `على حد تعبيره`, `كما`, `عندما`) or a time
//! (`أمس`, `صباح`). A new sentence opens with a conjunction and a verb or a new subject
//! (`وغادر`, `فرد`, `ويتابع`, `والسؤال`), with `ثم`, a negated or future
//! verb (`لم`, `لن`, `سيعود`), a bare verb other than one of saying
//! (`غادر`, `يبدو`) or a pronoun as subject (`هو`, `نحن`).

use super::{
    Folded, is_function_word, is_latin_opener, is_news_verb, is_plain_opener, is_pronoun,
    without_conjunction,
};
use crate::text::segment::chars::is_letter;

/// What the word after a closing quotation says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::text::segment) enum AfterQuotation {
    /// A new sentence opens with it.
    Opens,
    /// The sentence goes on.
    Continues,
    /// Either: the mark inside the quotation decides.
    Unclear,
}

/// Reads the word after a closing quotation, and the one after it when
/// that word is a definite noun: a verb then makes it a new subject
/// (`«...؟» الإجابة جاءت سريعاً`), not an apposition or a time
/// (`«...!» الأسبوع الماضي`).
pub(in crate::text::segment) fn after_quotation<'t>(
    word: &str,
    following: impl FnOnce() -> Option<&'t str>,
) -> AfterQuotation {
    use AfterQuotation::{Continues, Opens, Unclear};
    if is_latin_opener(word) {
        return Opens;
    }
    // The tanween of the accusative: `مضيفاً`, `قائلاً`, `فضلاً`, `أيضاً`.
    if word.contains('\u{064B}') || word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Continues;
    }
    let Some(folded) = Folded::new(word) else {
        return Unclear;
    };
    let word = folded.as_str();
    if opens_clause(word) {
        return Opens;
    }
    if is_saying_verb(word) || goes_on_after_quotation(word) || is_adverbial_accusative(word) {
        return Continues;
    }
    if let Some(rest) = without_conjunction(word) {
        return if is_pronoun(rest) || goes_on_after_conjunction(rest) {
            Continues
        } else {
            Opens
        };
    }
    if is_bare_verb(word) || is_pronoun(word) {
        return Opens;
    }
    if word.starts_with("ال") && following().is_some_and(is_predicate_verb) {
        return Opens;
    }
    Unclear
}

/// A verb after a new subject: `الحكومة أعلنت`, `الشرطة ردت`,
/// `المتظاهرون يرددون`, `الوزير لم`.
fn is_predicate_verb(word: &str) -> bool {
    Folded::new(word).is_some_and(|folded| {
        let word = folded.as_str();
        let past_feminine = word.ends_with('ت') && !word.ends_with("ات") && !word.starts_with("ال");
        past_feminine || is_bare_verb(word) || is_saying_verb(word) || opens_clause(word)
    })
}

/// Words that open a clause of their own: `ثم`, negations and particles of
/// the verb, and the openers that need no conjunction (`لكن`, `كان`).
fn opens_clause(word: &str) -> bool {
    is_plain_opener(word)
        || matches!(
            word,
            "ثم" | "لم" | "لن" | "قد" | "سوف" | "ليس" | "ليست" | "لكنهم" | "لذلك" | "لذا"
        )
}

/// Verbs of saying that follow their quotation (`«...» قال الوزير`,
/// `«...؟» تساءل`, `«...!» يقول`), with the endings of the feminine, the
/// dual and the plural, and an object pronoun (`قالها`).
fn is_saying_verb(word: &str) -> bool {
    is_saying_stem(word)
        || ["تها", "ها", "وا", "ون", "ت", "ا"]
            .iter()
            .find_map(|ending| word.strip_suffix(ending).filter(|stem| stem.len() >= 4))
            .is_some_and(is_saying_stem)
}

fn is_saying_stem(stem: &str) -> bool {
    matches!(
        stem,
        "قال"
            | "اضاف"
            | "تابع"
            | "اردف"
            | "استطرد"
            | "استدرك"
            | "تساءل"
            | "سال"
            | "اجاب"
            | "رد"
            | "هتف"
            | "صاح"
            | "صرخ"
            | "ردد"
            | "كتب"
            | "علق"
            | "اكد"
            | "صرح"
            | "اوضح"
            | "اشار"
            | "ذكر"
            | "همس"
            | "زعم"
            | "ختم"
            | "اختتم"
            | "روى"
            | "روت"
            | "حكى"
            | "نادى"
            | "نادت"
            | "يقول"
            | "تقول"
            | "يضيف"
            | "تضيف"
            | "يتساءل"
            | "تتساءل"
            | "يسال"
            | "تسال"
            | "يجيب"
            | "تجيب"
            | "يرد"
            | "ترد"
            | "يهتف"
            | "تهتف"
            | "يصيح"
            | "تصيح"
            | "يصرخ"
            | "تصرخ"
            | "يردد"
            | "تردد"
            | "يكتب"
            | "تكتب"
            | "يعلق"
            | "تعلق"
            | "يؤكد"
            | "تؤكد"
            | "يوضح"
            | "توضح"
            | "يشير"
            | "تشير"
            | "يتابع"
            | "تتابع"
    )
}

/// Words that carry the sentence on after a quotation: function words
/// (`قبل`, `بحسب`, `وفق`, `كما`, `على`), subordinating words, times.
fn goes_on_after_quotation(word: &str) -> bool {
    is_function_word(word)
        || matches!(
            word,
            "وسط"
                | "فيما"
                | "فيه"
                | "فيها"
                | "فيهم"
                | "فقط"
                | "فور"
                | "عندما"
                | "حين"
                | "حينما"
                | "لما"
                | "بعدما"
                | "قبلما"
                | "كلما"
                | "طالما"
                | "مثلما"
                | "حسبما"
                | "وفقما"
                | "امس"
                | "اليوم"
                | "الليلة"
                | "صباح"
                | "مساء"
                | "ظهر"
                | "فجر"
                | "ليلة"
                | "يوم"
                | "يوما"
                | "ايضا"
                | "تقريبا"
                | "جدا"
                | "فضلا"
                | "علما"
                | "خصوصا"
                | "تحديدا"
                | "مثلا"
                | "دائما"
                | "احيانا"
                | "غالبا"
                | "فورا"
        )
}

/// The participle of the accusative of circumstance written without its
/// tanween: `مضيفا`, `مضيفة`, `متسائلا`, `قائلا`, `قائلة`, `داعيا`. An
/// indefinite noun of that shape cannot open a sentence either.
fn is_adverbial_accusative(word: &str) -> bool {
    if !word.ends_with(['ا', 'ة']) {
        return false;
    }
    let mut letters = word.chars().filter(|&c| is_letter(c));
    let (first, second) = (letters.next(), letters.next());
    let count = 2 + letters.count();
    first == Some('م') && count >= 5 || second == Some('ا') && count == 5
}

/// After و or ف: a pronoun is handled apart; these go on too (`وسط`,
/// `وغيرها`, `وذلك في`).
fn goes_on_after_conjunction(rest: &str) -> bool {
    matches!(
        rest,
        "ذلك" | "غير" | "غيرها" | "غيره" | "غيرهم" | "اخرى" | "اخر" | "سواها" | "مثلها"
    )
}

/// A verb that opens a clause without a conjunction: a verb of news other
/// than one of saying (`غادر`, `انتهى`), the imperfect (`يبدو`, `يعود`)
/// and the future (`سيعود`, `ستكون`). Nouns that look like an imperfect
/// (`يوم`, `يناير`) and words ending in ة are not verbs.
fn is_bare_verb(word: &str) -> bool {
    if word.ends_with('ة') {
        return false;
    }
    let letters = word.chars().filter(|&c| is_letter(c)).count();
    let imperfect = word.starts_with('ي')
        && letters >= 4
        && !word.starts_with("يوم")
        && !matches!(word, "يناير" | "يونيو" | "يوليو" | "يونيه" | "يوليه");
    let future = (word.starts_with("سي") || word.starts_with("ست")) && letters >= 5;
    imperfect || future || is_news_verb(word.strip_suffix('ت').unwrap_or(word))
}

#[cfg(test)]
mod tests {
    use super::AfterQuotation::{Continues, Opens, Unclear};
    use super::*;

    #[test]
    fn words_that_carry_the_sentence_on() {
        for word in [
            "قال",
            "قالت",
            "تساءل",
            "يقول",
            "ردت",
            "قالها",
            "مضيفاً",
            "مضيفا",
            "قائلا",
            "مضيفة",
            "قائلة",
            "متسائلاً",
            "قبل",
            "بحسب",
            "حسب",
            "وفق",
            "وفقاً",
            "على",
            "كما",
            "عندما",
            "وهو",
            "وهي",
            "وسط",
            "وغيرها",
            "أمس",
            "فقط",
            "فيما",
        ] {
            assert_eq!(after_quotation(word, || None), Continues, "{word}");
        }
    }

    #[test]
    fn words_that_open_a_sentence() {
        for word in [
            "وغادر",
            "فرد",
            "وردد",
            "فأجاب",
            "ويتابع",
            "وتساءل",
            "والسؤال",
            "ثم",
            "لم",
            "لن",
            "لقد",
            "غادر",
            "غادرت",
            "يبدو",
            "سيعود",
            "ستكون",
            "كان",
            "هو",
            "نحن",
            "The",
        ] {
            assert_eq!(after_quotation(word, || None), Opens, "{word}");
        }
    }

    #[test]
    fn nouns_after_a_quotation_are_unclear() {
        for word in ["أسئلة", "الحكومة", "شعارات", "مصادر"] {
            assert_eq!(after_quotation(word, || None), Unclear, "{word}");
        }
    }

    #[test]
    fn a_definite_noun_before_a_verb_is_a_new_subject() {
        assert_eq!(after_quotation("الإجابة", || Some("جاءت")), Opens);
        assert_eq!(after_quotation("المتظاهرون", || Some("يرددون")), Opens);
        assert_eq!(after_quotation("الشرطة", || Some("لم")), Opens);
        assert_eq!(after_quotation("الأسبوع", || Some("الماضي")), Unclear);
        assert_eq!(after_quotation("الصادر", || Some("عن")), Unclear);
        assert_eq!(after_quotation("أسئلة", || Some("يرددها")), Unclear);
    }
}
