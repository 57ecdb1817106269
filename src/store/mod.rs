//! The store: one SQLite file (SQLCipher-encrypted unless `--sans-chiffrement`), opened by
//! every process of every desk. WAL, `synchronous=FULL`, `BEGIN IMMEDIATE` for every write,
//! `user_version` migrations that refuse a newer database. No transaction stays open while a
//! form is on screen: callers load, let the volunteer type, then write in one short transaction.

mod schema;

use crate::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Personne, Resultat, TypeEvenement, date_iso,
    oui_non, parse_date, replier,
};
use chrono::NaiveDate;
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Row, ToSql, Transaction, TransactionBehavior, params,
};
use std::path::{Path, PathBuf};

pub use schema::{APPLICATION_ID, VERSION_SCHEMA};

/// Everything that can go wrong with the database, with its French message in `crate::textes`.
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

impl std::fmt::Display for ErreurStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::textes::erreur_store(self))
    }
}

impl std::error::Error for ErreurStore {}

impl ErreurStore {
    /// Another connection held the lock longer than the busy timeout.
    pub fn base_occupee(&self) -> bool {
        matches!(self, ErreurStore::Sqlite(e) if est_occupee(e))
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

/// How to open the database.
#[derive(Debug, Clone)]
pub struct Ouverture {
    pub chemin: PathBuf,
    /// `None` with `sans_chiffrement`.
    pub phrase: Option<String>,
    pub sans_chiffrement: bool,
    /// Name of the volunteer, recorded on every change.
    pub benevole: String,
}

/// An open database, for one volunteer.
pub struct Store {
    conn: Connection,
    benevole: String,
    chemin: PathBuf,
}

/// A person with the attribution columns the database keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub cree_par: String,
    pub cree_le: String,
    pub modifie_par: String,
    pub modifie_le: String,
}

/// Now, as stored in attribution columns: local date and time, to the second.
pub fn horodatage() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

impl Store {
    /// Whether a database file already exists at this path.
    pub fn existe(chemin: &Path) -> bool {
        chemin.is_file()
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
            let phrase = o.phrase.as_deref().unwrap_or("");
            conn.pragma_update(None, "key", phrase)?;
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
        };
        schema::migrer(&mut store.conn, nouvelle)?;
        Ok(store)
    }

    pub fn benevole(&self) -> &str {
        &self.benevole
    }

    pub fn chemin(&self) -> &Path {
        &self.chemin
    }

    /// The raw connection, for read-only queries of other modules (statistics, lookups).
    pub fn connexion(&self) -> &Connection {
        &self.conn
    }

    /// Changes each time another connection commits: the TUI polls it to refresh.
    pub fn version_donnees(&self) -> ResultatStore<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if `f` succeeds, rolled back
    /// otherwise (nothing half-written).
    pub fn ecrire<T>(
        &mut self,
        f: impl FnOnce(&Transaction, &str) -> ResultatStore<T>,
    ) -> ResultatStore<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let v = f(&tx, &self.benevole)?;
        tx.commit()?;
        Ok(v)
    }

    // ------------------------------------------------------------ reads

    pub fn personne(&self, id: i64) -> ResultatStore<Option<Personne>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLONNES_PERSONNE} FROM personnes WHERE id = ?1"),
                [id],
                ligne_personne,
            )
            .optional()?)
    }

    pub fn personne_par_reference(&self, reference: &str) -> ResultatStore<Option<Personne>> {
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLONNES_PERSONNE} FROM personnes WHERE reference = ?1"),
                [reference],
                ligne_personne,
            )
            .optional()?)
    }

    /// Every person, ordered by reference.
    pub fn personnes(&self) -> ResultatStore<Vec<Personne>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLONNES_PERSONNE} FROM personnes ORDER BY reference"
        ))?;
        let v = st
            .query_map([], ligne_personne)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Who created and last changed a person.
    pub fn trace(&self, id: i64) -> ResultatStore<Option<Trace>> {
        Ok(self
            .conn
            .query_row(
                "SELECT cree_par, cree_le, modifie_par, modifie_le FROM personnes WHERE id = ?1",
                [id],
                |r| {
                    Ok(Trace {
                        cree_par: r.get(0)?,
                        cree_le: r.get(1)?,
                        modifie_par: r.get(2)?,
                        modifie_le: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// A person's events in date order, then insertion order.
    pub fn evenements(&self, personne_id: i64) -> ResultatStore<Vec<Evenement>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLONNES_EVENEMENT} FROM evenements WHERE personne_id = ?1 ORDER BY date, id"
        ))?;
        let v = st
            .query_map([personne_id], ligne_evenement)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Every event with its person's reference, ordered by reference, date, insertion order
    /// (the order of the full export).
    pub fn evenements_tous(&self) -> ResultatStore<Vec<(String, Evenement)>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT p.reference, {} FROM evenements e JOIN personnes p ON p.id = e.personne_id \
             ORDER BY p.reference, e.date, e.id",
            COLONNES_EVENEMENT
                .split(", ")
                .map(|c| format!("e.{c}"))
                .collect::<Vec<_>>()
                .join(", ")
        ))?;
        let v = st
            .query_map([], |r| {
                let reference: String = r.get(0)?;
                Ok((reference, ligne_evenement_depuis(r, 1)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// People whose name, first name, reference or phone contains `requete`
    /// (case and accents ignored), at most `limite`, by name.
    pub fn chercher(&self, requete: &str, limite: usize) -> ResultatStore<Vec<Personne>> {
        let motif = format!(
            "%{}%",
            replier(requete.trim())
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLONNES_PERSONNE} FROM personnes WHERE recherche LIKE ?1 ESCAPE '\\' \
             ORDER BY nom, prenom, reference LIMIT ?2"
        ))?;
        let v = st
            .query_map(params![motif, limite as i64], ligne_personne)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    pub fn nombre_personnes(&self) -> ResultatStore<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM personnes", [], |r| r.get(0))?)
    }

    // ------------------------------------------------------------ writes (one transaction each)

    /// Creates a person; returns its id.
    pub fn creer_personne(&mut self, p: &Personne) -> ResultatStore<i64> {
        self.ecrire(|tx, b| inserer_personne(tx, p, b))
    }

    /// Saves a changed person if nobody changed it since it was loaded (same `version`);
    /// otherwise returns `Conflit` with the stored version, and writes nothing.
    pub fn modifier_personne(&mut self, p: &Personne) -> ResultatStore<i64> {
        self.ecrire(|tx, b| mettre_a_jour_personne(tx, p, b))
    }

    /// Records an event for a person; returns its id.
    pub fn ajouter_evenement(&mut self, personne_id: i64, e: &Evenement) -> ResultatStore<i64> {
        self.ecrire(|tx, b| inserer_evenement(tx, personne_id, e, b, &horodatage()))
    }
}

/// Creates a new base whole: keyed, in WAL, with its schema, under a private temporary name
/// next to it, then linked into place in one step. Several desks creating the same base at
/// once thus never see a half-made file: the first link wins, the others open it.
fn creer_base(o: &Ouverture) -> ResultatStore<()> {
    let nom = o
        .chemin
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let instant = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let provisoire = o
        .chemin
        .with_file_name(format!(".{nom}.creation-{}-{instant}", std::process::id()));
    let fichier = |erreur| ErreurStore::Fichier {
        chemin: o.chemin.clone(),
        erreur,
    };
    // Readable by its owner only (SQLite gives the WAL and shared-memory files the database
    // file's permissions).
    crate::fichiers::creer_prive(&provisoire, crate::fichiers::SiExiste::Refuser)
        .map_err(fichier)?;
    let faite = Store::ouvrir_fichier(
        &Ouverture {
            chemin: provisoire.clone(),
            ..o.clone()
        },
        true,
    )
    .map(drop);
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

/// How long a desk waits for another one's write before giving up.
const ATTENTE_VERROU: std::time::Duration = std::time::Duration::from_secs(10);

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

/// Writes one line of the audit journal (who did what, when).
pub fn journaliser(
    tx: &Transaction,
    benevole: &str,
    action: &str,
    reference: Option<&str>,
    detail: &str,
) -> ResultatStore<()> {
    tx.execute(
        "INSERT INTO journal (quand, benevole, action, reference, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![horodatage(), benevole, action, reference, detail],
    )?;
    Ok(())
}

fn texte_recherche(p: &Personne) -> String {
    replier(&format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}",
        p.nom,
        p.prenom.as_deref().unwrap_or(""),
        p.reference,
        p.telephone.as_deref().unwrap_or("")
    ))
}

/// One named SQL value of a person row.
type ValeurNommee<'a> = (&'static str, Box<dyn ToSql + 'a>);

/// The person's column values, named once for both the INSERT and the UPDATE
/// (`benevole` and `maintenant` fill the author and time columns).
fn valeurs_personne<'a>(
    p: &'a Personne,
    benevole: &'a str,
    maintenant: String,
) -> Vec<ValeurNommee<'a>> {
    vec![
        (":reference", Box::new(&p.reference)),
        (":nom", Box::new(&p.nom)),
        (":prenom", Box::new(&p.prenom)),
        (":telephone", Box::new(&p.telephone)),
        (":departement", Box::new(p.departement.code())),
        (":demarche", Box::new(p.demarche.code())),
        (":blocage", Box::new(p.blocage.code())),
        (":ouvert_le", Box::new(date_iso(p.ouvert_le))),
        (
            ":titre_expire_le",
            Box::new(p.titre_expire_le.map(date_iso)),
        ),
        (":api_expire_le", Box::new(p.api_expire_le.map(date_iso))),
        (
            ":pan_connu",
            Box::new(p.pan_connu.map(|v| oui_non(Some(v)))),
        ),
        (":notes", Box::new(&p.notes)),
        (":captures", Box::new(p.captures)),
        (":recherche", Box::new(texte_recherche(p))),
        (":benevole", Box::new(benevole)),
        (":maintenant", Box::new(maintenant)),
    ]
}

/// Borrows named values in the shape rusqlite's `execute` takes.
fn parametres_nommes<'v>(valeurs: &'v [ValeurNommee<'_>]) -> Vec<(&'static str, &'v dyn ToSql)> {
    valeurs
        .iter()
        .map(|(nom, v)| (*nom, v.as_ref() as &dyn ToSql))
        .collect()
}

/// Inserts a person inside an open transaction; returns its id.
pub fn inserer_personne(tx: &Transaction, p: &Personne, benevole: &str) -> ResultatStore<i64> {
    let existe: Option<i64> = tx
        .query_row(
            "SELECT id FROM personnes WHERE reference = ?1",
            [&p.reference],
            |r| r.get(0),
        )
        .optional()?;
    if existe.is_some() {
        return Err(ErreurStore::ReferenceExistante(p.reference.clone()));
    }
    let maintenant = horodatage();
    let mut st = tx.prepare_cached(
        "INSERT INTO personnes (reference, nom, prenom, telephone, departement, demarche, blocage, \
         ouvert_le, titre_expire_le, api_expire_le, pan_connu, notes, captures, version, recherche, \
         cree_par, cree_le, modifie_par, modifie_le) \
         VALUES (:reference, :nom, :prenom, :telephone, :departement, :demarche, :blocage, \
         :ouvert_le, :titre_expire_le, :api_expire_le, :pan_connu, :notes, :captures, 1, \
         :recherche, :benevole, :maintenant, :benevole, :maintenant)",
    )?;
    let valeurs = valeurs_personne(p, benevole, maintenant);
    st.execute(parametres_nommes(&valeurs).as_slice())?;
    let id = tx.last_insert_rowid();
    journaliser(tx, benevole, "creation_personne", Some(&p.reference), "")?;
    Ok(id)
}

/// Updates a person inside an open transaction, checking its version; returns the new version.
pub fn mettre_a_jour_personne(
    tx: &Transaction,
    p: &Personne,
    benevole: &str,
) -> ResultatStore<i64> {
    let id = p.id.ok_or(ErreurStore::Introuvable)?;
    let autre: Option<i64> = tx
        .query_row(
            "SELECT id FROM personnes WHERE reference = ?1 AND id <> ?2",
            params![p.reference, id],
            |r| r.get(0),
        )
        .optional()?;
    if autre.is_some() {
        return Err(ErreurStore::ReferenceExistante(p.reference.clone()));
    }
    let mut valeurs = valeurs_personne(p, benevole, horodatage());
    valeurs.push((":id", Box::new(id)));
    valeurs.push((":version", Box::new(p.version)));
    let n = tx.execute(
        "UPDATE personnes SET reference = :reference, nom = :nom, prenom = :prenom, \
         telephone = :telephone, departement = :departement, demarche = :demarche, \
         blocage = :blocage, ouvert_le = :ouvert_le, titre_expire_le = :titre_expire_le, \
         api_expire_le = :api_expire_le, pan_connu = :pan_connu, notes = :notes, \
         captures = :captures, recherche = :recherche, version = version + 1, \
         modifie_par = :benevole, modifie_le = :maintenant WHERE id = :id AND version = :version",
        parametres_nommes(&valeurs).as_slice(),
    )?;
    if n == 0 {
        let actuelle = tx
            .query_row(
                &format!("SELECT {COLONNES_PERSONNE} FROM personnes WHERE id = ?1"),
                [id],
                ligne_personne,
            )
            .optional()?;
        return Err(match actuelle {
            Some(a) => ErreurStore::Conflit {
                actuelle: Box::new(a),
            },
            None => ErreurStore::Introuvable,
        });
    }
    journaliser(
        tx,
        benevole,
        "modification_personne",
        Some(&p.reference),
        "",
    )?;
    Ok(p.version + 1)
}

/// Inserts an event inside an open transaction; returns its id.
pub fn inserer_evenement(
    tx: &Transaction,
    personne_id: i64,
    e: &Evenement,
    benevole: &str,
    saisi_le: &str,
) -> ResultatStore<i64> {
    let mut st = tx.prepare_cached(
        "INSERT INTO evenements (personne_id, date, type, canal, resultat, echeance, ticket, \
         attente_minutes, notes, saisi_par, saisi_le) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    st.execute(params![
        personne_id,
        date_iso(e.date),
        e.type_evenement.code(),
        e.canal.map(|c| c.code()),
        e.resultat.map(|r| r.code()),
        e.echeance.map(date_iso),
        e.ticket,
        e.attente_minutes,
        e.notes,
        benevole,
        saisi_le,
    ])?;
    Ok(tx.last_insert_rowid())
}

pub const COLONNES_PERSONNE: &str = "id, reference, nom, prenom, telephone, departement, demarche, \
     blocage, ouvert_le, titre_expire_le, api_expire_le, pan_connu, notes, captures, version";

pub const COLONNES_EVENEMENT: &str = "id, date, type, canal, resultat, echeance, ticket, \
     attente_minutes, notes, saisi_par, saisi_le";

fn conversion(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn date_col(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    parse_date(&s).map_err(|e| conversion(i, e))
}

fn date_opt_col(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| parse_date(&s).map_err(|e| conversion(i, e)))
        .transpose()
}

/// Maps a row of `COLONNES_PERSONNE`.
pub fn ligne_personne(r: &Row) -> rusqlite::Result<Personne> {
    let dep: String = r.get(5)?;
    let demarche: String = r.get(6)?;
    let blocage: String = r.get(7)?;
    let pan: Option<String> = r.get(11)?;
    Ok(Personne {
        id: Some(r.get(0)?),
        reference: r.get(1)?,
        nom: r.get(2)?,
        prenom: r.get(3)?,
        telephone: r.get(4)?,
        departement: Departement::depuis_code(&dep).map_err(|e| conversion(5, e))?,
        demarche: Demarche::depuis_code(&demarche).map_err(|e| conversion(6, e))?,
        blocage: Blocage::depuis_code(&blocage).map_err(|e| conversion(7, e))?,
        ouvert_le: date_col(r, 8)?,
        titre_expire_le: date_opt_col(r, 9)?,
        api_expire_le: date_opt_col(r, 10)?,
        pan_connu: pan.as_deref().map(|s| s == "oui"),
        notes: r.get(12)?,
        captures: r.get(13)?,
        version: r.get(14)?,
    })
}

/// Maps a row of `COLONNES_EVENEMENT`.
pub fn ligne_evenement(r: &Row) -> rusqlite::Result<Evenement> {
    ligne_evenement_depuis(r, 0)
}

/// Maps `COLONNES_EVENEMENT` starting at column `o`.
pub fn ligne_evenement_depuis(r: &Row, o: usize) -> rusqlite::Result<Evenement> {
    let t: String = r.get(o + 2)?;
    let canal: Option<String> = r.get(o + 3)?;
    let resultat: Option<String> = r.get(o + 4)?;
    Ok(Evenement {
        id: Some(r.get(o)?),
        date: date_col(r, o + 1)?,
        type_evenement: TypeEvenement::depuis_code(&t).map_err(|e| conversion(o + 2, e))?,
        canal: canal
            .map(|c| Canal::depuis_code(&c).map_err(|e| conversion(o + 3, e)))
            .transpose()?,
        resultat: resultat
            .map(|c| Resultat::depuis_code(&c).map_err(|e| conversion(o + 4, e)))
            .transpose()?,
        echeance: date_opt_col(r, o + 5)?,
        ticket: r.get(o + 6)?,
        attente_minutes: r.get(o + 7)?,
        notes: r.get(o + 8)?,
        saisi_par: r.get(o + 9)?,
        saisi_le: r.get(o + 10)?,
    })
}
