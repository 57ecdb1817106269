//! The search index: every person's folded search key (`domain::recherche::cle`, stored in
//! `personnes.recherche`) held in memory, in name order, so that a keystroke scans a few
//! megabytes instead of decrypting the table row by row. It is rebuilt when the base changed
//! (another desk's commit moves `PRAGMA data_version`, this connection's own writes move
//! `total_changes`), and keys left empty by a migration are recomputed once, in Rust, after
//! the migrations (SQL cannot fold as the domain does).

use super::lignes::{self, COLONNES_PERSONNE};
use super::{ResultatStore, Store};
use crate::domain::Personne;
use crate::domain::recherche::{FIN_DU_NOM, Requete, cle, plier};
use rusqlite::{Connection, params};

/// One person in the index.
struct Entree {
    id: i64,
    cle: Box<str>,
    /// Length in bytes of the folded name at the start of `cle`.
    nom: u32,
}

/// The index and the state of the base it was built from.
pub(super) struct IndexRecherche {
    marque: (i64, u64),
    entrees: Vec<Entree>,
}

fn marque(conn: &Connection) -> ResultatStore<(i64, u64)> {
    let v: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((v, conn.total_changes()))
}

/// A person row as read for the index: name, first name, reference, id, key.
type Lue = (String, Option<String>, String, i64, String);

fn construire(conn: &Connection) -> ResultatStore<IndexRecherche> {
    let marque = marque(conn)?;
    // One pass over the table in storage order, sorted here: walking the name index would
    // read (and decrypt) the rows at random.
    let mut st = conn.prepare("SELECT id, nom, prenom, reference, recherche FROM personnes")?;
    let mut lignes = st.query([])?;
    let mut lues: Vec<Lue> = Vec::new();
    while let Some(l) = lignes.next()? {
        lues.push((l.get(1)?, l.get(2)?, l.get(3)?, l.get(0)?, l.get(4)?));
    }
    // SQLite's BINARY order of (nom, prenom, reference), NULL first.
    lues.sort_unstable_by(|a, b| (&a.0, &a.1, &a.2).cmp(&(&b.0, &b.1, &b.2)));
    let entrees = lues
        .into_iter()
        .map(|(_, _, _, id, cle)| Entree {
            id,
            nom: cle.find(FIN_DU_NOM).unwrap_or(cle.len()) as u32,
            cle: cle.into_boxed_str(),
        })
        .collect();
    Ok(IndexRecherche { marque, entrees })
}

impl Store {
    /// People whose name and first name (in either order), reference (dash or not) or phone
    /// (typed any way) match `requete`, diacritics, case, apostrophes and hyphens ignored
    /// (`domain::recherche`); at most `limite`. Those with a word of the name starting with
    /// what was typed come first, then a word of the first name or reference, then the rest,
    /// each group by name.
    pub fn chercher(&self, requete: &str, limite: usize) -> ResultatStore<Vec<Personne>> {
        let q = Requete::nouvelle(requete);
        if q.est_vide() || limite == 0 {
            return Ok(Vec::new());
        }
        let ids = self.lire(|| -> ResultatStore<Vec<i64>> {
            let conn = self.connexion();
            let actuelle = marque(conn)?;
            let mut index = self.index_recherche.borrow_mut();
            if index.as_ref().is_none_or(|i| i.marque != actuelle) {
                *index = Some(construire(conn)?);
            }
            let Some(index) = index.as_ref() else {
                return Ok(Vec::new());
            };
            Ok(trouver(index, &q, limite))
        })?;
        let mut st = self.connexion().prepare_cached(&format!(
            "SELECT {COLONNES_PERSONNE} FROM personnes WHERE id = ?1"
        ))?;
        let mut v = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(p) = st.query_map([id], lignes::personne)?.next().transpose()? {
                v.push(p);
            }
        }
        Ok(v)
    }
}

/// Why an existing file may be the same person as a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RaisonDoublon {
    /// The same name and first name (folded) and the same date of birth.
    NomEtNaissance,
    /// The same phone number (its national digits).
    Telephone,
}

impl Store {
    /// Existing files that may be the person about to be created (`p`, not yet stored): the
    /// same name and first name with the same date of birth, or the same phone. At most 5,
    /// by name.
    pub fn doublons_possibles(
        &self,
        p: &Personne,
    ) -> ResultatStore<Vec<(Personne, RaisonDoublon)>> {
        // The start of a stored key: the folded name, first name, then a space.
        let mut nom = plier(&p.nom);
        nom.push(FIN_DU_NOM);
        let prenom = plier(p.prenom.as_deref().unwrap_or(""));
        if !prenom.is_empty() {
            nom.push_str(&prenom);
            nom.push(' ');
        }
        let tel = p
            .telephone
            .as_deref()
            .map(crate::domain::recherche::chiffres_telephone)
            .filter(|t| t.len() >= 6)
            .map(|t| format!(" {t}"));
        let candidats = self.lire(|| -> ResultatStore<Vec<(i64, RaisonDoublon)>> {
            let conn = self.connexion();
            let actuelle = marque(conn)?;
            let mut index = self.index_recherche.borrow_mut();
            if index.as_ref().is_none_or(|i| i.marque != actuelle) {
                *index = Some(construire(conn)?);
            }
            let Some(index) = index.as_ref() else {
                return Ok(Vec::new());
            };
            Ok(index
                .entrees
                .iter()
                .filter_map(|e| {
                    if tel.as_deref().is_some_and(|t| e.cle.ends_with(t)) {
                        Some((e.id, RaisonDoublon::Telephone))
                    } else if p.identite.date_naissance.is_some() && e.cle.starts_with(&nom) {
                        Some((e.id, RaisonDoublon::NomEtNaissance))
                    } else {
                        None
                    }
                })
                .take(50)
                .collect())
        })?;
        let mut v = Vec::new();
        for (id, raison) in candidats {
            let Some(autre) = self.personne(id)? else {
                continue;
            };
            let retenu = match raison {
                RaisonDoublon::Telephone => true,
                RaisonDoublon::NomEtNaissance => {
                    autre.identite.date_naissance == p.identite.date_naissance
                }
            };
            if retenu && v.len() < 5 {
                v.push((autre, raison));
            }
        }
        Ok(v)
    }
}

/// The ids of the best `limite` matches, in rank then name order.
fn trouver(index: &IndexRecherche, q: &Requete, limite: usize) -> Vec<i64> {
    let mut groupes: [Vec<i64>; 3] = Default::default();
    for e in &index.entrees {
        if !q.correspond(&e.cle) {
            continue;
        }
        let (nom, reste) = e.cle.split_at((e.nom as usize).min(e.cle.len()));
        // A phone typed is not ranked: the first matches by name are the answer.
        let rang = if q.telephone {
            1
        } else if q.commence_un_mot_plie(nom) {
            0
        } else if q.commence_un_mot_plie(reste) {
            1
        } else {
            2
        };
        let g = &mut groupes[rang];
        if g.len() < limite {
            g.push(e.id);
        }
        if groupes[0].len() >= limite || (q.telephone && groupes[1].len() >= limite) {
            break;
        }
    }
    groupes.into_iter().flatten().take(limite).collect()
}

/// Recomputes the search keys left empty (a migration empties them when the folding
/// changes), inside the migration's transaction.
pub(super) fn completer_cles(tx: &Connection) -> ResultatStore<()> {
    let mut st = tx.prepare(
        "SELECT id, nom, prenom, reference, telephone FROM personnes WHERE recherche = ''",
    )?;
    let manquantes = st
        .query_map([], |r| {
            let nom: String = r.get(1)?;
            let prenom: Option<String> = r.get(2)?;
            let reference: String = r.get(3)?;
            let tel: Option<String> = r.get(4)?;
            Ok((
                r.get::<_, i64>(0)?,
                cle(&nom, prenom.as_deref(), &reference, tel.as_deref()),
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut maj = tx.prepare("UPDATE personnes SET recherche = ?1 WHERE id = ?2")?;
    for (id, k) in manquantes {
        maj.execute(params![k, id])?;
    }
    Ok(())
}
