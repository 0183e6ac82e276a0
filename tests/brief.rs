//! `tarjama brief` as a user runs it, and the English that `summarize
//! --format md|json` adds to its sentences.

use crate::util::{SIMILAR_UNITS, Sandbox, add_units};
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

const ARTICLE: &str = include_str!("fixtures/brief/kremlin-brussels.ar.txt");
const GLOSSARY: &str = include_str!("fixtures/brief/glossary.yaml");
const HEADLINES: &str = include_str!("fixtures/brief/headlines.ar.txt");
const ONE_SENTENCE: &str = include_str!("fixtures/brief/one-sentence.ar.txt");
const LATIN: &str = include_str!("fixtures/brief/latin.txt");

/// The article's headline, and its lead sentence with its English.
const HEADLINE: &str = "الكرملين يرفض مقترحات بروكسل الجديدة";
const LEAD: &str = "موسكو - رفض الكرملين يوم الاثنين مقترحات جديدة قدمها حلف شمال الأطلسي في بروكسل، وقال إن روسيا لن تقبل بأقل من ضمانات مكتوبة.";
const LEAD_EN: &str = "Moscow - The Kremlin on Monday rejected new proposals NATO made in Brussels, saying Russia would accept nothing less than written guarantees.";

fn stdout(assert: assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.success().get_output().stdout.clone()).expect("UTF-8 output")
}

fn json(sandbox: &Sandbox, args: &[&str]) -> Value {
    let mut full = vec!["brief", "-f", "json"];
    full.extend_from_slice(args);
    serde_json::from_str(&stdout(sandbox.cmd(&full).assert())).expect("JSON output")
}

/// A sandbox with the article, the fixture glossary and a memory that
/// has the lead sentence.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    sandbox.write("glossary.yaml", GLOSSARY);
    sandbox
        .cmd(&["tm", "add", "--tm", "tm.sqlite", LEAD, LEAD_EN])
        .assert()
        .success();
    sandbox
}

/// The briefing options of the snapshots: the fixture glossary and
/// memory, three key points.
const FIXTURE: [&str; 7] = [
    "--no-default-glossary",
    "-g",
    "glossary.yaml",
    "--tm",
    "tm.sqlite",
    "--sentences",
    "3",
];

fn briefing(sandbox: &Sandbox, format: &str) -> String {
    let mut args = vec!["brief", "-f", format];
    args.extend_from_slice(&FIXTURE);
    args.push("article.txt");
    stdout(sandbox.cmd(&args).assert())
}

#[test]
fn markdown_snapshot() {
    insta::assert_snapshot!("brief_markdown", briefing(&sandbox(), "md"));
}

#[test]
fn html_snapshot() {
    insta::assert_snapshot!("brief_html", briefing(&sandbox(), "html"));
}

#[test]
fn json_snapshot() {
    insta::assert_snapshot!("brief_json", briefing(&sandbox(), "json"));
}

#[test]
fn every_person_organization_and_place_of_a_news_article_with_the_built_in_glossary() {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    let briefing = json(&sandbox, &["article.txt"]);
    let entities: Vec<(String, String, u64)> = briefing["entities"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| matches!(e["type"].as_str(), Some("person" | "org" | "place")))
        .map(|e| {
            (
                e["type"].as_str().unwrap().to_owned(),
                e["en"].as_str().unwrap().to_owned(),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("person", "Sergei Ryabkov", 2),
        ("person", "Sergei Lavrov", 1),
        ("person", "Alexander Lukashevich", 1),
        ("org", "the Kremlin", 2),
        ("org", "NATO", 2),
        ("org", "OSCE", 1),
        ("place", "Moscow", 3),
        ("place", "Brussels", 2),
        ("place", "Russia", 1),
        ("place", "Washington", 1),
        ("place", "United States", 1),
        ("place", "Geneva", 1),
        ("place", "Ukraine", 1),
        ("place", "Kyiv", 1),
        ("place", "Crimea", 1),
    ];
    let expected: Vec<(String, String, u64)> = expected
        .iter()
        .map(|&(kind, en, count)| (kind.to_owned(), en.to_owned(), count))
        .collect();
    assert_eq!(entities, expected);
    // The breadcrumb trail is left out, the headline counted once.
    assert_eq!(briefing["front_matter"], serde_json::json!([1]));
    assert_eq!(briefing["headline"]["index"], 2);
    assert_eq!(briefing["headline"]["text"], HEADLINE);
    let kremlin = &briefing["entities"].as_array().unwrap()[3];
    assert_eq!(
        (kremlin["first"].as_u64(), kremlin["sentences"].clone()),
        (Some(2), serde_json::json!([2, 3]))
    );
    let ryabkov = &briefing["entities"][0];
    assert_eq!(ryabkov["also"], serde_json::json!(["ريابكوف"]));
    assert_eq!(ryabkov["sentences"], serde_json::json!([5, 7]));

    let markdown = stdout(sandbox.cmd(&["brief", "article.txt"]).assert());
    for row in [
        "| Alexander Lukashevich | ألكسندر لوكاشيفيتش | 1 | 6 |",
        "| OSCE (Organization for Security and Co-operation in Europe) | لمنظمة الأمن والتعاون في أوروبا (glossary: منظمة الأمن والتعاون في أوروبا) | 1 | 6 |",
        "| Crimea | القرم | 1 | 7 |",
    ] {
        assert!(markdown.contains(row), "{row}\n{markdown}");
    }
}

#[test]
fn key_points_have_english_from_the_memory_else_their_terms() {
    let sandbox = sandbox();
    let briefing = json(&sandbox, &[&FIXTURE[..], &["article.txt"]].concat());
    let points = briefing["key_points"].as_array().unwrap();
    let indices: Vec<u64> = points
        .iter()
        .map(|p| p["index"].as_u64().unwrap())
        .collect();
    assert_eq!(
        indices,
        [3, 4, 5],
        "the body's first sentences, not the headline"
    );
    assert_eq!(points[0]["target"], LEAD_EN);
    assert_eq!(points[0]["origin"], "tm-exact");
    assert_eq!(points[0]["tm_score"], 100);
    assert_eq!(points[1]["target"], Value::Null);
    assert_eq!(
        points[1]["gloss"],
        "… [Russian Foreign Minister] [Sergei Lavrov] … [Moscow] …"
    );
    assert_eq!(
        points[1]["terms"][1],
        serde_json::json!({"entry": "سيرغي لافروف", "en": "Sergei Lavrov", "type": "person"})
    );
    // The aligned document is the one `translate` writes.
    let translated: Value = serde_json::from_str(&stdout(
        sandbox
            .cmd(&[
                "translate",
                "-f",
                "json",
                "--no-default-glossary",
                "-g",
                "glossary.yaml",
                "--tm",
                "tm.sqlite",
                "article.txt",
            ])
            .assert(),
    ))
    .unwrap();
    assert_eq!(briefing["document"], translated);
}

#[test]
fn machine_translation_fills_the_rest() {
    let sandbox = sandbox();
    let briefing = json(
        &sandbox,
        &[
            &FIXTURE[..],
            &["--mt-cmd", "sed 's/.*/Machine English./'", "article.txt"],
        ]
        .concat(),
    );
    let origins: Vec<&str> = briefing["key_points"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["origin"].as_str().unwrap())
        .collect();
    assert_eq!(origins, ["tm-exact", "mt", "mt"]);
    assert_eq!(briefing["key_points"][1]["target"], "Machine English.");
    assert_eq!(briefing["headline"]["origin"], "mt");
}

#[test]
fn format_follows_the_output_extension() {
    let sandbox = sandbox();
    for (name, start) in [
        ("b.html", "<!DOCTYPE html>"),
        ("b.json", "{"),
        ("b.md", "# Briefing: article.txt"),
    ] {
        sandbox
            .cmd(&["brief", "article.txt", "-o", name])
            .assert()
            .success()
            .stdout("");
        let written = fs::read_to_string(sandbox.path().join(name)).unwrap();
        assert!(written.starts_with(start), "{name}: {written}");
    }
    sandbox
        .cmd(&["brief", "article.txt", "-o", "b.xlf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot tell the output format from the extension `.xlf`: b.xlf",
        ));
    sandbox
        .cmd(&["brief", "-f", "tsv", "article.txt"])
        .assert()
        .code(2);
}

#[test]
fn several_inputs_give_one_briefing_each() {
    let sandbox = sandbox();
    sandbox.write("in/kremlin.txt", ARTICLE);
    sandbox.write("in/headlines.txt", HEADLINES);
    sandbox.write("in/notes.md", "not an input");
    sandbox
        .cmd(&["brief", "-f", "html", "in", "-o", "out"])
        .assert()
        .success();
    let mut written: Vec<String> = fs::read_dir(sandbox.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["headlines.html", "kremlin.html"]);
    let page = fs::read_to_string(sandbox.path().join("out/kremlin.html")).unwrap();
    assert!(page.contains(&format!(">{HEADLINE}</h1>")));

    sandbox
        .cmd(&["brief", "article.txt", "in/kremlin.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "several inputs need an output folder",
        ));
    // A file that cannot be read is reported; the others are written.
    sandbox
        .cmd(&["brief", "article.txt", "missing.txt", "-o", "two"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
    assert!(sandbox.path().join("two/article.md").is_file());
}

#[test]
fn bad_input_gives_a_sensible_briefing() {
    let sandbox = Sandbox::new();
    sandbox.write("glossary.yaml", GLOSSARY);
    let cases = [
        ("empty", "", None, 0),
        ("blank", "\n \n\n", None, 0),
        ("one sentence", ONE_SENTENCE, None, 1),
        (
            "headlines only",
            HEADLINES,
            Some("عاجل: لافروف يصل إلى جنيف"),
            1,
        ),
        ("Latin only", LATIN, None, 1),
        ("one headline", "لافروف في جنيف\n", Some("لافروف في جنيف"), 0),
    ];
    for (what, text, headline, points) in cases {
        for format in ["md", "html", "json"] {
            let output = sandbox
                .cmd(&[
                    "brief",
                    "--no-default-glossary",
                    "-g",
                    "glossary.yaml",
                    "-f",
                    format,
                ])
                .write_stdin(text)
                .assert()
                .success();
            let out = String::from_utf8(output.get_output().stdout.clone()).unwrap();
            assert!(!out.contains("NaN"), "{what} {format}");
            if format == "json" {
                let json: Value = serde_json::from_str(&out).expect(what);
                assert_eq!(json["headline"]["text"].as_str(), headline, "{what}");
                let key_points = json["key_points"].as_array().unwrap();
                assert_eq!(key_points.len(), points, "{what}");
                assert!(
                    key_points
                        .iter()
                        .all(|p| p["score"].as_f64().is_some_and(f64::is_finite))
                );
            }
        }
    }
    let markdown = stdout(
        sandbox
            .cmd(&["brief", "--no-default-glossary"])
            .write_stdin(LATIN)
            .assert(),
    );
    assert!(
        markdown
            .contains("1. Talks resumed in Geneva on Monday.\\\n   *sentence 1 · no translation*"),
        "{markdown}"
    );
}

#[test]
fn html_escapes_the_text_and_the_glossary() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "glossary.yaml",
        "entries:\n  - ar: جنيف\n    en: \"<b>Geneva</b> & co\"\n    type: place\n",
    );
    let text = "<script>alert('x')</script>\n\nوصل الوفد إلى جنيف \u{202E}اليوم.";
    let page = stdout(
        sandbox
            .cmd(&[
                "brief",
                "-f",
                "html",
                "--no-default-glossary",
                "-g",
                "glossary.yaml",
            ])
            .write_stdin(text)
            .assert(),
    );
    assert!(!page.contains("<script>") && !page.contains("<b>"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</h1>"));
    assert!(page.contains("&lt;b&gt;Geneva&lt;/b&gt; &amp; co"));
    assert!(!page.contains('\u{202E}') && page.contains("[U+202E]"));
}

#[test]
fn entity_weight_lifts_sentences_that_name_people_and_places() {
    let sandbox = sandbox();
    let picks = |weight: &str| -> Vec<u64> {
        let briefing = json(
            &sandbox,
            &[
                "--no-default-glossary",
                "-g",
                "glossary.yaml",
                "--sentences",
                "2",
                "--entity-weight",
                weight,
                "article.txt",
            ],
        );
        briefing["key_points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["index"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(picks("0"), [3, 4]);
    // The last sentence names three of the fixture glossary's people,
    // organizations and places, the second of the body two.
    assert_eq!(picks("2"), [3, 7]);
    sandbox
        .cmd(&["brief", "--entity-weight", "-1", "article.txt"])
        .assert()
        .code(2);
}

#[test]
fn summarize_adds_english_and_terms_to_md_and_json_only() {
    let sandbox = sandbox();
    let args = [
        "summarize",
        "--no-default-glossary",
        "-g",
        "glossary.yaml",
        "--tm",
        "tm.sqlite",
        "--sentences",
        "3",
    ];
    // The lines stay the sentences alone.
    let lines = stdout(
        sandbox
            .cmd(&[&args[..], &["article.txt"]].concat())
            .assert(),
    );
    assert_eq!(lines.lines().count(), 3);
    assert!(!lines.contains(LEAD_EN));

    let report: Value = serde_json::from_str(&stdout(
        sandbox
            .cmd(&[&args[..], &["-f", "json", "article.txt"]].concat())
            .assert(),
    ))
    .unwrap();
    let summary = report["summary"].as_array().unwrap();
    let line_texts: Vec<&str> = lines.lines().collect();
    let json_texts: Vec<&str> = summary
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert_eq!(line_texts, json_texts, "the same sentences");
    let lead = summary
        .iter()
        .find(|s| s["text"] == LEAD)
        .expect("the lead");
    assert_eq!(lead["target"], LEAD_EN);
    assert_eq!(lead["origin"], "tm-exact");
    assert_eq!(
        lead["gloss"],
        "[Moscow] … [the Kremlin] … [Monday] … [NATO] … [Brussels] …"
    );
    let others: Vec<&Value> = summary.iter().filter(|s| s["text"] != LEAD).collect();
    assert!(
        others
            .iter()
            .all(|s| s["origin"] == "none" && s["target"].is_null())
    );

    let markdown = stdout(
        sandbox
            .cmd(
                &[
                    &args[..],
                    &[
                        "-f",
                        "md",
                        "--mt-cmd",
                        "sed 's/.*/Machine English./'",
                        "article.txt",
                    ],
                ]
                .concat(),
            )
            .assert(),
    );
    assert!(
        markdown.contains(&format!("| {LEAD_EN} *(translation memory, exact)* |")),
        "{markdown}"
    );
    assert!(
        markdown.contains("| Machine English. *(machine translation)* |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("موسكو = Moscow; الكرملين = the Kremlin"),
        "{markdown}"
    );
}

#[test]
fn a_batch_folder_named_like_a_file_is_refused() {
    let sandbox = sandbox();
    sandbox.write("one.txt", ARTICLE);
    sandbox.write("two.txt", HEADLINES);
    sandbox
        .cmd(&["brief", "one.txt", "two.txt", "-o", "multi.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: several outputs go into a folder, and this looks like the name of one file: \
             multi.html\nhint:",
        ));
    assert!(!sandbox.path().join("multi.html").exists());
    // A final / says it is a folder; an existing folder is one.
    sandbox
        .cmd(&["brief", "one.txt", "two.txt", "-o", "multi.html/"])
        .assert()
        .success();
    assert!(sandbox.path().join("multi.html/two.md").is_file());
    sandbox
        .cmd(&[
            "brief",
            "-f",
            "html",
            "one.txt",
            "two.txt",
            "-o",
            "multi.html",
        ])
        .assert()
        .success();
    assert!(sandbox.path().join("multi.html/one.html").is_file());
}

/// A sandbox whose memory `t.sqlite` has [`SIMILAR_UNITS`].
fn fuzzy_sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    add_units(&sandbox, "t.sqlite", &SIMILAR_UNITS);
    sandbox
}

/// `brief -f json ARGS` of `input` on standard input.
fn json_of(sandbox: &Sandbox, args: &[&str], input: &str) -> Value {
    let mut full = vec!["brief", "-f", "json"];
    full.extend_from_slice(args);
    serde_json::from_str(&stdout(sandbox.cmd(&full).write_stdin(input).assert())).unwrap()
}

#[test]
fn a_fuzzy_match_is_never_the_english_of_a_briefing() {
    let sandbox = fuzzy_sandbox();
    let negated = "قال الوزير إن المحادثات ليست صعبة";
    let markdown = stdout(
        sandbox
            .cmd(&["brief", "--tm", "t.sqlite"])
            .write_stdin(negated)
            .assert(),
    );
    assert!(
        markdown.contains("**Headline:** قال الوزير إن المحادثات ليست صعبة\\\n… **talks** … *(no translation: glossary terms)*\\\n*similar sentence in the memory (83%):* The minister said the talks were difficult *(not this sentence's translation; what differs: negation: «ليست» here only)*"),
        "{markdown}"
    );
    // Nowhere is the memory's English given as this sentence's.
    assert!(!markdown.contains("fuzzy"), "{markdown}");
    let html = stdout(
        sandbox
            .cmd(&["brief", "--tm", "t.sqlite", "-f", "html"])
            .write_stdin(negated)
            .assert(),
    );
    assert!(
        !html.contains("<p class=\"headline-en\">The minister"),
        "{html}"
    );
    assert!(html.contains("<span class=\"label\">similar sentence in the memory (83%):</span> <q>The minister said the talks were difficult</q> <span class=\"differs\">what differs: negation: «ليست» here only</span>"), "{html}");
    let article = "ارتفع عدد السكان إلى 3.5 ملايين نسمة. وقال الوزير إن المحادثات ليست صعبة.";
    let briefing = json_of(
        &sandbox,
        &["--tm", "t.sqlite", "--min-score", "60", "--sentences", "2"],
        article,
    );
    for point in briefing["key_points"].as_array().unwrap() {
        assert_eq!(point["target"], Value::Null, "{point}");
        assert_eq!(point["origin"], "none", "{point}");
    }
    let similar = &briefing["key_points"][0]["similar"];
    assert_eq!(similar["target"], "The population rose to 5.5 million");
    assert_eq!(
        similar["differences"],
        serde_json::json!([{"kind": "number", "sentence": ["3.5 ملايين"], "memory": ["5.5 ملايين"]}])
    );
    assert_eq!(
        briefing["key_points"][1]["similar"]["differences"][0]["kind"],
        "negation"
    );
    // The aligned text has no fuzzy English either.
    for segment in briefing["document"]["segments"].as_array().unwrap() {
        assert_eq!(segment["target"], Value::Null, "{segment}");
        assert!(segment["similar"].is_object(), "{segment}");
    }
}

#[test]
fn machine_translation_replaces_a_fuzzy_match_in_a_briefing() {
    let sandbox = fuzzy_sandbox();
    let briefing = json_of(
        &sandbox,
        &[
            "--tm",
            "t.sqlite",
            "--mt-cmd",
            "echo 'The minister said the talks were not difficult'",
        ],
        "قال الوزير إن المحادثات ليست صعبة",
    );
    let headline = &briefing["headline"];
    assert_eq!(
        headline["target"],
        "The minister said the talks were not difficult"
    );
    assert_eq!(headline["origin"], "mt");
    assert_eq!(headline["similar"]["score"], 83);
}

/// An article with a breadcrumb, NATO written three ways, numbers in a
/// sentence without terms, a fragment cut off by `!!` and a hard-wrapped
/// sentence.
const DETAILS: &str = "الرئيسية / أخبار / الناتو يجتمع في بروكسل\n\n\
    الناتو يجتمع في بروكسل\n\n\
    اجتمع وزراء حلف الأطلسي في بروكسل أمس لبحث خطط للناتو في أوروبا الشرقية\n\
    وقال الأمين العام للحلف في مؤتمر صحفي إن الحلف موحد.\n\
    يا للهول!! وتأسست المدينة عام 1770 وقتل ما بين 7 - 8 أشخاص في الهجوم.\n";

#[test]
fn briefing_details_a_reader_relies_on() {
    let sandbox = Sandbox::new();
    sandbox.write("nato.txt", DETAILS);
    let markdown = stdout(
        sandbox
            .cmd(&["brief", "--sentences", "2", "nato.txt"])
            .assert(),
    );
    // The who-table shows how the article writes NATO, so Ctrl-F finds it.
    assert!(
        markdown.contains("| NATO (North Atlantic Treaty Organization) | الناتو، حلف الأطلسي، للناتو (glossary: حلف شمال الأطلسي) | 3 | 2 |"),
        "{markdown}"
    );
    // The hard-wrapped key point has no <br>; the numbers of a sentence
    // without terms are kept, 7 - 8 as a range; the fragment is no key point.
    let points =
        &markdown[markdown.find("## Key points").unwrap()..markdown.find("## Who").unwrap()];
    assert!(!points.contains("<br>"), "{points}");
    assert!(points.contains("الشرقية وقال الأمين"), "{points}");
    assert!(points.contains("2. … 1770 … 7–8 …\\\n"), "{points}");
    assert!(!points.contains("يا للهول"), "{points}");
    let briefing = json(&sandbox, &["--sentences", "2", "nato.txt"]);
    assert_eq!(briefing["front_matter"], serde_json::json!([1]));
    let nato = &briefing["entities"][0];
    assert_eq!(
        nato["surfaces"],
        serde_json::json!(["الناتو", "حلف الأطلسي", "للناتو"])
    );
    let html = stdout(sandbox.cmd(&["brief", "-f", "html", "nato.txt"]).assert());
    assert!(html.contains("<td dir=\"rtl\" lang=\"ar\">الناتو، حلف الأطلسي، للناتو (glossary: حلف شمال الأطلسي)</td>"), "{html}");
}

#[test]
fn english_input_is_briefed_with_a_warning() {
    let sandbox = sandbox();
    sandbox
        .cmd(&["brief"])
        .write_stdin("The minister arrived in Geneva. Talks began.")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "tarjama: warning: the text is not Arabic (36 of its 36 letters are of another script): <stdin>",
        ));
    sandbox
        .cmd(&["brief", "article.txt"])
        .assert()
        .success()
        .stderr("");
}
