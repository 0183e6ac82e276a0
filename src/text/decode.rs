//! Turning the bytes of an input file into text.
//!
//! Inputs are UTF-8 with or without a byte-order mark. Line ends are left as
//! they are (`\n`, `\r\n` or `\r`) so that every offset the tool reports
//! points into the text the user gave; the splitter treats all three as line
//! breaks.

use thiserror::Error;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a byte sequence is not text the tool can read.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is not valid UTF-8.
    #[error(
        "invalid UTF-8 at byte offset {offset}\n\
         hint: convert the file to UTF-8 first, e.g. `iconv -f WINDOWS-1256 -t UTF-8`"
    )]
    InvalidUtf8 {
        /// Offset of the first bad byte, counted in the raw input (BOM included).
        offset: usize,
    },
}

/// Decodes UTF-8 input, dropping a leading byte-order mark.
///
/// Offsets reported by the rest of the library count from the first
/// character after the byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    let (skipped, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    std::str::from_utf8(body).map_err(|err| DecodeError::InvalidUtf8 {
        offset: skipped + err.valid_up_to(),
    })
}

/// Like [`decode`], but takes ownership of the buffer so no copy is made.
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    let skipped = if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
        BOM.len()
    } else {
        0
    };
    String::from_utf8(bytes).map_err(|err| DecodeError::InvalidUtf8 {
        offset: skipped + err.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_byte_order_mark() {
        assert_eq!(decode("\u{feff}سلام".as_bytes()), Ok("سلام"));
        assert_eq!(
            decode_owned("\u{feff}سلام".as_bytes().to_vec()).unwrap(),
            "سلام"
        );
    }

    #[test]
    fn keeps_line_ends() {
        assert_eq!(decode(b"a\r\nb\rc\n"), Ok("a\r\nb\rc\n"));
    }

    #[test]
    fn reports_offset_of_first_bad_byte() {
        let mut bytes = "مرحبا".as_bytes().to_vec();
        bytes.push(0xff);
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { offset: 10 }));
    }

    #[test]
    fn offset_counts_the_byte_order_mark() {
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(b"ab\xc3");
        assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { offset: 5 }));
        assert_eq!(
            decode_owned(bytes).unwrap_err(),
            DecodeError::InvalidUtf8 { offset: 5 }
        );
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(b""), Ok(""));
        assert_eq!(decode(BOM), Ok(""));
    }
}
