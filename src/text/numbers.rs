//! Numbers in Arabic sources and English targets, for the number check.
//!
//! Digits of any script are read after normalization (٢٠١٤ = 2014, ٣٫٥ =
//! 3.5). Separators: `1,000` and `1,000,000` group thousands, `2,5` and
//! `3.75` are decimals, `76.000` and `1,500` may be either (Arabic texts
//! group thousands with dots), several dots (18.3.2015) separate numbers.
//! A scale word after the digits, or glued to them, multiplies them
//! (5 ملايين = 5 million = `£5million` = `$5m` = 5,000,000).
//!
//! Some writings stand for more than one number, and any of them may match
//! the other side: `5.30` (a time: 5 and 30), `1950-53` (1953), `1990s`
//! (90, as in التسعينيات), `30 000` (30,000).
//!
//! Numbers written out (خمسة عشر, ثلاثة آلاف, الخامس والعشرين,
//! twenty-five, March, third) are read too, but only to excuse digits on
//! the other side: written-out words are too ambiguous (أحد, one, may) to
//! be reported missing themselves. Zero is never reported (`04:00` is 4).

use crate::text::normalize;
use crate::text::tokenize::{proclitic_readings, words};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// How a number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// With digits (of any script).
    Digits,
    /// In words, a month name or an ordinal.
    Words,
}

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Number {
    /// Its value.
    pub value: f64,
    /// Other values the same writing may stand for.
    pub also: Vec<f64>,
    /// Digits or words.
    pub written: Written,
    /// Byte range in the text (a scale word after digits included).
    pub range: Range<usize>,
}

impl Number {
    fn digits(value: f64, range: Range<usize>) -> Self {
        Self {
            value,
            also: Vec::new(),
            written: Written::Digits,
            range,
        }
    }

    fn words(value: f64, range: Range<usize>) -> Self {
        Self {
            written: Written::Words,
            ..Self::digits(value, range)
        }
    }

    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        std::iter::once(self.value).chain(self.also.iter().copied())
    }

    /// True when some value of one is some value of the other.
    fn matches(&self, other: &Number) -> bool {
        self.values()
            .any(|a| other.values().any(|b| same_value(a, b)))
    }
}

/// Numbers with digits on one side that the other side does not have.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Mismatch {
    /// Source numbers the target lacks (one per value).
    pub missing: Vec<Number>,
    /// Target numbers the source lacks (one per value).
    pub extra: Vec<Number>,
}

impl Mismatch {
    /// True when both sides agree.
    pub(crate) fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares the numbers of a source with those of its target: a number
/// written with digits must come back on the other side, in digits or in
/// words.
pub(crate) fn compare(source: &[Number], target: &[Number]) -> Mismatch {
    let unmatched = |side: &[Number], other: &[Number]| {
        let mut found: Vec<Number> = Vec::new();
        for number in side.iter().filter(|n| n.written == Written::Digits) {
            let zero = number.values().all(|value| value == 0.0);
            if !zero
                && !other.iter().any(|o| o.matches(number))
                && !found.iter().any(|f| f.matches(number))
            {
                found.push(number.clone());
            }
        }
        found
    };
    Mismatch {
        missing: unmatched(source, target),
        extra: unmatched(target, source),
    }
}

fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// What a number word does in a written-out number.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    /// Added: خمسة, twenty.
    Add(f64),
    /// Multiplies what came before by 100: مئة, hundred.
    Hundred,
    /// Multiplies what came before and closes it: ألف, million.
    Scale(f64),
    /// Stands alone: a dual (ألفين), a decade, a month.
    Alone(f64),
}

impl Role {
    fn value(self) -> f64 {
        match self {
            Role::Add(value) | Role::Scale(value) | Role::Alone(value) => value,
            Role::Hundred => 100.0,
        }
    }
}

/// Arabic number words, normalized (ة → ه, أ → ا, ى → ي), without the
/// article.
const ARABIC_WORDS: &[(&str, Role)] = &[
    ("صفر", Role::Add(0.0)),
    ("واحد", Role::Add(1.0)),
    ("واحده", Role::Add(1.0)),
    ("احدي", Role::Add(1.0)),
    ("اثنان", Role::Add(2.0)),
    ("اثنين", Role::Add(2.0)),
    ("اثنتان", Role::Add(2.0)),
    ("اثنتين", Role::Add(2.0)),
    ("اثنا", Role::Add(2.0)),
    ("اثني", Role::Add(2.0)),
    ("ثلاث", Role::Add(3.0)),
    ("ثلاثه", Role::Add(3.0)),
    ("اربع", Role::Add(4.0)),
    ("اربعه", Role::Add(4.0)),
    ("خمس", Role::Add(5.0)),
    ("خمسه", Role::Add(5.0)),
    ("ست", Role::Add(6.0)),
    ("سته", Role::Add(6.0)),
    ("سبع", Role::Add(7.0)),
    ("سبعه", Role::Add(7.0)),
    ("ثمان", Role::Add(8.0)),
    ("ثماني", Role::Add(8.0)),
    ("ثمانيه", Role::Add(8.0)),
    ("تسع", Role::Add(9.0)),
    ("تسعه", Role::Add(9.0)),
    ("عشر", Role::Add(10.0)),
    ("عشره", Role::Add(10.0)),
    ("عشرون", Role::Add(20.0)),
    ("عشرين", Role::Add(20.0)),
    ("ثلاثون", Role::Add(30.0)),
    ("ثلاثين", Role::Add(30.0)),
    ("اربعون", Role::Add(40.0)),
    ("اربعين", Role::Add(40.0)),
    ("خمسون", Role::Add(50.0)),
    ("خمسين", Role::Add(50.0)),
    ("ستون", Role::Add(60.0)),
    ("ستين", Role::Add(60.0)),
    ("سبعون", Role::Add(70.0)),
    ("سبعين", Role::Add(70.0)),
    ("ثمانون", Role::Add(80.0)),
    ("ثمانين", Role::Add(80.0)),
    ("تسعون", Role::Add(90.0)),
    ("تسعين", Role::Add(90.0)),
    ("مئه", Role::Hundred),
    ("مائه", Role::Hundred),
    ("مئات", Role::Hundred),
    ("مئتان", Role::Add(200.0)),
    ("مئتين", Role::Add(200.0)),
    ("مائتان", Role::Add(200.0)),
    ("مائتين", Role::Add(200.0)),
    ("ثلاثمئه", Role::Add(300.0)),
    ("ثلاثمائه", Role::Add(300.0)),
    ("اربعمئه", Role::Add(400.0)),
    ("اربعمائه", Role::Add(400.0)),
    ("خمسمئه", Role::Add(500.0)),
    ("خمسمائه", Role::Add(500.0)),
    ("ستمئه", Role::Add(600.0)),
    ("ستمائه", Role::Add(600.0)),
    ("سبعمئه", Role::Add(700.0)),
    ("سبعمائه", Role::Add(700.0)),
    ("ثمانمئه", Role::Add(800.0)),
    ("ثمانمائه", Role::Add(800.0)),
    ("تسعمئه", Role::Add(900.0)),
    ("تسعمائه", Role::Add(900.0)),
    ("الف", Role::Scale(1e3)),
    ("الاف", Role::Scale(1e3)),
    ("الفا", Role::Scale(1e3)),
    ("الفين", Role::Alone(2e3)),
    ("الفان", Role::Alone(2e3)),
    ("الفي", Role::Alone(2e3)),
    ("مليون", Role::Scale(1e6)),
    ("ملايين", Role::Scale(1e6)),
    ("مليونا", Role::Scale(1e6)),
    ("مليونين", Role::Alone(2e6)),
    ("مليونان", Role::Alone(2e6)),
    ("مليوني", Role::Alone(2e6)),
    ("مليار", Role::Scale(1e9)),
    ("مليارات", Role::Scale(1e9)),
    ("مليارا", Role::Scale(1e9)),
    ("بليون", Role::Scale(1e9)),
    ("مليارين", Role::Alone(2e9)),
    ("ملياران", Role::Alone(2e9)),
    ("ملياري", Role::Alone(2e9)),
    ("تريليون", Role::Scale(1e12)),
    // Ordinals compose like the numbers: الخامس والعشرين, الحادي عشر.
    ("اول", Role::Add(1.0)),
    ("حادي", Role::Add(1.0)),
    ("حاديه", Role::Add(1.0)),
    ("ثان", Role::Add(2.0)),
    ("اولي", Role::Add(1.0)),
    ("ثاني", Role::Add(2.0)),
    ("ثانيه", Role::Add(2.0)),
    ("ثالث", Role::Add(3.0)),
    ("ثالثه", Role::Add(3.0)),
    ("رابع", Role::Add(4.0)),
    ("رابعه", Role::Add(4.0)),
    ("خامس", Role::Add(5.0)),
    ("خامسه", Role::Add(5.0)),
    ("سادس", Role::Add(6.0)),
    ("سادسه", Role::Add(6.0)),
    ("سابع", Role::Add(7.0)),
    ("سابعه", Role::Add(7.0)),
    ("ثامن", Role::Add(8.0)),
    ("ثامنه", Role::Add(8.0)),
    ("تاسع", Role::Add(9.0)),
    ("تاسعه", Role::Add(9.0)),
    ("عاشر", Role::Add(10.0)),
    ("عاشره", Role::Add(10.0)),
    ("عشرينيات", Role::Alone(20.0)),
    ("عشرينات", Role::Alone(20.0)),
    ("ثلاثينيات", Role::Alone(30.0)),
    ("ثلاثينات", Role::Alone(30.0)),
    ("اربعينيات", Role::Alone(40.0)),
    ("اربعينات", Role::Alone(40.0)),
    ("خمسينيات", Role::Alone(50.0)),
    ("خمسينات", Role::Alone(50.0)),
    ("ستينيات", Role::Alone(60.0)),
    ("ستينات", Role::Alone(60.0)),
    ("سبعينيات", Role::Alone(70.0)),
    ("سبعينات", Role::Alone(70.0)),
    ("ثمانينيات", Role::Alone(80.0)),
    ("ثمانينات", Role::Alone(80.0)),
    ("تسعينيات", Role::Alone(90.0)),
    ("تسعينات", Role::Alone(90.0)),
    ("يناير", Role::Alone(1.0)),
    ("فبراير", Role::Alone(2.0)),
    ("مارس", Role::Alone(3.0)),
    ("ابريل", Role::Alone(4.0)),
    ("مايو", Role::Alone(5.0)),
    ("يونيو", Role::Alone(6.0)),
    ("يونيه", Role::Alone(6.0)),
    ("يوليو", Role::Alone(7.0)),
    ("يوليه", Role::Alone(7.0)),
    ("اغسطس", Role::Alone(8.0)),
    ("سبتمبر", Role::Alone(9.0)),
    ("اكتوبر", Role::Alone(10.0)),
    ("نوفمبر", Role::Alone(11.0)),
    ("ديسمبر", Role::Alone(12.0)),
    ("شباط", Role::Alone(2.0)),
    ("اذار", Role::Alone(3.0)),
    ("نيسان", Role::Alone(4.0)),
    ("ايار", Role::Alone(5.0)),
    ("حزيران", Role::Alone(6.0)),
    ("تموز", Role::Alone(7.0)),
    ("اب", Role::Alone(8.0)),
    ("ايلول", Role::Alone(9.0)),
    // تشرين الأول/الثاني are October/November, كانون الأول/الثاني
    // December/January: the first word stands for both months.
    ("تشرين", Role::Alone(10.0)),
    ("تشرين", Role::Alone(11.0)),
    ("كانون", Role::Alone(12.0)),
    ("كانون", Role::Alone(1.0)),
];

/// English number words, lower case.
const ENGLISH_WORDS: &[(&str, Role)] = &[
    ("zero", Role::Add(0.0)),
    ("one", Role::Add(1.0)),
    ("two", Role::Add(2.0)),
    ("three", Role::Add(3.0)),
    ("four", Role::Add(4.0)),
    ("five", Role::Add(5.0)),
    ("six", Role::Add(6.0)),
    ("seven", Role::Add(7.0)),
    ("eight", Role::Add(8.0)),
    ("nine", Role::Add(9.0)),
    ("ten", Role::Add(10.0)),
    ("eleven", Role::Add(11.0)),
    ("twelve", Role::Add(12.0)),
    ("thirteen", Role::Add(13.0)),
    ("fourteen", Role::Add(14.0)),
    ("fifteen", Role::Add(15.0)),
    ("sixteen", Role::Add(16.0)),
    ("seventeen", Role::Add(17.0)),
    ("eighteen", Role::Add(18.0)),
    ("nineteen", Role::Add(19.0)),
    ("twenty", Role::Add(20.0)),
    ("thirty", Role::Add(30.0)),
    ("forty", Role::Add(40.0)),
    ("fifty", Role::Add(50.0)),
    ("sixty", Role::Add(60.0)),
    ("seventy", Role::Add(70.0)),
    ("eighty", Role::Add(80.0)),
    ("ninety", Role::Add(90.0)),
    ("hundred", Role::Hundred),
    ("hundreds", Role::Hundred),
    ("thousand", Role::Scale(1e3)),
    ("thousands", Role::Scale(1e3)),
    ("million", Role::Scale(1e6)),
    ("millions", Role::Scale(1e6)),
    ("billion", Role::Scale(1e9)),
    ("billions", Role::Scale(1e9)),
    ("trillion", Role::Scale(1e12)),
    ("dozen", Role::Alone(12.0)),
    ("first", Role::Alone(1.0)),
    ("second", Role::Alone(2.0)),
    ("third", Role::Alone(3.0)),
    ("fourth", Role::Alone(4.0)),
    ("fifth", Role::Alone(5.0)),
    ("sixth", Role::Alone(6.0)),
    ("seventh", Role::Alone(7.0)),
    ("eighth", Role::Alone(8.0)),
    ("ninth", Role::Alone(9.0)),
    ("tenth", Role::Alone(10.0)),
    ("eleventh", Role::Alone(11.0)),
    ("twelfth", Role::Alone(12.0)),
    ("january", Role::Alone(1.0)),
    ("jan", Role::Alone(1.0)),
    ("february", Role::Alone(2.0)),
    ("feb", Role::Alone(2.0)),
    ("march", Role::Alone(3.0)),
    ("mar", Role::Alone(3.0)),
    ("april", Role::Alone(4.0)),
    ("apr", Role::Alone(4.0)),
    ("may", Role::Alone(5.0)),
    ("june", Role::Alone(6.0)),
    ("jun", Role::Alone(6.0)),
    ("july", Role::Alone(7.0)),
    ("jul", Role::Alone(7.0)),
    ("august", Role::Alone(8.0)),
    ("aug", Role::Alone(8.0)),
    ("september", Role::Alone(9.0)),
    ("sep", Role::Alone(9.0)),
    ("sept", Role::Alone(9.0)),
    ("october", Role::Alone(10.0)),
    ("oct", Role::Alone(10.0)),
    ("november", Role::Alone(11.0)),
    ("nov", Role::Alone(11.0)),
    ("december", Role::Alone(12.0)),
    ("dec", Role::Alone(12.0)),
];

/// Scales written right after English digits: `$3bn`, `5m`, `£11million`.
const ENGLISH_SUFFIXES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("k", 1e3),
    ("m", 1e6),
    ("mn", 1e6),
    ("bn", 1e9),
    ("tn", 1e12),
];

type Table = HashMap<&'static str, Vec<Role>>;

fn table(words: &'static [(&'static str, Role)]) -> Table {
    let mut table: Table = HashMap::new();
    for &(word, role) in words {
        table.entry(word).or_default().push(role);
    }
    table
}

static ARABIC: LazyLock<Table> = LazyLock::new(|| table(ARABIC_WORDS));
static ENGLISH: LazyLock<Table> = LazyLock::new(|| table(ENGLISH_WORDS));

/// The numbers of an Arabic text; ranges are in `text`.
pub(crate) fn arabic_numbers(text: &str) -> Vec<Number> {
    let normalized = normalize(text);
    let mut numbers = scan(normalized.as_str(), arabic_roles, &[]);
    for number in &mut numbers {
        number.range = normalized.original_span(number.range.clone());
    }
    numbers
}

/// The numbers of an English text.
pub(crate) fn english_numbers(text: &str) -> Vec<Number> {
    scan(
        text,
        |word| {
            let lower = word.to_lowercase();
            if lower == "and" {
                return Some(Vec::new());
            }
            ENGLISH.get(lower.as_str()).cloned()
        },
        ENGLISH_SUFFIXES,
    )
}

/// The scale an Arabic word stands for after digits (ألف 1,000, ملايين
/// 1,000,000, مليارات 10⁹), read in any spelling; `None` for other words.
pub(crate) fn arabic_scale(word: &str) -> Option<f64> {
    let normalized = normalize(word);
    ARABIC
        .get(normalized.as_str())?
        .iter()
        .find_map(|role| match role {
            Role::Scale(scale) => Some(*scale),
            _ => None,
        })
}

/// The roles of an Arabic word: whole, then behind proclitics (وعشرون,
/// بخمسة), then without the article (الثالث).
fn arabic_roles(word: &str) -> Option<Vec<Role>> {
    let lookup = |stem: &str| {
        ARABIC
            .get(stem)
            .or_else(|| stem.strip_prefix("ال").and_then(|bare| ARABIC.get(bare)))
            .cloned()
    };
    lookup(word).or_else(|| {
        proclitic_readings(word).find_map(|reading| {
            let mut stem = String::new();
            reading.stem_into(&mut stem);
            lookup(&stem)
        })
    })
}

/// Reads digits and number words in `text`. `roles` says what a word is
/// (`Some(vec![])` for a word that may stand inside a written-out number,
/// such as "and"); `suffixes` are scales glued to digits.
fn scan(
    text: &str,
    roles: impl Fn(&str) -> Option<Vec<Role>>,
    suffixes: &[(&str, f64)],
) -> Vec<Number> {
    let tokens: Vec<Range<usize>> = words(text).collect();
    let mut numbers = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens[index].clone();
        let word = &text[token.clone()];
        if word.bytes().any(|b| b.is_ascii_digit()) {
            let next = tokens.get(index + 1);
            let next_scale = next.and_then(|next| {
                roles(&text[next.clone()])?
                    .into_iter()
                    .find_map(|role| match role {
                        Role::Scale(scale) => Some((scale, next.end)),
                        _ => None,
                    })
            });
            let before = numbers.len();
            digits_in(word, token.start, suffixes, &mut numbers);
            let single = numbers.len() == before + 1;
            if let Some((scale, end)) = next_scale.filter(|_| single) {
                let number = &mut numbers[before];
                number.value *= scale;
                number.also.iter_mut().for_each(|value| *value *= scale);
                number.range.end = end;
                index += 1;
            } else if single {
                let previous = index
                    .checked_sub(1)
                    .map(|i| (&tokens[i], &text[tokens[i].clone()]));
                let following = next.map(|next| (next, &text[next.clone()]));
                add_readings(text, &mut numbers[before], previous, following);
            }
            index += 1;
            continue;
        }
        // A run of number words (and the joiners between them).
        let start = index;
        let mut run = Vec::new();
        while let Some(token) = tokens.get(index) {
            let Some(found) = roles(&text[token.clone()]) else {
                break;
            };
            if found.is_empty() && run.is_empty() {
                break;
            }
            run.push((token.clone(), found));
            index += 1;
        }
        if run.is_empty() {
            index = start + 1;
            continue;
        }
        words_number(&run, &mut numbers);
    }
    numbers
}

/// Other values of a number written alone in its word: the year a
/// two-digit end of a range stands for (1950-53), a number with a
/// three-digit group after a space (30 000).
fn add_readings(
    text: &str,
    number: &mut Number,
    previous: Option<(&Range<usize>, &str)>,
    following: Option<(&Range<usize>, &str)>,
) {
    let written = &text[number.range.clone()];
    let is_digits =
        |word: &str, len: usize| word.len() == len && word.bytes().all(|b| b.is_ascii_digit());
    if let Some((range, word)) = previous
        && is_digits(written, 2)
        && is_digits(word, 4)
        && matches!(text[range.end..number.range.start].trim(), "-" | "–" | "/")
    {
        let century = word[..2].parse::<f64>().unwrap_or(0.0) * 100.0;
        number.also.push(century + number.value);
    }
    if let Some((range, word)) = following
        && is_digits(word, 3)
        && matches!(
            &text[number.range.end..range.start],
            " " | "\u{a0}" | "\u{202f}"
        )
        && number.value.fract() == 0.0
    {
        number
            .also
            .push(number.value * 1000.0 + word.parse::<f64>().unwrap_or(0.0));
    }
}

/// Every reading of a run of number words: each word alone, and the
/// numbers they compose (ثلاثة وعشرون = 23, five hundred thousand =
/// 500,000). Two units, two teens or two tens in a row start a new number
/// ("five, five hundred" is 5 and 500; خمسة عشر is 15 either way round).
fn words_number(run: &[(Range<usize>, Vec<Role>)], numbers: &mut Vec<Number>) {
    let mut composer = Composer::default();
    for (range, found) in run {
        for role in found {
            numbers.push(Number::words(role.value(), range.clone()));
        }
        match found.first() {
            Some(&Role::Add(value)) => {
                let class = 1 << magnitude(value);
                if composer.classes & class != 0 {
                    composer.flush(numbers);
                }
                composer.classes |= class;
                composer.current += value;
            }
            Some(Role::Hundred) => {
                composer.current = composer.current.max(1.0) * 100.0;
                composer.classes = 0;
            }
            Some(&Role::Scale(scale)) => {
                composer.total += composer.current.max(1.0) * scale;
                composer.current = 0.0;
                composer.classes = 0;
            }
            Some(Role::Alone(_)) | None => continue,
        }
        composer.parts += 1;
        composer.range = match composer.range.take() {
            Some(started) => Some(started.start..range.end),
            None => Some(range.clone()),
        };
    }
    composer.flush(numbers);
}

/// Units, teens, tens, hundreds and more: 0 to 3.
fn magnitude(value: f64) -> u32 {
    match value {
        v if v < 10.0 => 0,
        v if v < 20.0 => 1,
        v if v < 100.0 => 2,
        _ => 3,
    }
}

/// A written-out number being put together.
#[derive(Default)]
struct Composer {
    total: f64,
    current: f64,
    /// The magnitudes added since the last hundred or scale, one bit each.
    classes: u32,
    parts: usize,
    range: Option<Range<usize>>,
}

impl Composer {
    /// Emits the number (when made of several words) and starts over.
    fn flush(&mut self, numbers: &mut Vec<Number>) {
        if let Some(range) = self.range.take()
            && self.parts > 1
        {
            numbers.push(Number::words(self.total + self.current, range));
        }
        *self = Composer::default();
    }
}

/// The numbers written with digits inside one word (`2014م`, `COVID-19`'s
/// 19, `$3bn`, `18.3.2015`); `offset` is where the word starts.
fn digits_in(word: &str, offset: usize, suffixes: &[(&str, f64)], numbers: &mut Vec<Number>) {
    let bytes = word.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let start = at;
        while at < bytes.len()
            && (bytes[at].is_ascii_digit()
                || (matches!(bytes[at], b'.' | b',')
                    && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)))
        {
            at += 1;
        }
        let readings = parse_digits(&word[start..at]);
        let rest = &word[at..];
        let suffix = suffixes.iter().find(|(suffix, _)| {
            rest.get(..suffix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(suffix))
                && !rest[suffix.len()..].starts_with(|c: char| c.is_alphabetic())
        });
        let single = readings.len() == 1;
        let decade =
            single && at - start == 4 && rest.starts_with('s') && word[start..at].ends_with('0');
        for mut number in readings {
            number.range = offset + start..offset + at;
            if let Some((text, scale)) = suffix.filter(|_| single) {
                number.value *= scale;
                number.also.iter_mut().for_each(|value| *value *= scale);
                number.range.end += text.len();
            }
            if decade {
                number.also.push(number.value % 100.0);
            }
            numbers.push(number);
        }
    }
}

/// The numbers of one run of ASCII digits and separators (see the module
/// documentation); their ranges are left empty.
fn parse_digits(run: &str) -> Vec<Number> {
    let separators: Vec<u8> = run.bytes().filter(|b| matches!(b, b'.' | b',')).collect();
    let groups: Vec<&str> = run.split(['.', ',']).collect();
    let value = |text: &str| text.parse::<f64>().unwrap_or(0.0);
    let one = |value: f64, also: Vec<f64>| {
        vec![Number {
            also,
            ..Number::digits(value, 0..0)
        }]
    };
    let thousands = |groups: &[&str]| {
        (1..=3).contains(&groups[0].len()) && groups[1..].iter().all(|g| g.len() == 3)
    };
    let decimal = |whole: &str, fraction: &str| value(&format!("{whole}.{fraction}"));
    let same_separator = separators.windows(2).all(|pair| pair[0] == pair[1]);
    match separators.as_slice() {
        [] => one(value(run), Vec::new()),
        // 1,500 or 76.000: thousands, or a decimal.
        [_] if thousands(&groups) => {
            one(value(&groups.concat()), vec![decimal(groups[0], groups[1])])
        }
        // 5.30: a decimal, or a time.
        [b'.'] if groups[1].len() == 2 && value(groups[0]) < 24.0 && value(groups[1]) < 60.0 => {
            one(
                decimal(groups[0], groups[1]),
                vec![value(groups[0]), value(groups[1])],
            )
        }
        [_] => one(decimal(groups[0], groups[1]), Vec::new()),
        _ if same_separator && thousands(&groups) => one(value(&groups.concat()), Vec::new()),
        [.., b',', b'.'] if thousands(&groups[..groups.len() - 1]) => {
            let whole = groups[..groups.len() - 1].concat();
            one(decimal(&whole, groups[groups.len() - 1]), Vec::new())
        }
        _ => groups
            .iter()
            .map(|group| Number::digits(value(group), 0..0))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_words_after_digits() {
        assert_eq!(arabic_scale("ملايين"), Some(1e6));
        assert_eq!(arabic_scale("آلاف"), Some(1e3));
        assert_eq!(arabic_scale("مليار"), Some(1e9));
        assert_eq!(arabic_scale("خمسة"), None);
        assert_eq!(arabic_scale("نسمة"), None);
    }

    fn values(numbers: &[Number], written: Written) -> Vec<f64> {
        numbers
            .iter()
            .filter(|n| n.written == written)
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn reads_digits_of_both_scripts() {
        let numbers = arabic_numbers("في عام ٢٠١٤ قتل ١٬٢٠٠ شخص وارتفع ٣٫٥٪ في 18.3.2015");
        assert_eq!(
            values(&numbers, Written::Digits),
            [2014.0, 1200.0, 3.5, 18.0, 3.0, 2015.0]
        );
        let text = "في عام ٢٠١٤م";
        let year = &arabic_numbers(text)[0];
        assert_eq!(&text[year.range.clone()], "٢٠١٤");
    }

    /// Every value of each number of a digit run.
    fn readings(run: &str) -> Vec<Vec<f64>> {
        parse_digits(run)
            .iter()
            .map(|number| number.values().collect())
            .collect()
    }

    #[test]
    fn reads_separators() {
        assert_eq!(readings("1,000"), [[1000.0, 1.0]]);
        assert_eq!(readings("76.000"), [[76000.0, 76.0]]);
        assert_eq!(readings("1,000,000.5"), [[1000000.5]]);
        assert_eq!(readings("1.234.567"), [[1234567.0]]);
        assert_eq!(readings("2,5"), [[2.5]]);
        assert_eq!(readings("3.75"), [[3.75]]);
        assert_eq!(readings("5.30"), [[5.3, 5.0, 30.0]]);
        assert_eq!(readings("13.5"), [[13.5]]);
        assert_eq!(readings("10.30.45"), [[10.0], [30.0], [45.0]]);
    }

    #[test]
    fn reads_other_writings_of_the_same_number() {
        let target = english_numbers("the 1950-53 war, in the 1990s, at 5.30pm, for £11million");
        let source = arabic_numbers("حرب 1950 - 1953 في التسعينيات الساعة 5:30 مقابل 11 مليون");
        assert!(
            compare(&source, &target).is_empty(),
            "{:?}",
            compare(&source, &target)
        );
        let source = arabic_numbers("تضم 30 000 تلميذ في الساعة 04:00");
        let target = english_numbers("has 30,000 pupils at 4 a.m.");
        assert!(compare(&source, &target).is_empty());
    }

    #[test]
    fn applies_scales() {
        let numbers = arabic_numbers("رصد 2.5 مليار دولار و5 ملايين يورو");
        assert_eq!(values(&numbers, Written::Digits), [2.5e9, 5e6]);
        let numbers = english_numbers("$2.5bn and 5 million euros, 10km, £11million");
        assert_eq!(values(&numbers, Written::Digits), [2.5e9, 5e6, 10.0, 11e6]);
    }

    #[test]
    fn composes_written_out_numbers() {
        let numbers = arabic_numbers(
            "قتل ثلاثة وعشرون شخصا وجرح خمسة عشر وفقد ثلاثة آلاف في التعديل الخامس والعشرين",
        );
        let words = values(&numbers, Written::Words);
        for expected in [23.0, 15.0, 3000.0, 25.0] {
            assert!(words.contains(&expected), "{expected} in {words:?}");
        }
        let words = values(
            &english_numbers("twenty-five and five hundred thousand"),
            Written::Words,
        );
        for expected in [25.0, 500_000.0] {
            assert!(words.contains(&expected), "{expected} in {words:?}");
        }
    }

    #[test]
    fn words_excuse_digits_but_are_never_missing() {
        let source = arabic_numbers("قتل خمسة أشخاص في آذار 2014");
        let target = english_numbers("5 people were killed in March 2014");
        assert!(compare(&source, &target).is_empty());
        let target = english_numbers("Five people were killed in March");
        let mismatch = compare(&source, &target);
        assert_eq!(mismatch.missing.len(), 1);
        assert_eq!(mismatch.missing[0].value, 2014.0);
        assert!(mismatch.extra.is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_without_panic(text in "\\PC{0,40}|[0-9٠-٩.,٫٬ a-zA-Z½²mbnk]{0,30}") {
            for number in arabic_numbers(&text).into_iter().chain(english_numbers(&text)) {
                proptest::prop_assert!(text.get(number.range.clone()).is_some());
                proptest::prop_assert!(number.value.is_finite());
            }
        }
    }

    #[test]
    fn reports_changed_numbers_both_ways() {
        let source = arabic_numbers("ارتفع العدد إلى ٢٥٠ في ٢٠١٤");
        let target = english_numbers("The number rose to 205 in 2014");
        let mismatch = compare(&source, &target);
        assert_eq!(values(&mismatch.missing, Written::Digits), [250.0]);
        assert_eq!(values(&mismatch.extra, Written::Digits), [205.0]);
    }
}
