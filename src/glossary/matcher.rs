//! Finding glossary entries in Arabic running text.
//!
//! The text is cut into words and each word normalized in one pass
//! ([`crate::text::tokenize::NormalizedWords`], the rules of
//! [`crate::text::normalize()`]). Each word is looked up whole in the
//! glossary's vocabulary, and the forms are followed word by word in a trie
//! built once from every glossary form (texts of 1 MB or more are scanned
//! on two threads). Rules:
//!
//! - The first word of a match may carry proclitics: و or ف, then ب, ك or
//!   ل, with ل + ال written لل (للأمم المتحدة, وللعراق). The word is first
//!   tried whole, so names that begin with those letters (واشنطن, بوتين,
//!   لندن) are not taken apart.
//! - No suffix is ever removed and the article is never added or dropped:
//!   المصري is not مصر, عراق is not العراق.
//! - Words of a multi-word entry follow each other across one space, line
//!   break or hyphen.
//! - Longest match wins; matches never overlap; on a tie the earlier start,
//!   then the shorter prefix, wins.
//! - Normalization folds ى into ي, which makes the prepositions على, إلى,
//!   حتى, لدى … look like names (علي). A one-word form that does not itself
//!   end in ى never matches such a particle written with ى. Written with ي
//!   it matches only when the same text writes some of these particles with
//!   ى: many writers (and much of the Egyptian press) put ي for ى
//!   throughout, and then علي is far more often "on" than "Ali".

use super::Glossary;
use super::cache::{Reader, Writer};
use super::model::Kind;
use super::table::u32_of;
use super::trie::{Built, Forms, NONE, Owner, Trie};
use super::vocabulary::{self, Vocabulary};
use crate::text::normalize::{is_format_control, push_normalized};
use crate::text::tokenize::{NormalizedWords, is_inner_mark, proclitic_readings};
use crate::text::{CharOffsets, Span};
use serde::Serialize;

/// Function words that end in ى and become other words once ى is folded to
/// ي (normalized spelling).
const MAKSURA_PARTICLES: &[&str] = &[
    "علي", "الي", "حتي", "لدي", "متي", "سوي", "بلي", "اني", "عسي",
];

/// The letters a word with proclitics begins with.
const PROCLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ك', 'ل'];

/// A glossary entry found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermHit {
    /// Byte offset where the match starts, proclitics included.
    pub start: usize,
    /// Byte offset where the match ends (exclusive).
    pub end: usize,
    /// Length in bytes of the proclitics at the start (0 when none).
    pub prefix_len: usize,
    /// Index of the entry in [`Glossary::entries`].
    pub entry: usize,
}

/// A glossary entry found in a text, with what the entry says: what the
/// rows of a document carry ([`TermHit::to_term_use`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermUse {
    /// Where it stands in the text searched (JSON: `start`, `end` in
    /// characters), proclitics included.
    #[serde(flatten)]
    pub span: Span,
    /// The text as it stands in the source, proclitics included.
    pub surface: String,
    /// The entry's Arabic key.
    pub entry: String,
    /// The entry's English.
    pub en: String,
    /// The entry's long English form (what an acronym stands for), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long: Option<String>,
    /// What the entry names.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// Proclitics in front of the entry (و, ب, لل …), empty when none.
    pub prefix: String,
}

impl TermHit {
    /// The matched text, proclitics included.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The proclitics in front of the entry (و, ب, لل's ل …), empty when none.
    pub fn prefix<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.start + self.prefix_len]
    }

    /// The hit as a [`TermUse`] in `text`; `offsets` must be over `text`
    /// (hits in ascending order are converted without rescanning).
    pub fn to_term_use(
        &self,
        text: &str,
        glossary: &Glossary,
        offsets: &mut CharOffsets,
    ) -> TermUse {
        let entry = glossary.entry_ref(self.entry);
        TermUse {
            span: offsets.span(self.start..self.end),
            surface: self.surface(text).to_owned(),
            entry: entry.ar().to_owned(),
            en: entry.en().to_owned(),
            long: entry.long().map(str::to_owned),
            kind: entry.kind(),
            prefix: self.prefix(text).to_owned(),
        }
    }
}

/// The compiled glossary: the normalized words of its forms, and a trie
/// over them.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    vocabulary: Vocabulary,
    trie: Trie,
}

/// A word of the text being searched.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Its id in the vocabulary, or `NONE`.
    id: u32,
    joins_next: bool,
}

/// A place where a match may start: a word, read with or without proclitics.
#[derive(Debug, Clone, Copy)]
struct Start {
    token: usize,
    prefix_len: usize,
    node: u32,
    particle: Particle,
}

/// Whether a stem reads as one of the ى particles, and how the text spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Particle {
    No,
    /// Spelled with ى (على): the particle itself.
    WithMaksura,
    /// Spelled with ي (علي): the name, or the particle from a writer who
    /// does not tell ى from ي.
    WithYa,
}

/// A form found in the text, before overlaps are settled.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    /// Byte offsets in the text, proclitics included.
    start: usize,
    end: usize,
    /// The number of words after the first.
    more_words: usize,
    prefix_len: usize,
    entry: u32,
    /// A one-word form read off a ى particle spelled with ي: it stands only
    /// when the text spells some particle with ى.
    needs_maksura_writer: bool,
}

/// Buffers reused from piece to piece of a text.
#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    starts: Vec<Start>,
    /// A stem with the article put back.
    stem: Vec<u8>,
    scratch: String,
}

/// The candidates of a stretch of text.
struct Found {
    candidates: Vec<Candidate>,
    /// Some ى particle is spelled with ى in the stretch.
    writes_maksura: bool,
}

/// Which glossary entry a form belongs to, and how strongly it holds its
/// words against other entries' forms.
#[derive(Debug, Clone, Copy)]
struct FormOwner {
    owner: Owner,
    /// The glossary layer, then key over variant.
    rank: (u32, bool),
}

impl Matcher {
    /// Compiles every form (key and variants) of every entry. When several
    /// entries share a normalized form, the one of the latest glossary wins,
    /// then a key over a variant, then the first one.
    ///
    /// Glossaries hold less than 4 GiB of text, hence fewer than 2³¹
    /// entries and 2³² distinct words.
    pub fn new(glossary: &Glossary) -> Self {
        // The words of every form are normalized and hashed first; the
        // look-ups come after, each warmed a few words ahead, so that their
        // cache misses (what compiling a large glossary waits on) overlap.
        let mut words = Vec::new();
        let mut word_ends = Vec::new();
        let mut hashes = Vec::new();
        let mut counts = Vec::with_capacity(glossary.len());
        let mut owners = Vec::with_capacity(glossary.len());
        for (index, (entry, &layer)) in glossary.table().iter().zip(glossary.layers()).enumerate() {
            for (position, form) in entry.forms().enumerate() {
                let mut count = 0;
                let mut scanner = NormalizedWords::new(form);
                while let Some((_, word)) = scanner.next_word() {
                    if !word.is_empty() {
                        words.extend_from_slice(word.as_bytes());
                        word_ends.push(words.len());
                        hashes.push(vocabulary::hash(word.as_bytes()));
                        count += 1;
                    }
                }
                counts.push(count);
                owners.push(FormOwner {
                    owner: Owner {
                        entry: u32_of(index),
                        ends_in_maksura: count == 1 && last_letter(form) == Some('ى'),
                    },
                    rank: (layer, position == 0),
                });
            }
        }
        const AHEAD: usize = 16;
        let mut vocabulary = Vocabulary::default();
        let mut forms = Forms::default();
        let mut next = 0;
        for count in counts {
            for _ in 0..count {
                if let Some(&ahead) = hashes.get(next + AHEAD) {
                    vocabulary.warm(ahead);
                }
                let start = if next == 0 { 0 } else { word_ends[next - 1] };
                let word = &words[start..word_ends[next]];
                forms.push_word(vocabulary.intern_hashed(word, hashes[next]));
                next += 1;
            }
            forms.end_form();
        }
        let Built {
            mut trie,
            first,
            ends,
        } = Trie::build(vocabulary.len(), &forms);
        vocabulary.set_nodes(&first);
        let mut ranks = vec![None; trie.len()];
        for (form, &node) in owners.iter().zip(&ends) {
            if node == NONE {
                continue;
            }
            let held: &mut Option<(u32, bool)> = &mut ranks[node as usize];
            let (layer, is_key) = form.rank;
            let wins = held.is_none_or(|(held_layer, held_key)| {
                layer > held_layer || (layer == held_layer && is_key && !held_key)
            });
            if wins {
                *held = Some(form.rank);
                trie.set_owner(node, form.owner);
            }
        }
        Matcher { vocabulary, trie }
    }

    /// Writes the compiled tables for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        self.vocabulary.write(out);
        self.trie.write(out);
    }

    /// Reads what [`Matcher::write`] wrote for a glossary of `entries`
    /// entries; `None` when anything is out of range.
    pub(crate) fn read(input: &mut Reader, entries: usize) -> Option<Matcher> {
        let vocabulary = Vocabulary::read(input)?;
        let trie = Trie::read(input, vocabulary.len(), entries)?;
        vocabulary
            .nodes_within(trie.len())
            .then_some(Matcher { vocabulary, trie })
    }

    /// The number of distinct normalized words in the glossary forms.
    pub fn vocabulary_len(&self) -> usize {
        self.vocabulary.len()
    }

    /// Every glossary entry in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let Found {
            mut candidates,
            writes_maksura,
        } = self.find_in_parallel(text);
        if !writes_maksura {
            candidates.retain(|candidate| !candidate.needs_maksura_writer);
        }
        resolve(&mut candidates)
            .into_iter()
            .map(|candidate| TermHit {
                start: candidate.start,
                end: candidate.end,
                prefix_len: candidate.prefix_len,
                entry: candidate.entry as usize,
            })
            .collect()
    }

    /// Scans a long text as two halves on two threads. The halves meet
    /// after a punctuation mark, which no word and no multi-word form
    /// crosses, so the result is the same as one scan.
    fn find_in_parallel(&self, text: &str) -> Found {
        let split = piece_end(text, text.len() / 2);
        if text.len() < PARALLEL_FROM_BYTES || split == text.len() {
            return self.find_in_pieces(text);
        }
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| self.find_in_pieces(&text[split..]));
            (self.find_in_pieces(&text[..split]), second.join())
        });
        let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut merged = first;
        merged
            .candidates
            .extend(second.candidates.into_iter().map(|candidate| Candidate {
                start: candidate.start + split,
                end: candidate.end + split,
                ..candidate
            }));
        merged.writes_maksura |= second.writes_maksura;
        merged
    }

    /// Scans `text` in pieces of about [`PIECE_BYTES`] that end after a
    /// punctuation mark (as the halves above), so that the words and starts
    /// of a piece stay in the processor's cache and their buffers are
    /// reused.
    fn find_in_pieces(&self, text: &str) -> Found {
        let mut found = Found {
            candidates: Vec::with_capacity(text.len() / 16),
            writes_maksura: false,
        };
        let mut buffers = Buffers::default();
        let mut at = 0;
        while at < text.len() {
            let end = piece_end(text, at + PIECE_BYTES);
            self.find_in(&text[at..end], at, &mut buffers, &mut found);
            at = end;
        }
        found
    }

    /// Every glossary entry in `text` as [`TermUse`]s.
    pub fn term_uses(&self, glossary: &Glossary, text: &str) -> Vec<TermUse> {
        let mut offsets = CharOffsets::new(text);
        self.find(text)
            .iter()
            .map(|hit| hit.to_term_use(text, glossary, &mut offsets))
            .collect()
    }

    /// Cuts a piece of text (at byte `offset` of the whole) into words,
    /// lists where matches may start, and follows each start through the
    /// trie, adding what it finds to `found`.
    fn find_in(&self, text: &str, offset: usize, buffers: &mut Buffers, found: &mut Found) {
        let Buffers {
            tokens,
            starts,
            stem,
            scratch,
        } = buffers;
        tokens.clear();
        starts.clear();
        let mut writes_maksura = found.writes_maksura;
        let mut scanner = NormalizedWords::new(text);
        while let Some((range, word)) = scanner.next_word() {
            if word.is_empty() {
                continue;
            }
            if let Some(previous) = tokens.last_mut() {
                previous.joins_next = joins(&text[previous.end..range.start]);
            }
            let index = tokens.len();
            let known = self.vocabulary.get(word.as_bytes());
            tokens.push(Token {
                start: range.start,
                end: range.end,
                id: known.map_or(NONE, |word| word.id),
                joins_next: false,
            });
            let original = &text[range];
            // Every ى particle ends in ي once normalized: check the cheap thing first.
            let ends_in_maksura = word.ends_with('ي') && last_letter(original) == Some('ى');
            let particle = |stem: &str| match (
                stem.ends_with('ي') && MAKSURA_PARTICLES.contains(&stem),
                ends_in_maksura,
            ) {
                (false, _) => Particle::No,
                (true, true) => Particle::WithMaksura,
                (true, false) => Particle::WithYa,
            };
            if ends_in_maksura && !writes_maksura {
                writes_maksura = particle(word) == Particle::WithMaksura
                    || proclitic_readings(word)
                        .any(|r| !r.restores_article && particle(r.rest) == Particle::WithMaksura);
            }
            if let Some(node) = known.map(|word| word.node).filter(|&node| node != NONE) {
                starts.push(Start {
                    token: index,
                    prefix_len: 0,
                    node,
                    particle: particle(word),
                });
            }
            if !word.starts_with(PROCLITIC_LETTERS) {
                continue;
            }
            for reading in proclitic_readings(word) {
                let known = if reading.restores_article {
                    stem.clear();
                    stem.extend_from_slice("ال".as_bytes());
                    stem.extend_from_slice(reading.rest.as_bytes());
                    self.vocabulary.get(stem)
                } else {
                    self.vocabulary.get(reading.rest.as_bytes())
                };
                if let Some(node) = known.map(|word| word.node).filter(|&node| node != NONE) {
                    starts.push(Start {
                        token: index,
                        prefix_len: original_prefix_len(original, reading.prefix, scratch),
                        node,
                        particle: if reading.restores_article {
                            Particle::No
                        } else {
                            particle(reading.rest)
                        },
                    });
                }
            }
        }
        for start in starts.iter() {
            self.walk(tokens, start, offset, &mut found.candidates);
        }
        found.writes_maksura = writes_maksura;
    }

    /// Follows the trie from `start` over the next words, collecting every
    /// form that ends on the way.
    fn walk(
        &self,
        tokens: &[Token],
        start: &Start,
        offset: usize,
        candidates: &mut Vec<Candidate>,
    ) {
        let mut node = start.node;
        let mut at = start.token;
        loop {
            if let Some(owner) = self.trie.owner(node) {
                let read_off_particle = at == start.token && !owner.ends_in_maksura;
                if !(read_off_particle && start.particle == Particle::WithMaksura) {
                    candidates.push(Candidate {
                        start: offset + tokens[start.token].start,
                        end: offset + tokens[at].end,
                        more_words: at - start.token,
                        prefix_len: start.prefix_len,
                        entry: owner.entry,
                        needs_maksura_writer: read_off_particle
                            && start.particle == Particle::WithYa,
                    });
                }
            }
            if !tokens[at].joins_next || !self.trie.has_children(node) {
                return;
            }
            let Some(child) = tokens
                .get(at + 1)
                .filter(|next| next.id != NONE)
                .and_then(|next| self.trie.child(node, next.id))
            else {
                return;
            };
            node = child;
            at += 1;
        }
    }
}

/// Picks non-overlapping candidates: longest (in words) first, then
/// earliest, then the shortest prefix. Candidates come in order of their
/// start.
fn resolve(candidates: &mut [Candidate]) -> Vec<Candidate> {
    let mut chosen = Vec::with_capacity(candidates.len());
    let mut at = 0;
    while at < candidates.len() {
        // A cluster: candidates chained by overlaps.
        let mut reach = candidates[at].end;
        let mut end = at + 1;
        while end < candidates.len() && candidates[end].start < reach {
            reach = reach.max(candidates[end].end);
            end += 1;
        }
        let cluster = &mut candidates[at..end];
        if cluster.len() == 1 {
            chosen.push(cluster[0]);
        } else {
            cluster.sort_by_key(|c| (std::cmp::Reverse(c.more_words), c.start, c.prefix_len));
            let from = chosen.len();
            for candidate in cluster.iter() {
                let free = chosen[from..].iter().all(|taken: &Candidate| {
                    candidate.end <= taken.start || taken.end <= candidate.start
                });
                if free {
                    chosen.push(*candidate);
                }
            }
            chosen[from..].sort_by_key(|c| c.start);
        }
        at = end;
    }
    chosen
}

/// Texts from this size are scanned on two threads.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// Texts are scanned in pieces of about this size.
const PIECE_BYTES: usize = 64 << 10;

/// Where a piece of `text` that should end near `from` ends: right after
/// the first punctuation mark from there on, or at the end of the text.
fn piece_end(text: &str, from: usize) -> usize {
    if from >= text.len() {
        return text.len();
    }
    let from = text.ceil_char_boundary(from);
    text[from..]
        .char_indices()
        .find(|&(_, c)| is_hard_separator(c))
        .map_or(text.len(), |(at, c)| from + at + c.len_utf8())
}

/// Punctuation that is never part of a word (unlike `.` and `,` in 3.5 and
/// 1,000) and that no multi-word form crosses.
fn is_hard_separator(c: char) -> bool {
    matches!(
        c,
        '،' | '؛' | '؟' | '!' | '?' | ';' | '«' | '»' | '"' | '(' | ')' | '[' | ']'
    )
}

/// True when the gap between two words lets a multi-word form go on: one
/// space or line break, or a hyphen with at most a space on each side
/// (بان كي - مون); invisible format marks aside.
fn joins(gap: &str) -> bool {
    if gap == " " {
        return true;
    }
    let mut visible = ['\0'; 3];
    let mut count = 0;
    for c in gap.chars().filter(|&c| !is_format_control(c)) {
        if count == visible.len() {
            return false;
        }
        visible[count] = c;
        count += 1;
    }
    let is_hyphen = |c: char| matches!(c, '-' | '\u{2010}' | '\u{2011}');
    match visible[..count] {
        ['\r', '\n'] => true,
        [c] => c.is_whitespace() || is_hyphen(c),
        [' ', c] | [c, ' '] | [' ', c, ' '] => is_hyphen(c),
        _ => false,
    }
}

/// The last letter of a word, marks and invisible characters aside.
fn last_letter(word: &str) -> Option<char> {
    word.trim_end()
        .chars()
        .rev()
        .find(|&c| !is_format_control(c) && !is_inner_mark(c))
}

/// The byte length of the original word's first characters that normalize
/// to `prefix`, marks after them included. `scratch` is any string, reused
/// to spare allocations.
fn original_prefix_len(original: &str, prefix: &str, scratch: &mut String) -> usize {
    let normalized_len = prefix.len();
    // Usually the prefix is written as it normalizes (no marks in it).
    let (from, mut produced) = if original.starts_with(prefix) {
        (normalized_len, normalized_len)
    } else {
        (0, 0)
    };
    for (at, c) in original[from..].char_indices() {
        let at = from + at;
        scratch.clear();
        push_normalized(c, scratch);
        if produced >= normalized_len && !scratch.is_empty() {
            return at;
        }
        produced += scratch.len();
    }
    original.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Kind};

    fn glossary(forms: &[(&str, &[&str])]) -> Glossary {
        let mut glossary = Glossary::new();
        glossary.add(
            forms
                .iter()
                .map(|(ar, variants)| Entry {
                    ar: (*ar).into(),
                    en: format!("EN {ar}"),
                    kind: Kind::Place,
                    variants: variants.iter().map(|v| (*v).into()).collect(),
                    ..Entry::default()
                })
                .collect(),
        );
        glossary
    }

    /// `(surface, prefix, entry key)` of every hit.
    fn hits(glossary: &Glossary, text: &str) -> Vec<(String, String, String)> {
        Matcher::new(glossary)
            .find(text)
            .iter()
            .map(|hit| {
                (
                    hit.surface(text).to_owned(),
                    hit.prefix(text).to_owned(),
                    glossary.entry(hit.entry).ar.clone(),
                )
            })
            .collect()
    }

    fn surfaces(glossary: &Glossary, text: &str) -> Vec<String> {
        hits(glossary, text)
            .into_iter()
            .map(|(surface, ..)| surface)
            .collect()
    }

    #[test]
    fn proclitics_on_the_first_word() {
        let g = glossary(&[
            ("بريطانيا", &[]),
            ("الأمم المتحدة", &[]),
            ("العراق", &[]),
            ("كندا", &[]),
        ]);
        assert_eq!(
            hits(&g, "وبريطانيا وللأمم المتحدة بالعراق بكندا"),
            [
                ("وبريطانيا".into(), "و".into(), "بريطانيا".into()),
                ("وللأمم المتحدة".into(), "ول".into(), "الأمم المتحدة".into()),
                ("بالعراق".into(), "ب".into(), "العراق".into()),
                ("بكندا".into(), "ب".into(), "كندا".into()),
            ]
        );
    }

    #[test]
    fn names_that_begin_with_clitic_letters_stay_whole() {
        let g = glossary(&[
            ("واشنطن", &[]),
            ("لافروف", &[]),
            ("بوتين", &[]),
            ("فرنسا", &[]),
            ("كندا", &[]),
            ("وليد", &[]),
            ("ليد", &[]),
        ]);
        let found = hits(&g, "واشنطن لافروف بوتين فرنسا كندا وليد");
        assert!(
            found
                .iter()
                .all(|(surface, prefix, key)| prefix.is_empty() && surface == key),
            "{found:?}"
        );
        assert_eq!(found.len(), 6);
    }

    #[test]
    fn no_suffixes_and_no_article_games() {
        let g = glossary(&[("مصر", &[]), ("العراق", &[]), ("عنان", &[])]);
        assert!(surfaces(&g, "المصري والمصرية العراقي عراق العنان").is_empty());
    }

    #[test]
    fn longest_match_wins_without_overlap() {
        let g = glossary(&[
            ("كوفي أنان", &[]),
            ("أنان", &[]),
            ("مجلس الأمن", &[]),
            ("الأمن", &[]),
        ]);
        assert_eq!(
            surfaces(&g, "قال كوفي أنان أمام مجلس الأمن إن أنان"),
            ["كوفي أنان", "مجلس الأمن", "أنان"]
        );
    }

    #[test]
    fn multi_word_forms_cross_one_space_newline_or_hyphen_only() {
        let g = glossary(&[("الأمم المتحدة", &[])]);
        assert_eq!(
            surfaces(&g, "الأمم المتحدة الأمم-المتحدة الأمم\nالمتحدة"),
            ["الأمم المتحدة", "الأمم-المتحدة", "الأمم\nالمتحدة"]
        );
        assert!(surfaces(&g, "الأمم، المتحدة الأمم  المتحدة الأمم -- المتحدة").is_empty());
        let g = glossary(&[("بان كي مون", &[])]);
        assert_eq!(surfaces(&g, "قال بان كي - مون"), ["بان كي - مون"]);
    }

    #[test]
    fn normalization_maps_back_to_the_original() {
        let g = glossary(&[("ريابكوف", &[])]);
        let text = "قال رِيـابكوفُ: نعم وَرِيابكوف";
        assert_eq!(surfaces(&g, text), ["رِيـابكوفُ", "وَرِيابكوف"]);
        assert_eq!(hits(&g, text)[1].1, "وَ");
    }

    #[test]
    fn the_preposition_ala_is_not_the_name_ali() {
        let g = glossary(&[("علي", &[]), ("موسى", &[]), ("علي عبد الله صالح", &[])]);
        assert!(surfaces(&g, "وافق على الخطة وعلى الاتفاق").is_empty());
        assert_eq!(surfaces(&g, "قال علي إن وعلي وصلا إلى"), ["علي", "وعلي"]);
        assert_eq!(surfaces(&g, "التقى موسي ثم موسى"), ["موسي", "موسى"]);
        assert_eq!(surfaces(&g, "قال على عبد الله صالح"), ["على عبد الله صالح"]);
    }

    #[test]
    fn ali_spelled_like_the_particle_needs_a_writer_who_tells_them_apart() {
        let g = glossary(&[("علي", &[])]);
        // This writer puts ي for ى everywhere: علي is "on".
        assert!(surfaces(&g, "وافق علي الخطة وذهب إلي بيروت").is_empty());
        // This one writes على with ى, so علي is the name.
        assert_eq!(surfaces(&g, "وافق علي على الخطة"), ["علي"]);
        assert_eq!(surfaces(&g, "وصل حتى قال علي"), ["علي"]);
    }

    #[test]
    fn variants_report_their_entry_key() {
        let g = glossary(&[("كوفي أنان", &["كوفي عنان"])]);
        assert_eq!(
            hits(&g, "ولكوفي عنان")[0],
            ("ولكوفي عنان".into(), "ول".into(), "كوفي أنان".into())
        );
    }

    #[test]
    fn later_glossaries_win_shared_forms() {
        let mut g = glossary(&[("جنيف", &[])]);
        g.add(vec![Entry {
            ar: "جنيفا".into(),
            en: "Geneva (new)".into(),
            variants: vec!["جنيف".into()],
            ..Entry::default()
        }]);
        let matcher = Matcher::new(&g);
        let found = matcher.find("في جنيف");
        assert_eq!(g.entry(found[0].entry).en, "Geneva (new)");
    }

    #[test]
    fn long_texts_scanned_in_halves_give_the_same_hits() {
        let g = glossary(&[("الأمم المتحدة", &[]), ("علي", &[]), ("جنيف", &[])]);
        let sentence = "قال علي للأمم المتحدة في جنيف، ثم ذهب إلى بيروت. ";
        let text = sentence.repeat(PARALLEL_FROM_BYTES / sentence.len() + 2);
        let matcher = Matcher::new(&g);
        let whole = matcher.find(&text);
        let one_by_one = matcher.find(sentence);
        assert_eq!(one_by_one.len(), 3);
        assert_eq!(
            whole.len(),
            one_by_one.len() * (PARALLEL_FROM_BYTES / sentence.len() + 2)
        );
        for (index, hit) in whole.iter().enumerate() {
            let expected = one_by_one[index % one_by_one.len()];
            let offset = (index / one_by_one.len()) * sentence.len();
            assert_eq!(
                (hit.start - offset, hit.end - offset, hit.entry),
                (expected.start, expected.end, expected.entry)
            );
        }
    }

    #[test]
    fn term_uses_count_bytes_and_characters() {
        let g = glossary(&[("جنيف", &[])]);
        let uses = Matcher::new(&g).term_uses(&g, "في 😀 بجنيف");
        assert_eq!(
            (uses[0].span.chars.clone(), uses[0].prefix.as_str()),
            (5..10, "ب")
        );
        assert_eq!(uses[0].span.bytes, 10..20);
    }

    /// The rules restated plainly, form by form and word by word, with the
    /// generic word splitter and normalizer: what the trie matcher must
    /// agree with.
    fn reference(glossary: &Glossary, text: &str) -> Vec<TermHit> {
        use crate::text::tokenize::words;
        use crate::text::{normalize, normalize_str};
        struct Form {
            words: Vec<String>,
            entry: usize,
            ends_in_maksura: bool,
        }
        // The owner of each distinct word sequence.
        let mut forms: Vec<(Form, (u32, bool))> = Vec::new();
        for (entry, item) in glossary.entries().iter().enumerate() {
            for (position, form) in item.forms().enumerate() {
                let words: Vec<String> = words(form)
                    .map(|range| normalize_str(&form[range]))
                    .filter(|word| !word.is_empty())
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let rank = (glossary.layers()[entry], position == 0);
                let candidate = Form {
                    ends_in_maksura: words.len() == 1 && last_letter(form) == Some('ى'),
                    words,
                    entry,
                };
                match forms
                    .iter_mut()
                    .find(|(held, _)| held.words == candidate.words)
                {
                    None => forms.push((candidate, rank)),
                    Some((held, held_rank)) => {
                        if rank.0 > held_rank.0 || (rank.0 == held_rank.0 && rank.1 && !held_rank.1)
                        {
                            *held = candidate;
                            *held_rank = rank;
                        }
                    }
                }
            }
        }
        let tokens: Vec<(std::ops::Range<usize>, String)> = words(text)
            .map(|range| (range.clone(), normalize_str(&text[range])))
            .filter(|(_, word)| !word.is_empty())
            .collect();
        let is_particle = |stem: &str| MAKSURA_PARTICLES.contains(&stem);
        let spelled_with_maksura =
            |range: &std::ops::Range<usize>| last_letter(&text[range.clone()]) == Some('ى');
        // (normalized prefix length, stem, may read as a particle) of each token.
        let readings = |word: &str| {
            let mut all = vec![(0, word.to_owned(), true)];
            for reading in proclitic_readings(word) {
                let mut stem = String::new();
                reading.stem_into(&mut stem);
                all.push((reading.prefix.len(), stem, !reading.restores_article));
            }
            all
        };
        let writes_maksura = tokens.iter().any(|(range, word)| {
            spelled_with_maksura(range)
                && readings(word)
                    .iter()
                    .any(|(_, stem, particle)| *particle && is_particle(stem))
        });
        // (words after the first, start, prefix, hit) in the order found.
        let mut candidates = Vec::new();
        for (first, (range, word)) in tokens.iter().enumerate() {
            for (prefix, stem, particle) in readings(word) {
                let mut found: Vec<(usize, usize)> = Vec::new();
                for (form, _) in &forms {
                    let last = first + form.words.len() - 1;
                    let follows = last < tokens.len()
                        && form.words[0] == stem
                        && (first + 1..=last).all(|at| {
                            form.words[at - first] == tokens[at].1
                                && joins(&text[tokens[at - 1].0.end..tokens[at].0.start])
                        });
                    if !follows {
                        continue;
                    }
                    if last == first && particle && is_particle(&stem) && !form.ends_in_maksura {
                        let refused = spelled_with_maksura(range) || !writes_maksura;
                        if refused {
                            continue;
                        }
                    }
                    found.push((last - first, form.entry));
                }
                found.sort();
                for (more_words, entry) in found {
                    let end = tokens[first + more_words].0.end;
                    let prefix_len = normalize(&text[range.clone()]).original_offset(prefix);
                    candidates.push((
                        more_words,
                        range.start,
                        prefix_len,
                        TermHit {
                            start: range.start,
                            end,
                            prefix_len,
                            entry,
                        },
                    ));
                }
            }
        }
        candidates.sort_by_key(|&(more_words, start, prefix_len, _)| {
            (std::cmp::Reverse(more_words), start, prefix_len)
        });
        let mut chosen: Vec<TermHit> = Vec::new();
        for (.., hit) in candidates {
            if chosen
                .iter()
                .all(|taken| hit.end <= taken.start || taken.end <= hit.start)
            {
                chosen.push(hit);
            }
        }
        chosen.sort_by_key(|hit| hit.start);
        chosen
    }

    /// Words, proclitics and gaps that exercise every rule.
    const PIECES: &[&str] = &[
        "علي",
        "على",
        "عَلى",
        "الأمم",
        "المتحدة",
        "المتحدة",
        "لبنان",
        "بوش",
        "كندا",
        "وليد",
        "ليد",
        "موسى",
        "موسي",
        "حتى",
        "إلى",
        "لافروف",
        "مصر",
        "العراق",
        "عراق",
        "ب",
        "ال",
        "ريـابكوفُ",
        "3.5",
        "ﻻ",
    ];
    const PROCLITICS: &[&str] = &[
        "", "", "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فك", "لل", "ولل", "وَ",
    ];
    const GAPS: &[&str] = &[
        " ",
        " ",
        " ",
        "  ",
        "-",
        " - ",
        "\n",
        "\r\n",
        "، ",
        ". ",
        "\u{200F} ",
        " ـ ",
        " \u{2010} ",
    ];

    fn word_of(piece: usize, proclitic: usize) -> String {
        let (piece, proclitic) = (PIECES[piece], PROCLITICS[proclitic]);
        match (proclitic.ends_with("لل"), piece.strip_prefix("ال")) {
            // ل + ال is written لل.
            (true, Some(rest)) => format!("{proclitic}{rest}"),
            _ => format!("{proclitic}{piece}"),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        #[test]
        fn agrees_with_the_rules_restated_plainly(
            layers in proptest::collection::vec(
                proptest::collection::vec(
                    (
                        proptest::collection::vec((0..PIECES.len(), 0..4usize), 1..4),
                        proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 1..3), 0..2),
                    ),
                    1..7,
                ),
                1..3,
            ),
            words in proptest::collection::vec((0..PIECES.len(), 0..PROCLITICS.len(), 0..GAPS.len()), 0..30),
        ) {
            let mut glossary = Glossary::new();
            let mut count = 0;
            for layer in &layers {
                let entries = layer.iter().map(|(key, variants)| {
                    count += 1;
                    let join = |pieces: Vec<String>| pieces.join(" ");
                    Entry {
                        // The second number picks a proclitic now and then: a
                        // form may itself begin with و (وليد) or ل.
                        ar: join(key.iter().map(|&(piece, proclitic)| word_of(piece, proclitic % 2 * 3)).collect()),
                        en: format!("E{count}"),
                        variants: variants.iter().map(|pieces| join(pieces.iter().map(|&piece| PIECES[piece].to_owned()).collect())).collect(),
                        ..Entry::default()
                    }
                });
                glossary.add(entries.collect());
            }
            let mut text = String::new();
            for &(piece, proclitic, gap) in &words {
                text.push_str(&word_of(piece, proclitic));
                text.push_str(GAPS[gap]);
            }
            let expected = reference(&glossary, &text);
            proptest::prop_assert_eq!(glossary.find(&text), expected, "{}", text);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_converts_to_term_uses(text in "\\PC{0,80}") {
            let g = glossary(&[("بوش", &[]), ("ab", &[]), ("علي", &[])]);
            let uses = g.term_uses(&text);
            for pair in uses.windows(2) {
                proptest::prop_assert!(pair[0].span.chars.end <= pair[1].span.chars.start);
                proptest::prop_assert!(pair[0].span.bytes.end <= pair[1].span.bytes.start);
            }
        }

        #[test]
        fn hits_are_ordered_disjoint_and_on_char_boundaries(text in "[\u{0600}-\u{06FF} \\-،.a-z]{0,60}") {
            let g = glossary(&[("بوش", &[]), ("الأمم المتحدة", &[]), ("علي", &[]), ("ل", &[]), ("وب", &[])]);
            let found = Matcher::new(&g).find(&text);
            for pair in found.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
            }
            for hit in &found {
                proptest::prop_assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
                proptest::prop_assert!(hit.prefix_len <= hit.end - hit.start);
                proptest::prop_assert!(text.is_char_boundary(hit.start + hit.prefix_len));
            }
        }
    }
}
