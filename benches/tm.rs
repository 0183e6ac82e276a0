//! Translation-memory benchmarks: import, index build and lookup on a
//! synthetic TM. Sentences are drawn from a hand-written list of Arabic
//! stems with proclitics and suffixes (a few thousand word forms, common ones
//! far more often than rare ones, as in real text). The shared benchmark at
//! full size is run with `tarjama tm lookup`, see README.md.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use tarjama::exchange::TranslationUnit;
use tarjama::tm::{ImportOptions, LookupOptions, OpenMode, TranslationMemory};

const WORDS: &[&str] = &[
    "قال",
    "الوزير",
    "إن",
    "المحادثات",
    "في",
    "جنيف",
    "كانت",
    "صعبة",
    "وأضاف",
    "أن",
    "الوفد",
    "سيعود",
    "إلى",
    "العاصمة",
    "بعد",
    "يومين",
    "من",
    "الاجتماعات",
    "مع",
    "ممثلي",
    "الأمم",
    "المتحدة",
    "وأعلنت",
    "وزارة",
    "الصحة",
    "تسجيل",
    "إصابات",
    "جديدة",
    "خلال",
    "الأسبوع",
    "الماضي",
    "ودعت",
    "اللجنة",
    "الأطراف",
    "كلها",
    "وقف",
    "إطلاق",
    "النار",
    "فورا",
    "وتبادل",
    "الأسرى",
    "وارتفعت",
    "أسعار",
    "القمح",
    "والوقود",
    "بنسبة",
    "كبيرة",
    "هذا",
    "العام",
    "بسبب",
    "الجفاف",
    "وتأخر",
    "الشحنات",
    "البحرية",
    "عبر",
    "الموانئ",
    "الجنوبية",
    "وأكد",
    "المتحدث",
    "باسم",
    "الحكومة",
    "استمرار",
    "الجهود",
    "الدبلوماسية",
    "لإنهاء",
    "الأزمة",
    "الحالية",
    "والتوصل",
    "اتفاق",
    "شامل",
    "يضمن",
    "عودة",
    "النازحين",
    "منازلهم",
    "قبل",
    "فصل",
    "الشتاء",
    "المقبل",
    "وشارك",
    "الاجتماع",
    "مسؤولون",
    "البنك",
    "الدولي",
    "وصندوق",
    "النقد",
    "لمناقشة",
    "خطة",
    "إعادة",
    "الإعمار",
];

/// A deterministic stream of pseudo-random numbers (xorshift).
struct Draw(u64);

impl Draw {
    fn next(&mut self, below: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % below as u64).expect("below a usize")
    }
}

const PREFIXES: &[&str] = &["", "", "", "و", "ب", "ل", "ف"];
const SUFFIXES: &[&str] = &["", "", "", "ها", "هم", "ات", "ين"];

impl Draw {
    /// An index below `below`, small ones far more often (roughly Zipf).
    fn skewed(&mut self, below: usize) -> usize {
        let limit = self.next(below) + 1;
        self.next(limit)
    }

    fn word(&mut self) -> String {
        let stem = WORDS[self.skewed(WORDS.len())];
        let prefix = PREFIXES[self.next(PREFIXES.len())];
        let suffix = SUFFIXES[self.skewed(SUFFIXES.len())];
        format!("{prefix}{stem}{suffix}")
    }
}

fn sentence(draw: &mut Draw) -> String {
    let length = 8 + draw.next(18);
    let mut words: Vec<String> = (0..length).map(|_| draw.word()).collect();
    let at = draw.next(length);
    words[at] = (draw.next(2000) + 1).to_string();
    words.join(" ") + "."
}

fn units(count: usize, seed: u64) -> Vec<TranslationUnit> {
    let mut draw = Draw(seed);
    (0..count)
        .map(|at| TranslationUnit {
            source: sentence(&mut draw),
            target: format!("English sentence number {at}."),
            ..TranslationUnit::default()
        })
        .collect()
}

/// `query` with `edits` words replaced.
fn edited(query: &str, edits: usize, draw: &mut Draw) -> String {
    let mut words: Vec<String> = query.split(' ').map(str::to_owned).collect();
    for _ in 0..edits {
        let at = draw.next(words.len());
        words[at] = draw.word();
    }
    words.join(" ")
}

fn import(c: &mut Criterion) {
    let batch = units(5_000, 7);
    let mut group = c.benchmark_group("tm import");
    group.sample_size(10);
    group.bench_function("5k units into an empty TM", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("temporary directory"),
            |dir| {
                let mut tm =
                    TranslationMemory::open(dir.path().join("tm.sqlite"), OpenMode::Create)
                        .expect("create");
                let mut units = batch.iter().cloned().map(Ok);
                black_box(
                    tm.import(&mut units, &ImportOptions::default())
                        .expect("import"),
                )
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("tm.sqlite");
    let stored = units(50_000, 11);
    let mut tm = TranslationMemory::open(&path, OpenMode::Create).expect("create");
    tm.import(
        &mut stored.iter().cloned().map(Ok),
        &ImportOptions::default(),
    )
    .expect("import");

    let mut group = c.benchmark_group("tm lookup (50k units)");
    group.sample_size(10);
    group.bench_function("open and build the index", |b| {
        b.iter(|| {
            let tm = TranslationMemory::open(&path, OpenMode::ReadOnly).expect("open");
            black_box(tm.lookup("قال", &LookupOptions::default()).expect("lookup"))
        });
    });
    group.sample_size(50);

    let tm = TranslationMemory::open(&path, OpenMode::ReadOnly).expect("open");
    let mut draw = Draw(13);
    let picks: Vec<&str> = (0..64)
        .map(|_| stored[draw.next(stored.len())].source.as_str())
        .collect();
    let fuzzy: Vec<String> = picks.iter().map(|q| edited(q, 2, &mut draw)).collect();
    let fresh: Vec<String> = (0..64).map(|_| sentence(&mut draw)).collect();
    let options = LookupOptions::default();
    for (name, queries) in [
        (
            "exact",
            picks
                .iter()
                .map(std::string::ToString::to_string)
                .collect::<Vec<_>>(),
        ),
        ("two words changed", fuzzy),
        ("a new sentence", fresh),
    ] {
        group.bench_function(format!("64 queries: {name}"), |b| {
            b.iter(|| {
                for query in &queries {
                    black_box(tm.lookup(query, &options).expect("lookup"));
                }
            });
        });
    }
    group.finish();
}

criterion_group!(benches, import, lookup);
criterion_main!(benches);
