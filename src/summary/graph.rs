//! Sentence similarity and the content features built on it: LexRank
//! centrality and salience (closeness to the document's term centroid).
//!
//! Sentences are term-frequency vectors over their content terms;
//! similarity is the cosine of two vectors. The graph is sparse and bounded: it is
//! built from an inverted index, and a sentence is only compared with the
//! sentences at most [`WINDOW`] places away, so the cost grows linearly
//! with the length of the text (every article of ordinary length is
//! compared in full).

use super::analysis::Analysis;

/// How many sentences before and after a sentence it is compared with.
pub const WINDOW: usize = 200;

/// LexRank's damping factor (the probability of following an edge rather
/// than jumping to a random sentence), as in the original paper.
const DAMPING: f64 = 0.85;
/// Power iteration stops when the scores move less than this in total
/// (L1), or after [`MAX_ITERATIONS`].
const TOLERANCE: f64 = 1e-9;
const MAX_ITERATIONS: usize = 100;

/// The weighted, undirected similarity graph of a document's sentences.
#[derive(Debug, Clone, Default)]
pub struct SimilarityGraph {
    /// For every sentence, its neighbours and their cosine similarity,
    /// sorted by neighbour index. Only positive similarities are kept.
    pub neighbours: Vec<Vec<(usize, f64)>>,
    /// The term vector of every sentence, sorted by term id.
    vectors: Vec<Vec<(u32, f64)>>,
    /// The document's term vector: the sum of the sentence vectors.
    centroid: Vec<f64>,
}

impl SimilarityGraph {
    /// Builds the graph of `analysis`'s sentences.
    pub fn new(analysis: &Analysis) -> Self {
        let count = analysis.sentences.len();
        let vectors = term_vectors(analysis);
        let mut centroid = vec![0.0; analysis.vocabulary];
        for vector in &vectors {
            for &(term, weight) in vector {
                centroid[term as usize] += weight;
            }
        }
        let unit: Vec<Vec<(u32, f64)>> = vectors.iter().map(|v| normalized(v)).collect();
        // Inverted index: for every term, the sentences that have it (in
        // order) with the term's weight in their unit vector.
        let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); analysis.vocabulary];
        for (index, vector) in unit.iter().enumerate() {
            for &(term, weight) in vector {
                postings[term as usize].push((index, weight));
            }
        }
        let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); count];
        let mut dot = vec![0.0; WINDOW];
        for (index, vector) in unit.iter().enumerate() {
            let last = (index + WINDOW).min(count.saturating_sub(1));
            for &(term, weight) in vector {
                let list = &postings[term as usize];
                let from = list.partition_point(|&(other, _)| other <= index);
                for &(other, other_weight) in list[from..].iter().take_while(|(o, _)| *o <= last) {
                    dot[other - index - 1] += weight * other_weight;
                }
            }
            for (offset, value) in dot.iter_mut().enumerate() {
                if *value > 0.0 {
                    let other = index + offset + 1;
                    let similarity = value.min(1.0);
                    neighbours[index].push((other, similarity));
                    neighbours[other].push((index, similarity));
                }
                *value = 0.0;
            }
        }
        for list in &mut neighbours {
            list.sort_by_key(|&(other, _)| other);
        }
        Self {
            neighbours,
            vectors,
            centroid,
        }
    }

    /// LexRank centrality: the stationary distribution of a random walk
    /// that follows similarity edges (in proportion to their weight) with
    /// probability [`DAMPING`] and jumps to any sentence otherwise. A
    /// sentence with no neighbour passes its score on evenly.
    pub fn centrality(&self) -> Vec<f64> {
        let count = self.neighbours.len();
        if count == 0 {
            return Vec::new();
        }
        let degree: Vec<f64> = self
            .neighbours
            .iter()
            .map(|list| list.iter().map(|&(_, weight)| weight).sum())
            .collect();
        let uniform = 1.0 / count as f64;
        let mut score = vec![uniform; count];
        let mut next = vec![0.0; count];
        for _ in 0..MAX_ITERATIONS {
            let isolated: f64 = (0..count)
                .filter(|&index| degree[index] == 0.0)
                .map(|index| score[index])
                .sum();
            let base = (1.0 - DAMPING) * uniform + DAMPING * isolated * uniform;
            next.iter_mut().for_each(|value| *value = base);
            for (index, list) in self.neighbours.iter().enumerate() {
                if degree[index] > 0.0 {
                    let share = DAMPING * score[index] / degree[index];
                    for &(other, weight) in list {
                        next[other] += share * weight;
                    }
                }
            }
            let change: f64 = score.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
            std::mem::swap(&mut score, &mut next);
            if change < TOLERANCE {
                break;
            }
        }
        score
    }

    /// Salience: the cosine between each sentence and the document's
    /// centroid, so a sentence scores high when it covers the terms the
    /// article keeps returning to.
    pub fn salience(&self) -> Vec<f64> {
        let centroid_norm = self.centroid.iter().map(|w| w * w).sum::<f64>().sqrt();
        self.vectors
            .iter()
            .map(|vector| {
                let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm == 0.0 || centroid_norm == 0.0 {
                    return 0.0;
                }
                let dot: f64 = vector
                    .iter()
                    .map(|&(term, weight)| weight * self.centroid[term as usize])
                    .sum();
                dot / (norm * centroid_norm)
            })
            .collect()
    }

    /// The similarity of two sentences (0 when they are not neighbours).
    pub fn similarity(&self, a: usize, b: usize) -> f64 {
        let list = &self.neighbours[a];
        list.binary_search_by_key(&b, |&(other, _)| other)
            .map_or(0.0, |at| list[at].1)
    }
}

/// Term-frequency vectors. There is deliberately no idf: computed from
/// the article's own sentences it would mark down exactly the terms the
/// article keeps returning to, its topic (stop words are gone already).
/// Measured on EASC, LexRank alone picks better sentences without it
/// (ROUGE-2 F1 0.345 against 0.333), and so does salience (0.343 against 0.332).
fn term_vectors(analysis: &Analysis) -> Vec<Vec<(u32, f64)>> {
    analysis
        .sentences
        .iter()
        .map(|sentence| {
            sentence
                .terms
                .iter()
                .map(|&(term, count)| (term, f64::from(count)))
                .collect()
        })
        .collect()
}

/// The vector scaled to length 1 (empty when it has no weight).
fn normalized(vector: &[(u32, f64)]) -> Vec<(u32, f64)> {
    let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm == 0.0 {
        return Vec::new();
    }
    vector.iter().map(|&(term, w)| (term, w / norm)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(text: &str) -> SimilarityGraph {
        SimilarityGraph::new(&Analysis::new(text))
    }

    #[test]
    fn sentences_sharing_terms_are_neighbours() {
        let g = graph("ارتفعت أسعار النفط في الأسواق.\nتراجعت أسعار الذهب.\nفاز الفريق بالمباراة.");
        assert!(g.similarity(0, 1) > 0.0);
        assert_eq!(g.similarity(0, 2), 0.0);
        assert_eq!(g.similarity(0, 1), g.similarity(1, 0));
    }

    #[test]
    fn the_most_connected_sentence_is_the_most_central() {
        let g = graph(
            "افتتح الوزير مصنع الأدوية الجديد.\n\
             المصنع الجديد ينتج الأدوية للمستشفيات.\n\
             الأدوية من المصنع تصل إلى المستشفيات.\n\
             هطلت أمطار غزيرة أمس.",
        );
        let centrality = g.centrality();
        let total: f64 = centrality.iter().sum();
        assert!((total - 1.0).abs() < 1e-6);
        assert!(centrality[1] > centrality[3]);
        assert!(centrality[2] > centrality[3]);
    }

    #[test]
    fn empty_and_single_sentence_documents_have_finite_scores() {
        assert!(graph("").centrality().is_empty());
        let one = graph("جملة واحدة فقط.");
        assert_eq!(one.centrality(), [1.0]);
        assert!((one.salience()[0] - 1.0).abs() < 1e-12);
        assert_eq!(graph("...").salience(), [0.0]);
    }
}
