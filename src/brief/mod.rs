//! The English briefing of an Arabic article: its headline, its key points
//! (the summary's sentences, with their English where the translation
//! memory or machine translation has it, else the English of their names
//! and terms), a who/what/where table of the glossary entities it names,
//! and the whole text aligned.
//!
//! ```
//! use tarjama::pipeline::Translator;
//! use tarjama::brief::{Briefing, Options};
//! use tarjama::glossary::{Entry, Glossary, Kind};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry { ar: "جنيف".into(), en: "Geneva".into(), kind: Kind::Place, ..Entry::default() }]);
//! let text = "محادثات في جنيف\n\nوصل الوفد إلى جنيف صباح الاثنين. وبدأت المحادثات.";
//! let translator = Translator { glossary: Some(&glossary), ..Translator::default() };
//! let document = translator.translate("a.txt", text)?;
//! let briefing = Briefing::new(text, document, &Options::default());
//! assert_eq!(briefing.headline.unwrap().text, "محادثات في جنيف");
//! assert_eq!(briefing.key_points[0].english.gloss.to_string(), "… [Geneva] …");
//! assert_eq!((briefing.entities[0].term.en.as_str(), briefing.entities[0].count), ("Geneva", 2));
//! # Ok::<(), tarjama::tm::TmError>(())
//! ```

mod entities;
mod gloss;

pub use entities::Entity;
pub use gloss::{Gloss, GlossPart};

use crate::document::{Document, Origin, Segment, Similar};
use crate::glossary::{Kind, TermUse};
use crate::summary::{Budget, ExtraFeature, Ranking, Weights, layout};
use crate::text::{CharOffsets, Span, split};
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// How much naming glossary entities counts when key points are picked:
/// the weight of the number of distinct people, organizations and places
/// a sentence names, scaled by the most any sentence of the article names
/// (position, the strongest feature, gives the first sentence 1 and the
/// fifth 0.2).
///
/// Off by default, by measurement: on the 102 EASC development articles
/// (ROUGE-2 F1 at the references' length, the key points of the body as
/// the summary) the briefing ranks as `summarize` does at 0 (0.4330) and
/// at 0.01 (nothing changes); every weight that changes the picks costs:
/// 0.02 −0.0001, 0.05 −0.0035, 0.1 −0.0048, 0.2 −0.0129. Counting every
/// term, or weighting entities by how many sentences name them, or only
/// whether a sentence names one, lost as much; so did the newspaper
/// articles alone (0.1: −0.011 and +0.001 on the two papers). Under the
/// length-aware ranking (position times a length factor) small weights
/// are neutral (0.01 to 0.05: 0.4378–0.4380 against 0.4379) and larger
/// ones lose (0.1: −0.0064, 0.2: −0.0097).
pub const ENTITY_WEIGHT: f64 = 0.0;

/// What a briefing takes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// How much of the body the key points take.
    pub budget: Budget,
    /// How much naming people, organizations and places counts (see
    /// [`ENTITY_WEIGHT`]); 0 ranks the sentences as
    /// [`crate::summary::summarize`] does.
    pub entity_weight: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            budget: Budget::Default,
            entity_weight: ENTITY_WEIGHT,
        }
    }
}

/// A glossary entry a sentence names, with its English.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct TermRendering {
    /// The entry's Arabic key.
    pub entry: String,
    /// Its English.
    pub en: String,
    /// What an acronym stands for, when the entry says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
    /// What it names.
    #[serde(rename = "type")]
    pub kind: Kind,
}

impl From<&TermUse> for TermRendering {
    fn from(term: &TermUse) -> Self {
        TermRendering {
            entry: term.entry.clone(),
            en: term.en.clone(),
            long: term.long.clone(),
            kind: term.kind,
        }
    }
}

/// What is known of a sentence's English: a translation (an exact match
/// of the memory, or a machine translator's) when there is one, a similar
/// sentence of the memory, and always the English of its glossary terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceEnglish {
    /// The English sentence, when an exact memory match or machine
    /// translation has it; never a fuzzy match's English, which translates
    /// another sentence.
    pub target: Option<String>,
    /// Where it came from.
    pub origin: Origin,
    /// The translation-memory match score (100), for an exact match.
    pub tm_score: Option<u8>,
    /// A similar sentence of the memory (a fuzzy match) with its English
    /// and what differs, for reference only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similar: Option<Similar>,
    /// The glossary entries of the sentence, each once, in order of first
    /// mention.
    pub terms: Vec<TermRendering>,
    /// The terms' English in the order of the sentence, with its numbers
    /// and Latin words: what to read when there is no translation.
    pub gloss: Gloss,
}

impl SentenceEnglish {
    /// What `segment` says in English.
    pub fn of(segment: &Segment) -> Self {
        let mut seen = HashSet::new();
        let terms = segment
            .terms
            .iter()
            .filter(|term| seen.insert(term.entry.as_str()))
            .map(TermRendering::from)
            .collect();
        let own = segment.origin != Origin::TmFuzzy;
        SentenceEnglish {
            target: segment.target.clone().filter(|_| own),
            origin: if own { segment.origin } else { Origin::None },
            tm_score: segment.score.filter(|_| own),
            similar: segment.similar.clone(),
            terms,
            gloss: Gloss::of(segment),
        }
    }
}

/// A sentence the summary picked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyPoint {
    /// Its number in the text, from 1 (as `split` and the aligned text
    /// number them).
    pub index: usize,
    /// Where it stands in the text (JSON: `start`, `end` in characters).
    #[serde(flatten)]
    pub span: Span,
    /// Its ranking score (finite, rounded to 4 decimals).
    pub score: f64,
    /// The Arabic sentence.
    pub text: String,
    /// Its English.
    #[serde(flatten)]
    pub english: SentenceEnglish,
}

impl KeyPoint {
    /// `segment` as a key point with its ranking `score`.
    pub fn new(segment: &Segment, score: f64) -> Self {
        let score = if score.is_finite() {
            (score * 1e4).round() / 1e4
        } else {
            0.0
        };
        KeyPoint {
            index: segment.id,
            span: segment.span.clone(),
            score,
            text: segment.source.clone(),
            english: SentenceEnglish::of(segment),
        }
    }
}

/// A summary with what is known of its sentences' English: what
/// `summarize --format md|json` writes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// How many sentences the text has.
    pub sentences: usize,
    /// The chosen sentences, in document order.
    pub summary: Vec<KeyPoint>,
}

/// The headline of the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headline {
    /// The number of the sentence that holds it, from 1.
    pub index: usize,
    /// Where it stands in the text (JSON: `start`, `end` in characters).
    #[serde(flatten)]
    pub span: Span,
    /// The Arabic headline.
    pub text: String,
    /// Its English.
    #[serde(flatten)]
    pub english: SentenceEnglish,
}

/// An English briefing of one article.
#[derive(Debug, Clone, PartialEq)]
pub struct Briefing {
    /// The article's name (a file name, or `<stdin>`).
    pub name: String,
    /// The first line, when it is a headline.
    pub headline: Option<Headline>,
    /// The summary of the body, in document order.
    pub key_points: Vec<KeyPoint>,
    /// The glossary entries the article names, by type (see
    /// [`Entity`]).
    pub entities: Vec<Entity>,
    /// Sentences (by number) left out of the key points and of the counts:
    /// a breadcrumb trail before the headline, the headline printed again.
    pub front_matter: Vec<usize>,
    /// The whole text, aligned.
    pub document: Document,
}

impl Briefing {
    /// The briefing of `text`, given the aligned `document` made from it
    /// (its sentences, terms and English). The English of fuzzy matches is
    /// taken out ([`Document::fuzzy_as_reference`]): it is another
    /// sentence's.
    pub fn new(text: &str, mut document: Document, options: &Options) -> Self {
        document.fuzzy_as_reference();
        let ranges: Vec<Range<usize>> = document
            .segments
            .iter()
            .map(|segment| segment.span.bytes.clone())
            .collect();
        let layout = layout::find(text, &ranges);
        let headline = layout
            .headline
            .as_ref()
            .map(|(index, range)| headline_of(&document.segments[*index], &ranges[*index], range));
        let key_points = key_points(text, &document, &ranges, layout.body_start, options);
        let entities = entities::table(&document, &layout.front_matter);
        let front_matter = layout
            .front_matter
            .iter()
            .map(|&index| document.segments[index].id)
            .collect();
        Briefing {
            name: document.name.clone(),
            headline,
            key_points,
            entities,
            front_matter,
            document,
        }
    }
}

/// The summary of the segments from `body_start` on, ranked with the
/// entities each names as an extra feature.
fn key_points(
    text: &str,
    document: &Document,
    ranges: &[Range<usize>],
    body_start: usize,
    options: &Options,
) -> Vec<KeyPoint> {
    let body_from = ranges
        .get(body_start)
        .map_or(text.len(), |range| range.start);
    let body = &text[body_from..];
    // The ranking splits the body itself: each of its sentences is the
    // segment that starts at the same place.
    let segment_of: Vec<Option<&Segment>> = split(body)
        .iter()
        .map(|range| {
            ranges
                .binary_search_by_key(&(body_from + range.start), |bytes| bytes.start)
                .ok()
                .map(|index| &document.segments[index])
        })
        .collect();
    let features = if options.entity_weight == 0.0 {
        Vec::new()
    } else {
        let values = segment_of
            .iter()
            .map(|segment| segment.map_or(0.0, named_entities))
            .collect();
        vec![ExtraFeature {
            weight: options.entity_weight,
            values,
        }]
    };
    let ranking = Ranking::with_features(body, &Weights::default(), &features);
    ranking
        .select(options.budget)
        .into_iter()
        .filter_map(|index| {
            let segment = segment_of.get(index).copied().flatten()?;
            Some(KeyPoint::new(segment, ranking.sentences[index].score))
        })
        .collect()
}

/// How many distinct people, organizations and places `segment` names.
fn named_entities(segment: &Segment) -> f64 {
    let mut seen = HashSet::new();
    segment
        .terms
        .iter()
        .filter(|term| matches!(term.kind, Kind::Person | Kind::Org | Kind::Place))
        .filter(|term| seen.insert(term.entry.as_str()))
        .count() as f64
}

/// The headline held by `segment` (at `segment_range` in the text), at
/// `range`: the whole segment, or its end (the last part of a breadcrumb
/// trail), with the terms inside it; a translation of the whole segment
/// is no translation of a part.
fn headline_of(segment: &Segment, segment_range: &Range<usize>, range: &Range<usize>) -> Headline {
    if range == segment_range {
        return Headline {
            index: segment.id,
            span: segment.span.clone(),
            text: segment.source.clone(),
            english: SentenceEnglish::of(segment),
        };
    }
    let skipped = range.start - segment_range.start;
    let skipped_chars = CharOffsets::new(&segment.source).char_offset(skipped);
    let text = segment.source[skipped..].to_owned();
    let span = Span {
        bytes: range.start..segment.span.bytes.end,
        chars: segment.span.chars.start + skipped_chars..segment.span.chars.end,
    };
    let mut part = Segment::untranslated(segment.id, text, span);
    part.terms = segment
        .terms
        .iter()
        .filter(|term| term.span.bytes.start >= skipped)
        .map(|term| TermUse {
            span: term.span.shifted_back(skipped, skipped_chars),
            ..term.clone()
        })
        .collect();
    Headline {
        index: part.id,
        span: part.span.clone(),
        english: SentenceEnglish::of(&part),
        text: part.source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Glossary};
    use crate::pipeline::Translator;

    fn glossary() -> Glossary {
        let mut glossary = Glossary::new();
        let entry = |ar: &str, en: &str, kind| Entry {
            ar: ar.into(),
            en: en.into(),
            kind,
            ..Entry::default()
        };
        glossary.add(vec![
            entry("جنيف", "Geneva", Kind::Place),
            entry("موسكو", "Moscow", Kind::Place),
            entry("لافروف", "Lavrov", Kind::Person),
            entry("الناتو", "NATO", Kind::Org),
        ]);
        glossary
    }

    fn briefing(text: &str, options: &Options) -> Briefing {
        let glossary = glossary();
        let translator = Translator {
            glossary: Some(&glossary),
            ..Translator::default()
        };
        Briefing::new(text, translator.translate("a.txt", text).unwrap(), options)
    }

    const ARTICLE: &str = "الرئيسية / أخبار / لافروف في جنيف\n\n\
        لافروف في جنيف\n\n\
        وصل لافروف إلى جنيف صباح اليوم لإجراء محادثات.\n\
        وهطلت أمطار غزيرة على المدينة طوال اليوم.\n\
        وقال مصدر إن موسكو تنتظر ردا من الناتو.\n\
        وتستمر المحادثات يومين.";

    #[test]
    fn the_breadcrumb_is_left_out_and_the_headline_kept() {
        let briefing = briefing(ARTICLE, &Options::default());
        let headline = briefing.headline.as_ref().unwrap();
        assert_eq!(
            (headline.index, headline.text.as_str()),
            (2, "لافروف في جنيف")
        );
        assert_eq!(headline.english.gloss.to_string(), "[Lavrov] … [Geneva]");
        assert_eq!(briefing.front_matter, [1]);
        let lavrov = briefing
            .entities
            .iter()
            .find(|e| e.term.en == "Lavrov")
            .unwrap();
        assert_eq!(
            (lavrov.count, lavrov.first),
            (2, 2),
            "the breadcrumb does not count"
        );
    }

    #[test]
    fn key_points_come_from_the_body() {
        let options = Options {
            budget: Budget::Sentences(2),
            ..Options::default()
        };
        let briefing = briefing(ARTICLE, &options);
        let picked: Vec<usize> = briefing.key_points.iter().map(|p| p.index).collect();
        assert_eq!(picked[0], 3, "the lead of the body");
        assert!(!picked.contains(&2) && !picked.contains(&1));
        for point in &briefing.key_points {
            let segment = &briefing.document.segments[point.index - 1];
            assert_eq!(point.text, segment.source);
        }
    }

    #[test]
    fn naming_entities_lifts_a_sentence() {
        let pick = |entity_weight| {
            let options = Options {
                budget: Budget::Sentences(2),
                entity_weight,
            };
            let briefing = briefing(ARTICLE, &options);
            briefing
                .key_points
                .iter()
                .map(|p| p.index)
                .collect::<Vec<_>>()
        };
        assert_eq!(pick(0.0), [3, 4]);
        assert_eq!(pick(1.0), [3, 5]);
    }

    #[test]
    fn degenerate_texts() {
        for text in ["", "\n\n", "...", "عنوان وحيد", "Only Latin text. Here."] {
            let briefing = briefing(text, &Options::default());
            assert!(briefing.key_points.iter().all(|p| p.score.is_finite()));
            assert!(briefing.key_points.len() <= briefing.document.segments.len());
        }
        let lone = briefing("عنوان وحيد", &Options::default());
        assert!(lone.headline.is_some() && lone.key_points.is_empty());
        let latin = briefing("Only Latin text. Here.", &Options::default());
        assert!(latin.headline.is_none());
        assert_eq!(latin.key_points.len(), 1);
    }
}
