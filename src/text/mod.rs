//! Text handling: decoding input, Arabic normalization, sentence splitting,
//! words and numbers of Arabic and English text, and what differs between
//! two similar sentences.

mod decode;
pub mod differences;
pub(crate) mod english_words;
pub(crate) mod normalize;
pub(crate) mod numbers;
pub mod script;
pub mod segment;
pub mod tokenize;

pub use decode::{ByteOrder, DecodeError, TextReader, decode, decode_owned};
pub use normalize::{Normalized, normalize, normalize_str};
pub use segment::split;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use std::ops::Range;

/// The line that starts at byte `from` of `bytes`: where it ends and where
/// the next one starts, after its `\n`, `\r\n` or lone `\r`. A line that
/// runs to the end of `bytes` without a line end gives `bytes.len()` twice.
/// The one line-end rule of every reader.
pub fn line_end(bytes: &[u8], from: usize) -> (usize, usize) {
    match memchr::memchr2(b'\n', b'\r', &bytes[from..]) {
        Some(offset) => {
            let at = from + offset;
            let crlf = bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n');
            (at, at + 1 + usize::from(crlf))
        }
        None => (bytes.len(), bytes.len()),
    }
}

/// The lines of `text` as an editor shows them, without their ends:
/// like [`str::lines`], but a lone `\r` ends a line too.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let (end, next) = line_end(text.as_bytes(), at);
        let line = &text[at..end];
        at = next;
        Some(line)
    })
}

/// Where a piece of text stands in a larger one: by bytes, what the code
/// slices with, and by characters (Unicode scalar values), what the JSON
/// outputs promise. Offsets are bytes everywhere else; a span is made once,
/// where the text is at hand, by [`CharOffsets::span`].
///
/// Serialized as `"start"` and `"end"`: the characters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Span {
    /// Byte offsets, end exclusive.
    pub bytes: Range<usize>,
    /// Character offsets, end exclusive.
    pub chars: Range<usize>,
}

impl Span {
    /// The whole of `text`.
    pub fn whole(text: &str) -> Self {
        Self {
            bytes: 0..text.len(),
            chars: 0..text.chars().count(),
        }
    }
}

impl Span {
    /// This span counted from `bytes` bytes and `chars` characters further
    /// on (where a part of the text starts), instead of from the start.
    pub fn shifted_back(&self, bytes: usize, chars: usize) -> Span {
        Span {
            bytes: self.bytes.start - bytes..self.bytes.end - bytes,
            chars: self.chars.start - chars..self.chars.end - chars,
        }
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields = serializer.serialize_struct("Span", 2)?;
        fields.serialize_field("start", &self.chars.start)?;
        fields.serialize_field("end", &self.chars.end)?;
        fields.end()
    }
}

/// Converts ascending byte offsets of one text into character offsets
/// without rescanning from the start each time: the one conversion between
/// the two.
#[derive(Debug, Clone)]
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    /// Starts counting at the beginning of `text`.
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// The number of characters before byte offset `byte` (a char boundary).
    ///
    /// Cheap when offsets come in ascending order; an earlier offset restarts
    /// the count.
    pub fn char_offset(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let byte = byte.min(self.text.len());
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }

    /// The span of the bytes `bytes` of the text.
    pub fn span(&mut self, bytes: Range<usize>) -> Span {
        let chars = self.char_offset(bytes.start)..self.char_offset(bytes.end);
        Span { bytes, chars }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_scalar_values() {
        let text = "قال: OK";
        let mut offsets = CharOffsets::new(text);
        assert_eq!(offsets.char_offset(0), 0);
        assert_eq!(offsets.char_offset(6), 3);
        assert_eq!(offsets.char_offset(text.len()), 7);
        assert_eq!(offsets.char_offset(2), 1);
        assert_eq!(
            offsets.span(2..6),
            Span {
                bytes: 2..6,
                chars: 1..3
            }
        );
        assert_eq!(
            Span::whole(text),
            Span {
                bytes: 0..10,
                chars: 0..7
            }
        );
        assert_eq!(
            serde_json::to_string(&Span::whole(text)).unwrap(),
            r#"{"start":0,"end":7}"#
        );
    }

    #[test]
    fn lines_end_at_every_kind_of_line_end() {
        let found: Vec<&str> = lines("a\r\nb\rc\n\nd\u{85}e").collect();
        assert_eq!(found, ["a", "b", "c", "", "d\u{85}e"]);
        assert_eq!(lines("x\n").collect::<Vec<_>>(), ["x"]);
        assert_eq!(lines("").count(), 0);
        let text = "one\ntwo\r\n\nthree";
        assert!(lines(text).eq(text.lines()));
    }
}
