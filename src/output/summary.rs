//! Writing a summary (`tarjama summarize`): the chosen sentences one per
//! line ([`super::sentences::write_one_line`]), a Markdown table with their
//! English, or JSON.

use crate::brief::Summary;
use std::io::{self, Write};

crate::named::named_enum! {
    /// How `summarize` writes the chosen sentences.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SummaryFormat {
        /// The chosen sentences, one per line, inner line breaks turned into spaces
        Lines = "lines" in ["txt"],
        /// A Markdown table: sentence number, score, sentence, its English, its terms
        Md = "md" in ["md", "markdown"],
        /// `{"sentences": N, "summary": [{"index","start","end","score","text","target","origin",
        /// "tm_score","similar","terms","gloss"}]}`
        Json = "json" in ["json"],
    }
}

/// Writes `summary` in `format`.
pub fn write_summary(
    summary: &Summary,
    format: SummaryFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        SummaryFormat::Lines => {
            for point in &summary.summary {
                super::sentences::write_one_line(out, &point.text)?;
            }
            Ok(())
        }
        SummaryFormat::Md => super::brief::summary_markdown(summary, out),
        SummaryFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, summary)?;
            out.write_all(b"\n")
        }
    }
}
