//! Writers of briefings ([`crate::brief::Briefing`]): Markdown, HTML and
//! JSON, siblings behind [`BriefFormat`]. The aligned text at their end
//! is written by the document writers' own code.
//!
//! ```
//! use tarjama::document::Document;
//! use tarjama::brief::{Briefing, Options};
//! use tarjama::output::BriefFormat;
//!
//! let text = "وصل الوفد إلى جنيف. وبدأت المحادثات.";
//! let briefing = Briefing::new(text, Document::from_text("a.txt", text), &Options::default());
//! let mut out = Vec::new();
//! BriefFormat::Markdown.write(&briefing, &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().starts_with("# Briefing: a.txt"));
//! ```

mod html;
mod json;
mod markdown;

pub use markdown::summary_markdown;

use crate::brief::{Briefing, English, Entity};
use crate::document::{Origin, Segment};
use crate::glossary::Kind;
use crate::output::Format;
use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

/// A briefing's output file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BriefFormat {
    /// Markdown, for reading as text or rendering.
    Markdown,
    /// One self-contained HTML page.
    Html,
    /// JSON with every field, for scripts.
    Json,
}

impl BriefFormat {
    /// Every format, in the order `--help` lists them.
    pub const ALL: [BriefFormat; 3] = [BriefFormat::Markdown, BriefFormat::Html, BriefFormat::Json];

    /// The document format of the same name and extension.
    fn document_format(self) -> Format {
        match self {
            BriefFormat::Markdown => Format::Markdown,
            BriefFormat::Html => Format::Html,
            BriefFormat::Json => Format::Json,
        }
    }

    fn from_document_format(format: Format) -> Option<BriefFormat> {
        BriefFormat::ALL
            .into_iter()
            .find(|brief| brief.document_format() == format)
    }

    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        self.document_format().name()
    }

    /// The file name extensions that ask for this format (those of the
    /// document format of the same name); the first is the one written.
    pub fn extensions(self) -> &'static [&'static str] {
        self.document_format().extensions()
    }

    /// The file extension written for this format (without the dot).
    pub fn extension(self) -> &'static str {
        self.document_format().extension()
    }

    /// Writes `briefing` in this format.
    pub fn write(self, briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
        match self {
            BriefFormat::Markdown => markdown::write(briefing, out),
            BriefFormat::Html => html::write(briefing, out),
            BriefFormat::Json => json::write(briefing, out),
        }
    }
}

impl fmt::Display for BriefFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not one of [`BriefFormat::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown briefing format `{0}`\nhint: use one of md, html, json")]
pub struct UnknownBriefFormat(pub String);

impl FromStr for BriefFormat {
    type Err = UnknownBriefFormat;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        name.parse::<Format>()
            .ok()
            .and_then(Self::from_document_format)
            .ok_or_else(|| UnknownBriefFormat(name.to_owned()))
    }
}

/// The heading of a group of the who/what/where table.
fn group_heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Org => "Organizations",
        Kind::Place => "Places",
        Kind::Title => "Titles and offices",
        Kind::Term => "Other terms",
    }
}

/// Where a sentence's English came from, for people.
fn source_label(english: &English) -> Cow<'static, str> {
    match (english.origin, english.tm_score) {
        (Origin::TmExact, _) => "translation memory, exact".into(),
        (Origin::TmFuzzy, Some(score)) => format!("translation memory, fuzzy {score}%").into(),
        (Origin::TmFuzzy, None) => "translation memory, fuzzy".into(),
        (Origin::Mt, _) => "machine translation".into(),
        (Origin::None, _) if english.gloss.is_empty() => "no translation".into(),
        (Origin::None, _) if english.terms.is_empty() => "no translation: its numbers".into(),
        (Origin::None, _) => "no translation: glossary terms".into(),
    }
}

/// The Arabic of a who/what/where row: the article's spellings (what a
/// reader searches the text for), then the glossary keys that are none of
/// them: `حلف الأطلسي، للناتو (glossary: حلف شمال الأطلسي)`.
fn arabic_column(entity: &Entity) -> String {
    let mut column = entity.surfaces.join("، ");
    let keys: Vec<&str> = std::iter::once(&entity.term.entry)
        .chain(&entity.also)
        .map(String::as_str)
        .filter(|key| !entity.surfaces.iter().any(|surface| surface == key))
        .collect();
    if !keys.is_empty() {
        if column.is_empty() {
            column = keys.join("، ");
        } else {
            column.push_str(&format!(" (glossary: {})", keys.join("، ")));
        }
    }
    column
}

/// The segment numbered `index` (from 1) in the briefing's document.
fn segment(briefing: &Briefing, index: usize) -> Option<&Segment> {
    briefing.document.segments.get(index.wrapping_sub(1))
}

/// `12 sentences · 3 key points · 14 names and terms from the glossary`.
fn facts(briefing: &Briefing) -> String {
    let mut facts = vec![
        counted(briefing.document.segments.len(), "sentence"),
        counted(briefing.key_points.len(), "key point"),
    ];
    match briefing.entities.len() {
        0 => {}
        1 => facts.push("1 name or term from the glossary".to_owned()),
        count => facts.push(format!("{count} names and terms from the glossary")),
    }
    facts.join(" · ")
}

/// `1 sentence`, `3 sentences`.
fn counted(count: usize, what: &str) -> String {
    format!("{count} {what}{}", if count == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arabic_column_shows_the_article_spellings_first() {
        let entity = |surfaces: &[&str], also: &[&str]| Entity {
            term: crate::brief::TermRendering {
                entry: "حلف شمال الأطلسي".into(),
                en: "NATO".into(),
                ..Default::default()
            },
            surfaces: surfaces.iter().map(|s| s.to_string()).collect(),
            also: also.iter().map(|s| s.to_string()).collect(),
            ..Entity::default()
        };
        assert_eq!(
            arabic_column(&entity(&["حلف الأطلسي", "للناتو"], &[])),
            "حلف الأطلسي، للناتو (glossary: حلف شمال الأطلسي)"
        );
        assert_eq!(
            arabic_column(&entity(&["حلف شمال الأطلسي"], &["الناتو"])),
            "حلف شمال الأطلسي (glossary: الناتو)"
        );
        assert_eq!(arabic_column(&entity(&[], &[])), "حلف شمال الأطلسي");
    }

    #[test]
    fn names_and_extensions_round_trip() {
        for format in BriefFormat::ALL {
            assert_eq!(format.name().parse::<BriefFormat>(), Ok(format));
            assert_eq!(format.extensions()[0], format.extension());
        }
        assert_eq!(BriefFormat::Html.extensions(), ["html", "htm"]);
        assert!("xliff".parse::<BriefFormat>().is_err());
    }
}
