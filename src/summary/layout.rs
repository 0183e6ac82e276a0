//! The top of an article as a web page or a wire gives it: a headline on
//! a line of its own, often after a breadcrumb trail (`الرئيسية / عربي
//! ودولي / موسكو: …`) and sometimes printed twice. The briefing takes its
//! headline from here, and both the briefing and the summary leave the
//! front matter (the trail, the repeats) out.

use crate::text::normalize_str;
use crate::text::tokenize::words;
use std::ops::Range;

/// A headline longer than this many words is a paragraph that lacks its
/// final stop.
const MAX_WORDS: usize = 30;

/// Separators of a breadcrumb trail.
const CRUMB_SEPARATORS: [&str; 7] = [" / ", " > ", " › ", " » ", " « ", " | ", " ← "];

/// A breadcrumb part other than the last is a section name: short.
const MAX_CRUMB_WORDS: usize = 4;

/// Words that open a byline, which is not a headline.
const BYLINE_OPENERS: [&str; 5] = ["كتب", "كتبت", "بقلم", "إعداد", "By"];

/// Where the headline is and what to leave out around it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Layout {
    /// The segment (index) that holds the headline and the headline's byte
    /// range in the text (the whole segment, or the last part of a
    /// breadcrumb trail that has no headline line after it).
    pub headline: Option<(usize, Range<usize>)>,
    /// Segments that repeat the headline or lead to it (a breadcrumb
    /// trail): they count for nothing.
    pub front_matter: Vec<usize>,
    /// The first segment of the body.
    pub body_start: usize,
}

/// Finds the headline among the first segments of `text`, given as byte
/// ranges in document order.
pub(crate) fn find(text: &str, segments: &[Range<usize>]) -> Layout {
    let unit = |index: usize| {
        segments
            .get(index)
            .filter(|range| is_headline_line(text, range))
    };
    let Some(first) = unit(0) else {
        return Layout::default();
    };
    let mut layout = Layout::default();
    let mut next = 1;
    let headline_follows =
        unit(1).is_some_and(|second| breadcrumb_end(&text[second.clone()]).is_none());
    match breadcrumb_end(&text[first.clone()]) {
        Some(_) if headline_follows => {
            layout.front_matter.push(0);
            layout.headline = Some((1, segments[1].clone()));
            next = 2;
        }
        Some(last) => layout.headline = Some((0, first.start + last..first.end)),
        None => layout.headline = Some((0, first.clone())),
    }
    if let Some((_, headline)) = &layout.headline {
        let key = comparable(&text[headline.clone()]);
        while segments
            .get(next)
            .is_some_and(|range| comparable(&text[range.clone()]) == key)
        {
            layout.front_matter.push(next);
            next += 1;
        }
    }
    layout.body_start = next;
    layout
}

/// True for a line of its own, without a sentence's final stop, short,
/// with letters, that is not a byline or a line introducing what follows
/// (ending in `:`).
fn is_headline_line(text: &str, range: &Range<usize>) -> bool {
    let line = &text[range.clone()];
    let alone = text[..range.start]
        .trim_end_matches([' ', '\t'])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '\n' | '\r'))
        && text[range.end..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_none_or(|c| matches!(c, '\n' | '\r'));
    let last = line
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
        })
        .chars()
        .next_back();
    let ends_open = last.is_some_and(|c| !matches!(c, '.' | '!' | '?' | '؟' | '…' | ':' | '،'));
    let word_count = words(line).count();
    let byline = line
        .split_whitespace()
        .next()
        .is_some_and(|first| BYLINE_OPENERS.contains(&first.trim_end_matches(':')));
    alone
        && ends_open
        && !line.contains(['\n', '\r'])
        && (1..=MAX_WORDS).contains(&word_count)
        && !byline
}

/// For a breadcrumb trail (`الرئيسية / عربي ودولي / العنوان`), the byte
/// offset in `line` where its last part starts; `None` for other lines.
/// A trail has at least three parts, or two after a home link, and short
/// parts before the last.
fn breadcrumb_end(line: &str) -> Option<usize> {
    CRUMB_SEPARATORS.iter().find_map(|separator| {
        let parts: Vec<&str> = line.split(separator).collect();
        let home = parts
            .first()
            .is_some_and(|first| matches!(first.trim(), "الرئيسية" | "الصفحة الرئيسية" | "Home"));
        let enough = parts.len() >= 3 || (parts.len() == 2 && home);
        let short = parts[..parts.len() - 1]
            .iter()
            .all(|part| (1..=MAX_CRUMB_WORDS).contains(&words(part).count()));
        let last = parts.last()?;
        (enough && short && words(last).next().is_some())
            .then(|| line.len() - last.len() + (last.len() - last.trim_start().len()))
    })
}

/// The words of `text` normalized, to compare two lines.
fn comparable(text: &str) -> Vec<String> {
    let normalized = normalize_str(text);
    words(&normalized)
        .map(|range| normalized[range].to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split;

    fn layout(text: &str) -> (Option<&str>, Vec<usize>, usize) {
        let segments = split(text);
        let found = find(text, &segments);
        (
            found.headline.map(|(_, range)| &text[range]),
            found.front_matter,
            found.body_start,
        )
    }

    #[test]
    fn a_headline_line_before_the_body() {
        let text = "جنيف: جولة جديدة من المحادثات\n\nاختتم الوزيران محادثاتهما في جنيف أمس. وقال الوزير إنها مفيدة.";
        assert_eq!(
            layout(text),
            (Some("جنيف: جولة جديدة من المحادثات"), vec![], 1)
        );
    }

    #[test]
    fn a_breadcrumb_and_a_repeated_headline_are_left_out() {
        let text = "الرئيسية / سياسة / بروكسل: اجتماع طارئ للحلف\n\nبروكسل: اجتماع طارئ للحلف\n\nبروكسل: اجتماع طارئ للحلف\n\nعقد الحلف اجتماعا طارئا أمس.";
        assert_eq!(
            layout(text),
            (Some("بروكسل: اجتماع طارئ للحلف"), vec![0, 2], 3)
        );
    }

    #[test]
    fn a_breadcrumb_alone_gives_its_last_part() {
        let text = "الرئيسية / سياسة / اجتماع طارئ للحلف\nعقد الحلف اجتماعا طارئا أمس.";
        assert_eq!(layout(text), (Some("اجتماع طارئ للحلف"), vec![], 1));
    }

    #[test]
    fn no_headline_when_the_text_starts_with_a_sentence() {
        for text in [
            "عقد الحلف اجتماعا طارئا أمس.\nوقال الأمين العام إن الوضع خطير.",
            "كتب: سامي الحداد\n\nعقد الحلف اجتماعا طارئا أمس.",
            "جاء في البيان ما يلي:\n\nعقد الحلف اجتماعا طارئا أمس.",
            "",
            "...",
        ] {
            assert_eq!(layout(text), (None, vec![], 0), "{text:?}");
        }
    }

    #[test]
    fn a_title_with_a_slash_is_no_breadcrumb() {
        assert_eq!(breadcrumb_end("العراق / سوريا: حدود مغلقة"), None);
        assert_eq!(breadcrumb_end("Home / World"), Some(7));
        assert_eq!(
            breadcrumb_end("الرئيسية / عربي ودولي / موسكو: لا حاجة لجولة محادثات جديدة"),
            Some("الرئيسية / عربي ودولي / ".len())
        );
    }
}
