//! The SQLite file: opening it safely, its schema and migrations.
//!
//! Schema (version 1):
//! - `schema_version(version)`: one row, the schema the file is at;
//! - `units(id, source, target, key, key_hash, source_lang, target_lang,
//!   origin, created, changed)`: `key` is the normalized source
//!   ([`super::fuzzy::key`]), `key_hash` its [`key_hash`] (indexed), times
//!   are `YYYY-MM-DDThh:mm:ssZ`; `(key, target)` is unique, which the
//!   writer checks through `key_hash`;
//! - `tokens(id, text)`: the match-token vocabulary;
//! - `unit_tokens(unit_id, ids)`: each unit's token ids (LEB128 varints), so
//!   the match index is built without tokenizing anything.
//!
//! The file is marked with an SQLite `application_id`, kept in WAL mode (a
//! reader never waits for a writer, a killed writer leaves the last
//! committed state) and opened with a busy timeout, so that two processes
//! can share it.

use super::TmError;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// `application_id` of a tarjama TM ("TjTM").
const APPLICATION_ID: i32 = 0x546A_544D;

/// How long a command waits for another process's write to finish: long
/// enough for an import of a million units (up to a minute), so that two
/// imports started together both succeed.
const BUSY_TIMEOUT: Duration = Duration::from_secs(120);

/// One SQL script per schema version: `MIGRATIONS[v]` takes a file from
/// version `v` to `v + 1`.
const MIGRATIONS: &[&str] = &["
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    INSERT INTO schema_version (version) VALUES (0);
    CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        key TEXT NOT NULL,
        key_hash INTEGER NOT NULL,
        source_lang TEXT NOT NULL,
        target_lang TEXT NOT NULL,
        origin TEXT NOT NULL,
        created TEXT NOT NULL,
        changed TEXT NOT NULL
    );
    CREATE INDEX units_by_key ON units (key_hash);
    CREATE TABLE tokens (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
    CREATE TABLE unit_tokens (unit_id INTEGER PRIMARY KEY, ids BLOB NOT NULL);
"];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The current time as the store writes it.
pub const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

/// How a TM is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Read only; the file must exist.
    ReadOnly,
    /// Read and write; the file must exist.
    ReadWrite,
    /// Read and write; an absent file is created.
    Create,
}

/// Opens (and if asked creates or upgrades) the TM at `path`.
pub fn open(path: &Path, mode: OpenMode) -> Result<Connection, TmError> {
    let fail = |err| classify(path, err);
    if path.is_dir() {
        return Err(TmError::not_a_tm(path, "it is a folder"));
    }
    if mode != OpenMode::Create && !path.exists() {
        return Err(TmError::Missing {
            path: path.to_owned(),
        });
    }
    let flags = match mode {
        OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        OpenMode::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
        OpenMode::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(fail)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;

    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(fail)?;
    if application_id == 0 && table_count(&conn).map_err(fail)? == 0 {
        if mode == OpenMode::ReadOnly {
            return Err(TmError::not_a_tm(path, "the file is empty"));
        }
        initialize(&mut conn).map_err(fail)?;
    } else if application_id != APPLICATION_ID {
        return Err(TmError::not_a_tm(path, "it is another program's database"));
    }

    let version = schema_version(&conn).map_err(fail)?;
    if version > SCHEMA_VERSION {
        return Err(TmError::TooNew {
            path: path.to_owned(),
            found: version,
        });
    }
    if version < SCHEMA_VERSION {
        if mode == OpenMode::ReadOnly {
            return Err(TmError::NeedsUpgrade {
                path: path.to_owned(),
            });
        }
        migrate(&mut conn).map_err(fail)?;
    }
    if mode != OpenMode::ReadOnly {
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(fail)?;
        conn.pragma_update(None, "cache_size", -65536)
            .map_err(fail)?;
    }
    Ok(conn)
}

fn table_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| row.get(0))
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    let exists: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
        [],
        |row| row.get(0),
    )?;
    if exists == 0 {
        return Ok(0);
    }
    conn.query_row("SELECT version FROM schema_version", [], |row| row.get(0))
}

/// Makes an empty file a TM: WAL mode, the application id, the schema.
fn initialize(conn: &mut Connection) -> rusqlite::Result<()> {
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have initialized it while this one waited.
    let application_id: i32 = tx.pragma_query_value(None, "application_id", |row| row.get(0))?;
    if application_id == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    migrate(conn)
}

/// Runs the migrations the file has not had yet, in one transaction.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version = schema_version(&tx)?;
    for (at, script) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(script)?;
        tx.execute("UPDATE schema_version SET version = ?1", [at as i64 + 1])?;
    }
    tx.commit()
}

/// Turns an SQLite error into what the user needs to know.
pub fn classify(path: &Path, err: rusqlite::Error) -> TmError {
    let path = path.to_owned();
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => TmError::Busy { path },
        Some(ErrorCode::ReadOnly) => TmError::ReadOnly { path },
        Some(ErrorCode::NotADatabase) => TmError::not_a_tm(&path, "it is not an SQLite database"),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) if !path.exists() => {
            TmError::Missing { path }
        }
        _ => TmError::Database { path, source: err },
    }
}

/// FNV-1a (64 bits) of a key: stable across versions and platforms, since
/// it is stored.
pub fn key_hash(key: &str) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash as i64
}

/// Appends `value` as a LEB128 varint.
pub fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes LEB128 varints; a truncated last value is dropped.
pub fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut value = 0u32;
        let mut shift = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            at += 1;
            value |= u32::from(byte & 0x7F).checked_shl(shift).unwrap_or(0);
            if byte & 0x80 == 0 {
                return Some(value);
            }
            shift += 7;
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn key_hash_is_fnv1a() {
        assert_eq!(key_hash(""), 0xcbf2_9ce4_8422_2325_u64 as i64);
        assert_eq!(key_hash("a"), 0xaf63_dc4c_8601_ec8c_u64 as i64);
    }

    proptest! {
        #[test]
        fn varints_round_trip(values in proptest::collection::vec(any::<u32>(), 0..50)) {
            let mut bytes = Vec::new();
            for &value in &values {
                push_varint(&mut bytes, value);
            }
            prop_assert_eq!(varints(&bytes).collect::<Vec<_>>(), values);
        }
    }
}
