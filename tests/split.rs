//! `tarjama split` as a user runs it.

use crate::util::Sandbox;
use predicates::prelude::*;

#[test]
fn one_sentence_per_line_from_a_file() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "article.txt",
        "قال الوزير إن المحادثات مفيدة. وأضاف أنها ستستمر؟\n",
    );
    sandbox
        .cmd(&["split", "article.txt"])
        .assert()
        .success()
        .stdout("قال الوزير إن المحادثات مفيدة.\nوأضاف أنها ستستمر؟\n");
}

#[test]
fn reads_standard_input_and_strips_the_byte_order_mark() {
    Sandbox::new()
        .cmd(&["split", "-"])
        .write_stdin("\u{feff}وصل الوفد إلى جنيف.\r\nوبدأت المحادثات.\r\n")
        .assert()
        .success()
        .stdout("وصل الوفد إلى جنيف.\nوبدأت المحادثات.\n");
}

#[test]
fn json_offsets_count_characters() {
    let output = Sandbox::new()
        .cmd(&["split", "--format", "json"])
        .write_stdin("وصل الوفد. بدأت")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let records: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(
        records,
        serde_json::json!([
            {"id": 1, "start": 0, "end": 10, "text": "وصل الوفد."},
            {"id": 2, "start": 11, "end": 15, "text": "بدأت"}
        ])
    );
}

#[test]
fn empty_input_prints_nothing() {
    Sandbox::new()
        .cmd(&["split"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("");
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    Sandbox::new()
        .cmd(&["split"])
        .write_stdin(b"\xd8\xa7\xd8\xa8\xff".to_vec())
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "tarjama: invalid UTF-8 at byte offset 4: <stdin>",
        ));
}

#[test]
fn output_file_is_written_whole() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&["split", "-o", "out.txt"])
        .write_stdin("جملة أولى. جملة ثانية.")
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(sandbox.path().join("out.txt")).unwrap();
    assert_eq!(written, "جملة أولى.\nجملة ثانية.\n");
}

#[test]
fn unwritable_output_leaves_nothing_behind() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&["split", "-o", "no/such/dir/out.txt"])
        .write_stdin("جملة.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir/out.txt"));
    assert!(!sandbox.path().join("no").exists());
}

#[test]
fn closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let sandbox = Sandbox::new();
    let path = sandbox.write("long.txt", "جملة قصيرة. ".repeat(200_000));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("tarjama"))
        .arg("split")
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "exit status {:?}", output.status);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
