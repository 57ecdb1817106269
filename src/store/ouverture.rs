//! Opening a base: creating it whole, keying it, checking the key, pragmas, migrations.

use super::{ErreurStore, Ouverture, ResultatStore, Store, est_occupee, schema};
use rusqlite::{Connection, OpenFlags};

/// How long a desk waits for another one's write before giving up.
pub(super) const ATTENTE_VERROU: std::time::Duration = std::time::Duration::from_secs(10);

impl Store {
    /// How long a write waits for another connection's lock before answering "busy"
    /// (`ErreurStore::base_occupee`); 10 s unless changed.
    pub fn attendre_verrou(&mut self, attente: std::time::Duration) -> ResultatStore<()> {
        self.conn.busy_timeout(attente)?;
        self.attente_verrou = attente;
        Ok(())
    }

    /// Opens (or creates) the database, keys it, checks the key with a read at once,
    /// sets the pragmas and runs the migrations.
    pub fn ouvrir(o: &Ouverture) -> ResultatStore<Store> {
        if let Some(dossier) = o.chemin.parent()
            && !dossier.as_os_str().is_empty()
            && !dossier.exists()
        {
            crate::fichiers::creer_dossier_prive(dossier).map_err(|erreur| {
                ErreurStore::Fichier {
                    chemin: dossier.to_path_buf(),
                    erreur,
                }
            })?;
        }
        if !Store::existe(&o.chemin) {
            creer_base(o)?;
        }
        Store::ouvrir_fichier(o, false)
    }

    /// Opens an existing file (`nouvelle`: one just created, still empty).
    fn ouvrir_fichier(o: &Ouverture, nouvelle: bool) -> ResultatStore<Store> {
        let conn = Connection::open_with_flags(
            &o.chemin,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // SQLCipher logs to stderr by default: that would draw garbage over the TUI.
        let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
        if !o.sans_chiffrement {
            pragma_cle(&conn, "key", o.phrase.as_deref().unwrap_or(""))?;
        }
        // The first read tells at once whether the key (or its absence) is right.
        match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::NotADatabase =>
            {
                return Err(if o.sans_chiffrement {
                    ErreurStore::BaseChiffree
                } else {
                    ErreurStore::PhraseIncorrecte
                });
            }
            Err(e) => return Err(e.into()),
        }
        conn.busy_timeout(ATTENTE_VERROU)?;
        // Another program's file, or a newer vigie's, is refused before anything changes.
        schema::verifier(&conn, nouvelle)?;
        passer_en_wal(&conn)?;
        conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;",
        )?;
        let mut store = Store {
            conn,
            benevole: o.benevole.clone(),
            chemin: o.chemin.clone(),
            index_recherche: Default::default(),
            attente_verrou: ATTENTE_VERROU,
        };
        schema::migrer(&mut store.conn, nouvelle)?;
        Ok(store)
    }
}

/// Creates a new base whole: keyed, in WAL, with its schema, under a private temporary name
/// next to it, then linked into place in one step. Several desks creating the same base at
/// once thus never see a half-made file: the first link wins, the others open it.
fn creer_base(o: &Ouverture) -> ResultatStore<()> {
    let provisoire = crate::fichiers::a_cote(&o.chemin, ".creation-");
    let fichier = |erreur| ErreurStore::Fichier {
        chemin: o.chemin.clone(),
        erreur,
    };
    // Readable by its owner only (SQLite gives the WAL and shared-memory files the database
    // file's permissions).
    crate::fichiers::creer_nouveau(&provisoire).map_err(fichier)?;
    let mut ailleurs = o.clone();
    ailleurs.chemin = provisoire.clone();
    let faite = Store::ouvrir_fichier(&ailleurs, true).map(drop);
    // Closed: its WAL is checkpointed and removed; only the file remains.
    let lien = faite.and_then(|()| match std::fs::hard_link(&provisoire, &o.chemin) {
        Ok(()) => Ok(()),
        // Another desk created it a moment ago: open theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links (a USB key, say): a plain rename, unless the
        // base appeared meanwhile.
        Err(_) if !Store::existe(&o.chemin) => {
            std::fs::rename(&provisoire, &o.chemin).map_err(fichier)
        }
        Err(_) => Ok(()),
    });
    for suffixe in ["", "-wal", "-shm"] {
        let mut p = provisoire.clone().into_os_string();
        p.push(suffixe);
        let _ = std::fs::remove_file(p);
    }
    lien
}

/// Switches the file to WAL (kept in the file: later opens find it already done). SQLite
/// answers "busy" at once, without its busy handler, when another connection is in the file
/// during the switch (several desks opening a brand-new base together): retry for a while.
fn passer_en_wal(conn: &Connection) -> rusqlite::Result<()> {
    let debut = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e) if est_occupee(&e) && debut.elapsed() < ATTENTE_VERROU => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}

/// `PRAGMA key` or `PRAGMA rekey` with `phrase`, written as rusqlite's `pragma_update` would
/// (a string literal, quotes doubled: the same key as ever), but in a buffer sized once and
/// wiped when dropped. What cannot be wiped from here: the copies SQLite's parser and
/// SQLCipher make (SQLCipher keeps the key material in its own memory and clears it with
/// the connection), and the text's life before it reached the store (the terminal driver,
/// the process environment for `VIGIE_PASSPHRASE`).
pub(super) fn pragma_cle(conn: &Connection, pragma: &str, phrase: &str) -> rusqlite::Result<()> {
    let guillemets = phrase.matches('\'').count();
    let mut sql = zeroize::Zeroizing::new(String::with_capacity(
        pragma.len() + phrase.len() + guillemets + 16,
    ));
    sql.push_str("PRAGMA ");
    sql.push_str(pragma);
    sql.push_str(" = '");
    for c in phrase.chars() {
        if c == '\'' {
            sql.push('\'');
        }
        sql.push(c);
    }
    sql.push('\'');
    conn.execute_batch(&sql)
}
