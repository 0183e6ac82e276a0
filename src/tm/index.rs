//! The in-memory match index: every unit's tokens as interned ids, and an
//! inverted index from token to the units holding it.
//!
//! It is built when a TM is first searched, from the token ids the store
//! keeps for each unit (no tokenizing at open time). A search finds every
//! unit that can reach the threshold, not a heuristic subset:
//!
//! 1. A probe scores the few units sharing most of the query's rarest tokens;
//!    a good match found there raises the threshold for the rest.
//! 2. Each substitution costs at least [`VARIANT`] (half an edit), so a unit
//!    scoring `s` % shares at least `(2s/100 − 1) × n` tokens with an
//!    `n`-token query. The posting lists of the query's tokens are counted;
//!    the most common ones (`،` `.` في من), and with a high threshold rarer
//!    ones too, are left out of the count as long as a candidate must still
//!    share some counted tokens, which bounds what the left-out ones can add.
//! 3. Candidates are taken by count, most shared first; bounds on the
//!    distance from the lengths, from the count, from the exact overlap,
//!    then a cheap edit distance (every substitution at half cost) discard
//!    most before the exact weighted distance is computed.
//! 4. The threshold rises to the worst of the best `limit` hits found so far,
//!    so a query with an exact match stops after a few candidates.

use super::fuzzy::{
    self, INDEL, TokenFacts, VARIANT, char_edit_ratio, is_number, substitution_cost, variant_class,
};
use std::cell::RefCell;
use std::collections::HashMap;

/// `n` (a unit slot, a token or class id, a length) as the `u32` the index
/// stores it in. Checked where the value is made: an index of 2^32 units or
/// distinct tokens (hundreds of gigabytes of memory) is never built.
pub(super) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).expect("the index holds fewer than 2^32 units and tokens")
}

/// Lists of tokens held by more than this share of units are left out of
/// the count (as long as a candidate must still share one counted token)…
const SKIP_SHARE: usize = 32;
/// …and rarer lists too, as long as a candidate must share this many counted
/// tokens (which a high threshold from a good probe makes possible).
const SELECTIVE_COUNT: usize = 4;
/// The probe reads the rarest lists up to about this many postings…
const PROBE_POSTINGS: usize = 4096;
/// …and scores this many of the units sharing most of them.
const PROBE_UNITS: usize = 8;

/// One unit found by a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
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
pub(super) struct Query {
    facts: Vec<TokenFacts>,
    chars: Vec<Vec<char>>,
}

impl Query {
    /// Number of tokens.
    pub(super) fn len(&self) -> usize {
        self.facts.len()
    }
}

/// Builds an [`Index`] unit by unit.
#[derive(Debug, Default)]
pub(super) struct IndexBuilder {
    texts: Vec<Box<str>>,
    unit_ids: Vec<i64>,
    starts: Vec<u32>,
    arena: Vec<u32>,
    /// Per token: the last unit slot it was counted in, and how many units hold it.
    seen: Vec<u32>,
    frequency: Vec<u32>,
}

impl IndexBuilder {
    /// A builder with room for about `units` units of `tokens` tokens in all.
    pub(super) fn with_capacity(units: usize, tokens: usize) -> Self {
        let mut starts = Vec::with_capacity(units + 1);
        starts.push(0);
        Self {
            unit_ids: Vec::with_capacity(units),
            starts,
            arena: Vec::with_capacity(tokens),
            ..Self::default()
        }
    }

    /// Declares token `id` with its text.
    pub(super) fn add_token(&mut self, id: u32, text: &str) {
        let at = id as usize;
        if self.texts.len() <= at {
            self.texts.resize(at + 1, Box::from(""));
        }
        self.texts[at] = Box::from(text);
    }

    /// Adds unit `id` with its token ids.
    pub(super) fn add_unit(&mut self, id: i64, tokens: impl IntoIterator<Item = u32>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let slot = u32_of(self.unit_ids.len());
        self.unit_ids.push(id);
        let start = self.arena.len();
        self.arena.extend(tokens);
        // Count each token once per unit now, while the unit is in cache.
        for &token in &self.arena[start..] {
            let token = token as usize;
            if token >= self.seen.len() {
                self.seen.resize(token + 1, u32::MAX);
                self.frequency.resize(token + 1, 0);
            }
            if self.seen[token] != slot {
                self.seen[token] = slot;
                self.frequency[token] += 1;
            }
        }
        self.starts
            .push(u32::try_from(self.arena.len()).unwrap_or(u32::MAX));
    }

    /// Builds the inverted index.
    pub(super) fn build(mut self) -> Index {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let vocabulary = self.texts.len().max(self.frequency.len());
        self.texts.resize(vocabulary, Box::from(""));
        self.frequency.resize(vocabulary, 0);
        let units = self.unit_ids.len();

        // Postings: each unit once per distinct token, in unit order.
        let mut post_starts = Vec::with_capacity(vocabulary + 1);
        post_starts.push(0u32);
        for &frequency in &self.frequency {
            post_starts.push(post_starts[post_starts.len() - 1] + frequency);
        }
        let mut next = post_starts.clone();
        let mut postings = vec![0u32; post_starts[vocabulary] as usize];
        let mut seen = self.seen;
        seen.clear();
        seen.resize(vocabulary, u32::MAX);
        for slot in 0..units {
            for &token in &self.arena[self.starts[slot] as usize..self.starts[slot + 1] as usize] {
                if seen[token as usize] != u32_of(slot) {
                    seen[token as usize] = u32_of(slot);
                    postings[next[token as usize] as usize] = u32_of(slot);
                    next[token as usize] += 1;
                }
            }
        }

        let mut lookup = HashMap::with_capacity(vocabulary);
        let mut class_ids = HashMap::new();
        let mut classes = Vec::with_capacity(vocabulary);
        let mut numbers = Vec::with_capacity(vocabulary);
        for (id, text) in self.texts.iter().enumerate() {
            if !text.is_empty() {
                lookup.insert(text.clone(), u32_of(id));
            }
            let next = u32_of(class_ids.len());
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
                skip_marks: vec![false; vocabulary],
                ..Scratch::default()
            }),
        }
    }
}

/// Working memory of a search, kept between searches.
#[derive(Debug, Default)]
struct Scratch {
    counters: Vec<u8>,
    skip_marks: Vec<bool>,
    touched: Vec<u32>,
    row: Vec<u32>,
}

/// See the module documentation.
#[derive(Debug)]
pub(super) struct Index {
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
    pub(super) fn len(&self) -> usize {
        self.unit_ids.len()
    }

    /// True when no unit is indexed.
    pub(super) fn is_empty(&self) -> bool {
        self.unit_ids.is_empty()
    }

    /// The cost facts of a token text; tokens the TM has never seen get ids
    /// above the vocabulary (`fresh` numbers them within one comparison).
    pub(super) fn facts(&self, token: &str, fresh: &mut HashMap<String, u32>) -> TokenFacts {
        if let Some(&id) = self.lookup.get(token) {
            return TokenFacts {
                id,
                class: self.classes[id as usize],
                number: self.numbers[id as usize],
            };
        }
        let next = u32_of(self.texts.len() + fresh.len());
        let id = *fresh.entry(token.to_owned()).or_insert(next);
        let class = variant_class(token);
        let class = match self.class_ids.get(&class) {
            Some(&class) => class,
            None => {
                let next = u32_of(self.class_ids.len() + fresh.len());
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
    pub(super) fn query(&self, key: &str) -> Query {
        let tokens = fuzzy::tokens(key);
        let mut fresh = HashMap::new();
        Query {
            facts: tokens.iter().map(|t| self.facts(t, &mut fresh)).collect(),
            chars: tokens.iter().map(|t| t.chars().collect()).collect(),
        }
    }

    fn unit_len(&self, slot: usize) -> usize {
        (self.starts[slot + 1] - self.starts[slot]) as usize
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
    pub(super) fn search(&self, query: &Query, min_score: u8, limit: usize) -> Vec<Hit> {
        let n = query.len();
        if n == 0 || limit == 0 || self.is_empty() {
            return Vec::new();
        }
        let scratch = &mut *self.scratch.borrow_mut();
        let mut best = Best {
            hits: Vec::with_capacity(limit + 1),
            limit,
            min_score,
        };

        // Distinct known tokens with their weight in the query, rarest first.
        let mut known: Vec<u32> = query
            .facts
            .iter()
            .map(|facts| facts.id)
            .filter(|&id| (id as usize) < self.texts.len())
            .collect();
        known.sort_unstable();
        let mut lists: Vec<(u32, usize)> = Vec::new();
        for token in known {
            match lists.last_mut() {
                Some((last, weight)) if *last == token => *weight += 1,
                _ => lists.push((token, 1)),
            }
        }
        lists.sort_by_key(|&(token, _)| self.posting(token).len());

        // 1. Probe the units sharing most of the rarest tokens: a good match
        //    found now raises the bar for everything else.
        let mut probed = 0;
        let mut postings = 0;
        for &(token, _) in &lists {
            postings += self.posting(token).len();
            if probed > 0 && postings > PROBE_POSTINGS {
                break;
            }
            probed += 1;
        }
        for (_, slot) in self
            .count(&lists[..probed], 1, scratch)
            .into_iter()
            .take(PROBE_UNITS)
        {
            self.consider(query, slot, &mut best, &mut scratch.row);
        }

        // 2. Every unit that can still make the list: it shares at least
        //    `need` tokens with the query (see the module documentation).
        let threshold = best.threshold();
        let need = ((2 * usize::from(threshold)).saturating_sub(100) * n).div_ceil(100);
        let common = self.len() / SKIP_SHARE;
        let mut scanned = lists.len();
        let mut skipped_weight = 0;
        while scanned > 0 && need > 0 {
            let (token, weight) = lists[scanned - 1];
            if skipped_weight + weight >= need {
                break;
            }
            let must = need - skipped_weight - weight;
            if self.posting(token).len() <= common && must < SELECTIVE_COUNT {
                break;
            }
            skipped_weight += weight;
            scanned -= 1;
        }
        if need == 0 {
            // A threshold of 50 or less: any unit may qualify.
            scanned = 0;
            skipped_weight = lists.iter().map(|&(_, weight)| weight).sum();
        }
        let skipped = lists.split_off(scanned);
        for &(token, _) in &skipped {
            scratch.skip_marks[token as usize] = true;
        }
        let candidates = if need == 0 {
            (0..u32_of(self.len())).map(|slot| (0, slot)).collect()
        } else {
            let must = u8::try_from(need - skipped_weight).unwrap_or(u8::MAX);
            self.count(&lists, must, scratch)
        };
        for (count, slot) in candidates {
            // A saturated counter stands for "up to all of them".
            let count = if count == u8::MAX {
                n
            } else {
                usize::from(count)
            };
            // The best any unit of this count can do (the same length as the query).
            if !best.admits(lower_bound(n, n, count + skipped_weight), n) {
                break;
            }
            // Lengths first (cheap), then the tokens (a cache miss each).
            let m = self.unit_len(slot as usize);
            if !best.admits(lower_bound(n, m, count + skipped_weight), n.max(m)) {
                continue;
            }
            let tokens = self.unit_tokens(slot as usize);
            let shared = count + shared_skipped(tokens, &skipped, &scratch.skip_marks);
            if !best.admits(lower_bound(n, m, shared), n.max(m)) {
                continue;
            }
            self.consider(query, slot, &mut best, &mut scratch.row);
        }
        for &(token, _) in &skipped {
            scratch.skip_marks[token as usize] = false;
        }
        best.hits
    }

    /// Scores one unit and keeps it if it makes the list: a cheap distance
    /// (every substitution at half cost) first, then the real one.
    fn consider(&self, query: &Query, slot: u32, best: &mut Best, row: &mut Vec<u32>) {
        let unit = self.unit_ids[slot as usize];
        if best.hits.iter().any(|hit| hit.unit == unit) {
            return;
        }
        let tokens = self.unit_tokens(slot as usize);
        let (n, m) = (query.len(), tokens.len());
        let longest = n.max(m);
        let band = if fuzzy::needs_band(n, m) {
            let ids: Vec<u32> = query.facts.iter().map(|facts| facts.id).collect();
            fuzzy::Band::around(&ids, tokens)
        } else {
            None
        };
        let rough = fuzzy::distance(n, m, band.as_ref(), row, |i, j| {
            if query.facts[i].id == tokens[j] {
                0
            } else {
                VARIANT
            }
        });
        if !best.admits(rough, longest) {
            return;
        }
        // Long sentences repeat their words: compare each pair's letters once.
        let memoize = band.is_some();
        let mut ratios: foldhash::HashMap<(u32, u32), u32> = foldhash::HashMap::default();
        let distance = fuzzy::distance(n, m, band.as_ref(), row, |i, j| {
            let token = tokens[j] as usize;
            let facts = TokenFacts {
                id: tokens[j],
                class: self.classes[token],
                number: self.numbers[token],
            };
            substitution_cost(query.facts[i], facts, || {
                let ratio = || char_edit_ratio(&query.chars[i], &self.texts[token]);
                if memoize {
                    *ratios
                        .entry((query.facts[i].id, tokens[j]))
                        .or_insert_with(ratio)
                } else {
                    ratio()
                }
            })
        });
        if best.admits(distance, longest) {
            best.insert(Hit {
                unit,
                score: fuzzy::score(distance, n, m),
                distance,
                longest: u32_of(longest),
            });
        }
    }

    /// Units whose weighted count of the listed tokens reaches `must`, most
    /// shared first (the count saturates at 255).
    fn count(&self, lists: &[(u32, usize)], must: u8, scratch: &mut Scratch) -> Vec<(u8, u32)> {
        let Scratch {
            counters, touched, ..
        } = scratch;
        touched.clear();
        for &(token, weight) in lists {
            let weight = u8::try_from(weight).unwrap_or(u8::MAX);
            for &slot in self.posting(token) {
                let counter = &mut counters[slot as usize];
                if *counter == 0 {
                    touched.push(slot);
                }
                *counter = counter.saturating_add(weight);
            }
        }
        // Counting sort, most shared first: a full sort of thousands of
        // weak candidates would cost more than scoring the few strong ones.
        let mut starts = [0usize; 257];
        for &slot in touched.iter() {
            let count = counters[slot as usize];
            if count >= must {
                starts[usize::from(u8::MAX - count) + 1] += 1;
            }
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut found = vec![(0, 0); starts[256]];
        for &slot in touched.iter() {
            let count = counters[slot as usize];
            counters[slot as usize] = 0;
            if count >= must {
                let at = &mut starts[usize::from(u8::MAX - count)];
                found[*at] = (count, slot);
                *at += 1;
            }
        }
        found
    }
}

/// The best hits so far.
struct Best {
    hits: Vec<Hit>,
    limit: usize,
    min_score: u8,
}

impl Best {
    /// Does a distance over `longest` tokens still make the list?
    fn admits(&self, distance: u32, longest: usize) -> bool {
        match self.hits.get(self.limit - 1) {
            None => distance <= fuzzy::max_distance(self.min_score, longest, longest),
            Some(worst) => {
                u64::from(distance) * u64::from(worst.longest.max(1))
                    <= u64::from(worst.distance) * longest as u64
            }
        }
    }

    /// The score a unit needs now.
    fn threshold(&self) -> u8 {
        self.hits
            .get(self.limit - 1)
            .map_or(self.min_score, |worst| worst.score.max(self.min_score))
    }

    fn insert(&mut self, hit: Hit) {
        let at = self
            .hits
            .iter()
            .position(|b| hit.better_than(b))
            .unwrap_or(self.hits.len());
        self.hits.insert(at, hit);
        self.hits.truncate(self.limit);
    }
}

/// How many of the unit's tokens match the query tokens left out of the
/// count (each at most as often as the query has it).
fn shared_skipped(tokens: &[u32], skipped: &[(u32, usize)], marks: &[bool]) -> usize {
    if skipped.is_empty() {
        return 0;
    }
    if skipped.len() > 64 {
        // Too many to track one by one: count every marked token (an upper bound).
        return tokens.iter().filter(|&&t| marks[t as usize]).count();
    }
    let mut used = [0usize; 64];
    let mut shared = 0;
    for &token in tokens {
        if !marks[token as usize] {
            continue;
        }
        if let Some(at) = skipped.iter().position(|&(t, _)| t == token) {
            let slot = &mut used[at];
            if *slot < skipped[at].1 {
                *slot += 1;
                shared += 1;
            }
        }
    }
    shared
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
                    let next = u32_of(ids.len()) + 1;
                    *ids.entry(t.to_owned()).or_insert(next)
                })
                .collect();
            builder.add_unit(i64::try_from(at + 1).expect("a unit id"), unit);
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
