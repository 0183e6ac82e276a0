//! The matcher: hits are ordered, disjoint and on character boundaries of
//! the original text, and each hit's surface after its proclitics reads as
//! one of its entry's forms once normalized (ل of لل standing for ال).

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tarjama::glossary::{Entry, Glossary};
use tarjama::text::normalize_str;
use tarjama::text::tokenize::word_key;

#[derive(Debug, Arbitrary)]
struct Input {
    /// Each entry: its key and variants, drawn from a small alphabet so that
    /// forms and text meet.
    entries: Vec<(Vec<u8>, Vec<Vec<u8>>)>,
    text: Vec<u8>,
}

/// Arabic letters (clitic letters, alef forms, ى and ي), marks, spaces,
/// hyphens and punctuation: bytes pick from these.
const ALPHABET: &[char] = &[
    'و', 'ف', 'ب', 'ك', 'ل', 'ا', 'أ', 'إ', 'ى', 'ي', 'ع', 'ه', 'ة', 'م', 'ن', 'ر', ' ', ' ', '-',
    '\n', '\u{064E}', '\u{0640}', '\u{200F}', '\u{200C}', '،', '.', '3', 'ﻻ', 'ﷺ', 'ی', '٣', 'a',
];

/// The proclitics a hit may start with, normalized: و or ف, then ب, ك or ل.
const PROCLITICS: &[&str] = &[
    "", "و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل",
];

fn spell(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| ALPHABET[usize::from(b) % ALPHABET.len()])
        .collect()
}

fn words(text: &str) -> Vec<String> {
    word_key(text)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

fuzz_target!(|input: Input| {
    let entries: Vec<Entry> = input
        .entries
        .iter()
        .take(16)
        .map(|(ar, variants)| Entry {
            ar: spell(ar),
            en: "x".into(),
            variants: variants.iter().take(3).map(|v| spell(v)).collect(),
            ..Entry::default()
        })
        .collect();
    let text = spell(&input.text);
    let mut glossary = Glossary::new();
    glossary.add(entries);
    let hits = glossary.find(&text);
    let mut previous_end = 0;
    for hit in &hits {
        assert!(hit.start >= previous_end && hit.start < hit.end && hit.end <= text.len());
        previous_end = hit.end;
        let rest = hit.start + hit.prefix_len;
        assert!(rest <= hit.end);
        for at in [hit.start, rest, hit.end] {
            assert!(text.is_char_boundary(at));
        }
        // The whole hit, proclitics included, reads as proclitics + a form.
        // (Checked on the whole hit: a ligature such as ﻻ can hold the
        // proclitic ل and the entry's first letter in one character, and
        // the prefix then takes the whole character.)
        let found = words(&text[hit.start..hit.end]);
        let prefix = normalize_str(&text[hit.start..rest]);
        let entry = glossary.entry(hit.entry);
        let reads_as = |form: &str| {
            let form = words(form);
            if form.len() != found.len() || form[1..] != found[1..] {
                return false;
            }
            PROCLITICS.iter().any(|&clitics| {
                let first = &found[0];
                let Some(stem) = first.strip_prefix(clitics) else {
                    return false;
                };
                // ل + ال is written لل: the stem lacks the article's alef.
                let contracted = clitics.ends_with('ل')
                    && stem.starts_with('ل')
                    && form[0].strip_prefix('ا') == Some(stem);
                (stem == form[0] || contracted)
                    && prefix.starts_with(clitics)
                    && prefix.is_empty() == clitics.is_empty()
            })
        };
        assert!(
            entry.forms().any(reads_as),
            "{:?} (prefix {:?}) is not a form of {:?} {:?}",
            &text[hit.start..hit.end],
            &text[hit.start..rest],
            entry.ar,
            entry.variants
        );
    }
    let uses = glossary.term_uses(&text);
    assert_eq!(uses.len(), hits.len());
});
