//! Writing sentences (`tarjama split`, `tarjama summarize`): one per line,
//! or JSON with their character offsets.

use crate::text::CharOffsets;
use crate::text::segment::sentences;
use serde::Serialize;
use serde::ser::{SerializeSeq, Serializer as _};
use std::io::{self, Write};

crate::named::named_enum! {
    /// How `split` writes the sentences.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum SentenceFormat {
        /// One sentence per line, inner line breaks turned into spaces
        Lines = "lines" in ["txt"],
        /// `[{"id","start","end","text"}]`, offsets in Unicode scalar values
        Json = "json" in ["json"],
    }
}

#[derive(Serialize)]
struct SentenceRecord<'a> {
    id: usize,
    start: usize,
    end: usize,
    text: &'a str,
}

/// Writes the sentences of a text that comes in stretches (the splitter's
/// pieces of a long input): `stretches` is called once, with the function
/// that takes each stretch in turn. JSON offsets count from the start of
/// the whole text.
pub fn write_sentences<E: From<io::Error> + From<serde_json::Error>>(
    format: SentenceFormat,
    out: &mut dyn Write,
    stretches: impl FnOnce(&mut dyn FnMut(&str) -> Result<(), E>) -> Result<(), E>,
) -> Result<(), E> {
    if format == SentenceFormat::Lines {
        return stretches(&mut |stretch| {
            for range in sentences(stretch) {
                write_one_line(out, &stretch[range])?;
            }
            Ok(())
        });
    }
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    let mut records = serializer.serialize_seq(None)?;
    let mut id = 0;
    let mut chars_before = 0;
    stretches(&mut |stretch| {
        let mut offsets = CharOffsets::new(stretch);
        for range in sentences(stretch) {
            id += 1;
            records.serialize_element(&SentenceRecord {
                id,
                start: chars_before + offsets.char_offset(range.start),
                end: chars_before + offsets.char_offset(range.end),
                text: &stretch[range],
            })?;
        }
        chars_before += offsets.char_offset(stretch.len());
        Ok(())
    })?;
    records.end()?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes `sentence` and a newline, each line break inside it (`\r\n`
/// counts once; NEL, U+2028 and U+2029 too) turned into a space.
pub fn write_one_line(out: &mut dyn Write, sentence: &str) -> std::io::Result<()> {
    let bytes = sentence.as_bytes();
    let mut from = 0;
    // Where each byte can start a line break: `\n`, `\r` and E2 (U+2028,
    // U+2029) are one search, C2 (NEL, but also « and ») another. Each is
    // searched again only once passed, which keeps this linear.
    let mut common = memchr::memchr3_iter(b'\n', b'\r', 0xE2, bytes).peekable();
    let mut rare = memchr::memchr_iter(0xC2, bytes).peekable();
    loop {
        let at = match (common.peek(), rare.peek()) {
            (Some(&c), Some(&r)) if r < c => rare.next(),
            (Some(_), _) => common.next(),
            (None, _) => rare.next(),
        };
        let Some(at) = at else {
            break;
        };
        if at < from {
            continue; // the `\n` of a `\r\n`
        }
        let len = match &bytes[at..] {
            [b'\r', b'\n', ..] => 2,
            [b'\n' | b'\r', ..] => 1,
            [0xC2, 0x85, ..] => 2,
            [0xE2, 0x80, 0xA8 | 0xA9, ..] => 3,
            _ => continue,
        };
        out.write_all(&bytes[from..at])?;
        out.write_all(b" ")?;
        from = at + len;
    }
    out.write_all(&bytes[from..])?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_every_kind_of_line_break() {
        let mut out = Vec::new();
        write_one_line(&mut out, "أ\nب\r\nج\rد\u{2028}ه").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "أ ب ج د ه\n");
    }
}
