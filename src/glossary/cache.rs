//! A compiled glossary (entries and matcher) stored on disk, so that a large
//! glossary is read and compiled once, not on every run.
//!
//! The file is checked whole (format version, checksum, every index in
//! range); anything wrong makes [`open`] return `None` and the caller
//! compiles again. The caller decides where the file lives and what its
//! name depends on (the glossary files, their sizes and times).

use super::table::u32_of;
use super::{EntryTable, Glossary, Matcher};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::Path;

const MAGIC: &[u8; 16] = b"tarjama-glossary";
/// Bumped whenever the layout below or the matcher's changes.
const FORMAT: u32 = 3;

/// Writes `glossary` (compiling its matcher if needed) and `notes` (text the
/// caller wants back, such as conflict warnings) to `path`, through a
/// temporary file so that a reader never sees half a file.
pub fn save(glossary: &Glossary, notes: &[String], path: &Path) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    file.write_all(MAGIC)?;
    file.write_all(&FORMAT.to_le_bytes())?;
    let checksum_at = file.stream_position()?;
    file.write_all(&[0; 8])?;
    let mut payload = Writer::new(&mut file);
    payload.u32(u32_of(notes.len()));
    notes.iter().for_each(|note| payload.str(note));
    glossary.table().write(&mut payload);
    payload.u32s(glossary.layers());
    glossary.matcher().write(&mut payload);
    let sum = payload.finish()?;
    file.seek(SeekFrom::Start(checksum_at))?;
    file.write_all(&sum.to_le_bytes())?;
    file.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Reads a glossary saved by [`save`], with its notes; `None` when the file
/// is missing, from another version, or damaged.
pub fn open(path: &Path) -> Option<(Glossary, Vec<String>)> {
    let bytes = std::fs::read(path).ok()?;
    let mut reader = Reader::new(&bytes);
    if reader.take(MAGIC.len())? != MAGIC || reader.u32()? != FORMAT {
        return None;
    }
    let expected = reader.u64()?;
    if checksum(reader.rest()) != expected {
        return None;
    }
    let notes = (0..reader.u32()?)
        .map(|_| reader.string())
        .collect::<Option<Vec<_>>>()?;
    let table = EntryTable::read(&mut reader)?;
    let layers = reader.u32s()?;
    if layers.len() != table.len() {
        return None;
    }
    let matcher = Matcher::read(&mut reader, table.len())?;
    if reader.remaining() != 0 {
        return None;
    }
    Some((Glossary::from_parts(table, layers, matcher), notes))
}

/// A fast 64-bit checksum (multiply and rotate over 8-byte words): it only
/// has to notice a damaged or truncated file, and it runs over the whole
/// cache on every load.
#[derive(Default)]
struct Checksum {
    sum: u64,
    len: u64,
}

impl Checksum {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    /// Adds bytes whose length is a multiple of 8.
    fn words(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks_exact(8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            self.sum = (self.sum ^ word).wrapping_mul(Self::K).rotate_left(29);
        }
        self.len += bytes.len() as u64;
    }

    /// Adds the last bytes (fewer than 8) and the length.
    fn finish(mut self, tail: &[u8]) -> u64 {
        for &byte in tail {
            self.sum = (self.sum ^ u64::from(byte))
                .wrapping_mul(Self::K)
                .rotate_left(29);
        }
        (self.sum ^ (self.len + tail.len() as u64)).wrapping_mul(Self::K)
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    let aligned = bytes.len() - bytes.len() % 8;
    let mut sum = Checksum::default();
    sum.words(&bytes[..aligned]);
    sum.finish(&bytes[aligned..])
}

/// Little-endian encoding of the cache's fields, written out in blocks as
/// it goes (a million-entry glossary makes a file of about 90 MB).
pub(crate) struct Writer<'a> {
    bytes: Vec<u8>,
    sum: Checksum,
    out: &'a mut dyn Write,
    error: Option<io::Error>,
}

impl<'a> Writer<'a> {
    const BLOCK: usize = 1 << 20;

    fn new(out: &'a mut dyn Write) -> Self {
        Self {
            bytes: Vec::with_capacity(Self::BLOCK + 4096),
            sum: Checksum::default(),
            out,
            error: None,
        }
    }

    /// Writes out whole 8-byte words once a block has gathered.
    fn spill(&mut self) {
        if self.bytes.len() < Self::BLOCK {
            return;
        }
        let aligned = self.bytes.len() - self.bytes.len() % 8;
        self.sum.words(&self.bytes[..aligned]);
        if self.error.is_none()
            && let Err(err) = self.out.write_all(&self.bytes[..aligned])
        {
            self.error = Some(err);
        }
        self.bytes.drain(..aligned);
    }

    /// Writes the rest; returns the checksum of everything written.
    fn finish(self) -> io::Result<u64> {
        if let Some(err) = self.error {
            return Err(err);
        }
        self.out.write_all(&self.bytes)?;
        let aligned = self.bytes.len() - self.bytes.len() % 8;
        let mut sum = self.sum;
        sum.words(&self.bytes[..aligned]);
        Ok(sum.finish(&self.bytes[aligned..]))
    }

    pub(crate) fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
        self.spill();
    }

    pub(crate) fn str(&mut self, value: &str) {
        self.u32(u32_of(value.len()));
        self.bytes.extend_from_slice(value.as_bytes());
        self.spill();
    }

    /// A length, then each value as `N` little-endian bytes.
    fn numbers<T: Copy, const N: usize>(&mut self, values: &[T], encode: fn(T) -> [u8; N]) {
        self.u32(u32_of(values.len()));
        for block in values.chunks(Self::BLOCK / N) {
            block
                .iter()
                .for_each(|&value| self.bytes.extend_from_slice(&encode(value)));
            self.spill();
        }
    }

    /// A length, then the values.
    pub(crate) fn u32s(&mut self, values: &[u32]) {
        self.numbers(values, u32::to_le_bytes);
    }

    /// A length, then the values.
    pub(crate) fn u64s(&mut self, values: &[u64]) {
        self.numbers(values, u64::to_le_bytes);
    }

    /// A length, then the bytes.
    pub(crate) fn bytes(&mut self, values: &[u8]) {
        self.u32(u32_of(values.len()));
        for block in values.chunks(Self::BLOCK) {
            self.bytes.extend_from_slice(block);
            self.spill();
        }
    }
}

/// Reads what [`Writer`] wrote; every method returns `None` past the end.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let taken = self.bytes.get(self.at..self.at.checked_add(len)?)?;
        self.at += len;
        Some(taken)
    }

    fn rest(&self) -> &'a [u8] {
        &self.bytes[self.at..]
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// What [`Writer::numbers`] wrote.
    fn numbers<T, const N: usize>(&mut self, decode: fn([u8; N]) -> T) -> Option<Vec<T>> {
        let len = self.u32()? as usize;
        let bytes = self.take(len.checked_mul(N)?)?;
        Some(
            bytes
                .chunks_exact(N)
                .map(|chunk| decode(chunk.try_into().unwrap_or([0; N])))
                .collect(),
        )
    }

    /// What [`Writer::u32s`] wrote.
    pub(crate) fn u32s(&mut self) -> Option<Vec<u32>> {
        self.numbers(u32::from_le_bytes)
    }

    /// What [`Writer::u64s`] wrote.
    pub(crate) fn u64s(&mut self) -> Option<Vec<u64>> {
        self.numbers(u64::from_le_bytes)
    }

    /// What [`Writer::bytes`] wrote.
    pub(crate) fn bytes(&mut self) -> Option<&'a [u8]> {
        let len = self.u32()? as usize;
        self.take(len)
    }

    fn string(&mut self) -> Option<String> {
        self.str().map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Entry, Kind, Source};
    use std::sync::Arc;

    fn sample() -> Glossary {
        let mut glossary = Glossary::new();
        let file: Arc<str> = Arc::from("a.yaml");
        glossary.add(vec![
            Entry {
                ar: "الأمم المتحدة".into(),
                en: "United Nations".into(),
                kind: Kind::Org,
                variants: vec!["الامم المتحده".into()],
                long: Some("the UN".into()),
                source: Some(Source {
                    file: file.clone(),
                    line: 3,
                }),
                ..Entry::default()
            },
            Entry {
                ar: "علي".into(),
                en: "Ali".into(),
                kind: Kind::Person,
                avoid: vec!["Aly".into()],
                note: Some("a name".into()),
                ..Entry::default()
            },
        ]);
        glossary.add(vec![Entry {
            ar: "جنيف".into(),
            en: "Geneva".into(),
            ..Entry::default()
        }]);
        glossary
    }

    #[test]
    fn round_trips_entries_and_matches() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.bin");
        let glossary = sample();
        save(&glossary, &["a note".into()], &path).unwrap();
        let (back, notes) = open(&path).unwrap();
        assert_eq!(notes, ["a note"]);
        assert_eq!(back.entries(), glossary.entries());
        assert_eq!(back.layers()[2], 1);
        let text = "قال علي في جنيف إن وللأمم المتحدة دورا، ثم مضى إلى بيته";
        assert_eq!(back.matcher().find(text), glossary.matcher().find(text));
        assert_eq!(back.matcher().find(text).len(), 3);
    }

    #[test]
    fn damaged_or_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.bin");
        assert!(open(&path).is_none());
        save(&sample(), &[], &path).unwrap();
        let good = std::fs::read(&path).unwrap();
        for cut in [0, 10, 30, good.len() / 2, good.len() - 1] {
            std::fs::write(&path, &good[..cut]).unwrap();
            assert!(open(&path).is_none(), "cut at {cut}");
        }
        let mut flipped = good.clone();
        let last = flipped.len() - 3;
        flipped[last] ^= 0x55;
        std::fs::write(&path, &flipped).unwrap();
        assert!(open(&path).is_none());
    }
}
