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
//! Storage is one SQLite file (`store`); scoring is word-level edit
//! distance on normalized tokens ([`fuzzy`]); the match index is built in
//! memory on the first lookup (`index`).

mod concordance;
pub mod fuzzy;
mod index;
mod store;

use crate::error::{FileError, Hinted};
use crate::exchange::{LanguagePair, TranslationUnit};
pub use concordance::Found;
use concordance::Search;
use fuzzy::DiffOp;
use index::Index;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use store::NOW;
pub use store::OpenMode;
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

/// An SQL `count(*)`, which is never negative.
fn sql_count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
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

const UNIT_COLUMNS: &str = "id, source, target, source_lang, target_lang, origin, created, changed";

fn stored_unit(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredUnit> {
    Ok(StoredUnit {
        id: row.get(0)?,
        source: row.get(1)?,
        target: row.get(2)?,
        source_lang: row.get(3)?,
        target_lang: row.get(4)?,
        origin: row.get(5)?,
        created: row.get(6)?,
        changed: row.get(7)?,
    })
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

/// A translation memory file.
pub struct TranslationMemory {
    conn: Connection,
    path: PathBuf,
    index: OnceCell<Index>,
}

impl std::fmt::Debug for TranslationMemory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TranslationMemory")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl TranslationMemory {
    /// Opens the TM at `path`; [`OpenMode::Create`] makes an absent file.
    ///
    /// Opened [`OpenMode::ReadOnly`], it shows the TM as it was when opened
    /// for as long as it stays open: a batch of lookups never sees part of
    /// it before and part after another process's import.
    pub fn open(path: impl AsRef<Path>, mode: OpenMode) -> Result<Self, TmError> {
        let path = path.as_ref().to_owned();
        let conn = store::open(&path, mode)?;
        if mode == OpenMode::ReadOnly {
            // A read transaction takes its snapshot at its first read.
            conn.execute_batch("BEGIN; SELECT count(*) FROM schema_version;")
                .map_err(|err| store::classify(&path, err))?;
        }
        Ok(Self {
            conn,
            path,
            index: OnceCell::new(),
        })
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, err: rusqlite::Error) -> TmError {
        store::classify(&self.path, err)
    }

    /// Number of units.
    pub fn len(&self) -> Result<u64, TmError> {
        self.conn
            .query_row("SELECT count(*) FROM units", [], |row| row.get::<_, i64>(0))
            .map(sql_count)
            .map_err(|err| self.fail(err))
    }

    /// True when the TM holds no unit.
    pub fn is_empty(&self) -> Result<bool, TmError> {
        Ok(self.len()? == 0)
    }

    /// Imports units in one transaction: when the iterator yields an error,
    /// nothing is added and the error is returned.
    ///
    /// Reading and normalizing the units runs on a second thread while this
    /// one writes to the database.
    pub fn import<I>(&mut self, units: I, options: &ImportOptions) -> Result<ImportSummary, TmError>
    where
        I: IntoIterator<Item = Result<TranslationUnit, FileError>>,
        I::IntoIter: Send,
    {
        const BATCH: usize = 256;
        let units = units.into_iter();
        self.write(|writer| {
            std::thread::scope(|scope| {
                let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<_>>(16);
                scope.spawn(move || {
                    let mut batch = Vec::with_capacity(BATCH);
                    for unit in units {
                        let failed = unit.is_err();
                        batch.push(unit.map(|unit| Prepared::new(unit, options.any_state)));
                        if failed || batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if sender.send(full).is_err() || failed {
                                return;
                            }
                        }
                    }
                    // The receiver may be gone after a database error.
                    let _ = sender.send(batch);
                });
                let mut summary = ImportSummary::default();
                let mut suggestions = Vec::new();
                for prepared in receiver.into_iter().flatten() {
                    match prepared? {
                        Prepared::Suggested { ready, score } => suggestions.push((ready, score)),
                        prepared => summary.count(writer.add(&prepared, &options.origin)?),
                    }
                }
                if !suggestions.is_empty() {
                    let fail = |err| store::classify(writer.path, err);
                    let index = load_index(writer.conn).map_err(fail)?;
                    for (ready, score) in suggestions {
                        if edited_suggestion(&index, writer.conn, &ready, score).map_err(fail)? {
                            summary.count(writer.add(&ready, &options.origin)?);
                        } else {
                            summary.held_back += 1;
                        }
                    }
                }
                Ok(summary)
            })
        })
    }

    /// Adds one unit.
    pub fn add(&mut self, unit: &TranslationUnit, origin: &str) -> Result<Added, TmError> {
        let prepared = Prepared::new(unit.clone(), false);
        self.write(|writer| writer.add(&prepared, origin))
    }

    /// Runs `write` in one write transaction, committed only when it succeeds.
    fn write<T>(
        &mut self,
        write: impl FnOnce(&mut Writer<'_>) -> Result<T, TmError>,
    ) -> Result<T, TmError> {
        self.transaction(|tx, path| {
            let mut writer = Writer::new(tx, path).map_err(|err| store::classify(path, err))?;
            write(&mut writer)
        })
    }

    /// Runs `change` in one immediate transaction, committed only when it
    /// succeeds; the match index is rebuilt on the next lookup.
    fn transaction<T>(
        &mut self,
        change: impl FnOnce(&Connection, &Path) -> Result<T, TmError>,
    ) -> Result<T, TmError> {
        let path = self.path.clone();
        let fail = |err| store::classify(&path, err);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let result = change(&tx, &path)?;
        tx.commit().map_err(fail)?;
        self.index = OnceCell::new();
        Ok(result)
    }

    /// Deletes unit `id`.
    pub fn delete(&mut self, id: i64) -> Result<(), TmError> {
        self.transaction(|tx, path| {
            let fail = |err| store::classify(path, err);
            let deleted = tx
                .execute("DELETE FROM units WHERE id = ?1", [id])
                .map_err(fail)?;
            tx.execute("DELETE FROM unit_tokens WHERE unit_id = ?1", [id])
                .map_err(fail)?;
            if deleted == 0 {
                return Err(TmError::NoSuchUnit {
                    id,
                    path: path.to_owned(),
                });
            }
            Ok(())
        })
    }

    /// Deletes every unit whose origin is `origin`: what the imports of a
    /// file of that name added (an import records the file's name, unless
    /// a unit brings its own origin, as a TMX written by `tm export` does).
    /// Returns how many units went.
    pub fn delete_origin(&mut self, origin: &str) -> Result<u64, TmError> {
        self.transaction(|tx, path| {
            let fail = |err| store::classify(path, err);
            tx.execute(
                "DELETE FROM unit_tokens WHERE unit_id IN (SELECT id FROM units WHERE origin = ?1)",
                [origin],
            )
            .map_err(fail)?;
            let deleted = tx
                .execute("DELETE FROM units WHERE origin = ?1", [origin])
                .map_err(fail)?;
            if deleted == 0 {
                return Err(TmError::NoSuchOrigin {
                    origin: origin.to_owned(),
                    path: path.to_owned(),
                });
            }
            Ok(deleted as u64)
        })
    }

    /// Unit `id`, if the TM has it.
    pub fn get(&self, id: i64) -> Result<Option<StoredUnit>, TmError> {
        self.conn
            .prepare_cached(&format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"))
            .and_then(|mut statement| statement.query_row([id], stored_unit).optional())
            .map_err(|err| self.fail(err))
    }

    /// The match index, built on first use.
    fn index(&self) -> Result<&Index, TmError> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let index = load_index(&self.conn).map_err(|err| self.fail(err))?;
        Ok(self.index.get_or_init(|| index))
    }

    /// The newest unit whose key is `key`, if any.
    fn same_key(&self, key: &str) -> Result<Option<i64>, TmError> {
        self.conn
            .prepare_cached(
                "SELECT id FROM units WHERE key_hash = ?1 AND key = ?2 ORDER BY id DESC LIMIT 1",
            )
            .and_then(|mut statement| {
                statement
                    .query_row(params![store::key_hash(key), key], |row| row.get(0))
                    .optional()
            })
            .map_err(|err| self.fail(err))
    }

    /// The best matches for one sentence, best first.
    pub fn lookup(&self, sentence: &str, options: &LookupOptions) -> Result<Vec<TmMatch>, TmError> {
        let key = fuzzy::key(sentence);
        // The best of one: a unit with the same key is a 100 nothing beats,
        // found without building the index.
        let exact = match options.limit {
            1 if options.min_score <= 100 => self.same_key(&key)?,
            _ => None,
        };
        let hits = match exact {
            Some(unit) => vec![index::Hit {
                unit,
                score: 100,
                distance: 0,
                longest: 0,
            }],
            None => {
                let index = self.index()?;
                index.search(&index.query(&key), options.min_score, options.limit)
            }
        };
        let mut matches = Vec::with_capacity(hits.len());
        for hit in hits {
            // A unit deleted by another process since the index was built is skipped.
            let Some(unit) = self.get(hit.unit)? else {
                continue;
            };
            let kind = if hit.score < 100 {
                MatchKind::Fuzzy
            } else if unit.source.trim() == sentence.trim() {
                MatchKind::Exact
            } else {
                MatchKind::Normalized
            };
            let diff = if options.diff {
                let index = self.index()?;
                let mut fresh = HashMap::new();
                fuzzy::diff(&unit.source, sentence, |token| {
                    index.facts(token, &mut fresh)
                })
            } else {
                Vec::new()
            };
            matches.push(TmMatch {
                score: hit.score,
                kind,
                unit,
                diff,
            });
        }
        Ok(matches)
    }

    /// Units whose source holds every one of `words` as a whole word
    /// (normalized, behind proclitics), or whose target does (case
    /// ignored), newest first, with the places of the words
    /// (`concordance`).
    pub fn search(&self, words: &str, limit: usize) -> Result<Vec<Found>, TmError> {
        let search = Search::new(words);
        if search.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Substrings first, in SQL; then whole words.
        let sources = search.source_needles();
        let targets = search.target_needles();
        let all = |column: &str, from: usize, count: usize| {
            if count == 0 {
                return "0".to_owned();
            }
            (from..from + count)
                .map(|at| format!("instr({column}, ?{at}) > 0"))
                .collect::<Vec<_>>()
                .join(" AND ")
        };
        let sql = format!(
            "SELECT {UNIT_COLUMNS} FROM units WHERE ({}) OR ({}) ORDER BY id DESC",
            all("key", 1, sources.len()),
            all("lower(target)", sources.len() + 1, targets.len()),
        );
        let values: Vec<&String> = sources.iter().chain(&targets).collect();
        let run = || -> rusqlite::Result<Vec<Found>> {
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query(rusqlite::params_from_iter(&values))?;
            let mut found = Vec::new();
            while found.len() < limit
                && let Some(row) = rows.next()?
            {
                let unit = stored_unit(row)?;
                let source_matches = search.source_matches(&unit.source);
                let target_matches = search.target_matches(&unit.target);
                if source_matches.is_some() || target_matches.is_some() {
                    found.push(Found {
                        source_matches: source_matches.unwrap_or_default(),
                        target_matches: target_matches.unwrap_or_default(),
                        unit,
                    });
                }
            }
            Ok(found)
        };
        run().map_err(|err| self.fail(err))
    }

    /// Figures about the TM.
    pub fn stats(&self) -> Result<Stats, TmError> {
        let run = || -> rusqlite::Result<Stats> {
            let count = |sql: &str| -> rusqlite::Result<u64> {
                self.conn
                    .query_row(sql, [], |row| row.get::<_, i64>(0))
                    .map(sql_count)
            };
            let mut statement = self.conn.prepare(
                "SELECT source_lang, target_lang, count(*) AS n FROM units
                 GROUP BY source_lang, target_lang ORDER BY n DESC",
            )?;
            let languages = statement
                .query_map([], |row| {
                    Ok((row.get(0)?, row.get(1)?, sql_count(row.get(2)?)))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut statement = self.conn.prepare(
                "SELECT origin, count(*) AS n FROM units GROUP BY origin ORDER BY n DESC LIMIT 20",
            )?;
            let origins = statement
                .query_map([], |row| Ok((row.get(0)?, sql_count(row.get(1)?))))?
                .collect::<rusqlite::Result<_>>()?;
            let (oldest, newest) =
                self.conn
                    .query_row("SELECT min(created), max(changed) FROM units", [], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })?;
            let page_size = count("PRAGMA page_size")?;
            Ok(Stats {
                path: self.path.clone(),
                bytes: count("PRAGMA page_count")? * page_size,
                schema_version: self.conn.query_row(
                    "SELECT version FROM schema_version",
                    [],
                    |row| row.get(0),
                )?,
                units: count("SELECT count(*) FROM units")?,
                sources: count("SELECT count(DISTINCT key) FROM units")?,
                vocabulary: count("SELECT count(*) FROM tokens")?,
                languages,
                origins,
                oldest,
                newest,
            })
        };
        run().map_err(|err| self.fail(err))
    }

    /// Calls `visit` for every unit, oldest id first (export).
    pub fn for_each_unit(
        &self,
        mut visit: impl FnMut(StoredUnit) -> std::io::Result<()>,
    ) -> Result<(), TmError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {UNIT_COLUMNS} FROM units ORDER BY id"))
            .map_err(|err| self.fail(err))?;
        let mut rows = statement.query([]).map_err(|err| self.fail(err))?;
        while let Some(row) = rows.next().map_err(|err| self.fail(err))? {
            let unit = stored_unit(row).map_err(|err| self.fail(err))?;
            visit(unit).map_err(TmError::Write)?;
        }
        Ok(())
    }

    /// The language pair most units have (for export headers).
    pub fn languages(&self) -> Result<LanguagePair, TmError> {
        let pair = self
            .conn
            .query_row(
                "SELECT source_lang, target_lang FROM units
                 GROUP BY source_lang, target_lang ORDER BY count(*) DESC LIMIT 1",
                [],
                |row| {
                    Ok(LanguagePair {
                        source: row.get(0)?,
                        target: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|err| self.fail(err))?;
        Ok(pair.unwrap_or_default())
    }
}

/// Builds the match index from the store.
fn load_index(conn: &Connection) -> rusqlite::Result<Index> {
    // One read transaction: tokens and units from the same state (a
    // read-only TM is inside one already).
    let own_transaction = conn.is_autocommit();
    if own_transaction {
        conn.execute_batch("BEGIN")?;
    }
    let mut builder = index::IndexBuilder::default();
    let loaded = (|| -> rusqlite::Result<()> {
        // Ids are never reused, so the largest is a fair guess of the count.
        let units: i64 = conn.query_row(
            "SELECT coalesce(max(unit_id), 0) FROM unit_tokens",
            [],
            |row| row.get(0),
        )?;
        let units = usize::try_from(units).unwrap_or(0);
        builder = index::IndexBuilder::with_capacity(units, units * 32);
        let mut statement = conn.prepare("SELECT id, text FROM tokens")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let text = row.get_ref(1)?.as_str()?;
            builder.add_token(u32::try_from(id).unwrap_or(u32::MAX), text);
        }
        let mut statement = conn.prepare("SELECT unit_id, ids FROM unit_tokens")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let ids = row.get_ref(1)?.as_blob()?;
            builder.add_unit(id, store::varints(ids));
        }
        Ok(())
    })();
    if own_transaction {
        conn.execute_batch("COMMIT")?;
    }
    loaded?;
    Ok(builder.build())
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

/// True when the target of a `tm-fuzzy` row is not the English it was
/// offered, that is when the TM has units that match the row's source with
/// exactly the row's score (the match `translate` took its English from is
/// among them) and none of them has the row's target. When no unit matches
/// with that score (another TM, or the unit has changed), nothing shows an
/// edit: the row stays a suggestion.
fn edited_suggestion(
    index: &Index,
    conn: &Connection,
    ready: &Prepared,
    score: u8,
) -> rusqlite::Result<bool> {
    let Prepared::Ready { unit, key, .. } = ready else {
        return Ok(false);
    };
    const CANDIDATES: usize = 16;
    let mut target_of = conn.prepare_cached("SELECT target FROM units WHERE id = ?1")?;
    let mut offered = false;
    for hit in index.search(&index.query(key), score, CANDIDATES) {
        if hit.score != score {
            continue;
        }
        let target: Option<String> = target_of
            .query_row([hit.unit], |row| row.get(0))
            .optional()?;
        match target {
            Some(target) if target.trim() == unit.target => return Ok(false),
            Some(_) => offered = true,
            None => {}
        }
    }
    Ok(offered)
}

/// Writes units inside an open transaction, interning their tokens.
///
/// `(key, target)` is unique: the writer looks every unit up by its key's
/// hash before inserting it (an integer index is a fraction of the size and
/// insert time of a unique index over the two texts).
struct Writer<'c> {
    conn: &'c Connection,
    path: &'c Path,
    insert: rusqlite::Statement<'c>,
    existing: rusqlite::Statement<'c>,
    update: rusqlite::Statement<'c>,
    insert_token: rusqlite::Statement<'c>,
    insert_tokens: rusqlite::Statement<'c>,
    /// The transaction's time, for units that bring none.
    now: String,
    vocabulary: foldhash::HashMap<String, u32>,
    next_token: u32,
    ids: Vec<u8>,
}

impl<'c> Writer<'c> {
    fn new(conn: &'c Connection, path: &'c Path) -> rusqlite::Result<Self> {
        let mut vocabulary = foldhash::HashMap::default();
        let mut next_token = 1;
        let mut statement = conn.prepare("SELECT id, text FROM tokens")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let id = u32::try_from(row.get::<_, i64>(0)?).unwrap_or(u32::MAX);
            next_token = next_token.max(id.saturating_add(1));
            vocabulary.insert(row.get(1)?, id);
        }
        Ok(Self {
            conn,
            path,
            insert: conn.prepare(
                "INSERT INTO units (source, target, key, key_hash, source_lang, target_lang,
                                    origin, created, changed)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            existing: conn.prepare(
                "SELECT id, source FROM units WHERE key_hash = ?1 AND key = ?2 AND target = ?3",
            )?,
            update: conn.prepare("UPDATE units SET source = ?2, changed = ?3 WHERE id = ?1")?,
            insert_token: conn.prepare("INSERT INTO tokens (id, text) VALUES (?1, ?2)")?,
            insert_tokens: conn
                .prepare("INSERT OR REPLACE INTO unit_tokens (unit_id, ids) VALUES (?1, ?2)")?,
            now: conn.query_row(&format!("SELECT {NOW}"), [], |row| row.get(0))?,
            vocabulary,
            next_token,
            ids: Vec::new(),
        })
    }

    fn add(&mut self, unit: &Prepared, origin: &str) -> Result<Added, TmError> {
        match unit {
            Prepared::Ready { unit, key, tokens } => self
                .try_add(unit, key, tokens, origin)
                .map_err(|err| store::classify(self.path, err)),
            Prepared::Untranslated => Ok(Added::Untranslated),
            Prepared::HeldBack | Prepared::Suggested { .. } => Ok(Added::HeldBack),
        }
    }

    fn try_add(
        &mut self,
        unit: &TranslationUnit,
        key: &str,
        tokens: &[std::ops::Range<usize>],
        origin: &str,
    ) -> rusqlite::Result<Added> {
        let key_hash = store::key_hash(key);
        let found = self
            .existing
            .query_row(params![key_hash, key, unit.target], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
            })
            .optional()?;
        if let Some((id, stored)) = found {
            if stored == unit.source {
                return Ok(Added::Duplicate(id));
            }
            let changed = unit.changed.as_deref().unwrap_or(&self.now);
            self.update.execute(params![id, unit.source, changed])?;
            return Ok(Added::Updated(id));
        }
        let defaults = LanguagePair::default();
        let lang = |given: &str, default: String| {
            if given.trim().is_empty() {
                default
            } else {
                given.trim().to_owned()
            }
        };
        let created = unit.created.as_deref().unwrap_or(&self.now);
        let changed = unit.changed.as_deref().unwrap_or(created);
        self.insert.execute(params![
            unit.source,
            unit.target,
            key,
            key_hash,
            lang(&unit.source_lang, defaults.source),
            lang(&unit.target_lang, defaults.target),
            unit.origin.as_deref().unwrap_or(origin),
            created,
            changed,
        ])?;
        let id = self.conn.last_insert_rowid();
        self.ids.clear();
        for range in tokens {
            let token = &key[range.clone()];
            let token_id = match self.vocabulary.get(token) {
                Some(&id) => id,
                None => {
                    let id = self.next_token;
                    self.next_token += 1;
                    self.insert_token.execute(params![id, token])?;
                    self.vocabulary.insert(token.to_owned(), id);
                    id
                }
            };
            store::push_varint(&mut self.ids, token_id);
        }
        self.insert_tokens.execute(params![id, self.ids])?;
        Ok(Added::New(id))
    }
}
