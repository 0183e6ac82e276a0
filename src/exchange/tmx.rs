//! TMX: the translation-memory exchange format.
//!
//! The reader takes TMX 1.4b and the TMX 1.1 OmegaT writes (`lang=` instead
//! of `xml:lang=`); languages match on their primary subtag in any case
//! (`ar`, `AR`, `ar-SA`), and `srclang` may be `*all*` or missing: the
//! [`LanguagePair`] decides which `<tuv>` is the source. Inline codes
//! (`<bpt>`, `<ept>`, `<it>`, `<ph>`, `<ut>`) are dropped from the text,
//! `<hi>` keeps its text.
//!
//! The writer produces TMX 1.4b that validates against the LISA DTD.

use super::xml::{self, Element, Node, Place, XmlReader};
use super::{LanguagePair, TranslationUnit, same_language};
use crate::error::{FileError, FileErrorKind};
use regex::Regex;
use std::io::{self, Write};
use std::sync::LazyLock;

/// Reads the units of a TMX document.
pub struct TmxReader<'a> {
    xml: XmlReader<'a>,
    file: &'a str,
    languages: LanguagePair,
    state: State,
    units: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Start,
    Body,
    Done,
}

/// A `<tuv>`: its language and text.
#[derive(Default)]
struct Variant {
    lang: String,
    text: String,
}

impl<'a> TmxReader<'a> {
    /// Reads `text`; `file` names it in errors.
    pub fn new(file: &'a str, text: &'a str, languages: LanguagePair) -> Self {
        Self {
            xml: XmlReader::new(file, text),
            file,
            languages,
            state: State::Start,
            units: 0,
        }
    }

    /// Bytes read so far.
    pub fn position(&self) -> usize {
        self.xml.position()
    }

    /// Reads up to the start of `<body>`; false when the document has none.
    fn read_prologue(&mut self) -> Result<bool, FileError> {
        let root = loop {
            match self.xml.next()? {
                Node::Start(element) | Node::Empty(element) => break element,
                Node::Text(_) | Node::End => {}
                Node::Eof => {
                    return Err(FileError::new(
                        FileErrorKind::Empty,
                        self.file,
                        "empty file: no <tmx> element",
                    ));
                }
            }
        };
        if root.name() != "tmx" {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                root.offset,
                format!("not a TMX file: the root element is <{}>", root.name()),
            ));
        }
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "body" => return Ok(true),
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End => return Ok(false),
                Node::Eof => return Ok(false),
            }
        }
    }

    /// The next unit; `None` at the end of the document.
    pub fn read_next(&mut self) -> Result<Option<TranslationUnit>, FileError> {
        if self.state == State::Start {
            self.state = if self.read_prologue()? {
                State::Body
            } else {
                State::Done
            };
        }
        while self.state == State::Body {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "tu" => {
                    return self.read_tu(&element).map(Some);
                }
                Node::Empty(element) if element.name() == "tu" => {
                    self.units += 1;
                    return Err(self.missing(&element, &self.languages.source.clone()));
                }
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => self.state = State::Done,
            }
        }
        // Read to the end so a truncated file is an error, not a short import.
        while !matches!(self.xml.next()?, Node::Eof) {}
        Ok(None)
    }

    fn read_tu(&mut self, tu: &Element<'_>) -> Result<TranslationUnit, FileError> {
        self.units += 1;
        let mut unit = TranslationUnit {
            id: self.xml.attribute(tu, "tuid")?,
            created: self
                .xml
                .attribute(tu, "creationdate")?
                .and_then(|d| iso_date(&d)),
            changed: self
                .xml
                .attribute(tu, "changedate")?
                .and_then(|d| iso_date(&d)),
            ..TranslationUnit::default()
        };
        let mut variants = Vec::new();
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "tuv" => {
                    variants.push(self.read_tuv(&element)?);
                }
                Node::Empty(element) if element.name() == "tuv" => {
                    return Err(self.xml.error_at(
                        FileErrorKind::Content,
                        element.offset,
                        "a <tuv> without <seg>",
                    ));
                }
                Node::Start(element) if element.name() == "prop" => {
                    let kind = self.xml.attribute(&element, "type")?;
                    let text = self.xml.read_text(is_inline_code)?;
                    if kind.as_deref() == Some(ORIGIN_PROP) {
                        unit.origin = Some(text);
                    }
                }
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => break,
            }
        }
        let pick = |lang: &str| variants.iter().position(|v| same_language(&v.lang, lang));
        let source = pick(&self.languages.source);
        let target = pick(&self.languages.target);
        let (Some(source), Some(target)) = (source, target) else {
            let lang = if source.is_none() {
                self.languages.source.clone()
            } else {
                self.languages.target.clone()
            };
            return Err(self.missing(tu, &lang));
        };
        let target = std::mem::take(&mut variants[target]);
        let source = std::mem::take(&mut variants[source]);
        unit.source = source.text;
        unit.source_lang = source.lang;
        unit.target = target.text;
        unit.target_lang = target.lang;
        Ok(unit)
    }

    fn missing(&self, tu: &Element<'_>, lang: &str) -> FileError {
        self.xml
            .error_at(
                FileErrorKind::Content,
                tu.offset,
                format!("TU {} has no <tuv> in language `{lang}`", self.units),
            )
            .with_hint(format!(
                "every <tu> needs a <tuv xml:lang=\"{}\"> and a <tuv xml:lang=\"{}\">; \
                 --source-lang and --target-lang pick other languages",
                self.languages.source, self.languages.target
            ))
    }

    fn read_tuv(&mut self, tuv: &Element<'_>) -> Result<Variant, FileError> {
        let lang = match self.xml.attribute(tuv, "xml:lang")? {
            Some(lang) => Some(lang),
            None => self.xml.attribute(tuv, "lang")?,
        };
        let Some(lang) = lang.filter(|l| !l.trim().is_empty()) else {
            return Err(self
                .xml
                .error_at(
                    FileErrorKind::Content,
                    tuv.offset,
                    "a <tuv> without xml:lang",
                )
                .with_hint("write the language of every <tuv>: <tuv xml:lang=\"ar\">"));
        };
        let mut text = None;
        loop {
            match self.xml.next()? {
                Node::Start(element) if element.name() == "seg" => {
                    text = Some(self.xml.read_text(is_inline_code)?);
                }
                Node::Empty(element) if element.name() == "seg" => text = Some(String::new()),
                Node::Start(_) => self.xml.skip_element()?,
                Node::Empty(_) | Node::Text(_) => {}
                Node::End | Node::Eof => break,
            }
        }
        let Some(text) = text else {
            return Err(self.xml.error_at(
                FileErrorKind::Content,
                tuv.offset,
                "a <tuv> without <seg>",
            ));
        };
        Ok(Variant {
            lang: lang.trim().to_owned(),
            text,
        })
    }
}

fn is_inline_code(name: &str) -> bool {
    matches!(name, "bpt" | "ept" | "it" | "ph" | "ut" | "sub")
}

/// The `<prop type>` that carries a unit's origin.
const ORIGIN_PROP: &str = "x-origin";

/// A TMX date (`YYYYMMDDThhmmssZ`, TMX 1.4b's only form).
static TMX_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z$")
        .expect("a valid pattern")
});

/// `20240601T120000Z` → `2024-06-01T12:00:00Z`; `None` when malformed.
fn iso_date(tmx: &str) -> Option<String> {
    let date = TMX_DATE.captures(tmx.trim())?;
    let mut iso = String::with_capacity(20);
    date.expand("$1-$2-${3}T$4:$5:${6}Z", &mut iso);
    Some(iso)
}

/// `2024-06-01T12:00:00Z` → `20240601T120000Z`.
fn tmx_date(iso: &str) -> String {
    iso.chars().filter(|c| !matches!(c, '-' | ':')).collect()
}

/// Writes TMX 1.4b: a header naming the source language, then one `<tu>`
/// per unit.
pub struct TmxWriter<W: Write> {
    out: W,
}

impl<W: Write> TmxWriter<W> {
    /// Writes the XML declaration and the header; `source_lang` goes into
    /// `srclang` (OmegaT drops a TMX without it).
    pub fn new(mut out: W, source_lang: &str) -> io::Result<Self> {
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <tmx version=\"1.4\">\n  \
             <header creationtool=\"tarjama\" creationtoolversion=\"{}\" segtype=\"sentence\" \
             o-tmf=\"tarjama\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  \
             <body>\n",
            env!("CARGO_PKG_VERSION"),
            xml::escape(source_lang, Place::Attribute)
        )?;
        Ok(Self { out })
    }

    /// Writes one `<tu>`: its id, dates, origin, and the two `<tuv>`s.
    pub fn write_unit(&mut self, unit: &TranslationUnit) -> io::Result<()> {
        let out = &mut self.out;
        out.write_all(b"    <tu")?;
        if let Some(id) = &unit.id {
            write!(out, " tuid=\"{}\"", xml::escape(id, Place::Attribute))?;
        }
        if let Some(created) = &unit.created {
            write!(
                out,
                " creationdate=\"{}\"",
                xml::escape(&tmx_date(created), Place::Attribute)
            )?;
        }
        if let Some(changed) = &unit.changed {
            write!(
                out,
                " changedate=\"{}\"",
                xml::escape(&tmx_date(changed), Place::Attribute)
            )?;
        }
        out.write_all(b">\n")?;
        if let Some(origin) = &unit.origin {
            writeln!(
                out,
                "      <prop type=\"{ORIGIN_PROP}\">{}</prop>",
                xml::escape(origin, Place::QuotedText)
            )?;
        }
        for (lang, text) in [
            (&unit.source_lang, &unit.source),
            (&unit.target_lang, &unit.target),
        ] {
            writeln!(
                out,
                "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                xml::escape(lang, Place::Attribute),
                xml::escape(text, Place::QuotedText)
            )?;
        }
        out.write_all(b"    </tu>\n")
    }

    /// Closes the document and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.write_all(b"  </body>\n</tmx>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes a whole TMX document.
pub fn write<'u, W: Write>(
    out: W,
    source_lang: &str,
    units: impl IntoIterator<Item = &'u TranslationUnit>,
) -> io::Result<W> {
    let mut writer = TmxWriter::new(out, source_lang)?;
    for unit in units {
        writer.write_unit(unit)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<TranslationUnit>, FileError> {
        let mut reader = TmxReader::new("t.tmx", text, LanguagePair::default());
        let mut units = Vec::new();
        while let Some(unit) = reader.read_next()? {
            units.push(unit);
        }
        Ok(units)
    }

    #[test]
    fn what_the_writer_writes_the_reader_reads() {
        let units = vec![
            TranslationUnit {
                id: Some("7".into()),
                source: "قال «الوزير» إن 3 < 4 & ذلك".into(),
                target: "He said \"3 < 4\" & that's it".into(),
                source_lang: "ar".into(),
                target_lang: "en-US".into(),
                origin: Some("notes <1>".into()),
                created: Some("2024-06-01T12:00:00Z".into()),
                changed: Some("2024-06-02T08:30:00Z".into()),
                pending: false,
                fuzzy_score: None,
            },
            TranslationUnit {
                source: "نعم".into(),
                target: "Yes".into(),
                source_lang: "ar".into(),
                target_lang: "en".into(),
                ..TranslationUnit::default()
            },
        ];
        let bytes = write(Vec::new(), "ar", &units).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.contains(
            "<tu tuid=\"7\" creationdate=\"20240601T120000Z\" changedate=\"20240602T083000Z\">"
        ));
        assert_eq!(read(&text).unwrap(), units);
    }

    #[test]
    fn dates_convert_both_ways() {
        assert_eq!(
            iso_date("20240601T120000Z").as_deref(),
            Some("2024-06-01T12:00:00Z")
        );
        assert_eq!(iso_date("2024-06-01"), None);
        assert_eq!(tmx_date("2024-06-01T12:00:00Z"), "20240601T120000Z");
    }

    #[test]
    fn a_root_other_than_tmx_is_an_error() {
        let err = read("<?xml version=\"1.0\"?>\n<xliff/>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a TMX file: the root element is <xliff>: t.tmx:2:1"
        );
    }
}
