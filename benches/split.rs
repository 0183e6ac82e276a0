//! Sentence splitting throughput on a news article with every kind of
//! candidate boundary (abbreviations, numbers, quotations, lists, hard
//! wraps), repeated to about a megabyte; and on 16 MB of it beside the
//! Unicode (UAX #29) sentence splitter, the speed target's yardstick.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tarjama::text::segment::{Stretches, split};
use unicode_segmentation::UnicodeSegmentation;

/// The article repeated to at least `bytes` bytes.
fn article_text(bytes: usize) -> String {
    let article = include_str!("../tests/fixtures/split-news.ar.txt");
    article.repeat(bytes / article.len() + 1)
}

fn splitting(c: &mut Criterion) {
    let text = article_text(1 << 20);
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("whole text", |b| b.iter(|| split(black_box(&text)).len()));
    group.bench_function("in 64 KiB pieces", |b| {
        b.iter(|| {
            let mut stretches = Stretches::new();
            let mut count = 0;
            let mut each = |stretch: &str| -> Result<(), ()> {
                count += split(stretch).len();
                Ok(())
            };
            let text = black_box(&text);
            let mut start = 0;
            while start < text.len() {
                let mut end = (start + (64 << 10)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                stretches.push(&text[start..end], &mut each).ok();
                start = end;
            }
            stretches.finish(&mut each).ok();
            count
        })
    });
    group.finish();
}

/// The same 16 MB through both splitters: the target is at least twice
/// the speed of UAX #29.
fn against_uax29(c: &mut Criterion) {
    let text = article_text(16 << 20);
    let mut group = c.benchmark_group("split 16 MB");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tarjama", |b| b.iter(|| split(black_box(&text)).len()));
    group.bench_function("UAX #29 (unicode-segmentation)", |b| {
        b.iter(|| black_box(&text).split_sentence_bounds().count())
    });
    group.finish();
}

criterion_group!(benches, splitting, against_uax29);
criterion_main!(benches);
