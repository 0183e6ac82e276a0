//! `tarjama lookup`: batch translation of term lists.

use crate::util::{Sandbox, fixture};
use predicates::prelude::*;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

/// `lookup` with the planted-set glossary only.
fn lookup(sandbox: &Sandbox, extra: &[&str]) -> assert_cmd::Command {
    let glossary = fixture("check/glossary.yaml");
    let mut args = vec!["lookup", "--no-default-glossary", "-g", &glossary];
    args.extend_from_slice(extra);
    sandbox.cmd(&args)
}

fn stdout(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

#[test]
fn tsv_follows_the_contract_one_line_per_input_line() {
    let sandbox = Sandbox::new();
    let input = "كييف\nالناتو\nكِييف\nبالناتو\nوللأمم المتحدة\nكييفو\n\nبرلين\nNATO\nقمة G20\nكييف\n";
    let output = stdout(lookup(&sandbox, &[]).write_stdin(input).assert().success());
    assert_eq!(
        output,
        "كييف\tKyiv\texact\t100\tplace\n\
         الناتو\tNATO\tvariant\t100\torg\n\
         كِييف\tKyiv\tnormalized\t100\tplace\n\
         بالناتو\tNATO\tclitic\t100\torg\n\
         وللأمم المتحدة\tUnited Nations\tclitic\t100\torg\n\
         كييفو\tsuggestions: كييف = Kyiv (80)\tfuzzy\t80\t\n\
         \t\tempty\t\t\n\
         برلين\t\tnone\t\t\n\
         NATO\t\tnot-arabic\t\t\n\
         قمة G20\t\tmixed-script\t\t\n\
         كييف\tKyiv\texact\t100\tplace\n"
    );
}

#[test]
fn old_mac_line_ends_give_one_answer_per_line() {
    let sandbox = Sandbox::new();
    let output = stdout(
        lookup(&sandbox, &[])
            .write_stdin("كييف\rالناتو\r\nبرلين\r")
            .assert()
            .success(),
    );
    assert_eq!(
        output,
        "كييف\tKyiv\texact\t100\tplace\n\
         الناتو\tNATO\tvariant\t100\torg\n\
         برلين\t\tnone\t\t\n"
    );
    sandbox.write("tm.tsv", "المعبر الحدودي\tthe border crossing\rنعم\tyes\r");
    sandbox
        .cmd(&["tm", "import", "--tm", "tm.sqlite", "tm.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 added"));
    let output = stdout(
        sandbox
            .cmd(&["tm", "lookup", "--tm", "tm.sqlite", "-f", "tsv"])
            .write_stdin("نعم\rالمعبر الحدودي\r")
            .assert()
            .success(),
    );
    assert_eq!(
        output,
        "1\t100\tنعم\tyes\n2\t100\tالمعبر الحدودي\tthe border crossing\n"
    );
}

#[test]
fn answers_from_the_translation_memory() {
    let sandbox = Sandbox::new();
    sandbox.write("tm.tsv", "المعبر الحدودي\tthe border crossing\n");
    sandbox
        .cmd(&["tm", "import", "--tm", "tm.sqlite", "tm.tsv"])
        .assert()
        .success();
    let output = stdout(
        lookup(&sandbox, &["--tm", "tm.sqlite"])
            .write_stdin("المعبر الحدودي\nالمعبر\n")
            .assert()
            .success(),
    );
    assert_eq!(
        output,
        "المعبر الحدودي\tthe border crossing\ttm\t100\t\nالمعبر\t\tnone\t\t\n"
    );
}

#[test]
fn reads_a_column_by_number_or_header_name() {
    let sandbox = Sandbox::new();
    sandbox.write("list.tsv", "1\tموسكو\tx\n2\tجنيف\ty\n");
    let output = stdout(
        lookup(&sandbox, &["--column", "2", "list.tsv"])
            .assert()
            .success(),
    );
    assert_eq!(
        output,
        "موسكو\tMoscow\texact\t100\tplace\nجنيف\tGeneva\texact\t100\tplace\n"
    );
    sandbox.write(
        "names.csv",
        "n,Arabic Name\n1,\"طهران\"\n2,\"بكين, \"\"العاصمة\"\"\"\n3,\"أنقرة\n\"\n",
    );
    let output = stdout(
        lookup(
            &sandbox,
            &["--column", "arabic name", "-f", "json", "names.csv"],
        )
        .assert()
        .success(),
    );
    let rows: Value = serde_json::from_str(&output).unwrap();
    let rows = rows.as_array().unwrap();
    let lines: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["term"].as_str().unwrap(),
                r["how"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (2, "طهران", "exact"),
            (3, "بكين, \"العاصمة\"", "none"),
            (4, "أنقرة", "exact")
        ]
    );
}

#[test]
fn bad_rows_and_columns_name_their_line() {
    let sandbox = Sandbox::new();
    sandbox.write("list.tsv", "1\tموسكو\n2\n");
    lookup(&sandbox, &["--column", "2", "list.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: 1 columns, --column 2 needs 2: list.tsv:2\nhint:",
        ));
    sandbox.write("named.csv", "id,term\n");
    lookup(&sandbox, &["--column", "arabic", "named.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no column `arabic` in the header: named.csv:1",
        ))
        .stderr(predicate::str::contains("hint: the header names id, term"));
    sandbox.write("open.csv", "\"موسكو\n");
    lookup(&sandbox, &["open.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "a quoted cell is not closed: open.csv:1",
        ));
    sandbox.write("latin1.txt", b"\xd9\x85\n\xe9t\xe9\n");
    lookup(&sandbox, &["latin1.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid UTF-8 at byte offset 3"));
    lookup(&sandbox, &["--column", "0"]).assert().code(2);
}

#[test]
fn spreadsheet_formats_neutralize_formulas() {
    let sandbox = Sandbox::new();
    sandbox.write("sheet.tsv", "صيغة\t=HYPERLINK(\"http://x\")\n");
    let args = ["lookup", "--no-default-glossary", "-g", "sheet.tsv"];
    let csv = stdout(
        sandbox
            .cmd(&[&args[..], &["-f", "csv"]].concat())
            .write_stdin("صيغة\n-1\n")
            .assert()
            .success(),
    );
    assert_eq!(
        csv,
        "term,english,how,score,type\n\
         صيغة,\"'=HYPERLINK(\"\"http://x\"\")\",exact,100,term\n\
         '-1,,not-arabic,,\n"
    );
    let tsv = stdout(sandbox.cmd(&args).write_stdin("صيغة\n").assert().success());
    assert_eq!(tsv, "صيغة\t'=HYPERLINK(\"http://x\")\texact\t100\tterm\n");
    let md = stdout(
        sandbox
            .cmd(&[&args[..], &["-f", "md"]].concat())
            .write_stdin("صيغة\n")
            .assert()
            .success(),
    );
    assert!(
        md.contains("| صيغة | =HYPERLINK(\"http://x\") | exact | 100 | term |"),
        "{md}"
    );
}

#[test]
fn first_answers_come_before_the_input_ends() {
    let sandbox = Sandbox::new();
    let glossary = fixture("check/glossary.yaml");
    let mut child = sandbox
        .process(&["lookup", "--no-default-glossary", "-g", &glossary])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let output = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(output).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    input.write_all("جنيف\n".as_bytes()).unwrap();
    input.flush().unwrap();
    let first = received.recv_timeout(Duration::from_secs(30));
    input.write_all("موسكو\n".as_bytes()).unwrap();
    drop(input);
    assert_eq!(first.unwrap(), "جنيف\tGeneva\texact\t100\tplace");
    assert_eq!(
        received.recv_timeout(Duration::from_secs(30)).unwrap(),
        "موسكو\tMoscow\texact\t100\tplace"
    );
    assert!(child.wait().unwrap().success());
    reader.join().unwrap();
}
