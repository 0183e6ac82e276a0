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

#[test]
fn line_breaks_inside_a_sentence_become_single_spaces() {
    Sandbox::new()
        .cmd(&["split"])
        .write_stdin(
            "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\r\n\
             مستعدة للحوار مع جميع الأطراف من أجل التوصل إلى حل سياسي شامل\r\
             للأزمة. وأضاف أن المفاوضات ستستأنف.\n",
        )
        .assert()
        .success()
        .stdout(
            "أكد وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده \
             مستعدة للحوار مع جميع الأطراف من أجل التوصل إلى حل سياسي شامل \
             للأزمة.\nوأضاف أن المفاوضات ستستأنف.\n",
        );
}

#[test]
fn headline_byline_and_list_lines_stay_apart() {
    Sandbox::new()
        .cmd(&["split"])
        .write_stdin(
            "افتتاح معرض الكتاب\nكتب: رامي حسن\nافتتح وزير الثقافة معرض الكتاب أمس بمشاركة خمسمئة دار نشر. ويضم المعرض:\n- ندوات فكرية\n- أمسيات شعرية\n",
        )
        .assert()
        .success()
        .stdout(
            "افتتاح معرض الكتاب\nكتب: رامي حسن\nافتتح وزير الثقافة معرض الكتاب أمس بمشاركة خمسمئة دار نشر.\nويضم المعرض:\n- ندوات فكرية\n- أمسيات شعرية\n",
        );
}

/// Several megabytes, so the input is read and split in many pieces.
fn long_article() -> String {
    let paragraph = "قال د. سمير حداد إن النمو بلغ 3.5 في المئة. وأضاف: «هل نكتفي بهذا؟» قبل أن يبتسم.\n\
                     أكد الوزير في مؤتمر صحفي عقده اليوم في العاصمة أن بلاده\n\
                     مستعدة للحوار. ثم غادر.\n\n";
    paragraph.repeat(8_000)
}

#[test]
fn large_input_splits_as_a_whole() {
    let text = long_article();
    let sandbox = Sandbox::new();
    let path = sandbox.write("big.txt", &text);
    let output = sandbox
        .cmd(&["split", path.to_str().unwrap()])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let expected: String = tarjama::text::split(&text)
        .into_iter()
        .map(|range| text[range].replace('\n', " ") + "\n")
        .collect();
    assert_eq!(String::from_utf8(output).unwrap(), expected);
}

/// The records `split --format json` prints for `text` on standard input.
fn json_records(text: &str) -> Vec<serde_json::Value> {
    let output = Sandbox::new()
        .cmd(&["split", "--format", "json"])
        .write_stdin(text.to_owned())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&output).unwrap()
}

#[test]
fn json_offsets_run_on_across_pieces() {
    let text = long_article();
    let records = json_records(&text);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(records.len(), 8_000 * 4);
    for (index, record) in records.iter().enumerate().step_by(997) {
        let start = usize::try_from(record["start"].as_u64().unwrap()).unwrap();
        let end = usize::try_from(record["end"].as_u64().unwrap()).unwrap();
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(record["id"], index + 1);
        assert_eq!(record["text"].as_str().unwrap(), slice);
    }
}

#[test]
fn a_character_cut_by_the_reading_is_whole_again() {
    // One ASCII byte first, so that the two-byte letters straddle every
    // megabyte boundary of the reading.
    let text = format!("x{}", "ب".repeat(1 << 20));
    Sandbox::new()
        .cmd(&["split"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(text + "\n");
}

#[test]
fn invalid_utf8_far_in_names_its_offset() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend("جملة. ".repeat(300_000).as_bytes());
    let offset = bytes.len();
    bytes.extend(b"\xc3\x28 tail");
    Sandbox::new()
        .cmd(&["split", "-o", "out.txt"])
        .write_stdin(bytes)
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(format!(
            "tarjama: invalid UTF-8 at byte offset {offset}: <stdin>"
        )));
}

#[cfg(unix)]
#[test]
fn output_to_a_pipe_writes_into_it_and_keeps_it() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let sandbox = Sandbox::new();
    let fifo = sandbox.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            text
        })
    };
    sandbox
        .cmd(&["split", "-o", "pipe"])
        .write_stdin("جملة أولى. جملة ثانية.")
        .assert()
        .success();
    assert_eq!(reader.join().unwrap(), "جملة أولى.\nجملة ثانية.\n");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn news_article_in_both_formats() {
    let sandbox = Sandbox::new();
    sandbox.write("news.txt", include_str!("fixtures/split-news.ar.txt"));
    let run = |args: &[&str]| {
        let output = sandbox
            .cmd(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(output).unwrap()
    };
    insta::assert_snapshot!("news_lines", run(&["split", "news.txt"]));
    insta::assert_snapshot!("news_json", run(&["split", "--format", "json", "news.txt"]));
}

#[cfg(unix)]
#[test]
fn output_file_gets_ordinary_permissions_and_a_replaced_file_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let mode = |name: &str| {
        std::fs::metadata(sandbox.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    sandbox
        .cmd(&["split", "-o", "new.txt"])
        .write_stdin("جملة.")
        .assert()
        .success();
    assert_eq!(
        mode("new.txt") & 0o044,
        0o044,
        "others can read a new output"
    );
    let kept = sandbox.write("kept.txt", "old");
    std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o640)).unwrap();
    sandbox
        .cmd(&["split", "-o", "kept.txt"])
        .write_stdin("جملة.")
        .assert()
        .success();
    assert_eq!(mode("kept.txt"), 0o640);
}

/// A passage of `split-passages.ar.txt`: its text and its boundaries, as
/// counts of visible characters before them (whitespace never counts).
struct Passage {
    text: String,
    required: Vec<usize>,
    optional: Vec<usize>,
}

fn marked_passages() -> Vec<Passage> {
    let fixture = std::fs::read_to_string(crate::util::fixture("split-passages.ar.txt")).unwrap();
    let uncommented: Vec<&str> = fixture
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect();
    uncommented
        .split(|line| *line == "===")
        .map(|lines| lines.join("\n"))
        .filter(|passage| !passage.trim().is_empty())
        .map(|passage| {
            let mut marked = Passage {
                text: String::new(),
                required: Vec::new(),
                optional: Vec::new(),
            };
            let mut visible = 0;
            for c in passage.chars() {
                match c {
                    '‖' => marked.required.push(visible),
                    '¦' => marked.optional.push(visible),
                    c => {
                        marked.text.push(c);
                        visible += usize::from(!c.is_whitespace());
                    }
                }
            }
            marked
        })
        .collect()
}

/// Passages written for this test, with every kind of boundary the
/// splitter looks for and the traps beside them (quotations that end a
/// sentence or go on, end markers, references, lines of one sentence
/// each, wrapped lines), split by the binary and scored as the benchmark
/// scores: boundaries counted in visible characters, optional ones ignored.
#[test]
fn marked_passages_split_where_they_are_marked() {
    let passages = marked_passages();
    let input = passages
        .iter()
        .map(|passage| passage.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let records = json_records(&input);
    let chars: Vec<char> = input.chars().collect();
    let visible_before = |at: usize| chars[..at].iter().filter(|c| !c.is_whitespace()).count();
    let predicted: std::collections::BTreeSet<usize> = records
        .iter()
        .map(|record| visible_before(usize::try_from(record["start"].as_u64().unwrap()).unwrap()))
        .collect();
    let (mut found, mut missed, mut wrong, mut required) = (0, Vec::new(), Vec::new(), 0);
    let mut offset = 0;
    for passage in &passages {
        let length = passage.text.chars().filter(|c| !c.is_whitespace()).count();
        let inside = offset + 1..offset + length;
        for &boundary in &passage.required {
            required += 1;
            if predicted.contains(&(offset + boundary)) {
                found += 1;
            } else {
                missed.push(passage.text.clone());
            }
        }
        let marked = |at: &usize| {
            passage.required.contains(&(at - offset)) || passage.optional.contains(&(at - offset))
        };
        wrong.extend(
            predicted
                .range(inside)
                .filter(|at| !marked(at))
                .map(|_| passage.text.clone()),
        );
        offset += length;
    }
    let precision = 100.0 * found as f64 / (found + wrong.len()).max(1) as f64;
    let recall = 100.0 * found as f64 / required.max(1) as f64;
    eprintln!(
        "{} passages, {required} boundaries: precision {precision:.2}, recall {recall:.2}",
        passages.len()
    );
    assert!(required >= 40, "the fixture lost its passages");
    assert!(
        wrong.is_empty() && missed.is_empty(),
        "split where not marked: {wrong:#?}\nnot split where marked: {missed:#?}"
    );
}
