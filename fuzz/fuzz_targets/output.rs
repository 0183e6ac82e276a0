//! The output writers on any document: every format writes it; XLIFF and
//! TMX are well-formed XML that the exchange readers read back; TSV has one
//! row per segment; JSON parses.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use tarjama::document::{Document, Origin, Segment};
use tarjama::exchange::xliff::XliffVersion;
use tarjama::exchange::{ExchangeFormat, LanguagePair, Units, is_xml_char};
use tarjama::glossary::{Kind, TermUse};
use tarjama::output::{DocumentFormat, Options};
use tarjama::text::Span;

#[derive(Debug, Arbitrary)]
struct Input {
    name: String,
    segments: Vec<InputSegment>,
    copy_source: bool,
}

#[derive(Debug, Arbitrary)]
struct InputSegment {
    source: String,
    target: Option<String>,
    origin: u8,
    score: Option<u8>,
    terms: Vec<InputTerm>,
    warnings: Vec<String>,
}

#[derive(Debug, Arbitrary)]
struct InputTerm {
    start: u8,
    length: u8,
    surface: String,
    en: String,
    long: Option<String>,
    kind: u8,
    prefix: String,
}

const ORIGINS: [Origin; 4] = [Origin::TmExact, Origin::TmFuzzy, Origin::Mt, Origin::None];
const KINDS: [Kind; 5] = [
    Kind::Person,
    Kind::Org,
    Kind::Place,
    Kind::Title,
    Kind::Term,
];

fn document(input: Input) -> Document {
    let segments = input
        .segments
        .into_iter()
        .take(8)
        .enumerate()
        .map(|(index, s)| {
            let span = Span::whole(&s.source);
            let mut segment = Segment::untranslated(index + 1, s.source, span);
            segment.target = s.target;
            segment.origin = ORIGINS[usize::from(s.origin) % ORIGINS.len()];
            segment.score = s.score;
            segment.terms = s
                .terms
                .into_iter()
                .take(4)
                .map(|term| TermUse {
                    span: Span {
                        bytes: usize::from(term.start)
                            ..usize::from(term.start) + usize::from(term.length),
                        chars: usize::from(term.start)
                            ..usize::from(term.start) + usize::from(term.length),
                    },
                    entry: term.surface.clone(),
                    surface: term.surface,
                    en: term.en,
                    long: term.long,
                    kind: KINDS[usize::from(term.kind) % KINDS.len()],
                    prefix: term.prefix,
                })
                .collect();
            segment.warnings = s.warnings;
            segment
        })
        .collect();
    Document {
        name: input.name,
        segments,
    }
}

/// Parses `xml` to its end: it must be well-formed.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(err) => panic!("malformed XML ({err}): {xml}"),
        }
    }
    assert_eq!(depth, 0, "unclosed elements: {xml}");
}

fn read_back(text: &str, format: ExchangeFormat) -> Vec<(String, String)> {
    Units::new("fuzz", text, format, &LanguagePair::default())
        .map(|unit| unit.map(|unit| (unit.source, unit.target)))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|err| panic!("{err}: {text}"))
}

/// What XML 1.0 can carry of `text`.
fn xml_representable(text: &str) -> String {
    text.chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

fuzz_target!(|input: Input| {
    let copy_source = input.copy_source;
    let document = document(input);
    for &format in DocumentFormat::ALL {
        for xliff_version in [XliffVersion::V1_2, XliffVersion::V2_0] {
            if format != DocumentFormat::Xliff && xliff_version == XliffVersion::V2_0 {
                continue;
            }
            let options = Options {
                xliff_version,
                xliff_copy_source: copy_source,
            };
            let mut out = Vec::new();
            format
                .write(&document, &options, &mut out)
                .expect("written");
            let text = String::from_utf8(out).expect("UTF-8 output");
            match format {
                DocumentFormat::Tsv => {
                    let rows = text.matches('\n').count();
                    assert_eq!(rows, document.segments.len() + 1, "{text}");
                    assert_eq!(
                        read_back(&text, ExchangeFormat::Tsv).len(),
                        document.segments.len()
                    );
                }
                DocumentFormat::Xliff => {
                    assert_well_formed(&text);
                    let units = read_back(&text, ExchangeFormat::Xliff);
                    assert!(units.len() <= document.segments.len());
                }
                DocumentFormat::Tmx => {
                    assert_well_formed(&text);
                    let written: Vec<(String, String)> = document
                        .segments
                        .iter()
                        .filter_map(|s| {
                            Some((
                                xml_representable(&s.source),
                                xml_representable(s.target.as_deref()?),
                            ))
                        })
                        .collect();
                    assert_eq!(read_back(&text, ExchangeFormat::Tmx), written);
                }
                DocumentFormat::Json => {
                    let _: serde_json::Value = serde_json::from_str(&text).expect("JSON");
                }
                DocumentFormat::Markdown | DocumentFormat::Html => {}
            }
        }
    }
});
