//! Term-list lookup: fuzzy suggestions against the built-in glossary, the
//! bigram-filtered search against a full scan (every form compared with
//! strsim), and whole answers (glossary, then suggestions).
//!
//! With `../shared/bench-data` beside the project, the terms are the first
//! 10,000 distinct Arabic keys of `termlists/combined.tsv`; without it,
//! synthetic Arabic-like words. Run as a test (`cargo test --benches`),
//! everything is small.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use tarjama::glossary::{Glossary, load};
use tarjama::lookup::{Lookup, Options, Suggester};
use tarjama::text::normalize_str;

fn full_size() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// Distinct Arabic terms, `count` of them.
fn terms(count: usize) -> Vec<String> {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench-data/termlists/combined.tsv");
    if full_size()
        && let Ok(text) = std::fs::read_to_string(shared)
    {
        let mut seen = std::collections::HashSet::new();
        return text
            .lines()
            .filter_map(|line| line.split('\t').next())
            .filter(|term| seen.insert(term.to_owned()))
            .take(count)
            .map(str::to_owned)
            .collect();
    }
    const LETTERS: [char; 16] = [
        'ا', 'ب', 'ت', 'ر', 'س', 'ف', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي', 'ة', 'د', 'ع',
    ];
    let mut state: u64 = 7;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    (0..count)
        .map(|_| {
            (0..3 + next(6))
                .map(|_| LETTERS[next(LETTERS.len())])
                .collect()
        })
        .collect()
}

fn builtin() -> Glossary {
    let mut glossary = Glossary::new();
    glossary.add(load::read_builtin().expect("the built-in glossary loads"));
    glossary
}

/// The baseline: every form of every entry compared with the term.
fn full_scan(forms: &[Vec<char>], term: &str, min_score: usize) -> usize {
    let query: Vec<char> = normalize_str(term).chars().collect();
    forms
        .iter()
        .filter(|form| {
            let longest = form.len().max(query.len()).max(1);
            let distance = strsim::generic_levenshtein(&query, *form);
            100 * (longest - distance) / longest >= min_score
        })
        .count()
}

fn suggestions(c: &mut Criterion) {
    let terms = terms(if full_size() { 10_000 } else { 200 });
    let glossary = builtin();
    let options = Options::default();
    let forms: Vec<Vec<char>> = glossary
        .entries()
        .iter()
        .flat_map(tarjama::glossary::Entry::forms)
        .map(|form| normalize_str(form).chars().collect())
        .collect();
    let mut group = c.benchmark_group("lookup-builtin");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(if full_size() { 10 } else { 1 }))
        .throughput(Throughput::Elements(terms.len() as u64));
    let mut suggester = Suggester::new(&glossary, options);
    group.bench_function("suggest-bigram-filter", |b| {
        b.iter(|| {
            for term in &terms {
                black_box(suggester.suggest(term));
            }
        })
    });
    group.bench_function("suggest-full-scan", |b| {
        b.iter(|| {
            for term in &terms {
                black_box(full_scan(&forms, term, usize::from(options.min_score)));
            }
        })
    });
    group.bench_function("answer", |b| {
        b.iter(|| {
            let mut lookup = Lookup::new(&glossary, None, options);
            for term in &terms {
                black_box(lookup.answer(term).expect("no TM, no error"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, suggestions);
criterion_main!(benches);
