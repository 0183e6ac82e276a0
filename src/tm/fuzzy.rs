//! Fuzzy scoring: word-level edit distance on normalized tokens.
//!
//! A sentence becomes a list of tokens: the words of its normalized key
//! (see [`key`]) and each punctuation mark on its own. Two sentences are
//! compared with a weighted Levenshtein distance over those tokens:
//!
//! | edit | cost |
//! |---|---|
//! | the same token | 0 |
//! | a variant: the same word behind other proclitics (و ف ب ك ل ال), other Latin case, another quotation mark or dash | 0.5 |
//! | a number for another number, or anything for a number | 1 |
//! | another word | 0.5 + 0.5 × the share of its letters that change (character edit distance ÷ the longer length) |
//! | a token inserted or deleted | 1 |
//!
//! and the score is `100 × (1 − distance ÷ max(tokens))`, rounded down. So
//! 100 means the very same tokens (the sentences differ at most in
//! diacritics, tatweel, letter forms, digits' script, spacing); any edit,
//! a changed number included, gives at most 99. Words that share most of
//! their letters (inflections of one root, a missing hamza) cost less than
//! unrelated words, which is what makes a match with three such changes in
//! an eleven-word sentence still worth offering.
//!
//! Costs are kept in thousandths so that scores are exact integers.

use super::index::u32_of;
use crate::text::{normalize, normalize_str, tokenize};
use std::ops::Range;

/// Cost of inserting or deleting a token, in thousandths.
pub const INDEL: u32 = 1000;
/// Cost of a variant of the same token, and the least any substitution costs.
pub const VARIANT: u32 = 500;

/// The normalized key of a sentence: [`normalize_str`] with runs of
/// whitespace collapsed to one space and the ends trimmed.
pub fn key(sentence: &str) -> String {
    crate::exchange::collapse_whitespace(&normalize_str(sentence))
}

/// Byte ranges of the match tokens of normalized text: words (as
/// [`tokenize::words`] finds them) and every other non-space character alone.
pub fn token_ranges(normalized: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut at = 0;
    let push_marks = |from: usize, to: usize, ranges: &mut Vec<Range<usize>>| {
        for (offset, c) in normalized[from..to].char_indices() {
            if !c.is_whitespace() {
                let start = from + offset;
                ranges.push(start..start + c.len_utf8());
            }
        }
    };
    for word in tokenize::words(normalized) {
        push_marks(at, word.start, &mut ranges);
        at = word.end;
        ranges.push(word);
    }
    push_marks(at, normalized.len(), &mut ranges);
    ranges
}

/// The match tokens of a sentence (normalized).
pub fn tokens(key: &str) -> Vec<&str> {
    token_ranges(key).into_iter().map(|r| &key[r]).collect()
}

/// What stays of a token when variants are folded: proclitics stripped from
/// Arabic words, Latin lower-cased, quotation marks and dashes unified.
pub fn variant_class(token: &str) -> String {
    let mut chars = token.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && !c.is_alphanumeric()
    {
        return match c {
            '"' | '\'' | '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '‹' | '›' => {
                "\"".into()
            }
            '-' | '–' | '—' | '‐' | '‒' | '−' => "-".into(),
            c => c.to_string(),
        };
    }
    strip_proclitics(&token.to_lowercase()).to_owned()
}

/// Strips و/ف, then ب/ك/ل, then ال (and لل = ل + ال) while a stem of at
/// least two letters remains.
fn strip_proclitics(word: &str) -> &str {
    let letters = |s: &str| s.chars().count();
    let mut stem = word;
    if let Some(rest) = stem.strip_prefix(['و', 'ف'])
        && letters(rest) >= 3
    {
        stem = rest;
    }
    if let Some(rest) = stem.strip_prefix("لل")
        && letters(rest) >= 2
    {
        return rest;
    }
    if let Some(rest) = stem.strip_prefix(['ب', 'ك', 'ل'])
        && letters(rest) >= 3
    {
        stem = rest;
    }
    if let Some(rest) = stem.strip_prefix("ال")
        && letters(rest) >= 2
    {
        stem = rest;
    }
    stem
}

/// True when a token is (or holds) a number.
pub fn is_number(token: &str) -> bool {
    token.bytes().any(|b| b.is_ascii_digit())
}

/// Everything the cost function needs to know about one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TokenFacts {
    /// Token id (equal ids: the same token).
    pub id: u32,
    /// Variant class id (equal classes: variants of one another).
    pub class: u32,
    /// Whether the token is a number.
    pub number: bool,
}

/// The cost of putting `b` where `a` stands, given a way to get the
/// character edit ratio (in thousandths) of two different tokens.
pub fn substitution_cost(a: TokenFacts, b: TokenFacts, char_ratio: impl FnOnce() -> u32) -> u32 {
    if a.id == b.id {
        0
    } else if a.class == b.class {
        VARIANT
    } else if a.number || b.number {
        INDEL
    } else {
        VARIANT + char_ratio() / 2
    }
}

/// Two tokens whose letters make more cells than this (two 2,000-letter
/// "words") are not compared letter by letter: they count as having nothing
/// in common, which can only lower a score.
const MAX_CHAR_CELLS: usize = 4_000_000;

/// Character edit distance of two tokens divided by the longer length, in
/// thousandths (0 = equal, 1000 = nothing in common).
pub fn char_edit_ratio(a: &[char], b: &str) -> u32 {
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 0;
    }
    if a.len().saturating_mul(b.len()) > MAX_CHAR_CELLS {
        return 1000;
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            let cost = usize::from(ca != cb);
            row[j + 1] = (diagonal + cost).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    u32::try_from(row[b.len()] * 1000 / longest).unwrap_or(1000)
}

/// Sentences whose token table has more cells than this (two sentences of
/// 2,000 tokens) are compared within a [`Band`].
pub const MAX_CELLS: usize = 4_000_000;

/// True when sentences of `n` and `m` tokens are compared within a [`Band`].
pub fn needs_band(n: usize, m: usize) -> bool {
    (n + 1).saturating_mul(m + 1) > MAX_CELLS
}

/// Cells of a band, whatever the length of the sentences.
const BAND_CELLS: usize = 8_000_000;

/// Runs of this many tokens that two long sentences share, once in each,
/// anchor their alignment.
const ANCHOR_TOKENS: usize = 4;

/// Where the alignment of two long sentences is sought: for each token of
/// the longer one (a row), the tokens of the other within a fixed distance
/// of a line through the runs of tokens the two share (anchors).
///
/// A distance within the band is the cost of a real alignment, so it is
/// never less than the exact distance: a score computed from it may be a
/// little low, never too high. The work grows with the length, not with
/// its square, so that a sentence of a million words takes a second, not
/// hours.
#[derive(Debug, Clone)]
pub struct Band {
    /// Rows are the unit's tokens (it is the longer), not the query's.
    transposed: bool,
    /// Per row, the column of the line the band follows.
    centers: Vec<u32>,
    /// Columns on each side of the line.
    half: u32,
}

impl Band {
    /// The band for a query and a unit given as token ids, or `None` when
    /// the whole table is small enough to be computed exactly.
    pub fn around(query: &[u32], unit: &[u32]) -> Option<Band> {
        let (n, m) = (query.len(), unit.len());
        if !needs_band(n, m) {
            return None;
        }
        let half = BAND_CELLS / (2 * n.max(m) + 2);
        Some(Band::build(query, unit, u32_of(half.max(16))))
    }

    /// The band `half` columns each side of the line through the anchors.
    fn build(query: &[u32], unit: &[u32], half: u32) -> Band {
        let (n, m) = (query.len(), unit.len());
        let transposed = n < m;
        let (rows, cols) = if transposed { (m, n) } else { (n, m) };
        let mut points: Vec<(u32, u32)> = vec![(0, 0)];
        for (i, j) in anchors(query, unit) {
            let (r, c) = if transposed { (j, i) } else { (i, j) };
            let last = points[points.len() - 1];
            if r > last.0 && c > last.1 && (r as usize) < rows && (c as usize) < cols {
                points.push((r, c));
            }
        }
        points.push((u32_of(rows), u32_of(cols)));
        let mut centers = Vec::with_capacity(rows + 1);
        centers.push(0);
        for pair in points.windows(2) {
            let ((r0, c0), (r1, c1)) = (pair[0], pair[1]);
            for r in r0 + 1..=r1 {
                let step = u64::from(r - r0) * u64::from(c1 - c0) / u64::from(r1 - r0);
                centers.push(c0 + u32::try_from(step).expect("a step below c1 - c0"));
            }
        }
        Band {
            transposed,
            centers,
            half,
        }
    }

    /// The columns row `r` covers.
    fn window(&self, r: usize, cols: usize) -> (usize, usize) {
        let from = if r == 0 { 0 } else { self.centers[r - 1] };
        (
            from.saturating_sub(self.half) as usize,
            (self.centers[r].saturating_add(self.half) as usize).min(cols),
        )
    }

    /// The least cost of an alignment inside the band; `cost(row, column)`.
    fn distance(&self, cols: usize, mut cost: impl FnMut(usize, usize) -> u32) -> u32 {
        const FAR: u32 = u32::MAX / 2;
        let rows = self.centers.len() - 1;
        let (mut previous_lo, mut previous_hi) = self.window(0, cols);
        let mut previous: Vec<u32> = (previous_lo..=previous_hi)
            .map(|c| u32_of(c) * INDEL)
            .collect();
        let mut current = Vec::with_capacity(previous.capacity());
        for r in 1..=rows {
            let (lo, hi) = self.window(r, cols);
            let covered = previous_lo..=previous_hi;
            current.clear();
            for c in lo..=hi {
                let mut best = if covered.contains(&c) {
                    previous[c - previous_lo].saturating_add(INDEL)
                } else {
                    FAR
                };
                if c > 0 && covered.contains(&(c - 1)) {
                    let diagonal = previous[c - 1 - previous_lo];
                    best = best.min(diagonal.saturating_add(cost(r - 1, c - 1)));
                }
                if c > lo {
                    best = best.min(current[c - 1 - lo] + INDEL);
                }
                current.push(best.min(FAR));
            }
            std::mem::swap(&mut previous, &mut current);
            (previous_lo, previous_hi) = (lo, hi);
        }
        previous[cols - previous_lo]
    }
}

/// The runs of [`ANCHOR_TOKENS`] tokens found once in `a` and once in `b`,
/// as `(start in a, start in b)`, the longest chain that goes forward in both.
fn anchors(a: &[u32], b: &[u32]) -> Vec<(u32, u32)> {
    let hash = |run: &[u32]| {
        run.iter().fold(0u64, |hash, &token| {
            (hash.rotate_left(21) ^ u64::from(token)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        })
    };
    // Per run: how often it is in a and in b, and where (the last time).
    let mut runs: foldhash::HashMap<u64, [u32; 4]> = foldhash::HashMap::default();
    for (i, run) in a.windows(ANCHOR_TOKENS).enumerate() {
        let seen = runs.entry(hash(run)).or_default();
        seen[0] += 1;
        seen[1] = u32_of(i);
    }
    for (j, run) in b.windows(ANCHOR_TOKENS).enumerate() {
        if let Some(seen) = runs.get_mut(&hash(run)) {
            seen[2] += 1;
            seen[3] = u32_of(j);
        }
    }
    let mut pairs: Vec<(u32, u32)> = runs
        .values()
        .filter(|seen| seen[0] == 1 && seen[2] == 1)
        .map(|seen| (seen[1], seen[3]))
        .filter(|&(i, j)| {
            let (i, j) = (i as usize, j as usize);
            a[i..i + ANCHOR_TOKENS] == b[j..j + ANCHOR_TOKENS]
        })
        .collect();
    pairs.sort_unstable();
    // Longest chain increasing in b (patience sorting).
    let mut tails: Vec<usize> = Vec::new();
    let mut before = vec![usize::MAX; pairs.len()];
    for (at, &(_, j)) in pairs.iter().enumerate() {
        let place = tails.partition_point(|&tail| pairs[tail].1 < j);
        if place > 0 {
            before[at] = tails[place - 1];
        }
        if place == tails.len() {
            tails.push(at);
        } else {
            tails[place] = at;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied().unwrap_or(usize::MAX);
    while at != usize::MAX {
        chain.push(pairs[at]);
        at = before[at];
    }
    chain.reverse();
    chain
}

/// Weighted edit distance between `query` (length `n`) and `unit`
/// (length `m`), with `cost(i, j)` the substitution cost of their tokens:
/// exact, or within `band` when there is one ([`Band::around`]). `row` is
/// scratch space.
pub fn distance(
    n: usize,
    m: usize,
    band: Option<&Band>,
    row: &mut Vec<u32>,
    mut cost: impl FnMut(usize, usize) -> u32,
) -> u32 {
    if let Some(band) = band {
        return if band.transposed {
            band.distance(n, |r, c| cost(c, r))
        } else {
            band.distance(m, cost)
        };
    }
    row.clear();
    row.extend((0..=m).map(|j| u32_of(j) * INDEL));
    for i in 0..n {
        let mut diagonal = row[0];
        row[0] = (u32_of(i) + 1) * INDEL;
        for j in 0..m {
            let above = row[j + 1];
            let substitute = diagonal + cost(i, j);
            row[j + 1] = substitute.min(above + INDEL).min(row[j] + INDEL);
            diagonal = above;
        }
    }
    row[m]
}

/// The score of a distance between sentences of `n` and `m` tokens:
/// `100 × (1 − distance ÷ max(n, m))`, rounded down; 100 only for 0.
pub fn score(distance: u32, n: usize, m: usize) -> u8 {
    let longest = n.max(m) as u64 * u64::from(INDEL);
    if longest == 0 {
        return 100;
    }
    let kept = longest.saturating_sub(u64::from(distance));
    u8::try_from(kept * 100 / longest).unwrap_or(100)
}

/// The largest distance that still reaches `min_score` for sentences of `n`
/// and `m` tokens.
pub fn max_distance(min_score: u8, n: usize, m: usize) -> u32 {
    let longest = n.max(m) as u64 * u64::from(INDEL);
    let allowed = longest * u64::from(100 - min_score.min(100)) / 100;
    u32::try_from(allowed).unwrap_or(u32::MAX)
}

/// One step of a word diff between a TM unit's source and the query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum DiffOp {
    /// The same words in both.
    Equal {
        /// The words as the unit writes them.
        text: String,
    },
    /// The same words written differently (proclitics, case, punctuation style).
    Variant {
        /// As the unit writes them.
        unit: String,
        /// As the query writes them.
        query: String,
    },
    /// Words of the unit the query has replaced.
    Replace {
        /// As the unit writes them.
        unit: String,
        /// As the query writes them.
        query: String,
    },
    /// Words only the query has.
    Insert {
        /// The query's words.
        query: String,
    },
    /// Words only the unit has.
    Delete {
        /// The unit's words.
        unit: String,
    },
}

/// A diff needs a table of query × unit tokens; beyond this size (two
/// sentences of 2,000 words) there is none.
const MAX_DIFF_CELLS: usize = 4_000_000;

/// The word diff from `unit` (a TM source) to `query`, in original
/// spelling; `facts` gives the cost facts of a token text. Empty when the
/// two are too long to compare word by word.
pub fn diff(unit: &str, query: &str, mut facts: impl FnMut(&str) -> TokenFacts) -> Vec<DiffOp> {
    let unit_norm = normalize(unit);
    let query_norm = normalize(query);
    let unit_ranges = token_ranges(unit_norm.as_str());
    let query_ranges = token_ranges(query_norm.as_str());
    let token =
        |norm: &crate::text::Normalized<'_>, r: &Range<usize>| norm.as_str()[r.clone()].to_owned();
    if unit_ranges.len().saturating_mul(query_ranges.len()) > MAX_DIFF_CELLS {
        return Vec::new();
    }
    let unit_tokens: Vec<String> = unit_ranges.iter().map(|r| token(&unit_norm, r)).collect();
    let query_tokens: Vec<String> = query_ranges.iter().map(|r| token(&query_norm, r)).collect();
    let unit_facts: Vec<TokenFacts> = unit_tokens.iter().map(|t| facts(t)).collect();
    let query_facts: Vec<TokenFacts> = query_tokens.iter().map(|t| facts(t)).collect();
    let query_chars: Vec<Vec<char>> = query_tokens.iter().map(|t| t.chars().collect()).collect();
    let cost = |i: usize, j: usize| {
        substitution_cost(query_facts[i], unit_facts[j], || {
            char_edit_ratio(&query_chars[i], &unit_tokens[j])
        })
    };

    // Full matrix for the traceback: table[i][j] = distance of query[..i], unit[..j].
    let (n, m) = (query_tokens.len(), unit_tokens.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for (j, cell) in table[0].iter_mut().enumerate() {
        *cell = u32_of(j) * INDEL;
    }
    for i in 1..=n {
        table[i][0] = u32_of(i) * INDEL;
        for j in 1..=m {
            table[i][j] = (table[i - 1][j - 1] + cost(i - 1, j - 1))
                .min(table[i - 1][j] + INDEL)
                .min(table[i][j - 1] + INDEL);
        }
    }

    #[derive(Clone, Copy, PartialEq)]
    enum Step {
        Equal,
        Variant,
        Replace,
        Insert,
        Delete,
    }
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        if i > 0 && j > 0 {
            let c = cost(i - 1, j - 1);
            if table[i][j] == table[i - 1][j - 1] + c {
                let step = match c {
                    0 => Step::Equal,
                    VARIANT if query_facts[i - 1].class == unit_facts[j - 1].class => Step::Variant,
                    _ => Step::Replace,
                };
                steps.push((step, Some(i - 1), Some(j - 1)));
                i -= 1;
                j -= 1;
                continue;
            }
        }
        if i > 0 && table[i][j] == table[i - 1][j] + INDEL {
            steps.push((Step::Insert, Some(i - 1), None));
            i -= 1;
        } else {
            steps.push((Step::Delete, None, Some(j - 1)));
            j -= 1;
        }
    }
    steps.reverse();

    // Merge runs of one kind and map them back to the original text.
    let span = |norm: &crate::text::Normalized<'_>,
                ranges: &[Range<usize>],
                first: Option<usize>,
                last: Option<usize>| {
        match (first, last) {
            (Some(first), Some(last)) => {
                let range = norm.original_span(ranges[first].start..ranges[last].end);
                norm.original()[range].to_owned()
            }
            _ => String::new(),
        }
    };
    let mut ops = Vec::new();
    let mut at = 0;
    while at < steps.len() {
        let kind = steps[at].0;
        let mut end = at;
        while end + 1 < steps.len() && steps[end + 1].0 == kind {
            end += 1;
        }
        let run = &steps[at..=end];
        let first_query = run.iter().find_map(|s| s.1);
        let last_query = run.iter().rev().find_map(|s| s.1);
        let first_unit = run.iter().find_map(|s| s.2);
        let last_unit = run.iter().rev().find_map(|s| s.2);
        let unit_text = span(&unit_norm, &unit_ranges, first_unit, last_unit);
        let query_text = span(&query_norm, &query_ranges, first_query, last_query);
        ops.push(match kind {
            Step::Equal => DiffOp::Equal { text: unit_text },
            Step::Variant => DiffOp::Variant {
                unit: unit_text,
                query: query_text,
            },
            Step::Replace => DiffOp::Replace {
                unit: unit_text,
                query: query_text,
            },
            Step::Insert => DiffOp::Insert { query: query_text },
            Step::Delete => DiffOp::Delete { unit: unit_text },
        });
        at = end + 1;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Scores two sentences with ids and classes interned on the fly.
    fn similarity(a: &str, b: &str) -> u8 {
        let mut ids = HashMap::new();
        let mut classes = HashMap::new();
        let mut facts = |t: &str| {
            let next = u32_of(ids.len());
            let id = *ids.entry(t.to_owned()).or_insert(next);
            let next = u32_of(classes.len());
            let class = *classes.entry(variant_class(t)).or_insert(next);
            TokenFacts {
                id,
                class,
                number: is_number(t),
            }
        };
        let (ka, kb) = (key(a), key(b));
        let (ta, tb) = (tokens(&ka), tokens(&kb));
        let fa: Vec<TokenFacts> = ta.iter().map(|t| facts(t)).collect();
        let fb: Vec<TokenFacts> = tb.iter().map(|t| facts(t)).collect();
        let chars: Vec<Vec<char>> = ta.iter().map(|t| t.chars().collect()).collect();
        let d = distance(ta.len(), tb.len(), None, &mut Vec::new(), |i, j| {
            substitution_cost(fa[i], fb[j], || char_edit_ratio(&chars[i], tb[j]))
        });
        score(d, ta.len(), tb.len())
    }

    /// Distances over token ids: 0 for the same id, 0.8 of an edit otherwise.
    fn id_distance(a: &[u32], b: &[u32], band: Option<&Band>) -> u32 {
        distance(a.len(), b.len(), band, &mut Vec::new(), |i, j| {
            if a[i] == b[j] { 0 } else { VARIANT + 300 }
        })
    }

    #[test]
    fn long_sentences_are_aligned_within_a_band_along_shared_runs() {
        // 2,400 tokens; the query has 600 more in the middle and a few changed.
        let unit: Vec<u32> = (0..2_400).collect();
        let mut query = unit.clone();
        query.splice(1_200..1_200, 10_000..10_600);
        for at in (0..query.len()).step_by(97) {
            query[at] = 20_000 + u32_of(at);
        }
        assert!(Band::around(&query, &unit).is_some());
        // A band far narrower than the 600 inserted tokens follows them.
        let band = Band::build(&query, &unit, 20);
        assert!(!band.transposed);
        assert_eq!(
            id_distance(&query, &unit, Some(&band)),
            id_distance(&query, &unit, None)
        );
        // The other way round: the unit is the longer.
        let band = Band::build(&unit, &query, 20);
        assert!(band.transposed);
        assert_eq!(
            id_distance(&unit, &query, Some(&band)),
            id_distance(&unit, &query, None)
        );
        assert!(Band::around(&unit[..100], &query[..100]).is_none());
    }

    #[test]
    fn a_million_tokens_are_compared_in_linear_work() {
        let unit: Vec<u32> = (0..1_000_000).map(|t| t % 5_000).collect();
        let mut query = unit.clone();
        query[500_000] = 9_999_999;
        let band = Band::around(&query, &unit).expect("a band");
        let mut cells = 0u64;
        let d = distance(
            query.len(),
            unit.len(),
            Some(&band),
            &mut Vec::new(),
            |i, j| {
                cells += 1;
                if query[i] == unit[j] { 0 } else { INDEL }
            },
        );
        assert_eq!(d, INDEL);
        // At most 34 cells a row (16 each side of a line that moves by at most
        // one column a row), whatever the length.
        assert!(cells <= 34 * 1_000_000, "{cells}");
    }

    proptest::proptest! {
        #[test]
        fn a_band_never_undercuts_the_exact_distance(
            a in proptest::collection::vec(0u32..6, 0..40),
            b in proptest::collection::vec(0u32..6, 0..40),
            half in 0u32..4,
        ) {
            let exact = id_distance(&a, &b, None);
            let narrow = Band::build(&a, &b, half);
            proptest::prop_assert!(id_distance(&a, &b, Some(&narrow)) >= exact);
            let wide = Band::build(&a, &b, 40);
            proptest::prop_assert_eq!(id_distance(&a, &b, Some(&wide)), exact);
        }
    }

    #[test]
    fn tokens_are_words_and_marks() {
        let k = key("قال الوزير: «لن نتراجع»، 3.5 مليار.");
        assert_eq!(
            tokens(&k),
            [
                "قال",
                "الوزير",
                ":",
                "«",
                "لن",
                "نتراجع",
                "»",
                "،",
                "3.5",
                "مليار",
                "."
            ]
        );
    }

    #[test]
    fn diacritics_and_letter_forms_alone_score_100() {
        assert_eq!(
            similarity("أعلنت الحكومةُ إغلاقَ المدارس", "اعلنت الحكومه اغلاق المدارس"),
            100
        );
        assert_eq!(similarity("قال ريـــابكوف إن", "قال ريابكوف إن"), 100);
    }

    #[test]
    fn a_changed_number_is_never_100() {
        let a = "أصيب 120 شخصا في الحادث الذي وقع صباح اليوم في وسط المدينة الكبيرة القديمة";
        let b = a.replace("120", "121");
        let s = similarity(a, &b);
        assert!((90..100).contains(&s), "{s}");
        assert_eq!(similarity("عام ٢٠١٤", "عام 2014"), 100);
    }

    #[test]
    fn a_clitic_costs_half_a_word() {
        // 8 tokens, one variant: 100 × (1 − 0.5 / 8) = 93.75.
        assert_eq!(
            similarity(
                "ذهب الوفد إلى جنيف يوم الاثنين الماضي .",
                "ذهب الوفد إلى جنيف يوم والاثنين الماضي ."
            ),
            93
        );
        assert_eq!(variant_class("وللحكومة"), variant_class("الحكومة"));
        assert_eq!(variant_class("«"), variant_class("\""));
        assert_ne!(variant_class("في"), variant_class("وفي").replace('ي', "x"));
    }

    #[test]
    fn unrelated_words_cost_nearly_a_word() {
        // One word of four replaced by an unrelated one.
        let s = similarity("ذهب الوفد إلى جنيف", "ذهب الوفد إلى موسكو");
        assert!((75..=76).contains(&s), "{s}");
    }

    #[test]
    fn score_is_exact_and_capped() {
        assert_eq!(score(0, 4, 4), 100);
        assert_eq!(score(1, 100, 100), 99);
        assert_eq!(score(1000, 4, 3), 75);
        assert_eq!(max_distance(75, 4, 3), 1000);
        assert_eq!(score(0, 0, 0), 100);
    }

    #[test]
    fn diff_shows_original_spelling() {
        let ids = std::cell::RefCell::new(HashMap::new());
        let facts = |t: &str| {
            let mut ids = ids.borrow_mut();
            let next = u32_of(ids.len());
            let id = *ids.entry(t.to_owned()).or_insert(next);
            TokenFacts {
                id,
                class: id,
                number: is_number(t),
            }
        };
        let ops = diff(
            "قال الوزيرُ إن 5 جنود قتلوا",
            "قال الوزير إن 7 جنود قتلوا أمس",
            facts,
        );
        assert_eq!(
            ops,
            [
                DiffOp::Equal {
                    text: "قال الوزيرُ إن".into()
                },
                DiffOp::Replace {
                    unit: "5".into(),
                    query: "7".into()
                },
                DiffOp::Equal {
                    text: "جنود قتلوا".into()
                },
                DiffOp::Insert {
                    query: "أمس".into()
                },
            ]
        );
    }
}
