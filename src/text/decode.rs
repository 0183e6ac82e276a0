//! Turning the bytes of an input file into text.
//!
//! Inputs are UTF-8 with or without a byte-order mark, or UTF-16 (either
//! byte order) behind its byte-order mark. UTF-16 without a mark is valid
//! UTF-8 of a kind (Arabic letters become pairs like `'` and the control
//! character U+0006, spaces become NUL pairs), so it is recognised by that
//! pattern and refused with a hint instead of being read as garbage. Line
//! ends are left as they are (`\n`, `\r\n` or `\r`) so that every offset the
//! tool reports points into the text the user gave; the splitter treats all
//! three as line breaks.

use crate::error::{FileError, FileErrorKind, Hinted};
use std::borrow::Cow;
use std::io::{self, Read};
use thiserror::Error;

const UTF8_MARK: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_MARK: &[u8] = b"\xFF\xFE";
const UTF16_BE_MARK: &[u8] = b"\xFE\xFF";

/// How many bytes at the start of a text tell its encoding.
const SAMPLE_LEN: usize = 4096;

/// The byte order of UTF-16 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    /// Low byte first (what Windows writes).
    Little,
    /// High byte first.
    Big,
}

impl ByteOrder {
    /// The encoding's name for `iconv -f`.
    pub fn iconv_name(self) -> &'static str {
        match self {
            ByteOrder::Little => "UTF-16LE",
            ByteOrder::Big => "UTF-16BE",
        }
    }

    fn unit(self, pair: [u8; 2]) -> u16 {
        match self {
            ByteOrder::Little => u16::from_le_bytes(pair),
            ByteOrder::Big => u16::from_be_bytes(pair),
        }
    }
}

/// Why a byte sequence is not text the tool can read.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is not valid UTF-8.
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Offset of the first bad byte, counted in the raw input (BOM included).
        offset: usize,
    },
    /// The input has a UTF-16 byte-order mark but is not valid UTF-16 (a
    /// lone surrogate, or an odd byte at the end).
    #[error("invalid UTF-16 at byte offset {offset}")]
    InvalidUtf16 {
        /// Offset of the first bad code unit, counted in the raw input (BOM included).
        offset: usize,
    },
    /// The input looks like UTF-16 without a byte-order mark.
    #[error(
        "the input looks like {order} without a byte-order mark (NUL or control bytes between \
         the letters)",
        order = .order.iconv_name()
    )]
    Utf16WithoutMark {
        /// Which byte order the pattern points to.
        order: ByteOrder,
    },
}

impl DecodeError {
    /// The same problem as an error about `file`.
    pub fn in_file(&self, file: &str) -> FileError {
        FileError::new(FileErrorKind::Encoding, file, self.to_string()).with_hint(self.advice())
    }

    fn advice(&self) -> String {
        match self {
            DecodeError::InvalidUtf8 { .. } => {
                "convert the file to UTF-8 first, e.g. `iconv -f WINDOWS-1256 -t UTF-8`".to_owned()
            }
            DecodeError::InvalidUtf16 { .. } => "the file is cut short or damaged; convert it to \
                                                 UTF-8 with `iconv -f UTF-16 -t UTF-8` to see where"
                .to_owned(),
            DecodeError::Utf16WithoutMark { order } => format!(
                "convert it to UTF-8 first: `iconv -f {order} -t UTF-8 FILE > FILE.utf8.txt`",
                order = order.iconv_name()
            ),
        }
    }
}

impl Hinted for DecodeError {
    fn hint(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Owned(self.advice()))
    }
}

/// How a text's bytes are encoded, told by [`sniff`] from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// UTF-8, after a byte-order mark of this many bytes (0 or 3).
    Utf8 { mark_len: usize },
    /// UTF-16 after its two-byte byte-order mark.
    Utf16(ByteOrder),
}

/// The encoding of a text that starts with `start` (its first bytes, as many
/// as are at hand: a byte-order mark needs three, the UTF-16 pattern a few
/// dozen; only the first [`SAMPLE_LEN`] are looked at).
fn sniff(start: &[u8]) -> Result<Encoding, DecodeError> {
    let start = &start[..start.len().min(SAMPLE_LEN)];
    if start.starts_with(UTF8_MARK) {
        Ok(Encoding::Utf8 {
            mark_len: UTF8_MARK.len(),
        })
    } else if start.starts_with(UTF16_LE_MARK) {
        Ok(Encoding::Utf16(ByteOrder::Little))
    } else if start.starts_with(UTF16_BE_MARK) {
        Ok(Encoding::Utf16(ByteOrder::Big))
    } else if let Some(order) = unmarked_utf16(start) {
        Err(DecodeError::Utf16WithoutMark { order })
    } else {
        Ok(Encoding::Utf8 { mark_len: 0 })
    }
}

/// True for bytes that no text file holds but UTF-16 has as the high half of
/// nearly every character: NUL (ASCII: spaces, digits, line ends) and the
/// other C0 controls below the tab (U+0600–U+08FF, the Arabic blocks, have
/// 0x06–0x08 there).
fn is_utf16_high_byte(byte: u8) -> bool {
    byte < b'\t'
}

/// The byte order of UTF-16 without a byte-order mark, if `sample` looks
/// like it: at least a quarter of the bytes at odd positions (little-endian)
/// or at even positions (big-endian) are [`is_utf16_high_byte`], and at most
/// an eighth as many at the other positions. UTF-8 text has none at all, so
/// a stray control byte never trips this.
fn unmarked_utf16(sample: &[u8]) -> Option<ByteOrder> {
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let (mut even, mut odd) = (0, 0);
    for pair in sample.chunks_exact(2) {
        even += usize::from(is_utf16_high_byte(pair[0]));
        odd += usize::from(is_utf16_high_byte(pair[1]));
    }
    let points_to = |many: usize, few: usize| many * 4 >= pairs && few * 8 <= many;
    if points_to(odd, even) {
        Some(ByteOrder::Little)
    } else if points_to(even, odd) {
        Some(ByteOrder::Big)
    } else {
        None
    }
}

/// Decodes input in any encoding this module reads, dropping a leading
/// byte-order mark.
///
/// Offsets reported by the rest of the library count from the first
/// character after the byte-order mark, in the UTF-8 text returned.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    match sniff(bytes)? {
        Encoding::Utf8 { mark_len } => std::str::from_utf8(&bytes[mark_len..])
            .map(Cow::Borrowed)
            .map_err(|err| DecodeError::InvalidUtf8 {
                offset: mark_len + err.valid_up_to(),
            }),
        Encoding::Utf16(order) => utf16_to_string(bytes, order).map(Cow::Owned),
    }
}

/// Like [`decode`], but takes ownership of the buffer so no copy is made
/// (of UTF-8 input).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    match sniff(&bytes)? {
        Encoding::Utf8 { mark_len } => {
            bytes.drain(..mark_len);
            String::from_utf8(bytes).map_err(|err| DecodeError::InvalidUtf8 {
                offset: mark_len + err.utf8_error().valid_up_to(),
            })
        }
        Encoding::Utf16(order) => utf16_to_string(&bytes, order),
    }
}

/// The text of UTF-16 `bytes` (their byte-order mark first).
fn utf16_to_string(bytes: &[u8], order: ByteOrder) -> Result<String, DecodeError> {
    let mut transcoder = Utf16Transcoder::new(order);
    let mut out = Vec::with_capacity(bytes.len() * 3 / 2);
    transcoder.transcode(&bytes[2..], true, &mut out)?;
    Ok(String::from_utf8(out).expect("transcoded UTF-16 is UTF-8"))
}

/// UTF-16 to UTF-8, a piece at a time.
struct Utf16Transcoder {
    order: ByteOrder,
    /// Offset in the raw input (byte-order mark included) of the next
    /// byte to transcode.
    offset: usize,
}

impl Utf16Transcoder {
    fn new(order: ByteOrder) -> Self {
        Self { order, offset: 2 }
    }

    /// Appends the UTF-8 of the whole characters at the start of `bytes` to
    /// `out` and returns how many bytes it took: all of them `at_end`, else
    /// all but an odd last byte or a last high surrogate (the rest of their
    /// character is in the next piece).
    fn transcode(
        &mut self,
        bytes: &[u8],
        at_end: bool,
        out: &mut Vec<u8>,
    ) -> Result<usize, DecodeError> {
        let mut whole = bytes.len() & !1;
        if !at_end && whole >= 2 {
            let last = self.order.unit([bytes[whole - 2], bytes[whole - 1]]);
            if (0xD800..0xDC00).contains(&last) {
                whole -= 2;
            }
        }
        let units = bytes[..whole]
            .chunks_exact(2)
            .map(|pair| self.order.unit([pair[0], pair[1]]));
        let mut taken = 0;
        for c in char::decode_utf16(units) {
            let c = c.map_err(|_| DecodeError::InvalidUtf16 {
                offset: self.offset + taken,
            })?;
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            taken += 2 * c.len_utf16();
        }
        self.offset += taken;
        if at_end && whole < bytes.len() {
            return Err(DecodeError::InvalidUtf16 {
                offset: self.offset,
            });
        }
        Ok(taken)
    }
}

/// How much a [`TextReader`] reads at a time from UTF-16 input.
const UTF16_PIECE_LEN: usize = 1 << 16;

/// Reads input in any encoding [`decode`] accepts and hands on UTF-8: a
/// byte-order mark dropped, UTF-16 converted; for inputs read piece by piece
/// or line by line. UTF-8 passes through unchecked (its reader validates it;
/// add [`TextReader::mark_len`] to its offsets); invalid UTF-16 is an
/// `io::Error` of kind `InvalidData` wrapping a [`DecodeError`].
pub struct TextReader<R> {
    input: R,
    /// Bytes read from `input` and not yet handed on (or, for UTF-16, not
    /// yet transcoded), from `start`.
    raw: Vec<u8>,
    start: usize,
    /// The transcoder for UTF-16 input, and its output not yet handed on,
    /// from `decoded_start`.
    utf16: Option<Utf16Transcoder>,
    decoded: Vec<u8>,
    decoded_start: usize,
    mark_len: usize,
    at_end: bool,
}

impl<R: Read> TextReader<R> {
    /// Reads the first bytes of `input` to tell its encoding: only as many
    /// as one read gives (or three, for a byte-order mark), so that a pipe
    /// answered line by line is not kept waiting. UTF-16 without a
    /// byte-order mark is an error here.
    pub fn new(mut input: R) -> io::Result<Self> {
        let mut raw = vec![0; SAMPLE_LEN];
        let mut filled = 0;
        loop {
            let read = match input.read(&mut raw[filled..]) {
                Ok(read) => read,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            };
            filled += read;
            let may_be_a_mark = [UTF8_MARK, UTF16_LE_MARK, UTF16_BE_MARK]
                .iter()
                .any(|mark| filled < mark.len() && mark.starts_with(&raw[..filled]));
            if read == 0 || !may_be_a_mark {
                break;
            }
        }
        raw.truncate(filled);
        let (mark_len, utf16) = match sniff(&raw).map_err(invalid_data)? {
            Encoding::Utf8 { mark_len } => (mark_len, None),
            Encoding::Utf16(order) => (2, Some(Utf16Transcoder::new(order))),
        };
        Ok(Self {
            input,
            raw,
            start: mark_len,
            utf16,
            decoded: Vec::new(),
            decoded_start: 0,
            mark_len,
            at_end: false,
        })
    }

    /// The length of the byte-order mark dropped from the start (0 when
    /// there was none).
    pub fn mark_len(&self) -> usize {
        self.mark_len
    }

    /// Transcodes the next piece of UTF-16 input into `decoded`; false at
    /// the end.
    fn transcode_more(&mut self) -> io::Result<bool> {
        let Some(transcoder) = &mut self.utf16 else {
            unreachable!("only UTF-16 input is transcoded")
        };
        self.decoded.clear();
        self.decoded_start = 0;
        while self.decoded.is_empty() {
            if self.at_end && self.start == self.raw.len() {
                return Ok(false);
            }
            let taken = transcoder
                .transcode(&self.raw[self.start..], self.at_end, &mut self.decoded)
                .map_err(invalid_data)?;
            self.start += taken;
            if !self.decoded.is_empty() || self.at_end {
                continue;
            }
            self.raw.drain(..self.start);
            self.start = 0;
            let kept = self.raw.len();
            self.raw.resize(kept + UTF16_PIECE_LEN, 0);
            let read = loop {
                match self.input.read(&mut self.raw[kept..]) {
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    other => break other,
                }
            };
            let read = read.inspect_err(|_| self.raw.truncate(kept))?;
            self.raw.truncate(kept + read);
            self.at_end = read == 0;
        }
        Ok(true)
    }
}

fn invalid_data(err: DecodeError) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, err)
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let pending = if self.utf16.is_some() {
            if self.decoded_start == self.decoded.len() && !self.transcode_more()? {
                return Ok(0);
            }
            &self.decoded[self.decoded_start..]
        } else if self.start < self.raw.len() {
            &self.raw[self.start..]
        } else {
            return self.input.read(buf);
        };
        let len = pending.len().min(buf.len());
        buf[..len].copy_from_slice(&pending[..len]);
        if self.utf16.is_some() {
            self.decoded_start += len;
        } else {
            self.start += len;
        }
        Ok(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn utf16(text: &str, order: ByteOrder, mark: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = mark
            .then_some(0xFEFF)
            .into_iter()
            .chain(text.encode_utf16());
        for unit in units {
            bytes.extend_from_slice(&match order {
                ByteOrder::Little => unit.to_le_bytes(),
                ByteOrder::Big => unit.to_be_bytes(),
            });
        }
        bytes
    }

    /// A reader that gives at most `step` bytes per read.
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let len = self.step.min(buf.len()).min(self.bytes.len());
            buf[..len].copy_from_slice(&self.bytes[..len]);
            self.bytes = &self.bytes[len..];
            Ok(len)
        }
    }

    fn read_all(bytes: &[u8], step: usize) -> io::Result<(Vec<u8>, usize)> {
        let mut reader = TextReader::new(Trickle { bytes, step })?;
        let mut out = Vec::new();
        reader.read_to_end(&mut out)?;
        Ok((out, reader.mark_len()))
    }

    #[test]
    fn strips_byte_order_mark() {
        assert_eq!(decode("\u{feff}سلام".as_bytes()).unwrap(), "سلام");
        assert_eq!(
            decode_owned("\u{feff}سلام".as_bytes().to_vec()).unwrap(),
            "سلام"
        );
    }

    #[test]
    fn keeps_line_ends() {
        assert_eq!(decode(b"a\r\nb\rc\n").unwrap(), "a\r\nb\rc\n");
    }

    #[test]
    fn reports_offset_of_first_bad_byte() {
        let mut bytes = "مرحبا".as_bytes().to_vec();
        bytes.push(0xff);
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { offset: 10 }));
    }

    #[test]
    fn offset_counts_the_byte_order_mark() {
        let mut bytes = UTF8_MARK.to_vec();
        bytes.extend_from_slice(b"ab\xc3");
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { offset: 5 }));
        assert_eq!(
            decode_owned(bytes).unwrap_err(),
            DecodeError::InvalidUtf8 { offset: 5 }
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b"").unwrap(), "");
        assert_eq!(decode(UTF8_MARK).unwrap(), "");
        assert_eq!(decode(UTF16_LE_MARK).unwrap(), "");
    }

    #[test]
    fn reads_utf16_behind_its_byte_order_mark() {
        let text = "وصل لافروف إلى جنيف.\r\n😀 1,000\n";
        for order in [ByteOrder::Little, ByteOrder::Big] {
            let bytes = utf16(text, order, true);
            assert_eq!(decode(&bytes).unwrap(), text);
            assert_eq!(decode_owned(bytes).unwrap(), text);
        }
    }

    #[test]
    fn damaged_utf16_names_the_offset() {
        let mut bytes = utf16("سلام", ByteOrder::Little, true);
        let whole = bytes.len();
        bytes.push(b'a');
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::InvalidUtf16 { offset: whole })
        );
        let mut lone = utf16("ab", ByteOrder::Big, true);
        lone.extend_from_slice(&[0xDC, 0x00]);
        lone.extend_from_slice(&utf16("c", ByteOrder::Big, false));
        assert_eq!(
            decode_owned(lone.clone()),
            Err(DecodeError::InvalidUtf16 { offset: 6 })
        );
        let err = read_all(&lone, 3).unwrap_err();
        assert_eq!(
            err.get_ref().unwrap().downcast_ref::<DecodeError>(),
            Some(&DecodeError::InvalidUtf16 { offset: 6 })
        );
    }

    #[test]
    fn utf16_without_a_mark_is_refused_with_its_byte_order() {
        for text in ["وصل الوفد إلى جنيف.\n", "سلام", "Talks began.\n"] {
            for order in [ByteOrder::Little, ByteOrder::Big] {
                let bytes = utf16(text, order, false);
                assert_eq!(
                    decode(&bytes),
                    Err(DecodeError::Utf16WithoutMark { order }),
                    "{text:?}"
                );
                assert!(read_all(&bytes, 4096).is_err());
            }
        }
        let error = DecodeError::Utf16WithoutMark {
            order: ByteOrder::Little,
        };
        let hint = error.hint().unwrap();
        assert!(hint.contains("iconv -f UTF-16LE -t UTF-8"), "{hint}");
        // A stray NUL or control byte in UTF-8 text is not UTF-16.
        let text = "وصل الوفد\0 إلى جنيف.\u{6}\n".repeat(4);
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }

    #[test]
    fn the_reader_drops_the_mark_and_counts_it() {
        let text = "سلام عليكم\n";
        let mut bytes = UTF8_MARK.to_vec();
        bytes.extend_from_slice(text.as_bytes());
        for step in [1, 2, 5, 4096] {
            assert_eq!(
                read_all(&bytes, step).unwrap(),
                (text.as_bytes().to_vec(), 3)
            );
            assert_eq!(
                read_all(text.as_bytes(), step).unwrap(),
                (text.as_bytes().to_vec(), 0)
            );
        }
        assert_eq!(read_all(b"", 1).unwrap(), (Vec::new(), 0));
        assert_eq!(read_all(b"\xEF\xBB", 1).unwrap(), (b"\xEF\xBB".to_vec(), 0));
    }

    proptest! {
        #[test]
        fn the_reader_transcodes_utf16_whatever_the_pieces(
            text in "[\\PC\r\n😀]{0,200}",
            step in 1usize..40,
            big in any::<bool>(),
        ) {
            let order = if big { ByteOrder::Big } else { ByteOrder::Little };
            let bytes = utf16(&text, order, true);
            let (out, mark_len) = read_all(&bytes, step).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), text.clone());
            prop_assert_eq!(mark_len, 2);
            prop_assert_eq!(decode(&bytes).unwrap(), text);
        }
    }
}
