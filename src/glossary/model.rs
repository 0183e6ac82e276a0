//! What a glossary holds.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

crate::named::named_enum! {
    /// What an entry names.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    pub enum Kind {
        /// A person: ريابكوف → Ryabkov.
        Person = "person",
        /// An organization: منظمة الأمن والتعاون في أوروبا → OSCE.
        Org = "org",
        /// A country, city or region: جنيف → Geneva.
        Place = "place",
        /// A title or office: مساعد وزير الخارجية → Deputy Foreign Minister.
        Title = "title",
        /// Any other term: ضمانات أمنية → security guarantees.
        Term = "term",
    }
}

#[allow(
    clippy::derivable_impls,
    reason = "named_enum! gives the variants their doc comments only, not #[default]"
)]
impl Default for Kind {
    fn default() -> Self {
        Kind::Term
    }
}

/// One glossary entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// The canonical Arabic form (the key other files refer to).
    pub ar: String,
    /// The English rendering.
    pub en: String,
    /// What it names.
    pub kind: Kind,
    /// Other Arabic spellings of the same thing.
    pub variants: Vec<String>,
    /// English renderings a QA check must flag.
    pub avoid: Vec<String>,
    /// A long English form (the expansion of an acronym).
    pub long: Option<String>,
    /// A note for translators.
    pub note: Option<String>,
    /// Where the entry was written, when it came from a file.
    pub source: Option<Source>,
}

impl Entry {
    /// The Arabic forms that match this entry: the key, then the variants.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.ar.as_str()).chain(self.variants.iter().map(String::as_str))
    }
}

/// The place an entry was read from: a file and a line in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// The file as the user named it (`glossary/politics.yaml`, `<built-in>/places.yaml`).
    pub file: Arc<str>,
    /// The line, from 1.
    pub line: usize,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}
