//! The matcher: hits are ordered, disjoint and on character boundaries of
//! the original text, and each hit's surface after its proclitics reads as
//! one of its entry's forms once normalized (ل of لل standing for ال).

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tarjama::glossary::{Entry, Glossary};
use tarjama::text::tokenize::NormalizedWords;

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

fn spell(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| ALPHABET[usize::from(b) % ALPHABET.len()])
        .collect()
}

fn words(text: &str) -> Vec<String> {
    let mut scanner = NormalizedWords::new(text);
    let mut out = Vec::new();
    while let Some((_, word)) = scanner.next_word() {
        if !word.is_empty() {
            out.push(word.to_owned());
        }
    }
    out
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
        let found = words(&text[rest..hit.end]);
        let entry = glossary.entry(hit.entry);
        let reads_as = |form: &str| {
            let form = words(form);
            if form == found {
                return true;
            }
            // ل + ال is written لل: the surface lacks the article's alef.
            hit.prefix_len > 0
                && form.len() == found.len()
                && form[1..] == found[1..]
                && form[0].strip_prefix('ا') == Some(found[0].as_str())
                && found[0].starts_with('ل')
        };
        assert!(
            entry.forms().any(reads_as),
            "{:?} (after {:?}) is not a form of {:?} {:?}",
            &text[rest..hit.end],
            &text[hit.start..rest],
            entry.ar,
            entry.variants
        );
    }
    let uses = glossary.term_uses(&text);
    assert_eq!(uses.len(), hits.len());
});
