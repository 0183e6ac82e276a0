//! What a glossary holds.

use serde::{Deserialize, Serialize};
use std::fmt;

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
}
