//! Glossaries: names and terms with their English renderings.
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

pub mod cache;
pub mod lint;
pub mod load;
pub mod matcher;
pub mod model;
pub mod tbx;
mod trie;
pub mod tsv;
mod vocabulary;

pub use load::{Format, LoadError};
pub use matcher::{Matcher, TermHit};
pub use model::{Entry, Kind, Source};

use crate::align::TermUse;
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
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    entries: Vec<Entry>,
    /// For each entry, which `add` call brought it (its precedence).
    layers: Vec<u32>,
    next_layer: u32,
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

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the entries of one glossary on top of what is there. Entries of
    /// earlier glossaries whose Arabic key (after normalization) comes again
    /// are dropped; those whose English differed are returned.
    pub fn add(&mut self, entries: Vec<Entry>) -> Vec<Conflict> {
        self.matcher = OnceLock::new();
        let layer = self.next_layer;
        self.next_layer += 1;
        let mut conflicts = Vec::new();
        if !self.entries.is_empty() {
            let new_keys: HashMap<String, usize> = entries
                .iter()
                .enumerate()
                .rev()
                .map(|(index, entry)| (normalize_str(entry.ar.trim()), index))
                .collect();
            let mut keep = Vec::with_capacity(self.entries.len());
            for old in &self.entries {
                let replaced_by = new_keys.get(&normalize_str(old.ar.trim()));
                if let Some(&index) = replaced_by
                    && entries[index].en.trim() != old.en.trim()
                {
                    conflicts.push(Conflict {
                        dropped: old.clone(),
                        kept: entries[index].clone(),
                    });
                }
                keep.push(replaced_by.is_none());
            }
            let mut flags = keep.iter();
            self.entries.retain(|_| *flags.next().unwrap_or(&true));
            let mut flags = keep.iter();
            self.layers.retain(|_| *flags.next().unwrap_or(&true));
        }
        self.layers
            .extend(std::iter::repeat_n(layer, entries.len()));
        self.entries.extend(entries);
        conflicts
    }

    /// Every entry, in the order the glossaries were added.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry at `index` (as in [`TermHit::entry`]).
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn entry(&self, index: usize) -> &Entry {
        &self.entries[index]
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The compiled matcher, built on first use (or read from a cache).
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::new(self))
    }

    /// Every entry found in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        self.matcher().find(text)
    }

    /// Every entry found in `text` as [`TermUse`]s (character offsets in `text`).
    pub fn term_uses(&self, text: &str) -> Vec<TermUse> {
        self.matcher().term_uses(self, text)
    }

    /// Reassembles a glossary read back from a cache.
    pub(crate) fn from_parts(entries: Vec<Entry>, layers: Vec<u32>, matcher: Matcher) -> Self {
        let next_layer = layers.iter().max().map_or(0, |last| last + 1);
        Self {
            entries,
            layers,
            next_layer,
            matcher: OnceLock::from(matcher),
        }
    }

    /// Which `add` call brought the entry at `index`: later ones take
    /// precedence.
    pub(crate) fn layer(&self, index: usize) -> u32 {
        self.layers[index]
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
    fn duplicates_inside_one_glossary_are_kept_for_lint() {
        let mut glossary = Glossary::new();
        glossary.add(vec![entry("جنيف", "Geneva"), entry("جنيف", "Genf")]);
        assert_eq!(glossary.len(), 2);
    }
}
