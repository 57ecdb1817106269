//! The store: one SQLite file (SQLCipher-encrypted unless `--sans-chiffrement`), opened by
//! every process of every desk. WAL, `synchronous=FULL`, `BEGIN IMMEDIATE` for every write,
//! `user_version` migrations that refuse a newer database. No transaction stays open while a
//! form is on screen: callers load, let the volunteer type, then write in one short transaction.
//!
//! This is the only module that speaks SQL or names `rusqlite`: every query a service needs
//! is a function here whose name says what it returns, taking and returning domain types or
//! the plain rows defined here. The raw connection never leaves this module.
//!
//! `ouverture`: creating, keying and opening the file; `phrase`: re-keying it with a new
//! passphrase; `schema`: migrations; `lignes`: the column lists and the decoding of stored
//! values (dates, codes), written once; `personnes`,
//! `evenements`, `journal`: the reads and writes of every screen; `jour`, `stats`,
//! `protection`, `corrections`: the queries of the day's list, the statistics, data
//! protection and the préfecture corrections; `restauration`: checking a backup and taking
//! the base for ourselves before a restore. Writes take an `Ecriture` (one open
//! `BEGIN IMMEDIATE` transaction, from `Store::ecrire`); consistent reads run in `Store::lire`.

mod brouillons;
mod changements;
mod corrections;
mod evaluations;
mod evenements;
mod jour;
mod journal;
mod lignes;
mod masse;
mod ouverture;
mod personnes;
mod phrase;
mod protection;
mod recherche;
pub mod restauration;
mod schema;
mod stats;

pub use brouillons::Brouillon;
pub use changements::{Changements, SEUIL_PERSONNES};
pub use corrections::LigneCorrection;
#[cfg(test)]
pub(crate) use corrections::correction_d_essai;
pub use evaluations::{AReevaluer, EvaluationGardee, EvaluationNouvelle};
pub use evenements::inserer_evenement;
pub use jour::TRANCHE;
pub use journal::{horodatage, journaliser};
pub use personnes::{Trace, inserer_personne, mettre_a_jour_personne};
pub use protection::{
    Anonymisation, NOM_ANONYME, PREFIXE_ANONYME, REFERENCE_EFFACEE, est_anonymisee,
};
pub use recherche::RaisonDoublon;
pub use schema::{APPLICATION_ID, VERSION_SCHEMA};
pub use stats::{EvenementStats, PersonneStats};

use crate::domain::Personne;
use rusqlite::{Connection, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};

/// Everything that can go wrong with the database; its French message is in `crate::textes`.
#[derive(Debug)]
pub enum ErreurStore {
    /// The passphrase does not open the file (or the file is plain and a passphrase was given).
    PhraseIncorrecte,
    /// The file is encrypted and `--sans-chiffrement` was given.
    BaseChiffree,
    /// The file is not a vigie database.
    PasUneBaseVigie,
    /// Written by a newer vigie.
    BaseTropRecente { base: i64, binaire: i64 },
    /// Another desk changed the person since it was loaded.
    Conflit { actuelle: Box<Personne> },
    /// The person no longer exists (erased by another desk).
    Introuvable,
    /// The person was anonymized (retention purge): it can no longer be changed.
    Anonymisee,
    /// A reference is already used.
    ReferenceExistante(String),
    /// Could not create the folder or the file.
    Fichier {
        chemin: PathBuf,
        erreur: std::io::Error,
    },
    /// Any other SQLite error.
    Sqlite(rusqlite::Error),
}

impl std::error::Error for ErreurStore {}

impl ErreurStore {
    /// Another connection held the lock longer than the busy timeout.
    pub fn base_occupee(&self) -> bool {
        matches!(self, ErreurStore::Sqlite(e) if est_occupee(e))
    }

    /// A stored value of column `colonne` that a caller could not decode (`valeur`: what
    /// was found), reported like any value the store itself cannot decode.
    pub fn valeur_illisible(colonne: usize, valeur: String) -> ErreurStore {
        ErreurStore::Sqlite(lignes::conversion(
            colonne,
            Box::<dyn std::error::Error + Send + Sync>::from(valeur),
        ))
    }
}

/// What went wrong inside SQLite, typed, so that the message is worded in French above
/// the store (SQLite's own texts are English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanneSqlite {
    /// Another connection holds the lock.
    Occupee,
    /// The file is damaged, or is not a database.
    Endommagee,
    /// The disk (or the user's quota) is full.
    DisquePlein,
    /// The file or its folder cannot be written.
    LectureSeule,
    /// The file cannot be opened (rights, missing folder).
    OuvertureImpossible,
    /// A read or write of the file failed at the system level.
    EntreeSortie,
    /// A stored value that does not decode (column index).
    ValeurIllisible(usize),
    /// A rule of the schema refused the write.
    Contrainte,
    /// Anything else: SQLite's numeric code (extended when known).
    Autre(i32),
}

impl ErreurStore {
    /// The kind of SQLite failure, for an `ErreurStore::Sqlite`.
    pub fn panne(&self) -> Option<PanneSqlite> {
        let ErreurStore::Sqlite(e) = self else {
            return None;
        };
        use rusqlite::ErrorCode as C;
        Some(match e {
            rusqlite::Error::FromSqlConversionFailure(i, _, _)
            | rusqlite::Error::InvalidColumnType(i, _, _)
            | rusqlite::Error::IntegralValueOutOfRange(i, _) => PanneSqlite::ValeurIllisible(*i),
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                C::DatabaseBusy | C::DatabaseLocked => PanneSqlite::Occupee,
                C::DatabaseCorrupt | C::NotADatabase => PanneSqlite::Endommagee,
                C::DiskFull => PanneSqlite::DisquePlein,
                C::ReadOnly => PanneSqlite::LectureSeule,
                C::CannotOpen | C::PermissionDenied => PanneSqlite::OuvertureImpossible,
                C::SystemIoFailure => PanneSqlite::EntreeSortie,
                C::ConstraintViolation => PanneSqlite::Contrainte,
                _ => PanneSqlite::Autre(f.extended_code),
            },
            _ => PanneSqlite::Autre(e.sqlite_error_code().map_or(-1, |c| c as i32)),
        })
    }
}

fn est_occupee(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

impl From<rusqlite::Error> for ErreurStore {
    fn from(e: rusqlite::Error) -> Self {
        ErreurStore::Sqlite(e)
    }
}

pub type ResultatStore<T> = Result<T, ErreurStore>;

/// How to open the database. The passphrase is wiped from memory when this is dropped
/// (and so is every clone's).
#[derive(Clone)]
pub struct Ouverture {
    pub chemin: PathBuf,
    /// `None` with `sans_chiffrement`.
    pub phrase: Option<String>,
    pub sans_chiffrement: bool,
    /// Name of the volunteer, recorded on every change.
    pub benevole: String,
}

impl Drop for Ouverture {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        if let Some(phrase) = self.phrase.as_mut() {
            phrase.zeroize();
        }
    }
}

/// Never prints the passphrase.
impl std::fmt::Debug for Ouverture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ouverture")
            .field("chemin", &self.chemin)
            .field("phrase", &self.phrase.as_ref().map(|_| "…"))
            .field("sans_chiffrement", &self.sans_chiffrement)
            .field("benevole", &self.benevole)
            .finish()
    }
}

/// An open database, for one volunteer.
pub struct Store {
    conn: Connection,
    benevole: String,
    chemin: PathBuf,
    /// The folded search keys in memory (`recherche`), built at the first search.
    index_recherche: std::cell::RefCell<Option<recherche::IndexRecherche>>,
    /// How long a write waits for another desk's lock (`attendre_verrou`).
    attente_verrou: std::time::Duration,
}

/// One open `BEGIN IMMEDIATE` transaction, handed to the closure of `Store::ecrire`: the
/// write functions of the store take it, and its methods read inside it.
pub struct Ecriture<'c> {
    tx: Transaction<'c>,
}

impl Ecriture<'_> {
    /// The transaction, for the store's own statements.
    pub(in crate::store) fn tx(&self) -> &Transaction<'_> {
        &self.tx
    }
}

/// Page cache of a bulk write (in KiB, negative as SQLite wants it), and the ordinary one.
const CACHE_EN_MASSE: i64 = -65_536;
const CACHE_ORDINAIRE: i64 = -2_000;

impl Store {
    /// Whether a database file already exists at this path.
    pub fn existe(chemin: &Path) -> bool {
        chemin.is_file()
    }

    pub fn benevole(&self) -> &str {
        &self.benevole
    }

    pub fn chemin(&self) -> &Path {
        &self.chemin
    }

    /// The raw connection, for the store's own queries only.
    pub(in crate::store) fn connexion(&self) -> &Connection {
        &self.conn
    }

    /// Changes each time another connection commits: the TUI polls it to refresh.
    pub fn version_donnees(&self) -> ResultatStore<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if `f` succeeds, rolled back
    /// otherwise (nothing half-written). `f` also receives the volunteer's name.
    pub fn ecrire<T>(
        &mut self,
        f: impl FnOnce(&Ecriture, &str) -> ResultatStore<T>,
    ) -> ResultatStore<T> {
        let ecriture = Ecriture {
            tx: self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?,
        };
        let v = f(&ecriture, &self.benevole)?;
        changements::elaguer(&ecriture)?;
        ecriture.tx.commit()?;
        Ok(v)
    }

    /// `ecrire` for a large write (an import, a demo): a bigger page cache keeps the index
    /// pages in memory instead of spilling them to the WAL again and again.
    pub fn ecrire_en_masse<T>(
        &mut self,
        f: impl FnOnce(&Ecriture, &str) -> ResultatStore<T>,
    ) -> ResultatStore<T> {
        let _ = self.conn.pragma_update(None, "cache_size", CACHE_EN_MASSE);
        // One « everyone » in the change log instead of one entry per row.
        let r = self.ecrire(|tx, benevole| {
            let declencheurs = changements::suspendre(tx.tx())?;
            let v = f(tx, benevole)?;
            changements::reprendre(tx.tx(), &declencheurs)?;
            Ok(v)
        });
        let _ = self.conn.pragma_update(None, "cache_size", CACHE_ORDINAIRE);
        r
    }

    /// Runs `f` inside one read transaction, so that everything it reads describes the same
    /// moment (a document, an export of two files).
    /// Inside a read (or write) already open, `f` simply runs in it.
    pub fn lire<T, E: From<ErreurStore>>(&self, f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
        if !self.conn.is_autocommit() {
            return f();
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(ErreurStore::from)?;
        let resultat = f();
        let _ = self.conn.execute_batch("COMMIT");
        resultat
    }
}

/// A plain base at `chemin` for unit tests (volunteer « T »).
#[cfg(test)]
pub(crate) fn base_en_clair(chemin: &Path) -> Store {
    Store::ouvrir(&Ouverture {
        chemin: chemin.to_path_buf(),
        phrase: None,
        sans_chiffrement: true,
        benevole: "T".into(),
    })
    .expect("a plain test base")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32, message: &str) -> ErreurStore {
        ErreurStore::Sqlite(rusqlite::Error::SqliteFailure(
            ffi::Error::new(code),
            Some(message.into()),
        ))
    }

    #[test]
    fn sqlite_failures_are_typed_for_french_wording() {
        let cas = [
            (ffi::SQLITE_BUSY, PanneSqlite::Occupee),
            (ffi::SQLITE_CORRUPT, PanneSqlite::Endommagee),
            (ffi::SQLITE_NOTADB, PanneSqlite::Endommagee),
            (ffi::SQLITE_FULL, PanneSqlite::DisquePlein),
            (ffi::SQLITE_READONLY, PanneSqlite::LectureSeule),
            (ffi::SQLITE_CANTOPEN, PanneSqlite::OuvertureImpossible),
            (ffi::SQLITE_IOERR_WRITE, PanneSqlite::EntreeSortie),
            (ffi::SQLITE_CONSTRAINT_UNIQUE, PanneSqlite::Contrainte),
            (
                ffi::SQLITE_MISMATCH,
                PanneSqlite::Autre(ffi::SQLITE_MISMATCH),
            ),
        ];
        for (code, attendu) in cas {
            assert_eq!(sqlite(code, "in English").panne(), Some(attendu), "{code}");
        }
        assert_eq!(
            ErreurStore::valeur_illisible(3, "x".into()).panne(),
            Some(PanneSqlite::ValeurIllisible(3))
        );
        assert_eq!(ErreurStore::Introuvable.panne(), None);
    }

    #[test]
    fn a_real_failure_of_sqlite_is_typed() {
        // A file that is not a database, opened without the store's checks.
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("x.db");
        std::fs::write(&f, vec![7u8; 4096]).unwrap();
        let conn = rusqlite::Connection::open(&f).unwrap();
        let e: ErreurStore = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_err()
            .into();
        assert_eq!(e.panne(), Some(PanneSqlite::Endommagee));
    }
}
