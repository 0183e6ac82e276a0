//! Entries stored compactly: all their text in one string, and one
//! fixed-size row per entry that points into it.
//!
//! A million-entry glossary as a `Vec<Entry>` is two million small strings
//! and 170 MB of structs to build, page in and free. A table is one string
//! (for a TSV file, the file's own text: rows point at its fields) and
//! 32 bytes a row, which the cache writes and reads back in bulk.

use super::cache::{Reader, Writer};
use super::model::{Entry, Kind, Source};
use std::ops::Range;
use std::sync::Arc;

const NONE: u32 = u32::MAX;

/// The most text a table (so a whole glossary) holds: offsets are 32-bit.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize - 1;

/// `n` (an offset, a length or a count) as the `u32` the compiled glossary
/// stores it in. Checked where the value is made: every one is bounded by
/// the text of the glossaries, which [`MAX_TEXT_BYTES`] keeps below 4 GiB
/// (loading refuses more), so it never fails.
pub(crate) fn u32_of(n: usize) -> u32 {
    u32::try_from(n).expect("glossaries hold less than 4 GiB of text")
}

/// Where a string sits in the table's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    const ABSENT: Span = Span {
        start: NONE,
        len: 0,
    };

    /// The span of `range` (within [`MAX_TEXT_BYTES`]).
    pub(crate) fn of(range: Range<usize>) -> Span {
        Span {
            start: u32_of(range.start),
            len: u32_of(range.end - range.start),
        }
    }

    fn shifted(self, by: u32) -> Span {
        if self == Span::ABSENT {
            self
        } else {
            Span {
                start: self.start + by,
                ..self
            }
        }
    }

    fn range(self) -> Range<usize> {
        self.start as usize..self.start as usize + self.len as usize
    }
}

/// One entry: its key and English, and where its other fields are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) ar: Span,
    pub(crate) en: Span,
    pub(crate) kind: Kind,
    /// Index in `extras`, or `NONE` when the entry has no other field.
    pub(crate) extra: u32,
    /// Index in `files`, or `NONE`.
    pub(crate) file: u32,
    pub(crate) line: u32,
}

/// The fields most entries lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extra {
    /// `lists[variants.0..variants.1]`.
    variants: (u32, u32),
    /// `lists[avoid.0..avoid.1]`.
    avoid: (u32, u32),
    long: Span,
    pub(crate) note: Span,
}

impl Extra {
    /// Only a note.
    pub(crate) fn note(note: Span) -> Extra {
        Extra {
            variants: (0, 0),
            avoid: (0, 0),
            long: Span::ABSENT,
            note,
        }
    }
}

/// Glossary entries in compact form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryTable {
    text: String,
    rows: Vec<Row>,
    extras: Vec<Extra>,
    /// Spans of variants and `avoid` items.
    lists: Vec<Span>,
    files: Vec<Arc<str>>,
}

/// One entry of an [`EntryTable`], read in place.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    table: &'a EntryTable,
    row: Row,
}

impl<'a> EntryRef<'a> {
    fn str(&self, span: Span) -> &'a str {
        &self.table.text[span.range()]
    }

    fn optional(&self, span: Span) -> Option<&'a str> {
        (span != Span::ABSENT).then(|| self.str(span))
    }

    fn extra(&self) -> Option<&'a Extra> {
        self.table.extras.get(self.row.extra as usize)
    }

    fn list(&self, (start, end): (u32, u32)) -> impl Iterator<Item = &'a str> + use<'a> {
        let table = self.table;
        table.lists[start as usize..end as usize]
            .iter()
            .map(move |span| &table.text[span.range()])
    }

    /// The canonical Arabic form.
    pub fn ar(&self) -> &'a str {
        self.str(self.row.ar)
    }

    /// The English rendering.
    pub fn en(&self) -> &'a str {
        self.str(self.row.en)
    }

    /// What it names.
    pub fn kind(&self) -> Kind {
        self.row.kind
    }

    /// Other Arabic spellings.
    pub fn variants(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.list(self.extra().map_or((0, 0), |extra| extra.variants))
    }

    /// English renderings a QA check must flag.
    pub fn avoid(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        self.list(self.extra().map_or((0, 0), |extra| extra.avoid))
    }

    /// The long English form.
    pub fn long(&self) -> Option<&'a str> {
        self.extra().and_then(|extra| self.optional(extra.long))
    }

    /// The note for translators.
    pub fn note(&self) -> Option<&'a str> {
        self.extra().and_then(|extra| self.optional(extra.note))
    }

    /// Where the entry was written.
    pub fn source(&self) -> Option<Source> {
        let file = self.table.files.get(self.row.file as usize)?;
        Some(Source {
            file: file.clone(),
            line: self.row.line as usize,
        })
    }

    /// The Arabic forms that match this entry: the key, then the variants.
    pub fn forms(&self) -> impl Iterator<Item = &'a str> + use<'a> {
        std::iter::once(self.ar()).chain(self.variants())
    }

    /// The entry as an [`Entry`] of its own.
    pub fn to_entry(&self) -> Entry {
        Entry {
            ar: self.ar().to_owned(),
            en: self.en().to_owned(),
            kind: self.kind(),
            variants: self.variants().map(str::to_owned).collect(),
            avoid: self.avoid().map(str::to_owned).collect(),
            long: self.long().map(str::to_owned),
            note: self.note().map(str::to_owned),
            source: self.source(),
        }
    }
}

impl EntryTable {
    /// Rows over `text`, which already holds their strings (a parser's
    /// input). `text` must be at most [`MAX_TEXT_BYTES`] long.
    pub(crate) fn over(
        text: String,
        rows: Vec<Row>,
        extras: Vec<Extra>,
        files: Vec<Arc<str>>,
    ) -> Self {
        debug_assert!(text.len() <= MAX_TEXT_BYTES);
        Self {
            text,
            rows,
            extras,
            lists: Vec::new(),
            files,
        }
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The bytes of text the table holds (at most [`MAX_TEXT_BYTES`]).
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The entry at `index`.
    ///
    /// # Panics
    /// When `index` is out of range.
    pub fn get(&self, index: usize) -> EntryRef<'_> {
        EntryRef {
            table: self,
            row: self.rows[index],
        }
    }

    /// Every entry, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = EntryRef<'_>> {
        self.rows.iter().map(|&row| EntryRef { table: self, row })
    }

    /// Every entry as an [`Entry`].
    pub fn to_entries(&self) -> Vec<Entry> {
        self.iter().map(|entry| entry.to_entry()).collect()
    }

    /// Keeps the entries for which `keep` (by index) is true.
    pub(crate) fn retain(&mut self, keep: &[bool]) {
        let mut flags = keep.iter();
        self.rows.retain(|_| *flags.next().unwrap_or(&true));
    }

    /// Appends the entries of `other` after this table's own; the two texts
    /// together must stay within [`MAX_TEXT_BYTES`].
    pub fn append(&mut self, mut other: EntryTable) {
        // The larger text stays where it is; the other one is copied after it.
        if self.text.len() < other.text.len() {
            std::mem::swap(&mut self.text, &mut other.text);
            let shift = u32_of(self.text.len());
            self.text.push_str(&other.text);
            self.shift_text(shift);
        } else {
            let shift = u32_of(self.text.len());
            self.text.push_str(&other.text);
            other.shift_text(shift);
        }
        let (extras, lists, files) = (
            u32_of(self.extras.len()),
            u32_of(self.lists.len()),
            u32_of(self.files.len()),
        );
        self.rows.extend(other.rows.iter().map(|row| Row {
            extra: if row.extra == NONE {
                NONE
            } else {
                row.extra + extras
            },
            file: if row.file == NONE {
                NONE
            } else {
                row.file + files
            },
            ..*row
        }));
        self.extras.extend(other.extras.iter().map(|extra| Extra {
            variants: (extra.variants.0 + lists, extra.variants.1 + lists),
            avoid: (extra.avoid.0 + lists, extra.avoid.1 + lists),
            ..*extra
        }));
        self.lists.extend(other.lists);
        self.files.extend(other.files);
    }

    /// Moves every span by `by` bytes (the text was put after another).
    fn shift_text(&mut self, by: u32) {
        for row in &mut self.rows {
            row.ar = row.ar.shifted(by);
            row.en = row.en.shifted(by);
        }
        for extra in &mut self.extras {
            extra.long = extra.long.shifted(by);
            extra.note = extra.note.shifted(by);
        }
        for span in &mut self.lists {
            *span = span.shifted(by);
        }
    }

    fn push_str(&mut self, value: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(value);
        Span::of(start..self.text.len())
    }

    fn push_list(&mut self, values: &[String]) -> (u32, u32) {
        let start = u32_of(self.lists.len());
        for value in values {
            let span = self.push_str(value);
            self.lists.push(span);
        }
        (start, u32_of(self.lists.len()))
    }

    /// Adds one entry.
    fn push(&mut self, entry: &Entry) {
        let ar = self.push_str(&entry.ar);
        let en = self.push_str(&entry.en);
        let has_extra = !entry.variants.is_empty()
            || !entry.avoid.is_empty()
            || entry.long.is_some()
            || entry.note.is_some();
        let extra = if has_extra {
            let variants = self.push_list(&entry.variants);
            let avoid = self.push_list(&entry.avoid);
            let long = entry
                .long
                .as_deref()
                .map_or(Span::ABSENT, |long| self.push_str(long));
            let note = entry
                .note
                .as_deref()
                .map_or(Span::ABSENT, |note| self.push_str(note));
            self.extras.push(Extra {
                variants,
                avoid,
                long,
                note,
            });
            u32_of(self.extras.len()) - 1
        } else {
            NONE
        };
        let (file, line) = match &entry.source {
            Some(source) => {
                let file = match self.files.last() {
                    Some(last) if Arc::ptr_eq(last, &source.file) || *last == source.file => {
                        self.files.len() - 1
                    }
                    _ => {
                        self.files.push(source.file.clone());
                        self.files.len() - 1
                    }
                };
                (u32_of(file), u32_of(source.line))
            }
            None => (NONE, 0),
        };
        self.rows.push(Row {
            ar,
            en,
            kind: entry.kind,
            extra,
            file,
            line,
        });
    }

    /// Writes the table for [`super::cache`].
    pub(crate) fn write(&self, out: &mut Writer) {
        out.u32(u32_of(self.files.len()));
        self.files.iter().for_each(|file| out.str(file));
        out.bytes(self.text.as_bytes());
        let mut numbers = Vec::with_capacity(self.rows.len() * 7);
        for row in &self.rows {
            numbers.extend([
                row.ar.start,
                row.ar.len,
                row.en.start,
                row.en.len,
                row.kind as u32,
                row.extra,
                row.file,
            ]);
        }
        out.u32s(&numbers);
        out.u32s(&self.rows.iter().map(|row| row.line).collect::<Vec<_>>());
        numbers.clear();
        for extra in &self.extras {
            numbers.extend([
                extra.variants.0,
                extra.variants.1,
                extra.avoid.0,
                extra.avoid.1,
                extra.long.start,
                extra.long.len,
                extra.note.start,
                extra.note.len,
            ]);
        }
        out.u32s(&numbers);
        numbers.clear();
        numbers.extend(self.lists.iter().flat_map(|span| [span.start, span.len]));
        out.u32s(&numbers);
    }

    /// Reads what [`EntryTable::write`] wrote; `None` when anything is out
    /// of range.
    pub(crate) fn read(input: &mut Reader) -> Option<Self> {
        let files = (0..input.u32()?)
            .map(|_| input.str().map(Arc::<str>::from))
            .collect::<Option<Vec<_>>>()?;
        let text = String::from_utf8(input.bytes()?.to_vec()).ok()?;
        let fits = |span: Span| {
            span == Span::ABSENT
                || (span.start as usize)
                    .checked_add(span.len as usize)
                    .is_some_and(|end| {
                        text.is_char_boundary(span.start as usize) && text.is_char_boundary(end)
                    })
        };
        let kinds = [
            Kind::Person,
            Kind::Org,
            Kind::Place,
            Kind::Title,
            Kind::Term,
        ];
        let numbers = input.u32s()?;
        let lines = input.u32s()?;
        if numbers.len() != lines.len() * 7 {
            return None;
        }
        let rows = numbers
            .chunks_exact(7)
            .zip(lines)
            .map(|(row, line)| Row {
                ar: Span {
                    start: row[0],
                    len: row[1],
                },
                en: Span {
                    start: row[2],
                    len: row[3],
                },
                kind: kinds.get(row[4] as usize).copied().unwrap_or_default(),
                extra: row[5],
                file: row[6],
                line,
            })
            .collect::<Vec<_>>();
        let extras = input
            .u32s()?
            .chunks_exact(8)
            .map(|extra| Extra {
                variants: (extra[0], extra[1]),
                avoid: (extra[2], extra[3]),
                long: Span {
                    start: extra[4],
                    len: extra[5],
                },
                note: Span {
                    start: extra[6],
                    len: extra[7],
                },
            })
            .collect::<Vec<_>>();
        let lists = input
            .u32s()?
            .chunks_exact(2)
            .map(|span| Span {
                start: span[0],
                len: span[1],
            })
            .collect::<Vec<_>>();
        let list_fits = |(start, end): (u32, u32)| start <= end && end as usize <= lists.len();
        let valid = numbers
            .chunks_exact(7)
            .all(|row| (row[4] as usize) < kinds.len())
            && rows.iter().all(|row| {
                fits(row.ar)
                    && row.ar != Span::ABSENT
                    && fits(row.en)
                    && row.en != Span::ABSENT
                    && (row.extra == NONE || (row.extra as usize) < extras.len())
                    && (row.file == NONE || (row.file as usize) < files.len())
            })
            && extras.iter().all(|extra| {
                list_fits(extra.variants)
                    && list_fits(extra.avoid)
                    && fits(extra.long)
                    && fits(extra.note)
            })
            && lists.iter().all(|&span| span != Span::ABSENT && fits(span));
        valid.then_some(Self {
            text,
            rows,
            extras,
            lists,
            files,
        })
    }
}

impl From<Vec<Entry>> for EntryTable {
    fn from(entries: Vec<Entry>) -> Self {
        let mut table = EntryTable::default();
        table.rows.reserve(entries.len());
        entries.iter().for_each(|entry| table.push(entry));
        table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Entry> {
        let file: Arc<str> = Arc::from("a.yaml");
        vec![
            Entry {
                ar: "الأمم المتحدة".into(),
                en: "United Nations".into(),
                kind: Kind::Org,
                variants: vec!["الامم المتحده".into(), "الأمم".into()],
                avoid: vec!["UNO".into()],
                long: Some("the UN".into()),
                note: Some("a note".into()),
                source: Some(Source {
                    file: file.clone(),
                    line: 3,
                }),
            },
            Entry {
                ar: "علي".into(),
                en: "Ali".into(),
                kind: Kind::Person,
                source: Some(Source { file, line: 9 }),
                ..Entry::default()
            },
            Entry {
                ar: "جنيف".into(),
                en: "Geneva".into(),
                ..Entry::default()
            },
        ]
    }

    #[test]
    fn gives_back_the_entries_it_was_made_of() {
        let table = EntryTable::from(sample());
        assert_eq!(table.to_entries(), sample());
        let first = table.get(0);
        assert_eq!(
            first.forms().collect::<Vec<_>>(),
            ["الأمم المتحدة", "الامم المتحده", "الأمم"]
        );
        assert_eq!(first.source().unwrap().to_string(), "a.yaml:3");
        assert_eq!(table.files.len(), 1);
    }

    #[test]
    fn appending_keeps_both_in_order_whichever_text_is_larger() {
        let mut large = sample();
        large[2].note = Some("x".repeat(1000));
        for (first, second) in [(sample(), large.clone()), (large.clone(), sample())] {
            let mut table = EntryTable::from(first.clone());
            table.append(EntryTable::from(second.clone()));
            let expected: Vec<Entry> = first.into_iter().chain(second).collect();
            assert_eq!(table.to_entries(), expected);
        }
    }

    #[test]
    fn retains_by_flags() {
        let mut table = EntryTable::from(sample());
        table.retain(&[true, false, true]);
        let keys: Vec<&str> = table.iter().map(|entry| entry.ar()).collect();
        assert_eq!(keys, ["الأمم المتحدة", "جنيف"]);
    }
}
