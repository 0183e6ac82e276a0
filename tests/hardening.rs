//! What the tool does under stress and attack: imports killed at random
//! moments, several processes sharing one TM, hostile XML and YAML, hostile
//! file names.

use crate::util::Sandbox;
use predicates::prelude::*;
use rusqlite::Connection;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

type Pairs = BTreeSet<(String, String)>;

/// A TMX file of `count` units numbered from `first`, all different words
/// per file (`tag`), so no unit of one file matches a unit of another.
fn tmx(tag: &str, first: usize, count: usize) -> String {
    let mut tmx = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header srclang=\"ar\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" \
         creationtool=\"t\" creationtoolversion=\"1\" o-tmf=\"t\"/>\n<body>\n",
    );
    for n in first..first + count {
        tmx.push_str(&format!(
            "<tu><tuv xml:lang=\"ar\"><seg>{tag} وصلت القافلة رقم {n} إلى المعبر</seg></tuv>\
             <tuv xml:lang=\"en\"><seg>{tag} convoy {n} reached the crossing</seg></tuv></tu>\n"
        ));
    }
    tmx.push_str("</body>\n</tmx>\n");
    tmx
}

/// Every `(source, target)` of the TM at `path`, after checking that SQLite
/// finds the file sound.
fn sound_pairs(path: &Path) -> Pairs {
    let conn = Connection::open(path).expect("open the TM");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok", "{}", path.display());
    let mut statement = conn.prepare("SELECT source, target FROM units").unwrap();
    statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// Copies a TM whose writer has closed it (no `-wal` file left) to `to`.
fn copy_tm(from: &Path, to: &Path) {
    assert!(!wal_of(from).exists(), "the base TM is checkpointed");
    std::fs::copy(from, to).unwrap();
    for leftover in [wal_of(to), PathBuf::from(format!("{}-shm", to.display()))] {
        let _ = std::fs::remove_file(leftover);
    }
}

fn wal_of(path: &Path) -> PathBuf {
    PathBuf::from(format!("{}-wal", path.display()))
}

/// A small pseudo-random generator (xorshift), seeded from the clock; the
/// seed is printed so that a failure can be replayed.
struct Random(u64);

impl Random {
    fn from_clock() -> Self {
        let seed = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(1, |time| u64::try_from(time.as_nanos()).unwrap())
            | 1;
        eprintln!("random seed: {seed}");
        Random(seed)
    }

    /// A number in `0..below`.
    fn below(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below.max(1)
    }
}

fn wait_with_stderr(child: Child) -> (bool, String) {
    let output = child.wait_with_output().expect("wait for tarjama");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn imports_killed_at_random_moments_leave_the_tm_before_or_after_the_file() {
    const TRIALS: usize = 24;
    let sandbox = Sandbox::new();
    sandbox.write("base.tmx", tmx("أ", 0, 20));
    sandbox.write("big.tmx", tmx("ب", 0, 3000));
    let base = sandbox.path().join("base.sqlite");
    sandbox
        .cmd(&["tm", "import", "--tm", "base.sqlite", "base.tmx"])
        .assert()
        .success();
    let before = sound_pairs(&base);

    // One import to the end: what "after" holds, and how long it takes.
    let full = sandbox.path().join("full.sqlite");
    copy_tm(&base, &full);
    let started = Instant::now();
    let (ok, stderr) =
        wait_with_stderr(sandbox.spawn(&["tm", "import", "--tm", "full.sqlite", "big.tmx"]));
    let import_time = started.elapsed();
    assert!(ok, "{stderr}");
    let after = sound_pairs(&full);
    assert_eq!(after.len(), before.len() + 3000);

    let mut random = Random::from_clock();
    let mut outcomes = [0; 2];
    let mut mid_write = 0;
    let window = u64::try_from(import_time.as_micros()).unwrap() * 11 / 10;
    for trial in 0..TRIALS {
        let name = format!("trial{trial}.sqlite");
        let tm = sandbox.path().join(&name);
        copy_tm(&base, &tm);
        let mut import = sandbox.spawn(&["tm", "import", "--tm", &name, "big.tmx"]);
        // Pages in the WAL: the import is committing (the page cache holds
        // the rest of the transaction until then).
        let writing = || std::fs::metadata(wal_of(&tm)).is_ok_and(|wal| wal.len() > 0);
        if trial % 2 == 0 {
            std::thread::sleep(Duration::from_micros(random.below(window)));
        } else {
            // Aim at the commit: wait for its first pages, then a moment.
            while !writing() && import.try_wait().unwrap().is_none() {
                std::thread::yield_now();
            }
            std::thread::sleep(Duration::from_micros(random.below(2000)));
        }
        let writing = writing();
        // SIGKILL: no destructor, no rollback, no chance to clean up.
        let _ = import.kill();
        import.wait().unwrap();
        let found = sound_pairs(&tm);
        let outcome = if found == before {
            0
        } else if found == after {
            1
        } else {
            panic!(
                "trial {trial}: the TM holds {} units, neither the {} before nor the {} after",
                found.len(),
                before.len(),
                after.len()
            );
        };
        outcomes[outcome] += 1;
        mid_write += usize::from(writing && outcome == 0);
        // The tool opens it as usual afterwards.
        sandbox
            .cmd(&["tm", "stats", "--tm", &name])
            .assert()
            .success();
    }
    eprintln!(
        "{TRIALS} kill trials over {window} µs: {} left the TM as before ({mid_write} of them \
         killed while writing), {} as after",
        outcomes[0], outcomes[1]
    );
}

/// The unit count of `stats -f json`, and the scores `tm lookup` gives the
/// first and last sentence of a file, from a third process while imports run.
struct Observation {
    units: u64,
    scores: Vec<String>,
}

fn observe(sandbox: &Sandbox, probes: &str) -> Observation {
    let stats = sandbox
        .cmd(&["tm", "stats", "-f", "json"])
        .assert()
        .success()
        .stderr("");
    let stats: serde_json::Value = serde_json::from_slice(&stats.get_output().stdout).unwrap();
    let lookup = sandbox
        .cmd(&["tm", "lookup", "--format", "tsv"])
        .write_stdin(probes)
        .assert()
        .success()
        .stderr("");
    let scores = String::from_utf8_lossy(&lookup.get_output().stdout)
        .lines()
        .map(|line| line.split('\t').nth(1).unwrap_or_default().to_owned())
        .collect();
    Observation {
        units: stats["units"].as_u64().expect("unit count"),
        scores,
    }
}

#[test]
fn two_imports_and_a_reader_share_one_tm() {
    const A: usize = 1200;
    const B: usize = 1700;
    let sandbox = Sandbox::new();
    sandbox.write("base.tmx", tmx("أ", 0, 10));
    sandbox.write("a.tmx", tmx("ج", 0, A));
    sandbox.write("b.tmx", tmx("د", 0, B));
    sandbox
        .cmd(&["tm", "import", "base.tmx"])
        .assert()
        .success();
    let probes = format!(
        "ج وصلت القافلة رقم 0 إلى المعبر\nج وصلت القافلة رقم {} إلى المعبر\n",
        A - 1
    );
    let allowed = [10, 10 + A as u64, 10 + B as u64, 10 + (A + B) as u64];

    let importers = [
        sandbox.spawn(&["tm", "import", "a.tmx"]),
        sandbox.spawn(&["tm", "import", "b.tmx"]),
    ];
    let mut seen = BTreeSet::new();
    let mut observations = 0;
    let mut importers: Vec<Option<Child>> = importers.into_iter().map(Some).collect();
    let mut results = Vec::new();
    while importers.iter().any(Option::is_some) || observations == 0 {
        let observation = observe(&sandbox, &probes);
        assert!(
            allowed.contains(&observation.units),
            "a reader saw {} units: part of a file",
            observation.units
        );
        let [first, last] = [&observation.scores[0], &observation.scores[1]];
        assert!(
            (first == "100") == (last == "100"),
            "a lookup saw the first unit of a.tmx as {first} and its last as {last}"
        );
        seen.insert(observation.units);
        observations += 1;
        for slot in &mut importers {
            if slot
                .as_mut()
                .is_some_and(|child| child.try_wait().unwrap().is_some())
            {
                results.push(wait_with_stderr(slot.take().unwrap()));
            }
        }
    }
    for (ok, stderr) in results {
        assert!(ok && stderr.is_empty(), "an import failed: {stderr}");
    }
    let all = observe(&sandbox, &probes);
    assert_eq!(all.units, allowed[3]);
    assert_eq!(all.scores, ["100", "100"]);
    eprintln!("{observations} observations while importing, unit counts seen: {seen:?}");
}

#[test]
fn a_read_only_tm_shows_the_state_it_was_opened_in() {
    use tarjama::exchange::TranslationUnit;
    use tarjama::tm::{LookupOptions, OpenMode, TranslationMemory};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tm.sqlite");
    let unit = |source: &str, target: &str| TranslationUnit {
        source: source.into(),
        target: target.into(),
        source_lang: "ar".into(),
        target_lang: "en".into(),
        ..TranslationUnit::default()
    };
    let mut writer = TranslationMemory::open(&path, OpenMode::Create).unwrap();
    writer
        .add(
            &unit("وصل الوفد إلى جنيف", "The delegation reached Geneva"),
            "t",
        )
        .unwrap();
    let reader = TranslationMemory::open(&path, OpenMode::ReadOnly).unwrap();
    let late = "بدأت المحادثات في القاعة الكبرى";
    writer
        .add(&unit(late, "Talks began in the great hall"), "t")
        .unwrap();
    assert_eq!(reader.len().unwrap(), 1);
    assert!(
        reader
            .lookup(late, &LookupOptions::default())
            .unwrap()
            .is_empty()
    );
    let fresh = TranslationMemory::open(&path, OpenMode::ReadOnly).unwrap();
    assert_eq!(fresh.len().unwrap(), 2);
    assert_eq!(
        fresh.lookup(late, &LookupOptions::default()).unwrap()[0].score,
        100
    );
}
#[test]
fn batch_outputs_stay_inside_the_folder_whatever_the_input_names() {
    let sandbox = Sandbox::new();
    let text = "وصل الوفد إلى جنيف.";
    sandbox.write("in/line\nbreak.txt", text);
    let long = format!("{}.txt", "م".repeat(125));
    sandbox.write(&format!("in/{long}"), text);
    sandbox.write("up.txt", text);
    sandbox
        .cmd(&[
            "translate",
            "--no-default-glossary",
            "-f",
            "tsv",
            "in",
            "-o",
            "out",
        ])
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(sandbox.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0], "line_break.tsv");
    assert!(names[1].len() <= 255 && names[1].ends_with("م.tsv"));

    // `../up.txt` from inside a folder: the output lands in `-o`, not beside the input.
    std::fs::create_dir(sandbox.path().join("work")).unwrap();
    sandbox
        .cmd(&[
            "translate",
            "--no-default-glossary",
            "-f",
            "md",
            "../up.txt",
            "-o",
            "out/",
        ])
        .current_dir(sandbox.path().join("work"))
        .assert()
        .success();
    assert!(sandbox.path().join("work/out/up.md").is_file());
    assert!(!sandbox.path().join("up.md").exists());
}

#[cfg(unix)]
#[test]
fn batch_outputs_never_write_through_a_link() {
    let sandbox = Sandbox::new();
    sandbox.write("in/a.txt", "وصل الوفد إلى جنيف.");
    sandbox.write("in/b.txt", "بدأت المحادثات.");
    let victim = sandbox.write("victim.txt", "keep me");
    std::fs::create_dir(sandbox.path().join("out")).unwrap();
    std::os::unix::fs::symlink(&victim, sandbox.path().join("out/b.md")).unwrap();
    sandbox
        .cmd(&["translate", "--no-default-glossary", "in", "-o", "out"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "tarjama: the output file is a symbolic link: out/b.md",
        ));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!sandbox.path().join("out/a.md").exists(), "nothing written");
}
/// A file the hostile inputs below try to read: its text must never show.
const SECRET: &str = "SECRET-7f3a9-SHOULD-NEVER-SHOW";

fn with_secret() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("secret.txt", SECRET);
    sandbox.write(
        "secret.dtd",
        "<!ENTITY secret SYSTEM \"secret.txt\">\n<!ENTITY % p SYSTEM \"secret.txt\">\n",
    );
    sandbox
}

/// The failed imports added nothing (the TM they created, if any, is empty).
fn assert_no_units(sandbox: &Sandbox) {
    let tm = sandbox.path().join("data/tarjama/memory.sqlite");
    assert!(!tm.exists() || sound_pairs(&tm).is_empty());
}

/// Runs `tarjama ARGS` and checks that it fails with exit code 2 and a
/// message holding `message`, quickly, without showing the secret.
fn refused(sandbox: &Sandbox, args: &[&str], message: &str) {
    let started = Instant::now();
    let output = sandbox
        .cmd(args)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message))
        .get_output()
        .clone();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{args:?} took long"
    );
    for stream in [&output.stdout, &output.stderr] {
        assert!(!String::from_utf8_lossy(stream).contains(SECRET));
    }
}

const TMX_HEAD: &str = "<tmx version=\"1.4\"><header srclang=\"ar\"/><body>";

fn tmx_unit(source: &str) -> String {
    format!(
        "<tu><tuv xml:lang=\"ar\"><seg>{source}</seg></tuv><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>"
    )
}

#[test]
fn xml_never_reads_other_files() {
    let sandbox = with_secret();
    let external = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY s SYSTEM \"secret.txt\">]>\n{TMX_HEAD}{}</body></tmx>",
        tmx_unit("&s;")
    );
    sandbox.write("external.tmx", &external);
    refused(
        &sandbox,
        &["tm", "import", "external.tmx"],
        "the DOCTYPE declares entities",
    );
    // A DOCTYPE that names a DTD on disk: the DTD is not read, so its
    // entities stay undefined.
    let dtd = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"secret.dtd\">\n{TMX_HEAD}{}</body></tmx>",
        tmx_unit("&secret;")
    );
    sandbox.write("dtd.tmx", &dtd);
    refused(
        &sandbox,
        &["tm", "import", "dtd.tmx"],
        "undefined or invalid reference &secret;",
    );
    let xliff = "<?xml version=\"1.0\"?>\n<!DOCTYPE xliff SYSTEM \"secret.dtd\">\n\
        <xliff version=\"1.2\"><file source-language=\"ar\" target-language=\"en\" original=\"a\" datatype=\"plaintext\"><body>\
        <trans-unit id=\"1\"><source>&secret;</source><target>x</target></trans-unit></body></file></xliff>";
    sandbox.write("dtd.xlf", xliff);
    refused(
        &sandbox,
        &["tm", "import", "dtd.xlf"],
        "undefined or invalid reference &secret;",
    );
    let tbx = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"secret.dtd\">\n\
        <martif><text><body><termEntry><langSet xml:lang=\"ar\"><tig><term>&secret;</term></tig></langSet>\
        <langSet xml:lang=\"en\"><tig><term>x</term></tig></langSet></termEntry></body></text></martif>";
    sandbox.write("dtd.tbx", tbx);
    refused(
        &sandbox,
        &[
            "terms",
            "--no-default-glossary",
            "-g",
            "dtd.tbx",
            "secret.txt",
        ],
        "unknown entity `&secret;`",
    );
    assert_no_units(&sandbox);
}

#[cfg(unix)]
#[test]
fn a_dtd_named_by_a_doctype_is_never_opened() {
    // A FIFO blocks whoever opens it for reading: opening the DTD would hang.
    let sandbox = Sandbox::new();
    let fifo = sandbox.path().join("blocking.dtd");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("no mkfifo: skipped");
        return;
    }
    let file = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx SYSTEM \"blocking.dtd\">\n{TMX_HEAD}{}</body></tmx>",
        tmx_unit("نعم")
    );
    sandbox.write("named.tmx", &file);
    sandbox
        .cmd(&["tm", "import", "named.tmx"])
        .timeout(Duration::from_secs(20))
        .assert()
        .success()
        .stdout(predicate::str::starts_with("named.tmx: 1 added"));
}

/// Entity declarations nested ten deep: 10^10 copies once expanded.
fn billion_laughs(root: &str, body: &str) -> String {
    let mut bomb = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE {root} [\n<!ENTITY a0 \"ha\">\n");
    for level in 1..10 {
        let previous = format!("&a{};", level - 1).repeat(10);
        bomb.push_str(&format!("<!ENTITY a{level} \"{previous}\">\n"));
    }
    bomb.push_str("]>\n");
    bomb.push_str(body);
    bomb
}

#[test]
fn entity_bombs_and_deep_nesting_are_refused_quickly() {
    let sandbox = with_secret();
    let xliff = billion_laughs(
        "xliff",
        "<xliff version=\"1.2\"><file source-language=\"ar\" target-language=\"en\"><body>\
         <trans-unit id=\"1\"><source>&a9;</source><target>x</target></trans-unit></body></file></xliff>",
    );
    sandbox.write("bomb.xlf", &xliff);
    refused(
        &sandbox,
        &["tm", "import", "bomb.xlf"],
        "the DOCTYPE declares entities",
    );
    let tbx = billion_laughs(
        "martif",
        "<martif><text><body><termEntry><langSet xml:lang=\"ar\"><tig><term>&a9;</term></tig></langSet>\
         </termEntry></body></text></martif>",
    );
    sandbox.write("bomb.tbx", &tbx);
    refused(
        &sandbox,
        &["glossary", "import", "bomb.tbx"],
        "unknown entity `&a9;`",
    );

    // A hundred thousand nested elements: an error, not a stack overflow.
    let depth = 100_000;
    let deep = |open: &str, close: &str| format!("{}{}", open.repeat(depth), close.repeat(depth));
    let tmx = format!(
        "{TMX_HEAD}<tu><tuv xml:lang=\"ar\"><seg>{}</seg></tuv></tu></body></tmx>",
        deep("<hi>", "</hi>")
    );
    sandbox.write("deep.tmx", &tmx);
    refused(
        &sandbox,
        &["tm", "import", "deep.tmx"],
        "elements nested deeper than 64 levels",
    );
    let xliff = format!(
        "<xliff version=\"1.2\"><file source-language=\"ar\" target-language=\"en\"><body>\
         <trans-unit id=\"1\"><source>{}</source></trans-unit></body></file></xliff>",
        deep("<g>", "</g>")
    );
    sandbox.write("deep.xlf", &xliff);
    refused(
        &sandbox,
        &["tm", "import", "deep.xlf"],
        "elements nested deeper than 64 levels",
    );
    // TBX is read flat: a deep file is just a glossary without entries.
    let tbx = format!("<martif>{}</martif>", deep("<x>", "</x>"));
    sandbox.write("deep.tbx", &tbx);
    refused(
        &sandbox,
        &["glossary", "import", "deep.tbx"],
        "the glossary has no entries",
    );
    assert_no_units(&sandbox);
}

#[test]
fn yaml_alias_bombs_are_refused_quickly() {
    let sandbox = Sandbox::new();
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in b'b'..=b'i' {
        let (previous, level) = ((level - 1) as char, level as char);
        let refs = format!("*{previous},").repeat(9);
        bomb.push_str(&format!(
            "{level}: &{level} [{}]\n",
            refs.trim_end_matches(',')
        ));
    }
    sandbox.write("bomb.yaml", &bomb);
    // Text repeated through aliases: 400 KB of file, 5 GB of glossary.
    let strings = format!(
        "entries:\n  - ar: جنيف\n    en: Geneva\n    note: &a {}\n  - ar: روما\n    en: Rome\n    variants: [{}]\n",
        "ل".repeat(50_000),
        vec!["*a"; 100_000].join(",")
    );
    sandbox.write("strings.yaml", &strings);
    sandbox.write("text.txt", "وصل الوفد إلى جنيف.");
    for args in [
        &["terms", "-g", "bomb.yaml", "text.txt"][..],
        &["glossary", "lint", "bomb.yaml"],
        &["terms", "-g", "strings.yaml", "text.txt"],
        &["glossary", "lint", "strings.yaml"],
    ] {
        let started = Instant::now();
        sandbox
            .cmd(args)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("tarjama: "));
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_link_is_replaced_not_written_through() {
    let sandbox = Sandbox::new();
    sandbox.write("a.txt", "وصل الوفد إلى جنيف. بدأت المحادثات.");
    let victim = sandbox.write("victim.txt", "keep me");
    let link = sandbox.path().join("sentences.txt");
    std::os::unix::fs::symlink(&victim, &link).unwrap();
    sandbox
        .cmd(&["split", "a.txt", "-o", "sentences.txt"])
        .assert()
        .success();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert!(!link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(&link).unwrap(),
        "وصل الوفد إلى جنيف.\nبدأت المحادثات.\n"
    );
}

// Inputs the fuzz targets found (fuzz/README.md), kept as regression tests.

#[test]
fn a_glossary_error_after_lone_carriage_returns_names_the_line_yaml_counts() {
    let sandbox = Sandbox::new();
    sandbox.write("names.yaml", "جنيف: Geneva\n\r\r\r\r\rروسيا: [Russia\n");
    sandbox
        .cmd(&["glossary", "lint", "names.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names.yaml:7:8"));
}

#[test]
fn a_glossary_error_after_next_line_characters_names_the_line_an_editor_shows() {
    // YAML starts a line at NEL (U+0085); editors do not.
    let sandbox = Sandbox::new();
    sandbox.write("names.yaml", "جنيف: Geneva\u{85}\u{85}x: [y\n");
    sandbox
        .cmd(&["glossary", "lint", "names.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("names.yaml:1:18"));
}

#[test]
fn a_lam_alef_ligature_holds_the_proclitic_and_the_first_letter_of_the_name() {
    let sandbox = Sandbox::new();
    sandbox.write("terms.yaml", "اتفاق: agreement\n");
    sandbox.write("text.txt", "دعا ﻻتفاق جديد.\n");
    sandbox
        .cmd(&[
            "terms",
            "--no-default-glossary",
            "-g",
            "terms.yaml",
            "-f",
            "json",
            "text.txt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#""start":4,"end":9,"byte_start":7,"byte_end":18,"surface":"ﻻتفاق","entry":"اتفاق""#,
        ));
}

// What the commands read and where they write.

const ARTICLE: &str = "وصل سيرجي لافروف إلى جنيف يوم الاثنين.\nوقال إن المحادثات ستبدأ غدا.\n";

/// A sandbox with an article, a glossary, a translated TSV and a TM.
fn with_inputs() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("article.txt", ARTICLE);
    sandbox.write("names.yaml", "entries:\n  - ar: جنيف\n    en: Geneva\n");
    sandbox.write("names.txt", "جنيف\tGeneva\n");
    sandbox.write("list.yaml", "جنيف\tGeneva\n");
    sandbox.write(
        "done.tsv",
        "source\ttarget\nوصل الوفد إلى جنيف.\tThe delegation arrived in Geneva.\n",
    );
    sandbox
        .cmd(&[
            "tm",
            "add",
            "--tm",
            "tm.sqlite",
            "وصل الوفد إلى جنيف.",
            "The delegation arrived in Geneva.",
        ])
        .assert()
        .success();
    sandbox
}

#[test]
fn no_command_writes_over_a_file_it_reads() {
    let sandbox = with_inputs();
    // Formats are named where the victim's extension would not be one.
    let g = ["-g", "names.txt"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["split", "article.txt"], "article.txt"),
        (vec!["terms", "article.txt"], "article.txt"),
        ([&["terms", "article.txt"][..], &g].concat(), "names.txt"),
        (vec!["summarize", "article.txt"], "article.txt"),
        (
            vec!["summarize", "-f", "md", "--tm", "tm.sqlite", "article.txt"],
            "tm.sqlite",
        ),
        (vec!["lookup", "article.txt"], "article.txt"),
        ([&["lookup", "article.txt"][..], &g].concat(), "names.txt"),
        (vec!["check", "done.tsv"], "done.tsv"),
        (
            vec!["check", "-f", "json", "--tm", "tm.sqlite", "done.tsv"],
            "tm.sqlite",
        ),
        (
            vec!["tm", "lookup", "--tm", "tm.sqlite", "article.txt"],
            "article.txt",
        ),
        (
            vec![
                "tm",
                "lookup",
                "-f",
                "tsv",
                "--tm",
                "tm.sqlite",
                "article.txt",
            ],
            "tm.sqlite",
        ),
        (
            vec!["tm", "export", "--tm", "tm.sqlite", "-f", "tsv"],
            "tm.sqlite",
        ),
        (
            vec!["tm", "search", "--tm", "tm.sqlite", "-f", "tsv", "جنيف"],
            "tm.sqlite",
        ),
        (vec!["translate", "-f", "md", "article.txt"], "article.txt"),
        (
            [&["translate", "-f", "md", "article.txt"][..], &g].concat(),
            "names.txt",
        ),
        (
            vec!["brief", "-f", "md", "article.txt", "--tm", "tm.sqlite"],
            "tm.sqlite",
        ),
        (vec!["glossary", "export", "names.yaml"], "names.yaml"),
        (vec!["glossary", "show", "names.txt"], "names.txt"),
        (
            vec!["glossary", "import", "--from", "tsv", "list.yaml"],
            "list.yaml",
        ),
    ];
    for (args, victim) in cases {
        let before = std::fs::read(sandbox.path().join(victim)).unwrap();
        let mut args = args.clone();
        args.extend(["-o", victim]);
        sandbox
            .cmd(&args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with(format!(
                "tarjama: the output would replace its own input ({victim}): {victim}\n"
            )));
        let after = std::fs::read(sandbox.path().join(victim)).unwrap();
        assert!(before == after, "{args:?} changed {victim}");
    }
}

#[cfg(unix)]
#[test]
fn an_input_is_the_same_file_through_hard_and_symbolic_links() {
    let sandbox = with_inputs();
    std::fs::hard_link(
        sandbox.path().join("article.txt"),
        sandbox.path().join("hard.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink("article.txt", sandbox.path().join("soft.txt")).unwrap();
    std::fs::create_dir(sandbox.path().join("sub")).unwrap();
    for (input, output) in [
        ("article.txt", "hard.txt"),
        ("hard.txt", "article.txt"),
        ("soft.txt", "article.txt"),
        ("article.txt", "soft.txt"),
        ("article.txt", "sub/../article.txt"),
    ] {
        for command in [&["split"][..], &["terms"], &["summarize"], &["lookup"]] {
            let mut args = command.to_vec();
            args.extend([input, "-o", output]);
            sandbox
                .cmd(&args)
                .assert()
                .code(2)
                .stderr(predicate::str::contains("would replace its own input"));
        }
        assert_eq!(
            std::fs::read_to_string(sandbox.path().join("article.txt")).unwrap(),
            ARTICLE
        );
    }
    // Standard input, or standard output, can be the file too (`>>`).
    let article = std::fs::File::open(sandbox.path().join("article.txt")).unwrap();
    let mut split = sandbox.process(&["split", "-o", "hard.txt"]);
    let output = split.stdin(article).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let appending = std::fs::OpenOptions::new()
        .append(true)
        .open(sandbox.path().join("article.txt"))
        .unwrap();
    let output = sandbox
        .process(&["split", "hard.txt"])
        .stdout(appending)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("standard output"));
    assert_eq!(
        std::fs::read_to_string(sandbox.path().join("article.txt")).unwrap(),
        ARTICLE
    );
}

/// `text` in UTF-16 with the byte order's mark, or without one.
fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let units = mark
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|unit| {
            if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            }
        })
        .collect()
}

#[test]
fn utf16_with_a_byte_order_mark_reads_as_its_utf8() {
    let sandbox = with_inputs();
    let article = std::fs::read_to_string(crate::util::fixture("news.ar.txt")).unwrap();
    sandbox.write("news.txt", &article);
    sandbox.write("le/news.txt", utf16(&article, false, true));
    sandbox.write("be/news.txt", utf16(&article, true, true));
    let glossary = "entries:\n  - ar: جنيف\n    en: Geneva\n";
    sandbox.write("le/names.yaml", utf16(glossary, false, true));
    let tsv = std::fs::read_to_string(sandbox.path().join("done.tsv")).unwrap();
    sandbox.write("le/done.tsv", utf16(&tsv, false, true));
    let commands: [&[&str]; 9] = [
        &["split"],
        &["split", "-f", "json"],
        &["terms", "-f", "json"],
        &["translate", "-f", "tsv"],
        &["brief", "-f", "json"],
        &["summarize", "-f", "json"],
        &["lookup"],
        &["tm", "lookup", "--tm", "tm.sqlite", "-f", "tsv"],
        &["terms", "-g", "names.yaml", "--no-default-glossary"],
    ];
    for command in commands {
        let run = |dir: &str| {
            let mut args = command.to_vec();
            let file = format!("{dir}news.txt");
            args.push(&file);
            let output = sandbox.cmd(&args).output().unwrap();
            assert!(output.status.success(), "{args:?}: {output:?}");
            output.stdout
        };
        let utf8 = run("");
        assert!(!utf8.is_empty(), "{command:?}");
        assert_eq!(run("le/"), utf8, "{command:?} of UTF-16LE");
        assert_eq!(run("be/"), utf8, "{command:?} of UTF-16BE");
    }
    // Standard input, glossaries and exchange files too.
    sandbox
        .cmd(&["split"])
        .write_stdin(utf16(&article, false, true))
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "وصل سيرجي لافروف إلى جنيف يوم الاثنين، والتقى بممثلي للأمم المتحدة هناك.\n",
        ));
    sandbox
        .cmd(&[
            "terms",
            "--no-default-glossary",
            "-g",
            "le/names.yaml",
            "news.txt",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Geneva"));
    sandbox
        .cmd(&["glossary", "show", "le/names.yaml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("جنيف → Geneva"));
    sandbox
        .cmd(&["check", "--no-default-glossary", "le/done.tsv"])
        .assert()
        .success();
}

#[test]
fn utf16_without_a_byte_order_mark_is_refused_with_the_way_to_convert_it() {
    let sandbox = with_inputs();
    let article = std::fs::read_to_string(crate::util::fixture("news.ar.txt")).unwrap();
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        sandbox.write("bare.txt", utf16(&article, big_endian, false));
        sandbox.write("bare.yaml", utf16("جنيف: Geneva\n", big_endian, false));
        let commands: [&[&str]; 10] = [
            &["split", "bare.txt"],
            &["terms", "bare.txt"],
            &["translate", "bare.txt"],
            &["brief", "bare.txt"],
            &["summarize", "bare.txt"],
            &["lookup", "bare.txt"],
            &["tm", "lookup", "--tm", "tm.sqlite", "bare.txt"],
            &["check", "bare.txt"],
            &["tm", "import", "--tm", "tm.sqlite", "bare.txt"],
            &["glossary", "lint", "bare.yaml"],
        ];
        for args in commands {
            sandbox
                .cmd(args)
                .assert()
                .code(2)
                .stdout("")
                .stderr(predicate::str::contains(format!(
                    "looks like {name} without a byte-order mark"
                )))
                .stderr(predicate::str::contains(format!(
                    "hint: convert it to UTF-8 first: `iconv -f {name} -t UTF-8"
                )));
        }
        sandbox
            .cmd(&["split"])
            .write_stdin(utf16(&article, big_endian, false))
            .assert()
            .code(2)
            .stderr(predicate::str::contains(name));
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_names_where_the_output_went() {
    let sandbox = with_inputs();
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        &["split", "article.txt"][..],
        &["translate", "-f", "json", "article.txt"],
        &["glossary", "export", "-f", "yaml"],
    ] {
        let output = sandbox.process(args).stdout(full()).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.starts_with("tarjama: cannot write the output (No space left on device")
                && stderr.contains("): standard output\nhint: make room on its disk"),
            "{args:?}: {stderr}"
        );
    }
    sandbox
        .cmd(&["split", "article.txt", "-o", "/dev/full"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("): /dev/full\n"));
}
