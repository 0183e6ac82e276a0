//! The who/what/where table: the glossary entries an article names, by
//! type, with how often and where first.

use super::TermRendering;
use crate::document::Document;
use crate::glossary::Kind;
use crate::glossary::TermUse;
use serde::Serialize;
use std::collections::HashMap;

/// One glossary entry as the article uses it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Entity {
    /// The entry: its Arabic key, English and type.
    #[serde(flatten)]
    pub term: TermRendering,
    /// How many times the article names it.
    pub count: usize,
    /// The number (from 1) of the first sentence that names it.
    pub first: usize,
    /// Every sentence that names it, by number, each once.
    pub sentences: Vec<usize>,
    /// How the article writes it (proclitics included: للناتو), each
    /// spelling once, in order of first use: what a reader searches the
    /// text for.
    pub surfaces: Vec<String>,
    /// Other entries counted as this one: a person's surname alone
    /// (ريابكوف) after the full name (سيرغي ريابكوف).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

/// The entries named in `document`, leaving out the segments in `skip`
/// (by index): people first, then organizations, places, titles and other
/// terms; within a type the most named first, ties in order of first
/// mention. A person named by surname alone as well as in full is one row.
pub(super) fn table(document: &Document, skip: &[usize]) -> Vec<Entity> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_entry: HashMap<&str, usize> = HashMap::new();
    for (index, segment) in document.segments.iter().enumerate() {
        if skip.contains(&index) {
            continue;
        }
        for term in &segment.terms {
            let at = *by_entry.entry(&term.entry).or_insert_with(|| {
                entities.push(Entity::new(term, segment.id));
                entities.len() - 1
            });
            let entity = &mut entities[at];
            entity.count += 1;
            if !entity.surfaces.contains(&term.surface) {
                entity.surfaces.push(term.surface.clone());
            }
            if entity.sentences.last() != Some(&segment.id) {
                entity.sentences.push(segment.id);
            }
        }
    }
    merge_surnames(&mut entities);
    entities.sort_by(|a, b| {
        a.term
            .kind
            .cmp(&b.term.kind)
            .then(b.count.cmp(&a.count))
            .then(a.first.cmp(&b.first))
    });
    entities
}

impl Entity {
    fn new(term: &TermUse, sentence: usize) -> Self {
        Entity {
            term: TermRendering::from(term),
            count: 0,
            first: sentence,
            sentences: Vec::new(),
            surfaces: Vec::new(),
            also: Vec::new(),
        }
    }
}

/// Folds a person whose English is the last words of another person's
/// English (Ryabkov, Sergei Ryabkov) into that one, when only one person
/// of the article ends so.
fn merge_surnames(entities: &mut Vec<Entity>) {
    let key = |words: &[&str]| words.join(" ").to_lowercase();
    // Every person under each of its shorter endings: "ryabkov" for
    // "Sergei Ryabkov".
    let mut by_ending: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, entity) in entities.iter().enumerate() {
        let words: Vec<&str> = entity.term.en.split_whitespace().collect();
        if entity.term.kind == Kind::Person {
            for from in 1..words.len() {
                by_ending
                    .entry(key(&words[from..]))
                    .or_default()
                    .push(index);
            }
        }
    }
    let mut into: Vec<Option<usize>> = entities
        .iter()
        .map(|entity| {
            let words: Vec<&str> = entity.term.en.split_whitespace().collect();
            match by_ending.get(&key(&words)).map(Vec::as_slice) {
                Some(&[full]) if entity.term.kind == Kind::Person => Some(full),
                _ => None,
            }
        })
        .collect();
    // A longer name is never merged into a shorter one, so following the
    // links ends.
    for index in 0..into.len() {
        while let Some(next) = into[index].and_then(|full| into[full]) {
            into[index] = Some(next);
        }
    }
    for (index, full) in into.iter().enumerate() {
        if let Some(full) = *full {
            let short = std::mem::take(&mut entities[index]);
            let target = &mut entities[full];
            target.count += short.count;
            target.first = target.first.min(short.first);
            target.sentences.extend(short.sentences);
            target.sentences.sort_unstable();
            target.sentences.dedup();
            target.also.push(short.term.entry);
            target.also.extend(short.also);
            for surface in short.surfaces {
                if !target.surfaces.contains(&surface) {
                    target.surfaces.push(surface);
                }
            }
        }
    }
    let mut merged = into.iter().map(Option::is_some);
    entities.retain(|_| !merged.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Segment;
    use crate::text::Span;

    fn term(entry: &str, en: &str, kind: Kind) -> TermUse {
        written(entry, entry, en, kind)
    }

    fn written(surface: &str, entry: &str, en: &str, kind: Kind) -> TermUse {
        TermUse {
            span: Span::whole(surface),
            surface: surface.into(),
            entry: entry.into(),
            en: en.into(),
            long: None,
            kind,
            prefix: String::new(),
        }
    }

    fn document(sentences: Vec<Vec<TermUse>>) -> Document {
        Document {
            name: "a.txt".into(),
            segments: sentences
                .into_iter()
                .enumerate()
                .map(|(index, terms)| Segment {
                    terms,
                    ..Segment::untranslated(index + 1, "جملة.", Span::whole("جملة."))
                })
                .collect(),
        }
    }

    #[test]
    fn grouped_by_type_most_named_first() {
        let geneva = || term("جنيف", "Geneva", Kind::Place);
        let moscow = || term("موسكو", "Moscow", Kind::Place);
        let nato = || term("الناتو", "NATO", Kind::Org);
        let doc = document(vec![
            vec![geneva(), nato()],
            vec![moscow(), moscow()],
            vec![moscow(), geneva()],
        ]);
        let rows: Vec<_> = table(&doc, &[])
            .into_iter()
            .map(|e| (e.term.en, e.count, e.first, e.sentences))
            .collect();
        assert_eq!(
            rows,
            [
                ("NATO".into(), 1, 1, vec![1]),
                ("Moscow".into(), 3, 2, vec![2, 3]),
                ("Geneva".into(), 2, 1, vec![1, 3]),
            ]
        );
    }

    #[test]
    fn skipped_segments_do_not_count() {
        let doc = document(vec![
            vec![term("موسكو", "Moscow", Kind::Place)],
            vec![term("موسكو", "Moscow", Kind::Place)],
        ]);
        let rows = table(&doc, &[0]);
        assert_eq!((rows[0].count, rows[0].first), (1, 2));
    }

    #[test]
    fn a_surname_joins_the_full_name() {
        let doc = document(vec![
            vec![term("سيرغي ريابكوف", "Sergei Ryabkov", Kind::Person)],
            vec![
                term("ريابكوف", "Ryabkov", Kind::Person),
                term("لافروف", "Lavrov", Kind::Person),
            ],
        ]);
        let rows = table(&doc, &[]);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].term.en, "Sergei Ryabkov");
        assert_eq!((rows[0].count, rows[0].sentences.clone()), (2, vec![1, 2]));
        assert_eq!(rows[0].also, ["ريابكوف"]);
        assert_eq!(rows[1].term.en, "Lavrov");
    }

    #[test]
    fn the_article_spellings_are_kept() {
        let nato = |surface| written(surface, "حلف شمال الأطلسي", "NATO", Kind::Org);
        let doc = document(vec![
            vec![nato("حلف الأطلسي"), nato("للناتو")],
            vec![nato("حلف الأطلسي"), nato("الناتو")],
        ]);
        let rows = table(&doc, &[]);
        assert_eq!(rows[0].surfaces, ["حلف الأطلسي", "للناتو", "الناتو"]);
        let doc = document(vec![
            vec![written(
                "سيرغي ريابكوف",
                "سيرغي ريابكوف",
                "Sergei Ryabkov",
                Kind::Person,
            )],
            vec![written("وريابكوف", "ريابكوف", "Ryabkov", Kind::Person)],
        ]);
        assert_eq!(table(&doc, &[])[0].surfaces, ["سيرغي ريابكوف", "وريابكوف"]);
    }

    #[test]
    fn a_surname_two_people_share_stays_apart() {
        let doc = document(vec![vec![
            term("جورج بوش", "George Bush", Kind::Person),
            term("جيب بوش", "Jeb Bush", Kind::Person),
            term("بوش", "Bush", Kind::Person),
        ]]);
        assert_eq!(table(&doc, &[]).len(), 3);
    }
}
