//! The briefing as Markdown: the headline, the key points as a numbered
//! list (English, or the terms in bold, then the Arabic), the
//! who/what/where tables by type, and the aligned table of the whole text.
//! Every piece of text is escaped as in a table cell, so it shows exactly.

use super::{arabic_column, counted, facts, group_heading, source_label};
use crate::brief::{Briefing, Entity, GlossPart, SentenceEnglish, Summary};
use crate::output::markdown::{aligned_table, cell, inline};
use crate::output::{similar_label, what_differs};
use std::io::{self, Write};

/// Writes the briefing.
pub(super) fn write(briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Briefing: {}\n", cell(&briefing.name))?;
    if let Some(headline) = &briefing.headline {
        let mut lines = vec![format!("**Headline:** {}", inline(&headline.text))];
        if let Some(english) = english_line(&headline.english) {
            lines.push(format!("{english} *({})*", source_label(&headline.english)));
        }
        lines.extend(similar_line(&headline.english));
        writeln!(out, "{}\n", lines.join("\\\n"))?;
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
        let lines: Vec<String> = english_line(&point.english)
            .into_iter()
            .chain([inline(&point.text)])
            .chain(similar_line(&point.english))
            .chain([format!(
                "*sentence {} · {}*",
                point.index,
                source_label(&point.english)
            )])
            .collect();
        writeln!(out, "{marker}{}", lines.join(&format!("\\\n{indent}")))?;
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
pub(crate) fn summary_markdown(summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Summary: {} of {}\n",
        summary.summary.len(),
        counted(summary.sentences, "sentence")
    )?;
    writeln!(out, "| # | score | sentence | English | terms |")?;
    writeln!(out, "|--:|------:|----------|---------|-------|")?;
    for point in &summary.summary {
        let english: Vec<String> = english_line(&point.english)
            .map(|english| format!("{english} *({})*", source_label(&point.english)))
            .into_iter()
            .chain(similar_line(&point.english))
            .collect();
        let english = english.join("<br>");
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
fn english_line(english: &SentenceEnglish) -> Option<String> {
    if let Some(target) = &english.target {
        return Some(inline(target));
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

/// The similar sentence of the memory, labelled, with what differs; `None`
/// when there is none.
fn similar_line(english: &SentenceEnglish) -> Option<String> {
    let similar = english.similar.as_ref()?;
    Some(format!(
        "*{}:* {} *(not this sentence's translation; what differs: {})*",
        similar_label(similar),
        inline(&similar.target),
        cell(&what_differs(similar))
    ))
}

/// One table per type: SentenceEnglish, Arabic, mentions, first sentence.
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
        writeln!(
            out,
            "| {english} | {} | {} | {} |",
            cell(&arabic_column(entity)),
            entity.count,
            entity.first
        )?;
    }
    writeln!(out)
}
