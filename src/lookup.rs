//! Batch translation of term lists: each Arabic term answered from the
//! glossary, the translation memory, or with fuzzy suggestions.
//!
//! ```
//! use tarjama::glossary::{Entry, Glossary, Kind};
//! use tarjama::lookup::{How, Lookup, Options};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry {
//!     ar: "الناتو".into(),
//!     en: "NATO".into(),
//!     kind: Kind::Org,
//!     ..Entry::default()
//! }]);
//! let mut lookup = Lookup::new(&glossary, None, Options::default());
//! assert_eq!(lookup.answer("بالناتو").unwrap().how, How::Clitic);
//! let answer = lookup.answer("الناتوو").unwrap().clone();
//! assert_eq!(answer.how, How::Fuzzy);
//! assert_eq!(answer.english(&glossary), "suggestions: الناتو = NATO (85)");
//! ```
//!
//! How a term is answered, first that applies:
//!
//! | how | when |
//! |---|---|
//! | `empty` | the line (or cell) holds nothing |
//! | `exact` | an entry's Arabic key, exactly as written |
//! | `variant` | one of an entry's variants, as written or normalized |
//! | `normalized` | an entry's key after normalization (diacritics, letter forms, tatweel) |
//! | `clitic` | an entry behind proclitics (بالناتو → NATO) |
//! | `tm` | a TM unit whose source is the term (normalized) |
//! | `not-arabic`, `mixed-script` | no Arabic letter, or Arabic mixed with another script |
//! | `fuzzy` | suggestions: the closest entries, never an answer |
//! | `none` | nothing close enough |

use crate::glossary::{Glossary, Kind, u32_of};
use crate::text::normalize_str;
use crate::text::script::Scripts;
use crate::text::tokenize::{word_key, words};
use crate::tm::{LookupOptions, TmError, TranslationMemory};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

crate::named::named_enum! {
    /// How a term was answered (see the module documentation).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum How {
        /// An entry's key as written.
        Exact = "exact",
        /// An entry's key after normalization.
        Normalized = "normalized",
        /// An entry behind proclitics.
        Clitic = "clitic",
        /// An entry's variant.
        Variant = "variant",
        /// A TM unit with the term as its source.
        Tm = "tm",
        /// No answer; suggestions only.
        Fuzzy = "fuzzy",
        /// No answer.
        None = "none",
        /// An empty line or cell.
        Empty = "empty",
        /// Arabic letters together with letters of another script, not found.
        MixedScript = "mixed-script",
        /// No Arabic letter, not found.
        NotArabic = "not-arabic",
    }
}

impl How {
    /// True when the term got an English rendering (not only suggestions).
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            How::Exact | How::Normalized | How::Clitic | How::Variant | How::Tm
        )
    }
}

/// A glossary entry close to a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion {
    /// Index of the entry in the glossary.
    pub entry: usize,
    /// Which of the entry's Arabic forms is closest (0: the key, then the
    /// variants in order).
    pub form: usize,
    /// 100 × (1 − edit distance ÷ the longer length), on normalized text.
    pub score: u8,
}

impl Suggestion {
    /// The closest Arabic form.
    pub fn form<'g>(&self, glossary: &'g Glossary) -> &'g str {
        let entry = glossary.entry_ref(self.entry);
        entry.forms().nth(self.form).unwrap_or(entry.ar())
    }
}

/// What a term got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// How it was found.
    pub how: How,
    /// The glossary entry, for glossary answers.
    pub entry: Option<usize>,
    /// The TM unit's target, for `tm`.
    pub tm_target: Option<String>,
    /// The closest entries, best first, for `fuzzy`.
    pub suggestions: Vec<Suggestion>,
}

impl Answer {
    fn new(how: How) -> Self {
        Self {
            how,
            entry: None,
            tm_target: None,
            suggestions: Vec::new(),
        }
    }

    /// The English column: the entry's English, the TM target, or for
    /// `fuzzy` the suggestions marked as such
    /// (`suggestions: الناتو = NATO (85); …`); empty otherwise.
    pub fn english(&self, glossary: &Glossary) -> String {
        if let Some(entry) = self.entry {
            return glossary.entry_ref(entry).en().to_owned();
        }
        if let Some(target) = &self.tm_target {
            return target.clone();
        }
        if self.suggestions.is_empty() {
            return String::new();
        }
        let listed: Vec<String> = self
            .suggestions
            .iter()
            .map(|suggestion| {
                let entry = glossary.entry_ref(suggestion.entry);
                format!(
                    "{} = {} ({})",
                    suggestion.form(glossary),
                    entry.en(),
                    suggestion.score
                )
            })
            .collect();
        format!("suggestions: {}", listed.join("; "))
    }

    /// 100 for an answer, the best suggestion's score for `fuzzy`.
    pub fn score(&self) -> Option<u8> {
        if self.how.is_answer() {
            Some(100)
        } else {
            self.suggestions.first().map(|s| s.score)
        }
    }

    /// The entry's type, for glossary answers.
    pub fn kind(&self, glossary: &Glossary) -> Option<Kind> {
        self.entry.map(|entry| glossary.entry_ref(entry).kind())
    }
}

/// What a lookup offers besides exact answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// At most this many fuzzy suggestions per term (0: none).
    pub suggestions: usize,
    /// Suggestions scoring below this are left out (50–100).
    pub min_score: u8,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            suggestions: 3,
            min_score: 70,
        }
    }
}

/// Answers terms against one glossary (and a TM), remembering every answer
/// so that a term that comes again costs a hash look-up.
pub struct Lookup<'a> {
    glossary: &'a Glossary,
    tm: Option<&'a TranslationMemory>,
    keys: HashMap<&'a str, usize>,
    variants: HashMap<&'a str, usize>,
    suggester: Option<Suggester>,
    answers: HashMap<String, Answer>,
}

impl<'a> Lookup<'a> {
    /// Prepares the look-up tables (and the suggestion index when
    /// `options.suggestions` > 0).
    pub fn new(
        glossary: &'a Glossary,
        tm: Option<&'a TranslationMemory>,
        options: Options,
    ) -> Self {
        let mut keys = HashMap::with_capacity(glossary.len());
        let mut variants = HashMap::new();
        for (index, entry) in glossary.table().iter().enumerate() {
            keys.entry(entry.ar().trim()).or_insert(index);
            for variant in entry.variants() {
                variants.entry(variant.trim()).or_insert(index);
            }
        }
        let suggester = (options.suggestions > 0).then(|| Suggester::new(glossary, options));
        Self {
            glossary,
            tm,
            keys,
            variants,
            suggester,
            answers: HashMap::new(),
        }
    }

    /// The answer for `term` (surrounding white space ignored).
    pub fn answer(&mut self, term: &str) -> Result<&Answer, TmError> {
        let term = term.trim();
        if !self.answers.contains_key(term) {
            let answer = self.find(term)?;
            self.answers.insert(term.to_owned(), answer);
        }
        Ok(&self.answers[term])
    }

    fn find(&mut self, term: &str) -> Result<Answer, TmError> {
        if term.is_empty() {
            return Ok(Answer::new(How::Empty));
        }
        if let Some((how, entry)) = self.in_glossary(term) {
            return Ok(Answer {
                entry: Some(entry),
                ..Answer::new(how)
            });
        }
        if let Some(tm) = self.tm {
            let options = LookupOptions {
                min_score: 100,
                limit: 1,
                diff: false,
            };
            if let Some(found) = tm.lookup(term, &options)?.into_iter().next() {
                return Ok(Answer {
                    tm_target: Some(found.unit.target),
                    ..Answer::new(How::Tm)
                });
            }
        }
        let scripts = Scripts::of(term);
        if !scripts.arabic {
            return Ok(Answer::new(How::NotArabic));
        }
        if scripts.is_mixed() {
            return Ok(Answer::new(How::MixedScript));
        }
        let suggestions = match &mut self.suggester {
            Some(suggester) => suggester.suggest(term),
            None => Vec::new(),
        };
        let how = if suggestions.is_empty() {
            How::None
        } else {
            How::Fuzzy
        };
        Ok(Answer {
            suggestions,
            ..Answer::new(how)
        })
    }

    /// An entry the whole term is: its key or a variant as written, else
    /// the matcher's one hit spanning every word of the term.
    fn in_glossary(&self, term: &str) -> Option<(How, usize)> {
        if let Some(&entry) = self.keys.get(term) {
            return Some((How::Exact, entry));
        }
        if let Some(&entry) = self.variants.get(term) {
            return Some((How::Variant, entry));
        }
        let mut spans = words(term);
        let first = spans.next()?;
        let last = spans.last().unwrap_or(first.clone());
        let hits = self.glossary.find(term);
        let [hit] = hits.as_slice() else {
            return None;
        };
        if hit.start > first.start || hit.end < last.end {
            return None;
        }
        let how = if hit.prefix_len > 0 {
            How::Clitic
        } else if word_key(hit.surface(term)) == word_key(self.glossary.entry_ref(hit.entry).ar()) {
            How::Normalized
        } else {
            How::Variant
        };
        Some((how, hit.entry))
    }
}

/// Fuzzy suggestions: the glossary forms (keys and variants) closest to a
/// term by normalized Levenshtein distance.
///
/// Comparing a term with every form is what costs; an index of character
/// bigrams (the forms padded at both ends) lets only forms that can reach
/// the minimum score be compared. A form within `k` edits of the term
/// shares at least `max(len) + 1 − 2k` bigrams with it (each edit breaks at
/// most two), and its length is within `k` of the term's; forms short of
/// either bound are never compared. The filter loses nothing for minimum
/// scores of 50 and more.
#[doc(hidden)] // public for the lookup benchmark only
pub struct Suggester {
    forms: Vec<Form>,
    postings: foldhash::HashMap<u64, Vec<(u32, u16)>>,
    options: Options,
    /// Per form, the bigrams it shares with the current term.
    shared: Vec<u16>,
    touched: Vec<u32>,
}

struct Form {
    chars: Vec<char>,
    entry: u32,
    /// Its position among the entry's forms.
    position: u32,
}

const PAD_START: char = '\u{2}';
const PAD_END: char = '\u{3}';

impl Suggester {
    /// Indexes every form of every entry.
    pub fn new(glossary: &Glossary, options: Options) -> Self {
        let mut forms = Vec::new();
        let mut postings: foldhash::HashMap<u64, Vec<(u32, u16)>> = Default::default();
        for (index, entry) in glossary.table().iter().enumerate() {
            for (position, form) in entry.forms().enumerate() {
                let chars = fuzzy_chars(form);
                if chars.is_empty() {
                    continue;
                }
                let id = u32_of(forms.len());
                for (bigram, count) in bigrams(&chars) {
                    postings.entry(bigram).or_default().push((id, count));
                }
                forms.push(Form {
                    chars,
                    entry: u32_of(index),
                    position: u32_of(position),
                });
            }
        }
        let shared = vec![0; forms.len()];
        Self {
            forms,
            postings,
            options,
            shared,
            touched: Vec::new(),
        }
    }

    /// The closest entries to `term`, best first (ties in glossary order),
    /// at most `options.suggestions`, each at least `options.min_score`.
    pub fn suggest(&mut self, term: &str) -> Vec<Suggestion> {
        let query = fuzzy_chars(term);
        if query.is_empty() {
            return Vec::new();
        }
        for (bigram, count) in bigrams(&query) {
            let Some(list) = self.postings.get(&bigram) else {
                continue;
            };
            for &(form, form_count) in list {
                let shared = &mut self.shared[form as usize];
                if *shared == 0 {
                    self.touched.push(form);
                }
                *shared += count.min(form_count);
            }
        }
        let min_score = u32::from(self.options.min_score.clamp(1, 100));
        let mut best: Vec<Suggestion> = Vec::new();
        for form in self.touched.drain(..) {
            let shared = std::mem::take(&mut self.shared[form as usize]);
            let form = &self.forms[form as usize];
            let longest = query.len().max(form.chars.len());
            // The most edits that still score min_score.
            let edits = longest * (100 - min_score as usize) / 100;
            if query.len().abs_diff(form.chars.len()) > edits
                || usize::from(shared) + 2 * edits < longest + 1
            {
                continue;
            }
            let distance = strsim::generic_levenshtein(&query, &form.chars);
            if distance > edits {
                continue;
            }
            let score =
                u8::try_from(100 * (longest - distance) / longest).expect("a score of at most 100");
            let suggestion = Suggestion {
                entry: form.entry as usize,
                form: form.position as usize,
                score,
            };
            match best.iter_mut().find(|s| s.entry == suggestion.entry) {
                // The best form of an entry; the earlier one on a tie.
                Some(known) if (suggestion.score, known.form) > (known.score, suggestion.form) => {
                    *known = suggestion
                }
                Some(_) => {}
                None => best.push(suggestion),
            }
        }
        best.sort_by_key(|s| (u8::MAX - s.score, s.entry));
        best.truncate(self.options.suggestions);
        best
    }
}

/// The characters compared by fuzzy suggestions: the normalized text with
/// runs of spaces and hyphens made one space.
fn fuzzy_chars(text: &str) -> Vec<char> {
    let normalized = normalize_str(text);
    let mut chars = Vec::with_capacity(normalized.len() / 2);
    for c in normalized.trim().chars() {
        let c = if c == '-' || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && chars.last() == Some(&' ') {
            continue;
        }
        chars.push(c);
    }
    chars
}

/// The padded bigrams of `chars` with how often each occurs.
fn bigrams(chars: &[char]) -> Vec<(u64, u16)> {
    let padded: Vec<char> = std::iter::once(PAD_START)
        .chain(chars.iter().copied())
        .chain(std::iter::once(PAD_END))
        .collect();
    let mut grams: Vec<u64> = padded
        .windows(2)
        .map(|pair| (u64::from(pair[0]) << 32) | u64::from(pair[1]))
        .collect();
    grams.sort_unstable();
    let mut counted: Vec<(u64, u16)> = Vec::with_capacity(grams.len());
    for gram in grams {
        match counted.last_mut() {
            Some((last, count)) if *last == gram => *count = count.saturating_add(1),
            _ => counted.push((gram, 1)),
        }
    }
    counted
}

crate::named::named_enum! {
    /// How the lines of a term list are cut into cells.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum InputFormat {
        /// Columns between tabs
        Tsv = "tsv",
        /// Columns between commas, "quoted" cells
        Csv = "csv",
    }
}

/// The cells of one record; `None` when a quoted CSV cell is still open at
/// its end (the record goes on over the next line).
///
/// The term list is read line by line (it streams, and every line, empty
/// ones too, is a term that keeps its line number), so records are cut here
/// rather than by the `csv` crate's reader, which skips empty lines and ends
/// a quoted cell left open at the end of the input without a word.
pub fn cells(record: &str, format: InputFormat) -> Option<Vec<Cow<'_, str>>> {
    if format == InputFormat::Tsv {
        return Some(record.split('\t').map(Cow::Borrowed).collect());
    }
    let mut cells = Vec::new();
    let mut rest = record;
    loop {
        let Some(quoted) = rest.strip_prefix('"') else {
            let end = rest.find(',').unwrap_or(rest.len());
            cells.push(Cow::Borrowed(&rest[..end]));
            if end == rest.len() {
                return Some(cells);
            }
            rest = &rest[end + 1..];
            continue;
        };
        let mut cell = String::new();
        let mut tail = quoted;
        loop {
            let close = tail.find('"')?;
            cell.push_str(&tail[..close]);
            tail = &tail[close + 1..];
            match tail.strip_prefix('"') {
                Some(after) => {
                    cell.push('"');
                    tail = after;
                }
                None => break,
            }
        }
        cells.push(Cow::Owned(cell));
        // Anything between the closing quote and the comma is kept, as
        // spreadsheets do.
        let end = tail.find(',').unwrap_or(tail.len());
        if let Some(Cow::Owned(cell)) = cells.last_mut() {
            cell.push_str(&tail[..end]);
        }
        if end == tail.len() {
            return Some(cells);
        }
        rest = &tail[end + 1..];
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::glossary::Entry;

    /// A glossary with a key, variants, a name and a cell a spreadsheet
    /// would take for a formula.
    pub(crate) fn glossary() -> Glossary {
        let mut glossary = Glossary::new();
        glossary.add(vec![
            Entry {
                ar: "الأمم المتحدة".into(),
                en: "United Nations".into(),
                kind: Kind::Org,
                variants: vec!["الامم المتحده".into(), "هيئة الأمم".into()],
                ..Entry::default()
            },
            Entry {
                ar: "لافروف".into(),
                en: "Lavrov".into(),
                kind: Kind::Person,
                ..Entry::default()
            },
            Entry {
                ar: "=cmd".into(),
                en: "-1+1".into(),
                ..Entry::default()
            },
        ]);
        glossary
    }

    fn how(term: &str) -> How {
        let glossary = glossary();
        let mut lookup = Lookup::new(&glossary, None, Options::default());
        lookup.answer(term).unwrap().how
    }

    #[test]
    fn answers_in_order_of_trust() {
        assert_eq!(how("الأمم المتحدة"), How::Exact);
        assert_eq!(how(" لافروف "), How::Exact);
        assert_eq!(how("الامم المتحده"), How::Variant);
        assert_eq!(how("هيئة الامم"), How::Variant);
        assert_eq!(how("الأُمم المتّحدة"), How::Normalized);
        assert_eq!(how("الأمم-المتحدة"), How::Normalized);
        assert_eq!(how("وللأمم المتحدة"), How::Clitic);
        assert_eq!(how("ولافروف"), How::Clitic);
        assert_eq!(how("لافروفي"), How::Fuzzy);
        assert_eq!(how("الأمم المتحدة اليوم"), How::None);
        assert_eq!(how("بوتين"), How::None);
        assert_eq!(how(""), How::Empty);
        assert_eq!(how("Lavrov"), How::NotArabic);
        assert_eq!(how("قمة G20"), How::MixedScript);
    }

    #[test]
    fn suggestions_are_scored_and_never_an_answer() {
        let glossary = glossary();
        let mut lookup = Lookup::new(&glossary, None, Options::default());
        let answer = lookup.answer("لافروفي").unwrap().clone();
        assert_eq!(
            answer.suggestions,
            [Suggestion {
                entry: 1,
                form: 0,
                score: 85
            }]
        );
        assert_eq!(
            answer.english(&glossary),
            "suggestions: لافروف = Lavrov (85)"
        );
        assert_eq!(answer.kind(&glossary), None);
        assert!(!answer.how.is_answer());
    }

    /// Every entry's best form by comparing the term with all of them.
    fn full_scan(glossary: &Glossary, term: &str, min_score: u8) -> Vec<Suggestion> {
        let query = fuzzy_chars(term);
        let mut expected: Vec<Suggestion> = Vec::new();
        for (index, entry) in glossary.entries().iter().enumerate() {
            let mut best: Option<Suggestion> = None;
            for (form, text) in entry.forms().enumerate() {
                let text = fuzzy_chars(text);
                let longest = text.len().max(query.len());
                if longest == 0 {
                    continue;
                }
                let distance = strsim::generic_levenshtein(&query, &text);
                let score = u8::try_from(100 * (longest - distance) / longest)
                    .expect("a score of at most 100");
                if best.is_none_or(|b| score > b.score) {
                    best = Some(Suggestion {
                        entry: index,
                        form,
                        score,
                    });
                }
            }
            expected.extend(best.filter(|b| b.score >= min_score && !query.is_empty()));
        }
        expected.sort_by_key(|s| (u8::MAX - s.score, s.entry));
        expected
    }

    #[test]
    fn filter_finds_what_a_full_scan_finds() {
        let glossary = glossary();
        let options = Options {
            suggestions: 10,
            min_score: 50,
        };
        let mut suggester = Suggester::new(&glossary, options);
        for term in [
            "الامم",
            "المتحدة",
            "لافر",
            "وروف",
            "الأمم المتحد",
            "م",
            "ملافروفا",
        ] {
            assert_eq!(
                suggester.suggest(term),
                full_scan(&glossary, term, 50),
                "{term}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn filter_loses_nothing(
            forms in proptest::collection::vec("[ابتسلمنوي ]{1,10}", 1..30),
            term in "[ابتسلمنوي ]{0,12}",
            min_score in 50u8..=100,
        ) {
            let mut glossary = Glossary::new();
            glossary.add(forms.iter().map(|form| Entry {
                ar: form.clone(),
                en: "x".into(),
                ..Entry::default()
            }).collect());
            let options = Options { suggestions: usize::MAX, min_score };
            let mut suggester = Suggester::new(&glossary, options);
            proptest::prop_assert_eq!(suggester.suggest(&term), full_scan(&glossary, &term, min_score));
        }
    }

    #[test]
    fn cuts_csv_and_tsv_records() {
        let csv = |record| cells(record, InputFormat::Csv);
        assert_eq!(csv("a,,b").unwrap(), ["a", "", "b"]);
        assert_eq!(
            csv("\"x, y\",\"say \"\"yes\"\"\"").unwrap(),
            ["x, y", "say \"yes\""]
        );
        assert_eq!(csv("\"open,"), None);
        assert_eq!(csv("\"two\nlines\",z").unwrap(), ["two\nlines", "z"]);
        assert_eq!(cells("أ\t\"ب\"", InputFormat::Tsv).unwrap(), ["أ", "\"ب\""]);
    }
}
