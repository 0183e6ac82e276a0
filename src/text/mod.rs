//! Text handling: decoding input, Arabic normalization, sentence splitting,
//! words and numbers of Arabic and English text, and what differs between
//! two similar sentences.

pub mod decode;
pub mod differences;
pub mod english_words;
pub mod normalize;
pub mod numbers;
pub mod script;
pub mod segment;
pub mod tokenize;

pub use decode::{ByteOrder, DecodeError, TextReader, decode, decode_owned};
pub use normalize::{Normalized, normalize, normalize_str};
pub use segment::split;

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

/// Converts ascending byte offsets of one text into Unicode scalar offsets
/// without rescanning from the start each time.
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
