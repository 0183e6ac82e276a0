//! The output writers on one aligned fixture document: snapshots of every
//! format, and what each promises whatever the input (escaping, one TSV line
//! per segment, well-formed XML).

use proptest::prelude::*;
use quick_xml::events::Event;
use tarjama::document::{Document, Origin, Segment};
use tarjama::exchange::tsv;
use tarjama::exchange::xliff::XliffVersion;
use tarjama::exchange::{ExchangeFormat, LanguagePair, Units, is_xml_char};
use tarjama::glossary::{Kind, TermUse};
use tarjama::output::{DocumentFormat, Options};
use tarjama::text::{CharOffsets, Span};

const ARTICLE: &str = include_str!("fixtures/translate/water-talks.ar.txt");

/// A hostile sentence: markup, an ampersand, quotes, a tab, a line break and
/// a right-to-left override that is closed only later.
const HOSTILE_SOURCE: &str =
    "قال المصدر: <script>alert(\"x\")</script> & 'نعم'\tثم\nسطر \u{202E}مقلوب\u{202C} نهاية.";
const HOSTILE_TARGET: &str =
    "=HYPERLINK(\"http://x\") <b>bold</b> & \"quoted\"\tTAB\nline \u{202E}reversed";

/// A glossary hit on the first occurrence of `surface` in `source`.
fn hit(source: &str, surface: &str, entry: &str, en: &str, kind: Kind, prefix: &str) -> TermUse {
    let byte = source.find(surface).expect("surface in source");
    TermUse {
        span: CharOffsets::new(source).span(byte..byte + surface.len()),
        surface: surface.to_owned(),
        entry: entry.to_owned(),
        en: en.to_owned(),
        long: None,
        kind,
        prefix: prefix.to_owned(),
    }
}

fn translate(
    segment: &mut Segment,
    origin: Origin,
    score: Option<u8>,
    unit: Option<i64>,
    target: &str,
) {
    segment.origin = origin;
    segment.score = score;
    segment.tm_unit = unit;
    segment.target = Some(target.to_owned());
}

/// The fixture article with every kind of row: exact, fuzzy, machine
/// translated, untranslated, term hits (one behind the proclitic لل), a
/// warning, and a hostile sentence at the end.
fn fixture() -> Document {
    let mut document = Document::from_text("water-talks.ar.txt", ARTICLE);
    let s = &mut document.segments;
    assert_eq!(s.len(), 7, "the fixture article splits into 7 sentences");

    let geneva = |source: &str| hit(source, "جنيف", "جنيف", "Geneva", Kind::Place, "");
    let haddad = |source: &str, surface: &str| {
        hit(
            source,
            surface,
            "سامي الحداد",
            "Sami al-Haddad",
            Kind::Person,
            "",
        )
    };
    let un = |source: &str, surface: &str, prefix: &str| {
        hit(
            source,
            surface,
            "الأمم المتحدة",
            "United Nations",
            Kind::Org,
            prefix,
        )
    };

    translate(
        &mut s[0],
        Origin::TmExact,
        Some(100),
        Some(17),
        "Water talks in Geneva",
    );
    s[0].terms = vec![geneva(&s[0].source)];

    translate(
        &mut s[1],
        Origin::TmFuzzy,
        Some(86),
        Some(42),
        "Water Minister Sami al-Haddad arrived in Geneva on Monday morning for a new round of talks on the shared rivers.",
    );
    s[1].terms = vec![
        hit(
            &s[1].source,
            "وزير المياه",
            "وزير المياه",
            "Minister of Water",
            Kind::Title,
            "",
        ),
        haddad(&s[1].source, "سامي الحداد"),
        geneva(&s[1].source),
    ];

    translate(
        &mut s[2],
        Origin::Mt,
        None,
        None,
        "Al-Haddad told reporters that the UN can play a bigger role in managing water resources.",
    );
    s[2].terms = vec![
        haddad(&s[2].source, "الحداد"),
        un(&s[2].source, "الأمم المتحدة", ""),
    ];
    s[2].warnings = vec![
        "the English lacks the glossary rendering \"United Nations\" of الأمم المتحدة".to_owned(),
    ];

    s[3].terms = vec![hit(
        &s[3].source,
        "محطات الضخ",
        "محطات الضخ",
        "pumping stations",
        Kind::Term,
        "",
    )];
    s[4].terms = vec![hit(
        &s[4].source,
        "البنك الدولي",
        "البنك الدولي",
        "World Bank",
        Kind::Org,
        "",
    )];
    s[5].terms = vec![
        haddad(&s[5].source, "الحداد"),
        un(&s[5].source, "للأمم المتحدة", "لل"),
    ];

    let end = s[6].span.clone();
    let mut hostile = Segment::untranslated(
        8,
        HOSTILE_SOURCE,
        Span {
            bytes: end.bytes.end + 1..end.bytes.end + 1 + HOSTILE_SOURCE.len(),
            chars: end.chars.end + 1..end.chars.end + 1 + HOSTILE_SOURCE.chars().count(),
        },
    );
    translate(
        &mut hostile,
        Origin::TmFuzzy,
        Some(75),
        Some(7),
        HOSTILE_TARGET,
    );
    hostile.terms = vec![hit(
        HOSTILE_SOURCE,
        "المصدر",
        "المصدر",
        "\"the source\" <anonymous> & co",
        Kind::Term,
        "",
    )];
    hostile.warnings = vec!["<i>unclosed & \u{202E}override".to_owned()];
    s.push(hostile);
    document
}

fn render(format: DocumentFormat, options: &Options) -> String {
    let mut out = Vec::new();
    format
        .write(&fixture(), options, &mut out)
        .expect("write to memory");
    String::from_utf8(out).expect("UTF-8 output")
}

fn xliff(version: XliffVersion, copy_source: bool) -> String {
    let options = Options {
        xliff_version: version,
        xliff_copy_source: copy_source,
    };
    render(DocumentFormat::Xliff, &options)
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!(
        "markdown",
        render(DocumentFormat::Markdown, &Options::default())
    );
}

#[test]
fn tsv_snapshot() {
    insta::assert_snapshot!("tsv", render(DocumentFormat::Tsv, &Options::default()));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("json", render(DocumentFormat::Json, &Options::default()));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("html", render(DocumentFormat::Html, &Options::default()));
}

#[test]
fn xliff_snapshots() {
    insta::assert_snapshot!("xliff12", xliff(XliffVersion::V1_2, false));
    insta::assert_snapshot!("xliff12_copy_source", xliff(XliffVersion::V1_2, true));
    insta::assert_snapshot!("xliff20", xliff(XliffVersion::V2_0, false));
}

#[test]
fn tmx_snapshot() {
    insta::assert_snapshot!("tmx", render(DocumentFormat::Tmx, &Options::default()));
}

#[test]
fn markdown_rows_stay_in_the_table() {
    let markdown = render(DocumentFormat::Markdown, &Options::default());
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| 8 |"))
        .collect();
    assert_eq!(rows.len(), 1, "the hostile segment is one table row");
    let row = rows[0];
    // Five columns: every `|` inside the cells is escaped.
    assert_eq!(row.matches(" | ").count() - row.matches("\\| ").count(), 4);
    assert!(row.contains("\\<script\\>") && !row.contains('\u{202E}'));
}

#[test]
fn tsv_reads_back_with_one_line_per_segment() {
    let document = fixture();
    let text = render(DocumentFormat::Tsv, &Options::default());
    assert_eq!(text.lines().count(), document.segments.len() + 1);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_reader(text.as_bytes());
    assert_eq!(reader.headers().unwrap(), tsv::TRANSLATE_COLUMNS.as_slice());
    for (record, segment) in reader.records().zip(&document.segments) {
        let record = record.expect("a valid TSV record");
        assert_eq!(tsv::unescape_cell(&record[1]), segment.source);
        assert_eq!(
            tsv::unescape_cell(&record[2]),
            segment.target.as_deref().unwrap_or_default()
        );
        for cell in &record {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell:?}"
            );
        }
    }
}

/// Every field of `segment` as the JSON format promises it (offsets in
/// characters), written out field by field.
fn segment_json(segment: &Segment) -> serde_json::Value {
    let terms: Vec<serde_json::Value> = segment
        .terms
        .iter()
        .map(|term| {
            let mut json = serde_json::json!({
                "start": term.span.chars.start,
                "end": term.span.chars.end,
                "surface": term.surface,
                "entry": term.entry,
                "en": term.en,
                "type": term.kind.to_string(),
                "prefix": term.prefix,
            });
            if let Some(long) = &term.long {
                json["long"] = long.clone().into();
            }
            json
        })
        .collect();
    let mut json = serde_json::json!({
        "id": segment.id,
        "source": segment.source,
        "start": segment.span.chars.start,
        "end": segment.span.chars.end,
        "target": segment.target,
        "origin": segment.origin.name(),
        "score": segment.score,
        "tm_unit": segment.tm_unit,
        "terms": terms,
        "warnings": segment.warnings,
    });
    if let Some(similar) = &segment.similar {
        json["similar"] = serde_json::json!({
            "score": similar.score,
            "unit": similar.unit,
            "source": similar.source,
            "target": similar.target,
            "differences": similar.differences,
        });
    }
    json
}

#[test]
fn json_holds_every_segment_field() {
    let document = fixture();
    let json: serde_json::Value =
        serde_json::from_str(&render(DocumentFormat::Json, &Options::default())).unwrap();
    let expected: Vec<serde_json::Value> = document.segments.iter().map(segment_json).collect();
    assert_eq!(json["segments"], serde_json::Value::Array(expected));
    assert_eq!(json["name"], "water-talks.ar.txt");
    assert_eq!(
        json["terms"][0],
        serde_json::json!({"entry": "سامي الحداد", "en": "Sami al-Haddad", "type": "person", "count": 3})
    );
}

#[test]
fn html_runs_nothing_and_isolates_overrides() {
    let html = render(DocumentFormat::Html, &Options::default());
    assert!(!html.contains("<script"));
    assert!(!html.contains("<b>") && !html.contains("<i>"));
    assert!(!html.contains('\u{202E}') && html.contains("[U+202E]"));
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    assert!(html.contains(r#"<td class="ar" dir="rtl" lang="ar">"#));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "no external resources"
    );
    let hits: usize = fixture().segments.iter().map(|s| s.terms.len()).sum();
    assert_eq!(
        html.matches("<mark class=\"").count() - legend_and_term_list_marks(&html),
        hits
    );
    assert_eq!(
        html.matches("<mark").count(),
        html.matches("</mark>").count()
    );
}

/// Marks that are not term hits in the text: the legend and the term table.
fn legend_and_term_list_marks(html: &str) -> usize {
    let legend = html
        .lines()
        .find(|l| l.starts_with("<p class=\"legend\">"))
        .map_or(0, |l| l.matches("<mark").count());
    let term_rows = html.matches("</td><td><mark class=").count();
    legend + term_rows
}

/// Parses XLIFF and returns the text of every `<source>` and `<target>`.
pub fn sources_and_targets(xml: &str) -> (Vec<String>, Vec<String>) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut sources, mut targets) = (Vec::new(), Vec::new());
    let mut inside: Option<bool> = None;
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(tag) if tag.name().0 == "source" => inside = Some(true),
            Event::Start(tag) if tag.name().0 == "target" => inside = Some(false),
            Event::Text(t) if inside.is_some() => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside.is_some() => {
                let name = r.xml10_content();
                let resolved = match name.as_ref() {
                    "amp" => "&".to_owned(),
                    "lt" => "<".to_owned(),
                    "gt" => ">".to_owned(),
                    "quot" => "\"".to_owned(),
                    "apos" => "'".to_owned(),
                    _ => r
                        .resolve_char_ref()
                        .unwrap()
                        .expect("character reference")
                        .to_string(),
                };
                text.push_str(&resolved);
            }
            Event::End(tag) if matches!(tag.name().0, "source" | "target") => {
                let list = if inside == Some(true) {
                    &mut sources
                } else {
                    &mut targets
                };
                list.push(std::mem::take(&mut text));
                inside = None;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    (sources, targets)
}

#[test]
fn xliff_parses_back_to_the_same_text() {
    let document = fixture();
    for version in [XliffVersion::V1_2, XliffVersion::V2_0] {
        let (sources, targets) = sources_and_targets(&xliff(version, false));
        let expected: Vec<&str> = document
            .segments
            .iter()
            .map(|s| s.source.as_str())
            .collect();
        assert_eq!(sources, expected);
        let expected: Vec<&str> = document
            .segments
            .iter()
            .filter_map(|s| s.target.as_deref())
            .collect();
        assert_eq!(targets, expected);
    }
    let (sources, targets) = sources_and_targets(&xliff(XliffVersion::V1_2, true));
    assert_eq!(targets.len(), document.segments.len());
    assert_eq!(
        targets[3], sources[3],
        "untranslated units carry the Arabic"
    );
}

#[test]
fn empty_document_is_still_valid_output() {
    let empty = Document {
        name: "empty.txt".to_owned(),
        segments: Vec::new(),
    };
    for &format in DocumentFormat::ALL {
        for version in [XliffVersion::V1_2, XliffVersion::V2_0] {
            let options = Options {
                xliff_version: version,
                xliff_copy_source: false,
            };
            let mut out = Vec::new();
            format.write(&empty, &options, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            if format == DocumentFormat::Xliff {
                let (sources, _) = sources_and_targets(&text);
                assert!(sources.is_empty());
            }
            if format == DocumentFormat::Tsv {
                assert_eq!(text, "id\tsource\ttarget\torigin\tscore\tterms\tnote\n");
            }
        }
    }
}

fn any_segment() -> impl Strategy<Value = Segment> {
    (
        any::<String>(),
        proptest::option::of(any::<String>()),
        any::<String>(),
        0usize..40,
        0usize..40,
    )
        .prop_map(|(source, target, en, start, length)| {
            let mut segment = Segment::untranslated(1, source, Span::default());
            segment.origin = if target.is_some() {
                Origin::TmFuzzy
            } else {
                Origin::None
            };
            segment.score = target.as_ref().map(|_| 80);
            segment.target = target;
            segment.terms = vec![TermUse {
                span: Span {
                    bytes: start..start + length,
                    chars: start..start + length,
                },
                surface: String::new(),
                entry: en.clone(),
                en,
                long: None,
                kind: Kind::Term,
                prefix: String::new(),
            }];
            segment.warnings = vec![segment.source.clone()];
            segment
        })
}

/// What XML 1.0 can carry of `text`: the characters it cannot hold become U+FFFD.
fn xml_representable(text: &str) -> String {
    text.chars()
        .map(|c| if is_xml_char(c) { c } else { '\u{FFFD}' })
        .collect()
}

/// `(source, target)` of every unit that `tm import` reads from `text`.
fn pairs_read_back(text: &str, format: ExchangeFormat) -> Vec<(String, String)> {
    Units::new("t", text, format, &LanguagePair::default())
        .map(|unit| unit.map(|unit| (unit.source, unit.target)))
        .collect::<Result<_, _>>()
        .expect("readable output")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_text_gives_well_formed_xliff_and_one_line_tsv(
        name in any::<String>(),
        segments in proptest::collection::vec(any_segment(), 0..4),
        version in prop_oneof![Just(XliffVersion::V1_2), Just(XliffVersion::V2_0)],
        copy_source in any::<bool>(),
    ) {
        let mut document = Document { name, segments };
        for (index, segment) in document.segments.iter_mut().enumerate() {
            segment.id = index + 1;
        }
        let options = Options { xliff_version: version, xliff_copy_source: copy_source };
        let mut out = Vec::new();
        DocumentFormat::Xliff.write(&document, &options, &mut out).unwrap();
        let (sources, _) = sources_and_targets(&String::from_utf8(out).unwrap());
        let expected: Vec<String> = document.segments.iter().map(|s| xml_representable(&s.source)).collect();
        prop_assert_eq!(sources, expected);

        let mut out = Vec::new();
        DocumentFormat::Tsv.write(&document, &options, &mut out).unwrap();
        prop_assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), document.segments.len() + 1);
        // What `tm import` reads back of the sheet: every pair, trimmed.
        let sheet = String::from_utf8(out).unwrap();
        let read = pairs_read_back(&sheet, ExchangeFormat::Tsv);
        let written: Vec<(String, String)> = document
            .segments
            .iter()
            .map(|s| (s.source.trim().to_owned(), s.target.as_deref().unwrap_or_default().trim().to_owned()))
            .collect();
        prop_assert_eq!(read, written);

        // The TMX holds the pairs that have a target, well-formed.
        let mut out = Vec::new();
        DocumentFormat::Tmx.write(&document, &options, &mut out).unwrap();
        let tmx = String::from_utf8(out).unwrap();
        let read = pairs_read_back(&tmx, ExchangeFormat::Tmx);
        let written: Vec<(String, String)> = document
            .segments
            .iter()
            .filter_map(|s| Some((xml_representable(&s.source), xml_representable(s.target.as_deref()?))))
            .collect();
        prop_assert_eq!(read, written);

        for format in [DocumentFormat::Markdown, DocumentFormat::Html, DocumentFormat::Json] {
            let mut out = Vec::new();
            format.write(&document, &options, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            let override_char = '\u{202E}';
            prop_assert!(!text.contains(override_char) || format == DocumentFormat::Json, "override in {}", format);
        }
    }
}
