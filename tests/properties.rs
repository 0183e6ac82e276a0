//! Invariants over generated inputs, through the library: glossary hits read
//! as their entries, the TM gives back what it was given, and the XLIFF the
//! translate writer makes reads back through the import reader.
//! (Sentences partitioning the input, TSV and TMX outputs read back, and
//! escaping round trips are property tests beside their code and in
//! `output.rs`.)

use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use tarjama::document::{Document, Origin, Segment};
use tarjama::exchange::xliff::XliffVersion;
use tarjama::exchange::{ExchangeFormat, LanguagePair, TranslationUnit, Units, tmx, tsv};
use tarjama::glossary::{Entry, Glossary};
use tarjama::output::{DocumentFormat, Options};
use tarjama::text::Span;
use tarjama::text::tokenize::word_key;
use tarjama::tm::{ImportOptions, OpenMode, TranslationMemory, fuzzy};

/// Arabic words with clitic letters, alef forms, ى and ي, harakat and
/// tatweel, so that entries, clitics and text meet often.
fn arabic_word() -> impl Strategy<Value = String> {
    "[وفبكلاأإىيعنمره][لاأىيعنمرهةـَ]{1,4}"
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        prop::collection::vec(arabic_word(), 1..3),
        prop::collection::vec(prop::collection::vec(arabic_word(), 1..3), 0..2),
    )
        .prop_map(|(key, variants)| Entry {
            ar: key.join(" "),
            en: "x".into(),
            variants: variants.iter().map(|words| words.join(" ")).collect(),
            ..Entry::default()
        })
}

/// Words joined by the gaps a text has: spaces, line breaks, hyphens, commas.
fn text_of(words: Vec<String>, gaps: Vec<usize>) -> String {
    const GAPS: [&str; 6] = [" ", " ", "\n", " - ", "، ", "  "];
    let mut text = String::new();
    for (word, gap) in words.iter().zip(gaps.iter().chain(std::iter::repeat(&0))) {
        text.push_str(word);
        text.push_str(GAPS[gap % GAPS.len()]);
    }
    text
}

/// The normalized words of `text`, as the matcher cuts them.
fn words(text: &str) -> Vec<String> {
    word_key(text)
        .split_whitespace()
        .map(str::to_owned)
        .collect()
}

/// Exchange units with distinct sources (after normalization), no spaces at
/// their ends, and text that XML and TSV must escape. Every source has an
/// Arabic letter, as the source of an Arabic→English TM has (a TSV whose
/// sources have none while its targets are Arabic is refused as swapped).
fn units() -> impl Strategy<Value = Vec<TranslationUnit>> {
    let text =
        "[\u{0621}-\u{064A}a-zA-Z0-9&<>\"'\\\\.،؟]{1,6}( [\u{0621}-\u{064A}a-z&<>\"'\t]{1,6}){0,4}";
    let source = proptest::string::string_regex(&format!("[\u{0621}-\u{064A}]{text}"))
        .expect("a valid pattern");
    prop::collection::vec((source, text), 1..12).prop_map(|pairs| {
        let mut keys = BTreeSet::new();
        pairs
            .into_iter()
            .map(|(source, target)| (source.trim().to_owned(), target.trim().to_owned()))
            .filter(|(source, target)| source != target && keys.insert(fuzzy::key(source)))
            .map(|(source, target)| TranslationUnit {
                source,
                target,
                source_lang: "ar".into(),
                target_lang: "en".into(),
                ..TranslationUnit::default()
            })
            .collect()
    })
}

fn pairs_of(units: &[TranslationUnit]) -> BTreeSet<(String, String)> {
    units
        .iter()
        .map(|unit| (unit.source.clone(), unit.target.clone()))
        .collect()
}

fn read_all(text: &str, format: ExchangeFormat) -> Vec<TranslationUnit> {
    Units::new("t", text, format, &LanguagePair::default())
        .collect::<Result<_, _>>()
        .unwrap_or_else(|err| panic!("{err}\n{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn term_hits_read_as_their_entry_after_the_proclitics(
        entries in prop::collection::vec(entry(), 1..8),
        pieces in prop::collection::vec((arabic_word(), any::<Option<(usize, usize)>>()), 0..30),
        gaps in prop::collection::vec(0usize..6, 0..30),
    ) {
        // Random words, and forms of the entries behind proclitics.
        const CLITICS: [&str; 6] = ["", "و", "ب", "ل", "فب", "و\u{064E}ل"];
        let text_words = pieces
            .into_iter()
            .map(|(word, form)| match form {
                Some((entry, clitic)) => {
                    let forms: Vec<&str> = entries[entry % entries.len()].forms().collect();
                    format!("{}{}", CLITICS[clitic % CLITICS.len()], forms[clitic % forms.len()])
                }
                None => word,
            })
            .collect();
        let text = text_of(text_words, gaps);
        let mut glossary = Glossary::new();
        glossary.add(entries);
        let mut end = 0;
        for hit in glossary.find(&text) {
            prop_assert!(hit.start >= end && hit.start < hit.end && hit.end <= text.len());
            end = hit.end;
            let rest = hit.start + hit.prefix_len;
            prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(rest) && text.is_char_boundary(hit.end));
            let found = words(&text[rest..hit.end]);
            let entry = glossary.entry(hit.entry);
            let reads_as = |form: &str| {
                let form = words(form);
                form == found
                    // ل + ال is written لل: the surface lacks the article's alef.
                    || (hit.prefix_len > 0
                        && form.len() == found.len()
                        && form[1..] == found[1..]
                        && form[0].strip_prefix('ا') == Some(found[0].as_str())
                        && found[0].starts_with('ل'))
            };
            prop_assert!(
                entry.forms().any(reads_as),
                "{:?} after {:?} is not a form of {:?}",
                &text[rest..hit.end], &text[hit.start..rest], entry.forms().collect::<Vec<_>>()
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn tm_import_then_export_gives_back_every_unit(units in units(), through_tsv in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let mut tm = TranslationMemory::open(dir.path().join("tm.sqlite"), OpenMode::Create).unwrap();
        let options = ImportOptions { origin: "test".into(), any_state: false };
        let summary = tm.import(&mut units.iter().cloned().map(Ok), &options).unwrap();
        prop_assert_eq!(summary.added, units.len() as u64);

        // Exported as `tm export` does, then read back by `tm import`'s readers.
        let mut out = Vec::new();
        if through_tsv {
            let table = tsv::TableWriter::new(tsv::TableLayout::PLAIN);
            tm.for_each_unit(&mut |unit| table.write_row(&mut out, &[&unit.source, &unit.target])).unwrap();
        } else {
            let mut writer = tmx::TmxWriter::new(&mut out, "ar").unwrap();
            tm.for_each_unit(&mut |unit| writer.write_unit(&unit.to_exchange())).unwrap();
            writer.finish().unwrap();
        }
        let format = if through_tsv { ExchangeFormat::Tsv } else { ExchangeFormat::Tmx };
        let exported = read_all(&String::from_utf8(out).unwrap(), format);
        prop_assert_eq!(pairs_of(&exported), pairs_of(&units));
        prop_assert_eq!(exported.len(), units.len());
    }

    #[test]
    fn translate_xliff_reads_back_through_the_import_reader(
        units in units(),
        origins in prop::collection::vec(0usize..4, 12),
        version in prop_oneof![Just(XliffVersion::V1_2), Just(XliffVersion::V2_0)],
        copy_source in any::<bool>(),
    ) {
        const ORIGINS: [Origin; 4] = [Origin::TmExact, Origin::TmFuzzy, Origin::Mt, Origin::None];
        let segments: Vec<Segment> = units
            .iter()
            .zip(&origins)
            .enumerate()
            .map(|(index, (unit, &origin))| {
                let mut segment = Segment::untranslated(index + 1, unit.source.clone(), Span::default());
                segment.origin = ORIGINS[origin];
                if segment.origin != Origin::None {
                    segment.target = Some(unit.target.clone());
                    segment.score = Some(if segment.origin == Origin::TmExact { 100 } else { 80 });
                }
                segment
            })
            .collect();
        let document = Document { name: "a.txt".into(), segments };
        let options = Options { xliff_version: version, xliff_copy_source: copy_source };
        let mut out = Vec::new();
        DocumentFormat::Xliff.write(&document, &options, &mut out).unwrap();
        let xliff = String::from_utf8(out).unwrap();
        let read: BTreeMap<String, TranslationUnit> = read_all(&xliff, ExchangeFormat::Xliff)
            .into_iter()
            .map(|unit| (unit.source.clone(), unit))
            .collect();
        // Every segment comes back, with its English; only exact matches
        // count as finished work.
        prop_assert_eq!(read.len(), document.segments.len());
        for segment in &document.segments {
            let unit = &read[&segment.source];
            match &segment.target {
                Some(target) => {
                    prop_assert_eq!(&unit.target, target);
                    prop_assert_eq!(unit.pending, segment.origin != Origin::TmExact);
                }
                None => prop_assert!(unit.target.is_empty() || unit.target == segment.source),
            }
        }
    }
}
