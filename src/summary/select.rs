//! Picking sentences within a budget: best score first, each candidate
//! marked down by its similarity to what is already chosen (maximal
//! marginal relevance); near-repeats of a chosen sentence, and sentences
//! that alone fill a word budget, last.

use super::Budget;
use super::graph::SimilarityGraph;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Cosine similarity from which a sentence counts as a repeat of one
/// already chosen (a headline printed twice, a breadcrumb line around it):
/// it only comes in when nothing else is left. Similarity 0.8 means most
/// of the content words are shared; no EASC article has such pairs, so
/// the rule changes nothing there.
const NEAR_REPEAT: f64 = 0.8;

/// Fewer words than this make a fragment, not a sentence (`يا للهول!!`,
/// what `..` or `!!` cut off): it only comes in when nothing else is left.
pub const MIN_SENTENCE_WORDS: usize = 3;

/// How many sentences, or how many words, the summary takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Sentences(usize),
    Words(usize),
}

impl Budget {
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a share (0 < ratio <= 1) of the sentences is a count between 0 and them"
    )]
    fn limit(self, sentences: usize) -> Limit {
        let share = |ratio: f64| (ratio * sentences as f64).round() as usize;
        match self {
            Budget::Default => Limit::Sentences(share(0.25).clamp(1, 7)),
            Budget::Sentences(count) => Limit::Sentences(count),
            Budget::Words(count) => Limit::Words(count),
            Budget::Ratio(ratio) => Limit::Sentences(share(ratio.clamp(0.0, 1.0)).max(1)),
        }
    }
}

/// A sentence waiting to be chosen, with the score it had when its
/// redundancy penalty was last raised.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    value: f64,
    index: usize,
    penalty: f64,
    /// Taken only when nothing else is left: a near-repeat of a chosen
    /// sentence, a fragment, or a sentence that alone fills the word
    /// budget.
    last_resort: bool,
}

impl Candidate {
    fn new(value: f64, index: usize, penalty: f64, set_aside: bool) -> Self {
        Self {
            value,
            index,
            penalty,
            last_resort: set_aside || penalty >= NEAR_REPEAT,
        }
    }
}

impl Ord for Candidate {
    /// A sentence that is not a last resort first, then higher value; on
    /// a tie the earlier sentence.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .last_resort
            .cmp(&self.last_resort)
            .then_with(|| self.value.total_cmp(&other.value))
            .then_with(|| other.index.cmp(&self.index))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

/// Chooses sentences greedily: the candidate with the highest
/// `score − redundancy × (highest similarity to a chosen sentence)` comes
/// next, until the budget is met. Only when nothing else is left: repeats
/// of a chosen sentence (similarity [`NEAR_REPEAT`] or more), fragments of
/// fewer than [`MIN_SENTENCE_WORDS`] words and, with a word budget,
/// sentences after the first that alone have as many words as the
/// budget. A word budget is met once the chosen sentences reach it
/// (the last one may go past it). Sentences without a word are never
/// chosen. Returns indices in document order.
///
/// Penalties only grow, so a lazy priority queue suffices: a candidate
/// whose penalty rose is pushed again and its stale entry skipped. The
/// cost is O((n + edges) log n).
pub(super) fn choose(
    scores: &[f64],
    words: &[usize],
    graph: &SimilarityGraph,
    redundancy: f64,
    budget: Budget,
) -> Vec<usize> {
    let limit = budget.limit(scores.len());
    let first = words.iter().position(|&count| count > 0);
    // A fragment, or a sentence that alone fills a word budget.
    let set_aside = |index: usize| {
        words[index] < MIN_SENTENCE_WORDS
            || match limit {
                Limit::Words(budget) => Some(index) != first && words[index] >= budget,
                Limit::Sentences(_) => false,
            }
    };
    let mut penalty = vec![0.0_f64; scores.len()];
    let mut chosen_flags = vec![false; scores.len()];
    let mut queue: BinaryHeap<Candidate> = scores
        .iter()
        .enumerate()
        .filter(|&(index, _)| words[index] > 0)
        .map(|(index, &value)| Candidate::new(value, index, 0.0, set_aside(index)))
        .collect();
    let mut chosen = Vec::new();
    let mut total_words = 0;
    while !met(limit, chosen.len(), total_words) {
        let Some(candidate) = queue.pop() else {
            break;
        };
        let index = candidate.index;
        if chosen_flags[index] || candidate.penalty.to_bits() != penalty[index].to_bits() {
            continue;
        }
        chosen_flags[index] = true;
        chosen.push(index);
        total_words += words[index];
        for (other, similarity) in graph.neighbours(index) {
            let (other, similarity) = (other as usize, f64::from(similarity));
            if !chosen_flags[other] && words[other] > 0 && similarity > penalty[other] {
                penalty[other] = similarity;
                queue.push(Candidate::new(
                    scores[other] - redundancy * similarity,
                    other,
                    similarity,
                    set_aside(other),
                ));
            }
        }
    }
    chosen.sort_unstable();
    chosen
}

fn met(limit: Limit, sentences: usize, words: usize) -> bool {
    match limit {
        Limit::Sentences(count) => sentences >= count,
        Limit::Words(count) => words >= count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_budget_is_a_quarter_within_one_and_seven() {
        assert_eq!(Budget::Default.limit(1), Limit::Sentences(1));
        assert_eq!(Budget::Default.limit(12), Limit::Sentences(3));
        assert_eq!(Budget::Default.limit(100), Limit::Sentences(7));
    }

    #[test]
    fn ratio_keeps_at_least_one_sentence() {
        assert_eq!(Budget::Ratio(0.01).limit(10), Limit::Sentences(1));
        assert_eq!(Budget::Ratio(0.5).limit(10), Limit::Sentences(5));
        assert_eq!(Budget::Ratio(3.0).limit(10), Limit::Sentences(10));
    }

    #[test]
    fn a_fragment_comes_last() {
        let text = "قمة في جنيف\n\nيا للهول!! وصل الوفد الروسي إلى جنيف صباح اليوم. وقال الوزير إن المحادثات صعبة..";
        let analysis = super::super::Analysis::new(text);
        let words: Vec<usize> = analysis.sentences.iter().map(|s| s.words).collect();
        assert_eq!(words, [3, 2, 7, 5]);
        let graph = SimilarityGraph::new(&analysis);
        let scores = [1.0, 0.5, 0.3, 0.25];
        assert_eq!(
            choose(&scores, &words, &graph, 0.0, Budget::Sentences(2)),
            [0, 2]
        );
        assert_eq!(
            choose(&scores, &words, &graph, 0.0, Budget::Sentences(4)),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn ties_go_to_the_earlier_sentence() {
        let analysis = super::super::Analysis::new("وصل الوفد.\nهطل المطر.\nفاز الفريق.");
        let graph = SimilarityGraph::new(&analysis);
        assert_eq!(
            choose(
                &[0.5, 0.5, 0.5],
                &[3, 3, 3],
                &graph,
                0.0,
                Budget::Sentences(2)
            ),
            [0, 1]
        );
    }
}
