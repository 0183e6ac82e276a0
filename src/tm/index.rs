//! The in-memory match index: every unit's tokens as interned ids, and an
//! inverted index from token to the units holding it.
//!
//! It is built when a TM is first searched, from the token ids the store
//! keeps for each unit (no tokenizing at open time). A search finds every
//! unit that can reach the threshold, not a heuristic subset:
//!
//! 1. Each substitution costs at least [`VARIANT`] (half an edit), so a unit
//!    scoring `s` % shares at least `(2s/100 − 1) × n` tokens with an
//!    `n`-token query. The posting lists of the query's tokens are counted
//!    (rarest first); the most common ones (`،` `.` في من) may be left out as
//!    long as the count still has to reach at least 1, which bounds what they
//!    could add.
//! 2. Candidates are taken by count, most shared tokens first; a bound on the
//!    distance from the count and the lengths, then a cheap edit distance
//!    (every substitution at half cost), discard most before the exact
//!    weighted distance is computed.
//! 3. The threshold rises to the worst of the best `limit` hits found so far,
//!    so a query with an exact match stops after a few candidates.

use super::fuzzy::{
    self, INDEL, TokenFacts, VARIANT, char_edit_ratio, is_number, substitution_cost, variant_class,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// Lists of tokens held by more than this share of units may be skipped.
const SKIP_SHARE: usize = 32;

/// One unit found by a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The unit's id in the store.
    pub unit: i64,
    /// Its score.
    pub score: u8,
    /// Weighted edit distance, in thousandths of an edit.
    pub distance: u32,
    /// The longer of the query's and the unit's token counts.
    pub longest: u32,
}

impl Hit {
    /// True when `self` ranks above `other`: smaller share of edits, then
    /// the newer unit.
    fn better_than(&self, other: &Hit) -> bool {
        let mine = u64::from(self.distance) * u64::from(other.longest.max(1));
        let theirs = u64::from(other.distance) * u64::from(self.longest.max(1));
        mine < theirs || (mine == theirs && self.unit > other.unit)
    }
}

/// A query ready to search: its tokens' facts and letters.
#[derive(Debug, Clone)]
pub struct Query {
    facts: Vec<TokenFacts>,
    chars: Vec<Vec<char>>,
}

impl Query {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// True when the query has no tokens.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

/// Builds an [`Index`] unit by unit.
#[derive(Debug, Default)]
pub struct IndexBuilder {
    texts: Vec<Box<str>>,
    unit_ids: Vec<i64>,
    starts: Vec<u32>,
    arena: Vec<u32>,
}

impl IndexBuilder {
    /// Declares token `id` with its text.
    pub fn add_token(&mut self, id: u32, text: &str) {
        let at = id as usize;
        if self.texts.len() <= at {
            self.texts.resize(at + 1, Box::from(""));
        }
        self.texts[at] = Box::from(text);
    }

    /// Adds unit `id` with its token ids.
    pub fn add_unit(&mut self, id: i64, tokens: impl IntoIterator<Item = u32>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.unit_ids.push(id);
        self.arena.extend(tokens);
        self.starts
            .push(u32::try_from(self.arena.len()).unwrap_or(u32::MAX));
    }

    /// Builds the inverted index.
    pub fn build(mut self) -> Index {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let largest = self
            .arena
            .iter()
            .copied()
            .max()
            .map_or(0, |t| t as usize + 1);
        if self.texts.len() < largest {
            self.texts.resize(largest, Box::from(""));
        }
        let vocabulary = self.texts.len();
        let units = self.unit_ids.len();

        // Postings: each unit once per distinct token, in unit order.
        let mut seen = vec![u32::MAX; vocabulary];
        let mut counts = vec![0u32; vocabulary + 1];
        for slot in 0..units {
            for &token in &self.arena[self.starts[slot] as usize..self.starts[slot + 1] as usize] {
                if seen[token as usize] != slot as u32 {
                    seen[token as usize] = slot as u32;
                    counts[token as usize + 1] += 1;
                }
            }
        }
        for at in 1..counts.len() {
            counts[at] += counts[at - 1];
        }
        let post_starts = counts.clone();
        let mut postings = vec![0u32; *counts.last().unwrap_or(&0) as usize];
        seen.fill(u32::MAX);
        for slot in 0..units {
            for &token in &self.arena[self.starts[slot] as usize..self.starts[slot + 1] as usize] {
                if seen[token as usize] != slot as u32 {
                    seen[token as usize] = slot as u32;
                    postings[counts[token as usize] as usize] = slot as u32;
                    counts[token as usize] += 1;
                }
            }
        }

        let mut lookup = HashMap::with_capacity(vocabulary);
        let mut class_ids = HashMap::new();
        let mut classes = Vec::with_capacity(vocabulary);
        let mut numbers = Vec::with_capacity(vocabulary);
        for (id, text) in self.texts.iter().enumerate() {
            if !text.is_empty() {
                lookup.insert(text.clone(), id as u32);
            }
            let next = class_ids.len() as u32;
            classes.push(*class_ids.entry(variant_class(text)).or_insert(next));
            numbers.push(is_number(text));
        }

        Index {
            texts: self.texts,
            lookup,
            class_ids,
            classes,
            numbers,
            unit_ids: self.unit_ids,
            starts: self.starts,
            arena: self.arena,
            post_starts,
            postings,
            scratch: RefCell::new(Scratch {
                counters: vec![0; units],
                ..Scratch::default()
            }),
        }
    }
}

/// Working memory of a search, kept between searches.
#[derive(Debug, Default)]
struct Scratch {
    counters: Vec<u16>,
    touched: Vec<u32>,
    row: Vec<u32>,
}

/// See the module documentation.
#[derive(Debug)]
pub struct Index {
    texts: Vec<Box<str>>,
    lookup: HashMap<Box<str>, u32>,
    class_ids: HashMap<String, u32>,
    classes: Vec<u32>,
    numbers: Vec<bool>,
    unit_ids: Vec<i64>,
    starts: Vec<u32>,
    arena: Vec<u32>,
    post_starts: Vec<u32>,
    postings: Vec<u32>,
    scratch: RefCell<Scratch>,
}

impl Index {
    /// Number of units indexed.
    pub fn len(&self) -> usize {
        self.unit_ids.len()
    }

    /// True when no unit is indexed.
    pub fn is_empty(&self) -> bool {
        self.unit_ids.is_empty()
    }

    /// The cost facts of a token text; tokens the TM has never seen get ids
    /// above the vocabulary (`fresh` numbers them within one comparison).
    pub fn facts(&self, token: &str, fresh: &mut HashMap<String, u32>) -> TokenFacts {
        if let Some(&id) = self.lookup.get(token) {
            return TokenFacts {
                id,
                class: self.classes[id as usize],
                number: self.numbers[id as usize],
            };
        }
        let next = (self.texts.len() + fresh.len()) as u32;
        let id = *fresh.entry(token.to_owned()).or_insert(next);
        let class = variant_class(token);
        let class = match self.class_ids.get(&class) {
            Some(&class) => class,
            None => {
                let next = (self.class_ids.len() + fresh.len()) as u32;
                *fresh.entry(format!("\u{0}{class}")).or_insert(next)
            }
        };
        TokenFacts {
            id,
            class,
            number: is_number(token),
        }
    }

    /// Prepares a query from its normalized key.
    pub fn query(&self, key: &str) -> Query {
        let tokens = fuzzy::tokens(key);
        let mut fresh = HashMap::new();
        Query {
            facts: tokens.iter().map(|t| self.facts(t, &mut fresh)).collect(),
            chars: tokens.iter().map(|t| t.chars().collect()).collect(),
        }
    }

    fn unit_tokens(&self, slot: usize) -> &[u32] {
        &self.arena[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }

    fn posting(&self, token: u32) -> &[u32] {
        let token = token as usize;
        if token + 1 >= self.post_starts.len() {
            return &[];
        }
        &self.postings[self.post_starts[token] as usize..self.post_starts[token + 1] as usize]
    }

    /// The best `limit` units scoring at least `min_score`, best first.
    pub fn search(&self, query: &Query, min_score: u8, limit: usize) -> Vec<Hit> {
        let n = query.len();
        if n == 0 || limit == 0 || self.is_empty() {
            return Vec::new();
        }
        let scratch = &mut *self.scratch.borrow_mut();
        let (candidates, skipped) = self.candidates(query, min_score, scratch);
        let mut best: Vec<Hit> = Vec::with_capacity(limit + 1);
        // Does a distance over `longest` tokens still make the list?
        let admits = |best: &Vec<Hit>, distance: u32, longest: usize| -> bool {
            if best.len() < limit {
                return distance <= fuzzy::max_distance(min_score, longest, longest);
            }
            let worst = best[best.len() - 1];
            u64::from(distance) * u64::from(worst.longest.max(1))
                <= u64::from(worst.distance) * longest as u64
        };
        for (count, slot) in candidates {
            let tokens = self.unit_tokens(slot as usize);
            let m = tokens.len();
            let shared_at_best = (count as usize + skipped).min(n);
            // The best any unit of this count can do (the same length as the query).
            if !admits(&best, lower_bound(n, n, shared_at_best), n) {
                break;
            }
            let shared = shared_at_best.min(m);
            let longest = n.max(m);
            if !admits(&best, lower_bound(n, m, shared), longest) {
                continue;
            }
            let rough = fuzzy::distance(n, m, &mut scratch.row, |i, j| {
                if query.facts[i].id == tokens[j] {
                    0
                } else {
                    VARIANT
                }
            });
            if !admits(&best, rough, longest) {
                continue;
            }
            let distance = fuzzy::distance(n, m, &mut scratch.row, |i, j| {
                let token = tokens[j] as usize;
                let facts = TokenFacts {
                    id: tokens[j],
                    class: self.classes[token],
                    number: self.numbers[token],
                };
                substitution_cost(query.facts[i], facts, || {
                    char_edit_ratio(&query.chars[i], &self.texts[token])
                })
            });
            if !admits(&best, distance, longest) {
                continue;
            }
            let hit = Hit {
                unit: self.unit_ids[slot as usize],
                score: fuzzy::score(distance, n, m),
                distance,
                longest: longest as u32,
            };
            let at = best
                .iter()
                .position(|b| hit.better_than(b))
                .unwrap_or(best.len());
            best.insert(at, hit);
            best.truncate(limit);
        }
        best
    }

    /// Units sharing enough tokens with the query, most shared first, and
    /// how many query tokens were left out of the count.
    fn candidates(
        &self,
        query: &Query,
        min_score: u8,
        scratch: &mut Scratch,
    ) -> (Vec<(u16, u32)>, usize) {
        let n = query.len();
        let need = (2 * usize::from(min_score.min(100))).saturating_sub(100) * n;
        let need = need.div_ceil(100);
        if need == 0 {
            // A threshold of 50 or less: any unit may qualify.
            let all = (0..self.len() as u32).map(|slot| (0, slot)).collect();
            return (all, n);
        }

        // Distinct known tokens with their weight in the query, rarest first.
        let mut lists: Vec<(u32, usize)> = Vec::new();
        for facts in &query.facts {
            if (facts.id as usize) < self.texts.len() {
                match lists.iter_mut().find(|(token, _)| *token == facts.id) {
                    Some((_, weight)) => *weight += 1,
                    None => lists.push((facts.id, 1)),
                }
            }
        }
        lists.sort_by_key(|&(token, _)| self.posting(token).len());

        // Leave out the most common lists while the count must still reach 1.
        let common = self.len() / SKIP_SHARE;
        let mut skipped = 0;
        let mut scanned = lists.len();
        while scanned > 0 {
            let (token, weight) = lists[scanned - 1];
            if self.posting(token).len() <= common || skipped + weight >= need {
                break;
            }
            skipped += weight;
            scanned -= 1;
        }
        let must = (need - skipped) as u16;

        let Scratch {
            counters, touched, ..
        } = scratch;
        touched.clear();
        for &(token, weight) in &lists[..scanned] {
            for &slot in self.posting(token) {
                let counter = &mut counters[slot as usize];
                if *counter == 0 {
                    touched.push(slot);
                }
                *counter = counter.saturating_add(weight as u16);
            }
        }
        // Counting sort, most shared first: a full sort of thousands of
        // weak candidates would cost more than scoring the few strong ones.
        let top = touched
            .iter()
            .map(|&slot| counters[slot as usize])
            .max()
            .unwrap_or(0);
        let mut starts = vec![0usize; usize::from(top) + 2];
        for &slot in touched.iter() {
            let count = counters[slot as usize];
            if count >= must {
                starts[usize::from(top - count) + 1] += 1;
            }
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut found = vec![(0, 0); starts[starts.len() - 1]];
        for &slot in touched.iter() {
            let count = counters[slot as usize];
            counters[slot as usize] = 0;
            if count >= must {
                let at = &mut starts[usize::from(top - count)];
                found[*at] = (count, slot);
                *at += 1;
            }
        }
        (found, skipped)
    }
}

/// The least weighted distance between sentences of `n` and `m` tokens that
/// share at most `shared` tokens: each unshared position of the longer one
/// costs at least half an edit, and the difference in length whole edits.
fn lower_bound(n: usize, m: usize, shared: usize) -> u32 {
    let (longest, shortest) = (n.max(m), n.min(m));
    let shared = shared.min(shortest);
    let bound = longest as u64 * u64::from(INDEL) - (shortest + shared) as u64 * u64::from(VARIANT);
    u32::try_from(bound).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::fuzzy::{key, tokens};

    fn index(sentences: &[&str]) -> Index {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut builder = IndexBuilder::default();
        for (at, sentence) in sentences.iter().enumerate() {
            let k = key(sentence);
            let unit: Vec<u32> = tokens(&k)
                .into_iter()
                .map(|t| {
                    let next = ids.len() as u32 + 1;
                    *ids.entry(t.to_owned()).or_insert(next)
                })
                .collect();
            builder.add_unit(at as i64 + 1, unit);
        }
        for (text, id) in &ids {
            builder.add_token(*id, text);
        }
        builder.build()
    }

    #[test]
    fn finds_exact_and_fuzzy_matches_best_first() {
        let index = index(&[
            "ذهب الوفد الروسي إلى جنيف يوم الاثنين",
            "ذهب الوفد الروسي إلى فيينا يوم الاثنين",
            "قال المتحدث إن المحادثات كانت صعبة",
        ]);
        let query = index.query(&key("ذهب الوفد الروسي إلى جنيف يوم الثلاثاء"));
        let hits = index.search(&query, 75, 3);
        assert_eq!(hits.iter().map(|h| h.unit).collect::<Vec<_>>(), [1, 2]);
        assert!(hits[0].score > hits[1].score);
        let exact = index.search(
            &index.query(&key("قال المتحدث إن المحادثات كانت صعبة")),
            75,
            1,
        );
        assert_eq!((exact[0].unit, exact[0].score), (3, 100));
    }

    #[test]
    fn nothing_below_the_threshold() {
        let index = index(&["ذهب الوفد الروسي إلى جنيف يوم الاثنين"]);
        let query = index.query(&key("أعلنت وزارة الصحة عن حالات جديدة"));
        assert!(index.search(&query, 75, 3).is_empty());
    }

    #[test]
    fn the_bound_never_exceeds_a_real_distance() {
        // Two sentences sharing 2 of 4 tokens: the best case is 2 variants.
        assert_eq!(lower_bound(4, 4, 2), 1000);
        assert_eq!(lower_bound(4, 6, 4), 2000);
    }

    #[test]
    fn matches_a_sentence_with_common_words_only_changed() {
        // Common tokens may be left out of the count: the bound must still hold.
        let mut sentences = vec!["في من على إلى في من"; 100];
        sentences.push("كتب الصحفي مقالا طويلا في من");
        let index = index(&sentences);
        let query = index.query(&key("كتب الصحفي مقالا طويلا في على"));
        let hits = index.search(&query, 75, 1);
        assert_eq!(hits[0].unit, 101);
    }
}
