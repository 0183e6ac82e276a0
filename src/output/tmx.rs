//! TMX 1.4b of the segments that have English, through the exchange-file
//! writer ([`crate::exchange::tmx`]): one `<tu>` per segment, its id as
//! `tuid` and where the English came from (`tm-exact`, `tm-fuzzy 86`, `mt`)
//! as the `x-origin` property.

use crate::document::{Document, Origin};
use crate::exchange::{TranslationUnit, tmx};
use std::io::{self, Write};

/// Writes the document's translated pairs.
pub(super) fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let units: Vec<TranslationUnit> = document
        .segments
        .iter()
        .filter_map(|segment| {
            let target = segment.target.as_ref()?;
            let origin = match (segment.origin, segment.score) {
                (Origin::TmFuzzy, Some(score)) => format!("tm-fuzzy {score}"),
                (origin, _) => origin.as_str().to_owned(),
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
