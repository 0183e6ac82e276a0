//! The briefing as Markdown: the headline, the key points as a numbered
//! list (English, or the terms in bold, then the Arabic), the
//! who/what/where tables by type, and the aligned table of the whole text.
//! Every piece of text is escaped as in a table cell, so it shows exactly.

use super::{counted, facts, group_heading, source_label};
use crate::brief::{Briefing, English, Entity, GlossPart, Summary};
use crate::output::markdown::{aligned_table, cell};
use std::io::{self, Write};

/// Writes the briefing.
pub(super) fn write(briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Briefing: {}\n", cell(&briefing.name))?;
    if let Some(headline) = &briefing.headline {
        write!(out, "**Headline:** {}", cell(&headline.text))?;
        match english_line(&headline.english) {
            Some(english) => writeln!(
                out,
                "\\\n{english} *({})*\n",
                source_label(&headline.english)
            )?,
            None => writeln!(out, "\n")?,
        }
    }
    writeln!(out, "*{}*\n", facts(briefing))?;
    if briefing.document.segments.is_empty() {
        return Ok(());
    }
    writeln!(out, "## Key points\n")?;
    if briefing.key_points.is_empty() {
        writeln!(out, "None: the text has no sentence beyond its headline.\n")?;
    }
    for (number, point) in briefing.key_points.iter().enumerate() {
        let marker = format!("{}. ", number + 1);
        let indent = " ".repeat(marker.len());
        match english_line(&point.english) {
            Some(english) => {
                writeln!(out, "{marker}{english}\\")?;
                writeln!(out, "{indent}{}\\", cell(&point.text))?;
            }
            None => writeln!(out, "{marker}{}\\", cell(&point.text))?,
        }
        writeln!(
            out,
            "{indent}*sentence {} · {}*",
            point.index,
            source_label(&point.english)
        )?;
    }
    if !briefing.key_points.is_empty() {
        writeln!(out)?;
    }
    entity_tables(&briefing.entities, out)?;
    writeln!(out, "## Aligned text\n")?;
    aligned_table(&briefing.document, out)
}

/// Writes a summary as a table: sentence number, score, the Arabic, its
/// English (or its terms' English in bold, in the sentence's order), and
/// its terms.
pub fn summary_markdown(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Summary: {} of {}\n",
        summary.summary.len(),
        counted(summary.sentences, "sentence")
    )?;
    writeln!(out, "| # | score | sentence | English | terms |")?;
    writeln!(out, "|--:|------:|----------|---------|-------|")?;
    for point in &summary.summary {
        let english = match english_line(&point.english) {
            Some(english) => format!("{english} *({})*", source_label(&point.english)),
            None => String::new(),
        };
        let terms: Vec<String> = point
            .english
            .terms
            .iter()
            .map(|term| format!("{} = {}", cell(&term.entry), cell(&term.en)))
            .collect();
        writeln!(
            out,
            "| {} | {:.4} | {} | {english} | {} |",
            point.index,
            point.score,
            cell(&point.text),
            terms.join("; ")
        )?;
    }
    Ok(())
}

/// The English of a sentence, or its gloss with the terms in bold; `None`
/// when there is neither.
fn english_line(english: &English) -> Option<String> {
    if let Some(target) = &english.target {
        return Some(cell(target));
    }
    if english.gloss.is_empty() {
        return None;
    }
    let parts: Vec<String> = english
        .gloss
        .0
        .iter()
        .map(|part| match part {
            GlossPart::Term { en, .. } => format!("**{}**", cell(en)),
            GlossPart::Kept(word) => cell(word),
            GlossPart::Elided => "…".to_owned(),
        })
        .collect();
    Some(parts.join(" "))
}

/// One table per type: English, Arabic, mentions, first sentence.
fn entity_tables(entities: &[Entity], out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Who, what, where\n")?;
    if entities.is_empty() {
        writeln!(out, "No names or terms of the glossary.\n")?;
        return Ok(());
    }
    let mut kind = None;
    for entity in entities {
        if kind != Some(entity.term.kind) {
            if kind.is_some() {
                writeln!(out)?;
            }
            kind = Some(entity.term.kind);
            writeln!(out, "### {}\n", group_heading(entity.term.kind))?;
            writeln!(out, "| English | Arabic | mentions | first in sentence |")?;
            writeln!(out, "|---------|--------|---------:|------------------:|")?;
        }
        let mut english = cell(&entity.term.en);
        if let Some(long) = &entity.term.long {
            english.push_str(&format!(" ({})", cell(long)));
        }
        let arabic: Vec<String> = std::iter::once(&entity.term.entry)
            .chain(&entity.also)
            .map(|entry| cell(entry))
            .collect();
        writeln!(
            out,
            "| {english} | {} | {} | {} |",
            arabic.join("، "),
            entity.count,
            entity.first
        )?;
    }
    writeln!(out)
}
