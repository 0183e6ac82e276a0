//! `tarjama check`: QA of translated bilingual files, measured on the
//! planted-error set in `tests/fixtures/check` (71 segments, 47 clean).

use crate::util::{Sandbox, fixture};
use predicates::prelude::*;
use serde_json::Value;

/// `check` with the fixture glossary only.
fn check(sandbox: &Sandbox, extra: &[&str]) -> assert_cmd::assert::Assert {
    check_cmd(sandbox, extra).assert()
}

fn check_cmd(sandbox: &Sandbox, extra: &[&str]) -> assert_cmd::Command {
    let glossary = fixture("check/glossary.yaml");
    let mut args = vec!["check", "--no-default-glossary", "-g", &glossary];
    args.extend_from_slice(extra);
    sandbox.cmd(&args)
}

/// (segment, kind) of every finding of a JSON report, sorted.
fn found(output: &[u8]) -> Vec<(String, String)> {
    let report: Value = serde_json::from_slice(output).unwrap();
    let mut found: Vec<(String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["segment"].as_str().unwrap().to_owned(),
                f["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    found.sort();
    found
}

/// The planted findings, sorted; those marked `tm` only `with_tm`.
fn planted(with_tm: bool) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(fixture("check/expected.tsv")).unwrap();
    let mut planted: Vec<(String, String)> = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|fields| with_tm || fields[2] != "tm")
        .map(|fields| (fields[0].to_owned(), fields[1].to_owned()))
        .collect();
    planted.sort();
    planted
}

#[test]
fn planted_set_every_finding_and_none_on_clean_segments() {
    let sandbox = Sandbox::new();
    for file in ["check/planted.tsv", "check/planted.xlf"] {
        let output = check(&sandbox, &["-f", "json", &fixture(file)])
            .code(1)
            .get_output()
            .stdout
            .clone();
        assert_eq!(found(&output), planted(false), "{file}");
    }
    let expected = planted(false);
    let kinds: std::collections::BTreeSet<&str> =
        expected.iter().map(|(_, kind)| kind.as_str()).collect();
    assert_eq!(kinds.len(), 6, "every kind is planted: {kinds:?}");
}

#[test]
fn planted_set_against_a_translation_memory() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&[
            "tm",
            "import",
            "--tm",
            "tm.sqlite",
            &fixture("check/tm.tsv"),
        ])
        .assert()
        .success();
    let output = check(
        &sandbox,
        &[
            "--tm",
            "tm.sqlite",
            "-f",
            "json",
            &fixture("check/planted.tsv"),
        ],
    )
    .code(1)
    .get_output()
    .stdout
    .clone();
    assert_eq!(found(&output), planted(true));
}

#[test]
fn json_findings_carry_id_kind_severity_message_and_words() {
    let sandbox = Sandbox::new();
    let output = check(&sandbox, &["-f", "json", &fixture("check/planted.xlf")])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["segments"], 71);
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["segment"] == "37")
        .unwrap();
    assert_eq!(finding["kind"], "term-avoided");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["source_words"], "كييف");
    assert_eq!(finding["target_words"], "Kiev");
    assert_eq!(finding["expected"], "Kyiv");
    assert!(finding["message"].as_str().unwrap().contains("Kiev"));
}

#[test]
fn text_report_groups_findings_by_segment() {
    let sandbox = Sandbox::new();
    check(&sandbox, &[&fixture("check/planted.tsv")])
        .code(1)
        .stdout(predicate::str::contains(
            "segment 57\n  ar: وقال لافروف إن ١٠ جنود قتلوا قرب كييف.\n  \
             en: Lavroff said 11 soldiers were killed near Kiev.\n  \
             error    term-avoided     «لافروف» is rendered «Lavroff»",
        ))
        .stdout(predicate::str::contains(
            "planted.tsv: 20 errors and 5 warnings in 23 of 71 segments",
        ));
}

#[test]
fn fail_on_decides_the_exit_code() {
    let sandbox = Sandbox::new();
    let warnings_only = "هل وصل الوفد؟\tDid the delegation arrive.\n";
    sandbox.write("warn.tsv", warnings_only);
    check(&sandbox, &["warn.tsv"]).success();
    check(&sandbox, &["--fail-on", "warning", "warn.tsv"]).code(1);
    sandbox.write(
        "clean.tsv",
        "وصل الوفد إلى جنيف.\tThe delegation arrived in Geneva.\n",
    );
    check(&sandbox, &["--fail-on", "warning", "clean.tsv"])
        .success()
        .stdout("clean.tsv: no findings in 1 segment\n");
}

#[test]
fn plain_tsv_from_standard_input_uses_line_numbers() {
    let sandbox = Sandbox::new();
    let output = check_cmd(&sandbox, &["-f", "json"])
        .write_stdin("وصل الوفد.\tThe delegation arrived.\n\nوقتل ٣ أشخاص.\tFour people died.\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        found(&output),
        [("3".to_owned(), "number-mismatch".to_owned())]
    );
}

#[test]
fn tsv_report_is_safe_in_spreadsheets() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "sheet.tsv",
        "id\tsource\ttarget\n=HYPERLINK(1)\tوقتل ٣ أشخاص.\t-4 people died.\n",
    );
    let output = check(&sandbox, &["-f", "tsv", "sheet.tsv"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "segment\tkind\tseverity\tmessage\tsource_words\ttarget_words\texpected\tother_segment"
        )
    );
    let row: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(row[0], "'=HYPERLINK(1)");
    assert_eq!(row[1], "number-mismatch");
    assert_eq!(row[4], "٣");
    assert_eq!(row[5], "4");
}

#[test]
fn bad_input_exits_2_with_its_place() {
    let sandbox = Sandbox::new();
    sandbox.write("broken.xlf", "<xliff version=\"1.2\"><file source-language=\"ar\"><body><trans-unit id=\"1\"><source>نعم");
    check(&sandbox, &["broken.xlf"])
        .code(2)
        .stderr(predicate::str::starts_with("tarjama: "))
        .stderr(predicate::str::contains("broken.xlf:1"));
    sandbox.write("short.tsv", "نعم\tYes\nلا\n");
    check(&sandbox, &["short.tsv"])
        .code(2)
        .stderr(predicate::str::contains("short.tsv:2"));
    sandbox.write("latin1.tsv", b"\xe9t\xe9\tsummer\n");
    check(&sandbox, &["latin1.tsv"])
        .code(2)
        .stderr(predicate::str::contains("invalid UTF-8 at byte offset 0"));
    check(&sandbox, &["missing.tsv"]).code(2);
}

#[test]
fn a_correct_rendering_is_never_taken_for_an_avoided_one() {
    // The command: the built-in entry of أوكرانيا avoids "the Ukraine".
    let sandbox = Sandbox::new();
    sandbox.write(
        "u.tsv",
        "source\ttarget\nزار الرئيس أوكرانيا أمس.\tThe president visited Ukraine yesterday.\n",
    );
    sandbox
        .cmd(&["check", "u.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("term-avoided").not())
        .stdout(predicate::str::contains("u.tsv: no findings in 1 segment"));
    // The avoided form itself is still flagged, as written.
    sandbox.write(
        "the.tsv",
        "source\ttarget\nزار الرئيس أوكرانيا أمس.\tThe president visited the Ukraine yesterday.\n",
    );
    sandbox
        .cmd(&["check", "the.tsv"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "«أوكرانيا» is rendered «the Ukraine», which the glossary says to avoid; use «Ukraine»",
        ));
}

#[test]
fn alternatives_of_an_entry_english_count_for_check_as_for_the_mt_warning() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "g.yaml",
        "entries:\n  - ar: المفاوضات\n    en: \"negotiations; talks\"\n",
    );
    sandbox.write(
        "n.tsv",
        "source\ttarget\nبدأت المفاوضات.\tThe talks began.\n",
    );
    let glossary = ["--no-default-glossary", "-g", "g.yaml"];
    let mut args = vec!["check"];
    args.extend(glossary);
    args.push("n.tsv");
    sandbox
        .cmd(&args)
        .assert()
        .success()
        .stdout(predicate::str::contains("term-missing").not());
    sandbox.write(
        "m.tsv",
        "source\ttarget\nبدأت المفاوضات.\tThe meeting began.\n",
    );
    args.pop();
    args.push("m.tsv");
    sandbox
        .cmd(&args)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "«المفاوضات» is «negotiations» or «talks» in the glossary; the target has neither",
        ));
    // The machine-translation warning accepts and refuses the same.
    for (english, warned) in [("The talks began.", false), ("The meeting began.", true)] {
        let mt = format!("echo '{english}'");
        let mut args = vec!["translate", "-f", "json", "--mt-cmd", &mt];
        args.extend(glossary);
        let output = sandbox
            .cmd(&args)
            .write_stdin("بدأت المفاوضات.")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let document: Value = serde_json::from_slice(&output).unwrap();
        let warnings = document["segments"][0]["warnings"].as_array().unwrap();
        assert_eq!(!warnings.is_empty(), warned, "{english}: {warnings:?}");
    }
}

#[test]
fn an_empty_file_says_it_checked_no_segment() {
    let sandbox = Sandbox::new();
    sandbox.write("empty.tsv", "");
    sandbox
        .cmd(&["check", "empty.tsv"])
        .assert()
        .success()
        .stdout("empty.tsv: checked 0 segments: the file has none\n")
        .stderr(predicate::str::contains(
            "warning: checked 0 segments: empty.tsv has none",
        ));
    let output = sandbox
        .cmd(&["check", "-f", "json", "empty.tsv"])
        .assert()
        .success()
        .stderr(predicate::str::contains("checked 0 segments"))
        .get_output()
        .stdout
        .clone();
    let report: Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(report["segments"], 0);
}
