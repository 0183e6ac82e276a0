//! Interchange files: readers of TMX, TSV and XLIFF, writers of TMX and TSV.
//!
//! Every reader yields [`TranslationUnit`]s oriented by a [`LanguagePair`]
//! (Arabic source, English target unless told otherwise) and stops at the
//! first problem with a [`FileError`] that says where it is.

pub mod tmx;
pub mod tsv;
pub mod xliff;
mod xml;

pub use xml::is_xml_char;

use crate::error::FileError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;

/// One source sentence and its translation, as an exchange file holds it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TranslationUnit {
    /// The unit's id in its file (TMX `tuid`, XLIFF `id`), when it has one.
    pub id: Option<String>,
    /// The source text.
    pub source: String,
    /// The translation; empty when the file holds none (an untranslated unit).
    pub target: String,
    /// Language of the source as the file writes it (`ar`, `ar-SA`).
    pub source_lang: String,
    /// Language of the target as the file writes it (`en`, `en-US`).
    pub target_lang: String,
    /// Where the unit came from (a file name, `add`, `translate`), when known.
    pub origin: Option<String>,
    /// When it was created, as `YYYY-MM-DDThh:mm:ssZ`, when known.
    pub created: Option<String>,
    /// When it was last changed, as `YYYY-MM-DDThh:mm:ssZ`, when known.
    pub changed: Option<String>,
    /// The file marks the translation as not done or not reviewed (an
    /// XLIFF state such as `new`, `needs-review-translation`, `initial`),
    /// whatever its target holds.
    pub pending: bool,
    /// For a row of a `translate` TSV still marked `tm-fuzzy`: the score of
    /// the TM match its target was copied from, which tells an import
    /// whether the translator has changed it since.
    pub fuzzy_score: Option<u8>,
}

crate::named::named_enum! {
    /// Where a translation came from, as the files `translate` writes record
    /// it (the TSV `origin` column, XLIFF states, the TMX `x-origin` property).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum Origin {
        /// The translation memory has this sentence (score 100).
        TmExact = "tm-exact",
        /// The translation memory has a similar sentence (score below 100).
        TmFuzzy = "tm-fuzzy",
        /// An external machine translator produced it.
        Mt = "mt",
        /// Nothing: a translator must fill it in.
        None = "none",
    }
}

#[allow(
    clippy::derivable_impls,
    reason = "named_enum! gives the variants their doc comments only, not #[default]"
)]
impl Default for Origin {
    fn default() -> Self {
        Origin::None
    }
}

/// The languages a reader looks for: which side is the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguagePair {
    /// Source language code (`ar`).
    pub source: String,
    /// Target language code (`en`).
    pub target: String,
}

impl Default for LanguagePair {
    fn default() -> Self {
        Self {
            source: "ar".to_owned(),
            target: "en".to_owned(),
        }
    }
}

impl fmt::Display for LanguagePair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}→{}", self.source, self.target)
    }
}

/// True when two language codes name the same language: the primary subtag
/// decides and case does not matter (`ar`, `AR`, `ar-SA`, `ar_EG`).
pub fn same_language(a: &str, b: &str) -> bool {
    fn primary(code: &str) -> &str {
        code.split(['-', '_']).next().unwrap_or("").trim()
    }
    let (a, b) = (primary(a), primary(b));
    !a.is_empty() && a.eq_ignore_ascii_case(b)
}

/// The exchange formats the readers understand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExchangeFormat {
    /// TMX 1.4b (and the TMX 1.1 that OmegaT writes).
    Tmx,
    /// `source<TAB>target`, or a TSV with a header naming `source` and `target`.
    Tsv,
    /// XLIFF 1.2 or 2.0.
    Xliff,
}

impl ExchangeFormat {
    /// Guesses the format from the content (an XML root element) and then
    /// the file extension; TSV when nothing else fits.
    pub fn detect(path: Option<&Path>, text: &str) -> ExchangeFormat {
        let head: String = text.chars().take(4096).collect();
        if head.trim_start().starts_with('<') {
            if head.contains("<tmx") {
                return ExchangeFormat::Tmx;
            }
            if head.contains("<xliff") {
                return ExchangeFormat::Xliff;
            }
        }
        let extension = path
            .and_then(|path| path.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("tmx") => ExchangeFormat::Tmx,
            Some("xlf" | "xliff" | "xlf2") => ExchangeFormat::Xliff,
            _ => ExchangeFormat::Tsv,
        }
    }
}

/// Units read from one file, in file order; the iteration ends after the
/// first error.
pub struct Units<'a> {
    reader: Reader<'a>,
    finished: bool,
}

enum Reader<'a> {
    Tmx(tmx::TmxReader<'a>),
    Tsv(tsv::TsvReader<'a>),
    Xliff(xliff::XliffReader<'a>),
}

impl<'a> Units<'a> {
    /// Reads `text` (the whole file) as `format`; `file` names it in errors.
    pub fn new(
        file: &'a str,
        text: &'a str,
        format: ExchangeFormat,
        languages: &LanguagePair,
    ) -> Self {
        let reader = match format {
            ExchangeFormat::Tmx => Reader::Tmx(tmx::TmxReader::new(file, text, languages.clone())),
            ExchangeFormat::Tsv => Reader::Tsv(tsv::TsvReader::new(file, text, languages.clone())),
            ExchangeFormat::Xliff => {
                Reader::Xliff(xliff::XliffReader::new(file, text, languages.clone()))
            }
        };
        Self {
            reader,
            finished: false,
        }
    }

    /// Reads a TSV file with its two columns exchanged
    /// ([`tsv::TsvReader::swapped`]); TMX and XLIFF name their languages and
    /// are read as they are.
    pub fn swapped(mut self, swap: bool) -> Self {
        if let Reader::Tsv(reader) = self.reader {
            self.reader = Reader::Tsv(reader.swapped(swap));
        }
        self
    }

    /// Bytes of the input read so far (for progress bars).
    pub fn position(&self) -> usize {
        match &self.reader {
            Reader::Tmx(reader) => reader.position(),
            Reader::Tsv(reader) => reader.position(),
            Reader::Xliff(reader) => reader.position(),
        }
    }
}

impl Iterator for Units<'_> {
    type Item = Result<TranslationUnit, FileError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.finished {
            return None;
        }
        let item = match &mut self.reader {
            Reader::Tmx(reader) => reader.read_next(),
            Reader::Tsv(reader) => reader.read_next(),
            Reader::Xliff(reader) => reader.read_next(),
        }
        .transpose();
        self.finished = !matches!(item, Some(Ok(_)));
        item
    }
}

/// Decodes an exchange file: UTF-8 (with or without a byte-order mark) or,
/// behind its byte-order mark, UTF-16 (what some CAT tools write TMX in).
pub fn decode(file: &str, bytes: Vec<u8>) -> Result<String, FileError> {
    crate::text::decode_owned(bytes).map_err(|err| err.in_file(file))
}

/// Collapses runs of whitespace into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_match_on_the_primary_subtag() {
        assert!(same_language("ar", "AR"));
        assert!(same_language("ar-SA", "ar"));
        assert!(same_language("en_US", "EN-gb"));
        assert!(!same_language("ar", "en"));
        assert!(!same_language("", ""));
    }

    #[test]
    fn detects_formats() {
        assert_eq!(
            ExchangeFormat::detect(None, "<?xml?>\n<tmx version=\"1.4\">"),
            ExchangeFormat::Tmx
        );
        assert_eq!(
            ExchangeFormat::detect(None, "<xliff version=\"1.2\">"),
            ExchangeFormat::Xliff
        );
        assert_eq!(
            ExchangeFormat::detect(Some(Path::new("a.tmx")), ""),
            ExchangeFormat::Tmx
        );
        assert_eq!(
            ExchangeFormat::detect(Some(Path::new("a.txt")), "a\tb"),
            ExchangeFormat::Tsv
        );
    }

    #[test]
    fn decodes_utf8_and_utf16_with_a_byte_order_mark() {
        assert_eq!(decode("f", "سلام".as_bytes().to_vec()).unwrap(), "سلام");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("<tmx>س".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode("f", utf16).unwrap(), "<tmx>س");
        let err = decode("f", vec![b'a', 0xFF]).unwrap_err();
        assert_eq!(err.to_string(), "invalid UTF-8 at byte offset 1: f");
        assert_eq!(
            err.hint,
            "convert the file to UTF-8 first, e.g. `iconv -f WINDOWS-1256 -t UTF-8`"
        );
    }
}
