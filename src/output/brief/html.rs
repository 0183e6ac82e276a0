//! The briefing as one self-contained HTML page, with the document page's
//! style and pieces: the headline, the key points (English, or the terms
//! highlighted by type, over the Arabic), the who/what/where tables, and
//! the aligned table, whose rows the sentence numbers link to. Inline CSS
//! only, no scripts, nothing fetched; every input string escaped.

use super::{arabic_column, facts, group_heading, segment, source_label};
use crate::brief::{Briefing, Entity, GlossPart, SentenceEnglish};
use crate::output::html::{aligned_table, badge, escape, legend, page_end, page_start};
use crate::output::{similar_label, term_counts, what_differs};
use std::fmt::Write as _;
use std::io::{self, Write};

/// What the briefing adds to the document page's style.
const STYLE: &str = r"
header.brief { border-bottom: 1px solid var(--line); padding-bottom: .75rem; margin-bottom: .5rem; }
.kicker { color: var(--muted); font-size: .8rem; letter-spacing: .05em; text-transform: uppercase; margin: 0; }
h1.headline { font-size: 1.7rem; line-height: 1.6; margin: .2rem 0; }
p.headline-en { font-size: 1.15rem; margin: .1rem 0 .4rem; }
ol.points { padding-inline-start: 1.8rem; max-width: 60rem; }
ol.points li { margin: 0 0 1rem; }
ol.points p { margin: 0; }
p.en { font-size: 1.05rem; }
p.ar { color: #3b4451; font-size: 1.12rem; line-height: 1.8; }
p.meta { color: var(--muted); font-size: .8rem; }
.gloss .gap { color: var(--muted); }
p.similar { color: var(--muted); font-size: .9rem; margin: .2rem 0; }
p.similar .differs { color: #8a4b00; }
.groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(24rem, 1fr)); gap: 1rem 1.5rem; align-items: start; }
.groups h3 { font-size: 1rem; margin: 0 0 .4rem; }
table.entities th.n, table.entities td.n { width: 1%; white-space: nowrap; overflow-wrap: normal; }
table.entities small { color: var(--muted); }
";

/// Writes the page.
pub(super) fn write(briefing: &Briefing, out: &mut dyn Write) -> io::Result<()> {
    let document = &briefing.document;
    let mut page = String::with_capacity(8192 + document.segments.len() * 900);
    page_start(&format!("Briefing: {}", briefing.name), STYLE, &mut page);
    header(briefing, &mut page);
    if !document.segments.is_empty() {
        key_points(briefing, &mut page);
        entity_tables(briefing, &mut page);
        page.push_str("<h2>Aligned text</h2>\n");
        legend(&term_counts(document), &mut page);
        aligned_table(document, &mut page);
    }
    page_end(&mut page);
    out.write_all(page.as_bytes())
}

fn header(briefing: &Briefing, page: &mut String) {
    page.push_str("<header class=\"brief\">\n");
    match &briefing.headline {
        Some(headline) => {
            page.push_str("<p class=\"kicker\">Briefing · <bdi>");
            escape(&briefing.name, page);
            page.push_str("</bdi></p>\n<h1 class=\"headline\" dir=\"rtl\" lang=\"ar\">");
            escape(&headline.text, page);
            page.push_str("</h1>\n");
            if english(&headline.english, "headline-en", page) {
                page.push_str("<p class=\"meta\">");
                escape(&source_label(&headline.english), page);
                page.push_str("</p>\n");
            }
            similar(&headline.english, page);
        }
        None => {
            page.push_str("<h1><bdi>Briefing: ");
            escape(&briefing.name, page);
            page.push_str("</bdi></h1>\n");
        }
    }
    page.push_str("<p class=\"summary\">");
    escape(&facts(briefing), page);
    page.push_str("</p>\n</header>\n");
}

/// Writes a paragraph of class `class` with the English of a sentence, or
/// its gloss with the terms highlighted; false when there is neither.
fn english(english: &SentenceEnglish, class: &str, page: &mut String) -> bool {
    if let Some(target) = &english.target {
        let _ = write!(page, "<p class=\"{class}\">");
        escape(target, page);
        page.push_str("</p>\n");
        return true;
    }
    if english.gloss.is_empty() {
        return false;
    }
    let _ = write!(
        page,
        "<p class=\"{class} gloss\" title=\"not a translation: the glossary's English for the names and terms of the sentence, in its order\">"
    );
    for (index, part) in english.gloss.0.iter().enumerate() {
        if index > 0 {
            page.push(' ');
        }
        match part {
            GlossPart::Term { en, kind, entry } => {
                let _ = write!(page, "<mark class=\"{kind}\" title=\"");
                escape(entry, page);
                let _ = write!(page, " ({kind})\">");
                escape(en, page);
                page.push_str("</mark>");
            }
            GlossPart::Kept(word) => escape(word, page),
            GlossPart::Elided => page.push_str("<span class=\"gap\">…</span>"),
        }
    }
    page.push_str("</p>\n");
    true
}

/// Writes the similar sentence of the memory, labelled, with what differs,
/// when there is one.
fn similar(english: &SentenceEnglish, page: &mut String) {
    let Some(similar) = &english.similar else {
        return;
    };
    page.push_str("<p class=\"similar\" title=\"not a translation of this sentence: the English of a similar sentence in the translation memory\"><span class=\"label\">");
    escape(&similar_label(similar), page);
    page.push_str(":</span> <q>");
    escape(&similar.target, page);
    page.push_str("</q> <span class=\"differs\">what differs: ");
    escape(&what_differs(similar), page);
    page.push_str("</span></p>\n");
}

fn key_points(briefing: &Briefing, page: &mut String) {
    page.push_str("<h2>Key points</h2>\n");
    if briefing.key_points.is_empty() {
        page.push_str(
            "<p class=\"legend\">None: the text has no sentence beyond its headline.</p>\n",
        );
        return;
    }
    page.push_str("<ol class=\"points\">\n");
    for point in &briefing.key_points {
        page.push_str("<li>");
        english(&point.english, "en", page);
        page.push_str("<p class=\"ar\" dir=\"rtl\" lang=\"ar\">");
        escape(&point.text, page);
        page.push_str("</p>\n");
        similar(&point.english, page);
        let _ = write!(
            page,
            "<p class=\"meta\"><a href=\"#s{0}\">sentence {0}</a> · ",
            point.index
        );
        escape(&source_label(&point.english), page);
        if let Some(segment) = segment(briefing, point.index).filter(|s| s.target.is_some()) {
            page.push(' ');
            badge(segment, page);
        }
        page.push_str("</p></li>\n");
    }
    page.push_str("</ol>\n");
}

fn entity_tables(briefing: &Briefing, page: &mut String) {
    page.push_str("<h2>Who, what, where</h2>\n");
    if briefing.entities.is_empty() {
        page.push_str("<p class=\"legend\">No names or terms of the glossary.</p>\n");
        return;
    }
    page.push_str("<div class=\"groups\">\n");
    for group in briefing
        .entities
        .chunk_by(|a, b| a.term.kind == b.term.kind)
    {
        let kind = group[0].term.kind;
        let _ = write!(
            page,
            "<section><h3><mark class=\"{kind}\">{}</mark></h3>\n<table class=\"entities\">\n",
            group_heading(kind)
        );
        page.push_str(concat!(
            "<thead><tr><th scope=\"col\">English</th><th scope=\"col\" class=\"ar\">Arabic</th>",
            "<th scope=\"col\" class=\"n\">mentions</th><th scope=\"col\" class=\"n\" title=\"the first sentence that names it\">first</th></tr></thead>\n<tbody>\n",
        ));
        for entity in group {
            entity_row(briefing, entity, page);
        }
        page.push_str("</tbody>\n</table></section>\n");
    }
    page.push_str("</div>\n");
}

fn entity_row(briefing: &Briefing, entity: &Entity, page: &mut String) {
    page.push_str("<tr><td>");
    escape(&entity.term.en, page);
    if let Some(long) = &entity.term.long {
        page.push_str("<br><small>");
        escape(long, page);
        page.push_str("</small>");
    }
    page.push_str("</td><td dir=\"rtl\" lang=\"ar\">");
    escape(&arabic_column(entity), page);
    let _ = write!(
        page,
        "</td><td class=\"n\">{}</td><td class=\"n\"><a href=\"#s{first}\" title=\"",
        entity.count,
        first = entity.first
    );
    if let Some(segment) = segment(briefing, entity.first) {
        escape(&segment.source, page);
    }
    let _ = writeln!(page, "\">{}</a></td></tr>", entity.first);
}
