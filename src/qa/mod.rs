//! Quality checks of a translated bilingual file against the glossary, the
//! translation memory and itself.
//!
//! ```
//! use tarjama::glossary::{Entry, Glossary};
//! use tarjama::qa::{self, FindingKind, Pair};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry {
//!     ar: "ريابكوف".into(),
//!     en: "Ryabkov".into(),
//!     avoid: vec!["Riabkov".into()],
//!     ..Entry::default()
//! }]);
//! let segments = [Pair::new("1", "قال ريابكوف إن عام ٢٠١٤ كان صعبا.", "Riabkov said 2015 was hard.")];
//! let findings = qa::check(&segments, &glossary, None).unwrap();
//! let kinds: Vec<FindingKind> = findings.iter().map(|f| f.kind).collect();
//! assert_eq!(kinds, [FindingKind::TermAvoided, FindingKind::NumberMismatch]);
//! ```
//!
//! The checks, per segment (see [`FindingKind`] for what each reports and
//! [`FindingKind::severity`] for how bad it is):
//!
//! - the glossary entries found in the source (by the glossary matcher,
//!   proclitics and all) must come back in the target as their English,
//!   and none of their `avoid` renderings may (the rule is
//!   `glossary::renderings`, which the machine-translation
//!   warning shares);
//! - numbers written with digits must agree (`text::numbers`);
//! - the target must exist, differ from an Arabic source, and hold no
//!   Arabic script;
//! - a question in the source must stay a question;
//! - the same source must have the same translation throughout the file
//!   and in the TM, and one translation must not serve two unrelated
//!   sources (the rule is in [`check`]).

use crate::error::FileError;
use crate::exchange::{ExchangeFormat, LanguagePair, Units};
use crate::glossary::{Glossary, renderings};
use crate::text::english_words::EnglishText;
use crate::text::numbers;
use crate::text::script::{Scripts, is_arabic_letter};
use crate::text::tokenize::{word_key, words};
use crate::tm::{LookupOptions, TmError, TranslationMemory, fuzzy};
use serde::Serialize;
use std::collections::HashMap;

/// One source sentence and its translation, with the id the file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    /// The id in the file: the TSV `id` column (or the line number when
    /// there is none), the XLIFF unit id, the TMX `<tu>` position from 1.
    pub id: String,
    /// The Arabic.
    pub source: String,
    /// The English (empty when untranslated).
    pub target: String,
}

impl Pair {
    /// A segment from its parts.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        target: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            source: source.into(),
            target: target.into(),
        }
    }
}

crate::named::named_enum! {
    /// What a finding is about.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum FindingKind {
        /// The target is empty, a copy of the Arabic source, or holds Arabic
        /// script.
        Untranslated = "untranslated",
        /// A glossary entry of the source is not rendered in the target.
        TermMissing = "term-missing",
        /// The target uses a rendering the glossary says to avoid.
        TermAvoided = "term-avoided",
        /// A number of one side is not on the other.
        NumberMismatch = "number-mismatch",
        /// The source is a question, the target is not.
        Punctuation = "punctuation",
        /// The same source translated differently (in the file or the TM), or
        /// the same translation given to unrelated sources.
        Inconsistent = "inconsistent",
    }
}

crate::named::named_enum! {
    /// How bad a finding is.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Severity {
        /// Worth a look; may be fine.
        Warning = "warning",
        /// Wrong as it stands.
        Error = "error",
    }
}

impl FindingKind {
    /// Errors are what is wrong on its face (a missing or avoided term, a
    /// changed number, no translation); warnings need a human to decide
    /// (punctuation, inconsistency, which can be deliberate).
    pub fn severity(self) -> Severity {
        match self {
            FindingKind::Untranslated
            | FindingKind::TermMissing
            | FindingKind::TermAvoided
            | FindingKind::NumberMismatch => Severity::Error,
            FindingKind::Punctuation | FindingKind::Inconsistent => Severity::Warning,
        }
    }
}

/// One problem in one segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the segment in the checked slice.
    pub segment: usize,
    /// What it is about.
    pub kind: FindingKind,
    /// A sentence saying what is wrong, with the words.
    pub message: String,
    /// The words of the source concerned (may be empty).
    pub source_words: String,
    /// The words of the target concerned (may be empty).
    pub target_words: String,
    /// What the target should have (may be empty).
    pub expected: String,
    /// Index of the other segment involved (inconsistencies in the file).
    pub other_segment: Option<usize>,
}

impl Finding {
    fn new(segment: usize, kind: FindingKind, message: String) -> Self {
        Self {
            segment,
            kind,
            message,
            source_words: String::new(),
            target_words: String::new(),
            expected: String::new(),
            other_segment: None,
        }
    }

    /// How bad it is (that of its kind).
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

/// Reads the segments of a bilingual file: TSV (two columns, or the
/// `id source target …` file `tarjama translate` writes), XLIFF 1.2/2.0 or
/// TMX. `file` names it in errors.
pub fn read_pairs(file: &str, text: &str, format: ExchangeFormat) -> Result<Vec<Pair>, FileError> {
    let mut units = Units::new(file, text, format, &LanguagePair::default());
    let mut segments = Vec::new();
    // For line numbers of TSV rows: the reader stands after the row it gave.
    let (mut counted_to, mut lines) = (0, 0);
    while let Some(unit) = units.next() {
        let unit = unit?;
        let position = || (segments.len() + 1).to_string();
        let id = match format {
            ExchangeFormat::Tmx => position(),
            ExchangeFormat::Xliff => unit.id.unwrap_or_else(position),
            ExchangeFormat::Tsv => unit.id.unwrap_or_else(|| {
                let at = units.position().min(text.len());
                lines += crate::error::line_breaks(text, counted_to, at);
                counted_to = at;
                let unfinished = !text[..at].ends_with(['\n', '\r']);
                (lines + usize::from(unfinished)).to_string()
            }),
        };
        segments.push(Pair::new(id, unit.source, unit.target));
    }
    Ok(segments)
}

/// Runs every check over `segments`; findings come in segment order, then
/// in [`FindingKind::ALL`] order. With a TM, each translated segment is compared
/// with the newest TM unit of the same normalized source.
///
/// The rule for one translation given to different sources: two segments
/// whose targets have the same words (case and punctuation aside), at least
/// [`SHARED_TARGET_MIN_WORDS`] of them, while their sources share less than
/// half their words (Dice over normalized words, proclitics stripped). Short
/// targets ("He added:") and near-identical sources are left alone; what is
/// left is usually a translation pasted into the wrong segment.
pub fn check(
    segments: &[Pair],
    glossary: &Glossary,
    tm: Option<&TranslationMemory>,
) -> Result<Vec<Finding>, TmError> {
    let mut findings = Vec::new();
    let mut translated = vec![false; segments.len()];
    for (index, segment) in segments.iter().enumerate() {
        let Some(done) = check_untranslated(index, segment, &mut findings) else {
            continue;
        };
        translated[index] = done;
        let target = EnglishText::new(&segment.target);
        check_terms(index, segment, &target, glossary, &mut findings);
        check_numbers(index, segment, &mut findings);
        check_question(index, segment, &mut findings);
    }
    check_same_source(segments, &translated, &mut findings);
    check_shared_target(segments, &translated, &mut findings);
    if let Some(tm) = tm {
        check_against_tm(segments, &translated, tm, &mut findings)?;
    }
    findings.sort_by_key(|finding| (finding.segment, finding.kind));
    Ok(findings)
}

/// A translation needs this many words before it counts as given to
/// unrelated sources by mistake.
pub const SHARED_TARGET_MIN_WORDS: usize = 4;

/// Reports an empty target, a copy of the source, Arabic left in the
/// target. `None` when there is nothing else to check, else whether the
/// target is a translation (no Arabic in it).
fn check_untranslated(index: usize, segment: &Pair, findings: &mut Vec<Finding>) -> Option<bool> {
    let target = segment.target.trim();
    if target.is_empty() {
        findings.push(Finding::new(
            index,
            FindingKind::Untranslated,
            "no translation".to_owned(),
        ));
        return None;
    }
    if !Scripts::of(target).arabic {
        return Some(true);
    }
    if fuzzy::key(target) == fuzzy::key(&segment.source) {
        let mut finding = Finding::new(
            index,
            FindingKind::Untranslated,
            "the target is a copy of the source".to_owned(),
        );
        finding.target_words = target.to_owned();
        findings.push(finding);
        return None;
    }
    let arabic: Vec<&str> = words(target)
        .map(|range| &target[range])
        .filter(|word| word.chars().any(is_arabic_letter))
        .collect();
    let arabic = arabic.join(" ");
    let mut finding = Finding::new(
        index,
        FindingKind::Untranslated,
        format!("Arabic script left in the target: «{arabic}»"),
    );
    finding.target_words = arabic;
    findings.push(finding);
    Some(false)
}

/// Glossary entries of the source: their avoided renderings in the target,
/// or their English missing from it (one finding per entry).
fn check_terms(
    index: usize,
    segment: &Pair,
    target: &EnglishText,
    glossary: &Glossary,
    findings: &mut Vec<Finding>,
) {
    let mut seen = Vec::new();
    for hit in glossary.find(&segment.source) {
        if seen.contains(&hit.entry) {
            continue;
        }
        seen.push(hit.entry);
        let entry = glossary.entry_ref(hit.entry);
        let surface = hit.surface(&segment.source);
        let avoided = renderings::find_avoided(target, entry.en(), entry.long(), entry.avoid())
            .map(|range| &segment.target[range]);
        if let Some(used) = avoided {
            let mut finding = Finding::new(
                index,
                FindingKind::TermAvoided,
                format!(
                    "«{surface}» is rendered «{used}», which the glossary says to avoid; use «{}»",
                    entry.en()
                ),
            );
            finding.source_words = surface.to_owned();
            finding.target_words = used.to_owned();
            finding.expected = entry.en().to_owned();
            findings.push(finding);
            continue;
        }
        if renderings::is_rendered(target, entry.en(), entry.long()) {
            continue;
        }
        let wanted = renderings::accepted(entry.en(), entry.long());
        let expected = wanted
            .iter()
            .map(|rendering| format!("«{rendering}»"))
            .collect::<Vec<_>>()
            .join(" or ");
        let lacks = match wanted.len() {
            1 => "does not have it",
            2 => "has neither",
            _ => "has none of them",
        };
        let mut finding = Finding::new(
            index,
            FindingKind::TermMissing,
            format!("«{surface}» is {expected} in the glossary; the target {lacks}"),
        );
        finding.source_words = surface.to_owned();
        finding.expected = wanted.join(" | ");
        findings.push(finding);
    }
}

fn check_numbers(index: usize, segment: &Pair, findings: &mut Vec<Finding>) {
    let source = numbers::arabic_numbers(&segment.source);
    let target = numbers::english_numbers(&segment.target);
    let mismatch = numbers::compare(&source, &target);
    if mismatch.is_empty() {
        return;
    }
    let written = |side: &[numbers::Number], text: &str| -> Vec<String> {
        side.iter()
            .map(|number| text[number.range.clone()].to_owned())
            .collect()
    };
    let missing = written(&mismatch.missing, &segment.source);
    let extra = written(&mismatch.extra, &segment.target);
    let mut parts = Vec::new();
    if !missing.is_empty() {
        let values: Vec<String> = mismatch
            .missing
            .iter()
            .zip(&missing)
            .map(|(number, text)| {
                let value = format_value(number.value);
                if value == *text {
                    format!("«{text}»")
                } else {
                    format!("«{text}» ({value})")
                }
            })
            .collect();
        parts.push(format!(
            "the source has {} and the target has not",
            values.join(", ")
        ));
    }
    if !extra.is_empty() {
        let values: Vec<String> = extra.iter().map(|text| format!("«{text}»")).collect();
        parts.push(format!(
            "the target has {} and the source has not",
            values.join(", ")
        ));
    }
    let mut finding = Finding::new(index, FindingKind::NumberMismatch, parts.join("; "));
    finding.source_words = missing.join(" | ");
    finding.target_words = extra.join(" | ");
    findings.push(finding);
}

/// A value as people write it: no `.0`, no exponent, thousands grouped
/// from five digits on (years stay 2014).
fn format_value(value: f64) -> String {
    let text = format!("{value}");
    let (whole, fraction) = text.split_at(text.find('.').unwrap_or(text.len()));
    let digits = whole.trim_start_matches('-');
    let mut grouped = String::with_capacity(text.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && digits.len() > 4 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!(
        "{}{grouped}{fraction}",
        &whole[..whole.len() - digits.len()]
    )
}

fn check_question(index: usize, segment: &Pair, findings: &mut Vec<Finding>) {
    let asks = segment.source.contains(['؟', '?']);
    if asks && !segment.target.contains(['?', '؟']) {
        let mut finding = Finding::new(
            index,
            FindingKind::Punctuation,
            "the source asks a question («؟»), the target has no «?»".to_owned(),
        );
        finding.source_words = "؟".to_owned();
        findings.push(finding);
    }
}

/// The words of an English target, lower case, punctuation and hyphens
/// left out (U.S. = US): the key of "the same translation".
fn target_key(target: &str) -> String {
    target
        .split_whitespace()
        .map(|chunk| {
            chunk
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Segments grouped by `key`, in file order, for the translated ones.
fn groups(
    segments: &[Pair],
    translated: &[bool],
    key: impl Fn(&Pair) -> String,
) -> Vec<Vec<usize>> {
    let mut groups: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, segment) in segments.iter().enumerate() {
        if translated[index] {
            groups.entry(key(segment)).or_default().push(index);
        }
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    groups.sort();
    groups
}

/// The same source translated differently: the translation most segments
/// of the group use (the earliest on a tie) is the reference, every other
/// one is reported.
fn check_same_source(segments: &[Pair], translated: &[bool], findings: &mut Vec<Finding>) {
    for group in groups(segments, translated, |s| word_key(&s.source)) {
        let keys: Vec<String> = group
            .iter()
            .map(|&i| target_key(&segments[i].target))
            .collect();
        let count = |key: &String| keys.iter().filter(|k| *k == key).count();
        let Some(reference) = (0..keys.len()).max_by_key(|&i| (count(&keys[i]), usize::MAX - i))
        else {
            continue;
        };
        let reference_segment = &segments[group[reference]];
        for (position, &index) in group.iter().enumerate() {
            if keys[position] == keys[reference] {
                continue;
            }
            let mut finding = Finding::new(
                index,
                FindingKind::Inconsistent,
                format!(
                    "the same source is translated «{}» in segment {}",
                    reference_segment.target.trim(),
                    reference_segment.id
                ),
            );
            finding.target_words = segments[index].target.trim().to_owned();
            finding.expected = reference_segment.target.trim().to_owned();
            finding.other_segment = Some(group[reference]);
            findings.push(finding);
        }
    }
}

/// One translation given to sources that share less than half their words.
fn check_shared_target(segments: &[Pair], translated: &[bool], findings: &mut Vec<Finding>) {
    for group in groups(segments, translated, |s| target_key(&s.target)) {
        let first = group[0];
        if target_key(&segments[first].target).split(' ').count() < SHARED_TARGET_MIN_WORDS {
            continue;
        }
        let first_words = source_words(&segments[first].source);
        for &index in &group[1..] {
            let words = source_words(&segments[index].source);
            if dice(&first_words, &words) >= 0.5 {
                continue;
            }
            let mut finding = Finding::new(
                index,
                FindingKind::Inconsistent,
                format!(
                    "the same translation as segment {}, whose source is different: «{}»",
                    segments[first].id,
                    segments[first].source.trim()
                ),
            );
            finding.target_words = segments[index].target.trim().to_owned();
            finding.other_segment = Some(first);
            findings.push(finding);
        }
    }
}

/// The normalized words of a source, proclitics and article stripped.
fn source_words(source: &str) -> Vec<String> {
    let mut words: Vec<String> = fuzzy::tokens(&fuzzy::key(source))
        .into_iter()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .map(fuzzy::variant_class)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Dice coefficient of two sorted, deduplicated word lists.
fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a
        .iter()
        .filter(|word| b.binary_search(word).is_ok())
        .count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Each translated segment against the TM unit of the same normalized
/// source (one lookup per distinct source).
fn check_against_tm(
    segments: &[Pair],
    translated: &[bool],
    tm: &TranslationMemory,
    findings: &mut Vec<Finding>,
) -> Result<(), TmError> {
    let options = LookupOptions {
        min_score: 100,
        limit: 1,
        diff: false,
    };
    let mut known: HashMap<String, Option<String>> = HashMap::new();
    for (index, segment) in segments.iter().enumerate() {
        if !translated[index] {
            continue;
        }
        let key = fuzzy::key(&segment.source);
        let tm_target = match known.get(&key) {
            Some(target) => target.clone(),
            None => {
                let found = tm
                    .lookup(&segment.source, &options)?
                    .into_iter()
                    .next()
                    .map(|found| found.unit.target);
                known.insert(key, found.clone());
                found
            }
        };
        let Some(tm_target) = tm_target else {
            continue;
        };
        if target_key(&tm_target) == target_key(&segment.target) {
            continue;
        }
        let mut finding = Finding::new(
            index,
            FindingKind::Inconsistent,
            format!(
                "the translation memory translates this source «{}»",
                tm_target.trim()
            ),
        );
        finding.target_words = segment.target.trim().to_owned();
        finding.expected = tm_target.trim().to_owned();
        findings.push(finding);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Entry;

    fn glossary() -> Glossary {
        let mut glossary = Glossary::new();
        glossary.add(vec![
            Entry {
                ar: "حلف شمال الأطلسي".into(),
                en: "NATO".into(),
                long: Some("North Atlantic Treaty Organization".into()),
                variants: vec!["الناتو".into()],
                ..Entry::default()
            },
            Entry {
                ar: "كييف".into(),
                en: "Kyiv".into(),
                avoid: vec!["Kiev".into()],
                ..Entry::default()
            },
        ]);
        glossary
    }

    fn kinds(source: &str, target: &str) -> Vec<FindingKind> {
        check(&[Pair::new("1", source, target)], &glossary(), None)
            .unwrap()
            .into_iter()
            .map(|finding| finding.kind)
            .collect()
    }

    #[test]
    fn terms_behind_proclitics_and_in_long_form() {
        assert_eq!(kinds("وقال بالناتو", "He said to NATO's envoy"), []);
        assert_eq!(
            kinds(
                "وقال بالناتو",
                "He said to the North Atlantic Treaty Organization"
            ),
            []
        );
        assert_eq!(
            kinds("وقال بالناتو", "He said to the alliance"),
            [FindingKind::TermMissing]
        );
        assert_eq!(
            kinds("وصل إلى كييف", "He reached Kiev"),
            [FindingKind::TermAvoided]
        );
    }

    #[test]
    fn untranslated_targets() {
        assert_eq!(kinds("وصل إلى كييف", ""), [FindingKind::Untranslated]);
        assert_eq!(
            kinds("وصل إلى كييف", "وصل إلى كييف"),
            [FindingKind::Untranslated]
        );
        assert_eq!(
            kinds("وصل إلى كييف", "He reached كييف"),
            [FindingKind::Untranslated, FindingKind::TermMissing]
        );
        assert_eq!(kinds("COVID-19", "COVID-19"), []);
    }

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(format_value(300_000_000.0), "300,000,000");
        assert_eq!(format_value(2.5), "2.5");
        assert_eq!(format_value(12345.75), "12,345.75");
        assert_eq!(format_value(12.0), "12");
        assert_eq!(format_value(2014.0), "2014");
    }

    #[test]
    fn questions() {
        assert_eq!(kinds("هل وصل؟", "Did he arrive?"), []);
        assert_eq!(
            kinds("هل وصل؟", "Did he arrive."),
            [FindingKind::Punctuation]
        );
    }

    #[test]
    fn same_source_differently_and_same_target_for_other_sources() {
        let segments = [
            Pair::new("a", "بدأت المحادثات.", "The talks began."),
            Pair::new("b", "بدأت المحادثات", "the talks began"),
            Pair::new("c", "بدأت المحادثات.", "Negotiations started."),
            Pair::new(
                "d",
                "وصل الوفد الروسي إلى المدينة",
                "The Russian delegation arrived today",
            ),
            Pair::new(
                "e",
                "أعلنت الحكومة موازنة جديدة للعام",
                "The Russian delegation arrived today",
            ),
            Pair::new(
                "f",
                "وصل الوفد الروسي الى المدينة اليوم",
                "The Russian delegation arrived today",
            ),
        ];
        let findings = check(&segments, &glossary(), None).unwrap();
        let found: Vec<(usize, Option<usize>)> = findings
            .iter()
            .map(|f| (f.segment, f.other_segment))
            .collect();
        assert_eq!(found, [(2, Some(0)), (4, Some(3))]);
        assert!(findings.iter().all(|f| f.kind == FindingKind::Inconsistent));
    }

    proptest::proptest! {
        #[test]
        fn any_segment_checks_without_panic(
            source in "\\PC{0,30}|[ا-ي٠-٩؟?.,٫ ]{0,30}",
            target in "\\PC{0,30}|[a-zA-Z0-9?.,'’ -]{0,30}",
        ) {
            let segments = [Pair::new("1", &source, &target), Pair::new("2", &source, "x y z w")];
            let findings = check(&segments, &glossary(), None).unwrap();
            for finding in findings {
                proptest::prop_assert!(finding.segment < 2);
            }
        }
    }

    fn builtin() -> &'static (Glossary, Vec<Entry>) {
        static BUILTIN: std::sync::OnceLock<(Glossary, Vec<Entry>)> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| {
            let entries = crate::glossary::load::read_builtin().unwrap();
            let mut glossary = Glossary::new();
            glossary.add(entries.clone());
            (glossary, entries)
        })
    }

    /// The lower-case words of `text`, for a check that leans on nothing
    /// of the code under test.
    fn plain_words(text: &str) -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// True when `text` holds one of the entry's avoid forms, word for word.
    fn holds_an_avoid_form(text: &str, entry: &Entry) -> bool {
        let words = plain_words(text);
        entry.avoid.iter().any(|avoid| {
            let avoid = plain_words(avoid);
            !avoid.is_empty() && words.windows(avoid.len()).any(|window| window == avoid)
        })
    }

    fn avoided_findings(source: &str, target: &str) -> Vec<Finding> {
        let (glossary, _) = builtin();
        check(&[Pair::new("1", source, target)], glossary, None)
            .unwrap()
            .into_iter()
            .filter(|finding| finding.kind == FindingKind::TermAvoided)
            .collect()
    }

    #[test]
    fn the_issue_sentence_is_not_flagged() {
        assert_eq!(
            avoided_findings(
                "زار الرئيس أوكرانيا أمس.",
                "The president visited Ukraine yesterday."
            ),
            []
        );
        assert_eq!(
            avoided_findings(
                "زار الرئيس أوكرانيا أمس.",
                "The president visited the Ukraine yesterday."
            )
            .len(),
            1
        );
    }

    #[test]
    fn every_builtin_entry_rendered_as_its_english_is_not_avoided() {
        let (_, entries) = builtin();
        let frames = [
            "{}",
            "{} said on Monday.",
            "Officials from {} met.",
            "Talks with {}'s envoy.",
        ];
        for entry in entries {
            for rendering in renderings::accepted(&entry.en, entry.long.as_deref()) {
                for frame in frames {
                    let target = frame.replace("{}", rendering);
                    assert_eq!(
                        avoided_findings(&entry.ar, &target),
                        [],
                        "{} = {target}",
                        entry.ar
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        #[test]
        fn a_sentence_holding_an_entry_own_english_is_never_term_avoided(
            index in 0usize..100_000,
            alternative in 0usize..4,
            before in proptest::collection::vec(
                proptest::sample::select(vec!["the", "The", "said", "in", "of", "visited", "new", "a", "on", "Monday", "and", "talks", "with"]),
                0..4,
            ),
            after in proptest::collection::vec(
                proptest::sample::select(vec!["the", "said", "war", "crisis", "yesterday", "'s", ",", ".", "officials", "and", "minister"]),
                0..4,
            ),
        ) {
            let (_, entries) = builtin();
            let entry = &entries[index % entries.len()];
            let accepted = renderings::accepted(&entry.en, entry.long.as_deref());
            proptest::prop_assume!(!accepted.is_empty());
            let rendering = accepted[alternative % accepted.len()];
            let target = format!("{} {rendering} {}", before.join(" "), after.join(" "));
            proptest::prop_assume!(!holds_an_avoid_form(&target, entry));
            proptest::prop_assert_eq!(avoided_findings(&entry.ar, &target), []);
        }
    }

    #[test]
    fn alternatives_of_the_english_count_as_in_the_mt_warning() {
        let mut glossary = Glossary::new();
        glossary.add(vec![Entry {
            ar: "المفاوضات".into(),
            en: "negotiations; talks".into(),
            ..Entry::default()
        }]);
        let findings = |target: &str| {
            check(
                &[Pair::new("1", "بدأت المفاوضات.", target)],
                &glossary,
                None,
            )
            .unwrap()
        };
        assert_eq!(findings("The talks began."), []);
        assert_eq!(findings("Negotiations began."), []);
        let missing = findings("The meeting began.");
        assert_eq!(missing.len(), 1);
        assert_eq!(
            missing[0].message,
            "«المفاوضات» is «negotiations» or «talks» in the glossary; the target has neither"
        );
        let translator = crate::pipeline::Translator {
            glossary: Some(&glossary),
            ..crate::pipeline::Translator::default()
        };
        let terms = translator.sentences("a", "بدأت المفاوضات.").segments[0]
            .terms
            .clone();
        for target in [
            "The talks began.",
            "Negotiations began.",
            "The meeting began.",
        ] {
            assert_eq!(
                crate::mt::missing_renderings(target, &terms).is_empty(),
                findings(target).is_empty(),
                "{target}"
            );
        }
    }

    #[test]
    fn tsv_rows_keep_their_line_as_id() {
        let text = "\nقال\tHe said\n\nنعم\tYes";
        let segments = read_pairs("t.tsv", text, ExchangeFormat::Tsv).unwrap();
        let ids: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["2", "4"]);
    }
}
