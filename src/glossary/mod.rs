//! Glossaries: names and terms with their English renderings, and the
//! engine that finds them in Arabic text.
//!
//! ```
//! use tarjama::glossary::{Entry, Glossary, Kind};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry {
//!     ar: "الأمم المتحدة".into(),
//!     en: "United Nations".into(),
//!     kind: Kind::Org,
//!     ..Entry::default()
//! }]);
//! let text = "وقال متحدث باسم للأمم المتحدة";
//! let hits = glossary.find(text); // compiles the matcher once, on first use
//! assert_eq!(hits[0].surface(text), "للأمم المتحدة");
//! assert_eq!(hits[0].prefix(text), "ل");
//! assert_eq!(glossary.entry(hits[0].entry).en, "United Nations");
//! ```
//!
//! Reading and checking: [`load`] (YAML, the only module that names the YAML
//! crate; TSV and TBX through [`tsv`] and [`tbx`], which also write), [`lint`]
//! (what `glossary lint` reports). The rule of what English renders an entry
//! (`check` and the machine-translation warning) is `renderings`.
//!
//! # The engine: design note
//!
//! A glossary is compiled into four pieces, each in one file, each flat
//! arrays of `u32`s and bytes:
//!
//! | piece | file | holds |
//! |---|---|---|
//! | entry table | `table.rs` | all the entries' text in one string (a TSV glossary's own file text), one 32-byte row per entry pointing into it ([`EntryTable`], [`EntryRef`]) |
//! | vocabulary | `vocabulary.rs` | each distinct normalized word of the forms, numbered from 0: an open-addressing hash table (records one after another; a power-of-two slot array of record offsets with a few hash bits beside them) |
//! | trie | `trie.rs` | the forms as sequences of word ids; nodes numbered level by level, so a node's children are consecutive and sorted by word, found by binary search; a node is three numbers in three arrays |
//! | cache | `cache.rs` | the three above written as they are to one file with a format number and a checksum, so a later run maps them back without rebuilding |
//!
//! [`Matcher`] (`matcher.rs`) ties them: it cuts the text into normalized
//! words in one pass, looks each word up whole in the vocabulary, tries
//! each start with and without proclitics, and follows the words through
//! the trie, keeping the longest match ([`TermHit`] in bytes; [`TermUse`]
//! with the entry's English, what a document's rows carry).
//!
//! Invariants:
//!
//! - All glossaries together hold less than [`MAX_TEXT_BYTES`] (4 GiB) of
//!   text; loading refuses more. Every offset, length, count and id fits in
//!   a `u32` therefore, and is made with a checked conversion (`u32_of`).
//! - Word ids are dense (0..vocabulary size) and a trie node's children are
//!   sorted by word id: a child is a binary search among siblings.
//! - Forms are normalized as the text is ([`crate::text::normalize()`]):
//!   the matcher compares normalized words only and maps hits back to the
//!   original bytes.
//! - A cache is trusted only whole: a wrong magic, format number, checksum
//!   or out-of-range index makes [`cache::open`] give nothing, and the
//!   glossary is compiled again. `cache::FORMAT` goes up with any change of
//!   the layout or of the matcher's rules.
//! - Adding a glossary drops the compiled matcher ([`Glossary::add`]); it is
//!   compiled again on the next search.
//!
//! Why no crate: Aho–Corasick automata (`aho-corasick`, `daachorse`) match
//! byte or character patterns, but the rules here are about words: a match
//! may start behind proclitics that are tried only when the whole word is
//! no entry, the words of a form follow each other across a space, a line
//! break or a hyphen, and ى/ي depends on how the text writes its particles.
//! Over word ids the trie is small (a 1M-entry term list, 50 MB of TSV,
//! loads and compiles in 0.7 s and comes back from its cache in about a
//! third of a second; matching runs at about 100 MB/s of text: README), and
//! as flat arrays it is written to and read from the cache as it is, which
//! a crate's automaton is not.

pub mod cache;
pub mod lint;
pub mod load;
mod matcher;
mod model;
pub(crate) mod renderings;
mod table;
pub mod tbx;
mod trie;
pub mod tsv;
mod vocabulary;

pub use load::GlossaryFormat;
pub use matcher::{Matcher, TermHit, TermUse};
pub use model::{Entry, Kind, Source};
pub(crate) use table::u32_of;
pub use table::{EntryRef, EntryTable, MAX_TEXT_BYTES};

use crate::text::normalize_str;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The entries a command works with, gathered from one or more glossaries.
///
/// Each call to [`Glossary::add`] adds one glossary (a file or a folder, the
/// built-in one); when two of them define the same Arabic key, the later one
/// wins and the earlier entry is dropped. Inside one glossary nothing is
/// dropped: duplicates are for [`lint`] to report, and the matcher uses the
/// first.
///
/// Entries are kept in an [`EntryTable`]; [`Glossary::entry_ref`] reads one
/// in place, while [`Glossary::entries`] makes them all into [`Entry`]
/// values on first use (costly for a glossary of a million entries).
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    table: EntryTable,
    /// For each entry, which `add` call brought it (its precedence).
    layers: Vec<u32>,
    next_layer: u32,
    /// Made from `table` on first use.
    entries: OnceLock<Vec<Entry>>,
    /// Compiled on first use, dropped when entries are added.
    matcher: OnceLock<Matcher>,
}

/// An entry of an earlier glossary replaced by one of a later glossary with
/// the same Arabic key and a different English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The entry that was dropped.
    pub dropped: Entry,
    /// The entry that replaced it.
    pub kept: Entry,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let place = |entry: &Entry| {
            entry
                .source
                .as_ref()
                .map_or_else(String::new, |source| format!(" ({source})"))
        };
        write!(
            f,
            "`{}` is `{}`{}, overriding `{}`{}",
            self.kept.ar,
            self.kept.en,
            place(&self.kept),
            self.dropped.en,
            place(&self.dropped)
        )
    }
}

/// The key two glossaries' entries are compared by.
fn key(entry: EntryRef) -> String {
    normalize_str(entry.ar().trim())
}

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the entries of one glossary on top of what is there. Entries of
    /// earlier glossaries whose Arabic key (after normalization) comes again
    /// are dropped; those whose English differed are returned.
    pub fn add(&mut self, entries: Vec<Entry>) -> Vec<Conflict> {
        self.add_table(EntryTable::from(entries))
    }

    /// [`Glossary::add`] for entries already in a table (as
    /// [`load::read_table`] gives them). All glossaries together must stay
    /// within [`MAX_TEXT_BYTES`] ([`load::too_large`] says so).
    pub fn add_table(&mut self, table: EntryTable) -> Vec<Conflict> {
        self.matcher = OnceLock::new();
        self.entries = OnceLock::new();
        let layer = self.next_layer;
        self.next_layer += 1;
        let mut conflicts = Vec::new();
        if !self.table.is_empty() {
            let mut keep = vec![true; self.table.len()];
            let mut replace = |old: usize, new: EntryRef| {
                keep[old] = false;
                let old_entry = self.table.get(old);
                if new.en().trim() != old_entry.en().trim() {
                    conflicts.push((old, new.to_entry(), old_entry.to_entry()));
                }
            };
            // Normalize the keys of the smaller side into a map, and look
            // the other side's keys up in it. On a repeated key the first
            // entry of the new glossary is the one that replaces.
            if table.len() <= self.table.len() {
                let mut new_keys = HashMap::with_capacity(table.len());
                for (index, entry) in table.iter().enumerate() {
                    new_keys.entry(key(entry)).or_insert(index);
                }
                for (old, entry) in self.table.iter().enumerate() {
                    if let Some(&new) = new_keys.get(&key(entry)) {
                        replace(old, table.get(new));
                    }
                }
            } else {
                let mut old_keys: HashMap<String, Vec<usize>> = HashMap::new();
                for (old, entry) in self.table.iter().enumerate() {
                    old_keys.entry(key(entry)).or_default().push(old);
                }
                for entry in table.iter() {
                    if let Some(olds) = old_keys.remove(&key(entry)) {
                        olds.into_iter().for_each(|old| replace(old, entry));
                    }
                }
            }
            conflicts.sort_by_key(|&(old, ..)| old);
            self.table.retain(&keep);
            let mut flags = keep.iter();
            self.layers.retain(|_| *flags.next().unwrap_or(&true));
        }
        self.layers.extend(std::iter::repeat_n(layer, table.len()));
        self.table.append(table);
        conflicts
            .into_iter()
            .map(|(_, kept, dropped)| Conflict { dropped, kept })
            .collect()
    }

    /// Every entry, in the order the glossaries were added (made into
    /// [`Entry`] values on the first call).
    pub fn entries(&self) -> &[Entry] {
        self.entries.get_or_init(|| self.table.to_entries())
    }

    /// The entry at `index` (as in [`TermHit::entry`]), through
    /// [`Glossary::entries`].
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries()[index]
    }

    /// The entry at `index`, read in place.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn entry_ref(&self, index: usize) -> EntryRef<'_> {
        self.table.get(index)
    }

    /// The entries, read in place.
    pub fn table(&self) -> &EntryTable {
        &self.table
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// The compiled matcher, built on first use (or read from a cache).
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::new(self))
    }

    /// Every entry found in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        self.matcher().find(text)
    }

    /// Every entry found in `text` as [`TermUse`]s.
    pub fn term_uses(&self, text: &str) -> Vec<TermUse> {
        self.matcher().term_uses(self, text)
    }

    /// Reassembles a glossary read back from a cache.
    pub(crate) fn from_parts(table: EntryTable, layers: Vec<u32>, matcher: Matcher) -> Self {
        let next_layer = layers.iter().max().map_or(0, |last| last + 1);
        Self {
            table,
            layers,
            next_layer,
            entries: OnceLock::new(),
            matcher: OnceLock::from(matcher),
        }
    }

    /// Which `add` call brought each entry: later ones take precedence.
    pub(crate) fn layers(&self) -> &[u32] {
        &self.layers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ar: &str, en: &str) -> Entry {
        Entry {
            ar: ar.into(),
            en: en.into(),
            ..Entry::default()
        }
    }

    #[test]
    fn later_glossaries_win_and_conflicts_are_reported() {
        let mut glossary = Glossary::new();
        assert!(
            glossary
                .add(vec![entry("جنيف", "Genf"), entry("روسيا", "Russia")])
                .is_empty()
        );
        let conflicts = glossary.add(vec![entry("جنيف", "Geneva"), entry("روسيا", "Russia")]);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(
            conflicts[0].to_string(),
            "`جنيف` is `Geneva`, overriding `Genf`"
        );
        let english: Vec<&str> = glossary.entries().iter().map(|e| e.en.as_str()).collect();
        assert_eq!(english, ["Geneva", "Russia"]);
    }

    #[test]
    fn a_larger_or_smaller_later_glossary_replaces_the_same_way() {
        let old = vec![
            entry("جنيف", "Genf"),
            entry("روسيا", "Russia"),
            entry("جِنيف", "Ginevra"),
            entry("لبنان", "Lebanon"),
        ];
        let new = |extra: usize| {
            let mut new = vec![entry("جنيف ", "Geneva"), entry("جنيف", "Genève")];
            new.extend((0..extra).map(|n| entry(&format!("كلمة{n}"), "word")));
            new.push(entry("لبنان", "Lebanon"));
            new
        };
        // Fewer new entries than old ones, and more: the two ways of
        // comparing keys give the same glossary and the same conflicts.
        for extra in [0, 10] {
            let mut glossary = Glossary::new();
            glossary.add(old.clone());
            let conflicts: Vec<String> = glossary
                .add(new(extra))
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(
                conflicts,
                [
                    "`جنيف ` is `Geneva`, overriding `Genf`",
                    "`جنيف ` is `Geneva`, overriding `Ginevra`"
                ],
                "{extra}"
            );
            let english: Vec<&str> = glossary.table().iter().map(|e| e.en()).collect();
            assert_eq!(english[..2], ["Russia", "Geneva"]);
            assert_eq!(english.len(), 4 + extra);
            assert_eq!(glossary.layers()[0], 0);
            assert_eq!(glossary.layers()[1], 1);
            assert_eq!(glossary.entry(1), &glossary.entry_ref(1).to_entry());
        }
    }

    #[test]
    fn duplicates_inside_one_glossary_are_kept_for_lint() {
        let mut glossary = Glossary::new();
        glossary.add(vec![entry("جنيف", "Geneva"), entry("جنيف", "Genf")]);
        assert_eq!(glossary.len(), 2);
    }
}
