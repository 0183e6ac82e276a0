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
        self.ends.push(self.ids.len() as u32);
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
#[derive(Debug, Clone, Default)]
pub(crate) struct Trie {
    /// Per word id: the node of the one-word path, or [`NONE`] when no form
    /// starts with that word.
    first: Vec<u32>,
    /// Per node: the word that leads to it.
    words: Vec<u32>,
    /// Per node, plus one: the children of node `n` are the nodes
    /// `children[n]..children[n + 1]`.
    children: Vec<u32>,
    /// Per node: the entry a form ending here belongs to (with [`MAKSURA`])
    /// or [`NONE`].
    entries: Vec<u32>,
}

/// What a form ending at a node brings: its entry, and whether it is one
/// word ending in ى.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Owner {
    pub(crate) entry: u32,
    pub(crate) ends_in_maksura: bool,
}

impl Trie {
    /// Builds the paths of every form over a vocabulary of `word_count`
    /// words; returns the trie (without entries) and the node where each
    /// form ends ([`NONE`] for a form without words).
    pub(crate) fn build(word_count: usize, forms: &Forms) -> (Trie, Vec<u32>) {
        let mut first = vec![NONE; word_count];
        let mut words = Vec::new();
        let mut reached = vec![NONE; forms.len()];
        let mut active = Vec::new();
        for (form, node) in reached.iter_mut().enumerate() {
            let Some(&word) = forms.words(form).first() else {
                continue;
            };
            if first[word as usize] == NONE {
                first[word as usize] = words.len() as u32;
                words.push(word);
            }
            *node = first[word as usize];
            if forms.words(form).len() > 1 {
                active.push(form as u32);
            }
        }
        let mut children = Vec::with_capacity(words.len() + 1);
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
                children.push(words.len() as u32);
                let group = &mut sorted[counts[bucket] as usize..counts[bucket + 1] as usize];
                group.sort_unstable();
                let mut previous = NONE;
                for &(word, form) in group.iter() {
                    if word != previous {
                        words.push(word);
                        previous = word;
                    }
                    reached[form as usize] = words.len() as u32 - 1;
                }
            }
            level = level.end..words.len();
            position += 1;
            active.retain(|&form| forms.words(form as usize).len() > position);
        }
        children.push(words.len() as u32);
        let entries = vec![NONE; words.len()];
        (
            Trie {
                first,
                words,
                children,
                entries,
            },
            reached,
        )
    }

    /// Gives `node` to an entry.
    pub(crate) fn set_owner(&mut self, node: u32, owner: Owner) {
        self.entries[node as usize] = owner.entry | if owner.ends_in_maksura { MAKSURA } else { 0 };
    }

    /// The number of nodes.
    pub(crate) fn len(&self) -> usize {
        self.words.len()
    }

    /// The node of the one-word path of word `id`.
    #[inline]
    pub(crate) fn first(&self, id: u32) -> Option<u32> {
        self.first
            .get(id as usize)
            .copied()
            .filter(|&node| node != NONE)
    }

    /// The entry of the form that ends at `node`.
    #[inline]
    pub(crate) fn owner(&self, node: u32) -> Option<Owner> {
        let entry = self.entries[node as usize];
        (entry != NONE).then_some(Owner {
            entry: entry & !MAKSURA,
            ends_in_maksura: entry & MAKSURA != 0,
        })
    }

    /// True when some form goes on after `node`.
    #[inline]
    pub(crate) fn has_children(&self, node: u32) -> bool {
        let node = node as usize;
        self.children[node] != self.children[node + 1]
    }

    /// The child of `node` reached by word `id`.
    #[inline]
    pub(crate) fn child(&self, node: u32, id: u32) -> Option<u32> {
        let node = node as usize;
        let (start, end) = (self.children[node], self.children[node + 1]);
        let siblings = &self.words[start as usize..end as usize];
        siblings
            .binary_search(&id)
            .ok()
            .map(|offset| start + offset as u32)
    }

    /// Writes the arrays for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u32s(&self.first);
        out.u32s(&self.words);
        out.u32s(&self.children);
        out.u32s(&self.entries);
    }

    /// Reads what [`Trie::write`] wrote for `word_count` words and
    /// `entry_count` entries; `None` when anything is out of range.
    pub(crate) fn read(input: &mut Reader, word_count: usize, entry_count: usize) -> Option<Self> {
        let trie = Trie {
            first: input.u32s()?,
            words: input.u32s()?,
            children: input.u32s()?,
            entries: input.u32s()?,
        };
        let nodes = trie.words.len();
        let valid = trie.first.len() == word_count
            && trie
                .first
                .iter()
                .all(|&node| node == NONE || (node as usize) < nodes)
            && trie.words.iter().all(|&word| (word as usize) < word_count)
            && trie.children.len() == nodes + 1
            && trie.children.windows(2).all(|pair| pair[0] <= pair[1])
            && trie.children.last() == Some(&(nodes as u32))
            && trie.entries.len() == nodes
            && trie
                .entries
                .iter()
                .all(|&entry| entry == NONE || ((entry & !MAKSURA) as usize) < entry_count);
        valid.then_some(trie)
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
    fn paths(trie: &Trie) -> Vec<Vec<u32>> {
        fn walk(trie: &Trie, node: u32, path: &mut Vec<u32>, out: &mut Vec<Vec<u32>>) {
            path.push(trie.words[node as usize]);
            out.push(path.clone());
            for child in trie.children[node as usize]..trie.children[node as usize + 1] {
                walk(trie, child, path, out);
            }
            path.pop();
        }
        let mut out = Vec::new();
        for id in 0..trie.first.len() as u32 {
            if let Some(node) = trie.first(id) {
                walk(trie, node, &mut Vec::new(), &mut out);
            }
        }
        out
    }

    #[test]
    fn shares_prefixes_and_finds_every_form_again() {
        let list: &[&[u32]] = &[&[3, 1], &[3], &[3, 1, 2], &[0, 2], &[3, 0], &[], &[3, 1]];
        let (trie, ends) = Trie::build(4, &forms(list));
        assert_eq!(
            paths(&trie),
            [
                vec![0],
                vec![0, 2],
                vec![3],
                vec![3, 0],
                vec![3, 1],
                vec![3, 1, 2]
            ]
        );
        for (form, &end) in list.iter().zip(&ends) {
            let Some((&head, tail)) = form.split_first() else {
                assert_eq!(end, NONE);
                continue;
            };
            let mut node = trie.first(head).unwrap();
            for &id in tail {
                node = trie.child(node, id).unwrap();
            }
            assert_eq!(node, end, "{form:?}");
        }
        assert_eq!(ends[0], ends[6]);
        assert_eq!(trie.first(2), None);
        assert!(!trie.has_children(ends[2]));
        assert!(trie.has_children(ends[1]));
        assert_eq!(trie.child(ends[1], 2), None);
    }

    #[test]
    fn owners_keep_the_maksura_mark() {
        let (mut trie, ends) = Trie::build(2, &forms(&[&[1]]));
        assert_eq!(trie.owner(ends[0]), None);
        let owner = Owner {
            entry: 7,
            ends_in_maksura: true,
        };
        trie.set_owner(ends[0], owner);
        assert_eq!(trie.owner(ends[0]), Some(owner));
    }
}
