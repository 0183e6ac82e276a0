//! What a glossary holds.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// What an entry names.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person: ريابكوف → Ryabkov.
    Person,
    /// An organization: منظمة الأمن والتعاون في أوروبا → OSCE.
    Org,
    /// A country, city or region: جنيف → Geneva.
    Place,
    /// A title or office: مساعد وزير الخارجية → Deputy Foreign Minister.
    Title,
    /// Any other term: ضمانات أمنية → security guarantees.
    #[default]
    Term,
}

impl Kind {
    /// The name used in glossary files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Place => "place",
            Kind::Title => "title",
            Kind::Term => "term",
        }
    }
}

impl FromStr for Kind {
    type Err = UnknownKind;

    fn from_str(name: &str) -> Result<Self, UnknownKind> {
        Ok(match name {
            "person" => Kind::Person,
            "org" => Kind::Org,
            "place" => Kind::Place,
            "title" => Kind::Title,
            "term" => Kind::Term,
            _ => return Err(UnknownKind),
        })
    }
}

/// A type name that is not one of person, org, place, title, term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownKind;

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected one of person, org, place, title, term")
    }
}

impl std::error::Error for UnknownKind {}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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
