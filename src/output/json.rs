//! JSON with every field of the document, for scripts: `name`, `segments`
//! (the [`Segment`] fields) and `terms` (each glossary entry with its count).
//! The field names are part of the interface, listed in README.

use super::{TermCount, term_counts};
use crate::document::{Document, Segment};
use serde::Serialize;
use std::io::{self, Write};

/// The JSON form of a document (also embedded in a briefing's JSON).
#[derive(Serialize)]
pub(super) struct JsonDocument<'a> {
    name: &'a str,
    segments: &'a [Segment],
    terms: Vec<TermCount<'a>>,
}

impl<'a> JsonDocument<'a> {
    pub(super) fn new(document: &'a Document) -> Self {
        JsonDocument {
            name: &document.name,
            segments: &document.segments,
            terms: term_counts(document),
        }
    }
}

/// Writes the document as one pretty-printed JSON object and a line break.
pub(super) fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &JsonDocument::new(document))?;
    out.write_all(b"\n")
}
