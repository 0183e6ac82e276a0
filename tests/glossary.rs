//! `tarjama glossary lint|show|export|import`.

use crate::util::Sandbox;
use predicates::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn lint_passes_a_clean_glossary() {
    Sandbox::new()
        .cmd(&["glossary", "lint", &fixture("glossary")])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains("11 entries, no problems found"));
}

#[test]
fn lint_reports_one_finding_per_line_and_exits_1() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "a.yaml",
        "entries:\n  - ar: جنيف\n    en: Geneva\n  - ar: 'جنيف '\n    en: Geneva\n    avoid: [Geneva]\n  - ar: لبنان\n    en: Lebanon\n  - ar: بنان\n    en: Banan\n",
    );
    sandbox.write("b.yaml", "جنيف: Genf\n");
    let assert = sandbox
        .cmd(&["glossary", "lint", "a.yaml", "b.yaml"])
        .assert()
        .code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "a.yaml:4: `ar` has leading or trailing spaces: `جنيف `",
            "a.yaml:4: avoid `Geneva` is the entry's own English",
            "a.yaml:4: duplicate entry `جنيف ` (also at a.yaml:2)",
            "a.yaml:9: `ل` + `بنان` is read as `لبنان` (a.yaml:7), so it is never found with that proclitic",
            "b.yaml:1: `جنيف` is `Genf` here but `Geneva` in a.yaml:2",
        ]
    );
}

#[test]
fn lint_of_broken_yaml_is_a_usage_error() {
    let sandbox = Sandbox::new();
    sandbox.write("a.yaml", "entries:\n  - ar: [\n");
    sandbox
        .cmd(&["glossary", "lint", "a.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.yaml:"));
}

#[test]
fn show_lists_and_finds() {
    let assert = Sandbox::new()
        .cmd(&["glossary", "show", &fixture("glossary"), "--find", "لافروف"])
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("سيرغي لافروف → Sergei Lavrov  [person]\n    variants: سيرجي لافروف\n    avoid: Sergey Lavroff\n"), "{stdout}");
    assert!(stdout.ends_with("2 entries\n"), "{stdout}");
    Sandbox::new()
        .cmd(&["glossary", "show", &fixture("glossary"), "--find", "nato"])
        .assert()
        .success()
        .stdout(predicate::str::contains("حلف شمال الأطلسي → NATO"))
        .stdout(predicate::str::ends_with("1 entries\n"));
}

#[test]
fn export_and_import_round_trip_through_tbx_and_tsv() {
    let sandbox = Sandbox::new();
    let folder = fixture("glossary");
    sandbox
        .cmd(&[
            "glossary", "export", &folder, "-f", "yaml", "-o", "all.yaml",
        ])
        .assert()
        .success();
    sandbox
        .cmd(&["glossary", "export", &folder, "-f", "tbx", "-o", "all.tbx"])
        .assert()
        .success();
    sandbox
        .cmd(&["glossary", "import", "all.tbx", "-o", "back.yaml"])
        .assert()
        .success();
    let original = std::fs::read_to_string(sandbox.path().join("all.yaml")).unwrap();
    let back = std::fs::read_to_string(sandbox.path().join("back.yaml")).unwrap();
    assert_eq!(back, original);
    insta::assert_snapshot!(original);

    let assert = sandbox
        .cmd(&["glossary", "export", &folder, "-f", "tsv"])
        .assert()
        .success();
    let tsv = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(tsv.starts_with("جنيف\tGeneva\n"), "{tsv}");
    assert!(tsv.contains("\nسيرغي لافروف\tSergei Lavrov\tperson: Russian foreign minister\nسيرجي لافروف\tSergei Lavrov\tperson: Russian foreign minister\n"), "{tsv}");
    sandbox
        .cmd(&["glossary", "import", &fixture("glossary.tsv")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "- ar: وزير الخارجية\n  en: Foreign Minister\n  note: the usual title\n",
        ));
}

#[test]
fn a_failed_import_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "evil.tbx",
        "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<martif><text><body><termEntry><langSet xml:lang=\"ar\"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>\n",
    );
    sandbox
        .cmd(&["glossary", "import", "evil.tbx", "-o", "out.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: unknown entity `&xxe;`: evil.tbx:3",
        ));
    assert!(!sandbox.path().join("out.yaml").exists());
}

#[test]
fn the_conflict_warning_gives_a_command_that_lists_them_all() {
    let sandbox = Sandbox::new();
    // Forty built-in keys given other English: more conflicts than shown.
    let assert = sandbox
        .cmd(&["glossary", "export", "-f", "tsv"])
        .assert()
        .success();
    let builtin = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let mine: String = builtin
        .lines()
        .take(40)
        .enumerate()
        .map(|(n, line)| format!("{}\tOther {n}\n", line.split('\t').next().unwrap()))
        .collect();
    sandbox.write("my terms.tsv", mine);
    let assert = sandbox
        .cmd(&["terms", "-g", "my terms.tsv"])
        .write_stdin("جنيف")
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    let last = stderr.lines().last().unwrap();
    let command = "tarjama glossary lint --with-default-glossary 'my terms.tsv'";
    assert!(
        last.contains(&format!("(`{command}` lists them)")),
        "{last}"
    );
    let shown = stderr.matches("glossary conflict:").count();
    let more: usize = last
        .trim_start_matches("tarjama: warning: ")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    // The command it gives reports every one of them.
    let assert = sandbox
        .cmd(&[
            "glossary",
            "lint",
            "--with-default-glossary",
            "my terms.tsv",
        ])
        .assert()
        .code(1);
    let lint = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    let conflicts = lint
        .lines()
        .filter(|line| line.contains(" here but "))
        .count();
    assert_eq!(conflicts, shown + more, "{lint}");
    // Without it, lint sees no conflict: the built-in glossary is left out.
    sandbox
        .cmd(&["glossary", "lint", "my terms.tsv"])
        .assert()
        .success();
}

#[test]
fn lint_reports_sides_in_the_wrong_script() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "bad.yaml",
        "entries:\n  - ar: Lebanon\n    en: Lebanon\n  - ar: لبنان\n    en: لبنان\n  - ar: سوريا\n    en: \"???\"\n  - ar: مصر\n    en: ~\n  - ar: Jordan\n    en: الأردن\n",
    );
    sandbox
        .cmd(&["glossary", "lint", "bad.yaml"])
        .assert()
        .code(1)
        .stdout(
            "bad.yaml:2: `ar` has no Arabic letter: `Lebanon`\n\
             bad.yaml:4: `en` has Arabic letters: `لبنان`\n\
             bad.yaml:6: `en` has no letters or digits: `???`\n\
             bad.yaml:8: `en` has no letters or digits: `~` (YAML reads `en: ~` as the text `~`)\n\
             bad.yaml:10: `ar` and `en` look swapped: `ar: Jordan`, `en: الأردن`\n",
        );
}

#[test]
fn tsv_glossaries_skip_their_header_and_refuse_swapped_columns() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "terms.tsv",
        "Arabic\tEnglish\tComment\nجنيف\tGeneva\tplace\n",
    );
    sandbox
        .cmd(&["glossary", "import", "terms.tsv"])
        .assert()
        .success()
        .stdout("entries:\n- ar: جنيف\n  en: Geneva\n  type: place\n");
    sandbox.write("swapped.tsv", "Geneva\tجنيف\n");
    sandbox
        .cmd(&["glossary", "lint", "swapped.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: the columns look swapped: `Geneva` has no Arabic letter and `جنيف` is Arabic: swapped.tsv:1\n",
        ));
}

#[test]
fn import_of_a_yaml_glossary_says_what_import_is_for() {
    let sandbox = Sandbox::new();
    sandbox.write("names.yaml", "جنيف: Geneva\n");
    sandbox
        .cmd(&["glossary", "import", "names.yaml"])
        .assert()
        .code(2)
        .stderr(
            "tarjama: this is a YAML glossary already: names.yaml\n\
             hint: `glossary import` turns a TSV (OmegaT) or TBX glossary into YAML; use this one as it is (--glossary names.yaml), or check it with `tarjama glossary lint names.yaml`\n",
        );
}

#[test]
fn tsv_export_says_what_the_layout_leaves_out_and_tbx_keeps_the_type_apart() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "g.yaml",
        "entries:\n  - ar: أوكرانيا\n    en: Ukraine\n    type: place\n    avoid: [the Ukraine]\n    note: a country\n",
    );
    sandbox
        .cmd(&["glossary", "export", "g.yaml", "-f", "tsv"])
        .assert()
        .success()
        .stdout("أوكرانيا\tUkraine\tplace: a country\n")
        .stderr(
            "tarjama: warning: the TSV layout (arabic, english, comment) has no room for `avoid` and `long`: 1 entry loses its avoid list\n\
             hint: `-f yaml` or `-f tbx` keeps every field\n",
        );
    let tbx = sandbox
        .cmd(&["glossary", "export", "g.yaml", "-f", "tbx"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let tbx = String::from_utf8(tbx).unwrap();
    assert!(!tbx.contains("subjectField"), "{tbx}");
    assert!(
        tbx.contains("<note>type: place</note>\n      <note>a country</note>"),
        "{tbx}"
    );
    assert!(
        tbx.contains("<termNote type=\"partOfSpeech\">properNoun</termNote>"),
        "{tbx}"
    );
}
