//! The scanner: one pass over the text that stops only at characters that
//! matter (terminal marks, line breaks, quotes, parentheses) and decides at
//! each candidate whether a sentence ends there.

use super::chars::{
    QuoteFamily, char_at, char_before, is_blank, is_closing_bracket, is_invisible, is_line_break,
    is_strong, is_terminal, quote_family,
};
use super::lexicon::{
    AfterQuotation, after_quotation, clearly_opens_sentence, continues_after_ellipsis,
    continues_after_era, expects_continuation, is_agency, never_opens_sentence, opens_after_label,
    opens_news_story,
};
use super::lines::{
    Before, Gap, Initial, LineEnd, LineHead, Next, before, gap_after, is_latin, is_lowercase_latin,
    line_end, next_token, word_after,
};
use super::trailer::{Trailer, trailer_at};

/// Lines shorter than this (in characters) are never hard-wrapped text.
const MIN_WRAP: usize = 30;
/// Lines longer than this are paragraphs, never hard-wrapped text.
const MAX_WRAP: usize = 150;
/// A parenthesis opened further back than this (in bytes) is a stray one.
const PAREN_REACH: usize = 600;
/// Spaces and quotes looked through before an opening parenthesis.
const PAREN_LOOKBACK: usize = 32;
/// How far into a line a dateline's dash is looked for, in characters.
const DATELINE_REACH: usize = 40;
/// How many lines are looked at to see that a block has no terminal mark.
const UNMARKED_BLOCK_LINES: usize = 6;
/// A line at the end of its block this short, without a terminal mark, is
/// a headline.
const HEADLINE_LEN: usize = 75;

/// Bytes that can start an event; everything else is skipped in bulk.
static EVENT_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b".!?\n\r()\"";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    // Lead bytes of « » NEL (C2), of … ‼ ⁉ “ ” and the line separators
    // (E2), of ۔ (DB); 9F is the second byte of ؟ (D8 9F).
    table[0xC2] = true;
    table[0xE2] = true;
    table[0xDB] = true;
    table[0x9F] = true;
    table
};

/// Quotation marks open in the current sentence's lines, one toggle per
/// family; forgotten where a line starts a sentence.
#[derive(Debug, Default, Clone, Copy)]
struct Quotes {
    open: [bool; 3],
}

impl Quotes {
    fn slot(family: QuoteFamily) -> Option<usize> {
        match family {
            QuoteFamily::Guillemet => Some(0),
            QuoteFamily::Curly => Some(1),
            QuoteFamily::Straight => Some(2),
            // Apostrophes are too common inside words to track.
            QuoteFamily::Single => None,
        }
    }

    fn toggle(&mut self, family: QuoteFamily) {
        if let Some(slot) = Self::slot(family) {
            self.open[slot] = !self.open[slot];
        }
    }

    fn is_open(&self, family: QuoteFamily) -> bool {
        Self::slot(family).is_some_and(|slot| self.open[slot])
    }

    fn close(&mut self, family: QuoteFamily) {
        if let Some(slot) = Self::slot(family) {
            self.open[slot] = false;
        }
    }

    fn any_open(&self) -> bool {
        self.open.contains(&true)
    }
}

/// The outermost open parenthesis.
#[derive(Debug, Default, Clone, Copy)]
struct Paren {
    depth: u8,
    opened_at: usize,
    /// Opened where a sentence starts: `(...)` is then a sentence of its own.
    at_sentence_start: bool,
}

impl Paren {
    /// Inside a parenthesis opened within a sentence, not long ago.
    fn encloses(&self, at: usize) -> bool {
        self.depth > 0 && !self.at_sentence_start && at - self.opened_at <= PAREN_REACH
    }
}

/// A run of terminal marks with the closing quotes and brackets after it.
#[derive(Debug)]
struct Run {
    /// After the last closer.
    end: usize,
    /// The last group of marks has `?` or `!`.
    strong: bool,
    /// The last group of marks is an ellipsis (`…`, `...`).
    ellipsis: bool,
    /// A word follows the marks with no space and no closer (`اتفاق.وقال`).
    glued: bool,
    /// The closers shut a quotation or a parenthesis opened mid-sentence:
    /// the marks may belong to an embedded quotation.
    embedded: bool,
}

/// The verdict on a terminal run that ends its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// The sentence ends there whatever the lines look like.
    Ends,
    /// The sentence ends at the line break if the lines around hold whole
    /// sentences, not text wrapped at a width (`… ضمن بروتين S.`).
    MayEndLine,
    /// Only the layout of the lines can end it (a headline, a list item).
    GoesOn,
}

/// Finds sentence boundaries (byte offsets where a new sentence may start).
pub(super) struct Scanner<'t> {
    text: &'t str,
    pos: usize,
    line: LineHead,
    /// The current line starts a sentence (its first line break was a boundary).
    line_opens_sentence: bool,
    /// Whether the current line is a layout unit (headline, list item), once asked.
    layout_line: Option<bool>,
    /// The current line follows a list intro (`:`) or a list item ending in
    /// `؛`: it is a list item too.
    list_item: bool,
    last_boundary: usize,
    quotes: Quotes,
    paren: Paren,
}

impl<'t> Scanner<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let start = gap_after(text, 0).next;
        Self {
            text,
            pos: start,
            line: LineHead::at(text, start),
            line_opens_sentence: true,
            layout_line: None,
            list_item: false,
            last_boundary: 0,
            quotes: Quotes::default(),
            paren: Paren::default(),
        }
    }

    /// The next character that can matter, from `self.pos` on.
    fn next_event(&self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        let mut from = self.pos;
        loop {
            let found = from
                + bytes[from..]
                    .iter()
                    .position(|&b| EVENT_BYTES[b as usize])?;
            let at = if bytes[found] == 0x9F {
                if found > 0 && bytes[found - 1] == 0xD8 {
                    found - 1
                } else {
                    from = found + 1;
                    continue;
                }
            } else {
                found
            };
            let c = char_at(self.text, at)?;
            return Some((at, c));
        }
    }

    /// Moves on to the line `head`. `after`: how the line before ended, when
    /// only a single line break stands between them.
    fn begin_line(&mut self, head: LineHead, opens_sentence: bool, after: Option<LineEnd>) {
        self.list_item = opens_sentence
            && match after {
                Some(LineEnd::Colon) => true,
                Some(LineEnd::Semicolon) => self.list_item,
                _ => false,
            };
        self.line = head;
        self.line_opens_sentence = opens_sentence;
        self.layout_line = None;
        if opens_sentence {
            self.quotes = Quotes::default();
            self.paren = Paren::default();
        }
    }

    fn on_terminal(&mut self, at: usize) -> Option<usize> {
        let mut run = self.read_run(at);
        let mut gap = gap_after(self.text, run.end);
        let trailer = self.trailer_after(at, gap);
        if let Some(trailer) = trailer {
            run.end = trailer.end;
            gap = gap_after(self.text, run.end);
        }
        self.pos = gap.next;
        if gap.next == self.text.len() {
            return self
                .ends_at_text_end(gap)
                .then(|| self.mark_boundary(run.end));
        }
        let ends = if gap.breaks >= 2 {
            true
        } else if gap.breaks == 1 {
            let ending = line_end(self.text, self.line.start, gap.first_break);
            let next_line = LineHead::at(self.text, gap.next);
            let mark = if trailer.is_some() {
                Some(Mark::Ends)
            } else {
                (ending != LineEnd::Terminal { certain: true })
                    .then(|| self.mark_at_line_end(at, &run, next_token(self.text, gap.next)))
            };
            let ends = self.break_ends(ending, mark, &next_line);
            self.begin_line(next_line, ends, Some(ending));
            ends
        } else if trailer.is_some() {
            next_token(self.text, gap.next) != Next::Punct
        } else {
            self.run_ends(at, &run, next_token(self.text, gap.next), true)
        };
        if gap.breaks >= 2 {
            self.begin_line(LineHead::at(self.text, gap.next), true, None);
        }
        ends.then(|| self.mark_boundary(run.end))
    }

    fn on_line_break(&mut self, at: usize) -> Option<usize> {
        let gap = gap_after(self.text, at);
        self.pos = gap.next;
        if gap.next == self.text.len() {
            return self.ends_at_text_end(gap).then(|| self.mark_boundary(at));
        }
        let next_line = LineHead::at(self.text, gap.next);
        let ending = (gap.breaks == 1).then(|| line_end(self.text, self.line.start, at));
        let ends = ending.is_none_or(|ending| {
            // A line that ends with a reference (`(انظر ص 7)`) and no mark.
            let mark = (ending == LineEnd::Terminal { certain: false }).then(|| {
                let next = next_token(self.text, gap.next);
                if opens_after_line_break(next, true) {
                    Mark::MayEndLine
                } else {
                    Mark::GoesOn
                }
            });
            self.break_ends(ending, mark, &next_line)
        });
        self.begin_line(next_line, ends, ending);
        ends.then(|| self.mark_boundary(at))
    }

    /// Whether a boundary stands before trailing whitespace: only invisible
    /// characters can follow, and they go with the next sentence exactly
    /// when they would after any other text (see [`super::Stretches`]).
    fn ends_at_text_end(&self, gap: Gap) -> bool {
        gap.breaks >= 2
            || gap.breaks == 1
                && line_end(self.text, self.line.start, gap.first_break)
                    == (LineEnd::Terminal { certain: true })
    }

    fn mark_boundary(&mut self, at: usize) -> usize {
        self.last_boundary = at;
        at
    }

    fn on_open_paren(&mut self, at: usize) {
        if self.paren.depth == 0 {
            self.paren = Paren {
                depth: 0,
                opened_at: at,
                at_sentence_start: self.starts_sentence(at),
            };
        }
        self.paren.depth = self.paren.depth.saturating_add(1).min(8);
    }

    /// Closes a parenthesis; true when that closed one opened mid-sentence.
    fn close_paren(&mut self, at: usize) -> bool {
        if self.paren.depth == 0 {
            return false;
        }
        let enclosed = self.paren.encloses(at);
        self.paren.depth -= 1;
        self.paren.depth == 0 && enclosed
    }

    /// True when only spaces and opening quotes stand between the last
    /// boundary (or the start of a sentence-opening line) and `at`.
    fn starts_sentence(&self, at: usize) -> bool {
        let mut back = at;
        for _ in 0..PAREN_LOOKBACK {
            if back <= self.line.start {
                break;
            }
            match char_before(self.text, back) {
                Some(c) if is_blank(c) || quote_family(c).is_some() => back -= c.len_utf8(),
                _ => break,
            }
        }
        if back <= self.line.start {
            self.line_opens_sentence
        } else {
            back <= self.last_boundary
        }
    }

    /// The trailer (`(انتهى)`, `/ع.ع/`, `(انظر ص 7)`) that follows the run
    /// at `at` on its line, if any: the sentence ends after it.
    fn trailer_after(&self, at: usize, gap: Gap) -> Option<Trailer> {
        if gap.breaks > 0 || gap.next == self.text.len() || self.paren.encloses(at) {
            return None;
        }
        let trailer = trailer_at(self.text, gap.next)?;
        (before(self.text, at, self.line.start) != Before::ListLabel).then_some(trailer)
    }

    /// Reads the marks at `at`, the closers after them, and any further
    /// marks after those (`؟».`).
    fn read_run(&mut self, at: usize) -> Run {
        let text = self.text;
        let mut end = at;
        loop {
            let mut strong = false;
            let mut dots = 0;
            let mut ellipsis = false;
            while let Some(c) = char_at(text, end).filter(|&c| is_terminal(c)) {
                match c {
                    '.' | '۔' => dots += 1,
                    '…' => ellipsis = true,
                    c if is_strong(c) => strong = true,
                    _ => {}
                }
                end += c.len_utf8();
                // A spaced ellipsis: `. . .`
                if c == '.' && text[end..].starts_with(" .") {
                    end += 1;
                }
            }
            let marks_end = end;
            let mut embedded = false;
            while let Some(c) = char_at(text, end) {
                if is_invisible(c) {
                    end += c.len_utf8();
                } else if is_closing_bracket(c) {
                    embedded |= c == ')' && self.close_paren(end);
                    end += c.len_utf8();
                } else if let Some(family) = quote_family(c) {
                    let followed_by_word =
                        char_at(text, end + c.len_utf8()).is_some_and(char::is_alphanumeric);
                    if followed_by_word && !self.quotes.is_open(family) {
                        break;
                    }
                    self.quotes.close(family);
                    embedded = true;
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if char_at(text, end).is_some_and(is_terminal) {
                continue;
            }
            let glued = end == marks_end && char_at(text, end).is_some_and(|c| !is_blank(c));
            return Run {
                end,
                strong,
                ellipsis: ellipsis || dots >= 3,
                glued,
                embedded,
            };
        }
    }

    /// Whether the run at `at` ends its sentence, judged on the tokens
    /// around it. `same_line`: `next` is on the run's line.
    fn run_ends(&mut self, at: usize, run: &Run, next: Next<'_>, same_line: bool) -> bool {
        let before = before(self.text, at, self.line.start);
        if same_line && next == Next::Punct {
            return false;
        }
        if run.glued {
            match next {
                Next::Digit => return false,
                Next::Word(word) if is_latin(word) && before != Before::Word { latin: false } => {
                    return false;
                }
                _ if before == Before::Url => return false,
                _ => {}
            }
        }
        if self.paren.encloses(at) {
            return false;
        }
        let opens = |check: fn(&str) -> bool| matches!(next, Next::Word(word) if check(word));
        let after_quote = match next {
            Next::Word(word) if run.embedded => {
                after_quotation(word, || word_after(self.text, word))
            }
            _ => AfterQuotation::Unclear,
        };
        if run.ellipsis && !run.strong && run.embedded {
            // `"كنا ننتظر..." قال الرجل`: as after `؟»`.
            return after_quote == AfterQuotation::Opens;
        }
        if run.ellipsis && !run.strong {
            // `بيت ... بيت`: an ellipsis standing apart separates, as between
            // the halves of a verse.
            let detached = char_before(self.text, at).is_some_and(char::is_whitespace);
            let goes_on = before == Before::Nothing
                || detached
                || next == Next::Digit
                || self.quotes.any_open()
                || opens(continues_after_ellipsis)
                || opens(is_lowercase_latin)
                || (same_line && self.line_is_layout());
            return !goes_on;
        }
        if run.strong {
            if run.embedded {
                // A question or an exclamation may be quoted inside a
                // sentence (`كتاب «لماذا تفشل الأمم؟» بترجمة`): only a word
                // that opens a clause ends it.
                return after_quote == AfterQuotation::Opens;
            }
            return !(before.is_latin() && opens(is_lowercase_latin));
        }
        if after_quote == AfterQuotation::Continues {
            return false;
        }
        match before {
            Before::Nothing | Before::Url | Before::Closed | Before::Number => true,
            Before::ListLabel if self.line_opens_sentence => false,
            Before::ListLabel
            | Before::Initial(Initial::Name)
            | Before::Dotted
            | Before::Abbreviation { .. } => opens(clearly_opens_sentence),
            // `بروتين S. ويتوقع`, `بروتين S. بالرغم من ذلك`; but a name may
            // follow a Latin initial (`جون F. كينيدي`).
            Before::Initial(Initial::Label) => opens(opens_after_label),
            // `عام 1988م. ولد في القاهرة`: a year closes sentences far more
            // often than it sits before a preposition (`1988م. في`).
            Before::EraAfterYear | Before::Initial(Initial::Era) => {
                opens(|word| !continues_after_era(word))
            }
            Before::Word { latin } => !(latin && opens(is_lowercase_latin)),
        }
    }

    /// The verdict on the run at `at` when a line break follows it.
    fn mark_at_line_end(&mut self, at: usize, run: &Run, next: Next<'_>) -> Mark {
        if self.run_ends(at, run, next, false) {
            Mark::Ends
        } else if self.may_end_line(at, run, next) {
            Mark::MayEndLine
        } else {
            Mark::GoesOn
        }
    }

    /// Whether a run that does not end its sentence on the words around it
    /// can end it at a line break: anything that can close a sentence, not
    /// a title or a name's initial (`د.`, `جورج و.`, `Dr.`) nor a list number.
    fn may_end_line(&self, at: usize, run: &Run, next: Next<'_>) -> bool {
        if run.ellipsis && !run.strong || self.paren.encloses(at) {
            return false;
        }
        if run.embedded {
            return opens_after_line_break(next, false)
                && !matches!(next, Next::Word(word)
                    if after_quotation(word, || word_after(self.text, word)) == AfterQuotation::Continues);
        }
        match before(self.text, at, self.line.start) {
            Before::Initial(Initial::Name)
            | Before::ListLabel
            | Before::Abbreviation { title: true } => false,
            // `ص.ب.` above `1234`, `أ.ف.ب.` above `عن مصادر`, `هـ.` above `في`.
            Before::Dotted
            | Before::Abbreviation { .. }
            | Before::Initial(Initial::Era)
            | Before::EraAfterYear => opens_after_line_break(next, true),
            _ => opens_after_line_break(next, false),
        }
    }

    /// Whether the current line is a layout unit of its own (a headline, a
    /// byline, a list item): it ends without a terminal mark and the line
    /// break after it is a boundary.
    fn line_is_layout(&mut self) -> bool {
        if let Some(known) = self.layout_line {
            return known;
        }
        let layout = self.line.end.is_some_and(|end| {
            let ending = line_end(self.text, self.line.start, end);
            match self.line_after(&self.line) {
                _ if matches!(ending, LineEnd::Terminal { .. }) => false,
                // The last line of a block: a headline if short.
                None => self.line.len <= HEADLINE_LEN && self.ends_plainly(&self.line),
                Some(next_line) => self.break_ends(ending, None, &next_line),
            }
        });
        self.layout_line = Some(layout);
        layout
    }

    /// Whether the single line break after the current line is a boundary.
    /// `mark`: the verdict on a terminal run or a trailer that ends the line.
    fn break_ends(&self, ending: LineEnd, mark: Option<Mark>, next: &LineHead) -> bool {
        let line = &self.line;
        if ending == (LineEnd::Terminal { certain: true })
            || next.marker
            || mark == Some(Mark::Ends)
        {
            return true;
        }
        if mark == Some(Mark::MayEndLine) && self.in_lines_of_sentences(next) {
            return true;
        }
        if ending == LineEnd::Colon {
            // A list intro, unless a dateline stands on its own line or the
            // colon introduces a quotation (`قال المتحدث:` / `«...»`).
            let quotation =
                char_at(self.text, next.start).is_some_and(|c| quote_family(c).is_some());
            return !is_dateline(self.text, line) && !quotation;
        }
        if line.len > MAX_WRAP {
            return true;
        }
        if line.marker && ending != LineEnd::FunctionWord {
            return true;
        }
        if next.len * 10 < line.len * 7 && self.is_short_unit(next) {
            return true;
        }
        if ending == LineEnd::Punct && line.len < MIN_WRAP && self.line_opens_sentence {
            // A short line of its own ending in a comma: a salutation
            // (`مرحباً بالجميع،`, `مع التحية،`).
            return true;
        }
        if ending == LineEnd::Semicolon && self.list_item {
            // `تحسين ظروف العمل؛` in a list under `وتشمل المطالب:`
            return true;
        }
        if matches!(
            ending,
            LineEnd::Punct | LineEnd::Semicolon | LineEnd::FunctionWord
        ) {
            return false;
        }
        line.len < MIN_WRAP
            || line.len * 10 < next.len * 7
            || parallel(self.text, line, next)
            || opens_with_dateline(self.text, next)
            || (self.line_opens_sentence && opens_news_story(next.first_word(self.text)))
            || self.lines_without_marks(line)
            || self.short_above_paragraph(line, next)
    }

    /// True when the current line and the next hold whole sentences: the
    /// line starts a sentence and the next one ends with a mark (or is too
    /// long for a wrapped line), as in a file of one sentence per line. Text
    /// wrapped at a width breaks its lines inside sentences instead.
    fn in_lines_of_sentences(&self, next: &LineHead) -> bool {
        self.line_opens_sentence
            && next.end.is_none_or(|end| {
                matches!(
                    line_end(self.text, next.start, end),
                    LineEnd::Terminal { .. }
                )
            })
    }

    /// A line that ends without a terminal mark and without a sign that its
    /// sentence goes on, and is not followed by a shorter tail (as the end
    /// of a paragraph would be): a byline, a dateline, or a headline below
    /// a longer line.
    fn is_short_unit(&self, head: &LineHead) -> bool {
        let first = head.first_word(self.text);
        // Bylines and headlines do not open with `حتى` or `في`.
        let opens_plainly = !expects_continuation(first);
        if !opens_plainly || !self.ends_plainly(head) {
            return false;
        }
        let Some(after) = self.line_after(head) else {
            return true;
        };
        after.len > head.len
            || after.marker
            || (self.ends_plainly(&after)
                && self
                    .line_after(&after)
                    .is_some_and(|further| further.len > after.len))
    }

    /// True when `line` and `next` are both short beside the line after
    /// them, as a headline and a sub-headline above a paragraph are.
    fn short_above_paragraph(&self, line: &LineHead, next: &LineHead) -> bool {
        self.ends_plainly(next)
            && self
                .line_after(next)
                .is_some_and(|after| line.len * 10 < after.len * 7 && next.len * 10 < after.len * 7)
    }

    /// True when the line at `head` and the lines after it, to the end of
    /// the block, have no terminal mark at all: headlines or list items, not
    /// prose, whose sentences end in marks.
    fn lines_without_marks(&self, head: &LineHead) -> bool {
        let mut line = *head;
        for _ in 0..UNMARKED_BLOCK_LINES {
            let Some(end) = line.end else {
                return false;
            };
            if self.text[line.start..end].contains(is_terminal) {
                return false;
            }
            match self.line_after(&line) {
                Some(next) => line = next,
                None => return true,
            }
        }
        false
    }

    /// The line ends within reach, without a terminal mark, a comma or a
    /// function word.
    fn ends_plainly(&self, head: &LineHead) -> bool {
        head.end.is_some_and(|end| {
            matches!(
                line_end(self.text, head.start, end),
                LineEnd::Other | LineEnd::Colon
            )
        })
    }

    /// The next line of the same block: none after a blank line or at the
    /// end of the text.
    fn line_after(&self, head: &LineHead) -> Option<LineHead> {
        let gap = gap_after(self.text, head.end?);
        (gap.next < self.text.len() && gap.breaks < 2).then(|| LineHead::at(self.text, gap.next))
    }
}

/// Whether `next`, the first token of the next line, can open a sentence
/// after a line that may end one: not a continuing mark, nor a word that
/// never opens one (`التي`, `أو`, `أنّ`, `and`); with `linked` (after an
/// abbreviation), nor a preposition or a number either (`1950 م.` above
/// `في قرية`, `ص.ب.` above `1234`).
fn opens_after_line_break(next: Next<'_>, linked: bool) -> bool {
    match next {
        Next::Punct => false,
        Next::Digit => !linked,
        Next::Word(word) => {
            !(never_opens_sentence(word)
                || is_lowercase_latin(word)
                || linked && continues_after_era(word))
        }
        _ => true,
    }
}

/// `جدة (واس):`, `القدس - من محمد العلي:`, `بيروت – «الحياة»:`: a place
/// and a credit on a line of their own, which belong to the sentence below.
fn is_dateline(text: &str, head: &LineHead) -> bool {
    let Some(end) = head.end else {
        return false;
    };
    let Some(body) = text[head.start..end].trim_end().strip_suffix(':') else {
        return false;
    };
    if body.chars().count() > DATELINE_REACH {
        return false;
    }
    let Some(credit_at) = body.find(['(', '«', '»', '"', '-', '–', '—']) else {
        return false;
    };
    let place_words = body[..credit_at].split_whitespace().count();
    let credit = body[credit_at..].trim();
    let credited = match credit.strip_prefix('(') {
        Some(inside) => inside.strip_suffix(')').is_some_and(is_agency),
        None => true,
    };
    (1..=2).contains(&place_words) && credited
}

/// `القاهرة - `, `الرياض (واس) - `, `(رويترز) -`: a line that opens with a
/// dateline starts a story, so the line above it is a headline.
fn opens_with_dateline(text: &str, head: &LineHead) -> bool {
    let opening: String = text[head.start..]
        .chars()
        .take(DATELINE_REACH)
        .take_while(|&c| !is_line_break(c))
        .collect();
    let Some(dash) = [" - ", " – ", " — ", " ـ", "ــ"]
        .iter()
        .filter_map(|dash| opening.find(dash))
        .min()
    else {
        return false;
    };
    let place = &opening[..dash];
    let words = place
        .split_whitespace()
        .filter(|word| !word.starts_with('('))
        .count();
    (1..=3).contains(&words) && !place.contains(is_terminal)
}

/// Two lines built alike, as list entries are: the same first word, or a
/// spaced dash in both (`الاسم - المنصب`).
fn parallel(text: &str, line: &LineHead, next: &LineHead) -> bool {
    let first = line.first_word(text);
    let same_first_word =
        !first.is_empty() && first == next.first_word(text) && !expects_continuation(first);
    same_first_word || (line.has_spaced_dash(text) && next.has_spaced_dash(text))
}

impl Iterator for Scanner<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            let (at, c) = self.next_event()?;
            self.pos = at + c.len_utf8();
            let boundary = match c {
                c if is_terminal(c) => self.on_terminal(at),
                c if is_line_break(c) => self.on_line_break(at),
                '(' => {
                    self.on_open_paren(at);
                    None
                }
                ')' => {
                    self.close_paren(at);
                    None
                }
                c => {
                    if let Some(family) = quote_family(c) {
                        self.quotes.toggle(family);
                    }
                    None
                }
            };
            if boundary.is_some() {
                return boundary;
            }
        }
    }
}
