//! `tarjama translate` as a user runs it.

use crate::output::sources_and_targets;
use crate::util::{SIMILAR_UNITS, Sandbox, add_units};
use predicates::prelude::*;
use std::fs;

const ARTICLE: &str = include_str!("fixtures/translate/water-talks.ar.txt");
const SHORT: &str = "وصل الوفد إلى جنيف. وبدأت المحادثات صباح الاثنين؟\n";

fn stdout_of(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.cmd(args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn markdown_table_on_standard_output_by_default() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    let markdown = stdout_of(
        &sandbox,
        &["translate", "--no-default-glossary", "article.txt"],
    );
    assert!(markdown.starts_with("# article.txt\n"));
    assert!(markdown.contains("| # | Arabic | English | match | terms |"));
    assert!(markdown.contains("| 7 | هل تنجح المحادثات هذه المرة؟ |  | none |  |"));
    assert_eq!(markdown.lines().filter(|l| l.starts_with("| ")).count(), 8);
}

#[test]
fn reads_standard_input() {
    Sandbox::new()
        .cmd(&["translate", "-f", "tsv", "--no-default-glossary"])
        .write_stdin(SHORT)
        .assert()
        .success()
        .stdout(
            "id\tsource\ttarget\torigin\tscore\tterms\tnote\n\
             1\tوصل الوفد إلى جنيف.\t\tnone\t\t\t\n\
             2\tوبدأت المحادثات صباح الاثنين؟\t\tnone\t\t\t\n",
        );
}

#[test]
fn json_names_the_document_and_its_segments() {
    let sandbox = Sandbox::new();
    sandbox.write("in/short.txt", SHORT);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sandbox,
        &[
            "translate",
            "-f",
            "json",
            "--no-default-glossary",
            "in/short.txt",
        ],
    ))
    .unwrap();
    assert_eq!(json["name"], "short.txt", "the folder is not revealed");
    assert_eq!(
        json["segments"][1]["source"],
        "وبدأت المحادثات صباح الاثنين؟"
    );
    assert_eq!(json["segments"][1]["start"], 20);
    assert_eq!(json["segments"][1]["origin"], "none");
    assert_eq!(json["segments"][1]["target"], serde_json::Value::Null);
    assert_eq!(json["terms"], serde_json::json!([]));
}

#[test]
fn html_page_marks_the_arabic_right_to_left() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    let html = stdout_of(&sandbox, &["translate", "--format", "html", "article.txt"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert_eq!(
        html.matches(r#"<td class="ar" dir="rtl" lang="ar">"#)
            .count(),
        7
    );
}

#[test]
fn xliff_versions_and_copied_sources() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    let xliff12 = stdout_of(&sandbox, &["translate", "-f", "xliff", "article.txt"]);
    assert!(xliff12.contains("urn:oasis:names:tc:xliff:document:1.2"));
    let (sources, targets) = sources_and_targets(&xliff12);
    assert_eq!(
        sources,
        ["وصل الوفد إلى جنيف.", "وبدأت المحادثات صباح الاثنين؟"]
    );
    assert!(targets.is_empty());

    let copied = stdout_of(
        &sandbox,
        &[
            "translate",
            "-f",
            "xliff",
            "--xliff-copy-source",
            "article.txt",
        ],
    );
    assert_eq!(copied.matches("<target state=\"new\">").count(), 2);
    assert_eq!(sources_and_targets(&copied).1, sources);

    let xliff20 = stdout_of(
        &sandbox,
        &[
            "translate",
            "-f",
            "xliff",
            "--xliff-version",
            "2",
            "article.txt",
        ],
    );
    assert!(xliff20.contains("urn:oasis:names:tc:xliff:document:2.0"));
    assert_eq!(sources_and_targets(&xliff20).0, sources);
}

#[test]
fn output_extension_picks_the_format() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    for (file, start) in [
        ("out.md", "# article.txt"),
        ("out.tsv", "id\tsource"),
        ("out.json", "{"),
        ("out.htm", "<!DOCTYPE html>"),
        ("out.XLF", "<?xml"),
        ("out.xliff", "<?xml"),
    ] {
        sandbox
            .cmd(&["translate", "article.txt", "-o", file])
            .assert()
            .success()
            .stdout("");
        let written = fs::read_to_string(sandbox.path().join(file)).unwrap();
        assert!(written.starts_with(start), "{file}: {written}");
    }
    // --format wins over the extension.
    sandbox
        .cmd(&["translate", "article.txt", "-f", "tsv", "-o", "sheet.txt"])
        .assert()
        .success();
    let sheet = fs::read_to_string(sandbox.path().join("sheet.txt")).unwrap();
    assert!(sheet.starts_with("id\tsource"));
}

#[test]
fn unknown_extension_is_refused_with_a_hint() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    sandbox
        .cmd(&["translate", "article.txt", "-o", "out.docx"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: cannot tell the output format from the extension `.docx`: out.docx\n\
             hint: name the file .md, .markdown, .tsv,",
        ));
    assert!(!sandbox.path().join("out.docx").exists());
}

#[test]
fn unwritable_output_leaves_nothing_behind() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    sandbox
        .cmd(&["translate", "article.txt", "-o", "no/such/dir/out.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/dir/out.md"));
    assert!(!sandbox.path().join("no").exists());
}

#[test]
fn never_replaces_its_own_input() {
    let sandbox = Sandbox::new();
    sandbox.write("notes.md", SHORT);
    sandbox
        .cmd(&["translate", "notes.md", "-o", "notes.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("would replace its own input"));
    assert_eq!(
        fs::read_to_string(sandbox.path().join("notes.md")).unwrap(),
        SHORT
    );
}

#[test]
fn hostile_text_is_escaped_in_every_format() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "hostile.txt",
        "قال <script>alert('x')</script> & \"نعم\"\tثم \u{202E}مقلوب.\n=1+2 سطر آخر.\n",
    );
    let html = stdout_of(&sandbox, &["translate", "-f", "html", "hostile.txt"]);
    assert!(!html.contains("<script") && !html.contains('\u{202E}'));
    let tsv = stdout_of(&sandbox, &["translate", "-f", "tsv", "hostile.txt"]);
    assert_eq!(tsv.lines().count(), 3);
    assert!(tsv.contains("\n2\t'=1+2 سطر آخر.\t"));
    let xliff = stdout_of(&sandbox, &["translate", "-f", "xliff", "hostile.txt"]);
    assert_eq!(
        sources_and_targets(&xliff).0[0],
        "قال <script>alert('x')</script> & \"نعم\"\tثم \u{202E}مقلوب."
    );
    let markdown = stdout_of(&sandbox, &["translate", "hostile.txt"]);
    assert!(
        markdown
            .contains("| 1 | قال \\<script\\>alert('x')\\</script\\> \\& \"نعم\" ثم \\[U+202E\\]")
    );
}

#[test]
fn empty_input_gives_an_empty_table() {
    Sandbox::new()
        .cmd(&["translate"])
        .write_stdin("")
        .assert()
        .success()
        .stdout("# \\<stdin\\>\n\nNo sentences.\n");
}

#[test]
fn batch_writes_one_output_per_input_into_the_folder() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", SHORT);
    sandbox.write("نص ب.txt", ARTICLE);
    sandbox
        .cmd(&["translate", "-f", "xliff", "a.txt", "نص ب.txt", "-o", "out"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    let a = fs::read_to_string(sandbox.path().join("out/a.xlf")).unwrap();
    assert_eq!(sources_and_targets(&a).0.len(), 2);
    let b = fs::read_to_string(sandbox.path().join("out/نص ب.xlf")).unwrap();
    assert_eq!(sources_and_targets(&b).0.len(), 7);
}

#[test]
fn batch_of_a_folder_takes_its_text_files() {
    let sandbox = Sandbox::new();
    sandbox.write("articles/one.txt", SHORT);
    sandbox.write("articles/two.TXT", ARTICLE);
    sandbox.write("articles/notes.md", "# not an input");
    sandbox
        .cmd(&["translate", "articles", "-o", "pages/"])
        .assert()
        .success();
    let mut written: Vec<String> = fs::read_dir(sandbox.path().join("pages"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["one.md", "two.md"]);
}

#[test]
fn one_file_into_an_existing_folder() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    fs::create_dir(sandbox.path().join("out")).unwrap();
    sandbox
        .cmd(&["translate", "-f", "html", "article.txt", "-o", "out"])
        .assert()
        .success();
    assert!(sandbox.path().join("out/article.html").is_file());
}

#[test]
fn batch_needs_an_output_folder() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", SHORT);
    sandbox.write("b.txt", SHORT);
    sandbox
        .cmd(&["translate", "a.txt", "b.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("hint: add -o DIR"));
}

#[test]
fn batch_refuses_inputs_that_would_share_an_output() {
    let sandbox = Sandbox::new();
    sandbox.write("x/news.txt", SHORT);
    sandbox.write("y/news.txt", SHORT);
    sandbox
        .cmd(&["translate", "x/news.txt", "y/news.txt", "-o", "out"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "two inputs would write the same output file",
        ));
    assert_eq!(fs::read_dir(sandbox.path().join("out")).unwrap().count(), 0);
}

#[test]
fn batch_goes_on_past_a_bad_file_and_fails_at_the_end() {
    let sandbox = Sandbox::new();
    sandbox.write("in/1-good.txt", SHORT);
    sandbox.write("in/2-bad.txt", b"\xd8\xa7\xff");
    sandbox.write("in/3-good.txt", SHORT);
    sandbox
        .cmd(&["translate", "in", "-o", "out"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: invalid UTF-8 at byte offset 2: in/2-bad.txt",
        ));
    assert!(sandbox.path().join("out/1-good.md").is_file());
    assert!(!sandbox.path().join("out/2-bad.md").exists());
    assert!(sandbox.path().join("out/3-good.md").is_file());
}

#[test]
fn unwritable_output_folder_is_a_clear_error() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", SHORT);
    sandbox.write("b.txt", SHORT);
    sandbox
        .cmd(&["translate", "a.txt", "b.txt", "-o", "a.txt/out"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: cannot create the output folder",
        ));
}

#[test]
fn a_folder_of_one_text_needs_an_output_folder_and_says_so() {
    let sandbox = Sandbox::new();
    sandbox.write("articles/only.txt", SHORT);
    sandbox
        .cmd(&["translate", "articles"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "tarjama: a folder of inputs needs an output folder: articles\n\
             hint: add -o DIR to get one output per input there, or name the file itself\n",
        );
    sandbox
        .cmd(&["translate", "articles/only.txt"])
        .assert()
        .success();
}

#[test]
fn standard_input_to_an_output_folder_asks_for_a_file_name() {
    let sandbox = Sandbox::new();
    for args in [
        &["translate", "-", "-o", "out/"][..],
        &["translate", "-o", "out/"],
    ] {
        sandbox
            .cmd(args)
            .write_stdin(SHORT)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "tarjama: standard input has no file name to give its output in a folder: out/\n\
                 hint: name the output file instead (-o FILE)",
            ));
    }
    sandbox
        .cmd(&["translate", "-", "-o", "out.md"])
        .write_stdin(SHORT)
        .assert()
        .success();
}

#[test]
fn a_missing_output_folder_is_named_with_how_to_create_it() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", SHORT);
    sandbox
        .cmd(&["translate", "article.txt", "-o", "no such/out.md"])
        .assert()
        .code(2)
        .stderr(
            "tarjama: the folder of the output file does not exist: no such/out.md\n\
             hint: create the folder first (mkdir -p 'no such'), or choose another -o\n",
        );
}

#[test]
fn every_fuzzy_row_says_what_differs_in_every_format() {
    let sandbox = Sandbox::new();
    add_units(&sandbox, "t.sqlite", &SIMILAR_UNITS);
    sandbox.write(
        "a.txt",
        "قال الوزير إن المحادثات ليست صعبة\n\nارتفع عدد السكان إلى 3.5 ملايين نسمة\n",
    );
    let negation = "what differs from the memory's sentence: negation: «ليست» here only";
    let number = "what differs from the memory's sentence: numbers: «3.5 ملايين» here, «5.5 ملايين» in the memory";
    let run = |format: &str| {
        stdout_of(
            &sandbox,
            &[
                "translate",
                "--tm",
                "t.sqlite",
                "--no-default-glossary",
                "-f",
                format,
                "a.txt",
            ],
        )
    };
    for format in ["md", "html", "xliff"] {
        let output = run(format).replace("&#39;", "'");
        assert!(output.contains(negation), "{format}: {output}");
        assert!(output.contains(number), "{format}: {output}");
    }
    let xliff = run("xliff");
    assert!(
        xliff.contains(&format!("<note from=\"tarjama\">{number}</note>")),
        "{xliff}"
    );
    let tsv = run("tsv");
    let rows: Vec<Vec<&str>> = tsv.lines().map(|line| line.split('\t').collect()).collect();
    assert_eq!(
        rows[0],
        ["id", "source", "target", "origin", "score", "terms", "note"]
    );
    assert_eq!((rows[1][3], rows[1][6]), ("tm-fuzzy", negation));
    assert_eq!((rows[2][3], rows[2][6]), ("tm-fuzzy", number));
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let similar = &json["segments"][1]["similar"];
    assert_eq!(similar["source"], "ارتفع عدد السكان إلى 5.5 ملايين نسمة");
    assert_eq!(
        similar["differences"],
        serde_json::json!([{"kind": "number", "sentence": ["3.5 ملايين"], "memory": ["5.5 ملايين"]}])
    );
    assert_eq!(
        json["segments"][0]["similar"]["differences"][0]["kind"],
        "negation"
    );
}

#[test]
fn english_input_is_translated_with_a_warning() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "english.txt",
        "The minister arrived in Geneva. Talks began.",
    );
    sandbox
        .cmd(&["translate", "english.txt"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "tarjama: warning: the text is not Arabic (36 of its 36 letters are of another script): english.txt",
        ));
    sandbox.write("a.txt", SHORT);
    sandbox
        .cmd(&["translate", "a.txt"])
        .assert()
        .success()
        .stderr("");
}
