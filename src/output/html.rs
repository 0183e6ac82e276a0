//! One self-contained HTML page: the aligned table with term hits
//! highlighted in the Arabic (their English in the `title`, shown on hover),
//! match badges, the glossary's English as a hint where a sentence has no
//! English, then the term list. Inline CSS only, no scripts, no
//! external resources; every input string escaped.

use super::{
    TermCount, display_substitute, distinct_terms, match_label, notes, term_counts, term_hint,
};
use crate::document::{Document, Origin, Segment};
use crate::glossary::Kind;
use std::fmt::Write as _;
use std::io::{self, Write};

const STYLE: &str = r#"
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; }
body { font: 15px/1.5 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; margin: 1.5rem; }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.summary, .legend { color: var(--muted); margin: 0 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
table.aligned { table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .45rem .6rem; vertical-align: top; text-align: start; overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: 600; }
col.n { width: 3rem; } col.m { width: 6.5rem; } col.t { width: 17%; }
td.n { color: var(--muted); text-align: end; font-variant-numeric: tabular-nums; }
[lang="ar"] { font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Traditional Arabic", "DejaVu Sans", serif; }
td[lang="ar"] { font-size: 1.15rem; }
td.ar { line-height: 1.8; }
table.terms { width: auto; min-width: 50%; }
td.t { font-size: .85rem; }
td.t div + div { margin-top: .2rem; }
td.t bdi { font-size: 1.15em; }
th.ar { text-align: right; }
mark { background: #fff1a8; border-bottom: 2px solid #d4a72c; padding: 0 .1em; cursor: help; }
mark.person { background: #dbeafe; border-color: #3b82f6; }
mark.org { background: #dcfce7; border-color: #22a35a; }
mark.place { background: #f3e8ff; border-color: #9a5cd6; }
mark.title { background: #ffe4d5; border-color: #e07b39; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .8rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.badge.tm-exact { background: #1a7f37; color: #fff; }
.badge.tm-fuzzy { background: #ffd866; color: #3d2e00; border-color: #c69026; }
.badge.mt { background: #ddf4ff; color: #0550ae; border-color: #54aeff; }
.badge.none { background: #f6f8fa; color: var(--muted); border-color: var(--line); }
.warning { color: #9a3412; font-size: .85rem; margin: .3rem 0 0; }
.hint { color: var(--muted); font-style: italic; margin: 0; }
@media print {
  @page { margin: 1.5cm; }
  body { margin: 0; font-size: 10pt; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { background: none; }
  .badge { background: none !important; color: #000 !important; border-color: #000 !important; }
  mark { background: none !important; border-bottom: 1px solid #000; }
}
"#;

/// Writes the page.
pub(super) fn write(document: &Document, out: &mut dyn Write) -> io::Result<()> {
    let mut page = String::with_capacity(4096 + document.segments.len() * 600);
    page_start(&document.name, "", &mut page);
    page.push_str("<h1><bdi>");
    escape(&document.name, &mut page);
    page.push_str("</bdi></h1>\n");
    summary(document, &mut page);
    let counts = term_counts(document);
    legend(&counts, &mut page);
    if !document.segments.is_empty() {
        aligned_table(document, &mut page);
    }
    if !counts.is_empty() {
        term_table(&counts, &mut page);
    }
    page_end(&mut page);
    out.write_all(page.as_bytes())
}

/// The page up to the opening `<body>`: `title` (escaped), the shared
/// style and `more_style` after it.
pub(super) fn page_start(title: &str, more_style: &str, page: &mut String) {
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str("<meta name=\"generator\" content=\"tarjama\">\n<title>");
    escape(title, page);
    page.push_str(" · tarjama</title>\n<style>");
    page.push_str(STYLE);
    page.push_str(more_style);
    page.push_str("</style>\n</head>\n<body>\n");
}

/// Closes what [`page_start`] opened.
pub(super) fn page_end(page: &mut String) {
    page.push_str("</body>\n</html>\n");
}

/// `12 sentences: 3 exact, 2 fuzzy, 1 mt, 6 none`.
fn summary(document: &Document, page: &mut String) {
    let total = document.segments.len();
    let _ = write!(
        page,
        "<p class=\"summary\">{total} sentence{}",
        if total == 1 { "" } else { "s" }
    );
    let origins = [
        (Origin::TmExact, "exact"),
        (Origin::TmFuzzy, "fuzzy"),
        (Origin::Mt, "mt"),
        (Origin::None, "untranslated"),
    ];
    let parts: Vec<String> = origins
        .iter()
        .filter_map(|&(origin, label)| {
            let count = document
                .segments
                .iter()
                .filter(|s| s.origin == origin)
                .count();
            (count > 0).then(|| format!("{count} {label}"))
        })
        .collect();
    if !parts.is_empty() {
        let _ = write!(page, ": {}", parts.join(", "));
    }
    page.push_str("</p>\n");
}

/// The highlight colours of the entry types that occur.
pub(super) fn legend(counts: &[TermCount], page: &mut String) {
    let mut kinds: Vec<Kind> = counts.iter().map(|count| count.kind).collect();
    kinds.sort();
    kinds.dedup();
    if kinds.is_empty() {
        return;
    }
    page.push_str("<p class=\"legend\">Terms (English on hover):");
    for kind in kinds {
        let _ = write!(page, " <mark class=\"{kind}\">{kind}</mark>");
    }
    page.push_str("</p>\n");
}

pub(super) fn aligned_table(document: &Document, page: &mut String) {
    page.push_str(concat!(
        "<table class=\"aligned\">\n",
        "<colgroup><col class=\"n\"><col class=\"ar\"><col class=\"en\">",
        "<col class=\"m\"><col class=\"t\"></colgroup>\n",
        "<thead><tr><th scope=\"col\">#</th><th scope=\"col\" class=\"ar\">Arabic</th>",
        "<th scope=\"col\">English</th><th scope=\"col\">match</th>",
        "<th scope=\"col\">terms</th></tr></thead>\n<tbody>\n",
    ));
    for segment in &document.segments {
        let id = segment.id;
        let _ = write!(
            page,
            "<tr id=\"s{id}\"><td class=\"n\">{id}</td><td class=\"ar\" dir=\"rtl\" lang=\"ar\">"
        );
        arabic_with_terms(segment, page);
        page.push_str("</td><td class=\"en\">");
        if let Some(target) = &segment.target {
            escape(target, page);
        }
        let hint = term_hint(segment);
        if !hint.is_empty() {
            page.push_str("<p class=\"hint\" title=\"not a translation: the glossary's English for the terms of this sentence\">glossary: ");
            escape(&hint, page);
            page.push_str("</p>");
        }
        for note in notes(segment) {
            page.push_str("<p class=\"warning\">⚠ ");
            escape(&note, page);
            page.push_str("</p>");
        }
        page.push_str("</td><td class=\"m\">");
        badge(segment, page);
        page.push_str("</td><td class=\"t\">");
        for term in distinct_terms(segment) {
            page.push_str("<div><bdi dir=\"rtl\" lang=\"ar\">");
            escape(&term.entry, page);
            page.push_str("</bdi> = ");
            escape(&term.en, page);
            page.push_str("</div>");
        }
        page.push_str("</td></tr>\n");
    }
    page.push_str("</tbody>\n</table>\n");
}

/// The segment's Arabic with each term hit in a `<mark>` whose title is its
/// English. Hits that overlap an earlier one or lie outside the text are
/// left unmarked rather than breaking the markup.
fn arabic_with_terms(segment: &Segment, page: &mut String) {
    let mut hits = segment.terms_in_order().into_iter().peekable();
    let mut open_until: Option<usize> = None;
    for (index, c) in segment.source.char_indices() {
        if open_until == Some(index) {
            page.push_str("</mark>");
            open_until = None;
        }
        if open_until.is_none() {
            while hits.next_if(|term| term.span.bytes.start < index).is_some() {}
            if let Some(term) = hits.next_if(|term| term.span.bytes.start == index) {
                let _ = write!(page, "<mark class=\"{}\" title=\"", term.kind);
                escape(&term.en, page);
                let _ = write!(page, " ({})\">", term.kind);
                open_until = Some(term.span.bytes.end);
            }
        }
        escape_char(c, page);
    }
    if open_until.is_some() {
        page.push_str("</mark>");
    }
}

pub(super) fn badge(segment: &Segment, page: &mut String) {
    let explanation = match segment.origin {
        Origin::TmExact => "exact match from the translation memory",
        Origin::TmFuzzy => "similar sentence in the translation memory: check the English",
        Origin::Mt => "machine translation: check the English",
        Origin::None => "no translation yet",
    };
    let _ = write!(
        page,
        "<span class=\"badge {}\" title=\"{explanation}",
        segment.origin.name()
    );
    if let Some(unit) = segment.tm_unit {
        let _ = write!(page, " (unit {unit})");
    }
    page.push_str("\">");
    escape(&match_label(segment), page);
    page.push_str("</span>");
}

fn term_table(counts: &[TermCount], page: &mut String) {
    page.push_str(concat!(
        "<h2>Terms</h2>\n<table class=\"terms\">\n",
        "<thead><tr><th scope=\"col\" class=\"ar\">Arabic</th><th scope=\"col\">English</th>",
        "<th scope=\"col\">type</th><th scope=\"col\">count</th></tr></thead>\n<tbody>\n",
    ));
    for count in counts {
        page.push_str("<tr><td dir=\"rtl\" lang=\"ar\">");
        escape(count.entry, page);
        page.push_str("</td><td>");
        escape(count.en, page);
        let _ = writeln!(
            page,
            "</td><td><mark class=\"{kind}\">{kind}</mark></td><td class=\"n\">{}</td></tr>",
            count.count,
            kind = count.kind
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

/// Escapes `text` for HTML text and attribute values alike.
pub(super) fn escape(text: &str, page: &mut String) {
    text.chars().for_each(|c| escape_char(c, page));
}

fn escape_char(c: char, page: &mut String) {
    if let Some(substitute) = display_substitute(c) {
        page.push_str(&substitute);
        return;
    }
    match c {
        '&' => page.push_str("&amp;"),
        '<' => page.push_str("&lt;"),
        '>' => page.push_str("&gt;"),
        '"' => page.push_str("&quot;"),
        '\'' => page.push_str("&#39;"),
        c => page.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_bidi_overrides() {
        let mut page = String::new();
        escape("<script>alert('x')</script> & \"\u{202E}", &mut page);
        assert_eq!(
            page,
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;[U+202E]"
        );
    }
}
