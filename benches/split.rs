//! Sentence splitting throughput on a news article with every kind of
//! candidate boundary (abbreviations, numbers, quotations, lists, hard
//! wraps), repeated to about a megabyte.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use tarjama::text::segment::{Stretches, split};

fn article_text() -> String {
    let article = include_str!("../tests/fixtures/split-news.ar.txt");
    article.repeat((1 << 20) / article.len() + 1)
}

fn splitting(c: &mut Criterion) {
    let text = article_text();
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

criterion_group!(benches, splitting);
criterion_main!(benches);
