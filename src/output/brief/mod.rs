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

pub(super) use markdown::summary_markdown;

use crate::brief::{Briefing, Entity, SentenceEnglish};
use crate::document::{Origin, Segment};
use crate::glossary::Kind;
use std::borrow::Cow;
use std::io::{self, Write};

crate::named::named_enum! {
    /// A briefing's output file type.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum BriefFormat {
        /// Markdown, for reading as text or rendering.
        Markdown = "md" in ["md", "markdown"],
        /// One self-contained HTML page.
        Html = "html" in ["html", "htm"],
        /// JSON with every field, for scripts.
        Json = "json" in ["json"],
    }
}

impl BriefFormat {
    /// Writes `briefing` in this format.
    pub fn write(self, briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
        match self {
            BriefFormat::Markdown => markdown::write(briefing, out),
            BriefFormat::Html => html::write(briefing, out),
            BriefFormat::Json => json::write(briefing, out),
        }
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
fn source_label(english: &SentenceEnglish) -> Cow<'static, str> {
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
            surfaces: surfaces
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            also: also.iter().map(std::string::ToString::to_string).collect(),
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
        for &format in BriefFormat::ALL {
            assert_eq!(format.name().parse::<BriefFormat>(), Ok(format));
            assert_eq!(format.extensions()[0], format.extension());
        }
        assert_eq!(BriefFormat::Html.extensions(), ["html", "htm"]);
        assert!("xliff".parse::<BriefFormat>().is_err());
    }
}
