//! tarjama: Arabic→English translation memory, terminology and briefings.
//!
//! The library holds every stage of the pipeline as plain functions over
//! typed data; the `tarjama` binary (`src/main.rs`, `src/cli/`) only parses
//! the command line, reads and writes files and reports errors. Nothing in
//! the library prints, reads environment variables or exits.
//!
//! # The pipeline, and where each stage lives
//!
//! ```text
//!                 text bytes
//!                     │  text::decode (UTF-8, UTF-16 behind a mark), text::lines
//!                     ▼
//!   text ─────────── sentences (text::segment), normalized words (text::normalize,
//!                     │ text::tokenize), numbers, scripts, what differs (text::differences)
//!          ┌──────────┼──────────────┬───────────────────┐
//!          ▼          ▼              ▼                   ▼
//!      glossary      tm           exchange             named, error
//!   (load, lint,  (TranslationMemory: (TMX, XLIFF, TSV:   (enum names;
//!    matcher:      store, index,     every reader and    FileError,
//!    TermHit,      fuzzy scoring,    writer of           Hinted)
//!    TermUse)      concordance)      interchange files)
//!          │          │              │
//!          └────┬─────┴──────┬───────┘
//!               ▼            ▼
//!           pipeline ──► document ◄── mt (machine translation of the rows left
//!      (Translator: split,  (Document,     empty; mt::command runs --mt-cmd)
//!       match, TM)           Segment)
//!               │
//!     ┌─────────┼──────────┬──────────┐
//!     ▼         ▼          ▼          ▼
//!  summary    brief        qa       lookup
//!  (ranking) (Briefing)  (check)  (term lists)
//!     │         │          │          │
//!     └─────────┴────┬─────┴──────────┘
//!                    ▼
//!                 output (every writer: documents as md/tsv/json/html/xliff/tmx,
//!                         briefings, summaries, sentences, term hits, QA reports,
//!                         lookup rows, tm matches and units)
//! ```
//!
//! Modules only look down this picture: text, glossary, tm and exchange
//! import nothing from pipeline, document, output, summary, brief, qa,
//! lookup or mt. Offsets are bytes inside the library; a [`Span`] also
//! carries the characters where a JSON output promises them.
//!
//! # The API
//!
//! The types most callers need are re-exported here; each module's page
//! has the rest.
//!
//! ```
//! use tarjama::{DocumentFormat, Entry, Glossary, Options, Translator};
//!
//! let mut glossary = Glossary::new();
//! glossary.add(vec![Entry { ar: "جنيف".into(), en: "Geneva".into(), ..Entry::default() }]);
//! let translator = Translator { glossary: Some(&glossary), ..Translator::default() };
//! let document = translator.translate("a.txt", "وصل الوفد إلى جنيف.")?;
//! let mut out = Vec::new();
//! DocumentFormat::Tsv.write(&document, &Options::default(), &mut out)?;
//! assert!(String::from_utf8(out)?.contains("جنيف=Geneva"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![deny(missing_docs)]

pub mod brief;
pub mod document;
pub mod error;
pub mod exchange;
pub mod glossary;
pub mod lookup;
pub mod mt;
pub mod named;
pub mod output;
pub mod pipeline;
pub mod qa;
pub mod summary;
pub mod text;
pub mod tm;

pub use brief::{Briefing, Summary};
pub use document::{Document, Origin, Segment, Similar};
pub use error::{FileError, FileErrorKind, Hinted};
pub use exchange::{LanguagePair, TranslationUnit, Units};
pub use glossary::{Entry, Glossary, Kind, TermHit, TermUse};
pub use lookup::Lookup;
pub use output::{BriefFormat, DocumentFormat, Options};
pub use pipeline::Translator;
pub use qa::{Finding, FindingKind, Pair};
pub use summary::{Budget, Ranking};
pub use text::{Span, split};
pub use tm::{LookupOptions, OpenMode, TmError, TmMatch, TranslationMemory};
