//! `tarjama tm` as a translator runs it: imports, exports, lookups, and
//! every kind of bad input.

use crate::util::Sandbox;
use predicates::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const MEMORY_TMX: &str = include_str!("fixtures/tm/memory.tmx");
const OMEGAT_TMX: &str = include_str!("fixtures/tm/omegat.tmx");
const TRANSLATED_TSV: &str = include_str!("fixtures/tm/translated.tsv");
const FINISHED_12: &str = include_str!("fixtures/tm/finished12.xlf");
const FINISHED_20: &str = include_str!("fixtures/tm/finished20.xlf");

fn stdout_of(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = sandbox.cmd(args).assert().success().get_output().clone();
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// The default TM of a sandbox.
fn default_tm(sandbox: &Sandbox) -> PathBuf {
    sandbox.path().join("data/tarjama/memory.sqlite")
}

/// A sandbox whose default TM holds `memory.tmx`.
fn with_memory() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("memory.tmx", MEMORY_TMX);
    sandbox
        .cmd(&["tm", "import", "memory.tmx"])
        .assert()
        .success();
    sandbox
}

/// A sandbox whose default TM got `contents` imported as `file`; the
/// import must print `summary` (the part after the file name).
fn imported(file: &str, contents: &str, summary: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write(file, contents);
    sandbox
        .cmd(&["tm", "import", file])
        .assert()
        .success()
        .stdout(format!("{file}: {summary}\n"));
    sandbox
}

/// Every unit as `source<TAB>target` lines.
fn pairs(sandbox: &Sandbox) -> String {
    stdout_of(sandbox, &["tm", "export", "--format", "tsv"])
}

fn lookup_tsv(sandbox: &Sandbox, lines: &str) -> Vec<Vec<String>> {
    let output = sandbox
        .cmd(&["tm", "lookup", "--format", "tsv"])
        .write_stdin(lines)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn import_reports_what_it_did_and_skips_untranslated_units() {
    let sandbox = imported(
        "memory.tmx",
        MEMORY_TMX,
        "5 added, 0 updated, 0 duplicates skipped, 1 untranslated skipped, 0 held back",
    );
    assert!(
        default_tm(&sandbox).exists(),
        "import creates the default TM"
    );
    sandbox
        .cmd(&["tm", "import", "memory.tmx"])
        .assert()
        .success()
        .stdout("memory.tmx: 0 added, 0 updated, 5 duplicates skipped, 1 untranslated skipped, 0 held back\n");
}

#[test]
fn tmx_inline_codes_entities_and_languages_are_read() {
    let sandbox = with_memory();
    let pairs = pairs(&sandbox);
    assert!(pairs.contains(
        "قال المتحدث إن الاجتماع سيُعقد الأسبوع المقبل.\tThe spokesman said the meeting would be held next week.\n"
    ));
    assert!(pairs.contains("لإطلاق النار & تبادل الأسرى.\tThe committee called for an immediate ceasefire & a prisoner exchange.\n"));
    assert!(
        pairs.contains("\tThe health ministry announced 42 new cases.\n"),
        "the fr <tuv> is ignored"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sandbox,
        &["tm", "search", "-f", "json", "المفاوضين"],
    ))
    .unwrap();
    assert_eq!(json[0]["source_lang"], "ar-SA");
    assert_eq!(json[0]["target_lang"], "en-GB");
    assert_eq!(json[0]["origin"], "desk-notes");
    assert_eq!(json[0]["created"], "2024-03-01T09:00:00Z");
    assert_eq!(json[0]["changed"], "2024-03-02T10:00:00Z");
}

#[test]
fn omegat_tmx_1_1_with_lang_and_all_is_read() {
    let sandbox = Sandbox::new();
    sandbox.write("project_save.tmx", OMEGAT_TMX);
    sandbox
        .cmd(&["tm", "import", "project_save.tmx"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("project_save.tmx: 2 added"));
    assert!(pairs(&sandbox).contains(
        "أغلقت السلطات المعبر الحدودي صباح اليوم.\tThe authorities closed the border crossing this morning.\n"
    ));
}

#[test]
fn translated_tsv_flows_back_into_the_tm() {
    let sandbox = imported(
        "article.tsv",
        TRANSLATED_TSV,
        "2 added, 0 updated, 0 duplicates skipped, 2 untranslated skipped, 0 held back",
    );
    let pairs = pairs(&sandbox);
    assert!(
        pairs.contains("وقال: \"لن نتراجع\".\tHe said: \"We will not back down.\"\n"),
        "{pairs}"
    );
}

#[test]
fn an_edited_fuzzy_row_counts_as_reviewed() {
    let sandbox = Sandbox::new();
    for (arabic, english) in [
        (
            "قال الوزير إن المحادثات كانت صعبة للغاية",
            "The minister said the talks were very difficult",
        ),
        (
            "وصل الوفد الروسي إلى جنيف صباح الاثنين",
            "The Russian delegation arrived in Geneva on Monday morning",
        ),
    ] {
        sandbox
            .cmd(&["tm", "add", arabic, english])
            .assert()
            .success();
    }
    let translated = sandbox
        .cmd(&["translate", "-f", "tsv"])
        .write_stdin(
            "قال الوزير إن المحادثات كانت صعبة جدا.\nوصل الوفد الروسي إلى جنيف مساء الاثنين.\n",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let translated = String::from_utf8(translated).unwrap();
    assert_eq!(
        translated.matches("\ttm-fuzzy\t").count(),
        2,
        "{translated}"
    );
    // The translator fixes the first row's English and leaves its origin.
    let edited = translated.replace(
        "The minister said the talks were very difficult\ttm-fuzzy",
        "The minister said the talks were difficult\ttm-fuzzy",
    );
    sandbox.write("article.tsv", &edited);
    sandbox
        .cmd(&["tm", "import", "article.tsv"])
        .assert()
        .success()
        .stdout("article.tsv: 1 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 1 held back\n")
        .stderr(predicate::str::starts_with(
            "tarjama: article.tsv: 1 unit has a translation the file marks as not done or not reviewed",
        ));
    assert!(pairs(&sandbox).contains(
        "قال الوزير إن المحادثات كانت صعبة جدا.\tThe minister said the talks were difficult\n"
    ));
    // In another TM nothing shows what `translate` offered: held back.
    sandbox
        .cmd(&["tm", "import", "--tm", "other.sqlite", "article.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 2 held back",
        ));
}

#[test]
fn header_rows_are_recognised_and_swapped_columns_refused() {
    for header in [
        "Arabic\tEnglish",
        "source\ttarget",
        "ar\ten",
        "العربية\tالإنجليزية",
    ] {
        imported(
            "terms.tsv",
            &format!("{header}\nالسلام الآن\tPeace now\n"),
            "1 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 0 held back",
        );
    }
    let sandbox = imported(
        "english-first.tsv",
        "English\tArabic\nPeace now\tالسلام الآن\n",
        "1 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 0 held back",
    );
    assert_eq!(pairs(&sandbox), "السلام الآن\tPeace now\n");

    let swapped = "Peace now\tالسلام الآن\nThe talks\tالمحادثات\n";
    assert_import_fails(
        "swapped.tsv",
        swapped.as_bytes(),
        "the columns look swapped: the source «Peace now» has no Arabic letter and the target «السلام الآن» is Arabic (so do 2 of the 2 rows whose scripts tell): swapped.tsv:1\nhint: put the Arabic in the first column (the source), or import with --swap",
    );
    let sandbox = Sandbox::new();
    sandbox.write("swapped.tsv", swapped);
    sandbox
        .cmd(&["tm", "import", "--swap", "swapped.tsv"])
        .assert()
        .success();
    assert_eq!(
        pairs(&sandbox),
        "السلام الآن\tPeace now\nالمحادثات\tThe talks\n"
    );
}

#[test]
fn quotes_in_a_tsv_are_text() {
    let sandbox = imported(
        "quotes.tsv",
        "source\ttarget\nالسلام الآن\t\"Peace now\"\nقالوا «لا»\tThey said \"no\" twice\n",
        "2 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 0 held back",
    );
    let exported = pairs(&sandbox);
    assert_eq!(
        exported,
        "السلام الآن\t\"Peace now\"\nقالوا «لا»\tThey said \"no\" twice\n"
    );
    // Exported and imported again: the same units, nothing new.
    sandbox.write("again.tsv", &exported);
    sandbox
        .cmd(&["tm", "import", "again.tsv"])
        .assert()
        .success()
        .stdout("again.tsv: 0 added, 0 updated, 2 duplicates skipped, 0 untranslated skipped, 0 held back\n");
}

#[test]
fn xliff_1_2_imports_translated_units_only() {
    let sandbox = imported(
        "finished.xlf",
        FINISHED_12,
        "3 added, 0 updated, 0 duplicates skipped, 4 untranslated skipped, 1 held back",
    );
    // A `new` target in English is a finished translation from a tool that
    // leaves states alone; it is imported.
    assert_eq!(
        pairs(&sandbox),
        "تعهد المانحون بتقديم مساعدات عاجلة للنازحين.\tDonors pledged urgent aid to the displaced.\n\
         أصيب 3 متطوعين.\tThree volunteers were injured.\n\
         عاد بعض النازحين إلى قراهم.\tSome of the displaced returned to their villages.\n"
    );
}

#[test]
fn xliff_2_0_imports_translated_segments_only() {
    let sandbox = imported(
        "finished.xlf",
        FINISHED_20,
        "3 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 1 held back",
    );
    assert_eq!(
        pairs(&sandbox),
        "افتُتح المستشفى الميداني أمس.\tThe field hospital opened yesterday.\n\
         ويضم خمسين سريرا.\tIt has fifty beds.\n\
         الطقس بارد.\tThe weather is cold…\n"
    );
}

#[test]
fn units_marked_not_done_are_held_back_unless_any_state() {
    let sandbox = Sandbox::new();
    sandbox.write("finished.xlf", FINISHED_12);
    sandbox
        .cmd(&["tm", "import", "finished.xlf"])
        .assert()
        .success()
        .stderr(predicate::str::starts_with(
            "tarjama: finished.xlf: 1 unit has a translation the file marks as not done",
        ))
        .stderr(predicate::str::contains("--any-state"));
    sandbox
        .cmd(&["tm", "import", "--any-state", "finished.xlf"])
        .assert()
        .success()
        .stdout(
            "finished.xlf: 1 added, 0 updated, 3 duplicates skipped, 4 untranslated skipped, 0 held back\n",
        );
    assert!(pairs(&sandbox).contains("ما زالت الطرق مقطوعة.\tThe roads are still cut.\n"));
}

#[test]
fn export_and_import_round_trip() {
    let sandbox = with_memory();
    sandbox.write("omegat.tmx", OMEGAT_TMX);
    sandbox
        .cmd(&["tm", "import", "omegat.tmx"])
        .assert()
        .success();
    sandbox
        .cmd(&["tm", "export", "-o", "all.tmx"])
        .assert()
        .success();
    sandbox
        .cmd(&["tm", "export", "-f", "tsv", "-o", "all.tsv"])
        .assert()
        .success();
    for file in ["all.tmx", "all.tsv"] {
        sandbox
            .cmd(&["tm", "import", "--tm", "copy.sqlite", file])
            .assert()
            .success();
        let copy = stdout_of(
            &sandbox,
            &["tm", "export", "--tm", "copy.sqlite", "-f", "tsv"],
        );
        assert_eq!(copy, pairs(&sandbox), "{file}");
        std::fs::remove_file(sandbox.path().join("copy.sqlite")).unwrap();
    }
    let tmx = std::fs::read_to_string(sandbox.path().join("all.tmx")).unwrap();
    assert!(tmx.contains("srclang=\"ar\""));
    assert!(tmx.contains("<tuv xml:lang=\"ar-SA\">"));
    assert!(tmx.contains("creationdate=\"20240301T090000Z\" changedate=\"20240302T100000Z\""));
}

#[test]
fn tmx_export_snapshot() {
    let sandbox = with_memory();
    insta::assert_snapshot!("tm_export_tmx", stdout_of(&sandbox, &["tm", "export"]));
}

#[test]
fn lookup_tsv_has_one_row_per_line_in_the_contract_layout() {
    let sandbox = with_memory();
    let rows = lookup_tsv(
        &sandbox,
        "وصل وفدُ المفاوضين إلى العاصمةِ مساءَ الأحد.\n\nجملة لا علاقة لها بأي شيء هنا\r\nأعلنت وزارة الصحة تسجيل 43 إصابة جديدة.\n",
    );
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[0],
        [
            "1",
            "100",
            "وصل وفد المفاوضين إلى العاصمة مساء الأحد.",
            "The negotiators' delegation arrived in the capital on Sunday evening."
        ]
    );
    assert_eq!(rows[1], ["2", "", "", ""]);
    assert_eq!(rows[2], ["3", "", "", ""]);
    assert_eq!(rows[3][0], "4");
    assert_eq!(rows[3][3], "The health ministry announced 42 new cases.");
}

#[test]
fn a_changed_number_is_never_100_and_diacritics_alone_are() {
    let sandbox = with_memory();
    let rows = lookup_tsv(
        &sandbox,
        "ارتفعت أسعار القمح بنسبة 8 في المئة خلال شهر واحد.\n\
         ارتفعت أسعار القمح بنسبة ٧ في المئة خلال شهر واحد.\n\
         اِرْتَفَعَتْ أسعارُ القمـــح بنسبة 7 في المئة خلال شهر واحد.\n",
    );
    let score: u8 = rows[0][1].parse().unwrap();
    assert!((75..100).contains(&score), "changed number scored {score}");
    assert_eq!(rows[1][1], "100", "Arabic-Indic digits are the same number");
    assert_eq!(rows[2][1], "100", "diacritics and tatweel alone");
}

#[test]
fn lookup_json_gives_the_top_matches_with_a_word_diff() {
    let sandbox = with_memory();
    sandbox
        .cmd(&[
            "tm",
            "add",
            "أعلنت وزارة الصحة تسجيل 42 إصابة جديدة اليوم.",
            "The health ministry announced 42 new cases today.",
        ])
        .assert()
        .success();
    let output = sandbox
        .cmd(&["tm", "lookup", "-f", "json", "-n", "2", "--min-score", "50"])
        .write_stdin("وأعلنت وزارة الصحة تسجيل 45 إصابة جديدة.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&output).unwrap();
    let matches = json[0]["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 2);
    assert_eq!(
        matches[0]["target"],
        "The health ministry announced 42 new cases."
    );
    assert_eq!(matches[0]["match"], "fuzzy");
    assert!(matches[0]["score"].as_u64().unwrap() > matches[1]["score"].as_u64().unwrap());
    assert_eq!(
        matches[0]["diff"],
        serde_json::json!([
            {"op": "variant", "unit": "أعلنت", "query": "وأعلنت"},
            {"op": "equal", "text": "وزارة الصحة تسجيل"},
            {"op": "replace", "unit": "42", "query": "45"},
            {"op": "equal", "text": "إصابة جديدة."},
        ])
    );
}

#[test]
fn lookup_text_and_min_score() {
    let sandbox = with_memory();
    let query = "دعت اللجنة إلى وقف فوري لإطلاق النار وتبادل الأسرى.\n";
    sandbox
        .cmd(&["tm", "lookup"])
        .write_stdin(query)
        .assert()
        .success()
        .stdout(predicate::str::contains("fuzzy #5"))
        .stdout(predicate::str::contains("The committee called"));
    sandbox
        .cmd(&["tm", "lookup", "--min-score", "95"])
        .write_stdin(query)
        .assert()
        .success()
        .stdout("1: no match\n");
    sandbox
        .cmd(&["tm", "lookup", "--min-score", "101"])
        .assert()
        .code(2);
}

#[test]
fn a_huge_line_is_looked_up_like_any_other() {
    let sandbox = with_memory();
    let huge = "وصل وفد المفاوضين إلى العاصمة مساء الأحد ".repeat(5_000);
    let rows = lookup_tsv(
        &sandbox,
        &format!("{huge}\nوصل وفد المفاوضين إلى العاصمة مساء الأحد.\n"),
    );
    assert_eq!(rows[0], ["1", "", "", ""]);
    assert_eq!(rows[1][1], "100");
    let long = "وصل وفد المفاوضين إلى العاصمة مساء الأحد ".repeat(500);
    sandbox
        .cmd(&["tm", "lookup", "-f", "json", "--min-score", "0"])
        .write_stdin(long)
        .assert()
        .success();
}

#[test]
fn a_line_of_100000_words_against_a_similar_unit_is_scored_in_bounded_work() {
    // Before: the work grew with the product of the lengths (minutes here).
    let words = "قال المتحدث إن الوفد سيعود إلى العاصمة بعد جولة جديدة من المحادثات حول \
                 الأسعار والمساعدات في الشمال والجنوب وأكد الوزير أن الحكومة ستدرس الطلب \
                 خلال الأسبوع المقبل مع الشركاء";
    let words: Vec<&str> = words.split_whitespace().collect();
    let mut seed = 12_345_u64;
    let unit: Vec<&str> = (0..100_000)
        .map(|_| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            words[(seed >> 33) as usize % words.len()]
        })
        .collect();
    let mut query = unit.clone();
    for at in (0..query.len()).step_by(50) {
        query[at] = "تغيير";
    }
    // A paragraph only the query has, in the middle.
    query.splice(60_000..60_000, std::iter::repeat_n("إضافة", 1_000));
    let sandbox = Sandbox::new();
    sandbox.write("long.tsv", format!("{}\tThe long unit\n", unit.join(" ")));
    sandbox
        .cmd(&["tm", "import", "long.tsv"])
        .assert()
        .success();
    let rows = lookup_tsv(&sandbox, &format!("{}\n", query.join(" ")));
    // 2,000 changed words and 1,000 inserted in 101,000: 97 when aligned right.
    assert_eq!(rows[0][1], "97", "{:?}", &rows[0][..2]);
    assert_eq!(rows[0][3], "The long unit");
}

#[test]
fn search_is_a_normalized_concordance() {
    let sandbox = with_memory();
    let found = stdout_of(&sandbox, &["tm", "search", "-f", "tsv", "اسعار", "القمح"]);
    assert_eq!(
        found,
        "4\tارتفعت أسعار القمح بنسبة 7 في المئة خلال شهر واحد.\tWheat prices rose by 7 percent in one month.\n"
    );
    let found = stdout_of(&sandbox, &["tm", "search", "-f", "tsv", "SPOKESMAN"]);
    assert!(found.starts_with("3\t"), "{found}");
    assert_eq!(stdout_of(&sandbox, &["tm", "search", "غير موجود"]), "");
}

#[test]
fn search_finds_whole_words_and_marks_them() {
    let sandbox = Sandbox::new();
    for (arabic, english) in [
        (
            "زار الوفد مصر أمس.",
            "The delegation visited Egypt yesterday.",
        ),
        (
            "لقي ثلاثة مصرعهم في الحادث.",
            "Three people died in the accident.",
        ),
        (
            "دعت الأمم المتحدة الدول إلى الحوار.",
            "The UN called on countries to talk.",
        ),
        (
            "اجتمع ممثلو الدول في جنيف.",
            "Representatives of the countries met in Geneva.",
        ),
        (
            "عاد الوزير من مصر وبمصر التقى نظيره.",
            "The minister came back from Egypt, where he met his counterpart.",
        ),
    ] {
        sandbox
            .cmd(&["tm", "add", arabic, english])
            .assert()
            .success();
    }
    let ids = |words: &[&str]| -> Vec<String> {
        let found = stdout_of(&sandbox, &[&["tm", "search", "-f", "tsv"], words].concat());
        found
            .lines()
            .map(|line| line.split('\t').next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&["UN"]), ["3"]);
    assert_eq!(ids(&["مصر"]), ["5", "1"]);
    assert_eq!(ids(&["countries"]), ["4", "3"]);
    assert_eq!(ids(&["للأمم"]), Vec::<String>::new());
    assert_eq!(ids(&["الأمم", "الحوار"]), ["3"]);
    assert_eq!(
        stdout_of(&sandbox, &["tm", "search", "-f", "md", "مصر"]),
        "| # | Arabic | English |\n|---|---|---|\n\
         | 5 | عاد الوزير من **مصر** **وبمصر** التقى نظيره. | The minister came back from Egypt, where he met his counterpart. |\n\
         | 1 | زار الوفد **مصر** أمس. | The delegation visited Egypt yesterday. |\n"
    );
    // Not a terminal: no colour codes.
    assert_eq!(
        stdout_of(&sandbox, &["tm", "search", "UN"]),
        "#3\n  دعت الأمم المتحدة الدول إلى الحوار.\n  The UN called on countries to talk.\n"
    );
}

#[test]
fn stats_add_and_delete() {
    let sandbox = with_memory();
    let english = "The session ended without agreement.";
    for (arabic, said) in [
        ("انتهت الجلسة دون اتفاق.", "added #6\n"),
        ("انتهت الجلسةُ دون اتفاق.", "updated #6\n"),
        ("انتهت الجلسةُ دون اتفاق.", "already there: #6\n"),
    ] {
        sandbox
            .cmd(&["tm", "add", arabic, english])
            .assert()
            .success()
            .stdout(said);
    }
    sandbox
        .cmd(&["tm", "add", "نص", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("tarjama: nothing to add"));
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&sandbox, &["tm", "stats", "-f", "json"])).unwrap();
    assert_eq!(stats["units"], 6);
    assert_eq!(stats["schema_version"], 1);
    sandbox
        .cmd(&["tm", "delete", "6", "2"])
        .assert()
        .success()
        .stdout("deleted #6\ndeleted #2\n");
    sandbox
        .cmd(&["tm", "delete", "6"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: no unit #6 in the translation memory: ",
        ));
    let stats: serde_json::Value =
        serde_json::from_str(&stdout_of(&sandbox, &["tm", "stats", "-f", "json"])).unwrap();
    assert_eq!(stats["units"], 4);
    assert!(stdout_of(&sandbox, &["tm", "stats"]).contains("units:      4\n"));
}

#[test]
fn delete_origin_undoes_an_import() {
    let sandbox = with_memory();
    sandbox.write(
        "later/extra.tsv",
        "انتهت الجلسة دون اتفاق.\tThe session ended without agreement.\n\
         بدأت الجلسة متأخرة.\tThe session started late.\n",
    );
    sandbox
        .cmd(&["tm", "import", "later/extra.tsv"])
        .assert()
        .success();
    let before = pairs(&sandbox);
    sandbox.cmd(&["tm", "add", "نعم", "yes"]).assert().success();
    sandbox
        .cmd(&["tm", "delete", "--origin", "later/extra.tsv"])
        .assert()
        .success()
        .stdout("deleted 2 units from extra.tsv\n");
    let after = pairs(&sandbox);
    assert!(!after.contains("The session"), "{after}");
    assert_eq!(after.lines().count(), before.lines().count() - 2 + 1);
    // The unit with its own origin (desk-notes) stays with the rest of memory.tmx.
    sandbox
        .cmd(&["tm", "delete", "--origin", "desk-notes"])
        .assert()
        .success()
        .stdout("deleted 1 unit from desk-notes\n");
    sandbox
        .cmd(&["tm", "delete", "--origin", "extra.tsv"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: no unit in the translation memory came from extra.tsv: ",
        ))
        .stderr(predicate::str::contains(
            "hint: `tarjama tm stats` lists the origins",
        ));
    // The lookups of the TM no longer find what was deleted.
    assert_eq!(lookup_tsv(&sandbox, "انتهت الجلسة دون اتفاق.\n")[0][1], "");
}

#[test]
fn an_existing_file_that_is_not_a_tm_is_never_converted() {
    let sandbox = Sandbox::new();
    sandbox.write("a.tsv", "نعم\tyes\n");
    for (name, contents) in [
        ("notes.txt", ""),
        ("short.txt", "hi"),
        ("long.txt", &"x".repeat(200)),
    ] {
        sandbox.write(name, contents);
        for args in [
            &["tm", "import", "--tm", name, "a.tsv"][..],
            &["tm", "add", "--tm", name, "نعم", "yes"],
        ] {
            sandbox
                .cmd(args)
                .assert()
                .code(2)
                .stderr(predicate::str::starts_with(
                    "tarjama: not a tarjama translation memory (",
                ))
                .stderr(predicate::str::contains(format!("): {name}\n")));
        }
        assert_eq!(
            std::fs::read_to_string(sandbox.path().join(name)).unwrap(),
            contents
        );
        assert!(!sandbox.path().join(format!("{name}-wal")).exists());
    }
    // A new file is made whole: never seen empty or half made.
    sandbox
        .cmd(&["tm", "import", "--tm", "new.sqlite", "a.tsv"])
        .assert()
        .success();
    let names: Vec<String> = std::fs::read_dir(sandbox.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "temporary files left: {names:?}");
}

#[test]
fn read_only_commands_never_create_the_tm() {
    let sandbox = Sandbox::new();
    for args in [
        &["tm", "lookup"][..],
        &["tm", "search", "كلمة"],
        &["tm", "stats"],
        &["tm", "export"],
        &["tm", "delete", "1"],
    ] {
        sandbox
            .cmd(args)
            .write_stdin("جملة\n")
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(
                "tarjama: no translation memory: ",
            ))
            .stderr(predicate::str::contains("hint: create it with"));
    }
    assert!(!sandbox.path().join("data").exists());
}

#[test]
fn tm_path_comes_from_the_option_then_the_environment() {
    let sandbox = Sandbox::new();
    sandbox.write("memory.tmx", MEMORY_TMX);
    sandbox
        .cmd(&["tm", "import", "--tm", "mine/tm.sqlite", "memory.tmx"])
        .assert()
        .success();
    assert!(sandbox.path().join("mine/tm.sqlite").exists());
    assert!(!default_tm(&sandbox).exists());
    sandbox
        .cmd(&["tm", "stats"])
        .env("TARJAMA_TM", "mine/tm.sqlite")
        .assert()
        .success()
        .stdout(predicate::str::contains("units:      5"));
}

/// Runs `tm import FILE` expecting a failure; the TM must be unchanged.
fn assert_import_fails(file: &str, contents: &[u8], message: &str) {
    let sandbox = with_memory();
    let before = pairs(&sandbox);
    sandbox.write(file, contents);
    sandbox
        .cmd(&["tm", "import", file])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!("tarjama: {message}")))
        .stderr(predicate::str::contains(format!(
            "hint: nothing from {file} was imported"
        )));
    assert_eq!(pairs(&sandbox), before, "{file} changed the TM");
}

/// A TMX whose first unit is good and whose second is `bad`.
fn tmx_with(bad: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\">\n<header srclang=\"ar\"/>\n<body>\n\
         <tu><tuv xml:lang=\"ar\"><seg>جملة جيدة أولى</seg></tuv><tuv xml:lang=\"en\"><seg>A good first sentence</seg></tuv></tu>\n\
         {bad}\n</body>\n</tmx>\n"
    )
}

#[test]
fn unclosed_tags_are_an_error_with_their_place() {
    assert_import_fails(
        "cut.tmx",
        tmx_with("<tu><tuv xml:lang=\"ar\"><seg>نص</seg></tuv>")
            .replace("</body>\n</tmx>\n", "")
            .as_bytes(),
        "the file ends inside <tu>: cut.tmx:7:1",
    );
    assert_import_fails(
        "crossed.tmx",
        tmx_with("<tu><tuv xml:lang=\"ar\"><seg>نص</tuv></seg></tu>").as_bytes(),
        "malformed XML",
    );
}

#[test]
fn a_tuv_without_language_is_an_error() {
    assert_import_fails(
        "nolang.tmx",
        tmx_with("<tu><tuv><seg>نص</seg></tuv><tuv xml:lang=\"en\"><seg>text</seg></tuv></tu>")
            .as_bytes(),
        "a <tuv> without xml:lang: nolang.tmx:6:5",
    );
}

#[test]
fn a_tu_without_target_is_an_error_naming_the_tu() {
    assert_import_fails(
        "notarget.tmx",
        tmx_with("<tu><tuv xml:lang=\"ar\"><seg>نص</seg></tuv></tu>").as_bytes(),
        "TU 2 has no <tuv> in language `en`: notarget.tmx:6:1",
    );
}

#[test]
fn external_entities_and_entity_bombs_are_refused() {
    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n\
                    <tmx version=\"1.4\"><header srclang=\"ar\"/><body><tu><tuv xml:lang=\"ar\"><seg>&secret;</seg></tuv>\
                    <tuv xml:lang=\"en\"><seg>x</seg></tuv></tu></body></tmx>\n";
    assert_import_fails(
        "external.tmx",
        external.as_bytes(),
        "the DOCTYPE declares entities or an internal subset: external.tmx:2:1",
    );
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [\n<!ENTITY a0 \"ha\">\n");
    for level in 1..10 {
        let previous = format!("&a{};", level - 1).repeat(10);
        bomb.push_str(&format!("<!ENTITY a{level} \"{previous}\">\n"));
    }
    bomb.push_str("]>\n<tmx version=\"1.4\"><body><tu><tuv xml:lang=\"ar\"><seg>&a9;</seg></tuv></tu></body></tmx>\n");
    assert_import_fails("bomb.tmx", bomb.as_bytes(), "the DOCTYPE declares entities");
    assert_import_fails(
        "undeclared.tmx",
        tmx_with("<tu><tuv xml:lang=\"ar\"><seg>&nbsp;</seg></tuv></tu>").as_bytes(),
        "undefined or invalid reference &nbsp;: undeclared.tmx:6:",
    );
}

#[test]
fn deep_nesting_is_an_error() {
    let deep = format!(
        "<tu><tuv xml:lang=\"ar\"><seg>{}نص{}</seg></tuv></tu>",
        "<hi>".repeat(100),
        "</hi>".repeat(100)
    );
    assert_import_fails(
        "deep.tmx",
        tmx_with(&deep).as_bytes(),
        "elements nested deeper than 64 levels",
    );
}

#[test]
fn bad_xliff_is_an_error() {
    let no_source = FINISHED_12.replace("<source>وصلت أول قافلة إلى المخيم.</source>", "");
    assert_import_fails(
        "nosource.xlf",
        no_source.as_bytes(),
        "a <trans-unit> without <source>: nosource.xlf:13:7",
    );
    let french = FINISHED_12.replace(
        "source-language=\"ar\" target-language=\"en\"",
        "source-language=\"fr\" target-language=\"de\"",
    );
    assert_import_fails(
        "french.xlf",
        french.as_bytes(),
        "the file is fr→de, the TM holds ar→en",
    );
}

#[test]
fn bad_tsv_and_bad_bytes_are_errors() {
    assert_import_fails(
        "pairs.tsv",
        "جملة\tsentence\nجملة بلا ترجمة\n".as_bytes(),
        "1 columns, expected 2: source<TAB>target: pairs.tsv:2",
    );
    let mut bytes = "جملة\tsentence\n".as_bytes().to_vec();
    bytes.push(0xFF);
    assert_import_fails(
        "latin1.tsv",
        &bytes,
        "invalid UTF-8 at byte offset 18: latin1.tsv",
    );
    assert_import_fails("empty.tmx", b"", "empty file: no <tmx> element: empty.tmx");
}

#[test]
fn files_that_are_not_a_tm_are_refused() {
    let sandbox = Sandbox::new();
    sandbox.write(
        "notes.txt",
        "not a database at all, just some text that is long enough",
    );
    sandbox
        .cmd(&["tm", "stats", "--tm", "notes.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: not a tarjama translation memory (it is not an SQLite database): notes.txt",
        ));
    sandbox
        .cmd(&["tm", "add", "--tm", "notes.txt", "نعم", "yes"])
        .assert()
        .code(2);
    assert!(
        std::fs::read_to_string(sandbox.path().join("notes.txt"))
            .unwrap()
            .starts_with("not a database")
    );

    let other = sandbox.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE songs (title TEXT)")
        .unwrap();
    drop(conn);
    sandbox
        .cmd(&["tm", "add", "--tm", "other.sqlite", "نعم", "yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "(it is another program's database): other.sqlite",
        ));

    sandbox.write("empty.sqlite", "");
    sandbox
        .cmd(&["tm", "lookup", "--tm", "empty.sqlite"])
        .write_stdin("نعم\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(the file is empty)"));
    sandbox.cmd(&["tm", "--help"]).assert().success();
}

#[test]
fn a_read_only_tm_is_an_error_for_writers() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = with_memory();
    let tm = default_tm(&sandbox);
    std::fs::set_permissions(&tm, std::fs::Permissions::from_mode(0o444)).unwrap();
    if std::fs::OpenOptions::new().write(true).open(&tm).is_ok() {
        // Running as root: permissions do not stop anything.
        return;
    }
    sandbox
        .cmd(&["tm", "add", "نعم", "yes"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: the translation memory is read-only: ",
        ));
    sandbox.cmd(&["tm", "stats"]).assert().success();
}

#[test]
fn a_tm_on_a_read_only_share_serves_every_reader_and_writers_say_why_not() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    sandbox.write("memory.tmx", MEMORY_TMX);
    sandbox
        .cmd(&["tm", "import", "--tm", "share/memory.sqlite", "memory.tmx"])
        .assert()
        .success();
    sandbox.write("terms.txt", "العاصمة\n");
    sandbox.write(
        "done.tsv",
        "وصل وفد المفاوضين إلى العاصمة مساء الأحد.\tThe delegation arrived in the capital on Sunday.\n",
    );
    let share = sandbox.path().join("share");
    let mode = |path: &std::path::Path, mode| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    mode(&share.join("memory.sqlite"), 0o444);
    mode(&share, 0o555);
    let tm = ["--tm", "share/memory.sqlite"];
    let run = |args: &[&str]| match sandbox.cmd_unprivileged(&[args, &tm[..]].concat()) {
        Ok(cmd) => Some(cmd),
        Err(why) => {
            eprintln!("skipped: {why}");
            None
        }
    };
    let Some(mut stats) = run(&["tm", "stats"]) else {
        mode(&share, 0o755);
        return;
    };
    stats
        .assert()
        .success()
        .stdout(predicate::str::contains("units:      5"));
    let sentence = "وصل وفد المفاوضين إلى العاصمة مساء الأحد.\n";
    for (args, expected) in [
        (&["tm", "lookup", "-f", "tsv"][..], "1\t100\t"),
        (&["tm", "search", "العاصمة"], "The negotiators' delegation"),
        (&["tm", "export", "-f", "tsv"], "Wheat prices rose"),
        (&["translate", "-f", "tsv"], "\ttm-exact\t100\t"),
        (&["brief", "-f", "md"], "The negotiators' delegation"),
        (&["lookup", "terms.txt", "-f", "tsv"], "العاصمة\t"),
    ] {
        run(args)
            .unwrap()
            .write_stdin(sentence)
            .assert()
            .success()
            .stdout(predicate::str::contains(expected));
    }
    let checked = run(&["check", "done.tsv"])
        .unwrap()
        .assert()
        .get_output()
        .clone();
    assert!(checked.status.code() != Some(2), "{checked:?}");
    // Nothing was created beside the TM.
    let names: Vec<_> = std::fs::read_dir(&share)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names, ["memory.sqlite"]);

    run(&["tm", "add", "نعم", "yes"])
        .unwrap()
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: the translation memory is read-only for you: share/memory.sqlite\n\
             hint: writing needs write permission on the file and on its folder share ",
        ));
    sandbox
        .cmd_unprivileged(&["tm", "import", "--tm", "share/new.sqlite", "done.tsv"])
        .unwrap()
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: cannot create the translation memory (permission denied): share/new.sqlite\n\
             hint: the folder share must exist and be writable by you",
        ));
    mode(&share, 0o755);
}

#[test]
fn a_reader_that_cannot_read_the_log_of_a_tm_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = with_memory();
    // A writer that has committed a change and is still running: the change
    // is in the -wal file. A copy of the TM with that log, in a folder the
    // reader cannot write, is what a reader of a share sees.
    let writer = rusqlite::Connection::open(default_tm(&sandbox)).unwrap();
    writer
        .execute_batch("PRAGMA wal_autocheckpoint = 0; UPDATE units SET target = 'changed';")
        .unwrap();
    std::fs::create_dir(sandbox.path().join("share")).unwrap();
    for suffix in ["", "-wal"] {
        std::fs::copy(
            format!("{}{suffix}", default_tm(&sandbox).display()),
            sandbox.path().join(format!("share/memory.sqlite{suffix}")),
        )
        .unwrap();
    }
    drop(writer);
    let share = sandbox.path().join("share");
    std::fs::set_permissions(&share, std::fs::Permissions::from_mode(0o555)).unwrap();
    match sandbox.cmd_unprivileged(&["tm", "export", "-f", "tsv", "--tm", "share/memory.sqlite"]) {
        Ok(mut cmd) => {
            cmd.assert().code(2).stderr(predicate::str::starts_with(
                "tarjama: the translation memory has changes in its log share/memory.sqlite-wal \
                 that cannot be read without write access to its folder: share/memory.sqlite",
            ));
        }
        Err(why) => eprintln!("skipped: {why}"),
    }
    std::fs::set_permissions(&share, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Who can write there reads the change.
    let exported = stdout_of(
        &sandbox,
        &["tm", "export", "-f", "tsv", "--tm", "share/memory.sqlite"],
    );
    assert!(exported.contains("\tchanged\n"), "{exported}");
}

#[test]
fn a_writer_waits_for_another_and_readers_are_never_blocked() {
    let sandbox = with_memory();
    let conn = rusqlite::Connection::open(default_tm(&sandbox)).unwrap();
    conn.execute_batch("BEGIN IMMEDIATE; DELETE FROM units;")
        .unwrap();
    // A reader sees the last committed state while the write is open.
    assert_eq!(pairs(&sandbox).lines().count(), 5);
    let mut writer = sandbox.spawn(&["tm", "add", "نعم", "yes"]);
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        writer.try_wait().unwrap().is_none(),
        "the writer waits for the lock"
    );
    conn.execute_batch("ROLLBACK").unwrap();
    assert!(writer.wait().unwrap().success());
    assert_eq!(pairs(&sandbox).lines().count(), 6);
}

/// Starts `tm import big.tsv` (into a TM holding `memory.tmx`) and returns
/// it still running, with the number of rows of the file: a file too small
/// for this machine to be caught in the middle of is undone with
/// `tm delete --origin` and tried four times bigger.
fn an_import_in_the_middle(sandbox: &Sandbox) -> (std::process::Child, usize) {
    let mut rows = 50_000;
    loop {
        let mut big = String::with_capacity(rows * 60);
        for row in 0..rows {
            big.push_str(&format!(
                "وصلت الشحنة رقم {row} إلى الميناء\tShipment {row} reached the port\n"
            ));
        }
        sandbox.write("big.tsv", &big);
        let mut import = sandbox.spawn(&["tm", "import", "big.tsv"]);
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(400) && import.try_wait().unwrap().is_none()
        {
            std::thread::sleep(Duration::from_millis(20));
        }
        if import.try_wait().unwrap().is_none() {
            return (import, rows);
        }
        assert!(rows < 1_000_000, "cannot catch an import in the middle");
        sandbox
            .cmd(&["tm", "delete", "--origin", "big.tsv"])
            .assert()
            .success();
        rows *= 4;
    }
}

#[test]
fn a_killed_import_leaves_the_tm_as_it_was() {
    let sandbox = with_memory();
    let before = pairs(&sandbox);
    let (mut import, _) = an_import_in_the_middle(&sandbox);
    import.kill().unwrap();
    import.wait().unwrap();
    assert_eq!(pairs(&sandbox), before);
    sandbox
        .cmd(&["tm", "stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("units:      5"));
    sandbox.write(
        "small.tsv",
        "وصلت الشحنة الأخيرة\tThe last shipment arrived\n",
    );
    sandbox
        .cmd(&["tm", "import", "small.tsv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("small.tsv: 1 added"));
}

#[test]
fn ctrl_c_during_an_import_rolls_it_back_and_leaves_no_log() {
    let sandbox = with_memory();
    let before = pairs(&sandbox);
    let (import, rows) = an_import_in_the_middle(&sandbox);
    let interrupt = std::process::Command::new("kill")
        .args(["-INT", &import.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupt.success());
    let output = import.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130));
    let said = String::from_utf8_lossy(&output.stderr);
    let wal = format!("{}-wal", default_tm(&sandbox).display());
    assert!(
        !std::path::Path::new(&wal).exists(),
        "the log is left behind"
    );
    if said.starts_with("tarjama: interrupted: nothing from big.tsv was imported\n") {
        assert_eq!(pairs(&sandbox), before);
    } else {
        // Ctrl-C came while the import committed: it finished first.
        assert_eq!(
            said,
            "tarjama: interrupted after big.tsv, which was imported whole\n"
        );
        assert_eq!(
            pairs(&sandbox).lines().count(),
            before.lines().count() + rows
        );
    }
}

#[test]
fn import_of_several_files_reports_each_and_a_total() {
    let sandbox = Sandbox::new();
    sandbox.write("a.tmx", MEMORY_TMX);
    sandbox.write("b.tmx", OMEGAT_TMX);
    sandbox
        .cmd(&["tm", "import", "a.tmx", "b.tmx"])
        .assert()
        .success()
        .stdout(
            "a.tmx: 5 added, 0 updated, 0 duplicates skipped, 1 untranslated skipped, 0 held back\n\
             b.tmx: 2 added, 0 updated, 0 duplicates skipped, 0 untranslated skipped, 0 held back\n\
             total: 7 added, 0 updated, 0 duplicates skipped, 1 untranslated skipped, 0 held back\n",
        );
}

#[test]
fn standard_input_is_sniffed_for_xml() {
    let sandbox = Sandbox::new();
    sandbox
        .cmd(&["tm", "import", "-"])
        .write_stdin(OMEGAT_TMX)
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<stdin>: 2 added"));
    let json: serde_json::Value = serde_json::from_str(&stdout_of(
        &sandbox,
        &["tm", "search", "-f", "json", "المعبر"],
    ))
    .unwrap();
    assert_eq!(json[0]["origin"], "<stdin>");
}

#[test]
fn a_damaged_tm_names_its_cause_once() {
    let sandbox = Sandbox::new();
    let pairs: String = (1..=400)
        .map(|n| format!("جملة رقم {n} عن الوفد والمحادثات في جنيف\tSentence {n}\n"))
        .collect();
    sandbox.write("pairs.tsv", pairs);
    sandbox
        .cmd(&["tm", "import", "--tm", "tm.sqlite", "pairs.tsv"])
        .assert()
        .success();
    // Scribble over every page but the first (the header and the schema):
    // SQLite finds the b-trees broken.
    let path = sandbox.path().join("tm.sqlite");
    let mut bytes = std::fs::read(&path).unwrap();
    assert!(bytes.len() > 8192, "several pages");
    for page in bytes.chunks_mut(4096).skip(1) {
        page[100..356].copy_from_slice(&[0xDE; 256]);
    }
    std::fs::write(&path, bytes).unwrap();
    for args in [
        &["tm", "stats", "--tm", "tm.sqlite"][..],
        &["tm", "search", "--tm", "tm.sqlite", "الوفد"],
    ] {
        let output = sandbox.cmd(args).assert().code(2).get_output().clone();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(
            stderr.matches("database disk image is malformed").count(),
            1,
            "{stderr}"
        );
        assert!(
            stderr.starts_with(
                "tarjama: cannot use the translation memory (database disk image is malformed): \
                 tm.sqlite\nhint: the file is damaged"
            ),
            "{stderr}"
        );
    }
}
