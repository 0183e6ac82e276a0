//! The briefing as JSON, for scripts: `name`, `headline`, `key_points`,
//! `entities`, `front_matter` and the aligned `document` (the same object
//! `translate --format json` writes). The field names are part of the
//! interface, listed in README.

use crate::brief::{Briefing, Entity, Headline, KeyPoint};
use crate::output::json::JsonDocument;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct JsonBriefing<'a> {
    name: &'a str,
    headline: Option<&'a Headline>,
    key_points: &'a [KeyPoint],
    entities: &'a [Entity],
    front_matter: &'a [usize],
    document: JsonDocument<'a>,
}

/// Writes the briefing as one pretty-printed JSON object and a line break.
pub(super) fn write(briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
    let json = JsonBriefing {
        name: &briefing.name,
        headline: briefing.headline.as_ref(),
        key_points: &briefing.key_points,
        entities: &briefing.entities,
        front_matter: &briefing.front_matter,
        document: JsonDocument::new(&briefing.document),
    };
    serde_json::to_writer_pretty(&mut *out, &json)?;
    out.write_all(b"\n")
}
