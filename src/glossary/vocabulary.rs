//! The distinct normalized words of a glossary's forms, numbered from 0.
//!
//! An open-addressing hash table kept as flat arrays: the words' bytes one
//! after another, where each ends, and a power-of-two slot array holding
//! the high half of each word's hash beside its id. A look-up usually
//! touches one slot and then the word's bytes; a word that is not there
//! usually stops at the slot. The cache stores the arrays as they are, so
//! reading it back rebuilds nothing.

use super::cache::{Reader, Writer};

const EMPTY: u64 = u64::MAX;

/// Normalized words and their ids.
#[derive(Debug, Clone)]
pub(crate) struct Vocabulary {
    /// `tag << 32 | id` (the tag is the high half of the word's hash), or
    /// [`EMPTY`]; at most half full, so every probe ends.
    slots: Vec<u64>,
    /// Word `id` is `bytes[ends[id - 1]..ends[id]]` (from 0 for the first).
    ends: Vec<u64>,
    bytes: Vec<u8>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self {
            slots: vec![EMPTY; 16],
            ends: Vec::new(),
            bytes: Vec::new(),
        }
    }
}

impl Vocabulary {
    /// The number of words.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The bytes of word `id`.
    fn word(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.bytes[start as usize..self.ends[id] as usize]
    }

    /// The id of `word`, if it is there.
    #[inline]
    pub(crate) fn get(&self, word: &[u8]) -> Option<u32> {
        self.probe(word, hash(word)).ok()
    }

    /// The id of `word`, or `Err(slot)`: the empty slot where it would go.
    #[inline]
    fn probe(&self, word: &[u8], hash: u64) -> Result<u32, usize> {
        let mask = self.slots.len() - 1;
        let tag = hash >> 32;
        let mut at = hash as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == EMPTY {
                return Err(at);
            }
            if slot >> 32 == tag && self.word(slot as u32) == word {
                return Ok(slot as u32);
            }
            at = (at + 1) & mask;
        }
    }

    /// The id of `word`, adding it when new. There are fewer words than
    /// 2³² - 1 as long as the forms hold less than 4 GiB.
    pub(crate) fn intern(&mut self, word: &[u8]) -> u32 {
        let hash = hash(word);
        let slot = match self.probe(word, hash) {
            Ok(id) => return id,
            Err(slot) => slot,
        };
        let id = self.ends.len() as u32;
        self.bytes.extend_from_slice(word);
        self.ends.push(self.bytes.len() as u64);
        self.slots[slot] = (hash >> 32) << 32 | u64::from(id);
        if self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Doubles the slot array and places every word again.
    fn grow(&mut self) {
        let mut slots = vec![EMPTY; self.slots.len() * 2];
        let mask = slots.len() - 1;
        for id in 0..self.ends.len() as u32 {
            let hash = hash(self.word(id));
            let mut at = hash as usize & mask;
            while slots[at] != EMPTY {
                at = (at + 1) & mask;
            }
            slots[at] = (hash >> 32) << 32 | u64::from(id);
        }
        self.slots = slots;
    }

    /// Writes the arrays for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u64s(&self.slots);
        out.u64s(&self.ends);
        out.bytes(&self.bytes);
    }

    /// Reads what [`Vocabulary::write`] wrote; `None` when anything is out
    /// of range (the hash layout itself is trusted: the cache is made by
    /// the same binary, and a wrong table could only miss words).
    pub(crate) fn read(input: &mut Reader) -> Option<Self> {
        let slots = input.u64s()?;
        let ends = input.u64s()?;
        let bytes = input.bytes()?.to_vec();
        let ordered = ends.windows(2).all(|pair| pair[0] <= pair[1]);
        let filled = slots.iter().filter(|&&slot| slot != EMPTY).count();
        let in_range = slots
            .iter()
            .all(|&slot| slot == EMPTY || (slot as u32 as usize) < ends.len());
        let fits = ends.last().is_none_or(|&end| end == bytes.len() as u64);
        (slots.len().is_power_of_two()
            && filled == ends.len()
            && filled < slots.len()
            && in_range
            && ordered
            && fits)
            .then_some(Self { slots, ends, bytes })
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

/// The two halves of the full product, xored: every input bit reaches every
/// output bit.
#[inline]
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
            assert_eq!(vocabulary.intern(word.as_bytes()), n as u32);
        }
        for (n, word) in words.iter().enumerate() {
            assert_eq!(vocabulary.intern(word.as_bytes()), n as u32);
            assert_eq!(vocabulary.get(word.as_bytes()), Some(n as u32));
            assert_eq!(vocabulary.word(n as u32), word.as_bytes());
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
