//! Sentence splitting for Arabic news text.

use std::ops::Range;

/// Splits `text` into sentences, returned as byte ranges into `text`
/// without surrounding whitespace. The ranges are in order and never overlap.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let ends_here = match c {
            '\n' | '\r' => true,
            '.' | '!' | '?' | '؟' | '…' => {
                chars.peek().is_none_or(|&(_, next)| next.is_whitespace())
            }
            _ => false,
        };
        if ends_here {
            push_trimmed(text, start..at + c.len_utf8(), &mut sentences);
            start = at + c.len_utf8();
        }
    }
    push_trimmed(text, start..text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, range: Range<usize>, sentences: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = range.start + (piece.len() - piece.trim_start().len());
        sentences.push(start..start + trimmed.len());
    }
}
