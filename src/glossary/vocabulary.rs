//! The distinct normalized words of a glossary's forms, numbered from 0.
//!
//! An open-addressing hash table kept as flat arrays: the words as records
//! one after another (id, trie node, length, bytes), and a power-of-two
//! slot array that holds each record's offset beside a few bits of the
//! word's hash.
//! A look-up touches a slot or a few neighbours and, when those bits agree,
//! one record: two cache misses at most, which is what compiling a million-entry glossary
//! waits on. The cache stores the arrays as they are, so reading it back
//! rebuilds nothing.

use super::cache::{Reader, Writer};
use super::table::u32_of;
use super::trie::NONE;

const EMPTY: u64 = u64::MAX;
/// A slot is `tag << OFFSET_BITS | record offset`.
const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;
/// A record is the word's id, node and length (four bytes each), then its
/// bytes.
const HEADER: usize = 12;

/// A word of the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) id: u32,
    /// The trie node of the one-word path, or [`NONE`] when no form starts
    /// with the word.
    pub(crate) node: u32,
}

/// Normalized words and their ids.
#[derive(Debug, Clone)]
pub(crate) struct Vocabulary {
    /// At most three quarters full, so every probe ends: a slot array
    /// small enough to stay in the cache matters more than short probes,
    /// which stay within a cache line or two anyway.
    slots: Vec<u64>,
    records: Vec<u8>,
    len: u32,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self {
            slots: vec![EMPTY; 16],
            records: Vec::new(),
            len: 0,
        }
    }
}

/// The word and bytes of the record at `offset`, if it is one.
#[inline]
fn record(records: &[u8], offset: usize) -> Option<(Word, &[u8])> {
    let header = records.get(offset..offset.checked_add(HEADER)?)?;
    let number = |at: usize| {
        u32::from_le_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let word = Word {
        id: number(0),
        node: number(4),
    };
    let start = offset + HEADER;
    Some((
        word,
        records.get(start..start.checked_add(number(8) as usize)?)?,
    ))
}

impl Vocabulary {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.len as usize
    }

    /// The id and node of `word`, if it is there.
    #[inline]
    pub(crate) fn get(&self, word: &[u8]) -> Option<Word> {
        self.probe(word, hash(word)).ok()
    }

    /// `word`, or `Err(slot)`: the empty slot where it would go.
    #[inline]
    fn probe(&self, word: &[u8], hash: u64) -> Result<Word, usize> {
        let mask = self.slots.len() - 1;
        let tag = hash >> OFFSET_BITS;
        let mut at = slot_of(hash, mask);
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                return Err(at);
            }
            if slot >> OFFSET_BITS == tag
                && let Some((found, bytes)) = record(&self.records, (slot & OFFSET_MASK) as usize)
                && bytes == word
            {
                return Ok(found);
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `word` (whose [`hash`] is `hash`), adding it when new.
    /// There are fewer words than 2³² and their records take less than 2⁴⁰
    /// bytes as long as the forms hold less than 4 GiB.
    pub(crate) fn intern_hashed(&mut self, word: &[u8], hash: u64) -> u32 {
        let slot = match self.probe(word, hash) {
            Ok(found) => return found.id,
            Err(slot) => slot,
        };
        let id = self.len;
        self.slots[slot] = (hash >> OFFSET_BITS) << OFFSET_BITS | self.records.len() as u64;
        self.records.extend_from_slice(&id.to_le_bytes());
        self.records.extend_from_slice(&NONE.to_le_bytes());
        self.records
            .extend_from_slice(&u32_of(word.len()).to_le_bytes());
        self.records.extend_from_slice(word);
        self.len += 1;
        if self.len() * 4 > self.slots.len() * 3 {
            self.grow();
        }
        id
    }

    /// Reads the slot where a look-up of `hash` starts, and the record it
    /// names, so that the look-up finds both in the cache: warming a few
    /// words ahead of the look-ups overlaps their cache misses.
    #[inline]
    pub(crate) fn warm(&self, hash: u64) {
        let slot = self.slots[slot_of(hash, self.slots.len() - 1)];
        if slot != EMPTY {
            std::hint::black_box(self.records.get((slot & OFFSET_MASK) as usize).copied());
        }
    }

    /// Records each word's one-word trie node: `first[id]`.
    pub(crate) fn set_nodes(&mut self, first: &[u32]) {
        let mut offset = 0;
        while let Some((word, bytes)) = record(&self.records, offset) {
            let node = first.get(word.id as usize).copied().unwrap_or(NONE);
            let next = offset + HEADER + bytes.len();
            self.records[offset + 4..offset + 8].copy_from_slice(&node.to_le_bytes());
            offset = next;
        }
    }

    /// True when every word's node is one of `count` nodes (or none).
    pub(crate) fn nodes_within(&self, count: usize) -> bool {
        let mut offset = 0;
        while let Some((word, bytes)) = record(&self.records, offset) {
            if word.node != NONE && word.node as usize >= count {
                return false;
            }
            offset += HEADER + bytes.len();
        }
        offset == self.records.len()
    }

    /// Doubles the slot array and places every word again.
    fn grow(&mut self) {
        let mut slots = vec![EMPTY; self.slots.len() * 2];
        let mask = slots.len() - 1;
        let mut offset = 0;
        while let Some((_, word)) = record(&self.records, offset) {
            let hash = hash(word);
            let mut at = slot_of(hash, mask);
            while slots[at] != EMPTY {
                at = (at + 1) & mask;
            }
            slots[at] = (hash >> OFFSET_BITS) << OFFSET_BITS | offset as u64;
            offset += HEADER + word.len();
        }
        self.slots = slots;
    }

    /// Writes the arrays for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u32(self.len);
        out.u64s(&self.slots);
        out.bytes(&self.records);
    }

    /// Reads what [`Vocabulary::write`] wrote; `None` when anything is out
    /// of range (the hash layout itself is trusted: the cache is made by
    /// the same binary, and a wrong table could only miss words).
    pub(crate) fn read(input: &mut Reader) -> Option<Self> {
        let len = input.u32()?;
        let slots = input.u64s()?;
        let records = input.bytes()?.to_vec();
        let mut filled = 0;
        for &slot in &slots {
            if slot != EMPTY {
                let (word, _) = record(&records, (slot & OFFSET_MASK) as usize)?;
                if word.id >= len {
                    return None;
                }
                filled += 1;
            }
        }
        (slots.len().is_power_of_two() && filled == len as usize && filled < slots.len()).then_some(
            Self {
                slots,
                records,
                len,
            },
        )
    }
}

/// A 64-bit hash of a word's bytes: eight bytes at a time, each mixed in
/// with a folded multiply.
#[inline]
pub(crate) fn hash(bytes: &[u8]) -> u64 {
    const K1: u64 = 0x9E37_79B9_7F4A_7C15;
    const K2: u64 = 0xD6E8_FEB8_6659_FD93;
    let mut state = (bytes.len() as u64).wrapping_mul(K2);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        state = folded_multiply(state ^ word, K1);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0; 8];
        last[..rest.len()].copy_from_slice(rest);
        state = folded_multiply(state ^ u64::from_le_bytes(last), K1);
    }
    folded_multiply(state, K2)
}

/// The slot of a hash in a table of `mask + 1` slots (a power of two): its
/// low bits.
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the low bits of the hash are what is kept"
)]
fn slot_of(hash: u64, mask: usize) -> usize {
    hash as usize & mask
}

/// The two halves of the full product, xored: every input bit reaches every
/// output bit.
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "the two halves of the product are taken apart on purpose"
)]
fn folded_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_each_word_once_and_finds_it_again() {
        let mut vocabulary = Vocabulary::default();
        let words: Vec<String> = (0..5000).map(|n| format!("كلمة{n}")).collect();
        for (n, word) in words.iter().enumerate() {
            assert_eq!(
                vocabulary.intern_hashed(word.as_bytes(), hash(word.as_bytes())),
                u32_of(n)
            );
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(
                vocabulary.intern_hashed(word.as_bytes(), hash(word.as_bytes())),
                u32_of(n)
            );
            assert_eq!(
                vocabulary.get(word.as_bytes()).map(|word| word.id),
                Some(u32_of(n))
            );
        }
        assert_eq!(vocabulary.len(), 5000);
        assert_eq!(vocabulary.get("غائبة".as_bytes()), None);
        assert_eq!(vocabulary.get(b""), None);
    }

    #[test]
    fn hashes_depend_on_every_byte_and_the_length() {
        let base = hash(b"abcdefghijklmnop");
        assert_ne!(base, hash(b"abcdefghijklmnoq"));
        assert_ne!(base, hash(b"bbcdefghijklmnop"));
        assert_ne!(hash(b"a"), hash(b"a\0"));
        assert_ne!(hash(b""), hash(b"\0"));
    }
}
