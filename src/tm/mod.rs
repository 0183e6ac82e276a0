//! The translation memory: sentence pairs a translator approved, offered
//! back exactly or fuzzily with an honest score.
//!
//! ```no_run
//! use tarjama::tm::{LookupOptions, OpenMode, TranslationMemory};
//!
//! let tm = TranslationMemory::open("memory.sqlite", OpenMode::ReadOnly)?;
//! for found in tm.lookup("قال الوزير إن المحادثات كانت صعبة", &LookupOptions::default())? {
//!     println!("{} {}", found.score, found.unit.target);
//! }
//! # Ok::<(), tarjama::tm::TmError>(())
//! ```
//!
//! Storage is one SQLite file (`sqlite`) behind the [`Store`] trait; scoring is word-level edit
//! distance on normalized tokens ([`fuzzy`]); the match index is built in
//! memory on the first lookup (`index`).

mod concordance;
pub mod fuzzy;
mod index;
mod sqlite;

use crate::error::{FileError, Hinted};
use crate::exchange::{LanguagePair, TranslationUnit};
pub use concordance::Found;
use fuzzy::DiffOp;
use serde::Serialize;
pub use sqlite::OpenMode;
use sqlite::SqliteStore;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a TM operation failed. The message says what and where (the TM's
/// path); [`Hinted::hint`] what to do.
#[derive(Debug, Error)]
pub enum TmError {
    /// The file does not exist (read-only commands never create it).
    #[error(
        "no translation memory: {}",
        path.display()
    )]
    Missing {
        /// The TM's path.
        path: PathBuf,
    },
    /// The file exists but is not a TM.
    #[error(
        "not a tarjama translation memory ({reason}): {}",
        path.display()
    )]
    NotATm {
        /// The file's path.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// A newer tarjama wrote the file.
    #[error(
        "the translation memory has schema version {found}, newer than this tarjama knows: {}",
        path.display()
    )]
    TooNew {
        /// The TM's path.
        path: PathBuf,
        /// Its schema version.
        found: i64,
    },
    /// An older tarjama wrote the file and it was opened read-only.
    #[error(
        "the translation memory needs an upgrade to open read-only: {}",
        path.display()
    )]
    NeedsUpgrade {
        /// The TM's path.
        path: PathBuf,
    },
    /// The file (or its folder) cannot be written.
    #[error(
        "the translation memory is read-only for you: {}",
        path.display()
    )]
    ReadOnly {
        /// The TM's path.
        path: PathBuf,
    },
    /// A new TM cannot be made there.
    #[error(
        "cannot create the translation memory ({reason}): {}",
        path.display()
    )]
    CannotCreate {
        /// The TM's path.
        path: PathBuf,
        /// What the system said.
        reason: std::io::ErrorKind,
    },
    /// The file exists but cannot be read.
    #[error(
        "cannot read the translation memory ({reason}): {}",
        path.display()
    )]
    Unreadable {
        /// The TM's path.
        path: PathBuf,
        /// What the system said.
        reason: std::io::ErrorKind,
    },
    /// A reader without write access to the folder found a write-ahead log.
    #[error(
        "the translation memory has changes in its log {}-wal that cannot be read without write access to its folder: {}",
        path.display(),
        path.display()
    )]
    LogNotReadable {
        /// The TM's path.
        path: PathBuf,
    },
    /// Another process held the file locked for too long.
    #[error(
        "the translation memory is busy: {}",
        path.display()
    )]
    Busy {
        /// The TM's path.
        path: PathBuf,
    },
    /// `delete` of an id the TM does not have.
    #[error("no unit #{id} in the translation memory: {}", path.display())]
    NoSuchUnit {
        /// The id asked for.
        id: i64,
        /// The TM's path.
        path: PathBuf,
    },
    /// `delete --origin` of an origin no unit has.
    #[error("no unit in the translation memory came from {origin}: {}", path.display())]
    NoSuchOrigin {
        /// The origin asked for.
        origin: String,
        /// The TM's path.
        path: PathBuf,
    },
    /// An import file is malformed; nothing of it was added.
    #[error(transparent)]
    Format(#[from] FileError),
    /// Writing exported units failed.
    #[error("cannot write the output ({0})")]
    Write(std::io::Error),
    /// Any other database failure. What SQLite said is in the message,
    /// once; it is not also the error's source.
    #[error("cannot use the translation memory ({}): {}", sqlite_message(error), path.display())]
    Database {
        /// The TM's path.
        path: PathBuf,
        /// What SQLite said.
        error: rusqlite::Error,
    },
}

impl Hinted for TmError {
    fn hint(&self) -> Option<Cow<'_, str>> {
        let hint: Cow<'_, str> = match self {
            TmError::Missing { .. } => {
                "create it with `tarjama tm import FILE` or `tarjama tm add SOURCE TARGET`".into()
            }
            TmError::NotATm { .. } => {
                "--tm and TARJAMA_TM must name a file made by `tarjama tm`".into()
            }
            TmError::TooNew { .. } => "upgrade tarjama".into(),
            TmError::NeedsUpgrade { .. } => {
                "run a command that writes to it once, e.g. `tarjama tm import` of a file".into()
            }
            TmError::ReadOnly { path } => format!(
                "writing needs write permission on the file and on its folder {} (SQLite keeps \
                 its journal beside the file); commands that only read it work as they are",
                folder_of(path).display()
            )
            .into(),
            TmError::CannotCreate { path, .. } => format!(
                "the folder {} must exist and be writable by you; or name another file with \
                 --tm PATH",
                folder_of(path).display()
            )
            .into(),
            TmError::Unreadable { .. } => "check the permissions of the file".into(),
            TmError::LogNotReadable { path } => format!(
                "a process may still be writing to it; once none is, the next writing command \
                 (tm import, add, delete) of someone who can write to {} folds the log into the \
                 file",
                folder_of(path).display()
            )
            .into(),
            TmError::Busy { .. } => {
                "another program is writing to it; try again when it is done".into()
            }
            TmError::NoSuchUnit { .. } => "`tarjama tm search WORDS` shows ids".into(),
            TmError::NoSuchOrigin { .. } => "`tarjama tm stats` lists the origins".into(),
            TmError::Format(error) => return error.hint(),
            TmError::Write(_) => return None,
            TmError::Database { error, .. } if is_damage(error) => {
                "the file is damaged: restore it from a copy, or build a new one with \
                 `tarjama tm import` from the files it was made of"
                    .into()
            }
            TmError::Database { .. } => return None,
        };
        Some(hint)
    }
}

/// What SQLite said: its own message when it gave one, else the
/// description of its error code.
fn sqlite_message(error: &rusqlite::Error) -> String {
    match error {
        rusqlite::Error::SqliteFailure(code, None) => code.to_string(),
        error => error.to_string(),
    }
}

/// True for the errors of a file whose content is broken.
fn is_damage(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => matches!(
            failure.code,
            rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
        ),
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
            true
        }
        _ => false,
    }
}

/// The folder a TM file is in, `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    }
}

impl TmError {
    fn not_a_tm(path: &Path, reason: &str) -> Self {
        TmError::NotATm {
            path: path.to_owned(),
            reason: reason.to_owned(),
        }
    }
}

/// A unit as the TM stores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredUnit {
    /// Its id in the TM (for `tm delete`).
    pub id: i64,
    /// The source sentence as it was imported.
    pub source: String,
    /// The translation.
    pub target: String,
    /// Source language as imported (`ar`, `ar-SA`).
    pub source_lang: String,
    /// Target language as imported.
    pub target_lang: String,
    /// Where it came from: the imported file's name, `add`, …
    pub origin: String,
    /// When it was created (`YYYY-MM-DDThh:mm:ssZ`).
    pub created: String,
    /// When it was last changed.
    pub changed: String,
}

impl StoredUnit {
    /// The unit as an exchange-file unit (for the TMX and TSV writers).
    pub fn to_exchange(&self) -> TranslationUnit {
        TranslationUnit {
            id: Some(self.id.to_string()),
            source: self.source.clone(),
            target: self.target.clone(),
            source_lang: self.source_lang.clone(),
            target_lang: self.target_lang.clone(),
            origin: Some(self.origin.clone()),
            created: Some(self.created.clone()),
            changed: Some(self.changed.clone()),
            pending: false,
            fuzzy_score: None,
        }
    }
}

/// What a lookup asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LookupOptions {
    /// Matches scoring below this are not returned (default 75).
    pub min_score: u8,
    /// At most this many matches, best first (default 1).
    pub limit: usize,
    /// Compute a word diff for each match.
    pub diff: bool,
}

impl Default for LookupOptions {
    fn default() -> Self {
        Self {
            min_score: 75,
            limit: 1,
            diff: false,
        }
    }
}

crate::named::named_enum! {
    /// How a match relates to the query.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(rename_all = "lowercase")]
    pub enum MatchKind {
        /// The very same text.
        Exact = "exact",
        /// Equal after normalization (diacritics, tatweel, letter forms,
        /// digits, spacing): score 100.
        Normalized = "normalized",
        /// Similar: score below 100.
        Fuzzy = "fuzzy",
    }
}

/// A unit found for a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TmMatch {
    /// 0–100; 100 only when the normalized tokens are equal.
    pub score: u8,
    /// Exact, normalized or fuzzy.
    #[serde(rename = "match")]
    pub kind: MatchKind,
    /// The unit.
    #[serde(flatten)]
    pub unit: StoredUnit,
    /// From the unit's source to the query, word by word (when asked for).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diff: Vec<DiffOp>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// New units.
    pub added: u64,
    /// Units already there (same normalized source and target) whose
    /// source spelling or dates were replaced.
    pub updated: u64,
    /// Units already there, unchanged.
    pub duplicates: u64,
    /// Units without a translation (empty or a copy of the source), not
    /// imported.
    pub untranslated: u64,
    /// Units with a translation their file marks as not done or not
    /// reviewed, held back (see [`ImportOptions::any_state`]).
    pub held_back: u64,
}

/// How an import treats its units.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Recorded as the origin of units that do not name their own.
    pub origin: String,
    /// Import units whose file marks them not done or not reviewed, as long
    /// as their target is a translation (for files saved by tools that do
    /// not update XLIFF states).
    pub any_state: bool,
}

impl ImportSummary {
    /// Counts one unit.
    fn count(&mut self, added: Added) {
        match added {
            Added::New(_) => self.added += 1,
            Added::Updated(_) => self.updated += 1,
            Added::Duplicate(_) => self.duplicates += 1,
            Added::Untranslated => self.untranslated += 1,
            Added::HeldBack => self.held_back += 1,
        }
    }

    /// Adds another summary's counts.
    pub fn merge(&mut self, other: &ImportSummary) {
        self.added += other.added;
        self.updated += other.updated;
        self.duplicates += other.duplicates;
        self.untranslated += other.untranslated;
        self.held_back += other.held_back;
    }
}

/// What `add` did with one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Added {
    /// A new unit with this id.
    New(i64),
    /// The unit was there: its spelling or dates were updated.
    Updated(i64),
    /// The unit was there, unchanged.
    Duplicate(i64),
    /// Nothing to add: no translation.
    Untranslated,
    /// Not added: marked not done or not reviewed.
    HeldBack,
}

/// Figures about a TM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes (without the write-ahead log).
    pub bytes: u64,
    /// Schema version.
    pub schema_version: i64,
    /// Units.
    pub units: u64,
    /// Distinct normalized sources.
    pub sources: u64,
    /// Distinct match tokens.
    pub vocabulary: u64,
    /// Units per language pair, most first.
    pub languages: Vec<(String, String, u64)>,
    /// Units per origin, most first (at most 20).
    pub origins: Vec<(String, u64)>,
    /// Oldest creation time.
    pub oldest: Option<String>,
    /// Latest change.
    pub newest: Option<String>,
}

/// What a translation memory does, whatever keeps its units: the methods
/// of a [`TranslationMemory`]. SQLite (one file, `sqlite`) is the store
/// there is; a server database would be a second implementation of this
/// trait, chosen where [`TranslationMemory::open`] chooses SQLite.
pub trait Store: std::fmt::Debug {
    /// The file.
    fn path(&self) -> &Path;

    /// Number of units.
    fn len(&self) -> Result<u64, TmError>;

    /// True when the TM holds no unit.
    fn is_empty(&self) -> Result<bool, TmError> {
        Ok(self.len()? == 0)
    }

    /// Imports units in one transaction: when the iterator yields an error,
    /// nothing is added and the error is returned.
    ///
    /// Reading and normalizing the units runs on a second thread while this
    /// one writes to the database.
    fn import(
        &mut self,
        units: &mut (dyn Iterator<Item = Result<TranslationUnit, FileError>> + Send),
        options: &ImportOptions,
    ) -> Result<ImportSummary, TmError>;

    /// Adds one unit.
    fn add(&mut self, unit: &TranslationUnit, origin: &str) -> Result<Added, TmError>;

    /// Deletes unit `id`.
    fn delete(&mut self, id: i64) -> Result<(), TmError>;

    /// Deletes every unit whose origin is `origin`: what the imports of a
    /// file of that name added (an import records the file's name, unless
    /// a unit brings its own origin, as a TMX written by `tm export` does).
    /// Returns how many units went.
    fn delete_origin(&mut self, origin: &str) -> Result<u64, TmError>;

    /// Unit `id`, if the TM has it.
    fn get(&self, id: i64) -> Result<Option<StoredUnit>, TmError>;

    /// The best matches for one sentence, best first.
    fn lookup(&self, sentence: &str, options: &LookupOptions) -> Result<Vec<TmMatch>, TmError>;

    /// Units whose source holds every one of `words` as a whole word
    /// (normalized, behind proclitics), or whose target does (case
    /// ignored), newest first, with the places of the words
    /// (`concordance`).
    fn search(&self, words: &str, limit: usize) -> Result<Vec<Found>, TmError>;

    /// Figures about the TM.
    fn stats(&self) -> Result<Stats, TmError>;

    /// Calls `visit` for every unit, oldest id first (export).
    fn for_each_unit(
        &self,
        visit: &mut dyn FnMut(StoredUnit) -> std::io::Result<()>,
    ) -> Result<(), TmError>;

    /// The language pair most units have (for export headers).
    fn languages(&self) -> Result<LanguagePair, TmError>;
}

/// A translation memory: a [`Store`] (every method is the store's), as
/// [`TranslationMemory::open`] opens it.
#[derive(Debug)]
pub struct TranslationMemory(Box<dyn Store>);

impl TranslationMemory {
    /// Opens the TM in the SQLite file at `path`; [`OpenMode::Create`] makes
    /// an absent file.
    ///
    /// Opened [`OpenMode::ReadOnly`], it shows the TM as it was when opened
    /// for as long as it stays open: a batch of lookups never sees part of
    /// it before and part after another process's import.
    pub fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<Self, TmError> {
        Ok(Self(Box::new(SqliteStore::open(path.as_ref(), mode)?)))
    }
}

impl std::ops::Deref for TranslationMemory {
    type Target = dyn Store;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl std::ops::DerefMut for TranslationMemory {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut *self.0
    }
}

/// A unit ready to be written: trimmed, with its key and match tokens.
enum Prepared {
    Ready {
        unit: Box<TranslationUnit>,
        key: String,
        tokens: Vec<std::ops::Range<usize>>,
    },
    /// A `tm-fuzzy` suggestion (a `Ready` unit) and its score: imported
    /// only when its target is not the English it was offered
    /// ([`edited_suggestion`]).
    Suggested {
        ready: Box<Prepared>,
        score: u8,
    },
    Untranslated,
    HeldBack,
}

impl Prepared {
    fn new(mut unit: TranslationUnit, any_state: bool) -> Self {
        let trim = |text: &mut String| {
            if text.trim().len() != text.len() {
                *text = text.trim().to_owned();
            }
        };
        trim(&mut unit.source);
        trim(&mut unit.target);
        let key = fuzzy::key(&unit.source);
        if key.is_empty() || unit.target.is_empty() || unit.source == unit.target {
            return Prepared::Untranslated;
        }
        let held = unit.pending && !any_state;
        if held && unit.fuzzy_score.is_none() {
            return Prepared::HeldBack;
        }
        let score = unit.fuzzy_score;
        let tokens = fuzzy::token_ranges(&key);
        let ready = Prepared::Ready {
            unit: Box::new(unit),
            key,
            tokens,
        };
        match score {
            Some(score) if held => Prepared::Suggested {
                ready: Box::new(ready),
                score,
            },
            _ => ready,
        }
    }
}
