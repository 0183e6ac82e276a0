//! TermBase eXchange: reading TBX 2 (`martif`, `termEntry`/`langSet`/`tig`)
//! and TBX 3 (`tbx`, `conceptEntry`/`langSec`/`termSec`), writing TBX-Basic
//! style TBX 2.
//!
//! Mapping: the Arabic terms are the key (the first preferred one) and the
//! variants; the English term is `en`, English terms marked
//! `deprecatedTerm-admn-sts` are `avoid`, an English term of termType
//! `fullForm` is `long`; `note`s are the note.
//!
//! The type (person, org, place, title, term) has no data category of its
//! own in TBX-Basic. `subjectField` is the domain (politics, medicine),
//! which is how term bases and CAT tools read it, so the type is written as
//! a concept note `type: person`, and the terms of names carry the TBX-Basic
//! part of speech `properNoun`. Reading takes the type from such a note, or
//! from a `subjectField` that holds a type name (files written before). Concepts without an Arabic or an
//! English term are skipped. Only the five XML entities and character
//! references are expanded: no DTD is read, no external entity fetched.

use super::model::{Entry, Kind, Source};
use crate::error::line_breaks;
use crate::error::{FileError, FileErrorKind};
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};
use std::io::{self, Write};
use std::sync::Arc;

const DEPRECATED: &str = "deprecatedTerm-admn-sts";

/// How a concept note gives the entry's type: `type: person`.
const TYPE_NOTE: &str = "type: ";

/// What the text being read belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Term,
    Status,
    TermType,
    Subject,
    Note,
}

#[derive(Default)]
struct Term {
    text: String,
    status: String,
    term_type: String,
}

#[derive(Default)]
struct Concept {
    line: usize,
    arabic: Vec<Term>,
    english: Vec<Term>,
    kind: Option<Kind>,
    notes: Vec<String>,
}

/// Parses a TBX file; `name` is used in sources and errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<Entry>, FileError> {
    let file: Arc<str> = Arc::from(name);
    let mut reader = quick_xml::Reader::from_str(text);
    let mut entries = Vec::new();
    let mut concept: Option<Concept> = None;
    let mut language = String::new();
    let mut term: Option<Term> = None;
    let mut capture: Option<(Field, String)> = None;
    let mut lines = LineCounter::new(text);
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|err| {
            let line =
                lines.line_at(usize::try_from(reader.error_position()).unwrap_or(usize::MAX));
            FileError::at_line(
                FileErrorKind::Syntax,
                name,
                line,
                format!("broken XML ({err})"),
            )
            .with_hint("check that the file is well-formed TBX")
        })?;
        match event {
            Event::Start(element) | Event::Empty(element)
                if concept.is_none() && is_concept(&element) =>
            {
                concept = Some(Concept {
                    line: lines.line_at(at),
                    ..Concept::default()
                });
                language.clear();
            }
            Event::Start(_) | Event::Empty(_) if concept.is_none() => {}
            Event::Start(element) => match element.local_name().as_ref() {
                "langSet" | "langSec" => language = language_of(&element),
                "tig" | "ntig" | "termSec" => term = Some(Term::default()),
                "term" => capture = Some((Field::Term, String::new())),
                "termNote" => {
                    capture = match attribute(&element, "type").as_deref() {
                        Some("administrativeStatus") => Some((Field::Status, String::new())),
                        Some("termType") => Some((Field::TermType, String::new())),
                        _ => None,
                    }
                }
                "descrip" if attribute(&element, "type").as_deref() == Some("subjectField") => {
                    capture = Some((Field::Subject, String::new()))
                }
                "note" => capture = Some((Field::Note, String::new())),
                _ => {}
            },
            Event::Text(text) => {
                if let Some((_, buffer)) = &mut capture {
                    buffer.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some((_, buffer)) = &mut capture {
                    buffer.push_str(&data.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => predefined_entity(&reference.xml10_content()),
                };
                let Some(c) = resolved else {
                    return Err(FileError::at_line(
                        FileErrorKind::Refused,
                        name,
                        lines.line_at(at),
                        format!("unknown entity `&{};`", reference.xml10_content()),
                    )
                    .with_hint(
                        "only the five XML entities and character references are read; no DTD entities",
                    ));
                };
                if let Some((_, buffer)) = &mut capture {
                    buffer.push(c);
                }
            }
            Event::End(element) => {
                let local = element.local_name();
                match local.as_ref() {
                    "term" | "termNote" | "descrip" | "note" => {
                        if let (Some((field, buffer)), Some(concept)) =
                            (capture.take(), concept.as_mut())
                        {
                            store(field, buffer.trim().to_owned(), concept, term.as_mut());
                        }
                    }
                    "tig" | "ntig" | "termSec" => {
                        if let (Some(done), Some(concept)) = (term.take(), concept.as_mut()) {
                            if language.starts_with("ar") {
                                concept.arabic.push(done);
                            } else if language.starts_with("en") {
                                concept.english.push(done);
                            }
                        }
                    }
                    "termEntry" | "conceptEntry" => {
                        if let Some(done) = concept.take() {
                            entries.extend(done.into_entry(&file));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(entries)
}

fn is_concept(element: &BytesStart) -> bool {
    matches!(element.local_name().as_ref(), "termEntry" | "conceptEntry")
}

fn store(field: Field, text: String, concept: &mut Concept, term: Option<&mut Term>) {
    match (field, term) {
        (Field::Term, Some(term)) => term.text = text,
        (Field::Status, Some(term)) => term.status = text,
        (Field::TermType, Some(term)) => term.term_type = text,
        (Field::Subject, _) => {
            if let Ok(kind) = text.parse() {
                concept.kind = Some(kind);
            }
        }
        (Field::Note, _) => match text.strip_prefix(TYPE_NOTE).map(str::parse) {
            Some(Ok(kind)) => concept.kind = Some(kind),
            _ if !text.is_empty() => concept.notes.push(text),
            _ => {}
        },
        _ => {}
    }
}

impl Concept {
    fn into_entry(self, file: &Arc<str>) -> Option<Entry> {
        let mut arabic: Vec<Term> = self
            .arabic
            .into_iter()
            .filter(|t| !t.text.is_empty())
            .collect();
        // The preferred Arabic term is the key; keep document order otherwise.
        arabic.sort_by_key(|t| t.status != "preferredTerm-admn-sts");
        let mut arabic = arabic.into_iter().map(|t| t.text);
        let ar = arabic.next()?;
        let mut en = None;
        let mut avoid = Vec::new();
        let mut long = None;
        for term in self.english.into_iter().filter(|t| !t.text.is_empty()) {
            if term.status == DEPRECATED {
                avoid.push(term.text);
            } else if term.term_type == "fullForm" && long.is_none() {
                long = Some(term.text);
            } else if en.is_none() {
                en = Some(term.text);
            }
        }
        let en = en.or_else(|| long.take())?;
        Some(Entry {
            ar,
            en,
            kind: self.kind.unwrap_or_default(),
            variants: arabic.collect(),
            avoid,
            long,
            note: (!self.notes.is_empty()).then(|| self.notes.join("; ")),
            source: Some(Source {
                file: file.clone(),
                line: self.line,
            }),
        })
    }
}

fn attribute(element: &BytesStart, wanted: &str) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        (attribute.key.local_name().as_ref() == wanted)
            .then(|| {
                attribute
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(std::borrow::Cow::into_owned)
            })
            .flatten()
    })
}

fn language_of(element: &BytesStart) -> String {
    attribute(element, "lang")
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn predefined_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "apos" => '\'',
        "quot" => '"',
        _ => return None,
    })
}

/// Turns ascending byte offsets into line numbers without rescanning.
struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += line_breaks(self.text, self.at, offset);
        self.at = offset;
        self.line
    }
}

/// Writes entries as TBX 2 (TBX-Basic style).
pub fn write(entries: &[Entry], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<martif type="TBX-Basic" xml:lang="en">"#)?;
    writeln!(
        out,
        "  <martifHeader><fileDesc><sourceDesc><p>tarjama glossary</p></sourceDesc></fileDesc></martifHeader>"
    )?;
    writeln!(out, "  <text><body>")?;
    for (index, entry) in entries.iter().enumerate() {
        writeln!(out, r#"    <termEntry id="e{}">"#, index + 1)?;
        if entry.kind != Kind::Term {
            writeln!(out, "      <note>{TYPE_NOTE}{}</note>", entry.kind)?;
        }
        if let Some(note) = &entry.note {
            writeln!(out, "      <note>{}</note>", escape(note.as_str()))?;
        }
        let part_of_speech =
            matches!(entry.kind, Kind::Person | Kind::Org | Kind::Place).then_some("properNoun");
        let term = |status, term_type| TermNotes {
            status,
            term_type,
            part_of_speech,
        };
        writeln!(out, r#"      <langSet xml:lang="ar">"#)?;
        for (position, form) in entry.forms().enumerate() {
            let status = if position == 0 {
                "preferredTerm-admn-sts"
            } else {
                "admittedTerm-admn-sts"
            };
            write_term(out, form, term(Some(status), None))?;
        }
        writeln!(out, "      </langSet>")?;
        writeln!(out, r#"      <langSet xml:lang="en">"#)?;
        write_term(out, &entry.en, term(Some("preferredTerm-admn-sts"), None))?;
        if let Some(long) = &entry.long {
            write_term(out, long, term(None, Some("fullForm")))?;
        }
        for avoid in &entry.avoid {
            write_term(out, avoid, term(Some(DEPRECATED), None))?;
        }
        writeln!(out, "      </langSet>")?;
        writeln!(out, "    </termEntry>")?;
    }
    writeln!(out, "  </body></text>")?;
    writeln!(out, "</martif>")
}

/// The term notes of one written term.
struct TermNotes {
    status: Option<&'static str>,
    term_type: Option<&'static str>,
    part_of_speech: Option<&'static str>,
}

fn write_term(out: &mut dyn Write, text: &str, notes: TermNotes) -> io::Result<()> {
    write!(out, "        <tig><term>{}</term>", escape(text))?;
    for (kind, value) in [
        ("termType", notes.term_type),
        ("partOfSpeech", notes.part_of_speech),
        ("administrativeStatus", notes.status),
    ] {
        if let Some(value) = value {
            write!(out, r#"<termNote type="{kind}">{value}</termNote>"#)?;
        }
    }
    writeln!(out, "</tig>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Entry> {
        vec![
            Entry {
                ar: "سيرغي ريابكوف".into(),
                en: "Sergei Ryabkov".into(),
                kind: Kind::Person,
                variants: vec!["سيرجي ريابكوف".into()],
                avoid: vec!["Sergey Riabkov".into()],
                note: Some("deputy minister <of> foreign affairs & more".into()),
                ..Entry::default()
            },
            Entry {
                ar: "منظمة الأمن والتعاون في أوروبا".into(),
                en: "OSCE".into(),
                kind: Kind::Org,
                long: Some("Organization for Security and Co-operation in Europe".into()),
                ..Entry::default()
            },
        ]
    }

    #[test]
    fn round_trips_every_field() {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let read = parse("g.tbx", &text).unwrap();
        let strip = |e: &Entry| Entry {
            source: None,
            ..e.clone()
        };
        assert_eq!(read.iter().map(strip).collect::<Vec<_>>(), sample());
        assert_eq!(
            read[1].source.as_ref().unwrap().line,
            text.lines().position(|l| l.contains("id=\"e2\"")).unwrap() + 1
        );
    }

    #[test]
    fn the_type_is_a_note_and_names_are_proper_nouns() {
        let mut out = Vec::new();
        write(&sample(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("subjectField"), "{text}");
        assert!(text.contains("<note>type: person</note>"), "{text}");
        assert!(text.contains(
            "<tig><term>Sergei Ryabkov</term><termNote type=\"partOfSpeech\">properNoun</termNote>"
        ));
        // Files written before: the type in subjectField.
        let legacy = r#"<martif><text><body><termEntry><descrip type="subjectField">place</descrip>
<langSet xml:lang="ar"><tig><term>جنيف</term></tig></langSet>
<langSet xml:lang="en"><tig><term>Geneva</term></tig></langSet></termEntry></body></text></martif>"#;
        assert_eq!(parse("g.tbx", legacy).unwrap()[0].kind, Kind::Place);
    }

    #[test]
    fn reads_tbx3_concepts() {
        let text = r#"<?xml version="1.0"?>
<tbx type="TBX-Core" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="ar-SA"><termSec><term>جنيف</term></termSec></langSec>
  <langSec xml:lang="fr"><termSec><term>Genève</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>Geneva &amp; environs</term></termSec></langSec>
</conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="fr"><termSec><term>Paris</term></termSec></langSec></conceptEntry>
</body></text></tbx>"#;
        let read = parse("g.tbx", text).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(
            (read[0].ar.as_str(), read[0].en.as_str()),
            ("جنيف", "Geneva & environs")
        );
        assert_eq!(read[0].source.as_ref().unwrap().line, 4);
    }

    #[test]
    fn refuses_external_and_unknown_entities() {
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<martif><text><body><termEntry><langSet xml:lang="ar"><tig><term>&xxe;</term></tig></langSet></termEntry></body></text></martif>"#;
        let err = parse("g.tbx", text).unwrap_err().to_string();
        assert!(err.starts_with("unknown entity `&xxe;`: g.tbx:3"), "{err}");
    }

    #[test]
    fn broken_xml_is_an_error_with_a_line() {
        let err = parse("g.tbx", "<martif>\n<text>\n<body></text>")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("broken XML"), "{err}");
        assert!(err.contains("g.tbx:3"), "{err}");
        let err = parse("g.tbx", "<martif>\r<text>\r\n<body></text>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("g.tbx:3"), "old Mac line ends: {err}");
    }
}
