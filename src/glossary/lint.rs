//! Checks that keep a glossary clean: duplicate keys, the same Arabic with
//! different English, forms shared by two entries, entries hidden behind a
//! longer word that the matcher reads first, `avoid` equal to `en`, and empty
//! or space-padded fields.

use super::model::{Entry, Source};
use crate::text::normalize_str;
use crate::text::script::Scripts;
use crate::text::tokenize::{proclitic_readings, words};
use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;
use std::fmt;

/// One problem, at the line of the entry that has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where the entry was written.
    pub source: Option<Source>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{source}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// Checks `entries` (of one or more files, in order) and returns the
/// problems sorted by file and line.
pub fn lint(entries: &[Entry]) -> Vec<Problem> {
    let mut findings = Vec::new();
    let mut report = |index: usize, message: String| {
        findings.push((
            index,
            Problem {
                source: entries[index].source.clone(),
                message,
            },
        ))
    };
    let keys: Vec<String> = entries.iter().map(|e| normalize_str(e.ar.trim())).collect();
    for (index, entry) in entries.iter().enumerate() {
        for message in field_problems(entry) {
            report(index, message);
        }
    }
    // The same key twice.
    let mut first_with_key: HashMap<&str, usize> = HashMap::new();
    for (index, key) in keys.iter().enumerate() {
        if key.is_empty() {
            continue;
        }
        match first_with_key.entry(key) {
            Slot::Vacant(slot) => {
                slot.insert(index);
            }
            Slot::Occupied(slot) => {
                let (first, entry) = (&entries[*slot.get()], &entries[index]);
                let message = if first.en.trim() == entry.en.trim() {
                    format!("duplicate entry `{}` (also at {})", entry.ar, place(first))
                } else if same_file(first, entry) {
                    format!(
                        "duplicate key `{}`: `{}` here, `{}` at {}",
                        entry.ar,
                        entry.en,
                        first.en,
                        place(first)
                    )
                } else {
                    format!(
                        "`{}` is `{}` here but `{}` in {}",
                        entry.ar,
                        entry.en,
                        first.en,
                        place(first)
                    )
                };
                report(index, message);
            }
        }
    }
    // A form (key or variant) that another entry also has.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        for (position, form) in entry.forms().enumerate() {
            let normalized = normalize_str(form.trim());
            if normalized.is_empty() {
                continue;
            }
            if position > 0 && normalized == keys[index] {
                report(
                    index,
                    format!("variant `{form}` is the key itself once normalized"),
                );
                continue;
            }
            match owner.entry(normalized) {
                Slot::Vacant(slot) => {
                    slot.insert(index);
                }
                Slot::Occupied(slot) => {
                    let other = *slot.get();
                    // Two entries with one key are reported above.
                    if other != index && (position > 0 || keys[other] != keys[index]) {
                        let other = &entries[other];
                        report(
                            index,
                            format!(
                                "`{form}` is also a form of `{}` ({}) once normalized",
                                other.ar,
                                place(other)
                            ),
                        );
                    }
                }
            }
        }
    }
    // A one-word form that the matcher reads whole, hiding a shorter entry
    // behind a proclitic: with `لبنان` and `بنان`, ل + بنان is never found.
    for (index, entry) in entries.iter().enumerate() {
        for form in entry.forms() {
            let normalized = normalize_str(form.trim());
            if words(&normalized).count() != 1 {
                continue;
            }
            for reading in proclitic_readings(&normalized) {
                let mut stem = String::new();
                reading.stem_into(&mut stem);
                if let Some(&hidden) = owner.get(&stem)
                    && hidden != index
                {
                    report(
                        hidden,
                        format!(
                            "`{}` + `{}` is read as `{form}` ({}), so it is never found with that proclitic",
                            reading.prefix,
                            entries[hidden].ar,
                            place(entry)
                        ),
                    );
                }
            }
        }
    }
    findings.sort_by_key(|(index, _)| *index);
    findings.into_iter().map(|(_, finding)| finding).collect()
}

fn field_problems(entry: &Entry) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |name: &str, value: &str| {
        if value.trim().is_empty() {
            problems.push(format!("empty `{name}`"));
        } else if value.trim() != value {
            problems.push(format!(
                "`{name}` has leading or trailing spaces: `{value}`"
            ));
        } else if value.contains("  ") {
            problems.push(format!("`{name}` has a double space: `{value}`"));
        }
    };
    check("ar", &entry.ar);
    check("en", &entry.en);
    entry.variants.iter().for_each(|v| check("variants", v));
    entry.avoid.iter().for_each(|v| check("avoid", v));
    if let Some(long) = &entry.long {
        check("long", long);
    }
    if let Some(note) = &entry.note {
        check("note", note);
    }
    for form in entry.forms() {
        if !form.trim().is_empty() && words(&normalize_str(form)).next().is_none() {
            problems.push(format!(
                "`{form}` has no letters or digits, so it never matches"
            ));
        }
    }
    for avoid in &entry.avoid {
        if avoid.trim().eq_ignore_ascii_case(entry.en.trim()) {
            problems.push(format!("avoid `{avoid}` is the entry's own English"));
        }
    }
    problems.extend(script_problems(entry));
    problems
}

/// An `ar` without Arabic, an `en` in Arabic (the two swapped, say), an
/// `en` without a letter or digit (`???`, or `~`, which YAML reads as text).
fn script_problems(entry: &Entry) -> Vec<String> {
    let mut problems = Vec::new();
    let (ar, en) = (Scripts::of(&entry.ar), Scripts::of(&entry.en));
    if !ar.arabic && ar.other && en.arabic && !en.other {
        problems.push(format!(
            "`ar` and `en` look swapped: `ar: {}`, `en: {}`",
            entry.ar, entry.en
        ));
        return problems;
    }
    if !ar.arabic && ar.other {
        problems.push(format!("`ar` has no Arabic letter: `{}`", entry.ar));
    }
    if en.arabic {
        problems.push(format!("`en` has Arabic letters: `{}`", entry.en));
    }
    let en_text = entry.en.trim();
    if !en_text.is_empty() && !en_text.chars().any(char::is_alphanumeric) {
        let why = if en_text == "~" {
            " (YAML reads `en: ~` as the text `~`)"
        } else {
            ""
        };
        problems.push(format!(
            "`en` has no letters or digits: `{}`{why}",
            entry.en
        ));
    }
    problems
}

fn same_file(a: &Entry, b: &Entry) -> bool {
    a.source.as_ref().map(|s| &s.file) == b.source.as_ref().map(|s| &s.file)
}

fn place(entry: &Entry) -> String {
    entry
        .source
        .as_ref()
        .map_or_else(|| "an entry without a file".to_owned(), ToString::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn entry(file: &str, line: usize, ar: &str, en: &str) -> Entry {
        Entry {
            ar: ar.into(),
            en: en.into(),
            source: Some(Source {
                file: Arc::from(file),
                line,
            }),
            ..Entry::default()
        }
    }

    fn messages(entries: &[Entry]) -> Vec<String> {
        lint(entries).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn clean_glossary_has_no_findings() {
        let entries = [
            entry("a.yaml", 2, "جنيف", "Geneva"),
            entry("a.yaml", 5, "كوفي أنان", "Kofi Annan"),
            entry("a.yaml", 8, "أنان", "Annan"),
        ];
        assert!(messages(&entries).is_empty());
    }

    #[test]
    fn duplicates_and_cross_file_disagreements() {
        let entries = [
            entry("a.yaml", 2, "جنيف", "Geneva"),
            entry("a.yaml", 5, "جنيف", "Geneva"),
            entry("a.yaml", 8, "جنيفا", "Geneva"),
            entry("a.yaml", 11, "جنيفا", "Genf"),
            entry("b.yaml", 3, "جنيفا", "Ginevra"),
        ];
        assert_eq!(
            messages(&entries),
            [
                "a.yaml:5: duplicate entry `جنيف` (also at a.yaml:2)",
                "a.yaml:11: duplicate key `جنيفا`: `Genf` here, `Geneva` at a.yaml:8",
                "b.yaml:3: `جنيفا` is `Ginevra` here but `Geneva` in a.yaml:8",
            ]
        );
    }

    #[test]
    fn shared_forms_after_normalization() {
        let mut first = entry("a.yaml", 2, "أنان", "Annan");
        first.variants = vec!["انان".into()];
        let mut second = entry("a.yaml", 6, "كوفي عنان", "Kofi Annan");
        second.variants = vec!["عنان".into()];
        let third = entry("a.yaml", 9, "عنان", "Annan (other)");
        assert_eq!(
            messages(&[first, second, third]),
            [
                "a.yaml:2: variant `انان` is the key itself once normalized",
                "a.yaml:9: `عنان` is also a form of `كوفي عنان` (a.yaml:6) once normalized",
            ]
        );
    }

    #[test]
    fn entries_hidden_behind_a_proclitic_reading() {
        let entries = [
            entry("a.yaml", 2, "لبنان", "Lebanon"),
            entry("a.yaml", 5, "بنان", "Banan"),
        ];
        assert_eq!(
            messages(&entries),
            [
                "a.yaml:5: `ل` + `بنان` is read as `لبنان` (a.yaml:2), so it is never found with that proclitic"
            ]
        );
    }

    #[test]
    fn sides_in_the_wrong_script_are_reported() {
        let entries = [
            entry("a.yaml", 2, "Lebanon", "لبنان"),
            entry("a.yaml", 4, "Syria", "Syria"),
            entry("a.yaml", 6, "مصر", "مصر"),
            entry("a.yaml", 8, "ليبيا", "???"),
            entry("a.yaml", 10, "تونس", "~"),
            entry("a.yaml", 12, "قمة العشرين", "G20 summit"),
            entry("a.yaml", 14, "2024", "2024"),
        ];
        assert_eq!(
            messages(&entries),
            [
                "a.yaml:2: `ar` and `en` look swapped: `ar: Lebanon`, `en: لبنان`",
                "a.yaml:4: `ar` has no Arabic letter: `Syria`",
                "a.yaml:6: `en` has Arabic letters: `مصر`",
                "a.yaml:8: `en` has no letters or digits: `???`",
                "a.yaml:10: `en` has no letters or digits: `~` (YAML reads `en: ~` as the text `~`)",
            ]
        );
    }

    #[test]
    fn field_problems_are_reported() {
        let mut bad = entry("a.yaml", 2, " جنيف", "");
        bad.avoid = vec!["Geneva".into()];
        bad.en = "Geneva".into();
        bad.variants = vec![String::new(), "«»".into()];
        bad.note = Some("two  spaces".into());
        assert_eq!(
            messages(&[bad]),
            [
                "a.yaml:2: `ar` has leading or trailing spaces: ` جنيف`",
                "a.yaml:2: empty `variants`",
                "a.yaml:2: `note` has a double space: `two  spaces`",
                "a.yaml:2: `«»` has no letters or digits, so it never matches",
                "a.yaml:2: avoid `Geneva` is the entry's own English",
            ]
        );
    }
}
