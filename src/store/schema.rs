//! Schema and migrations, tracked by `PRAGMA user_version`; `application_id` marks the file as
//! a vigie database. A database newer than this binary is refused, never touched.

use super::{ErreurStore, ResultatStore};
use rusqlite::{Connection, TransactionBehavior};

/// "VIGI" in ASCII.
pub const APPLICATION_ID: i64 = 0x5649_4749;

/// Each entry takes the schema from version `i` to `i + 1`. Never edit a released entry:
/// add a new one.
const MIGRATIONS: &[&str] = &[
    // 0 → 1: people, events, audit journal, préfecture corrections.
    "
    CREATE TABLE personnes (
        id INTEGER PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        nom TEXT NOT NULL,
        prenom TEXT,
        telephone TEXT,
        departement TEXT NOT NULL,
        demarche TEXT NOT NULL,
        blocage TEXT NOT NULL,
        ouvert_le TEXT NOT NULL,
        titre_expire_le TEXT,
        api_expire_le TEXT,
        pan_connu TEXT CHECK (pan_connu IN ('oui', 'non')),
        notes TEXT,
        captures INTEGER,
        version INTEGER NOT NULL DEFAULT 1,
        recherche TEXT NOT NULL DEFAULT '',
        cree_par TEXT NOT NULL,
        cree_le TEXT NOT NULL,
        modifie_par TEXT NOT NULL,
        modifie_le TEXT NOT NULL
    );
    CREATE INDEX personnes_nom ON personnes (nom, prenom, reference);
    CREATE TABLE evenements (
        id INTEGER PRIMARY KEY,
        personne_id INTEGER NOT NULL REFERENCES personnes (id) ON DELETE CASCADE,
        date TEXT NOT NULL,
        type TEXT NOT NULL,
        canal TEXT,
        resultat TEXT,
        echeance TEXT,
        ticket TEXT,
        attente_minutes INTEGER,
        notes TEXT,
        saisi_par TEXT NOT NULL,
        saisi_le TEXT NOT NULL
    );
    CREATE INDEX evenements_personne ON evenements (personne_id, date, id);
    CREATE INDEX evenements_date ON evenements (date, type);
    CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        quand TEXT NOT NULL,
        benevole TEXT NOT NULL,
        action TEXT NOT NULL,
        reference TEXT,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE corrections_prefecture (
        id INTEGER PRIMARY KEY,
        departement TEXT NOT NULL,
        champ TEXT NOT NULL,
        valeur TEXT NOT NULL,
        verifie_le TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        auteur TEXT NOT NULL,
        saisi_le TEXT NOT NULL,
        UNIQUE (departement, champ, valeur, verifie_le, source, auteur, saisi_le)
    );
    ",
    // 1 → 2: drafts of the forms being typed (kept through a hang-up), one per volunteer,
    // kind and person (`personne_id` 0: a new person).
    "
    CREATE TABLE brouillons (
        benevole TEXT NOT NULL,
        genre TEXT NOT NULL,
        personne_id INTEGER NOT NULL,
        contenu TEXT NOT NULL,
        garde_le TEXT NOT NULL,
        PRIMARY KEY (benevole, genre, personne_id)
    );
    ",
    // 2 → 3: the identifiers a letter needs (docs/fichiers.md §1), all optional.
    "
    ALTER TABLE personnes ADD COLUMN date_naissance TEXT;
    ALTER TABLE personnes ADD COLUMN nationalite TEXT;
    ALTER TABLE personnes ADD COLUMN numero_etranger TEXT;
    ALTER TABLE personnes ADD COLUMN adresse TEXT;
    ",
    // 3 → 4: the statistics read every event of a period from one covering index (no table
    // row read at random: issue 17); `type` stays second for the waiting-time reads. It
    // starts with `evenements_date`'s columns, which it replaces.
    "
    CREATE INDEX evenements_stats ON evenements
        (date, type, personne_id, canal, resultat, attente_minutes, echeance);
    DROP INDEX evenements_date;
    ",
    // 4 → 5: the day's list reads every event by person; with events stored in date order
    // (as a desk appends them) each row read from the table was a random page to decrypt.
    // This index carries every column that read needs (it replaces `evenements_personne`,
    // whose order it keeps, so one person's file reads it too).
    "
    CREATE INDEX evenements_personne_couvrant ON evenements
        (personne_id, date, id, type, canal, resultat, echeance, ticket, attente_minutes);
    DROP INDEX evenements_personne;
    ",
    // 5 → 6: search keys folded by `domain::recherche` (every diacritic, apostrophes and
    // hyphens, phones as digits): emptied here, recomputed in Rust after the migrations.
    "
    UPDATE personnes SET recherche = '';
    ",
    // 6 → 7: the change log (issue 17). Every write to a person or an event appends the
    // person's id, a préfecture correction the ids of the people of its département (what
    // the engine knows of a préfecture changes their evaluation), 0 meaning everyone (a bulk
    // write, this migration), so that a screen or a cache re-evaluates only the people changed since the
    // last number it saw (`store::changements`). A bulk write drops the triggers inside its
    // own transaction (no other desk ever sees them gone), creates them again and logs one 0
    // instead. Each entry says when (local time, as `saisi_le`): the people
    // written one by one today are « seen today » whatever the dates they recorded. Written
    // to be replayed (as the entry before it).
    "
    CREATE TABLE IF NOT EXISTS changements (
        seq INTEGER PRIMARY KEY,
        personne_id INTEGER NOT NULL,
        quand TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'))
    );
    CREATE INDEX IF NOT EXISTS changements_quand ON changements (quand, personne_id);
    CREATE TRIGGER IF NOT EXISTS changement_personne_cree AFTER INSERT ON personnes
        BEGIN INSERT INTO changements (personne_id) VALUES (NEW.id); END;
    CREATE TRIGGER IF NOT EXISTS changement_personne_modifiee AFTER UPDATE ON personnes
        BEGIN INSERT INTO changements (personne_id) VALUES (NEW.id); END;
    CREATE TRIGGER IF NOT EXISTS changement_personne_effacee AFTER DELETE ON personnes
        BEGIN INSERT INTO changements (personne_id) VALUES (OLD.id); END;
    CREATE TRIGGER IF NOT EXISTS changement_evenement_cree AFTER INSERT ON evenements
        BEGIN INSERT INTO changements (personne_id) VALUES (NEW.personne_id); END;
    CREATE TRIGGER IF NOT EXISTS changement_evenement_modifie AFTER UPDATE ON evenements
        BEGIN
            INSERT INTO changements (personne_id) VALUES (OLD.personne_id);
            INSERT INTO changements (personne_id)
                SELECT NEW.personne_id WHERE NEW.personne_id <> OLD.personne_id;
        END;
    CREATE TRIGGER IF NOT EXISTS changement_evenement_efface AFTER DELETE ON evenements
        BEGIN INSERT INTO changements (personne_id) VALUES (OLD.personne_id); END;
    CREATE TRIGGER IF NOT EXISTS changement_correction_ajoutee AFTER INSERT ON corrections_prefecture
        BEGIN
            INSERT INTO changements (personne_id)
                SELECT id FROM personnes WHERE departement = NEW.departement;
        END;
    CREATE TRIGGER IF NOT EXISTS changement_correction_effacee AFTER DELETE ON corrections_prefecture
        BEGIN
            INSERT INTO changements (personne_id)
                SELECT id FROM personnes WHERE departement = OLD.departement;
        END;
    INSERT INTO changements (personne_id) VALUES (0);
    ",
    // 7 → 8: the statistics' other two reads from indexes alone (issue 17): the issuances
    // and closures before a period (a partial index: a few per cent of the events, where the
    // date index walked the whole history), and every person's statistical attributes (the
    // table rows carry names, notes and addresses: four times the pages).
    "
    CREATE INDEX IF NOT EXISTS evenements_jalons ON evenements
        (type, date, personne_id, canal, resultat, echeance, attente_minutes)
        WHERE type IN ('api_delivree', 'cloture');
    CREATE INDEX IF NOT EXISTS personnes_stats ON personnes
        (id, departement, demarche, blocage, ouvert_le, pan_connu, titre_expire_le,
         api_expire_le);
    ",
    // 8 → 9: each person's evaluation kept until its horizon (issue 17: `vigie aujourdhui`
    // reads the rows of the day's list, not every event). `cle` names the engine and the
    // rules a row was computed with, `calculee_le` the day it was computed for, `jusqua` the
    // first day it no longer holds (`domain::moteur::horizon`), `du_jour` whether the person
    // is on the day's list until then, `ligne` the row (`jour/gardees.rs`). Rows are stored
    // by (key, on the list, person): the list's rows are read from consecutive pages.
    // `evaluations_completes`: under `cle`, every person not in the change log after
    // `complet_a` has a row (due or not), none computed after `calculee_au_plus_tard`. A
    // change logged for a person erases their row in the same transaction, a 0 (everyone)
    // every row and mark: no row outlives what it was computed from, nor an erased name.
    "
    CREATE TABLE IF NOT EXISTS evaluations (
        cle TEXT NOT NULL,
        du_jour INTEGER NOT NULL,
        personne_id INTEGER NOT NULL,
        calculee_le TEXT NOT NULL,
        jusqua TEXT NOT NULL,
        ligne BLOB NOT NULL,
        PRIMARY KEY (cle, du_jour, personne_id)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS evaluations_personne ON evaluations (personne_id);
    CREATE INDEX IF NOT EXISTS evaluations_jusqua ON evaluations (cle, jusqua);
    CREATE TABLE IF NOT EXISTS evaluations_completes (
        cle TEXT PRIMARY KEY,
        complet_a INTEGER NOT NULL,
        calculee_au_plus_tard TEXT NOT NULL
    );
    CREATE TRIGGER IF NOT EXISTS changement_oublie_evaluations AFTER INSERT ON changements
        BEGIN
            DELETE FROM evaluations WHERE personne_id = NEW.personne_id;
            DELETE FROM evaluations WHERE NEW.personne_id = 0;
            DELETE FROM evaluations_completes WHERE NEW.personne_id = 0;
        END;
    ",
];

/// The schema version this binary writes.
pub const VERSION_SCHEMA: i64 = MIGRATIONS.len() as i64;

/// Refuses, before anything is changed, a file that is not a vigie base or is newer than this
/// binary (read only: the file is left untouched).
pub(super) fn verifier(conn: &Connection, nouvelle: bool) -> ResultatStore<()> {
    // The three values come from one snapshot: read one by one, a desk creating or migrating
    // the same base in between could pair an old application id with new tables.
    let hors_transaction = conn.is_autocommit();
    if hors_transaction {
        conn.execute_batch("BEGIN DEFERRED")?;
    }
    let lu = lire_marques(conn);
    if hors_transaction {
        // Only read: ending the snapshot cannot lose anything.
        let _ = conn.execute_batch("COMMIT");
    }
    let (app, version, tables) = lu?;
    // Empty (a desk is still creating it, or an older vigie left an empty file): accepted,
    // `migrer` builds it under the write lock after checking again. A base another desk is
    // building is never seen half made: its schema and marks are one transaction.
    let vide = app == 0 && version == 0 && (nouvelle || tables == 0);
    if app != APPLICATION_ID && !vide {
        return Err(ErreurStore::PasUneBaseVigie);
    }
    if version > VERSION_SCHEMA {
        return Err(ErreurStore::BaseTropRecente {
            base: version,
            binaire: VERSION_SCHEMA,
        });
    }
    Ok(())
}

/// Application id, schema version and number of schema objects, in the caller's snapshot.
fn lire_marques(conn: &Connection) -> ResultatStore<(i64, i64, i64)> {
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok((app, version, tables))
}

/// Brings the database up to `VERSION_SCHEMA`, in one immediate transaction. A database
/// already marked and current is only read: opening takes no write lock, so a desk can open
/// the file while another one runs a long write (import, demo, purge).
pub(super) fn migrer(conn: &mut Connection, nouvelle: bool) -> ResultatStore<()> {
    if !nouvelle {
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app == APPLICATION_ID && version == VERSION_SCHEMA {
            return Ok(());
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Checked again under the lock: another desk may have migrated meanwhile.
    verifier(&tx, nouvelle)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app: i64 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    if version < VERSION_SCHEMA {
        // Keys recomputed for everyone: one « everyone » change (migration 7), not a
        // change per person.
        let declencheurs = super::changements::suspendre(&tx)?;
        super::recherche::completer_cles(&tx)?;
        super::changements::reprendre(&tx, &declencheurs)?;
    }
    if app != APPLICATION_ID {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.commit()?;
    Ok(())
}
