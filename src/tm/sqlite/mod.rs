//! The SQLite store of a translation memory: one file (`file` holds its
//! schema, how it is opened and migrated), read and written with SQL; the
//! match index is built in memory from its `unit_tokens` on the first
//! lookup.

mod file;

pub use file::OpenMode;

use super::concordance::Search;
use super::index::{self, Index};
use super::{
    Added, Found, ImportOptions, ImportSummary, LookupOptions, MatchKind, Prepared, Stats, Store,
    StoredUnit, TmError, TmMatch, fuzzy,
};
use crate::error::FileError;
use crate::exchange::{LanguagePair, TranslationUnit};
use file::NOW;
use rusqlite::{Connection, OptionalExtension, params};
use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A translation memory in one SQLite file.
pub(super) struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    index: OnceCell<Index>,
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl SqliteStore {
    /// Opens the file at `path` ([`TranslationMemory::open`]).
    pub(super) fn open(path: &Path, mode: OpenMode) -> Result<Self, TmError> {
        let path = path.to_owned();
        let conn = file::open(&path, mode)?;
        if mode == OpenMode::ReadOnly {
            // A read transaction takes its snapshot at its first read.
            conn.execute_batch("BEGIN; SELECT count(*) FROM schema_version;")
                .map_err(|err| file::classify(&path, err))?;
        }
        Ok(Self {
            conn,
            path,
            index: OnceCell::new(),
        })
    }

    fn fail(&self, err: rusqlite::Error) -> TmError {
        file::classify(&self.path, err)
    }

    /// Runs `write` in one write transaction, committed only when it succeeds.
    fn write<T>(
        &mut self,
        write: impl FnOnce(&mut Writer<'_>) -> Result<T, TmError>,
    ) -> Result<T, TmError> {
        self.transaction(|tx, path| {
            let mut writer = Writer::new(tx, path).map_err(|err| file::classify(path, err))?;
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
        let fail = |err| file::classify(&path, err);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let result = change(&tx, &path)?;
        tx.commit().map_err(fail)?;
        self.index = OnceCell::new();
        Ok(result)
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
                    .query_row(params![file::key_hash(key), key], |row| row.get(0))
                    .optional()
            })
            .map_err(|err| self.fail(err))
    }
}

impl Store for SqliteStore {
    fn path(&self) -> &Path {
        &self.path
    }

    fn len(&self) -> Result<u64, TmError> {
        self.conn
            .query_row("SELECT count(*) FROM units", [], |row| row.get::<_, i64>(0))
            .map(sql_count)
            .map_err(|err| self.fail(err))
    }

    fn import(
        &mut self,
        units: &mut (dyn Iterator<Item = Result<TranslationUnit, FileError>> + Send),
        options: &ImportOptions,
    ) -> Result<ImportSummary, TmError> {
        const BATCH: usize = 256;
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
                    let fail = |err| file::classify(writer.path, err);
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

    fn add(&mut self, unit: &TranslationUnit, origin: &str) -> Result<Added, TmError> {
        let prepared = Prepared::new(unit.clone(), false);
        self.write(|writer| writer.add(&prepared, origin))
    }

    fn delete(&mut self, id: i64) -> Result<(), TmError> {
        self.transaction(|tx, path| {
            let fail = |err| file::classify(path, err);
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

    fn delete_origin(&mut self, origin: &str) -> Result<u64, TmError> {
        self.transaction(|tx, path| {
            let fail = |err| file::classify(path, err);
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

    fn get(&self, id: i64) -> Result<Option<StoredUnit>, TmError> {
        self.conn
            .prepare_cached(&format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"))
            .and_then(|mut statement| statement.query_row([id], stored_unit).optional())
            .map_err(|err| self.fail(err))
    }

    fn lookup(&self, sentence: &str, options: &LookupOptions) -> Result<Vec<TmMatch>, TmError> {
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

    fn search(&self, words: &str, limit: usize) -> Result<Vec<Found>, TmError> {
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

    fn stats(&self) -> Result<Stats, TmError> {
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

    fn for_each_unit(
        &self,
        visit: &mut dyn FnMut(StoredUnit) -> std::io::Result<()>,
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

    fn languages(&self) -> Result<LanguagePair, TmError> {
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

/// An SQL `count(*)`, which is never negative.
fn sql_count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
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
            builder.add_unit(id, file::varints(ids));
        }
        Ok(())
    })();
    if own_transaction {
        conn.execute_batch("COMMIT")?;
    }
    loaded?;
    Ok(builder.build())
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
                .map_err(|err| file::classify(self.path, err)),
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
        let key_hash = file::key_hash(key);
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
            file::push_varint(&mut self.ids, token_id);
        }
        self.insert_tokens.execute(params![id, self.ids])?;
        Ok(Added::New(id))
    }
}
