//! `check`: any bytes, read as TSV, XLIFF or TMX (the first byte chooses),
//! are refused with an error or checked; every finding names a segment that
//! was read, and every report format writes (JSON that parses).

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tarjama::exchange::{ExchangeFormat, decode};
use tarjama::glossary::Glossary;
use tarjama::glossary::load::{GlossaryFormat, parse};
use tarjama::output::qa::Report;
use tarjama::qa::{check, read_pairs};

/// The project's check fixture glossary: entries with variants, `long` and
/// `avoid`, so that every kind of finding can be reached.
fn glossary() -> &'static Glossary {
    static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
    GLOSSARY.get_or_init(|| {
        let yaml = include_str!("../../tests/fixtures/check/glossary.yaml");
        let mut glossary = Glossary::new();
        glossary.add(parse("check.yaml", yaml, GlossaryFormat::Yaml).expect("fixture glossary"));
        glossary
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&choice, rest)) = bytes.split_first() else {
        return;
    };
    let format = [
        ExchangeFormat::Tsv,
        ExchangeFormat::Xliff,
        ExchangeFormat::Tmx,
    ][usize::from(choice) % 3];
    let Ok(text) = decode("fuzz", rest.to_vec()) else {
        return;
    };
    let Ok(segments) = read_pairs("fuzz", &text, format) else {
        return;
    };
    let findings = check(&segments, glossary(), None).expect("no TM, no TM error");
    for finding in &findings {
        assert!(finding.segment < segments.len());
    }
    let report = Report {
        file: "fuzz",
        segments: &segments,
        findings: &findings,
    };
    let mut out = Vec::new();
    report.write_text(&mut out).expect("text report");
    report.write_tsv(&mut out).expect("TSV report");
    out.clear();
    report.write_json(&mut out).expect("JSON report");
    serde_json::from_slice::<serde_json::Value>(&out).expect("the JSON report parses");
});
