//! Speed of the extractive summary.
//!
//! - `articles`: 102 news-sized articles (15 sentences each) built from the
//!   test fixtures, summarized in one process, the size of the EASC
//!   development split;
//! - `scaling/N`: one text of N sentences, to check that the cost grows
//!   linearly (the similarity graph is windowed);
//! - `corpus`: only when `TARJAMA_SUMMARY_CORPUS` names a JSON-lines file
//!   with a `"text"` field per line (such as the EASC benchmark file):
//!   every article of it, summarized at a 120-word budget. The data is read
//!   at run time and never part of the project.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tarjama::summary::{Budget, Ranking, Weights};

const FIXTURES: [&str; 4] = [
    include_str!("../tests/fixtures/summary/desalination.ar.txt"),
    include_str!("../tests/fixtures/summary/headlines.ar.txt"),
    include_str!("../tests/fixtures/summary/one-sentence.ar.txt"),
    include_str!("../tests/fixtures/summary/latin.txt"),
];

/// The fixture sentences, one per line.
fn fixture_sentences() -> Vec<&'static str> {
    FIXTURES
        .iter()
        .flat_map(|text| text.lines())
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect()
}

/// A text of `count` sentences: the fixture sentences in a rotating order,
/// each with a number so no two sentences are the same, in paragraphs of
/// five.
fn text_of(count: usize, seed: usize) -> String {
    let sentences = fixture_sentences();
    let mut text = String::new();
    for index in 0..count {
        let sentence = sentences[(index * 7 + seed * 3) % sentences.len()];
        let sentence = sentence.trim_end_matches(['.', '؟', '!']);
        text.push_str(&format!("{sentence} {}.", index + seed));
        text.push_str(if index % 5 == 4 { "\n\n" } else { "\n" });
    }
    text
}

fn summarize(text: &str, budget: Budget) -> usize {
    Ranking::new(text, &Weights::default()).select(budget).len()
}

/// Summarizes every article at a 120-word budget, as the EASC benchmark
/// asks (its mean budget is 118 words).
fn summarize_all(articles: &[String]) -> usize {
    articles
        .iter()
        .map(|text| summarize(black_box(text), Budget::Words(120)))
        .sum()
}

fn articles(c: &mut Criterion) {
    let articles: Vec<String> = (0..102).map(|seed| text_of(15, seed)).collect();
    let bytes: usize = articles.iter().map(String::len).sum();
    let mut group = c.benchmark_group("summary");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("articles/102x15", |b| b.iter(|| summarize_all(&articles)));
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut group = c.benchmark_group("summary/scaling");
    group.sample_size(10);
    for count in [1_000, 10_000] {
        let text = text_of(count, 0);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(count.to_string(), |b| {
            b.iter(|| summarize(black_box(&text), Budget::Default))
        });
    }
    group.finish();
}

fn corpus(c: &mut Criterion) {
    let Some(path) = std::env::var_os("TARJAMA_SUMMARY_CORPUS") else {
        return;
    };
    let data = std::fs::read_to_string(&path).expect("TARJAMA_SUMMARY_CORPUS is readable");
    let articles: Vec<String> = data
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            record["text"]
                .as_str()
                .expect("a \"text\" field")
                .to_owned()
        })
        .collect();
    let mut group = c.benchmark_group("summary");
    group.bench_function(format!("corpus/{}", articles.len()), |b| {
        b.iter(|| summarize_all(&articles))
    });
    group.finish();
}

criterion_group!(benches, articles, scaling, corpus);
criterion_main!(benches);
