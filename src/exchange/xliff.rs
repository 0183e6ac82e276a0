//! XLIFF 1.2 and 2.0: the reader (translated bilingual files flowing back
//! into the TM) and the writer (what `translate` gives a CAT tool).
//!
//! # Reading
//!
//! Units are yielded as the file has them, so the caller can count what it
//! skips: a `translate="no"` unit with an empty target, and a unit whose
//! state says the translation is not done or not reviewed (1.2 `new`,
//! `needs-*`; 2.0 `initial`) marked [`TranslationUnit::pending`]. The
//! target of an untranslated unit is often empty or a copy of the source
//! (OmegaT translates the text inside `<target>`); but tools that do not
//! update states (OmegaT again) leave finished translations marked `new`,
//! so a `new` target only counts as pending while it still holds Arabic
//! script (the copied source, or a half-done translation).
//!
//! Inline codes are dropped from the text (`<ph>`, `<bpt>`, `<ept>`, `<it>`
//! in 1.2; 2.0 codes are empty elements); `<g>`, `<pc>`, `<mrk>` keep their
//! text. A file whose languages are the pair reversed (English source,
//! Arabic target) is read with the sides swapped.
//!
//! # Writing
//!
//! XLIFF 1.2 (the default: every CAT tool reads it) and 2.0, source language
//! `ar`, target language `en`, one unit per sentence. Targets say where they
//! came from: in 1.2 an exact translation-memory match is
//! `state="translated" state-qualifier="exact-match"`, a fuzzy one
//! `state="needs-review-translation" state-qualifier="fuzzy-match"`, machine
//! translation `state="needs-review-translation"
//! state-qualifier="mt-suggestion"`; in 2.0 the segment is `translated` for
//! an exact match and `initial` otherwise, with a `tarjama:` sub-state.
//! Glossary hits, the match score and warnings are notes. Units without
//! English have no target unless the caller asks for the Arabic in one
//! ([`Target::CopiedSource`]).
//!
//! Any input gives well-formed XML: markup is escaped, and the characters
//! XML 1.0 cannot hold become U+FFFD.

use super::xml::{Element, Node, Place, XmlReader, escape};
use super::{LanguagePair, Origin, TranslationUnit, same_language};
use crate::error::{FileError, FileErrorKind};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, Write};
use std::str::FromStr;

/// Reads the units of an XLIFF document.
pub struct XliffReader<'a> {
    xml: XmlReader<'a>,
    file: &'a str,
    languages: LanguagePair,
    version: Option<Version>,
    /// Languages of the current `<file>` (1.2) or document (2.0), as written.
    file_languages: Option<(String, String, bool)>,
    pending: VecDeque<TranslationUnit>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

impl<'a> XliffReader<'a> {
    /// Reads `text`; `file` names it in errors.
    pub fn new(file: &'a str, text: &'a str, languages: LanguagePair) -> Self {
        Self {
            xml: XmlReader::new(file, text),
            file,
            languages,
            version: None,
            file_languages: None,
            pending: VecDeque::new(),
        }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.xml.position()
    }

    /// The next unit; `None` at the end of the document.
    pub fn read_next(&mut self) -> Result<Option<TranslationUnit>, FileError> {
        loop {
            if let Some(unit) = self.pending.pop_front() {
                return Ok(Some(unit));
            }
            let element = match self.xml.next()? {
                Node::Start(element) => element,
                Node::Eof => {
                    if self.version.is_none() {
                        return Err(FileError::new(
                            FileErrorKind::Empty,
                            self.file,
                            "empty file: no <xliff> element",
                        ));
                    }
                    return Ok(None);
                }
                Node::Empty(_) | Node::Text(_) | Node::End => continue,
            };
            let Some(version) = self.version else {
                self.read_root(&element)?;
                continue;
            };
            match (version, element.name()) {
                (Version::V1, "file") => self.read_file_languages(&element)?,
                (Version::V1, "body" | "group") | (Version::V2, "file" | "group") => {}
                (Version::V1, "trans-unit") => self.read_trans_unit(&element)?,
                (Version::V2, "unit") => self.read_unit(&element)?,
                _ => self.xml.skip_element()?,
            }
        }
    }

    fn read_root(&mut self, root: &Element<'_>) -> Result<(), FileError> {
        if root.name() != "xliff" {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                root.offset,
                format!("not an XLIFF file: the root element is <{}>", root.name()),
            ));
        }
        let version = self.xml.attribute(root, "version")?.unwrap_or_default();
        self.version = Some(if version.starts_with('2') {
            Version::V2
        } else if version.starts_with('1') {
            Version::V1
        } else {
            return Err(self
                .xml
                .error_at(
                    FileErrorKind::Content,
                    root.offset,
                    format!("unknown XLIFF version `{version}`"),
                )
                .with_hint("XLIFF 1.2 and 2.0 are read"));
        });
        if self.version == Some(Version::V2) {
            let source = self.xml.attribute(root, "srcLang")?;
            let target = self.xml.attribute(root, "trgLang")?;
            self.set_languages(root, source, target, "<xliff> has no srcLang")?;
        }
        Ok(())
    }

    fn read_file_languages(&mut self, file: &Element<'_>) -> Result<(), FileError> {
        let source = self.xml.attribute(file, "source-language")?;
        let target = self.xml.attribute(file, "target-language")?;
        self.set_languages(file, source, target, "<file> has no source-language")
    }

    /// Checks the file's languages against the pair and decides whether the
    /// sides are swapped.
    fn set_languages(
        &mut self,
        element: &Element<'_>,
        source: Option<String>,
        target: Option<String>,
        missing: &str,
    ) -> Result<(), FileError> {
        let Some(source) = source.filter(|s| !s.trim().is_empty()) else {
            return Err(self
                .xml
                .error_at(FileErrorKind::Content, element.offset, missing));
        };
        let target = target.filter(|t| !t.trim().is_empty());
        let pair = &self.languages;
        let target_fits = |lang: &str| target.as_deref().is_none_or(|t| same_language(t, lang));
        let swapped = if same_language(&source, &pair.source) && target_fits(&pair.target) {
            false
        } else if same_language(&source, &pair.target) && target_fits(&pair.source) {
            true
        } else {
            let target = target.as_deref().unwrap_or("?");
            return Err(self
                .xml
                .error_at(
                    FileErrorKind::Content,
                    element.offset,
                    format!("the file is {source}→{target}, the TM holds {pair}"),
                )
                .with_hint("--source-lang and --target-lang pick other languages"));
        };
        let target = target.unwrap_or_else(|| {
            if swapped {
                pair.source.clone()
            } else {
                pair.target.clone()
            }
        });
        self.file_languages = Some((source.trim().to_owned(), target.trim().to_owned(), swapped));
        Ok(())
    }

    fn read_trans_unit(&mut self, unit: &Element<'_>) -> Result<(), FileError> {
        let id = self.xml.attribute(unit, "id")?;
        let skipped = self.xml.attribute(unit, "translate")?.as_deref() == Some("no");
        let (mut source, mut target, mut pending) = (None, None, false);
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "source" => {
                    source = Some(self.xml.read_text(is_code_v1)?);
                }
                Node::Start(element) if element.name() == "target" => {
                    let state = self.xml.attribute(&element, "state")?;
                    let text = self.xml.read_text(is_code_v1)?;
                    pending = state.is_some_and(|state| {
                        state.starts_with("needs-") || (state == "new" && has_arabic(&text))
                    });
                    target = Some(text);
                }
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(element) if element.name() == "target" => target = None,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => break,
            }
        }
        let Some(source) = source else {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                unit.offset,
                "a <trans-unit> without <source>",
            ));
        };
        let target = if skipped { None } else { target };
        self.push(id, source, target.unwrap_or_default(), pending);
        Ok(())
    }

    fn read_unit(&mut self, unit: &Element<'_>) -> Result<(), FileError> {
        let id = self.xml.attribute(unit, "id")?;
        let skipped = self.xml.attribute(unit, "translate")?.as_deref() == Some("no");
        let mut segments = 0;
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "segment" => {
                    segments += 1;
                    let segment_id = self.xml.attribute(&element, "id")?;
                    let state = self.xml.attribute(&element, "state")?;
                    let (source, target) = self.read_segment(&element)?;
                    let pending = state.as_deref() == Some("initial");
                    let target = if skipped { String::new() } else { target };
                    let id = match (&id, segment_id) {
                        (Some(unit), Some(segment)) => Some(format!("{unit}/{segment}")),
                        (unit, _) => unit.clone(),
                    };
                    self.push(id, source, target, pending);
                }
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => break,
            }
        }
        if segments == 0 {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                unit.offset,
                "a <unit> without <segment>",
            ));
        }
        Ok(())
    }

    fn read_segment(&mut self, segment: &Element<'_>) -> Result<(String, String), FileError> {
        let (mut source, mut target) = (None, String::new());
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "source" => {
                    source = Some(self.xml.read_text(is_code_v2)?);
                }
                Node::Start(element) if element.name() == "target" => {
                    target = self.xml.read_text(is_code_v2)?;
                }
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => break,
            }
        }
        let Some(source) = source else {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                segment.offset,
                "a <segment> without <source>",
            ));
        };
        Ok((source, target))
    }

    fn push(&mut self, id: Option<String>, source: String, target: String, pending: bool) {
        let (source_lang, target_lang, swapped) =
            self.file_languages.clone().unwrap_or_else(|| {
                (
                    self.languages.source.clone(),
                    self.languages.target.clone(),
                    false,
                )
            });
        let mut unit = TranslationUnit {
            id,
            source,
            target,
            source_lang,
            target_lang,
            pending,
            ..TranslationUnit::default()
        };
        if swapped {
            if unit.target.trim().is_empty() {
                // Nothing to learn: keep the empty side as the target.
                unit.source.clear();
            }
            std::mem::swap(&mut unit.source, &mut unit.target);
            std::mem::swap(&mut unit.source_lang, &mut unit.target_lang);
        }
        self.pending.push_back(unit);
    }
}

fn is_code_v1(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "ph" | "it" | "sub")
}

fn is_code_v2(name: &str) -> bool {
    matches!(name, "originalData")
}

/// True when `text` holds Arabic letters (a copied source, not an English target).
fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// Which XLIFF to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum XliffVersion {
    /// XLIFF 1.2: what every CAT tool reads (OmegaT reads only this one).
    #[default]
    V1_2,
    /// XLIFF 2.0.
    V2_0,
}

/// A name that is not an XLIFF version this tool writes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown XLIFF version `{0}`: use 1.2 or 2")]
pub struct UnknownXliffVersion(pub String);

impl FromStr for XliffVersion {
    type Err = UnknownXliffVersion;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name {
            "1.2" => Ok(XliffVersion::V1_2),
            "2" | "2.0" => Ok(XliffVersion::V2_0),
            _ => Err(UnknownXliffVersion(name.to_owned())),
        }
    }
}

/// One unit as the writer takes it: a sentence, its English and notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitToWrite<'a> {
    /// Its number in the document, from 1.
    pub id: usize,
    /// The Arabic.
    pub source: &'a str,
    /// What goes into `<target>`.
    pub target: Target<'a>,
    /// Notes, in order.
    pub notes: Vec<Note>,
}

/// What goes into a unit's `<target>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// No `<target>`.
    Absent,
    /// The Arabic again (state `new` in 1.2, `initial` in 2.0): OmegaT's
    /// XLIFF filter translates the text inside `<target>` and skips units
    /// without one.
    CopiedSource,
    /// English, and where it came from.
    English(&'a str, Origin),
}

/// A note: `about` is the 1.2 `from` and the 2.0 `category`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What it is about: `glossary`, `tarjama`, `warning`.
    pub about: &'static str,
    /// The note.
    pub text: String,
}

/// Writes `units` as one XLIFF `<file>` whose `original` is `original`.
pub fn write(
    out: &mut dyn Write,
    original: &str,
    version: XliffVersion,
    units: &[UnitToWrite<'_>],
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    match version {
        XliffVersion::V1_2 => write_1_2(original, units, out),
        XliffVersion::V2_0 => write_2_0(original, units, out),
    }
}

fn write_1_2(original: &str, units: &[UnitToWrite<'_>], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">"#
    )?;
    writeln!(
        out,
        r#"  <file original="{}" source-language="ar" target-language="en" datatype="plaintext">"#,
        escape(original, Place::Attribute)
    )?;
    writeln!(out, r"    <header>")?;
    writeln!(
        out,
        r#"      <tool tool-id="tarjama" tool-name="tarjama"/>"#
    )?;
    writeln!(out, r"    </header>")?;
    writeln!(out, "    <body>")?;
    for unit in units {
        writeln!(
            out,
            r#"      <trans-unit id="{}"{}>"#,
            unit.id,
            space_attribute(unit)
        )?;
        writeln!(out, "        <source>{}</source>", text(unit.source))?;
        match unit.target {
            Target::Absent => {}
            Target::CopiedSource => writeln!(
                out,
                r#"        <target state="new">{}</target>"#,
                text(unit.source)
            )?,
            Target::English(english, origin) => {
                let (state, qualifier) = match origin {
                    Origin::TmExact => ("translated", Some("exact-match")),
                    Origin::TmFuzzy => ("needs-review-translation", Some("fuzzy-match")),
                    Origin::Mt => ("needs-review-translation", Some("mt-suggestion")),
                    Origin::None => ("translated", None),
                };
                let qualifier = qualifier
                    .map(|q| format!(r#" state-qualifier="{q}""#))
                    .unwrap_or_default();
                writeln!(
                    out,
                    r#"        <target state="{state}"{qualifier}>{}</target>"#,
                    text(english)
                )?;
            }
        }
        for note in &unit.notes {
            writeln!(
                out,
                r#"        <note from="{}">{}</note>"#,
                note.about,
                text(&note.text)
            )?;
        }
        writeln!(out, "      </trans-unit>")?;
    }
    writeln!(out, "    </body>")?;
    writeln!(out, "  </file>")?;
    writeln!(out, "</xliff>")
}

fn write_2_0(original: &str, units: &[UnitToWrite<'_>], out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">"#
    )?;
    writeln!(
        out,
        r#"  <file id="f1" original="{}">"#,
        escape(original, Place::Attribute)
    )?;
    if units.is_empty() {
        // A 2.0 <file> must hold at least one unit or group.
        writeln!(out, r#"    <group id="g1"/>"#)?;
    }
    for unit in units {
        writeln!(
            out,
            r#"    <unit id="u{}"{}>"#,
            unit.id,
            space_attribute(unit)
        )?;
        if !unit.notes.is_empty() {
            writeln!(out, "      <notes>")?;
            for note in &unit.notes {
                writeln!(
                    out,
                    r#"        <note category="{}">{}</note>"#,
                    note.about,
                    text(&note.text)
                )?;
            }
            writeln!(out, "      </notes>")?;
        }
        let (state, sub_state) = match unit.target {
            Target::English(_, Origin::TmExact) => ("translated", Some("tm-exact")),
            Target::English(_, Origin::None) => ("translated", None),
            Target::English(_, origin) => ("initial", Some(origin.name())),
            Target::Absent | Target::CopiedSource => ("initial", None),
        };
        let sub_state = sub_state
            .map(|s| format!(r#" subState="tarjama:{s}""#))
            .unwrap_or_default();
        writeln!(
            out,
            r#"      <segment id="s{}" state="{state}"{sub_state}>"#,
            unit.id
        )?;
        writeln!(out, "        <source>{}</source>", text(unit.source))?;
        match unit.target {
            Target::Absent => {}
            Target::CopiedSource => {
                writeln!(out, "        <target>{}</target>", text(unit.source))?;
            }
            Target::English(english, _) => {
                writeln!(out, "        <target>{}</target>", text(english))?;
            }
        }
        writeln!(out, "      </segment>")?;
        writeln!(out, "    </unit>")?;
    }
    writeln!(out, "  </file>")?;
    writeln!(out, "</xliff>")
}

/// Element content.
fn text(text: &str) -> Cow<'_, str> {
    escape(text, Place::Text)
}

/// ` xml:space="preserve"` when the unit's text has white space a CAT tool
/// must not collapse (line breaks, tabs, runs or edges of spaces).
fn space_attribute(unit: &UnitToWrite<'_>) -> &'static str {
    let significant = |text: &str| {
        text.contains(['\n', '\r', '\t'])
            || text.contains("  ")
            || text.starts_with(' ')
            || text.ends_with(' ')
    };
    let target_significant = matches!(unit.target, Target::English(text, _) if significant(text));
    if significant(unit.source) || target_significant {
        r#" xml:space="preserve""#
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xliff_versions_parse() {
        assert_eq!("1.2".parse(), Ok(XliffVersion::V1_2));
        assert_eq!("2".parse(), Ok(XliffVersion::V2_0));
        assert_eq!("2.0".parse(), Ok(XliffVersion::V2_0));
        assert!("1.1".parse::<XliffVersion>().is_err());
    }
}
