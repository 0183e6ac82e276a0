//! A document as the ranking sees it: its sentences, where paragraphs
//! start, and each sentence's content terms as interned ids.

use super::stem::for_each_term;
use crate::text::split;
use std::collections::HashMap;
use std::ops::Range;

/// One sentence of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceInfo {
    /// Byte range in the text (as [`split`] gives it).
    pub range: Range<usize>,
    /// Number of words (as [`crate::text::tokenize::words`] counts them in
    /// the normalized sentence), stop words included.
    pub words: usize,
    /// True for the first sentence of a paragraph: the first of the text,
    /// or one after a blank line, or after a line break that follows a
    /// sentence end (a hard-wrapped line does not start a paragraph).
    pub paragraph_start: bool,
    /// Index of the paragraph the sentence is in, from 0.
    pub paragraph: usize,
    /// Content-term ids with their counts, sorted by id.
    pub terms: Vec<(u32, u32)>,
}

/// The sentences of a text with their terms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analysis {
    /// The sentences in document order.
    pub sentences: Vec<SentenceInfo>,
    /// The number of distinct content terms (ids run from 0 to this).
    pub vocabulary: usize,
}

impl Analysis {
    /// Splits `text` into sentences and collects their content terms.
    /// Term ids are given in order of first appearance.
    pub fn new(text: &str) -> Self {
        let ranges = split(text);
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut sentences = Vec::with_capacity(ranges.len());
        let mut paragraph = 0;
        let mut previous_end: Option<usize> = None;
        for range in ranges {
            let sentence = &text[range.clone()];
            let paragraph_start = match previous_end {
                None => true,
                Some(end) => starts_paragraph(&text[..end], &text[end..range.start]),
            };
            if paragraph_start && previous_end.is_some() {
                paragraph += 1;
            }
            let mut terms: Vec<(u32, u32)> = Vec::new();
            let words = for_each_term(sentence, |term| {
                let id = match ids.get(term) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(ids.len()).expect("fewer than 2^32 terms");
                        ids.insert(term.to_owned(), id);
                        id
                    }
                };
                terms.push((id, 1));
            });
            terms.sort_unstable();
            terms.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.1 += later.1;
                }
                same
            });
            sentences.push(SentenceInfo {
                words,
                range: range.clone(),
                paragraph_start,
                paragraph,
                terms,
            });
            previous_end = Some(range.end);
        }
        Self {
            sentences,
            vocabulary: ids.len(),
        }
    }
}

/// Whether the gap between two sentences is a paragraph break: a blank
/// line, or a line break right after a sentence-ending mark.
fn starts_paragraph(before: &str, gap: &str) -> bool {
    let line_breaks =
        gap.matches('\n').count() + gap.matches('\r').count() - gap.matches("\r\n").count();
    line_breaks >= 2 || (line_breaks == 1 && ends_sentence(before))
}

/// True when `text` ends with a sentence-ending mark, possibly followed by
/// closing quotes or brackets.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['»', '"', '”', '’', '\'', ')', ']', '}', '›']);
    trimmed.ends_with(['.', '!', '?', '؟', '…', ':'])
}
