//! Changing the passphrase of an encrypted base (`PRAGMA rekey`), with the file to itself.

use super::{ResultatStore, Store};
use rusqlite::Connection;

impl Store {
    /// Re-encrypts every page of the file with `nouvelle` (SQLCipher `PRAGMA rekey`):
    /// afterwards only the new phrase opens the base, and its content is unchanged.
    ///
    /// The base must be open on this connection alone: another desk still keyed with the old
    /// phrase would read pages it can no longer decrypt. Leaving WAL mode needs exactly
    /// that (every other connection in WAL mode holds a shared lock on the file), so the
    /// switch to `journal_mode = DELETE` is the test: it fails with "busy"
    /// (`ErreurStore::base_occupee`) when another vigie has the base open, and nothing has
    /// changed then. The connection then keeps an exclusive lock (`locking_mode =
    /// EXCLUSIVE`) until the new key is written, so no desk can open the file in between;
    /// the WAL is checkpointed first so that no page waits in it under the old key, and WAL
    /// mode is restored at the end. Only for an encrypted base (the caller checks).
    pub fn changer_phrase(&mut self, nouvelle: &str) -> ResultatStore<()> {
        let conn = self.connexion();
        // Do not wait for other desks: their connections stay open for hours.
        conn.busy_timeout(std::time::Duration::ZERO)?;
        let resultat = changer_seul(conn, nouvelle);
        // Back to the ordinary mode whatever happened (harmless when nothing changed).
        let _ = conn.pragma_update(None, "locking_mode", "NORMAL");
        let retour = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        conn.busy_timeout(super::ouverture::ATTENTE_VERROU)?;
        resultat?;
        retour?;
        Ok(())
    }
}

/// The re-keying itself, on a connection that must end up alone in the file.
fn changer_seul(conn: &Connection, nouvelle: &str) -> ResultatStore<()> {
    let (occupe, _, _): (i64, i64, i64) =
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    if occupe != 0 {
        return Err(occupee());
    }
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    let mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("delete") {
        return Err(occupee());
    }
    // A write transaction takes the exclusive lock, kept until `locking_mode = NORMAL`.
    conn.execute_batch("BEGIN IMMEDIATE; COMMIT;")?;
    super::ouverture::pragma_cle(conn, "rekey", nouvelle)?;
    // The new key reads the first page again: the re-keying took.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(())
}

/// The "busy" error that `ErreurStore::base_occupee` recognises.
fn occupee() -> super::ErreurStore {
    super::ErreurStore::Sqlite(rusqlite::Error::SqliteFailure(
        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
        None,
    ))
}
