//! `tarjama translate` with a glossary, a translation memory and a machine
//! translator: the rows it fills, and the loop from a translator's finished
//! file back into the memory.

use crate::output::sources_and_targets;
use crate::util::Sandbox;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

const ARTICLE: &str = include_str!("fixtures/translate/water-talks.ar.txt");
const GLOSSARY: &str = include_str!("fixtures/translate/glossary.yaml");

/// The article's first sentence (its headline).
const HEADLINE: &str = "محادثات المياه في جنيف";
/// The article's fifth sentence with its day changed: a fuzzy match.
const FIFTH_ON_WEDNESDAY: &str =
    "ومن المتوقع أن ينضم ممثلون عن البنك الدولي إلى الجلسة الثانية يوم الأربعاء.";

/// A sandbox holding the article and its glossary.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    sandbox.write("glossary.yaml", GLOSSARY);
    sandbox
}

/// `translate` of the article with the fixture glossary only, plus `extra`.
fn translate(sandbox: &Sandbox, extra: &[&str]) -> assert_cmd::assert::Assert {
    let mut args = vec![
        "translate",
        "--no-default-glossary",
        "-g",
        "glossary.yaml",
        "article.txt",
    ];
    args.extend_from_slice(extra);
    sandbox.cmd(&args).assert()
}

/// What a successful `translate` (as [`translate`]) writes.
fn stdout(sandbox: &Sandbox, extra: &[&str]) -> String {
    let output = translate(sandbox, extra).success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The segments of the article as `translate -f json` gives them.
fn segments(sandbox: &Sandbox, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["-f", "json"];
    args.extend_from_slice(extra);
    let json: Value = serde_json::from_str(&stdout(sandbox, &args)).expect("JSON output");
    json["segments"].as_array().expect("segments").clone()
}

/// `(origin, score, target)` of every segment.
fn rows(segments: &[Value]) -> Vec<(String, Option<u64>, Option<String>)> {
    segments
        .iter()
        .map(|s| {
            (
                s["origin"].as_str().unwrap().to_owned(),
                s["score"].as_u64(),
                s["target"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

fn source(segments: &[Value], index: usize) -> String {
    segments[index]["source"].as_str().unwrap().to_owned()
}

#[test]
fn glossary_terms_land_in_their_sentences() {
    let sandbox = sandbox();
    let segments = segments(&sandbox, &[]);
    assert_eq!(segments.len(), 7);
    let third = &segments[2];
    let terms: Vec<(&str, &str, u64, u64)> = third["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["surface"].as_str().unwrap(),
                t["en"].as_str().unwrap(),
                t["start"].as_u64().unwrap(),
                t["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        terms,
        [
            ("الحداد", "Sami al-Haddad", 5, 11),
            ("الأمم المتحدة", "UN", 24, 37)
        ]
    );
    assert_eq!(third["terms"][1]["long"], "United Nations");
    // Offsets count characters of the sentence itself.
    let chars: Vec<char> = source(&segments, 2).chars().collect();
    assert_eq!(chars[24..37].iter().collect::<String>(), "الأمم المتحدة");
}

#[test]
fn rows_without_english_show_the_glossary_as_a_hint() {
    let sandbox = sandbox();
    let markdown = stdout(&sandbox, &[]);
    assert!(
        markdown.contains("| *glossary:* Sami al-Haddad; UN | none |"),
        "{markdown}"
    );
    let html = stdout(&sandbox, &["-f", "html"]);
    assert_eq!(html.matches("<p class=\"hint\"").count(), 6);
    assert!(html.contains(">glossary: Sami al-Haddad; UN</p>"));
    // A sheet's target column stays empty for the translator.
    let tsv = stdout(&sandbox, &["-f", "tsv"]);
    assert!(
        tsv.lines()
            .skip(1)
            .all(|line| line.split('\t').nth(2) == Some(""))
    );
}

#[test]
fn without_a_memory_nothing_is_filled_and_nothing_is_created() {
    let sandbox = sandbox();
    // The default memory does not exist yet: no word about it.
    translate(&sandbox, &["-f", "tsv"]).success().stderr("");
    assert!(!sandbox.path().join("data").exists());
    // A memory the user named is worth a warning when it is missing.
    translate(&sandbox, &["-f", "tsv", "--tm", "typo.sqlite"])
        .success()
        .stderr(predicate::str::starts_with(
            "tarjama: warning: no translation memory, no row is filled from it: typo.sqlite\nhint:",
        ));
    assert!(!sandbox.path().join("typo.sqlite").exists());
    // Not a memory at all: an error.
    sandbox.write("notes.sqlite", "not a database");
    translate(&sandbox, &["--tm", "notes.sqlite"])
        .code(2)
        .stderr(predicate::str::contains("not a tarjama translation memory"));
}

#[test]
fn the_memory_fills_exact_and_fuzzy_rows_from_min_score() {
    let sandbox = sandbox();
    add(&sandbox, HEADLINE, "Water talks in Geneva");
    add(
        &sandbox,
        FIFTH_ON_WEDNESDAY,
        "World Bank representatives are expected to join the second session on Wednesday.",
    );
    let segments = segments(&sandbox, &[]);
    let rows = rows(&segments);
    assert_eq!(
        rows[0],
        (
            "tm-exact".into(),
            Some(100),
            Some("Water talks in Geneva".into())
        )
    );
    assert_eq!(rows[4].0, "tm-fuzzy");
    assert!(rows[4].1.unwrap() < 100 && rows[4].1.unwrap() >= 75);
    assert!(segments[4]["tm_unit"].as_i64().is_some());
    assert!(rows.iter().skip(1).filter(|r| r.0 == "none").count() == 5);

    let strict = self::rows(&self::segments(&sandbox, &["--min-score", "100"]));
    assert_eq!(strict[4].0, "none");
    assert_eq!(strict[0].0, "tm-exact");
    translate(&sandbox, &["--min-score", "101"])
        .code(2)
        .stderr(predicate::str::contains("101"));
}

/// `tm add SOURCE TARGET` to the default TM.
fn add(sandbox: &Sandbox, source: &str, target: &str) {
    sandbox
        .cmd(&["tm", "add", source, target])
        .assert()
        .success();
}

/// `tm import FILE` into the default TM; its summary starts with `summary`.
fn import(sandbox: &Sandbox, file: &str, summary: &str) -> assert_cmd::assert::Assert {
    sandbox
        .cmd(&["tm", "import", file])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!("{file}: {summary}")))
}

/// Fills the `target` cells of a `translate` TSV: `fill(id)` gives the
/// English of a row, or `None` to leave it. Cells are written the way a
/// spreadsheet saves them (CSV quoting when they hold a quote).
fn fill_sheet(sheet: &str, fill: impl Fn(usize) -> Option<&'static str>) -> String {
    let mut lines = sheet.lines();
    let mut filled = format!("{}\n", lines.next().unwrap());
    for line in lines {
        let mut cells: Vec<String> = line.split('\t').map(str::to_owned).collect();
        let id: usize = cells[0].parse().unwrap();
        if let Some(english) = fill(id) {
            cells[2] = if english.contains('"') {
                format!("\"{}\"", english.replace('"', "\"\""))
            } else if english.starts_with(['-', '=']) {
                format!("'{english}")
            } else {
                english.to_owned()
            };
        }
        filled.push_str(&cells.join("\t"));
        filled.push('\n');
    }
    filled
}

const ENGLISH_2: &str = "Water Minister Sami al-Haddad arrived in Geneva on Monday morning for a \"new round\" of talks on the shared rivers.";
const ENGLISH_7: &str = "-- Will the talks succeed this time?";

#[test]
fn a_filled_sheet_goes_back_into_the_memory_and_comes_back_exact() {
    let sandbox = sandbox();
    translate(&sandbox, &["-f", "tsv", "-o", "todo.tsv"]).success();
    let sheet = fs::read_to_string(sandbox.path().join("todo.tsv")).unwrap();
    let english = |id| match id {
        2 => Some(ENGLISH_2),
        7 => Some(ENGLISH_7),
        _ => None,
    };
    sandbox.write("todo.tsv", fill_sheet(&sheet, english));
    import(&sandbox, "todo.tsv", "2 added,");
    let rows = rows(&segments(&sandbox, &[]));
    assert_eq!(
        rows[1],
        ("tm-exact".into(), Some(100), Some(ENGLISH_2.into()))
    );
    assert_eq!(
        rows[6],
        ("tm-exact".into(), Some(100), Some(ENGLISH_7.into()))
    );
    assert_eq!(rows.iter().filter(|r| r.0 == "none").count(), 5);
}

#[test]
fn fuzzy_suggestions_in_a_sheet_are_held_back_until_reviewed() {
    let sandbox = sandbox();
    add(&sandbox, FIFTH_ON_WEDNESDAY, "They join on Wednesday.");
    translate(&sandbox, &["-f", "tsv", "-o", "todo.tsv"]).success();
    let sheet = fs::read_to_string(sandbox.path().join("todo.tsv")).unwrap();
    assert!(sheet.contains("\tThey join on Wednesday.\ttm-fuzzy\t"));
    sandbox
        .cmd(&["tm", "import", "todo.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 added"))
        .stderr(predicate::str::contains("change their origin"));
    let reviewed = sheet.replace(
        "\tThey join on Wednesday.\ttm-fuzzy\t",
        "\tThey join on Tuesday.\treviewed\t",
    );
    sandbox.write("todo.tsv", reviewed);
    import(&sandbox, "todo.tsv", "1 added,");
    let rows = rows(&segments(&sandbox, &[]));
    assert_eq!(
        rows[4],
        (
            "tm-exact".into(),
            Some(100),
            Some("They join on Tuesday.".into())
        )
    );
}

/// Puts `english` into the XLIFF 1.2 unit `id`: in its `<target>` if it has
/// one (the state left as it is, as OmegaT does), else in a new
/// `<target state="translated">` after its source.
fn fill_unit(xliff: &str, id: usize, english: &str) -> String {
    let start = xliff
        .find(&format!("<trans-unit id=\"{id}\""))
        .expect("unit");
    let end = start + xliff[start..].find("</trans-unit>").unwrap();
    let unit = &xliff[start..end];
    let escaped = english.replace('&', "&amp;").replace('<', "&lt;");
    let filled = match unit.find("<target") {
        Some(at) => {
            let open_end = at + unit[at..].find('>').unwrap() + 1;
            let close = unit.find("</target>").unwrap();
            format!("{}{escaped}{}", &unit[..open_end], &unit[close..])
        }
        None => unit.replacen(
            "</source>",
            &format!("</source>\n        <target state=\"translated\">{escaped}</target>"),
            1,
        ),
    };
    format!("{}{filled}{}", &xliff[..start], &xliff[end..])
}

#[test]
fn a_finished_xliff_goes_back_into_the_memory_and_comes_back_exact() {
    for copy_source in [false, true] {
        let sandbox = sandbox();
        let mut args = vec!["-o", "todo.xlf"];
        if copy_source {
            args.push("--xliff-copy-source");
        }
        translate(&sandbox, &args).success();
        let xliff = fs::read_to_string(sandbox.path().join("todo.xlf")).unwrap();
        let xliff = fill_unit(&xliff, 2, ENGLISH_2);
        let xliff = fill_unit(&xliff, 7, "Will the talks succeed <this> time & then?");
        sandbox.write("todo.xlf", &xliff);
        let (_, targets) = sources_and_targets(&xliff);
        assert_eq!(targets.len(), if copy_source { 7 } else { 2 });
        import(&sandbox, "todo.xlf", "2 added,").stderr("");
        let rows = rows(&segments(&sandbox, &[]));
        assert_eq!(rows[1].0, "tm-exact", "copy_source {copy_source}");
        assert_eq!(rows[1].2.as_deref(), Some(ENGLISH_2));
        assert_eq!(
            rows[6].2.as_deref(),
            Some("Will the talks succeed <this> time & then?")
        );
        assert_eq!(rows.iter().filter(|r| r.0 == "none").count(), 5);
    }
}

#[test]
fn tmx_holds_the_rows_that_have_english() {
    let sandbox = sandbox();
    add(&sandbox, HEADLINE, "Water talks in Geneva");
    translate(&sandbox, &["-o", "pairs.tmx"]).success();
    let tmx = fs::read_to_string(sandbox.path().join("pairs.tmx")).unwrap();
    assert!(tmx.contains("<tmx version=\"1.4\">"));
    assert!(tmx.contains("srclang=\"ar\""));
    assert_eq!(tmx.matches("<tu ").count(), 1);
    assert!(tmx.contains("<tu tuid=\"1\">"));
    assert!(tmx.contains("<prop type=\"x-origin\">tm-exact</prop>"));
    assert!(tmx.contains("<tuv xml:lang=\"en\"><seg>Water talks in Geneva</seg></tuv>"));
    // The same through --format, and back into another memory.
    translate(&sandbox, &["-f", "tmx", "-o", "pairs.xml"]).success();
    assert_eq!(
        fs::read_to_string(sandbox.path().join("pairs.xml")).unwrap(),
        tmx
    );
    sandbox
        .cmd(&["tm", "import", "--tm", "other.sqlite", "pairs.tmx"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("pairs.tmx: 1 added,"));
}

#[test]
fn machine_translation_fills_the_rest_and_flags_missing_terms() {
    let sandbox = sandbox();
    add(&sandbox, HEADLINE, "Water talks in Geneva");
    // Counts the lines it reads, says which, and knows one name.
    let mt =
        r#"awk '{ print "Sentence " NR " of " length($0) " characters, in Geneva; the UNs" }'"#;
    let segments = segments(&sandbox, &["--mt-cmd", mt]);
    let rows = rows(&segments);
    assert_eq!(rows[0].0, "tm-exact");
    for (index, row) in rows.iter().enumerate().skip(1) {
        assert_eq!(row.0, "mt");
        assert_eq!(row.1, None);
        assert!(
            row.2
                .as_deref()
                .unwrap()
                .starts_with(&format!("Sentence {index} of "))
        );
    }
    let warnings = |index: usize| -> Vec<String> {
        segments[index]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_owned())
            .collect()
    };
    // Geneva and the UN (plural tolerated) are there, al-Haddad is not.
    assert_eq!(
        warnings(2),
        ["the English lacks the glossary rendering \"Sami al-Haddad\" of سامي الحداد"]
    );
    assert!(warnings(1).len() == 1 && warnings(6).is_empty());
}

#[test]
fn machine_translation_gets_one_line_per_sentence() {
    let sandbox = Sandbox::new();
    // A sentence broken over two lines goes out as one line.
    sandbox.write(
        "short.txt",
        "وصل الوفد إلى\nجنيف صباحاً.\n\nبدأت المحادثات.\n",
    );
    let output = sandbox
        .cmd(&[
            "translate",
            "--no-default-glossary",
            "-f",
            "tsv",
            "--mt-cmd",
            "cat > seen.txt; sed 's/^/EN /' seen.txt",
            "short.txt",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        fs::read_to_string(sandbox.path().join("seen.txt")).unwrap(),
        "وصل الوفد إلى جنيف صباحاً.\nبدأت المحادثات.\n"
    );
    let tsv = String::from_utf8(output).unwrap();
    assert!(
        tsv.contains("\tEN وصل الوفد إلى جنيف صباحاً.\tmt\t"),
        "{tsv}"
    );
}

#[test]
fn a_failing_machine_translator_is_an_error_naming_it() {
    let sandbox = sandbox();
    for (command, message) in [
        (
            "exit 3",
            "tarjama: the machine translator failed: exit status 3: `exit 3`\nhint: try it by hand",
        ),
        (
            "no-such-translator-here",
            "tarjama: the machine translator failed: the shell did not find it (exit status 127): `no-such-translator-here`",
        ),
        (
            "head -n 2",
            "tarjama: the machine translator answered 2 lines for 7 sentences: `head -n 2`\nhint: it must write exactly one English line",
        ),
        (
            "cat; echo extra",
            "tarjama: the machine translator answered 8 lines for 7 sentences: `cat; echo extra`",
        ),
    ] {
        translate(&sandbox, &["--mt-cmd", command, "-o", "out.md"])
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(message));
        assert!(!sandbox.path().join("out.md").exists(), "{command}");
    }
}
