//! What restoring a backup needs from SQLite: checking a backup file before it replaces the
//! base, and taking the base for ourselves (proof that no other process has it open) while
//! the files are swapped. The file moves themselves are `crate::protection::restauration`.

use super::{APPLICATION_ID, VERSION_SCHEMA, est_occupee};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// Why a backup file cannot replace the base. Worded in `crate::textes::protection`.
#[derive(Debug)]
pub enum DefautSauvegarde {
    /// Not readable with this key (wrong passphrase, not a database at all, or an encrypted
    /// file read with `--sans-chiffrement`). `chiffrement`: a key was given.
    Illisible { chiffrement: bool },
    /// A database, but not vigie's (`application_id`).
    PasVigie,
    /// Written by a newer vigie.
    TropRecente { base: i64, binaire: i64 },
    /// `integrity_check` or `cipher_integrity_check` found damage (their first lines), or
    /// reading failed half-way.
    Abimee(String),
}

/// What the check of a sound backup found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControleSauvegarde {
    pub personnes: i64,
    pub version: i64,
}

/// How many lines of a failed integrity check are kept for the message.
const LIGNES_GARDEES: usize = 3;

/// Checks that the file at `chemin` is a whole vigie base this binary can open with `cle`
/// (`None`: a plain base): it opens with that key, `PRAGMA integrity_check` says ok, and so
/// does `PRAGMA cipher_integrity_check` (every page's HMAC) when encrypted; its
/// `application_id` is vigie's; its schema is not newer than this binary's. Read only
/// (`query_only`): the file is not changed.
pub fn verifier_sauvegarde(
    chemin: &Path,
    cle: Option<&str>,
) -> Result<ControleSauvegarde, DefautSauvegarde> {
    let abimee = |e: rusqlite::Error| DefautSauvegarde::Abimee(e.to_string());
    let illisible = DefautSauvegarde::Illisible {
        chiffrement: cle.is_some(),
    };
    let conn = Connection::open_with_flags(
        chemin,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| DefautSauvegarde::Illisible {
        chiffrement: cle.is_some(),
    })?;
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    if let Some(cle) = cle {
        conn.pragma_update(None, "key", cle).map_err(abimee)?;
    }
    conn.execute_batch("PRAGMA query_only = ON;")
        .map_err(abimee)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => {}
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => return Err(illisible),
        Err(e) => return Err(abimee(e)),
    }
    let app: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(abimee)?;
    if app != APPLICATION_ID {
        return Err(DefautSauvegarde::PasVigie);
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(abimee)?;
    if version > VERSION_SCHEMA {
        return Err(DefautSauvegarde::TropRecente {
            base: version,
            binaire: VERSION_SCHEMA,
        });
    }
    if cle.is_some() {
        // One row per damaged page; none when every page's HMAC is right.
        let defauts = lignes(&conn, "PRAGMA cipher_integrity_check").map_err(abimee)?;
        if !defauts.is_empty() {
            return Err(DefautSauvegarde::Abimee(defauts.join(" ; ")));
        }
    }
    let verdict = lignes(&conn, "PRAGMA integrity_check").map_err(abimee)?;
    if verdict != ["ok"] {
        return Err(DefautSauvegarde::Abimee(verdict.join(" ; ")));
    }
    let personnes = conn
        .query_row("SELECT count(*) FROM personnes", [], |r| r.get(0))
        .map_err(abimee)?;
    Ok(ControleSauvegarde { personnes, version })
}

/// The first lines a pragma returns, as text.
fn lignes(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare(pragma)?;
    let mut v = Vec::new();
    let mut rangees = st.query([])?;
    while let Some(r) = rangees.next()? {
        if v.len() == LIGNES_GARDEES {
            v.push("…".to_string());
            break;
        }
        let texte = match r.get_ref(0)? {
            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            autre => format!("{autre:?}"),
        };
        v.push(texte);
    }
    Ok(v)
}

/// The base taken for ourselves: no other connection of any process can read or write it
/// while this is alive (they wait on their busy timeout). Dropping it lets them in again.
pub struct BaseTenue {
    _conn: Connection,
}

/// Another process has the base open.
#[derive(Debug)]
pub struct BaseOuverteAilleurs;

/// Takes the base at `chemin` for ourselves, or says that another process has it open.
///
/// How: every connection to a WAL base holds a SHARED lock (a POSIX byte-range lock, taken
/// by SQLite on the database file itself) from its first read until it closes — SQLite's
/// pager does not release it between transactions in WAL mode; that is how the last
/// connection to close knows it may checkpoint and delete the `-wal`. A connection in
/// `locking_mode = EXCLUSIVE` must take the EXCLUSIVE lock of the database file before it
/// uses the WAL, which the kernel refuses while anyone holds SHARED; with no busy timeout
/// it answers "busy" at once. A process that was killed holds no lock any more (the kernel
/// drops POSIX locks with the process), so a stale `-wal`/`-shm` it left does not count:
/// only a live connection does. In exclusive mode SQLite keeps the WAL index in its own
/// memory, never in the `-shm` file, so the stale files are not trusted either; and the
/// connection is told not to checkpoint on close, so the current base and its `-wal` are
/// left exactly as they were (they are put aside whole).
///
/// A read error other than "busy" (a damaged base, the wrong key) comes after the lock was
/// taken, or from a base without a `-wal`, which no open vigie leaves: either way no live
/// connection is using the file, and the base is held (or not in use).
pub fn tenir_base(chemin: &Path, cle: Option<&str>) -> Result<BaseTenue, BaseOuverteAilleurs> {
    let conn = Connection::open_with_flags(
        chemin,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| BaseOuverteAilleurs)?;
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    let _ = conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true);
    if let Some(cle) = cle {
        let _ = conn.pragma_update(None, "key", cle);
    }
    let _ = conn.busy_timeout(std::time::Duration::ZERO);
    let _ = conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE;");
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Err(e) if est_occupee(&e) => Err(BaseOuverteAilleurs),
        _ => Ok(BaseTenue { _conn: conn }),
    }
}
