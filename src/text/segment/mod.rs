//! Sentence splitting for Arabic news text.
//!
//! A sentence ends at `.` `!` `?` `؟` `…` (or a run of them) and the closing
//! quotes and brackets after it, unless the mark belongs to a number
//! (`3.5`, `18.3.2015`, `10.30`), an address (`www.example.com`), an
//! abbreviation or initial (`د.`, `أ.ف.ب.`, `جورج و. بوش`, `U.S.`), a list
//! marker (`1.` at the start of a line), a quotation embedded in a longer
//! sentence (`«إلى متى سننتظر؟» قبل أن`) or a parenthesis within one. An
//! abbreviation still ends its sentence when a new one clearly starts
//! (`سنة 741 هـ. ويسعى`), and a missing space (`اتفاق.وقال`) does not hide a
//! boundary. After a quotation the next word decides by its grammar
//! whether the sentence goes on (`مضيفاً`, `قبل أن`, `بحسب`) or a new one
//! opens (`وغادر`, `فرد`, `ثم`). An agency's end marker, a credit or a
//! cross reference after the last mark (`. (انتهى)`, `. /ع.ع/`,
//! `. (انظر ص 7)`) belongs to the sentence, which ends after it.
//!
//! Line breaks are boundaries between layout units: headlines, bylines,
//! list items, list intros ending in `:`, interview turns, paragraphs, and
//! always at a blank line. A line break inside a running sentence, as in
//! text pasted from a PDF or an e-mail, is not: the line ends with a comma
//! or a word such as `في` or `أن`, or it is about as long as the lines
//! around it. A mark that may end a sentence at a line's end (`بروتين S.`,
//! `Inc.`, `«...؟»`) ends it there when the lines hold whole sentences, as
//! in a file of one sentence per line. `\n`, `\r\n` and `\r` all count
//! as line breaks.
//!
//! The splitter makes one pass and looks only a bounded distance around
//! each candidate, so it runs in linear time on any input, and text can be
//! fed to it in pieces through [`Stretches`].

mod chars;
mod lexicon;
mod lines;
mod scan;
mod trailer;

#[cfg(test)]
mod tests;

use lines::trimmed;
use scan::Scanner;
use std::ops::Range;

/// Splits `text` into sentences, returned as byte ranges into `text`
/// without surrounding whitespace. The ranges are in order and never overlap.
pub fn split(text: &str) -> Vec<Range<usize>> {
    sentences(text).collect()
}

/// The sentences of `text` one by one, as [`split`] returns them.
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences {
        text,
        boundaries: Scanner::new(text),
        start: 0,
        done: false,
    }
}

/// Iterator over the sentences of a text (byte ranges), from [`sentences`].
pub struct Sentences<'t> {
    text: &'t str,
    boundaries: Scanner<'t>,
    start: usize,
    done: bool,
}

impl Iterator for Sentences<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        while !self.done {
            let end = self.boundaries.next().unwrap_or_else(|| {
                self.done = true;
                self.text.len()
            });
            let piece = trimmed(self.text, self.start..end);
            self.start = end;
            if piece.is_some() {
                return piece;
            }
        }
        None
    }
}

impl std::iter::FusedIterator for Sentences<'_> {}

/// Text that arrives in pieces, handed on in stretches that split on their
/// own exactly as they would inside the whole text.
///
/// A stretch ends after a blank line or after a line that ends a sentence
/// beyond doubt (a period after an ordinary word, a question mark); no
/// splitting rule looks across such a line break. Memory stays bounded by
/// the longest run of text without one (in practice, a paragraph) plus the
/// pieces pushed.
///
/// ```
/// use tarjama::text::segment::{Stretches, split};
///
/// let mut stretches = Stretches::new();
/// let mut sentences = Vec::new();
/// let mut keep = |stretch: &str| -> Result<(), ()> {
///     sentences.extend(split(stretch).into_iter().map(|range| stretch[range].to_owned()));
///     Ok(())
/// };
/// stretches.push("وصل الوفد إلى جنيف.\nوبدأت ", &mut keep)?;
/// stretches.push("المحادثات أمس.\n", &mut keep)?;
/// stretches.finish(&mut keep)?;
/// assert_eq!(sentences, ["وصل الوفد إلى جنيف.", "وبدأت المحادثات أمس."]);
/// # Ok::<(), ()>(())
/// ```
#[derive(Debug, Default)]
pub struct Stretches {
    pending: String,
    /// Where the line being looked at starts in `pending`.
    line_start: usize,
    /// How far `pending` has been searched for line breaks.
    searched: usize,
    /// The line before the one being looked at has visible text.
    after_text: bool,
}

impl Stretches {
    /// An empty buffer.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `piece` and passes on (to `each`) the text up to the last
    /// line break where splitting can safely restart, if there is one.
    pub fn push<E>(
        &mut self,
        piece: &str,
        mut each: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        self.pending.push_str(piece);
        if let Some(cut) = self.last_cut() {
            each(&self.pending[..cut])?;
            self.pending.drain(..cut);
            self.line_start -= cut;
            self.searched -= cut;
        }
        Ok(())
    }

    /// Passes on whatever text is left.
    pub fn finish<E>(self, mut each: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
        if self.pending.is_empty() {
            Ok(())
        } else {
            each(&self.pending)
        }
    }

    /// Searches the new text for line breaks after which splitting restarts
    /// from scratch, and returns the position after the last one.
    fn last_cut(&mut self) -> Option<usize> {
        let bytes = self.pending.as_bytes();
        let mut cut = None;
        let mut at = self.searched;
        // Searched to the end unless a `\r` ends the text: it may be half of
        // a `\r\n`, so it waits for the next piece.
        self.searched = bytes.len();
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            let line_end = at + found;
            let mut after = line_end + 1;
            if bytes[line_end] == b'\r' {
                match bytes.get(after) {
                    None => {
                        self.searched = line_end;
                        break;
                    }
                    Some(b'\n') => after += 1,
                    Some(_) => {}
                }
            }
            let (restarts, visible) = self.restarts_after(line_end);
            if restarts {
                cut = Some(after);
            }
            self.after_text = visible;
            self.line_start = after;
            at = after;
        }
        cut
    }

    /// Whether splitting restarts after the line ending at `line_end`: it
    /// is empty and follows a line of text, or it ends a sentence whatever
    /// comes next. Also whether the line ends with visible text.
    fn restarts_after(&self, line_end: usize) -> (bool, bool) {
        let line = &self.pending[self.line_start..line_end];
        // Invisible characters (direction marks) after the last visible one
        // go with the next sentence, so no cut may separate them from it.
        let ends_visibly = line
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| !chars::is_invisible(c));
        if !ends_visibly {
            let empty = line.chars().all(char::is_whitespace);
            return (empty && self.after_text, false);
        }
        let start = line.len() - line.trim_start_matches(chars::is_blank).len();
        let ending = lines::line_end(&self.pending, self.line_start + start, line_end);
        (ending == (lines::LineEnd::Terminal { certain: true }), true)
    }
}
