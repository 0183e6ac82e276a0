//! What surrounds a candidate boundary: the token before a terminal mark,
//! the token after it, and the shape of the lines around a line break.
//!
//! Every look here is bounded (a token of at most [`TOKEN_REACH`]
//! characters, a line of at most [`LINE_REACH`] bytes), which keeps the
//! splitter linear on any input.

use super::chars::{
    char_at, char_before, expects_more, is_blank, is_bullet, is_closing_bracket, is_digit,
    is_invisible, is_letter, is_line_break, is_mark, is_opening_bracket, is_terminal,
    line_break_len, quote_family,
};
use super::lexicon::{
    expects_continuation, is_byline_word, is_dialogue_label, is_latin_abbreviation, is_latin_title,
    is_ordinal,
};
use super::trailer::{TrailerKind, trailer_ending_line};
use std::ops::Range;

/// How far back the token before a mark is read, in characters.
const TOKEN_REACH: usize = 32;
/// How far a line is read to learn its length and end, in bytes: over 190
/// characters in any script, beyond which lengths decide nothing.
const LINE_REACH: usize = 768;
/// At most this many spaces between a word and its mark (`حالة .`).
const SPACED_MARK_REACH: usize = 8;
/// Lines shorter than this (in characters) with a byline word are bylines.
const BYLINE_LEN: usize = 50;
/// A speaker's name before a colon is at most this many characters.
const SPEAKER_LABEL_LEN: usize = 20;

/// The token before a terminal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Nothing on the line before the mark but opening quotes or brackets.
    Nothing,
    /// Digits.
    Number,
    /// What numbers a list item at the start of a line: up to three digits,
    /// a letter, a Roman numeral (`1.`, `أ.`, `IV.`).
    ListLabel,
    /// A URL or an e-mail address.
    Url,
    /// A single letter (`د.`, `و.`, `J.`, `S.`, `م.`).
    Initial(Initial),
    /// Single letters joined by periods: `أ.ف.ب`, `ق.م`, `U.S`, `e.g`.
    Dotted,
    /// An era letter written onto its year: `1988م`, `1410هـ`.
    EraAfterYear,
    /// A Latin abbreviation from the list (`Dr`, `Inc`); `title` when it
    /// stands before a name or a number (`Dr`, `No`), never at a sentence's end.
    Abbreviation { title: bool },
    /// A word of two letters or more.
    Word { latin: bool },
    /// A closing quote or bracket, a percent sign, a symbol.
    Closed,
}

/// What a single letter before a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Initial {
    /// A title or an initial of a name: `د.`, `جورج و.`, `J.`
    Name,
    /// A Latin capital after an Arabic word names a thing (`بروتين S.`,
    /// `فيتامين C.`, `الخطة B.`): nothing follows it by necessity.
    Label,
    /// An era or time letter after a number (`1950 م.`, `741 هـ.`).
    Era,
}

impl Before {
    pub(super) fn is_latin(self) -> bool {
        matches!(
            self,
            Self::Word { latin: true } | Self::Abbreviation { .. } | Self::Url
        )
    }
}

/// Moves back from `at` over the characters `skip` accepts, no further
/// than `floor`.
fn skip_back(text: &str, mut at: usize, floor: usize, skip: impl Fn(char) -> bool) -> usize {
    while at > floor {
        match char_before(text, at) {
            Some(c) if skip(c) => at -= c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// Reads the token that ends at `at` (the first terminal mark of a run),
/// looking no further back than `line_start`.
pub(super) fn before(text: &str, at: usize, line_start: usize) -> Before {
    let mut end = skip_back(text, at, line_start, is_invisible);
    for _ in 0..SPACED_MARK_REACH {
        match char_before(text, end) {
            Some(c) if end > line_start && c.is_whitespace() && !is_line_break(c) => {
                end -= c.len_utf8()
            }
            _ => break,
        }
    }
    let mut start = end;
    let mut count = 0;
    while start > line_start {
        let Some(c) = char_before(text, start) else {
            break;
        };
        if c.is_whitespace() {
            break;
        }
        if count == TOKEN_REACH {
            return Before::Word { latin: false };
        }
        start -= c.len_utf8();
        count += 1;
    }
    let first_on_line = start == line_start;
    let token = text[start..end]
        .trim_start_matches(|c: char| quote_family(c).is_some() || is_opening_bracket(c));
    if token.is_empty() {
        return Before::Nothing;
    }
    if is_address(token) {
        return Before::Url;
    }
    let last = token
        .chars()
        .rev()
        .find(|&c| !is_mark(c) && !is_invisible(c));
    match last {
        Some(c) if is_digit(c) => {
            if first_on_line && token.chars().count() <= 3 && token.chars().all(is_digit) {
                Before::ListLabel
            } else {
                Before::Number
            }
        }
        Some(c) if is_letter(c) => match classify_word(token, first_on_line) {
            Before::Initial(_) if token.len() == end - start => {
                Before::Initial(initial_kind(text, token, start, line_start))
            }
            other => other,
        },
        _ => Before::Closed,
    }
}

/// Tells a label or an era letter (the token `letter`, from `start`) from
/// the initial of a name by the token before it: an Arabic word, or a number.
fn initial_kind(text: &str, letter: &str, start: usize, line_start: usize) -> Initial {
    let spaced = skip_back(text, start, line_start, |c| c == ' ' || c == '\t');
    let end = skip_back(text, spaced, line_start, |c| is_mark(c) || is_invisible(c));
    let previous = char_before(text, end).filter(|_| end > line_start && spaced < start);
    let first = letter.chars().next();
    match previous {
        Some(c) if is_digit(c) && matches!(letter.trim_end_matches('\u{640}'), "م" | "ه") => {
            Initial::Era
        }
        Some(c)
            if is_letter(c) && !c.is_ascii() && first.is_some_and(|l| l.is_ascii_uppercase()) =>
        {
            Initial::Label
        }
        _ => Initial::Name,
    }
}

fn is_address(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token
            .get(..4)
            .is_some_and(|head| head.eq_ignore_ascii_case("www."))
}

fn classify_word(token: &str, first_on_line: bool) -> Before {
    let mut word_start = 0;
    let mut letters = 0;
    let mut latin = true;
    for (at, c) in token.char_indices().rev() {
        if is_letter(c) {
            letters += 1;
            latin &= c.is_ascii();
        } else if !is_mark(c) {
            word_start = at + c.len_utf8();
            break;
        }
    }
    if letters <= 2 && token[..word_start].ends_with('.') && is_dotted(token) {
        return Before::Dotted;
    }
    let word = &token[word_start..];
    if first_on_line && word_start == 0 && (letters == 1 || is_roman_numeral(word)) {
        return Before::ListLabel;
    }
    if letters == 1 {
        let after_digit = token[..word_start]
            .chars()
            .next_back()
            .is_some_and(is_digit);
        let era = matches!(word.trim_end_matches('\u{640}'), "م" | "ه");
        return if after_digit && era {
            Before::EraAfterYear
        } else {
            Before::Initial(Initial::Name)
        };
    }
    if latin && is_latin_abbreviation(word) {
        return Before::Abbreviation {
            title: is_latin_title(word),
        };
    }
    Before::Word { latin }
}

/// `أ.ف.ب`, `ق.م`, `U.S`, `Ph.D`: two or more very short letter groups
/// joined by periods.
fn is_dotted(token: &str) -> bool {
    let mut groups = 0;
    for group in token.split('.') {
        let letters = group.chars().filter(|&c| is_letter(c)).count();
        let only_letters = group.chars().all(|c| is_letter(c) || is_mark(c));
        let short = letters == 1 || (letters == 2 && group.is_ascii());
        if !only_letters || !short {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}

/// The token after a candidate boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next<'t> {
    /// Punctuation that continues the sentence: `،`, `,`, `:`, `)`, another mark.
    Punct,
    /// An opening quote or bracket.
    Opener,
    Digit,
    /// A word (letters and marks, at most a few dozen bytes of it).
    Word(&'t str),
    /// Anything else: a symbol, an emoji.
    Other,
}

/// Reads the token that starts at `at` (a visible character).
pub(super) fn next_token(text: &str, at: usize) -> Next<'_> {
    let Some(c) = char_at(text, at) else {
        return Next::Other;
    };
    if super::chars::continues_sentence(c) {
        Next::Punct
    } else if quote_family(c).is_some() || is_opening_bracket(c) {
        Next::Opener
    } else if is_digit(c) {
        Next::Digit
    } else if is_letter(c) {
        Next::Word(word_at(text, at))
    } else {
        Next::Other
    }
}

/// The word after `word` (a word read from `text` by [`next_token`]) when
/// only spaces stand between them.
pub(super) fn word_after<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let start = (word.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let end = start + word.len();
    let gap = text.get(end..)?;
    let next = end + gap.len() - gap.trim_start_matches([' ', '\t']).len();
    char_at(text, next)
        .filter(|&c| next > end && is_letter(c))
        .map(|_| word_at(text, next))
}

/// The letters (and marks) from `at` on, at most [`TOKEN_REACH`] of them.
fn word_at(text: &str, at: usize) -> &str {
    let end = text[at..]
        .char_indices()
        .take(TOKEN_REACH)
        .find(|&(_, c)| !is_letter(c) && !is_mark(c))
        .map_or_else(
            || {
                text[at..]
                    .char_indices()
                    .take(TOKEN_REACH)
                    .last()
                    .map_or(at, |(i, c)| at + i + c.len_utf8())
            },
            |(i, _)| at + i,
        );
    &text[at..end]
}

/// True for a word in Latin script that starts with a small letter.
pub(super) fn is_lowercase_latin(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_lowercase())
}

/// True for a word in Latin script.
pub(super) fn is_latin(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// The whitespace (and invisible characters) after a position.
#[derive(Debug, Clone, Copy)]
pub(super) struct Gap {
    /// The first visible character after the gap, or the end of the text.
    pub(super) next: usize,
    /// Line breaks in the gap; a blank line makes two.
    pub(super) breaks: u32,
    /// Where the first line break starts.
    pub(super) first_break: usize,
}

/// Skips whitespace and invisible characters from `from`.
pub(super) fn gap_after(text: &str, from: usize) -> Gap {
    let bytes = text.as_bytes();
    let mut at = from;
    let mut breaks = 0;
    let mut first_break = None;
    while at < bytes.len() {
        let b = bytes[at];
        if b == b' ' || b == b'\t' {
            at += 1;
            continue;
        }
        if let Some((len, count)) = line_break_len(text, at) {
            first_break.get_or_insert(at);
            breaks += count;
            at += len;
            continue;
        }
        match char_at(text, at) {
            Some(c) if is_blank(c) => at += c.len_utf8(),
            _ => break,
        }
    }
    Gap {
        next: at,
        breaks,
        first_break: first_break.unwrap_or(at),
    }
}

/// The start of a line: its length, its end if near, and how it opens.
#[derive(Clone, Copy)]
pub(super) struct LineHead {
    /// The first visible character.
    pub(super) start: usize,
    /// Where the line ends (its line break, or the end of the text), when
    /// that is within [`LINE_REACH`] bytes.
    pub(super) end: Option<usize>,
    /// Characters from the first to the last visible one (over 190 when
    /// the end is out of reach).
    pub(super) len: usize,
    /// Opens with a bullet, a list number or letter, an interview label or a
    /// byline: the line is a unit of its own.
    pub(super) marker: bool,
    /// Byte length of the first word (from `start`) when the line opens
    /// with a word of two letters or more, else 0.
    pub(super) first_word_len: usize,
}

impl LineHead {
    /// Reads the line whose first visible character is at `start`.
    pub(super) fn at(text: &str, start: usize) -> Self {
        let bytes = text.as_bytes();
        let limit = bytes.len().min(start + LINE_REACH);
        let end = line_break_in(text, start, limit).or((limit == bytes.len()).then_some(limit));
        let len = match end {
            Some(end) => {
                let visible = text[start..end].trim_end_matches(is_blank);
                count_chars(visible.as_bytes())
            }
            None => count_chars(&bytes[start..limit]),
        };
        let (marker, first_word_len) = opening(text, start, len);
        Self {
            start,
            end,
            len,
            marker,
            first_word_len,
        }
    }

    /// The first word (empty when the line opens otherwise).
    pub(super) fn first_word<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.start + self.first_word_len]
    }

    /// Has ` - ` or ` – ` (as in `الاسم - المنصب` list lines); false when
    /// the end is out of reach.
    pub(super) fn has_spaced_dash(&self, text: &str) -> bool {
        self.end.is_some_and(|end| {
            text[self.start..end].match_indices(" ").any(|(at, _)| {
                let rest = &text[self.start + at + 1..end];
                rest.starts_with("- ") || rest.starts_with("– ") || rest.starts_with("— ")
            })
        })
    }
}

/// The first line break in `text[from..to]`.
fn line_break_in(text: &str, from: usize, to: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[..to];
    let ascii = memchr::memchr2(b'\n', b'\r', &bytes[from..]).map(|at| from + at);
    // NEL and the Unicode separators start with C2 or E2; « and » too.
    let before_ascii = &bytes[..ascii.unwrap_or(to)];
    memchr::memchr2_iter(0xC2, 0xE2, &before_ascii[from..])
        .map(|at| from + at)
        .find(|&at| line_break_len(text, at).is_some())
        .or(ascii)
}

fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Whether the line at `start` opens with a list or byline marker, and its
/// first word.
fn opening(text: &str, start: usize, len: usize) -> (bool, usize) {
    let rest = &text[start..];
    let mut chars = rest.chars();
    let Some(first) = chars.next() else {
        return (false, 0);
    };
    let second = chars.next();
    if is_bullet(first) {
        return (!second.is_some_and(is_digit), 0);
    }
    if is_digit(first) {
        return (is_number_marker(rest), 0);
    }
    if is_opening_bracket(first) {
        return (is_bracketed_marker(&rest[first.len_utf8()..]), 0);
    }
    if !is_letter(first) {
        return (false, 0);
    }
    let word = word_at(text, start);
    let after = rest[word.len()..].trim_start_matches([' ', '\t']);
    let label_mark = after.chars().next();
    let letters = word.chars().filter(|&c| is_letter(c)).count();
    let marker = ((letters == 1 && !first.is_ascii() || is_roman_numeral(word))
        && label_mark.is_some_and(|mark| {
            matches!(mark, ')' | '-' | '–' | '.')
                && after[mark.len_utf8()..].starts_with(char::is_whitespace)
        }))
        || (matches!(label_mark, Some(':' | '-' | '–' | '،' | ')')) && is_ordinal(word))
        || (matches!(label_mark, Some(':' | '/' | '-' | '–')) && is_dialogue_label(word))
        || ((label_mark == Some(':') || len < BYLINE_LEN) && is_byline_word(word))
        || is_speaker_label(rest);
    (marker, if letters >= 2 { word.len() } else { 0 })
}

/// `الوزير:`, `محمد علي:`: one or two words and a colon opening the line,
/// as speakers are named in an interview or a transcript.
fn is_speaker_label(rest: &str) -> bool {
    let Some(colon) = rest
        .char_indices()
        .take(SPEAKER_LABEL_LEN)
        .find(|&(_, c)| c == ':')
        .map(|(at, _)| at)
    else {
        return false;
    };
    let label = &rest[..colon];
    let words = label.split_whitespace().count();
    (1..=2).contains(&words)
        && label
            .chars()
            .all(|c| is_letter(c) || is_mark(c) || c == ' ')
        && label
            .split_whitespace()
            .all(|word| !expects_continuation(word))
        && rest[colon + 1..].starts_with(char::is_whitespace)
}

/// `I` to `XII`, numbering parts and list items.
fn is_roman_numeral(word: &str) -> bool {
    matches!(
        word,
        "I" | "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX" | "X" | "XI" | "XII"
    )
}

/// `1.`, `١-`, `2)`, `3 -` followed by a space or a letter (not `10.30`).
fn is_number_marker(rest: &str) -> bool {
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_digit(c))
        .map(char::len_utf8)
        .sum();
    if rest[..digits].chars().count() > 3 {
        return false;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    let mut chars = after.chars();
    matches!(chars.next(), Some('.' | ')' | '-' | '–' | ':' | '/'))
        && chars
            .next()
            .is_some_and(|c| c.is_whitespace() || is_letter(c))
}

/// `(1)`, `(أ)`, `[2]`: up to three digits or one letter in brackets.
fn is_bracketed_marker(rest: &str) -> bool {
    let Some((close, _)) = rest
        .char_indices()
        .take(4)
        .find(|&(_, c)| is_closing_bracket(c))
    else {
        return false;
    };
    let label = &rest[..close];
    let count = label.chars().count();
    (1..=3).contains(&count) && label.chars().all(is_digit)
        || count == 1 && label.chars().all(is_letter)
}

/// How a line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineEnd {
    /// A terminal mark; `certain` when the sentence ends there whatever
    /// comes next (a period after an ordinary word, a question mark).
    Terminal { certain: bool },
    /// A colon: a list intro or a label.
    Colon,
    /// A comma or a dash: the sentence goes on.
    Punct,
    /// A semicolon: the sentence goes on, or the line is an item of a list.
    Semicolon,
    /// A function word (`في`, `أن`, `التي`): the sentence goes on.
    FunctionWord,
    /// A word, a closing quote, anything else.
    Other,
}

/// How the line from `start` (first visible character) to `end` (its line
/// break) ends.
pub(super) fn line_end(text: &str, start: usize, end: usize) -> LineEnd {
    let mut at = skip_back(text, end, start, is_blank);
    let Some(last) = char_before(text, at).filter(|_| at > start) else {
        return LineEnd::Other;
    };
    if last == ':' {
        return LineEnd::Colon;
    }
    if matches!(last, '؛' | ';') {
        return LineEnd::Semicolon;
    }
    if let Some(ending) = trailer_line_end(text, start, at) {
        return ending;
    }
    if expects_more(last) {
        return LineEnd::Punct;
    }
    let mut closers = false;
    while at > start {
        match char_before(text, at) {
            Some(c) if is_closing_bracket(c) || quote_family(c).is_some() || is_invisible(c) => {
                at -= c.len_utf8();
                closers = true;
            }
            _ => break,
        }
    }
    let Some(last) = char_before(text, at).filter(|_| at > start) else {
        return LineEnd::Other;
    };
    if is_terminal(last) {
        return LineEnd::Terminal {
            certain: !closers && ends_for_certain(text, start, at),
        };
    }
    if closers || !(is_letter(last) || is_mark(last)) {
        return LineEnd::Other;
    }
    let word_start = text[start..at]
        .char_indices()
        .rev()
        .take(TOKEN_REACH)
        .take_while(|&(_, c)| is_letter(c) || is_mark(c))
        .last()
        .map_or(at, |(i, _)| start + i);
    if expects_continuation(&text[word_start..at]) {
        LineEnd::FunctionWord
    } else {
        LineEnd::Other
    }
}

/// How a line that ends with a trailer ends (see [`super::trailer`]): for
/// sure after an end marker and after a mark; a reference without a mark
/// may close a sentence. A credit without a mark decides nothing.
fn trailer_line_end(text: &str, start: usize, end: usize) -> Option<LineEnd> {
    match trailer_ending_line(text, start, end)? {
        (TrailerKind::EndMarker, _) | (_, true) => Some(LineEnd::Terminal { certain: true }),
        (TrailerKind::Reference, false) => Some(LineEnd::Terminal { certain: false }),
        (TrailerKind::Credit, false) => None,
    }
}

/// True when the run of terminal marks ending at `end` closes its sentence
/// whatever follows: `?` and `!` runs, and one or two periods after an
/// ordinary word or a closing quote.
fn ends_for_certain(text: &str, start: usize, end: usize) -> bool {
    let mut at = end;
    let mut dots = 0;
    let mut strong = false;
    while at > start {
        match char_before(text, at) {
            Some(c) if is_terminal(c) => {
                match c {
                    '.' | '۔' => dots += 1,
                    '…' => return false,
                    _ => strong = true,
                }
                at -= c.len_utf8();
            }
            _ => break,
        }
    }
    match before(text, at, start) {
        Before::Url => false,
        _ if strong => dots == 0,
        Before::Word { .. } | Before::Closed => dots <= 2,
        _ => false,
    }
}

/// The byte range of `text[range]` without surrounding whitespace, if any
/// visible text is left.
pub(super) fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.start + piece.trim_end().len();
    (start < end).then_some(start..end)
}
