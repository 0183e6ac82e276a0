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

use crate::tm::TmError;
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
#[allow(
    clippy::cast_possible_wrap,
    reason = "a handful of migrations; a constant cannot call i64::try_from"
)]
pub(super) const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The current time as the store writes it.
pub(super) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

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
///
/// Only a file this function made is made a TM: an existing file that is
/// not one (empty, text, another program's database) is refused, never
/// converted.
pub(super) fn open(path: &Path, mode: OpenMode) -> Result<Connection, TmError> {
    let fail = |err| classify(path, err);
    if path.is_dir() {
        return Err(TmError::not_a_tm(path, "it is a folder"));
    }
    if !path.exists() {
        if mode != OpenMode::Create {
            return Err(TmError::Missing {
                path: path.to_owned(),
            });
        }
        create(path)?;
    }
    let mut conn = match mode {
        OpenMode::ReadOnly => open_read_only(path)?,
        OpenMode::ReadWrite | OpenMode::Create => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(fail)?,
    };
    conn.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;

    let application_id: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(fail)?;
    if application_id == 0 && table_count(&conn).map_err(fail)? == 0 {
        return Err(TmError::not_a_tm(path, "the file is empty"));
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

/// Opens a TM for reading.
///
/// A reader of a WAL-mode file needs its `-shm` index beside it, which SQLite
/// creates when it is missing: in a folder the user cannot write (a shared
/// TM on a read-only share), that fails. Then, when there is no `-wal` file
/// either (no process has the TM open and every change is in the file
/// itself), the file is opened `immutable`: read as it is, without locks
/// and without creating anything. When a `-wal` file is there, changes are
/// in it that only a reader with an index can see: that is an error that
/// says so, rather than an answer from an older state.
fn open_read_only(path: &Path) -> Result<Connection, TmError> {
    let fail = |err| classify(path, err);
    if let Err(err) = std::fs::File::open(path) {
        return Err(TmError::Unreadable {
            path: path.to_owned(),
            reason: err.kind(),
        });
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(fail)?;
    // The first read opens the write-ahead log and its index.
    let Err(err) = table_count(&conn) else {
        return Ok(conn);
    };
    let needs_write_access = matches!(
        err.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied)
    );
    if !needs_write_access {
        return Err(fail(err));
    }
    if sibling(path, "-wal").exists() {
        return Err(TmError::LogNotReadable {
            path: path.to_owned(),
        });
    }
    drop(conn);
    Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)
        .map_err(fail)
}

/// `path` with `suffix` appended to its name (`memory.sqlite-wal`).
fn sibling(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

/// The `file:` URI that opens `path` read as it is (`immutable=1`), its
/// bytes percent-encoded where a URI needs it.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &byte in path.as_os_str().as_encoded_bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Makes a new TM at `path`: built under a temporary name in the same
/// folder, then moved into place only if nothing is there yet, so that no
/// process sees a half-made TM and no existing file is ever taken over.
/// When another process made it first, theirs is kept.
fn create(path: &Path) -> Result<(), TmError> {
    let cannot = |err: std::io::Error| TmError::CannotCreate {
        path: path.to_owned(),
        reason: err.kind(),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tarjama-new-");
    // Read and write for whom the umask allows, as any new file (not the
    // owner-only mode of temporary files).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temporary = builder
        .tempfile_in(crate::tm::folder_of(path))
        .map_err(cannot)?;
    let mut conn = Connection::open_with_flags(
        temporary.path(),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|err| classify(path, err))?;
    initialize(&mut conn).map_err(|err| classify(path, err))?;
    // Closing a WAL-mode file folds the log into it and removes the log.
    conn.close().map_err(|(_, err)| classify(path, err))?;
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(cannot(err.error)),
    }
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

/// Makes a new empty file a TM: WAL mode, the application id, the schema.
fn initialize(conn: &mut Connection) -> rusqlite::Result<()> {
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    migrate(conn)
}

/// Runs the migrations the file has not had yet, in one transaction.
fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let version = schema_version(&tx)?;
    let done = usize::try_from(version).unwrap_or(0);
    for (at, script) in (1..).zip(MIGRATIONS).skip(done) {
        tx.execute_batch(script)?;
        tx.execute("UPDATE schema_version SET version = ?1", [at])?;
    }
    tx.commit()
}

/// Turns an SQLite error into what the user needs to know.
pub(super) fn classify(path: &Path, err: rusqlite::Error) -> TmError {
    let path = path.to_owned();
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => TmError::Busy { path },
        Some(ErrorCode::ReadOnly) => TmError::ReadOnly { path },
        Some(ErrorCode::NotADatabase) => TmError::not_a_tm(&path, "it is not an SQLite database"),
        Some(ErrorCode::CannotOpen | ErrorCode::PermissionDenied) if !path.exists() => {
            TmError::Missing { path }
        }
        _ => TmError::Database { path, error: err },
    }
}

/// FNV-1a (64 bits) of a key: stable across versions and platforms, since
/// it is stored.
pub(super) fn key_hash(key: &str) -> i64 {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash.cast_signed()
}

/// Appends `value` as a LEB128 varint.
#[allow(
    clippy::cast_possible_truncation,
    reason = "each byte holds the low seven bits"
)]
pub(super) fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Decodes LEB128 varints; a truncated last value is dropped.
pub(super) fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
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
    fn processes_creating_one_tm_at_once_all_get_it() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("memory.sqlite");
        std::thread::scope(|scope| {
            let opened: Vec<_> = (0..8)
                .map(|_| scope.spawn(|| open(&path, OpenMode::Create).map(drop)))
                .collect();
            for handle in opened {
                handle.join().unwrap().unwrap();
            }
        });
        let left: Vec<_> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(left, ["memory.sqlite"]);
    }

    #[test]
    fn an_existing_empty_file_is_not_made_a_tm() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("notes.txt");
        std::fs::write(&path, "").unwrap();
        let err = open(&path, OpenMode::Create).unwrap_err();
        assert!(matches!(err, TmError::NotATm { .. }), "{err}");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 0);
    }

    #[test]
    fn immutable_uris_escape_what_a_uri_cannot_hold() {
        assert_eq!(
            immutable_uri(Path::new("/a b/t?#%.sqlite")),
            "file:/a%20b/t%3F%23%25.sqlite?immutable=1"
        );
    }

    #[test]
    fn key_hash_is_fnv1a() {
        assert_eq!(key_hash(""), 0xcbf2_9ce4_8422_2325_u64.cast_signed());
        assert_eq!(key_hash("a"), 0xaf63_dc4c_8601_ec8c_u64.cast_signed());
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
