//! Glossary scale: loading (TSV parse + compile, and from the cache) and
//! matching throughput, with 200k and 1M entries.
//!
//! With `../shared/bench-data` beside the project (or wherever
//! `TARJAMA_BENCH_DATA` points, for a checkout elsewhere), the 200k glossary is
//! `termlists/combined.tsv`, the 1M one adds 800k two-word entries made of
//! pairs of its rows, and the text is ANERcorp repeated to 10 MB. Without
//! it, synthetic Arabic-like data of the same sizes is used. Run as a test
//! (`cargo test --benches`), everything is small.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tarjama::glossary::{Glossary, cache, tsv};

/// Real sizes under `cargo bench`, tiny ones under `cargo test`.
fn full_size() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

fn shared(path: &str) -> Option<String> {
    let data = std::env::var_os("TARJAMA_BENCH_DATA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench-data"),
        PathBuf::from,
    );
    std::fs::read_to_string(data.join(path)).ok()
}

/// A deterministic stream of numbers (no `rand` needed for this).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn synthetic_word(rng: &mut Lcg) -> String {
    const LETTERS: [char; 28] = [
        'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
        'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
    ];
    let len = 3 + rng.below(5);
    (0..len)
        .map(|_| LETTERS[rng.below(LETTERS.len())])
        .collect()
}

/// The 200k-row term list as TSV text.
fn base_tsv(rows: usize) -> String {
    if full_size()
        && let Some(tsv) = shared("termlists/combined.tsv")
    {
        return tsv;
    }
    let mut rng = Lcg(7);
    (0..rows)
        .map(|n| format!("{}\tterm {n}\tperson\n", synthetic_word(&mut rng)))
        .collect()
}

/// `base` plus two-word entries made of pairs of its rows, up to `rows`.
fn grown_tsv(base: &str, rows: usize) -> String {
    let lines: Vec<Vec<&str>> = base
        .lines()
        .map(|line| line.split('\t').collect())
        .collect();
    let mut out = base.to_owned();
    let mut rng = Lcg(11);
    for _ in lines.len()..rows {
        let (a, b) = (
            &lines[rng.below(lines.len())],
            &lines[rng.below(lines.len())],
        );
        out.push_str(&format!(
            "{} {}\t{} {}\t{}\n",
            a[0],
            b[0],
            a[1],
            b[1],
            a.get(2).unwrap_or(&"")
        ));
    }
    out
}

/// At least `bytes` of Arabic news text.
fn text(bytes: usize, glossary_tsv: &str) -> String {
    let body = shared("glossary-matching/anercorp/sentences.jsonl")
        .filter(|_| full_size())
        .map(|jsonl| {
            jsonl
                .lines()
                .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
                .filter_map(|record| record["text"].as_str().map(str::to_owned))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_else(|| {
            // Glossary words with proclitics, between filler words.
            let keys: Vec<&str> = glossary_tsv
                .lines()
                .filter_map(|l| l.split('\t').next())
                .collect();
            let mut rng = Lcg(3);
            (0..20_000)
                .map(|n| match n % 3 {
                    0 => format!("و{}", keys[rng.below(keys.len())]),
                    1 => keys[rng.below(keys.len())].to_owned(),
                    _ => synthetic_word(&mut rng),
                })
                .collect::<Vec<_>>()
                .join(" ")
        });
    let mut text = String::with_capacity(bytes + body.len());
    while text.len() < bytes {
        text.push_str(&body);
        text.push('\n');
    }
    text
}

/// What `tarjama terms -g FILE.tsv` does on a cold start, the file read.
fn compile(text: &str) -> Glossary {
    let mut glossary = Glossary::new();
    let table = tsv::read_table("bench.tsv", text.to_owned()).expect("bench glossary parses");
    glossary.add_table(table);
    glossary.matcher();
    glossary
}

fn scale(c: &mut Criterion) {
    let (small, large, text_bytes) = if full_size() {
        (200_000, 1_000_000, 10_000_000)
    } else {
        (2_000, 5_000, 100_000)
    };
    let base = base_tsv(small);
    let grown = grown_tsv(&base, large);
    let text = text(text_bytes, &base);
    let dir = tempfile::tempdir().expect("temporary directory");
    for (name, tsv) in [("200k", &base), ("1m", &grown)] {
        let mut group = c.benchmark_group(format!("glossary-{name}"));
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if full_size() { 20 } else { 1 }));
        group.bench_function("load-tsv-and-compile", |b| {
            b.iter(|| black_box(compile(tsv)))
        });
        let glossary = compile(tsv);
        let cached = dir.path().join(format!("{name}.bin"));
        cache::save(&glossary, &[], &cached).expect("write the cache");
        group.bench_function("load-cache", |b| {
            b.iter(|| black_box(cache::open(&cached).expect("cache reads")))
        });
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("match", |b| b.iter(|| black_box(glossary.find(&text))));
        group.finish();
    }
}

criterion_group!(benches, scale);
criterion_main!(benches);
