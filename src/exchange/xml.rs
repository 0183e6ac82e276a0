//! A guarded pull parser for the TMX and XLIFF readers.
//!
//! It wraps quick-xml and refuses what an interchange file never needs and an
//! attacker would use: entity declarations (the "billion laughs" and external
//! entities), references to entities other than the five predefined ones, and
//! nesting deeper than [`MAX_DEPTH`]. A DOCTYPE that only names a DTD is
//! accepted and the DTD is never read. Every error carries the line and
//! column it was found at.

use crate::error::{FileError, FileErrorKind};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::borrow::Cow;

/// Elements may nest this deep; real TMX and XLIFF files stay below 10.
pub(super) const MAX_DEPTH: usize = 64;

/// One step of the document, with names stripped of their namespace prefix.
#[derive(Debug)]
pub(super) enum Node<'a> {
    /// `<name attr="…">`.
    Start(Element<'a>),
    /// `<name attr="…"/>`.
    Empty(Element<'a>),
    /// `</name>`.
    End,
    /// Character data, with references resolved.
    Text(Cow<'a, str>),
    /// The end of the input.
    Eof,
}

/// A start or empty tag.
#[derive(Debug)]
pub(super) struct Element<'a> {
    tag: BytesStart<'a>,
    /// Byte offset of the `<` that opens the tag.
    pub offset: usize,
}

impl Element<'_> {
    /// The name without its namespace prefix (`seg`, `trans-unit`).
    pub(super) fn name(&self) -> &str {
        self.tag.local_name().into_inner()
    }
}

/// The pull parser.
pub(super) struct XmlReader<'a> {
    reader: Reader<&'a [u8]>,
    text: &'a str,
    file: &'a str,
    open: Vec<String>,
}

impl<'a> XmlReader<'a> {
    /// Reads `text`; `file` names it in errors.
    pub(super) fn new(file: &'a str, text: &'a str) -> Self {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        Self {
            reader,
            text,
            file,
            open: Vec::new(),
        }
    }

    /// Byte offset reached so far.
    pub(super) fn position(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// How many elements are open.
    pub(super) fn depth(&self) -> usize {
        self.open.len()
    }

    /// The next node that matters: declarations, comments and processing
    /// instructions are skipped.
    pub(super) fn next(&mut self) -> Result<Node<'a>, FileError> {
        loop {
            let before = self.position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => {
                    let at = usize::try_from(self.reader.error_position()).unwrap_or(before);
                    return Err(self.error_at(
                        FileErrorKind::Syntax,
                        at,
                        format!("malformed XML ({err})"),
                    ));
                }
            };
            match event {
                Event::Start(tag) => {
                    let name = tag.name().into_inner().to_owned();
                    if self.open.len() >= MAX_DEPTH {
                        return Err(self.error_at(
                            FileErrorKind::Refused,
                            before,
                            format!("elements nested deeper than {MAX_DEPTH} levels"),
                        ));
                    }
                    self.open.push(name);
                    return Ok(Node::Start(Element {
                        tag,
                        offset: before,
                    }));
                }
                Event::Empty(tag) => {
                    return Ok(Node::Empty(Element {
                        tag,
                        offset: before,
                    }));
                }
                Event::End(_) => {
                    self.open.pop();
                    return Ok(Node::End);
                }
                Event::Text(text) => return Ok(Node::Text(text.xml10_content())),
                Event::CData(data) => return Ok(Node::Text(data.xml10_content())),
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) if is_xml_char(c) => Some(c),
                        Ok(Some(_)) | Err(_) => None,
                        Ok(None) => predefined_entity(&reference),
                    };
                    let Some(c) = resolved else {
                        let name = reference.to_string();
                        return Err(self
                            .error_at(
                                FileErrorKind::Syntax,
                                before,
                                format!("undefined or invalid reference &{name};"),
                            )
                            .with_hint(
                                "only &lt; &gt; &amp; &apos; &quot; and character references \
                                 are read; entities declared in a DOCTYPE are never expanded",
                            ));
                    };
                    return Ok(Node::Text(Cow::Owned(c.to_string())));
                }
                Event::DocType(doctype) => {
                    if doctype.contains("<!ENTITY") || doctype.contains("[") {
                        return Err(self
                            .error_at(
                                FileErrorKind::Refused,
                                before,
                                "the DOCTYPE declares entities or an internal subset",
                            )
                            .with_hint(
                                "entity declarations are refused (they can expand without \
                                 bound or read other files); remove the [...] part of the DOCTYPE",
                            ));
                    }
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
                Event::Eof => {
                    if let Some(name) = self.open.last() {
                        let message = format!("the file ends inside <{name}>");
                        return Err(self.error_at(FileErrorKind::Syntax, self.text.len(), message));
                    }
                    return Ok(Node::Eof);
                }
            }
        }
    }

    /// Skips everything up to and including the end of the element just
    /// opened by a [`Node::Start`].
    pub(super) fn skip_element(&mut self) -> Result<(), FileError> {
        let depth = self.depth();
        while self.depth() >= depth {
            if let Node::Eof = self.next()? {
                break;
            }
        }
        Ok(())
    }

    /// The text inside the element just opened by a [`Node::Start`], up to
    /// its end: the text of nested elements is kept, except inside those for
    /// which `is_code` is true (inline codes such as TMX `<ph>`). An XLIFF 2
    /// `<cp hex="…"/>` stands for the character it names.
    pub(super) fn read_text(&mut self, is_code: fn(&str) -> bool) -> Result<String, FileError> {
        let mut text = String::new();
        let depth = self.depth();
        while self.depth() >= depth {
            match self.next()? {
                Node::Text(piece) => text.push_str(&piece),
                Node::Start(element) if is_code(element.name()) => self.skip_element()?,
                Node::Empty(element) if element.name() == "cp" => {
                    let hex = self.attribute(&element, "hex")?.unwrap_or_default();
                    let code = u32::from_str_radix(hex.trim(), 16)
                        .ok()
                        .and_then(char::from_u32);
                    text.push(code.unwrap_or('\u{FFFD}'));
                }
                Node::Start(_) | Node::Empty(_) | Node::End => {}
                Node::Eof => break,
            }
        }
        Ok(text)
    }

    /// The value of attribute `name` (qualified, as written: `xml:lang`),
    /// with references resolved.
    pub(super) fn attribute(
        &self,
        element: &Element<'_>,
        name: &str,
    ) -> Result<Option<String>, FileError> {
        for attribute in element.tag.attributes() {
            let attribute = attribute.map_err(|err| {
                self.error_at(
                    FileErrorKind::Syntax,
                    element.offset,
                    format!("malformed attribute ({err})"),
                )
            })?;
            if attribute.key.into_inner() == name {
                let value = attribute
                    .normalized_value(XmlVersion::Implicit1_0)
                    .map_err(|err| {
                        self.error_at(
                            FileErrorKind::Syntax,
                            element.offset,
                            format!("bad attribute value ({err})"),
                        )
                    })?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// An error at byte offset `offset` of the input.
    pub(super) fn error_at(
        &self,
        kind: FileErrorKind,
        offset: usize,
        message: impl Into<String>,
    ) -> FileError {
        FileError::at_offset(kind, self.file, self.text, offset, message)
    }
}

fn predefined_entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "apos" => Some('\''),
        "quot" => Some('"'),
        _ => None,
    }
}

/// True for the characters XML 1.0 allows in a document.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Where escaped text goes, which decides what [`escape`] writes as a
/// reference besides `<`, `>`, `&` and carriage returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Element content: `"`, tabs and line feeds stay as they are.
    Text,
    /// Element content with `"` written `&quot;`, as the TMX writer has
    /// always written it (parsers read both the same).
    QuotedText,
    /// A double-quoted attribute value: `"`, and tabs and line feeds (which
    /// a parser would turn into spaces).
    Attribute,
}

/// Escapes `text` for `place`: the one XML escaper of every writer.
/// `<`, `>`, `&` and carriage returns (which parsers turn into line feeds)
/// always become references, `"`, tabs and line feeds as `place` says; the
/// characters XML 1.0 cannot hold (most C0 controls, U+FFFE, U+FFFF)
/// become U+FFFD.
pub(super) fn escape(text: &str, place: Place) -> Cow<'_, str> {
    let quotes = place != Place::Text;
    let white_space = place == Place::Attribute;
    let needs = |c: char| {
        matches!(c, '<' | '>' | '&' | '\r')
            || (quotes && c == '"')
            || (white_space && matches!(c, '\t' | '\n'))
            || !is_xml_char(c)
    };
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => out.push_str("&#13;"),
            '"' if quotes => out.push_str("&quot;"),
            '\t' if white_space => out.push_str("&#9;"),
            '\n' if white_space => out.push_str("&#10;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_text(xml: &str) -> Result<String, FileError> {
        let mut reader = XmlReader::new("t.xml", xml);
        let mut text = String::new();
        loop {
            match reader.next()? {
                Node::Text(piece) => text.push_str(&piece),
                Node::Eof => return Ok(text),
                _ => {}
            }
        }
    }

    #[test]
    fn resolves_predefined_and_character_references() {
        assert_eq!(all_text("<a>x &amp; &#1575;&#x644;</a>").unwrap(), "x & ال");
    }

    #[test]
    fn refuses_entity_declarations() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<a>&lol2;</a>";
        let err = all_text(bomb).unwrap_err();
        assert!(
            err.to_string().contains("DOCTYPE declares entities"),
            "{err}"
        );
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn refuses_undefined_entities() {
        let err = all_text("<a>\n &nbsp;</a>").unwrap_err();
        assert!(err.to_string().contains("&nbsp;"), "{err}");
        assert_eq!((err.line, err.column), (Some(2), Some(2)));
    }

    #[test]
    fn accepts_a_doctype_that_only_names_a_dtd() {
        assert_eq!(
            all_text("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx>x</tmx>").unwrap(),
            "x"
        );
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let xml = "<a>".repeat(MAX_DEPTH + 1);
        assert!(
            all_text(&xml)
                .unwrap_err()
                .to_string()
                .contains("nested deeper")
        );
    }

    #[test]
    fn unclosed_element_is_an_error() {
        let err = all_text("<tmx>\n<body>\n").unwrap_err();
        assert!(err.to_string().contains("ends inside <body>"), "{err}");
    }

    #[test]
    fn mismatched_end_tag_is_an_error() {
        let err = all_text("<a>\n<b></a>").unwrap_err();
        assert!(err.to_string().contains("malformed XML"), "{err}");
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn escape_handles_markup_and_control_characters() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}", Place::QuotedText),
            "a&lt;b &amp; &quot;c&quot;\u{FFFD}"
        );
        assert!(matches!(escape("سلام", Place::Text), Cow::Borrowed(_)));
        let raw = "<a href=\"x\">&\r\n\t\u{1}\u{FFFF}";
        assert_eq!(
            escape(raw, Place::Text),
            "&lt;a href=\"x\"&gt;&amp;&#13;\n\t\u{FFFD}\u{FFFD}"
        );
        assert_eq!(
            escape(raw, Place::Attribute),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#13;&#10;&#9;\u{FFFD}\u{FFFD}"
        );
    }
}
