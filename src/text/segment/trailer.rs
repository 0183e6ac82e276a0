//! What may follow a sentence's mark and still belong to the sentence: a
//! news agency's end marker (`. (انتهى)`, `. /ع.ع/`, `. //انتهى// 1530 ت م`),
//! an agency credit (`. (أ ف ب)`) and a cross reference (`. (انظر ص 7)`).
//! The sentence ends after them.
//!
//! Every look here is bounded: a group holds at most [`GROUP_REACH`]
//! characters and a trailer is found back from a line's end within
//! [`TRAILER_REACH`] bytes.

use super::chars::{
    char_at, char_before, is_blank, is_closing_bracket, is_digit, is_invisible, is_letter,
    is_line_break, is_mark, is_terminal, quote_family,
};
use super::lexicon::{is_agency, is_end_word, is_reference_noun, is_reference_word};
use std::ops::Range;

/// Characters inside one delimited group.
const GROUP_REACH: usize = 80;
/// How far back from a line's end a trailer may start, in bytes.
const TRAILER_REACH: usize = 320;
/// Groups and loose tokens in one trailer.
const TRAILER_TOKENS: usize = 12;
/// Characters of a loose token after a group (`ع/`, `1530`, `12/2/2024`).
const LOOSE_TOKEN_LEN: usize = 12;

/// What a trailer says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TrailerKind {
    /// `(انتهى)`, `/ع.ع/`: the item ends here, whatever came before.
    EndMarker,
    /// `(أ ف ب)`, `(رويترز)`: the agency credited for what came before.
    Credit,
    /// `(انظر ص 7)`, `(الشكل 2)`: a pointer elsewhere.
    Reference,
}

/// A trailer found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Trailer {
    /// After its last character.
    pub(super) end: usize,
    pub(super) kind: TrailerKind,
}

/// A delimited group: `(…)`, `[…]`, `/…/`, `//…//`, `-…-`, `--…--`, `*…*`.
struct Group {
    inner: Range<usize>,
    end: usize,
    delimiter: char,
}

fn group_at(text: &str, at: usize) -> Option<Group> {
    let open = char_at(text, at)?;
    let close = match open {
        '(' => ')',
        '[' => ']',
        '/' | '-' | '–' | '—' | '*' | 'ـ' => open,
        _ => return None,
    };
    let mut inner_start = at + open.len_utf8();
    let doubled = open == close && text[inner_start..].starts_with(open);
    if doubled {
        inner_start += open.len_utf8();
    }
    let (offset, _) = text[inner_start..]
        .char_indices()
        .take(GROUP_REACH)
        .take_while(|&(_, c)| !is_line_break(c) && (c == close || c != open))
        .find(|&(_, c)| c == close)?;
    let inner_end = inner_start + offset;
    let mut end = inner_end + close.len_utf8();
    if doubled {
        end += text[end..].starts_with(close).then_some(close.len_utf8())?;
    }
    Some(Group {
        inner: inner_start..inner_end,
        end,
        delimiter: open,
    })
}

/// What a group holds, if it is part of a trailer.
fn classify(text: &str, group: &Group) -> Option<TrailerKind> {
    let inner = &text[group.inner.clone()];
    let pieces = || {
        inner
            .split(|c: char| {
                c.is_whitespace() || matches!(c, '/' | '.' | '-' | '–' | ':' | '،' | ',')
            })
            .filter(|piece| !piece.is_empty())
    };
    let first = pieces().next()?;
    let bracketed = matches!(group.delimiter, '(' | '[');
    // `(ص 7)`, `(الجدول رقم 3)`: a number among the next two pieces.
    let numbered = || {
        pieces()
            .skip(1)
            .take(2)
            .any(|piece| piece.chars().all(is_digit))
    };
    if bracketed && (is_reference_word(first) || is_reference_noun(first) && numbered()) {
        return Some(TrailerKind::Reference);
    }
    let mut end_word = false;
    let mut agency = is_agency(inner.trim());
    let mut initials = 0;
    for piece in pieces() {
        if is_end_word(piece) {
            end_word = true;
        } else if is_agency(piece) {
            agency = true;
        } else if is_initials(piece) {
            initials += 1;
        } else if !(piece.chars().all(is_digit) && piece.chars().count() <= 4) {
            return None;
        }
    }
    if end_word || !bracketed && initials > 0 {
        Some(TrailerKind::EndMarker)
    } else if bracketed && (agency || initials >= 2) {
        Some(TrailerKind::Credit)
    } else {
        None
    }
}

/// One or two letters: an editor's or an agency's initials (`ع`, `أ`, `AP`).
fn is_initials(piece: &str) -> bool {
    let letters = piece.chars().filter(|&c| is_letter(c)).count();
    (1..=2).contains(&letters) && piece.chars().all(|c| is_letter(c) || is_mark(c))
}

/// `ع/`, `1530`, `14:32`, `12/2/2024`, `ت`: what follows an end marker.
/// Returns the token's length in bytes and the letters of its longest word.
fn loose_token(text: &str, at: usize) -> Option<(usize, usize)> {
    let mut len = 0;
    let mut count = 0;
    let mut letters_in_word = 0;
    let mut longest_word = 0;
    for c in text[at..].chars().take(LOOSE_TOKEN_LEN + 1) {
        if c.is_whitespace() {
            break;
        }
        if is_letter(c) {
            letters_in_word += 1;
            longest_word = longest_word.max(letters_in_word);
            if letters_in_word > 2 {
                return None;
            }
        } else if is_digit(c) || matches!(c, '/' | '.' | ':' | '-') {
            letters_in_word = 0;
        } else if !is_mark(c) {
            return None;
        }
        len += c.len_utf8();
        count += 1;
    }
    (1..=LOOSE_TOKEN_LEN)
        .contains(&count)
        .then_some((len, longest_word))
}

/// Spaces and tabs from `at` on, not line breaks.
fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start_matches([' ', '\t']).len()
}

/// Reads the trailer that starts at `at`, on the line it is on: a group and
/// the further groups, initials and times after it (`(النهاية) ع ع / م ح`,
/// `//انتهى// 1420 ت م`). Where a sentence follows on the same line, a word
/// of two letters there may be its first (`في`), so the trailer stops
/// before one. A credit followed by a dash or a colon opens the next
/// sentence as a dateline does (`(أ ف ب) - قال`), so it is none.
pub(super) fn trailer_at(text: &str, at: usize) -> Option<Trailer> {
    if !opens_group_byte(text.as_bytes(), at) {
        return None;
    }
    let group = group_at(text, at)?;
    let kind = classify(text, &group)?;
    let after = skip_spaces(text, group.end);
    let dateline = match char_at(text, after) {
        Some(':') => true,
        Some('-' | '–' | '—') => group_at(text, after)
            .and_then(|dash| classify(text, &dash))
            .is_none(),
        _ => false,
    };
    if dateline {
        return None;
    }
    let mut tokens_end = group.end;
    let mut sure_end = group.end;
    let mut doubtful = false;
    for _ in 0..TRAILER_TOKENS {
        let next = skip_spaces(text, tokens_end);
        if next == text.len() || char_at(text, next).is_some_and(is_line_break) {
            sure_end = tokens_end;
            break;
        }
        if let Some(more) = group_at(text, next)
            .filter(|more| classify(text, more).is_some_and(|more| more != TrailerKind::Reference))
        {
            tokens_end = more.end;
        } else if let Some((len, longest_word)) = loose_token(text, next) {
            tokens_end = next + len;
            doubtful |= longest_word > 1;
        } else {
            break;
        }
        if !doubtful {
            sure_end = tokens_end;
        }
    }
    Some(Trailer {
        end: sure_end,
        kind,
    })
}

/// The trailer that ends the line from `start` at `end` (after its last
/// visible character), with where it starts, and whether a terminal mark
/// stands before it (through closing quotes and brackets).
pub(super) fn trailer_ending_line(
    text: &str,
    start: usize,
    end: usize,
) -> Option<(TrailerKind, bool)> {
    let last = char_before(text, end)?;
    let loose_end = is_letter(last) || is_digit(last);
    if !(is_delimiter(last) || loose_end && ends_with_loose_token(text, start, end)) {
        return None;
    }
    // The leftmost group opener within reach from which a trailer runs to
    // the line's end.
    let mut floor = start.max(end.saturating_sub(TRAILER_REACH));
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let bytes = text.as_bytes();
    let opens_group_at = |at: usize| {
        char_at(text, at).is_some_and(is_delimiter)
            && (at == start
                || char_before(text, at)
                    .is_some_and(|before| is_blank(before) || is_terminal(before)))
            && trailer_at(text, at).is_some_and(|trailer| trailer.end == end)
    };
    let trailer_start = (floor..end)
        .filter(|&at| opens_group_byte(bytes, at))
        .take(TRAILER_TOKENS * 2)
        .find(|&at| opens_group_at(at))?;
    let kind = trailer_at(text, trailer_start)?.kind;
    Some((kind, mark_before(text, start, trailer_start)))
}

/// Whether a group may open at byte `at`: openers are ASCII, or the dashes
/// (E2 80 93, E2 80 94) and the tatweel (D9 80), so their bytes tell.
fn opens_group_byte(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at) {
        Some(b'(' | b'[' | b'/' | b'-' | b'*') => true,
        Some(0xD9) => bytes.get(at + 1) == Some(&0x80),
        Some(0xE2) => {
            bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x93 | 0x94))
        }
        _ => false,
    }
}

/// Characters that open or close a group.
fn is_delimiter(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '/' | '-' | '–' | '—' | '*' | 'ـ')
}

/// The line ends with loose tokens (`ع ع / م ح`, `1530 ت م`) after a group
/// delimiter: walked back from the end, so a line ending in a word of three
/// letters or more is passed over at once.
fn ends_with_loose_token(text: &str, start: usize, end: usize) -> bool {
    // A word of three letters or more ends the line when its last six
    // bytes hold no space, digit or slash: the common case, seen at once.
    let tail = &text.as_bytes()[end.saturating_sub(6).max(start)..end];
    if !tail
        .iter()
        .any(|b| b.is_ascii() && !b.is_ascii_alphabetic())
    {
        return false;
    }
    let mut letters = 0;
    let mut delimiter = false;
    for c in text[start..end].chars().rev().take(TRAILER_REACH) {
        if is_letter(c) {
            letters += 1;
            if letters > 2 {
                return delimiter;
            }
        } else if matches!(c, ' ' | '\t' | '/' | '.' | ':' | '-') || is_digit(c) {
            letters = 0;
            delimiter |= matches!(c, '/' | '-');
        } else if !is_mark(c) {
            return is_delimiter(c);
        }
    }
    false
}

/// Whether a terminal mark stands before `at`, through spaces, closing
/// quotes and brackets.
fn mark_before(text: &str, start: usize, mut at: usize) -> bool {
    while at > start {
        match char_before(text, at) {
            Some(c)
                if is_blank(c)
                    || is_invisible(c)
                    || is_closing_bracket(c)
                    || quote_family(c).is_some() =>
            {
                at -= c.len_utf8();
            }
            Some(c) => return is_terminal(c),
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_at(text: &str) -> Option<(TrailerKind, &str)> {
        trailer_at(text, 0).map(|trailer| (trailer.kind, &text[..trailer.end]))
    }

    #[test]
    fn end_markers_credits_and_references() {
        use TrailerKind::{Credit, EndMarker, Reference};
        assert_eq!(kind_at("(انتهى)"), Some((EndMarker, "(انتهى)")));
        assert_eq!(kind_at("/ع.ع/ وقال"), Some((EndMarker, "/ع.ع/")));
        assert_eq!(
            kind_at("//انتهى// 1530 ت م"),
            Some((EndMarker, "//انتهى// 1530 ت م"))
        );
        assert_eq!(
            kind_at("(النهاية) ع ب ر / ح س"),
            Some((EndMarker, "(النهاية) ع ب ر / ح س"))
        );
        assert_eq!(kind_at("-انتهى-\nوفي"), Some((EndMarker, "-انتهى-")));
        assert_eq!(kind_at("(أ ف ب)"), Some((Credit, "(أ ف ب)")));
        assert_eq!(kind_at("(رويترز) وفي"), Some((Credit, "(رويترز)")));
        assert_eq!(
            kind_at("(انتهى) 1420 ت م وفي"),
            Some((EndMarker, "(انتهى) 1420 ت م"))
        );
        assert_eq!(
            kind_at("(انتهى) ع ع في الرباط"),
            Some((EndMarker, "(انتهى) ع ع"))
        );
        assert_eq!(
            kind_at("(انتهى) ع ع في\n"),
            Some((EndMarker, "(انتهى) ع ع في"))
        );
        assert_eq!(kind_at("(انظر ص 7)"), Some((Reference, "(انظر ص 7)")));
        assert_eq!(
            kind_at("(راجع الفصل الثالث)"),
            Some((Reference, "(راجع الفصل الثالث)"))
        );
        assert_eq!(kind_at("(الشكل 2)"), Some((Reference, "(الشكل 2)")));
        assert_eq!(
            kind_at("(الجدول رقم 3)"),
            Some((Reference, "(الجدول رقم 3)"))
        );
        assert_eq!(kind_at("ـ انتهى ـ"), Some((EndMarker, "ـ انتهى ـ")));
    }

    #[test]
    fn other_groups_are_no_trailers() {
        for text in [
            "(وكان الفريقان قد تعادلا.)",
            "(أ) النقل العام",
            "(2)",
            "(أ ف ب) - قال الوزير",
            "(واس): أعلنت",
            "- بناء مدارس - وتوسيع",
            "(انتهى",
        ] {
            assert_eq!(trailer_at(text, 0), None, "{text}");
        }
    }

    #[test]
    fn a_line_can_end_with_a_trailer() {
        let line = "وأكد أن المفاوضات ستستأنف . (انتهى) ع ع/ م ع";
        assert_eq!(
            trailer_ending_line(line, 0, line.len()),
            Some((TrailerKind::EndMarker, true))
        );
        let line = "ارتفعت الأسعار بشكل حاد (انظر ص 7)";
        assert_eq!(
            trailer_ending_line(line, 0, line.len()),
            Some((TrailerKind::Reference, false))
        );
        let line = "وصل الوفد إلى العاصمة في";
        assert_eq!(trailer_ending_line(line, 0, line.len()), None);
    }
}
