//! `tarjama terms`: glossary hits in a text.

use crate::util::Sandbox;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn fixture_str(name: &str) -> String {
    fixture(name).display().to_string()
}

/// `terms --format json` with the test glossary folder only.
fn json_matches(sandbox: &Sandbox, extra: &[&str], input: &str) -> Vec<Value> {
    let glossary = fixture_str("glossary");
    let mut args = vec![
        "terms",
        "--no-default-glossary",
        "-g",
        &glossary,
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    let output = sandbox
        .cmd(&args)
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&output).unwrap();
    json["matches"].as_array().unwrap().clone()
}

fn surfaces(matches: &[Value]) -> Vec<&str> {
    matches
        .iter()
        .map(|m| m["surface"].as_str().unwrap())
        .collect()
}

#[test]
fn json_follows_the_contract() {
    let sandbox = Sandbox::new();
    let matches = json_matches(&sandbox, &[], "😀 وللأمم المتحدة");
    assert_eq!(
        matches,
        [serde_json::json!({
            "start": 2, "end": 16, "byte_start": 5, "byte_end": 32,
            "surface": "وللأمم المتحدة", "entry": "الأمم المتحدة", "en": "United Nations",
            "type": "org", "prefix": "ول"
        })]
    );
}

#[test]
fn finds_names_behind_clitics_and_skips_traps() {
    let sandbox = Sandbox::new();
    let text = std::fs::read_to_string(fixture("news.ar.txt")).unwrap();
    let matches = json_matches(&sandbox, &[], &text);
    assert_eq!(
        surfaces(&matches),
        [
            "سيرجي لافروف",
            "جنيف",
            "للأمم المتحدة",
            "لافروف",
            "روسيا",
            "ضمانات أمنية",
            "الناتو",
            "موسكو",
            "حلف شمال الأطلسي",
            "واشنطن",
            "علي",
        ]
    );
    // A variant reports its entry's key; character offsets point into the input.
    assert_eq!(matches[0]["entry"], "سيرغي لافروف");
    assert_eq!(matches[6]["entry"], "حلف شمال الأطلسي");
    let chars: Vec<char> = text.chars().collect();
    for m in &matches {
        let (start, end) = (
            usize::try_from(m["start"].as_u64().unwrap()).unwrap(),
            usize::try_from(m["end"].as_u64().unwrap()).unwrap(),
        );
        assert_eq!(
            chars[start..end].iter().collect::<String>(),
            m["surface"].as_str().unwrap()
        );
        let (from, to) = (
            usize::try_from(m["byte_start"].as_u64().unwrap()).unwrap(),
            usize::try_from(m["byte_end"].as_u64().unwrap()).unwrap(),
        );
        assert_eq!(&text[from..to], m["surface"].as_str().unwrap());
    }
}

#[test]
fn the_default_output_is_a_table() {
    let sandbox = Sandbox::new();
    let glossary = fixture_str("glossary");
    let news = fixture_str("news.ar.txt");
    let assert = sandbox
        .cmd(&["terms", "--no-default-glossary", "-g", &glossary, &news])
        .assert()
        .success();
    insta::assert_snapshot!(String::from_utf8(assert.get_output().stdout.clone()).unwrap());
}

#[test]
fn later_glossaries_win_and_the_conflict_is_reported() {
    let sandbox = Sandbox::new();
    let other = sandbox.write("other.yaml", "جنيف: Genf\n");
    let glossary = fixture_str("glossary");
    let assert = sandbox
        .cmd(&[
            "terms",
            "--no-default-glossary",
            "-g",
            &glossary,
            "-g",
            other.to_str().unwrap(),
            "-f",
            "json",
        ])
        .write_stdin("في جنيف")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: glossary conflict: `جنيف` is `Genf`",
        ))
        .stderr(predicate::str::contains("overriding `Geneva`"));
    let json: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(json["matches"][0]["en"], "Genf");
}

#[test]
fn reads_tsv_glossaries() {
    let sandbox = Sandbox::new();
    let tsv = fixture_str("glossary.tsv");
    let assert = sandbox
        .cmd(&["terms", "--no-default-glossary", "-g", &tsv, "-f", "json"])
        .write_stdin("اجتمع مجلس الأمن في جنيف مع وزير الخارجية")
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    let types: Vec<&str> = json["matches"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["org", "place", "term"]);
}

#[test]
fn no_glossary_at_all_is_a_usage_error() {
    Sandbox::new()
        .cmd(&["terms", "--no-default-glossary"])
        .write_stdin("نص")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: no glossary to match against",
        ))
        .stderr(predicate::str::contains("hint:"));
}

#[test]
fn empty_input_gives_no_matches() {
    let sandbox = Sandbox::new();
    assert!(json_matches(&sandbox, &[], "").is_empty());
}

/// Runs `terms` with `glossary` written to a file and expects exit 2 with
/// `message` on the first line of standard error.
fn refused(name: &str, glossary: impl AsRef<[u8]>, message: &str) -> String {
    let sandbox = Sandbox::new();
    sandbox.write(name, glossary);
    let assert = sandbox
        .cmd(&["terms", "--no-default-glossary", "-g", name])
        .write_stdin("جنيف")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("hint:"));
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

#[test]
fn bad_glossaries_are_refused_with_file_line_and_column() {
    let stderr = refused(
        "g.yaml",
        "entries:\n  - ar: جنيف\n    en: Geneva\n    colour: blue\n",
        "unknown field `colour`",
    );
    assert!(
        stderr.starts_with("tarjama: entries[0]: unknown field `colour`"),
        "{stderr}"
    );
    assert!(stderr.contains(": g.yaml:4:5\n"), "{stderr}");
    refused("g.yaml", "entries:\n  - ar: جنيف\n", "missing field `en`");
    refused(
        "g.yaml",
        "entries:\n  - ar: جنيف\n    en: [Geneva]\n",
        "invalid type",
    );
    refused(
        "g.yaml",
        "entries:\n  - ar: جنيف\n    en: Geneva\n  ar: x\n",
        "g.yaml:",
    );
    refused(
        "g.yaml",
        "جنيف: Geneva\nجنيف: Genf\n",
        "duplicate key `جنيف`: g.yaml:2:1",
    );
    refused("g.yaml", "entries:\n\t- ar: جنيف\n", "g.yaml:2:");
    refused("g.yaml", "", "the glossary has no entries: g.yaml");
    refused(
        "g.yaml",
        b"\xffab",
        "invalid UTF-8 at byte offset 0: g.yaml",
    );
    refused(
        "g.tsv",
        "جنيف Geneva\n",
        "no tab on the line in a TSV glossary: g.tsv:1",
    );
    refused("missing.yaml", "", "no entries");
}

#[test]
fn errors_quoting_huge_values_stay_short() {
    let huge = format!(
        "entries:\n  - ar: جنيف\n    en: [{}]\n",
        "ا".repeat(5_000_000)
    );
    let stderr = refused("g.yaml", huge, "invalid type");
    assert!(stderr.len() < 1000, "{} bytes", stderr.len());
}

#[test]
fn missing_glossary_names_the_path() {
    Sandbox::new()
        .cmd(&["terms", "--no-default-glossary", "-g", "nowhere.yaml"])
        .write_stdin("جنيف")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: cannot read the glossary",
        ))
        .stderr(predicate::str::contains("nowhere.yaml"));
}

#[test]
fn alias_bombs_are_refused_quickly() {
    let mut bomb = String::from(
        "entries:\n  - ar: جنيف\n    en: Geneva\n    note: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for (level, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        bomb.push_str(&format!(
            "  - ar: x{level}\n    en: y\n    variants: &{level} [{refs}]\n"
        ));
    }
    refused("bomb.yaml", bomb, "g");
}

#[test]
fn bom_crlf_and_a_huge_entry_are_fine() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "g.yaml",
        "\u{feff}entries:\r\n  - ar: جنيف\r\n    en: Geneva\r\n",
    );
    let huge = format!(
        "entries:\n  - ar: {}\n    en: Big\n  - ar: جنيف\n    en: Geneva\n",
        "ا".repeat(5_000_000)
    );
    sandbox.write("huge.yaml", huge);
    for name in ["g.yaml", "huge.yaml"] {
        let assert = sandbox
            .cmd(&["terms", "--no-default-glossary", "-g", name, "-f", "json"])
            .write_stdin("في جنيف")
            .assert()
            .success();
        let json: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
        assert_eq!(json["matches"][0]["en"], "Geneva", "{name}");
    }
}

#[test]
fn large_glossaries_are_compiled_once_and_recompiled_when_changed() {
    let sandbox = Sandbox::new();
    let letters = [
        'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ',
    ];
    let mut tsv = String::new();
    for n in 0..60_000usize {
        let word: String = (0..4).map(|k| letters[(n >> (4 * k)) & 15]).collect();
        tsv.push_str(&format!("{word}ان\tterm {n}\n"));
    }
    tsv.push_str("جنيف\tGeneva\tplace\n");
    sandbox.write("big.tsv", &tsv);
    let run = || {
        let assert = sandbox
            .cmd(&[
                "terms",
                "--no-default-glossary",
                "-g",
                "big.tsv",
                "-f",
                "json",
            ])
            .write_stdin("في جنيف وبتثجان")
            .assert()
            .success();
        let json: Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
        json["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["en"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), ["Geneva", "term 12816"]);
    let cache = sandbox.path().join(".cache/tarjama/glossaries");
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
    assert_eq!(run(), ["Geneva", "term 12816"]);
    sandbox.write("big.tsv", tsv.replace("Geneva", "Genf"));
    assert_eq!(run(), ["Genf", "term 12816"]);
    assert_eq!(std::fs::read_dir(&cache).unwrap().count(), 1);
}
