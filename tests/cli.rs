//! Behaviour shared by every command: help, errors, exit codes, pipes.

use crate::util::Sandbox;
use predicates::prelude::*;

#[test]
fn help_lists_every_command_with_examples() {
    let sandbox = Sandbox::new();
    let assert = sandbox.cmd(&["--help"]).assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for command in [
        "split",
        "terms",
        "translate",
        "summarize",
        "brief",
        "tm",
        "glossary",
        "check",
        "lookup",
        "completions",
        "man",
    ] {
        assert!(help.contains(command), "--help does not mention {command}");
    }
    assert!(help.contains("Examples:"));
}

#[test]
fn unknown_option_is_a_usage_error() {
    Sandbox::new()
        .cmd(&["split", "--no-such-option"])
        .assert()
        .code(2);
}

#[test]
fn missing_file_names_the_file() {
    Sandbox::new()
        .cmd(&["split", "missing.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: cannot read the input",
        ))
        .stderr(predicate::str::contains("missing.txt"));
}

#[test]
fn completions_and_man_page_are_generated() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("tarjama"));
    sandbox
        .cmd(&["man"])
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH tarjama"));
}
