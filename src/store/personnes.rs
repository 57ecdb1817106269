//! People: reads, search, and the writes of one person (attribution and journal included).

use super::journal::{horodatage, journaliser};
use super::lignes::{self, COLONNES_PERSONNE};
use super::{Ecriture, ErreurStore, ResultatStore, Store};
use crate::domain::{Personne, date_iso, oui_non};
use rusqlite::{Connection, OptionalExtension, ToSql, params};

/// A person with the attribution columns the database keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub cree_par: String,
    pub cree_le: String,
    pub modifie_par: String,
    pub modifie_le: String,
}

impl Store {
    pub fn personne(&self, id: i64) -> ResultatStore<Option<Personne>> {
        personne_par_id(self.connexion(), id)
    }

    pub fn personne_par_reference(&self, reference: &str) -> ResultatStore<Option<Personne>> {
        Ok(self
            .connexion()
            .query_row(
                &format!("SELECT {COLONNES_PERSONNE} FROM personnes WHERE reference = ?1"),
                [reference],
                lignes::personne,
            )
            .optional()?)
    }

    /// Every person, ordered by reference.
    pub fn personnes(&self) -> ResultatStore<Vec<Personne>> {
        let mut st = self.connexion().prepare_cached(&format!(
            "SELECT {COLONNES_PERSONNE} FROM personnes ORDER BY reference"
        ))?;
        let v = st
            .query_map([], lignes::personne)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(v)
    }

    /// Who created and last changed a person.
    pub fn trace(&self, id: i64) -> ResultatStore<Option<Trace>> {
        Ok(self
            .connexion()
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

    pub fn nombre_personnes(&self) -> ResultatStore<i64> {
        nombre_personnes(self.connexion())
    }

    /// Creates a person; returns its id.
    pub fn creer_personne(&mut self, p: &Personne) -> ResultatStore<i64> {
        self.ecrire(|tx, b| inserer_personne(tx, p, b))
    }

    /// Creates a person under the next free `AAAA-NNNN` reference of `annee`, chosen inside
    /// the write transaction (two desks creating at once never share one); returns its id
    /// and the reference given.
    pub fn creer_personne_numerotee(
        &mut self,
        p: &Personne,
        annee: i32,
    ) -> ResultatStore<(i64, String)> {
        self.ecrire(|tx, b| {
            let reference = prochaine_reference(tx.tx(), annee)?;
            let p = Personne {
                reference: reference.clone(),
                ..p.clone()
            };
            Ok((inserer_personne(tx, &p, b)?, reference))
        })
    }

    /// The next free `AAAA-NNNN` reference of `annee` at this moment (a suggestion: the
    /// creation allocates again under the write lock).
    pub fn prochaine_reference(&self, annee: i32) -> ResultatStore<String> {
        prochaine_reference(self.connexion(), annee)
    }

    /// Saves a changed person if nobody changed it since it was loaded (same `version`);
    /// otherwise returns `Conflit` with the stored version, and writes nothing.
    pub fn modifier_personne(&mut self, p: &Personne) -> ResultatStore<i64> {
        self.ecrire(|tx, b| mettre_a_jour_personne(tx, p, b))
    }
}

impl Ecriture<'_> {
    /// How many people the base holds, inside the transaction.
    pub fn nombre_personnes(&self) -> ResultatStore<i64> {
        nombre_personnes(self.tx())
    }

    /// The id of every person by reference, inside the transaction.
    pub fn ids_par_reference(&self) -> ResultatStore<std::collections::HashMap<String, i64>> {
        let mut st = self
            .tx()
            .prepare_cached("SELECT reference, id FROM personnes")?;
        let mut lignes = st.query([])?;
        let mut ids = std::collections::HashMap::new();
        while let Some(l) = lignes.next()? {
            ids.insert(l.get(0)?, l.get(1)?);
        }
        Ok(ids)
    }

    /// The id of the person with this reference other than `sauf` (any person when `None`).
    pub(in crate::store) fn autre_avec_reference(
        &self,
        reference: &str,
        sauf: Option<i64>,
    ) -> ResultatStore<Option<i64>> {
        // Cached: an import checks every person it adds.
        Ok(self
            .tx()
            .prepare_cached("SELECT id FROM personnes WHERE reference = ?1 AND id IS NOT ?2")?
            .query_row(params![reference, sauf], |r| r.get(0))
            .optional()?)
    }
}

fn personne_par_id(conn: &Connection, id: i64) -> ResultatStore<Option<Personne>> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLONNES_PERSONNE} FROM personnes WHERE id = ?1"),
            [id],
            lignes::personne,
        )
        .optional()?)
}

/// `AAAA-` then the highest number used that year plus one, at least four digits, read by a
/// range over the reference index (only that year's references are visited).
fn prochaine_reference(conn: &Connection, annee: i32) -> ResultatStore<String> {
    let prefixe = format!("{annee:04}-");
    let fin = format!("{annee:04}.");
    let mut st = conn.prepare_cached(
        "SELECT reference FROM personnes WHERE reference >= ?1 AND reference < ?2 \
         AND reference GLOB ?3",
    )?;
    let mut lignes = st.query(params![prefixe, fin, format!("{prefixe}[0-9]*")])?;
    let mut max: u64 = 0;
    while let Some(l) = lignes.next()? {
        let r: String = l.get(0)?;
        if let Some(n) = r
            .strip_prefix(&prefixe)
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|n| n.parse::<u64>().ok())
        {
            max = max.max(n);
        }
    }
    Ok(format!("{prefixe}{:04}", max + 1))
}

fn nombre_personnes(conn: &Connection) -> ResultatStore<i64> {
    Ok(conn.query_row("SELECT count(*) FROM personnes", [], |r| r.get(0))?)
}

fn texte_recherche(p: &Personne) -> String {
    crate::domain::recherche::cle(
        &p.nom,
        p.prenom.as_deref(),
        &p.reference,
        p.telephone.as_deref(),
    )
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
        (
            ":date_naissance",
            Box::new(p.identite.date_naissance.map(date_iso)),
        ),
        (":nationalite", Box::new(&p.identite.nationalite)),
        (":numero_etranger", Box::new(&p.identite.numero_etranger)),
        (":adresse", Box::new(&p.identite.adresse)),
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
pub fn inserer_personne(tx: &Ecriture, p: &Personne, benevole: &str) -> ResultatStore<i64> {
    if tx.autre_avec_reference(&p.reference, None)?.is_some() {
        return Err(ErreurStore::ReferenceExistante(p.reference.clone()));
    }
    let maintenant = horodatage();
    let mut st = tx.tx().prepare_cached(
        "INSERT INTO personnes (reference, nom, prenom, telephone, departement, demarche, blocage, \
         ouvert_le, titre_expire_le, api_expire_le, pan_connu, notes, captures, version, recherche, \
         cree_par, cree_le, modifie_par, modifie_le, date_naissance, nationalite, \
         numero_etranger, adresse) \
         VALUES (:reference, :nom, :prenom, :telephone, :departement, :demarche, :blocage, \
         :ouvert_le, :titre_expire_le, :api_expire_le, :pan_connu, :notes, :captures, 1, \
         :recherche, :benevole, :maintenant, :benevole, :maintenant, :date_naissance, \
         :nationalite, :numero_etranger, :adresse)",
    )?;
    let valeurs = valeurs_personne(p, benevole, maintenant);
    st.execute(parametres_nommes(&valeurs).as_slice())?;
    let id = tx.tx().last_insert_rowid();
    journaliser(tx, benevole, "creation_personne", Some(&p.reference), "")?;
    Ok(id)
}

/// Updates a person inside an open transaction, checking its version; returns the new version.
pub fn mettre_a_jour_personne(tx: &Ecriture, p: &Personne, benevole: &str) -> ResultatStore<i64> {
    let id = p.id.ok_or(ErreurStore::Introuvable)?;
    // An erased or anonymized person is never written again (a stale form would bring the
    // name, phone and notes back).
    match personne_par_id(tx.tx(), id)? {
        None => return Err(ErreurStore::Introuvable),
        Some(a) if super::est_anonymisee(&a.nom, &a.reference) => {
            return Err(ErreurStore::Anonymisee);
        }
        Some(_) => {}
    }
    if tx.autre_avec_reference(&p.reference, Some(id))?.is_some() {
        return Err(ErreurStore::ReferenceExistante(p.reference.clone()));
    }
    let mut valeurs = valeurs_personne(p, benevole, horodatage());
    valeurs.push((":id", Box::new(id)));
    valeurs.push((":version", Box::new(p.version)));
    let n = tx.tx().execute(
        "UPDATE personnes SET reference = :reference, nom = :nom, prenom = :prenom, \
         telephone = :telephone, departement = :departement, demarche = :demarche, \
         blocage = :blocage, ouvert_le = :ouvert_le, titre_expire_le = :titre_expire_le, \
         api_expire_le = :api_expire_le, pan_connu = :pan_connu, notes = :notes, \
         captures = :captures, date_naissance = :date_naissance, nationalite = :nationalite, \
         numero_etranger = :numero_etranger, adresse = :adresse, \
         recherche = :recherche, version = version + 1, \
         modifie_par = :benevole, modifie_le = :maintenant WHERE id = :id AND version = :version",
        parametres_nommes(&valeurs).as_slice(),
    )?;
    if n == 0 {
        return Err(match personne_par_id(tx.tx(), id)? {
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
