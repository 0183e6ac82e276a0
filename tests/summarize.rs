//! `tarjama summarize` as a user runs it.

use crate::util::{SIMILAR_UNITS, Sandbox, add_units};
use serde_json::Value;

const ARTICLE: &str = include_str!("fixtures/summary/desalination.ar.txt");
const HEADLINES: &str = include_str!("fixtures/summary/headlines.ar.txt");
const LATIN: &str = include_str!("fixtures/summary/latin.txt");
const ONE_SENTENCE: &str = include_str!("fixtures/summary/one-sentence.ar.txt");
const RUN_ON: &str = include_str!("fixtures/summary/run-on.ar.txt");

/// The article's sentences as `tarjama split` prints them.
fn sentences(sandbox: &Sandbox, text: &str) -> Vec<String> {
    lines(
        &sandbox
            .cmd(&["split"])
            .write_stdin(text)
            .output()
            .unwrap()
            .stdout,
    )
}

fn lines(stdout: &[u8]) -> Vec<String> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

fn summarize(sandbox: &Sandbox, args: &[&str], text: &str) -> Vec<String> {
    let mut full = vec!["summarize"];
    full.extend_from_slice(args);
    let output = sandbox.cmd(&full).write_stdin(text).assert().success();
    lines(&output.get_output().stdout)
}

fn json(sandbox: &Sandbox, args: &[&str], text: &str) -> Value {
    let mut full = vec!["summarize", "--format", "json"];
    full.extend_from_slice(args);
    let output = sandbox.cmd(&full).write_stdin(text).assert().success();
    serde_json::from_slice(&output.get_output().stdout).unwrap()
}

/// Positions of the summary lines among the article's sentences; panics
/// when a line is not one of them.
fn positions(summary: &[String], all: &[String]) -> Vec<usize> {
    summary
        .iter()
        .map(|line| {
            all.iter()
                .position(|sentence| sentence == line)
                .unwrap_or_else(|| panic!("not a sentence of the article: {line}"))
        })
        .collect()
}

fn word_count(line: &str) -> usize {
    line.split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

#[test]
fn default_takes_a_quarter_of_the_sentences_in_document_order() {
    let sandbox = Sandbox::new();
    let all = sentences(&sandbox, ARTICLE);
    assert_eq!(all.len(), 13);
    let summary = summarize(&sandbox, &[], ARTICLE);
    assert_eq!(summary.len(), 3, "round(13 / 4)");
    let at = positions(&summary, &all);
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "{at:?}");
    assert_eq!(at[0], 0, "the lead sentence is kept");
}

#[test]
fn reads_a_file_and_writes_an_output_file() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    sandbox
        .cmd(&[
            "summarize",
            "--sentences",
            "2",
            "article.txt",
            "-o",
            "summary.txt",
        ])
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read(sandbox.path().join("summary.txt")).unwrap();
    assert_eq!(lines(&written).len(), 2);
}

#[test]
fn the_same_input_gives_the_same_output() {
    let sandbox = Sandbox::new();
    for args in [&["--ratio", "0.5"][..], &["--format", "json"][..]] {
        let mut full = vec!["summarize"];
        full.extend_from_slice(args);
        let first = sandbox.cmd(&full).write_stdin(ARTICLE).output().unwrap();
        let second = sandbox.cmd(&full).write_stdin(ARTICLE).output().unwrap();
        assert_eq!(first.stdout, second.stdout);
    }
}

#[test]
fn sentence_and_ratio_budgets_are_exact() {
    let sandbox = Sandbox::new();
    let all = sentences(&sandbox, ARTICLE);
    for count in [1, 4, 13] {
        let summary = summarize(&sandbox, &["--sentences", &count.to_string()], ARTICLE);
        assert_eq!(summary.len(), count);
        positions(&summary, &all);
    }
    assert_eq!(summarize(&sandbox, &["--sentences", "50"], ARTICLE), all);
    assert_eq!(summarize(&sandbox, &["--ratio", "0.5"], ARTICLE).len(), 7);
    assert_eq!(summarize(&sandbox, &["--ratio", "0.01"], ARTICLE).len(), 1);
    assert_eq!(summarize(&sandbox, &["--ratio", "1"], ARTICLE), all);
}

#[test]
fn word_budget_is_reached_by_the_fewest_sentences_in_rank_order() {
    let sandbox = Sandbox::new();
    for budget in [1, 30, 60, 120] {
        let summary = summarize(&sandbox, &["--words", &budget.to_string()], ARTICLE);
        let counts: Vec<usize> = summary.iter().map(|line| word_count(line)).collect();
        let total: usize = counts.iter().sum();
        assert!(total >= budget, "{budget}: {total} words");
        // Without the sentence added last the budget was not reached yet.
        let longest = counts.iter().max().copied().unwrap_or(0);
        assert!(total - longest < budget, "{budget}: {counts:?}");
    }
    let all_words: usize = sentences(&sandbox, ARTICLE)
        .iter()
        .map(|line| word_count(line))
        .sum();
    let everything = summarize(&sandbox, &["--words", "100000"], ARTICLE);
    assert_eq!(
        everything
            .iter()
            .map(|line| word_count(line))
            .sum::<usize>(),
        all_words
    );
}

#[test]
fn a_sentence_longer_than_the_word_budget_gives_way_to_shorter_ones() {
    let sandbox = Sandbox::new();
    let all = sentences(&sandbox, RUN_ON);
    let counts: Vec<usize> = all.iter().map(|line| word_count(line)).collect();
    assert_eq!(counts, [13, 78, 10, 9, 12, 10]);
    // The second sentence alone would fill 40 words: the lead and the
    // short sentences after it instead.
    let summary = summarize(&sandbox, &["--words", "40"], RUN_ON);
    assert_eq!(positions(&summary, &all), [0, 2, 3, 4]);
    // With room for more than it, it is the second pick again.
    let summary = summarize(&sandbox, &["--words", "100"], RUN_ON);
    assert_eq!(positions(&summary, &all), [0, 1, 2]);
}

#[test]
fn json_numbers_sentences_from_one_with_character_offsets() {
    let sandbox = Sandbox::new();
    let report = json(&sandbox, &["--sentences", "3"], ARTICLE);
    assert_eq!(report["sentences"], 13);
    let summary = report["summary"].as_array().unwrap();
    assert_eq!(summary.len(), 3);
    let chars: Vec<char> = ARTICLE.chars().collect();
    let mut previous = 0;
    for item in summary {
        let index = item["index"].as_u64().unwrap();
        assert!(index > previous, "document order");
        previous = index;
        let (start, end) = (
            usize::try_from(item["start"].as_u64().unwrap()).unwrap(),
            usize::try_from(item["end"].as_u64().unwrap()).unwrap(),
        );
        let text: String = chars[start..end].iter().collect();
        assert_eq!(item["text"], text.as_str());
        assert!(item["score"].as_f64().unwrap().is_finite());
    }
    assert_eq!(summary[0]["index"], 1);
    assert_eq!(summary[0]["start"], 0);
}

#[test]
fn json_layout() {
    let output = Sandbox::new()
        .cmd(&["summarize", "--format", "json"])
        .write_stdin("ارتفعت أسعار القمح في الأسواق العالمية.\nوتراجعت أسعار الذرة.")
        .assert()
        .success();
    let stdout = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    insta::assert_snapshot!(stdout, @r#"
    {
      "sentences": 2,
      "summary": [
        {
          "index": 1,
          "start": 0,
          "end": 39,
          "score": 1.0,
          "text": "ارتفعت أسعار القمح في الأسواق العالمية.",
          "target": null,
          "origin": "none",
          "tm_score": null,
          "terms": [],
          "gloss": ""
        }
      ]
    }
    "#);
}

#[test]
fn markdown_is_a_table_of_numbered_sentences() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .cmd(&["summarize", "--format", "md", "--sentences", "2"])
        .write_stdin(ARTICLE)
        .assert()
        .success();
    let text = String::from_utf8(output.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with(
            "Summary: 2 of 13 sentences\n\n| # | score | sentence | English | terms |\n"
        )
    );
    assert!(text.contains("\n| 1 | "), "{text}");
    assert_eq!(
        text.lines().filter(|line| line.starts_with("| ")).count(),
        3
    );
}

#[test]
fn empty_input_gives_an_empty_summary() {
    let sandbox = Sandbox::new();
    for text in ["", "\n\n  \n", "... !!"] {
        sandbox
            .cmd(&["summarize"])
            .write_stdin(text)
            .assert()
            .success()
            .stdout("");
        let report = json(&sandbox, &["--words", "50"], text);
        assert_eq!(report["summary"], serde_json::json!([]));
    }
}

#[test]
fn one_sentence_is_its_own_summary() {
    let sandbox = Sandbox::new();
    for args in [
        &[][..],
        &["--words", "3"],
        &["--ratio", "0.1"],
        &["--sentences", "5"],
    ] {
        assert_eq!(
            summarize(&sandbox, args, ONE_SENTENCE),
            [ONE_SENTENCE.trim_end()]
        );
    }
    let report = json(&sandbox, &[], ONE_SENTENCE);
    assert!(report["summary"][0]["score"].as_f64().unwrap().is_finite());
}

#[test]
fn headlines_and_latin_text_are_summarized_too() {
    let sandbox = Sandbox::new();
    for text in [HEADLINES, LATIN] {
        let all = sentences(&sandbox, text);
        let summary = summarize(&sandbox, &["--sentences", "2"], text);
        assert_eq!(summary.len(), 2);
        positions(&summary, &all);
        let report = json(&sandbox, &["--ratio", "1"], text);
        for item in report["summary"].as_array().unwrap() {
            assert!(item["score"].as_f64().unwrap().is_finite());
        }
    }
}

#[test]
fn budgets_exclude_each_other_and_must_be_positive() {
    let sandbox = Sandbox::new();
    for args in [
        &["--sentences", "2", "--words", "10"][..],
        &["--sentences", "0"],
        &["--words", "0"],
        &["--ratio", "0"],
        &["--ratio", "1.5"],
        &["--ratio", "many"],
    ] {
        let mut full = vec!["summarize"];
        full.extend_from_slice(args);
        sandbox
            .cmd(&full)
            .write_stdin(ARTICLE)
            .assert()
            .code(2)
            .stdout("");
    }
}

#[test]
fn many_tiny_identical_sentences_fit_in_bounded_memory() {
    // 100,000 identical sentences once needed some 300 MB for the
    // similarity graph (2.3 GB at 400,000); within a 300 MB address space
    // the summary and the briefing now run (they take about 50 and 80 MB).
    let sandbox = Sandbox::new();
    sandbox.write("tiny.txt", "وصل الوفد.\n".repeat(100_000));
    let binary = assert_cmd::cargo::cargo_bin!("tarjama")
        .display()
        .to_string();
    for command in ["summarize --sentences 3", "brief -f json"] {
        let script = format!("ulimit -v 300000 && exec '{binary}' {command} tiny.txt");
        let run = std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(&script)
            .current_dir(sandbox.path())
            .env_clear()
            .env("HOME", sandbox.path())
            .env("XDG_DATA_HOME", sandbox.path().join("data"))
            .env("XDG_CONFIG_HOME", sandbox.path().join("config"))
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!run.stdout.is_empty(), "{command}");
    }
}

#[test]
fn a_fuzzy_match_is_shown_only_as_a_similar_sentence() {
    let sandbox = Sandbox::new();
    add_units(&sandbox, "t.sqlite", &SIMILAR_UNITS);
    let sentence = "ارتفع عدد السكان إلى 3.5 ملايين نسمة";
    let summary = json(&sandbox, &["--tm", "t.sqlite"], sentence);
    let point = &summary["summary"][0];
    assert_eq!(point["target"], Value::Null);
    assert_eq!(point["origin"], "none");
    assert_eq!(point["similar"]["score"], 85);
    assert_eq!(
        point["similar"]["target"],
        "The population rose to 5.5 million"
    );
    assert_eq!(
        point["similar"]["differences"],
        serde_json::json!([{"kind": "number", "sentence": ["3.5 ملايين"], "memory": ["5.5 ملايين"]}])
    );
    let markdown = summarize(&sandbox, &["-f", "md", "--tm", "t.sqlite"], sentence).join("\n");
    assert!(
        markdown.contains("| … 3.5 million … *(no translation: its numbers)*<br>*similar sentence in the memory (85%):* The population rose to 5.5 million *(not this sentence's translation; what differs: numbers: «3.5 ملايين» here, «5.5 ملايين» in the memory)* |"),
        "{markdown}"
    );
}

#[test]
fn the_breadcrumb_a_briefing_skips_is_never_picked() {
    let sandbox = Sandbox::new();
    let text = format!(
        "الرئيسية / اقتصاد / محطة جديدة لتحلية المياه\n\nمحطة جديدة لتحلية المياه\n\n{ARTICLE}"
    );
    let all = sentences(&sandbox, &text);
    for budget in [&["--sentences", "3"][..], &["--words", "40"][..], &[][..]] {
        let summary = summarize(&sandbox, budget, &text);
        assert!(
            !summary.iter().any(|line| line.starts_with("الرئيسية /")),
            "{summary:?}"
        );
        positions(&summary, &all);
    }
    let summary = summarize(&sandbox, &["--sentences", "1"], &text);
    assert_eq!(summary, ["محطة جديدة لتحلية المياه"]);
}

#[test]
fn a_fragment_cut_off_by_doubled_marks_is_not_picked() {
    let sandbox = Sandbox::new();
    let text = "قمة في جنيف\n\nيا للهول!! وصل الوفد الروسي إلى جنيف صباح اليوم لإجراء محادثات مع الجانب الأمريكي. \
        وقال الوزير إن المحادثات ستكون صعبة.. لكنه متفائل بالنتائج. وأضاف أن اللقاء المقبل سيعقد في موسكو.";
    let all = sentences(&sandbox, text);
    assert_eq!(all[1], "يا للهول!!");
    let summary = summarize(&sandbox, &["--sentences", "2"], text);
    assert_eq!(summary, [all[0].clone(), all[2].clone()]);
}

#[test]
fn english_input_is_summarized_with_a_warning() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&["summarize"])
        .write_stdin("The minister arrived in Geneva. Talks began on Monday.")
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "tarjama: warning: the text is not Arabic (44 of its 44 letters are of another script): <stdin>",
        ));
    sandbox
        .cmd(&["summarize"])
        .write_stdin(ARTICLE)
        .assert()
        .success()
        .stderr("");
}
