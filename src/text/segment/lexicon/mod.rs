//! The few words the splitter knows: function words that keep a sentence
//! going, words that open a new one, abbreviations, list and byline labels.
//!
//! Lists are written folded (see [`Folded`]): hamza forms of alef are bare
//! alef, marks and tatweel are gone; ى and ة are kept as they are.

use super::chars::{is_invisible, is_letter, is_mark};

mod quotation;

pub(super) use quotation::{AfterQuotation, after_quotation};

const FOLDED_CAPACITY: usize = 48;

/// A word folded for lookups: the word itself when nothing needed folding
/// (the usual case), else a folded copy kept on the stack.
pub(super) enum Folded<'w> {
    Same(&'w str),
    Changed {
        bytes: [u8; FOLDED_CAPACITY],
        len: usize,
    },
}

impl<'w> Folded<'w> {
    /// Folds `word`; `None` when it is too long to be in any list.
    pub(super) fn new(word: &'w str) -> Option<Self> {
        if word.len() > FOLDED_CAPACITY * 2 {
            return None;
        }
        if !word.chars().any(|c| fold(c) != Some(c)) {
            return (word.len() <= FOLDED_CAPACITY).then_some(Self::Same(word));
        }
        let mut bytes = [0; FOLDED_CAPACITY];
        let mut len = 0;
        for c in word.chars().filter_map(fold) {
            let width = c.len_utf8();
            if len + width > FOLDED_CAPACITY {
                return None;
            }
            c.encode_utf8(&mut bytes[len..]);
            len += width;
        }
        Some(Self::Changed { bytes, len })
    }

    pub(super) fn as_str(&self) -> &str {
        match self {
            Self::Same(word) => word,
            // Only whole characters are ever written.
            Self::Changed { bytes, len } => std::str::from_utf8(&bytes[..*len]).unwrap_or_default(),
        }
    }
}

/// How one character is folded: marks and invisible characters dropped,
/// hamza forms of alef made bare alef.
fn fold(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        '\0'..='\u{7F}' | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' => Some(c),
        c if is_mark(c) || is_invisible(c) => None,
        c => Some(c),
    }
}

/// Whether `test` holds for the folded form of `word`.
fn folded_is(word: &str, test: impl FnOnce(&str) -> bool) -> bool {
    Folded::new(word).is_some_and(|folded| test(folded.as_str()))
}

/// The word without a leading conjunction و or ف, when what is left is
/// still a word of two letters or more.
fn without_conjunction(word: &str) -> Option<&str> {
    let rest = word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))?;
    (rest.chars().count() >= 2).then_some(rest)
}

fn any_form(word: &str, list: fn(&str) -> bool) -> bool {
    list(word) || without_conjunction(word).is_some_and(list)
}

/// Function words that cannot end a sentence: a line ending with one of
/// them goes on in the next line.
pub(super) fn expects_continuation(word: &str) -> bool {
    folded_is(word, |word| {
        any_form(word, is_function_word) || is_latin_function_word(word)
    })
}

fn is_function_word(word: &str) -> bool {
    is_linking_word(word)
        || matches!(
            word,
            "مع" | "مذ"
                | "لدى"
                | "ضد"
                | "عبر"
                | "بينما"
                | "اذ"
                | "اذا"
                | "لو"
                | "لولا"
                | "لان"
                | "كي"
                | "لكي"
                | "ان"
                | "انه"
                | "انها"
                | "لن"
                | "لم"
                | "لا"
                | "ما"
                | "قد"
                | "لقد"
                | "سوف"
                | "هذا"
                | "هذه"
                | "ذلك"
                | "تلك"
                | "هؤلاء"
                | "كل"
                | "بعض"
                | "اي"
                | "احد"
                | "احدى"
                | "غير"
                | "سوى"
                | "عدة"
                | "جميع"
                | "كافة"
                | "بل"
                | "لكن"
                | "تجاه"
                | "وفق"
                | "وفقا"
                | "بسبب"
                | "رغم"
                | "برغم"
                | "ضمن"
                | "امام"
                | "خلف"
                | "فوق"
                | "تحت"
                | "وراء"
                | "ازاء"
                | "مثل"
                | "كما"
                | "مقابل"
                | "بحسب"
                | "حسب"
                | "طوال"
                | "اثناء"
                | "بشان"
                | "حوالي"
                | "اثر"
                | "عقب"
                | "جراء"
                | "و"
                | "ف"
                | "ب"
                | "ل"
                | "ك"
                | "يا"
        )
}

/// Prepositions, relative pronouns and conjunctions that carry a sentence on
/// wherever they stand, even after a period (`1988م. في`).
fn is_linking_word(word: &str) -> bool {
    matches!(
        word,
        "في" | "من"
            | "الى"
            | "على"
            | "عن"
            | "حتى"
            | "منذ"
            | "خلال"
            | "بعد"
            | "قبل"
            | "حيث"
            | "عند"
            | "نحو"
            | "حول"
            | "دون"
            | "بين"
            | "او"
            | "ام"
            | "ثم"
    ) || is_relative_pronoun(word)
}

fn is_relative_pronoun(word: &str) -> bool {
    matches!(
        word,
        "الذي"
            | "التي"
            | "الذين"
            | "اللذين"
            | "اللتين"
            | "اللذان"
            | "اللتان"
            | "اللواتي"
            | "اللاتي"
    )
}

fn is_latin_function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "and"
            | "or"
            | "with"
            | "by"
            | "from"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "as"
            | "than"
            | "into"
            | "about"
            | "between"
    )
}

/// Words that open a sentence beyond doubt, so that a period after an
/// abbreviation or initial before them ends the sentence (`هـ. ويسعى`).
/// A name after a title (`د. وليد`) is not one of them.
pub(super) fn clearly_opens_sentence(word: &str) -> bool {
    if is_latin_opener(word) {
        return true;
    }
    let Some(folded) = Folded::new(word) else {
        return false;
    };
    let folded = folded.as_str();
    if is_plain_opener(folded) {
        return true;
    }
    match without_conjunction(folded) {
        Some(rest) => is_opener(rest) || is_plain_opener(rest) || is_verb_form(word),
        None => false,
    }
}

/// Words after a year's era letter (`1988م.`) that show the sentence goes
/// on: a linking word, `حين`, `تقريبا`.
pub(super) fn continues_after_era(word: &str) -> bool {
    folded_is(word, |word| {
        is_linking_word(word) || matches!(word, "حين" | "تقريبا")
    })
}

/// Words that open a sentence after a Latin letter that labels a thing
/// (`بروتين S.`): a conjunction, the article (`بالرغم`, `الدراسة`) or a clear
/// opener, which a name after an initial (`جون F. كينيدي`) does not have.
pub(super) fn opens_after_label(word: &str) -> bool {
    clearly_opens_sentence(word)
        || folded_is(word, |word| {
            !is_linking_word(word)
                && !is_function_word(word)
                && (without_conjunction(word).is_some()
                    || ["ال", "بال", "لل", "كال"]
                        .iter()
                        .any(|article| word.starts_with(article)))
        })
}

/// Words that cannot open a sentence: relative pronouns, `أو`, `أم`, and
/// `أنّ` (with its hamza above: `إنّ` opens sentences).
pub(super) fn never_opens_sentence(word: &str) -> bool {
    let complement = word.starts_with('أ');
    folded_is(word, |word| {
        is_relative_pronoun(word)
            || matches!(word, "او" | "ام")
            || complement && matches!(word, "ان" | "انه" | "انها" | "انهم" | "انهما" | "اننا")
    })
}

/// Words after an ellipsis that show the sentence goes on (`… ثم أياماً`).
pub(super) fn continues_after_ellipsis(word: &str) -> bool {
    folded_is(word, |word| {
        any_form(word, |w| {
            matches!(
                w,
                "ثم" | "حتى" | "او" | "ام" | "بل" | "الخ" | "الى" | "اي" | "و"
            )
        })
    })
}

/// Words that open sentences after a conjunction (`وقال`, `وفي`, `ولم`).
fn is_opener(word: &str) -> bool {
    matches!(
        word,
        "قال"
            | "قالت"
            | "قالوا"
            | "كان"
            | "كانت"
            | "كانوا"
            | "قد"
            | "لقد"
            | "لم"
            | "لن"
            | "لا"
            | "في"
            | "من"
            | "على"
            | "مع"
            | "بعد"
            | "قبل"
            | "لكن"
            | "هذا"
            | "هذه"
            | "ذلك"
            | "تلك"
            | "كما"
            | "منذ"
            | "خلال"
            | "عن"
            | "حسب"
            | "بحسب"
            | "ما"
            | "اذا"
            | "اذ"
            | "عندما"
            | "حين"
            | "رغم"
            | "بسبب"
            | "ذكر"
            | "ذكرت"
            | "شدد"
            | "شددت"
            | "دعا"
            | "دعت"
            | "راى"
            | "رات"
            | "سبق"
            | "جاء"
            | "جاءت"
            | "بات"
            | "باتت"
            | "ظل"
            | "ظلت"
            | "بقي"
            | "صار"
            | "اصبح"
            | "اصبحت"
            | "تم"
            | "اعلن"
            | "اعلنت"
            | "اكد"
            | "اكدت"
            | "اضاف"
            | "اضافت"
            | "اشار"
            | "اشارت"
            | "اوضح"
            | "اوضحت"
            | "اعرب"
            | "اعربت"
            | "اعتبر"
            | "اعتبرت"
            | "افاد"
            | "افادت"
            | "طالب"
            | "طالبت"
            | "بلغ"
            | "بلغت"
            | "شهد"
            | "شهدت"
            | "بدا"
            | "بدات"
            | "جرى"
            | "سيتم"
            | "ستتم"
            | "سيكون"
            | "ستكون"
            | "اما"
    )
}

/// Words that open sentences without a conjunction.
fn is_plain_opener(word: &str) -> bool {
    matches!(
        word,
        "لقد"
            | "لكن"
            | "لكنه"
            | "لكنها"
            | "هكذا"
            | "يذكر"
            | "يشار"
            | "بدوره"
            | "بدورها"
            | "اما"
            | "هذا"
            | "هذه"
            | "كان"
            | "كانت"
    )
}

/// `ويسعى`, `وتقع`, `ونقل`, `وأكد`: a conjunction and a verb prefix.
fn is_verb_form(word: &str) -> bool {
    let mut letters = word.chars().filter(|&c| is_letter(c));
    if !matches!(letters.next(), Some('و' | 'ف')) {
        return false;
    }
    matches!(letters.next(), Some('ي' | 'ت' | 'ن' | 'أ')) && letters.count() >= 2
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "هو" | "هي" | "هم" | "هما" | "هن" | "انا" | "نحن" | "انت" | "انتم"
    )
}

fn is_latin_opener(word: &str) -> bool {
    matches!(
        word,
        "The"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "He"
            | "She"
            | "It"
            | "We"
            | "They"
            | "You"
            | "His"
            | "Her"
            | "Its"
            | "Our"
            | "Their"
            | "In"
            | "On"
            | "At"
            | "But"
            | "However"
            | "Meanwhile"
            | "Also"
            | "After"
            | "Before"
            | "When"
            | "While"
            | "If"
            | "Since"
            | "Although"
            | "Yet"
            | "So"
            | "And"
            | "Then"
            | "Now"
            | "Today"
            | "Yesterday"
    )
}

/// Verbs that open the first sentence of a news story (`أعلنت الحكومة`,
/// `شهدت الأسواق`): a line that starts with one follows a headline.
pub(super) fn opens_news_story(word: &str) -> bool {
    folded_is(word, |word| {
        is_news_verb(word.strip_suffix('ت').unwrap_or(word))
    })
}

/// Verbs of a news lede, without a feminine ت.
fn is_news_verb(stem: &str) -> bool {
    matches!(
        stem,
        "اعلن"
            | "اكد"
            | "قال"
            | "شهد"
            | "هز"
            | "وقع"
            | "افاد"
            | "ذكر"
            | "كشف"
            | "نف"
            | "نفى"
            | "دعا"
            | "دع"
            | "طالب"
            | "اتهم"
            | "اصدر"
            | "بدا"
            | "انطلق"
            | "اختتم"
            | "استقبل"
            | "التقى"
            | "التق"
            | "وصل"
            | "اقر"
            | "وافق"
            | "رفض"
            | "قرر"
            | "لقي"
            | "سقط"
            | "ارتفع"
            | "انخفض"
            | "تراجع"
            | "سجل"
            | "حذر"
            | "اشار"
            | "اوضح"
            | "اعرب"
            | "تمكن"
            | "نظم"
            | "افتتح"
            | "اطلق"
            | "شن"
            | "ادان"
            | "قتل"
            | "اصيب"
            | "تسلم"
            | "غادر"
            | "عقد"
            | "تواصل"
            | "يواصل"
            | "تشهد"
            | "يشهد"
            | "بحث"
            | "استعرض"
            | "ناقش"
            | "تناول"
            | "اجرى"
            | "زار"
            | "شارك"
            | "تراس"
            | "دشن"
            | "اشاد"
            | "تنطلق"
            | "انتهى"
            | "انته"
            | "فاز"
            | "خسر"
            | "توفي"
            | "رحل"
            | "اعتقل"
            | "داهم"
            | "ضبط"
            | "حقق"
            | "نجح"
            | "فشل"
            | "تعرض"
    )
}

/// News agencies credited in datelines (`جدة (واس):`).
pub(super) fn is_agency(credit: &str) -> bool {
    folded_is(credit, is_agency_name)
}

fn is_agency_name(credit: &str) -> bool {
    matches!(
        credit,
        "واس"
            | "قنا"
            | "وام"
            | "كونا"
            | "بترا"
            | "سانا"
            | "بنا"
            | "العمانية"
            | "الاناضول"
            | "رويترز"
            | "ا ف ب"
            | "ا.ف.ب"
            | "ا.ف.ب."
            | "د ب ا"
            | "ا ب"
            | "يو بي اي"
            | "شينخوا"
            | "ارنا"
            | "تاس"
            | "وكالات"
            | "الوكالات"
            | "خاص"
            | "AFP"
            | "AP"
            | "UPI"
            | "DPA"
            | "MENA"
            | "SPA"
            | "QNA"
            | "KUNA"
            | "WAM"
            | "IRNA"
            | "Reuters"
    )
}

/// `انتهى`, `النهاية`: the word that closes a news agency's item.
pub(super) fn is_end_word(word: &str) -> bool {
    folded_is(word, |word| {
        matches!(word, "انتهى" | "انتهي" | "النهاية" | "النهايه" | "نهاية")
    })
}

/// Words that open a cross reference in brackets: `(انظر ص 7)`,
/// `(راجع الفصل الثالث)`, `(المصدر: ...)`, `(see p. 7)`.
pub(super) fn is_reference_word(word: &str) -> bool {
    folded_is(word, |word| {
        matches!(
            word,
            "انظر"
                | "راجع"
                | "ينظر"
                | "يراجع"
                | "قارن"
                | "طالع"
                | "المصدر"
                | "المرجع"
                | "see"
                | "See"
                | "cf"
                | "Cf"
                | "compare"
                | "Source"
        )
    })
}

/// Nouns that point to a place in a document when a number follows
/// (`(ص 7)`, `(الشكل 2)`, `(Table 3)`).
pub(super) fn is_reference_noun(word: &str) -> bool {
    folded_is(word, |word| {
        matches!(
            word,
            "ص" | "صص"
                | "صفحة"
                | "الصفحة"
                | "ج"
                | "الجزء"
                | "الشكل"
                | "شكل"
                | "الجدول"
                | "جدول"
                | "الملحق"
                | "ملحق"
                | "الفصل"
                | "فصل"
                | "الفقرة"
                | "المادة"
                | "p"
                | "pp"
                | "page"
                | "Fig"
                | "fig"
                | "Figure"
                | "Table"
                | "Chapter"
        )
    })
}

/// Latin abbreviations written with a final period (`Dr.`, `Inc.`, `Jr.`).
/// Initials and dotted forms (`J.`, `U.S.`) are recognised by their shape.
pub(super) fn is_latin_abbreviation(word: &str) -> bool {
    is_latin_title(word)
        || matches!(
            word,
            "Jan"
                | "Feb"
                | "Mar"
                | "Apr"
                | "Jun"
                | "Jul"
                | "Aug"
                | "Sep"
                | "Sept"
                | "Oct"
                | "Nov"
                | "Dec"
                | "Dept"
                | "Univ"
                | "Ave"
                | "Blvd"
                | "Rd"
                | "Sr"
                | "Jr"
                | "Inc"
                | "Ltd"
                | "Co"
                | "Corp"
                | "Bros"
                | "al"
                | "esp"
                | "est"
        )
}

/// Latin abbreviations that stand before a name or a number (`Dr.`, `No.`,
/// `Fig.`), so a sentence never ends with them.
pub(super) fn is_latin_title(word: &str) -> bool {
    matches!(
        word,
        "Dr" | "Mr"
            | "Mrs"
            | "Ms"
            | "Mx"
            | "Prof"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sgt"
            | "Capt"
            | "Cmdr"
            | "Adm"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Pres"
            | "Rev"
            | "Hon"
            | "St"
            | "Mt"
            | "Ft"
            | "No"
            | "Nos"
            | "Vol"
            | "Vols"
            | "vol"
            | "pp"
            | "Fig"
            | "fig"
            | "Figs"
            | "approx"
            | "vs"
            | "cf"
            | "ca"
            | "Messrs"
            | "Mme"
            | "Mlle"
    )
}

/// `أولاً:`, `ثانياً -`: ordinal words that open list items.
pub(super) fn is_ordinal(word: &str) -> bool {
    folded_is(word, |word| {
        matches!(
            word,
            "اولا"
                | "ثانيا"
                | "ثالثا"
                | "رابعا"
                | "خامسا"
                | "سادسا"
                | "سابعا"
                | "ثامنا"
                | "تاسعا"
                | "عاشرا"
                | "اخيرا"
        )
    })
}

/// `كتب: أحمد سالم`, `بقلم ...`: words that open a byline.
pub(super) fn is_byline_word(word: &str) -> bool {
    word == "By"
        || folded_is(word, |word| {
            matches!(
                word,
                "كتب"
                    | "كتبت"
                    | "بقلم"
                    | "اعداد"
                    | "تقرير"
                    | "حوار"
                    | "تحرير"
                    | "ترجمة"
                    | "متابعة"
                    | "مراسل"
                    | "مراسلة"
                    | "تصوير"
            )
        })
}

/// `س:`, `ج:`, `Q:`: labels of interview turns.
pub(super) fn is_dialogue_label(word: &str) -> bool {
    matches!(word, "س" | "ج" | "سؤال" | "جواب" | "Q" | "A")
}
