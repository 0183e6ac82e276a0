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

/// A sandbox with an article, a translated TSV and a TM of a few hundred
/// units.
fn with_memory() -> Sandbox {
    let sandbox = Sandbox::new();
    let article = "وصل الوفد إلى جنيف يوم الاثنين. وقال إن المحادثات ستبدأ غدا.\n".repeat(300);
    sandbox.write("article.txt", &article);
    let mut tsv = String::from("source\ttarget\n");
    for n in 0..300 {
        tsv.push_str(&format!(
            "وصل الوفد {n} إلى جنيف.\tThe delegation {n} arrived in Geneva.\n"
        ));
    }
    sandbox.write("done.tsv", &tsv);
    sandbox
        .cmd(&["tm", "import", "--tm", "tm.sqlite", "done.tsv"])
        .assert()
        .success();
    sandbox
}

#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_every_command_quietly_with_success() {
    let sandbox = with_memory();
    let commands: [&[&str]; 20] = [
        &["split", "article.txt"],
        &["split", "-f", "json", "article.txt"],
        &["terms", "-f", "json", "article.txt"],
        &["terms", "article.txt"],
        &["translate", "-f", "tsv", "article.txt"],
        &["translate", "-f", "xliff", "article.txt"],
        &["brief", "-f", "html", "article.txt"],
        &["summarize", "-f", "json", "article.txt"],
        &["summarize", "article.txt"],
        &["lookup", "-f", "csv", "article.txt"],
        &[
            "tm",
            "lookup",
            "--tm",
            "tm.sqlite",
            "-f",
            "json",
            "article.txt",
        ],
        &["tm", "search", "--tm", "tm.sqlite", "-f", "json", "جنيف"],
        &["tm", "export", "--tm", "tm.sqlite"],
        &["tm", "stats", "--tm", "tm.sqlite"],
        &["check", "-f", "tsv", "done.tsv"],
        &["glossary", "export", "-f", "yaml"],
        &["glossary", "export", "-f", "tbx"],
        &["glossary", "show"],
        &["man"],
        &["completions", "bash"],
    ];
    for args in commands {
        // The reading end is closed before the command writes a byte.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = sandbox.process(args).stdout(writer).output().unwrap();
        assert_eq!(
            (
                output.status.code(),
                String::from_utf8_lossy(&output.stderr)
            ),
            (Some(0), "".into()),
            "{args:?}"
        );
    }
}

#[test]
fn the_output_extension_picks_the_format_when_none_is_given() {
    let sandbox = with_memory();
    let cases: [(&[&str], &str, &str); 12] = [
        (
            &["tm", "export", "--tm", "tm.sqlite"],
            "memory.tsv",
            "وصل الوفد",
        ),
        (
            &["tm", "export", "--tm", "tm.sqlite"],
            "memory.tmx",
            "<?xml",
        ),
        (
            &["lookup", "article.txt"],
            "g.csv",
            "term,english,how,score,type\n",
        ),
        (&["lookup", "article.txt"], "g.json", "["),
        (&["glossary", "export"], "all.tbx", "<?xml"),
        (&["glossary", "export"], "all.tsv", ""),
        (&["split", "article.txt"], "s.json", "[\n"),
        (&["terms", "article.txt"], "t.json", "{\"matches\":["),
        (&["summarize", "article.txt"], "s.md", "Summary: "),
        (&["check", "done.tsv"], "c.json", "{"),
        (
            &["tm", "lookup", "--tm", "tm.sqlite", "article.txt"],
            "l.tsv",
            "1\t",
        ),
        (
            &["tm", "search", "--tm", "tm.sqlite", "جنيف"],
            "s.json",
            "[",
        ),
    ];
    for (command, output, start) in cases {
        let mut args = command.to_vec();
        args.extend(["-o", output]);
        sandbox.cmd(&args).assert().success();
        let written = std::fs::read_to_string(sandbox.path().join(output)).unwrap();
        assert!(written.starts_with(start), "{args:?}: {written:.80}");
        assert!(!written.is_empty(), "{args:?}");
    }
    // A glossary in TSV: one line per Arabic form, no YAML.
    let tsv = std::fs::read_to_string(sandbox.path().join("all.tsv")).unwrap();
    assert!(!tsv.contains("entries:") && tsv.lines().all(|line| line.contains('\t')));
    // --format wins; a name without an extension gets the default.
    sandbox
        .cmd(&["split", "-f", "json", "article.txt", "-o", "plain.txt"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(sandbox.path().join("plain.txt"))
            .unwrap()
            .starts_with("[\n")
    );
    sandbox
        .cmd(&["tm", "export", "--tm", "tm.sqlite", "-o", "memory"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(sandbox.path().join("memory"))
            .unwrap()
            .starts_with("<?xml")
    );
}

#[test]
fn an_output_extension_no_format_has_is_refused() {
    let sandbox = with_memory();
    let cases: [(&[&str], &str, &str); 7] = [
        (
            &["tm", "export", "--tm", "tm.sqlite"],
            "memory.csv",
            ".tmx, .tsv, .tab or .txt",
        ),
        (
            &["lookup", "article.txt"],
            "g.xlsx",
            ".tsv, .tab, .txt, .csv, .json, .md or .markdown",
        ),
        (&["glossary", "export"], "all.xml", ".tbx"),
        (&["split", "article.txt"], "s.csv", ".txt or .json"),
        (
            &["check", "done.tsv"],
            "c.html",
            ".txt, .json, .tsv or .tab",
        ),
        (&["glossary", "show"], "list.yaml", ".txt"),
        (&["translate", "article.txt"], "out.docx", ".xlf"),
    ];
    for (command, output, known) in cases {
        let mut args = command.to_vec();
        args.extend(["-o", output]);
        let extension = output.rsplit('.').next().unwrap();
        sandbox
            .cmd(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(format!(
                "tarjama: cannot tell the output format from the extension `.{extension}`: {output}\n"
            )))
            .stderr(predicate::str::contains(known));
        assert!(!sandbox.path().join(output).exists(), "{args:?}");
    }
}

#[test]
fn every_manual_page_the_main_page_names_is_written() {
    let sandbox = Sandbox::new();
    let assert = sandbox.cmd(&["man"]).assert().success();
    let page = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    sandbox
        .cmd(&["man", "--dir", "pages"])
        .assert()
        .success()
        .stderr(predicate::str::contains("manual pages written to pages"));
    let pages = sandbox.path().join("pages");
    assert_eq!(
        std::fs::read_to_string(pages.join("tarjama.1")).unwrap(),
        page
    );
    // Every page named on a page (`tarjama\-brief(1)`) exists, down to
    // `tarjama-tm-import`.
    let mut named = 0;
    for entry in std::fs::read_dir(&pages).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            if let Some(name) = line.strip_suffix("(1)") {
                let name = name.replace("\\-", "-");
                let sub = std::fs::read_to_string(pages.join(format!("{name}.1")));
                assert!(sub.unwrap().contains(&format!(".TH {name} 1")), "{name}(1)");
                named += 1;
            }
        }
    }
    assert!(named >= 20, "{named} pages named");
    assert!(pages.join("tarjama-tm-import.1").is_file());
}
