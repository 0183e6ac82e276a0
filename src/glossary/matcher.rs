//! Finding glossary entries in Arabic running text.
//!
//! The text is cut into words and each word normalized in one pass
//! ([`crate::text::tokenize::NormalizedWords`], the rules of
//! [`crate::text::normalize`]); each word is looked up whole in a trie over
//! word sequences built once from every glossary form (texts of 1 MB or more
//! are scanned on two threads). Rules:
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
use crate::align::TermUse;
use crate::text::CharOffsets;
use crate::text::normalize::{is_format_control, push_normalized};
use crate::text::tokenize::{NormalizedWords, is_inner_mark, proclitic_readings};
use foldhash::HashMap;

const NONE: u32 = u32::MAX;

/// Function words that end in ى and become other words once ى is folded to
/// ي (normalized spelling).
const MAKSURA_PARTICLES: &[&str] = &[
    "علي", "الي", "حتي", "لدي", "متي", "سوي", "بلي", "اني", "عسي",
];

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

impl TermHit {
    /// The matched text, proclitics included.
    pub fn surface<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// The proclitics in front of the entry (و, ب, لل's ل …), empty when none.
    pub fn prefix<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.start + self.prefix_len]
    }

    /// The hit as a [`TermUse`] with offsets counted in Unicode scalar
    /// values of `text`; `offsets` must be over `text` (hits in ascending
    /// order are converted without rescanning).
    pub fn to_term_use(
        &self,
        text: &str,
        glossary: &Glossary,
        offsets: &mut CharOffsets,
    ) -> TermUse {
        let entry = glossary.entry(self.entry);
        TermUse {
            start: offsets.char_offset(self.start),
            end: offsets.char_offset(self.end),
            surface: self.surface(text).to_owned(),
            entry: entry.ar.clone(),
            en: entry.en.clone(),
            long: entry.long.clone(),
            kind: entry.kind,
            prefix: self.prefix(text).to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Word {
    id: u32,
    /// The trie node reached by this word alone, or `NONE`.
    node: u32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The entry a form ending here belongs to, or `NONE`.
    entry: u32,
    /// One bit per child word (by [`child_bit`]): zero for a leaf, and a
    /// word whose bit is clear is no child, without a look in `edges`.
    children: u64,
    /// The winning form is one word that ends in ى.
    ends_in_maksura: bool,
}

impl Node {
    const EMPTY: Node = Node {
        entry: NONE,
        children: 0,
        ends_in_maksura: false,
    };
}

/// A normalized word as a hash key. Words of up to [`WordKey::INLINE`]
/// bytes (nearly all) sit inside the table slot, so a lookup touches one
/// cache line instead of following a pointer to the heap.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WordKey {
    Short {
        len: u8,
        bytes: [u8; WordKey::INLINE],
    },
    Long(Box<[u8]>),
}

impl WordKey {
    const INLINE: usize = 22;

    fn as_bytes(&self) -> &[u8] {
        match self {
            WordKey::Short { len, bytes } => &bytes[..*len as usize],
            WordKey::Long(bytes) => bytes,
        }
    }

    /// The key of `head` followed by `tail`.
    fn new(head: &str, tail: &str) -> Self {
        let len = head.len() + tail.len();
        if len <= Self::INLINE {
            let mut bytes = [0; Self::INLINE];
            bytes[..head.len()].copy_from_slice(head.as_bytes());
            bytes[head.len()..len].copy_from_slice(tail.as_bytes());
            WordKey::Short {
                len: len as u8,
                bytes,
            }
        } else {
            WordKey::Long([head.as_bytes(), tail.as_bytes()].concat().into())
        }
    }
}

impl std::hash::Hash for WordKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // One write: the derived hash would feed the variant, the length and
        // the padding separately, and hashing is on the hot path.
        state.write(self.as_bytes());
    }
}

/// The compiled glossary: a trie over normalized words.
#[derive(Debug, Clone, Default)]
pub struct Matcher {
    words: HashMap<WordKey, Word>,
    edges: HashMap<(u32, u32), u32>,
    nodes: Vec<Node>,
}

/// A word of the text being searched.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
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

/// The words of a text and the places where matches may start.
struct Scan {
    tokens: Vec<Token>,
    starts: Vec<Start>,
    /// Some ى particle is spelled with ى in the text.
    writes_maksura: bool,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    first: usize,
    last: usize,
    prefix_len: usize,
    entry: u32,
}

impl Matcher {
    /// Compiles every form (key and variants) of every entry. When several
    /// entries share a normalized form, the one of the latest glossary wins,
    /// then a key over a variant, then the first one.
    pub fn new(glossary: &Glossary) -> Self {
        let mut matcher = Matcher {
            words: HashMap::default(),
            edges: HashMap::default(),
            nodes: Vec::with_capacity(glossary.len()),
        };
        let mut ranks = Vec::new();
        for (index, entry) in glossary.entries().iter().enumerate() {
            let layer = glossary.layer(index);
            for (position, form) in entry.forms().enumerate() {
                let rank = (layer, position == 0);
                matcher.insert(form, index as u32, rank, &mut ranks);
            }
        }
        matcher
    }

    /// Adds one form, cut into words exactly as texts are.
    /// `ranks` holds, per node, the precedence of the form that owns it: its
    /// glossary layer, then key over variant.
    fn insert(&mut self, form: &str, entry: u32, rank: (u32, bool), ranks: &mut Vec<(u32, bool)>) {
        let mut node = NONE;
        let mut count = 0;
        let mut scanner = NormalizedWords::new(form);
        while let Some((_, word)) = scanner.next_word() {
            if word.is_empty() {
                continue;
            }
            let next_id = self.words.len() as u32;
            let known = self.words.entry(WordKey::new(word, "")).or_insert(Word {
                id: next_id,
                node: NONE,
            });
            node = if count == 0 {
                if known.node == NONE {
                    known.node = self.nodes.len() as u32;
                    self.nodes.push(Node::EMPTY);
                }
                known.node
            } else {
                let id = known.id;
                self.nodes[node as usize].children |= child_bit(id);
                let fresh = self.nodes.len() as u32;
                let child = *self.edges.entry((node, id)).or_insert(fresh);
                if child == fresh {
                    self.nodes.push(Node::EMPTY);
                }
                child
            };
            count += 1;
        }
        if count == 0 {
            return;
        }
        ranks.resize(self.nodes.len(), (0, false));
        let target = &mut self.nodes[node as usize];
        let owner = &mut ranks[node as usize];
        let wins =
            target.entry == NONE || rank.0 > owner.0 || (rank.0 == owner.0 && rank.1 && !owner.1);
        if wins {
            target.entry = entry;
            *owner = rank;
            target.ends_in_maksura = count == 1 && last_letter(form) == Some('ى');
        }
    }

    /// Writes the compiled tables for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u32(self.nodes.len() as u32);
        for node in &self.nodes {
            out.u32(node.entry);
            out.u8(node.ends_in_maksura as u8);
            out.u64(node.children);
        }
        out.u32(self.words.len() as u32);
        for (key, word) in &self.words {
            // Keys are cut from normalized text, so they are UTF-8.
            out.str(std::str::from_utf8(key.as_bytes()).unwrap_or_default());
            out.u32(word.id);
            out.u32(word.node);
        }
        out.u32(self.edges.len() as u32);
        for (&(parent, word), &child) in &self.edges {
            out.u32(parent);
            out.u32(word);
            out.u32(child);
        }
    }

    /// Reads what [`Matcher::write`] wrote for a glossary of `entries`
    /// entries; `None` when anything is out of range.
    pub(crate) fn read(input: &mut Reader, entries: usize) -> Option<Matcher> {
        let node_count = input.u32()? as usize;
        let mut nodes = Vec::with_capacity(node_count.min(input.remaining()));
        for _ in 0..node_count {
            let entry = input.u32()?;
            let ends_in_maksura = input.u8()? != 0;
            let children = input.u64()?;
            if entry != NONE && entry as usize >= entries {
                return None;
            }
            nodes.push(Node {
                entry,
                children,
                ends_in_maksura,
            });
        }
        let is_node = |node: u32| (node as usize) < node_count;
        let word_count = input.u32()?;
        let mut words = HashMap::with_capacity_and_hasher(
            (word_count as usize).min(input.remaining()),
            Default::default(),
        );
        for _ in 0..word_count {
            let key = WordKey::new(input.str()?, "");
            let word = Word {
                id: input.u32()?,
                node: input.u32()?,
            };
            if word.id >= word_count || (word.node != NONE && !is_node(word.node)) {
                return None;
            }
            words.insert(key, word);
        }
        let edge_count = input.u32()? as usize;
        let mut edges = HashMap::with_capacity_and_hasher(
            edge_count.min(input.remaining()),
            Default::default(),
        );
        for _ in 0..edge_count {
            let (parent, word, child) = (input.u32()?, input.u32()?, input.u32()?);
            if !is_node(parent) || !is_node(child) || word >= word_count {
                return None;
            }
            edges.insert((parent, word), child);
        }
        Some(Matcher {
            words,
            edges,
            nodes,
        })
    }

    /// The number of distinct normalized words in the glossary forms.
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// Every glossary entry in `text`, in text order, without overlaps.
    pub fn find(&self, text: &str) -> Vec<TermHit> {
        let scan = self.scan_in_parallel(text);
        let tokens = &scan.tokens;
        let mut candidates = Vec::with_capacity(scan.starts.len());
        for start in &scan.starts {
            let refuse_particle = match start.particle {
                Particle::No => false,
                Particle::WithMaksura => true,
                Particle::WithYa => !scan.writes_maksura,
            };
            self.walk(tokens, start, refuse_particle, &mut candidates);
        }
        resolve(&mut candidates)
            .into_iter()
            .map(|candidate| TermHit {
                start: tokens[candidate.first].start,
                end: tokens[candidate.last].end,
                prefix_len: candidate.prefix_len,
                entry: candidate.entry as usize,
            })
            .collect()
    }

    /// Scans a long text as two halves on two threads. The halves meet
    /// after a punctuation mark, which no word and no multi-word form
    /// crosses, so the result is the same as one scan.
    fn scan_in_parallel(&self, text: &str) -> Scan {
        let middle = text.len() / 2;
        let split = text[text.ceil_char_boundary(middle)..]
            .char_indices()
            .find(|&(_, c)| is_hard_separator(c))
            .map(|(at, c)| text.ceil_char_boundary(middle) + at + c.len_utf8());
        let Some(split) = split.filter(|_| text.len() >= PARALLEL_FROM_BYTES) else {
            return self.scan(text);
        };
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| self.scan(&text[split..]));
            (self.scan(&text[..split]), second.join())
        });
        let second = second.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut merged = first;
        let shift = merged.tokens.len();
        merged
            .tokens
            .extend(second.tokens.into_iter().map(|token| Token {
                start: token.start + split,
                end: token.end + split,
                ..token
            }));
        merged
            .starts
            .extend(second.starts.into_iter().map(|start| Start {
                token: start.token + shift,
                ..start
            }));
        merged.writes_maksura |= second.writes_maksura;
        merged
    }

    /// Every glossary entry in `text` as [`TermUse`]s (character offsets in `text`).
    pub fn term_uses(&self, glossary: &Glossary, text: &str) -> Vec<TermUse> {
        let mut offsets = CharOffsets::new(text);
        self.find(text)
            .iter()
            .map(|hit| hit.to_term_use(text, glossary, &mut offsets))
            .collect()
    }

    /// Cuts the text into words and lists where matches may start.
    fn scan(&self, text: &str) -> Scan {
        let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 6);
        let mut starts = Vec::with_capacity(text.len() / 16);
        let mut writes_maksura = false;
        let mut scanner = NormalizedWords::new(text);
        while let Some((range, word)) = scanner.next_word() {
            if word.is_empty() {
                continue;
            }
            if let Some(previous) = tokens.last_mut() {
                previous.joins_next = joins(&text[previous.end..range.start]);
            }
            let index = tokens.len();
            let known = self.words.get(&WordKey::new(word, ""));
            tokens.push(Token {
                start: range.start,
                end: range.end,
                id: known.map_or(NONE, |w| w.id),
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
            if let Some(known) = known
                && known.node != NONE
            {
                starts.push(Start {
                    token: index,
                    prefix_len: 0,
                    node: known.node,
                    particle: particle(word),
                });
            }
            for reading in proclitic_readings(word) {
                let article = if reading.restores_article { "ال" } else { "" };
                if let Some(found) = self.words.get(&WordKey::new(article, reading.rest))
                    && found.node != NONE
                {
                    starts.push(Start {
                        token: index,
                        prefix_len: original_prefix_len(original, reading.prefix.len()),
                        node: found.node,
                        particle: if reading.restores_article {
                            Particle::No
                        } else {
                            particle(reading.rest)
                        },
                    });
                }
            }
        }
        Scan {
            tokens,
            starts,
            writes_maksura,
        }
    }

    /// Follows the trie from `start` over the next words, collecting every
    /// form that ends on the way.
    fn walk(
        &self,
        tokens: &[Token],
        start: &Start,
        refuse_particle: bool,
        candidates: &mut Vec<Candidate>,
    ) {
        let mut node = start.node;
        let mut at = start.token;
        loop {
            let here = self.nodes[node as usize];
            let refused = at == start.token && refuse_particle && !here.ends_in_maksura;
            if here.entry != NONE && !refused {
                candidates.push(Candidate {
                    first: start.token,
                    last: at,
                    prefix_len: start.prefix_len,
                    entry: here.entry,
                });
            }
            if here.children == 0 || !tokens[at].joins_next {
                return;
            }
            let Some(next) = tokens
                .get(at + 1)
                .filter(|t| t.id != NONE && here.children & child_bit(t.id) != 0)
            else {
                return;
            };
            match self.edges.get(&(node, next.id)) {
                Some(&child) => {
                    node = child;
                    at += 1;
                }
                None => return,
            }
        }
    }
}

/// The bit of a word in its parent's `children` mask.
fn child_bit(word: u32) -> u64 {
    1 << (word.wrapping_mul(0x9E37_79B9) >> 26)
}

/// Picks non-overlapping candidates: longest first, then earliest, then the
/// shortest prefix. Candidates come in order of their first word.
fn resolve(candidates: &mut [Candidate]) -> Vec<Candidate> {
    let mut chosen = Vec::with_capacity(candidates.len());
    let mut at = 0;
    while at < candidates.len() {
        // A cluster: candidates chained by overlaps.
        let mut last = candidates[at].last;
        let mut end = at + 1;
        while end < candidates.len() && candidates[end].first <= last {
            last = last.max(candidates[end].last);
            end += 1;
        }
        let cluster = &mut candidates[at..end];
        if cluster.len() == 1 {
            chosen.push(cluster[0]);
        } else {
            cluster.sort_by_key(|c| (std::cmp::Reverse(c.last - c.first), c.first, c.prefix_len));
            let from = chosen.len();
            for candidate in cluster.iter() {
                let free = chosen[from..].iter().all(|taken: &Candidate| {
                    candidate.last < taken.first || taken.last < candidate.first
                });
                if free {
                    chosen.push(*candidate);
                }
            }
            chosen[from..].sort_by_key(|c| c.first);
        }
        at = end;
    }
    chosen
}

/// Texts from this size are scanned on two threads.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

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
    let visible: String = gap.chars().filter(|&c| !is_format_control(c)).collect();
    let visible = visible.as_str();
    if visible == "\r\n"
        || (visible.chars().count() == 1 && visible.chars().all(char::is_whitespace))
    {
        return true;
    }
    let hyphen = visible.strip_prefix(' ').unwrap_or(visible);
    let hyphen = hyphen.strip_suffix(' ').unwrap_or(hyphen);
    matches!(hyphen, "-" | "\u{2010}" | "\u{2011}")
}

/// The last letter of a word, marks and invisible characters aside.
fn last_letter(word: &str) -> Option<char> {
    word.trim_end()
        .chars()
        .rev()
        .find(|&c| !is_format_control(c) && !is_inner_mark(c))
}

/// The byte length of the original word's first characters that normalize
/// to `normalized_len` bytes, marks after them included.
fn original_prefix_len(original: &str, normalized_len: usize) -> usize {
    let mut produced = String::new();
    for (at, c) in original.char_indices() {
        let before = produced.len();
        push_normalized(c, &mut produced);
        if before >= normalized_len && produced.len() > before {
            return at;
        }
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
    fn term_uses_count_characters() {
        let g = glossary(&[("جنيف", &[])]);
        let uses = Matcher::new(&g).term_uses(&g, "في 😀 بجنيف");
        assert_eq!(
            (uses[0].start, uses[0].end, uses[0].prefix.as_str()),
            (5, 10, "ب")
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_converts_to_term_uses(text in "\\PC{0,80}") {
            let g = glossary(&[("بوش", &[]), ("ab", &[]), ("علي", &[])]);
            let uses = g.term_uses(&text);
            for pair in uses.windows(2) {
                proptest::prop_assert!(pair[0].end <= pair[1].start);
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
