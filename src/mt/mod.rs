//! Machine translation of the sentences nothing else translated, through an
//! external translator that reads one Arabic sentence per line and writes one
//! English line per line it read.
//!
//! The library builds the translator's input, checks its answer line by line
//! and checks every line against the glossary; running the translator (a
//! process such as [`command::run`], a web service, a test double) is the
//! caller's closure:
//!
//! ```
//! use tarjama::document::{Document, Origin};
//! use tarjama::mt::translate_untranslated;
//!
//! let mut document = Document::from_text("a.txt", "وصل الوفد. بدأت المحادثات.");
//! let sent = translate_untranslated(&mut document, |input| {
//!     assert_eq!(input, "وصل الوفد.\nبدأت المحادثات.\n");
//!     Ok::<_, std::io::Error>("The delegation arrived.\nTalks began.\n".to_owned())
//! })?;
//! assert_eq!(sent, 2);
//! assert_eq!(document.segments[1].origin, Origin::Mt);
//! assert_eq!(document.segments[1].target.as_deref(), Some("Talks began."));
//! # Ok::<(), tarjama::mt::MtError<std::io::Error>>(())
//! ```

pub mod command;

use crate::document::{Document, Origin};
use crate::error::Hinted;
use crate::glossary::TermUse;
use crate::glossary::renderings;
use crate::text::english_words::EnglishText;
use std::borrow::Cow;

/// Why machine translation failed. Nothing in the document changes then.
#[derive(Debug, thiserror::Error)]
pub enum MtError<E> {
    /// The translator failed (it could not start, or reported an error).
    #[error(transparent)]
    Translator(E),
    /// The translator answered another number of lines than it was sent.
    #[error("the machine translator answered {received} lines for {sent} sentences")]
    LineCount {
        /// Lines sent.
        sent: usize,
        /// Lines received.
        received: usize,
    },
}

impl<E: Hinted> Hinted for MtError<E> {
    fn hint(&self) -> Option<Cow<'_, str>> {
        match self {
            MtError::Translator(error) => error.hint(),
            MtError::LineCount { .. } => Some(
                "it must write exactly one English line for every line it reads, in order".into(),
            ),
        }
    }
}

/// Sends every segment without English (origin [`Origin::None`]) to
/// `translator`, as one line each (line breaks inside a sentence become
/// spaces), and takes its answer line by line: each segment with a
/// non-empty line becomes [`Origin::Mt`] with that English, and gets a
/// warning for every glossary term whose rendering the English lacks (see
/// [`missing_renderings`]). An empty line leaves its segment untranslated,
/// with a warning.
///
/// `translator` receives the whole input (each line ending in `\n`) and
/// returns the whole output; it is not called when every segment already
/// has English. Returns the number of segments sent.
pub fn translate_untranslated<E>(
    document: &mut Document,
    translator: impl FnOnce(&str) -> Result<String, E>,
) -> Result<usize, MtError<E>> {
    let mut input = String::new();
    let mut sent = Vec::new();
    for (index, segment) in document.segments.iter().enumerate() {
        if segment.origin == Origin::None && segment.target.is_none() {
            push_line(&segment.source, &mut input);
            sent.push(index);
        }
    }
    if sent.is_empty() {
        return Ok(0);
    }
    let output = translator(&input).map_err(MtError::Translator)?;
    let lines = output_lines(&output);
    if lines.len() != sent.len() {
        return Err(MtError::LineCount {
            sent: sent.len(),
            received: lines.len(),
        });
    }
    for (&index, line) in sent.iter().zip(lines) {
        let segment = &mut document.segments[index];
        let english = line.trim();
        if english.is_empty() {
            segment
                .warnings
                .push("the machine translator returned an empty line".to_owned());
            continue;
        }
        segment
            .warnings
            .extend(missing_renderings(english, &segment.terms));
        segment.origin = Origin::Mt;
        segment.score = None;
        segment.tm_unit = None;
        segment.target = Some(english.to_owned());
    }
    Ok(sent.len())
}

/// Appends `sentence` as one line: every character that a line reader could
/// take for a line break (Python's `splitlines` knows the most) becomes a
/// space.
fn push_line(sentence: &str, input: &mut String) {
    input.extend(sentence.chars().map(|c| match c {
        '\n'
        | '\r'
        | '\u{0B}'
        | '\u{0C}'
        | '\u{1C}'..='\u{1E}'
        | '\u{85}'
        | '\u{2028}'
        | '\u{2029}' => ' ',
        c => c,
    }));
    input.push('\n');
}

/// The lines of the translator's output: split at `\n`, a `\r` before it
/// dropped, and no empty line after a final line break.
fn output_lines(output: &str) -> Vec<&str> {
    if output.is_empty() {
        return Vec::new();
    }
    let output = output.strip_suffix('\n').unwrap_or(output);
    output
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect()
}

/// A warning for every glossary entry among `terms` (each entry once) that
/// `english` does not render: the rule of `check`
/// (`glossary::renderings`): any `;`-separated alternative of its
/// `en`, or its long form, as whole words; case, plural and possessive
/// endings, British spelling and hyphens against spaces do not matter.
pub fn missing_renderings(english: &str, terms: &[TermUse]) -> Vec<String> {
    let english = EnglishText::new(english);
    let mut warnings = Vec::new();
    let mut checked: Vec<&str> = Vec::new();
    for term in terms {
        if checked.contains(&term.entry.as_str()) {
            continue;
        }
        checked.push(&term.entry);
        if !renderings::is_rendered(&english, &term.en, term.long.as_deref()) {
            let long = term
                .long
                .as_deref()
                .map(|long| format!(" (or \"{long}\")"))
                .unwrap_or_default();
            warnings.push(format!(
                "the English lacks the glossary rendering \"{}\"{long} of {}",
                term.en, term.entry
            ));
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Kind;

    fn term(entry: &str, en: &str, long: Option<&str>) -> TermUse {
        TermUse {
            span: crate::text::Span::default(),
            surface: entry.to_owned(),
            entry: entry.to_owned(),
            en: en.to_owned(),
            long: long.map(str::to_owned),
            kind: Kind::Org,
            prefix: String::new(),
        }
    }

    #[test]
    fn renderings_are_found_in_any_case_plural_or_possessive() {
        let found = |english: &str, en: &str| {
            missing_renderings(english, &[term("x", en, None)]).is_empty()
        };
        assert!(found("the united nations said", "United Nations"));
        assert!(found("Geneva's talks", "Geneva"));
        assert!(found("Geneva’s talks", "Geneva"));
        assert!(found("two security guarantees", "security guarantee"));
        assert!(found("the parties agreed", "party"));
        assert!(found("the party agreed", "parties"));
        assert!(found("Sami al Haddad", "Sami al-Haddad"));
        assert!(found("the boxes", "box"));
        assert!(found("book", "volume; book"));
        assert!(
            found("the UN said", "United Nations"),
            "an acronym, as `check` reads it"
        );
        assert!(found("the talks began", "negotiations; talks"));
        assert!(!found("the meeting began", "negotiations; talks"));
        assert!(!found("Genevan talks", "Geneva"));
        assert!(!found("Nations United", "United Nations"));
    }

    #[test]
    fn the_long_form_counts_and_is_named_in_the_warning() {
        let osce = term(
            "منظمة الأمن والتعاون في أوروبا",
            "OSCE",
            Some("Organization for Security and Co-operation in Europe"),
        );
        let terms = [osce.clone(), osce];
        assert!(
            missing_renderings(
                "the Organization for Security and Co-operation in Europe met",
                &terms
            )
            .is_empty()
        );
        assert_eq!(
            missing_renderings("the organization met", &terms),
            [
                "the English lacks the glossary rendering \"OSCE\" (or \"Organization for Security and Co-operation in Europe\") of منظمة الأمن والتعاون في أوروبا"
            ],
            "one warning per entry"
        );
    }

    fn document() -> Document {
        let mut document =
            Document::from_text("a.txt", "وصل الوفد إلى\nجنيف صباحاً.\n\nسطر ثان.\n\nثالث.");
        document.segments[1].origin = Origin::TmExact;
        document.segments[1].target = Some("Second line.".to_owned());
        document.segments[0].terms = vec![term("جنيف", "Geneva", None)];
        document
    }

    #[test]
    fn only_untranslated_rows_are_sent_one_line_each() {
        let mut document = document();
        let mut seen = String::new();
        let sent = translate_untranslated(&mut document, |input| {
            seen = input.to_owned();
            Ok::<_, std::io::Error>("The delegation arrived in Genf.\r\nThird.\r\n".to_owned())
        })
        .unwrap();
        assert_eq!(sent, 2);
        assert_eq!(seen, "وصل الوفد إلى جنيف صباحاً.\nثالث.\n");
        let first = &document.segments[0];
        assert_eq!(first.origin, Origin::Mt);
        assert_eq!(
            first.target.as_deref(),
            Some("The delegation arrived in Genf.")
        );
        assert_eq!(
            first.warnings,
            ["the English lacks the glossary rendering \"Geneva\" of جنيف"]
        );
        assert_eq!(document.segments[1].target.as_deref(), Some("Second line."));
        assert_eq!(document.segments[2].target.as_deref(), Some("Third."));
        assert!(document.segments[2].warnings.is_empty());
    }

    #[test]
    fn a_wrong_number_of_lines_changes_nothing() {
        for answer in ["", "one line only", "a\nb\nc\n", "\n\n\n"] {
            let mut document = document();
            let err = translate_untranslated(&mut document, |_| {
                Ok::<_, std::io::Error>(answer.to_owned())
            })
            .unwrap_err();
            assert!(
                matches!(err, MtError::LineCount { sent: 2, .. }),
                "{answer:?}: {err}"
            );
            assert_eq!(document.segments[0].origin, Origin::None);
        }
    }

    #[test]
    fn an_empty_line_leaves_the_row_untranslated_with_a_warning() {
        let mut document = document();
        translate_untranslated(&mut document, |_| {
            Ok::<_, std::io::Error>("\nThird.".to_owned())
        })
        .unwrap();
        assert_eq!(document.segments[0].origin, Origin::None);
        assert_eq!(
            document.segments[0].warnings,
            ["the machine translator returned an empty line"]
        );
        assert_eq!(document.segments[2].target.as_deref(), Some("Third."));
    }

    #[test]
    fn the_translator_is_not_called_without_untranslated_rows() {
        let mut document = Document::from_text("a.txt", "");
        let sent = translate_untranslated(&mut document, |_| -> Result<String, std::io::Error> {
            panic!("called")
        })
        .unwrap();
        assert_eq!(sent, 0);
    }

    #[test]
    fn a_failing_translator_is_its_own_error() {
        let mut document = document();
        let err = translate_untranslated(&mut document, |_| {
            Err(std::io::Error::other("exit status 3"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "exit status 3");
    }
}
