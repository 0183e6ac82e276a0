//! A trie over word ids, numbered level by level so that the children of a
//! node are consecutive nodes sorted by word: a node is three numbers in
//! three arrays, a child is found by a binary search over a few of them,
//! and the whole trie is stored in (and read from) the cache as it is.
//!
//! It is built by sorting, not by inserting form after form: the forms that
//! go on below the nodes of one level are bucketed by node, and each bucket
//! is sorted by the next word. That touches memory in order, where
//! inserting into a table keyed by (node, word) would miss the cache on
//! nearly every word of a million-entry glossary.

use super::cache::{Reader, Writer};
use super::table::u32_of;

/// No node, no entry.
pub(crate) const NONE: u32 = u32::MAX;

/// Set on a node's entry when the form that owns it is one word ending in ى.
const MAKSURA: u32 = 1 << 31;

/// Forms as runs of word ids, gathered before the trie is built.
#[derive(Debug, Default)]
pub(crate) struct Forms {
    ids: Vec<u32>,
    /// Form `n` is `ids[ends[n - 1]..ends[n]]` (from 0 for the first).
    ends: Vec<u32>,
}

impl Forms {
    /// Adds one word to the form being gathered.
    pub(crate) fn push_word(&mut self, id: u32) {
        self.ids.push(id);
    }

    /// Ends the form being gathered (possibly with no word).
    pub(crate) fn end_form(&mut self) {
        self.ends.push(u32_of(self.ids.len()));
    }

    /// The number of forms.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    fn words(&self, form: usize) -> &[u32] {
        let start = if form == 0 { 0 } else { self.ends[form - 1] };
        &self.ids[start as usize..self.ends[form] as usize]
    }
}

/// The compiled trie.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Per node, plus a last one that only closes the children of the one
    /// before it.
    nodes: Vec<Node>,
    /// Per node: the word that leads to it (a node's children are searched
    /// in it).
    words: Vec<u32>,
}

impl Default for Trie {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::closing(0)],
            words: Vec::new(),
        }
    }
}

/// What a look-up at a node needs, in one place: a node is one cache miss.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Node {
    /// The entry a form ending here belongs to (with [`MAKSURA`]), or
    /// [`NONE`].
    entry: u32,
    /// The children are the nodes from this one to the next node's
    /// `first_child`.
    first_child: u32,
    /// One bit per child word ([`child_bit`]): a word whose bit is clear is
    /// no child, without a search.
    children: u64,
}

impl Node {
    fn closing(first_child: u32) -> Node {
        Node {
            entry: NONE,
            first_child,
            children: 0,
        }
    }
}

/// The bit of a word in its parent's `children` mask.
#[inline]
fn child_bit(word: u32) -> u64 {
    1 << (word.wrapping_mul(0x9E37_79B9) >> 26)
}

/// What a form ending at a node brings: its entry, and whether it is one
/// word ending in ى.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Owner {
    pub(crate) entry: u32,
    pub(crate) ends_in_maksura: bool,
}

/// A trie being built: the nodes' words and first children, level by level.
pub(crate) struct Built {
    pub(crate) trie: Trie,
    /// Per word id: the node of the one-word path, or [`NONE`].
    pub(crate) first: Vec<u32>,
    /// Per form: the node where it ends, or [`NONE`] for a form without
    /// words.
    pub(crate) ends: Vec<u32>,
}

impl Trie {
    /// Builds the paths of every form over a vocabulary of `word_count`
    /// words.
    pub(crate) fn build(word_count: usize, forms: &Forms) -> Built {
        let mut first = vec![NONE; word_count];
        let mut words = Vec::new();
        let mut reached = vec![NONE; forms.len()];
        let mut active = Vec::new();
        for (form, node) in reached.iter_mut().enumerate() {
            let Some(&word) = forms.words(form).first() else {
                continue;
            };
            if first[word as usize] == NONE {
                first[word as usize] = u32_of(words.len());
                words.push(word);
            }
            *node = first[word as usize];
            if forms.words(form).len() > 1 {
                active.push(u32_of(form));
            }
        }
        let mut first_children = Vec::with_capacity(words.len() + 1);
        let mut level = 0..words.len();
        let mut position = 1;
        let mut counts = Vec::new();
        let mut sorted = Vec::new();
        while !level.is_empty() {
            // Bucket the forms that go on by the node they reached.
            counts.clear();
            counts.resize(level.len() + 1, 0u32);
            for &form in &active {
                counts[reached[form as usize] as usize - level.start + 1] += 1;
            }
            for at in 1..counts.len() {
                counts[at] += counts[at - 1];
            }
            sorted.clear();
            sorted.resize(active.len(), (0u32, 0u32));
            let mut next = counts.clone();
            for &form in &active {
                let bucket = reached[form as usize] as usize - level.start;
                let word = forms.words(form as usize)[position];
                sorted[next[bucket] as usize] = (word, form);
                next[bucket] += 1;
            }
            // The children of each node of the level, in node order.
            for bucket in 0..level.len() {
                first_children.push(u32_of(words.len()));
                let group = &mut sorted[counts[bucket] as usize..counts[bucket + 1] as usize];
                group.sort_unstable();
                let mut previous = NONE;
                for &(word, form) in group.iter() {
                    if word != previous {
                        words.push(word);
                        previous = word;
                    }
                    reached[form as usize] = u32_of(words.len()) - 1;
                }
            }
            level = level.end..words.len();
            position += 1;
            active.retain(|&form| forms.words(form as usize).len() > position);
        }
        first_children.push(u32_of(words.len()));
        let nodes = first_children
            .windows(2)
            .map(|pair| Node {
                entry: NONE,
                first_child: pair[0],
                children: words[pair[0] as usize..pair[1] as usize]
                    .iter()
                    .fold(0, |mask, &word| mask | child_bit(word)),
            })
            .chain(std::iter::once(Node::closing(u32_of(words.len()))))
            .collect();
        Built {
            trie: Trie { nodes, words },
            first,
            ends: reached,
        }
    }

    /// Gives `node` to an entry.
    pub(crate) fn set_owner(&mut self, node: u32, owner: Owner) {
        self.nodes[node as usize].entry =
            owner.entry | if owner.ends_in_maksura { MAKSURA } else { 0 };
    }

    /// The number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The entry of the form that ends at `node`.
    #[inline]
    pub(crate) fn owner(&self, node: u32) -> Option<Owner> {
        let entry = self.nodes[node as usize].entry;
        (entry != NONE).then_some(Owner {
            entry: entry & !MAKSURA,
            ends_in_maksura: entry & MAKSURA != 0,
        })
    }

    /// True when some form goes on after `node`.
    #[inline]
    pub(crate) fn has_children(&self, node: u32) -> bool {
        self.nodes[node as usize].children != 0
    }

    /// The child of `node` reached by word `id`.
    #[inline]
    pub(crate) fn child(&self, node: u32, id: u32) -> Option<u32> {
        let here = self.nodes[node as usize];
        if here.children & child_bit(id) == 0 {
            return None;
        }
        let end = self.nodes[node as usize + 1].first_child;
        let siblings = &self.words[here.first_child as usize..end as usize];
        siblings
            .binary_search(&id)
            .ok()
            .map(|offset| here.first_child + u32_of(offset))
    }

    /// Writes the arrays for [`super::cache`].
    #[allow(
        clippy::cast_possible_truncation,
        reason = "the 64-bit mask of a node's children is stored as its two 32-bit halves"
    )]
    pub(crate) fn write(&self, out: &mut Writer) {
        let numbers: Vec<u32> = self
            .nodes
            .iter()
            .flat_map(|node| {
                [
                    node.entry,
                    node.first_child,
                    node.children as u32,
                    (node.children >> 32) as u32,
                ]
            })
            .collect();
        out.u32s(&numbers);
        out.u32s(&self.words);
    }

    /// Reads what [`Trie::write`] wrote for `word_count` words and
    /// `entry_count` entries; `None` when anything is out of range (the
    /// masks are trusted: a wrong one could only miss matches).
    pub(crate) fn read(input: &mut Reader, word_count: usize, entry_count: usize) -> Option<Self> {
        let nodes: Vec<Node> = input
            .u32s()?
            .chunks_exact(4)
            .map(|node| Node {
                entry: node[0],
                first_child: node[1],
                children: u64::from(node[2]) | u64::from(node[3]) << 32,
            })
            .collect();
        let words = input.u32s()?;
        let valid = nodes.len() == words.len() + 1
            && nodes
                .windows(2)
                .all(|pair| pair[0].first_child <= pair[1].first_child)
            && nodes.last().map(|node| node.first_child) == Some(u32_of(words.len()))
            && nodes
                .iter()
                .all(|node| node.entry == NONE || ((node.entry & !MAKSURA) as usize) < entry_count)
            && words.iter().all(|&word| (word as usize) < word_count);
        valid.then_some(Trie { nodes, words })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(list: &[&[u32]]) -> Forms {
        let mut forms = Forms::default();
        for form in list {
            form.iter().for_each(|&id| forms.push_word(id));
            forms.end_form();
        }
        forms
    }

    /// The word ids along every path from a one-word node, depth first.
    fn paths(built: &Built) -> Vec<Vec<u32>> {
        fn walk(trie: &Trie, node: u32, path: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
            path.push(trie.words[node as usize]);
            out.push(path.clone());
            let (start, end) = (
                trie.nodes[node as usize].first_child,
                trie.nodes[node as usize + 1].first_child,
            );
            for child in start..end {
                walk(trie, child, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        for &node in built.first.iter().filter(|&&node| node != NONE) {
            walk(&built.trie, node, &mut Vec::new(), &mut out);
        }
        out
    }

    #[test]
    fn shares_prefixes_and_finds_every_form_again() {
        let list: &[&[u32]] = &[&[3, 1], &[3], &[3, 1, 2], &[0, 2], &[3, 0], &[], &[3, 1]];
        let built = Trie::build(4, &forms(list));
        assert_eq!(
            paths(&built),
            [
                vec![0],
                vec![0, 2],
                vec![3],
                vec![3, 0],
                vec![3, 1],
                vec![3, 1, 2]
            ]
        );
        let (trie, ends) = (&built.trie, &built.ends);
        for (form, &end) in list.iter().zip(ends) {
            let Some((&head, tail)) = form.split_first() else {
                assert_eq!(end, NONE);
                continue;
            };
            let mut node = built.first[head as usize];
            for &id in tail {
                node = trie.child(node, id).unwrap();
            }
            assert_eq!(node, end, "{form:?}");
        }
        assert_eq!(ends[0], ends[6]);
        assert_eq!(built.first[2], NONE);
        assert!(!trie.has_children(ends[2]));
        assert!(trie.has_children(ends[1]));
        assert_eq!(trie.child(ends[1], 2), None);
    }

    #[test]
    fn owners_keep_the_maksura_mark() {
        let Built { mut trie, ends, .. } = Trie::build(2, &forms(&[&[1]]));
        assert_eq!(trie.owner(ends[0]), None);
        let owner = Owner {
            entry: 7,
            ends_in_maksura: true,
        };
        trie.set_owner(ends[0], owner);
        assert_eq!(trie.owner(ends[0]), Some(owner));
    }
}
