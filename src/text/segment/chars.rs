//! Character classes the splitter decides on.

use crate::text::normalize::is_format_control;

/// `.` `!` `?` `؟` `…` and their relatives: the marks that can end a sentence.
#[inline]
pub(super) fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '‼' | '⁉' | '⁈' | '⸮' | '۔')
}

/// Terminal marks other than the period and the ellipsis.
#[inline]
pub(super) fn is_strong(c: char) -> bool {
    matches!(c, '!' | '?' | '؟' | '‼' | '⁉' | '⁈' | '⸮')
}

/// Characters that end a line. `\r\n` counts once (see [`line_break_len`]).
#[inline]
pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// How many line breaks the break starting at `at` is worth, and its length
/// in bytes: a paragraph separator counts as a blank line.
pub(super) fn line_break_len(text: &str, at: usize) -> Option<(usize, u32)> {
    let bytes = text.as_bytes();
    match bytes.get(at)? {
        b'\n' => Some((1, 1)),
        b'\r' if bytes.get(at + 1) == Some(&b'\n') => Some((2, 1)),
        b'\r' => Some((1, 1)),
        _ => match text[at..].chars().next()? {
            '\u{85}' => Some((2, 1)),
            '\u{2028}' => Some((3, 1)),
            '\u{2029}' => Some((3, 2)),
            _ => None,
        },
    }
}

/// Invisible characters the splitter looks through: bidi controls,
/// zero-width joiners and the like.
#[inline]
pub(super) fn is_invisible(c: char) -> bool {
    match c {
        // ASCII, Latin-1 before the soft hyphen, and the Arabic letters:
        // the common characters, answered without the full list.
        '\0'..='\u{AC}' | '\u{061D}'..='\u{180D}' => false,
        c => is_format_control(c),
    }
}

/// Whitespace or an invisible character.
#[inline]
pub(super) fn is_blank(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Arabic combining marks and the tatweel: they sit inside words.
#[inline]
pub(super) fn is_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{0640}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{0300}'..='\u{036F}'
    )
}

/// A letter of any script. The Arabic block and ASCII are answered by
/// ranges: the general Unicode lookup is slow and this runs on every word.
#[inline]
pub(super) fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7F}' => false,
        '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}' => true,
        '\u{0600}'..='\u{06FF}' => false,
        c => c.is_alphabetic() && !is_mark(c),
    }
}

/// ASCII, Arabic-Indic and Persian digits.
#[inline]
pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Closing brackets that follow a terminal mark inside the sentence it ends.
#[inline]
pub(super) fn is_closing_bracket(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '）')
}

/// Opening brackets.
#[inline]
pub(super) fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '（')
}

/// The families of quotation marks. Every family is tracked as a toggle, so
/// reversed guillemets (`»الحياة«`) and swapped curly quotes work too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteFamily {
    Guillemet,
    Curly,
    Straight,
    Single,
}

/// The quotation family of `c`, if it is a quotation mark.
#[inline]
pub(super) fn quote_family(c: char) -> Option<QuoteFamily> {
    match c {
        '«' | '»' | '‹' | '›' => Some(QuoteFamily::Guillemet),
        '“' | '”' | '„' => Some(QuoteFamily::Curly),
        '"' => Some(QuoteFamily::Straight),
        '‘' | '’' | '\'' => Some(QuoteFamily::Single),
        _ => None,
    }
}

/// Punctuation that continues a sentence when it comes next: a terminal
/// mark followed by one of these does not end the sentence.
pub(super) fn continues_sentence(c: char) -> bool {
    matches!(
        c,
        '،' | ',' | '؛' | ';' | ':' | '-' | '–' | '—' | '/' | '%' | '٪' | '&' | '+' | '=' | 'ـ'
    ) || is_closing_bracket(c)
        || is_terminal(c)
}

/// Punctuation at the end of a line that says the sentence goes on below.
pub(super) fn expects_more(c: char) -> bool {
    matches!(c, '،' | ',' | '؛' | ';' | '-' | '–' | '—' | '&' | '+' | '=') || is_opening_bracket(c)
}

/// Bullets that open a list item.
pub(super) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·'
            | '◦'
            | '▪'
            | '▫'
            | '■'
            | '□'
            | '●'
            | '○'
            | '►'
            | '▸'
            | '▶'
            | '◄'
            | '◀'
            | '✓'
            | '✔'
            | '➢'
            | '➤'
            | '→'
            | '*'
            | '-'
            | '–'
            | '—'
            | '‐'
            | '⁃'
    )
}

/// The character that ends at byte `at` (exclusive), if any.
#[inline]
pub(super) fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

/// The character that starts at byte `at`, if any.
#[inline]
pub(super) fn char_at(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}
