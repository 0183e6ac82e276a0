//! A document as the interchange files a translator works in, written by
//! [`crate::exchange`]: the `translate` TSV (a sheet to fill in and import
//! back), XLIFF for CAT tools, and TMX of the rows that have English.

use super::{Options, notes, similar_note, term_pairs};
use crate::document::{Document, Origin, Segment};
use crate::exchange::tsv::{TRANSLATE_COLUMNS, TableLayout, TableWriter};
use crate::exchange::xliff::{self, Note, Target, UnitToWrite};
use crate::exchange::{TranslationUnit, tmx};
use std::io::{self, Write};

/// The header and one row per segment, in the columns
/// [`TRANSLATE_COLUMNS`], cells for spreadsheets ([`TableLayout::SPREADSHEET`]).
pub(super) fn write_tsv(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let table = TableWriter::new(TableLayout::SPREADSHEET);
    table.write_row(out, &TRANSLATE_COLUMNS)?;
    for segment in &document.segments {
        let score = segment.score.map(|s| s.to_string()).unwrap_or_default();
        table.write_row(
            out,
            &[
                segment.id.to_string(),
                segment.source.clone(),
                segment.target.clone().unwrap_or_default(),
                segment.origin.name().to_owned(),
                score,
                term_pairs(segment, "="),
                notes(segment).join(" | "),
            ],
        )?;
    }
    Ok(())
}

/// One XLIFF unit per segment, with the glossary hits, where the English
/// came from and the warnings as notes.
pub(super) fn write_xliff(
    document: &Document,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let units: Vec<UnitToWrite> = document
        .segments
        .iter()
        .map(|segment| UnitToWrite {
            id: segment.id,
            source: &segment.source,
            target: match &segment.target {
                Some(text) => Target::English(text, segment.origin),
                None if options.xliff_copy_source => Target::CopiedSource,
                None => Target::Absent,
            },
            notes: xliff_notes(segment),
        })
        .collect();
    xliff::write(out, &document.name, options.xliff_version, &units)
}

/// The glossary hits, where the English came from and the warnings.
fn xliff_notes(segment: &Segment) -> Vec<Note> {
    let mut notes = Vec::new();
    if !segment.terms.is_empty() {
        notes.push(Note {
            about: "glossary",
            text: term_pairs(segment, " = "),
        });
    }
    let unit = segment
        .tm_unit
        .map(|unit| format!(" (unit {unit})"))
        .unwrap_or_default();
    let origin = match (segment.origin, segment.score) {
        (Origin::TmExact, _) => Some(format!("translation memory: exact match{unit}")),
        (Origin::TmFuzzy, Some(score)) => Some(format!("translation memory: {score}% match{unit}")),
        (Origin::TmFuzzy, None) => Some(format!("translation memory: fuzzy match{unit}")),
        (Origin::Mt, _) => Some("machine translation".to_owned()),
        (Origin::None, _) => None,
    };
    for text in origin.into_iter().chain(similar_note(segment)) {
        notes.push(Note {
            about: "tarjama",
            text,
        });
    }
    for warning in &segment.warnings {
        notes.push(Note {
            about: "warning",
            text: warning.clone(),
        });
    }
    notes
}

/// TMX 1.4b of the segments that have English: one `<tu>` per segment, its
/// id as `tuid` and where the English came from (`tm-exact`, `tm-fuzzy 86`,
/// `mt`) as the `x-origin` property.
pub(super) fn write_tmx(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let units: Vec<TranslationUnit> = document
        .segments
        .iter()
        .filter_map(|segment| {
            let target = segment.target.as_ref()?;
            let origin = match (segment.origin, segment.score) {
                (Origin::TmFuzzy, Some(score)) => format!("tm-fuzzy {score}"),
                (origin, _) => origin.name().to_owned(),
            };
            Some(TranslationUnit {
                id: Some(segment.id.to_string()),
                source: segment.source.clone(),
                target: target.clone(),
                source_lang: "ar".to_owned(),
                target_lang: "en".to_owned(),
                origin: Some(origin),
                ..TranslationUnit::default()
            })
        })
        .collect();
    tmx::write(out, "ar", &units)?;
    Ok(())
}
