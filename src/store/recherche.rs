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
    /// The index's order: name, first name (none first), reference, `\0`-separated (no
    /// stored text holds a control character).
    tri: Box<str>,
    cle: Box<str>,
    /// Length in bytes of the folded name at the start of `cle`.
    nom: u32,
}

/// The index and the state of the base it was built from: the connection's marks (another
/// desk's commit moves `data_version`, this connection's writes `total_changes`) and the
/// change log's number it integrates. Built in slices of people by id (`apres`: the last id
/// read while the build is under way), so the interface can build it between keys.
pub(super) struct IndexRecherche {
    marque: Option<(i64, u64)>,
    changement: i64,
    entrees: Vec<Entree>,
    apres: Option<i64>,
}

fn marque(conn: &Connection) -> ResultatStore<(i64, u64)> {
    let v: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
    Ok((v, conn.total_changes()))
}

fn entree(r: &rusqlite::Row) -> rusqlite::Result<Entree> {
    let (id, nom, prenom, reference, cle): (i64, String, Option<String>, String, String) =
        (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
    let prenom = match prenom {
        None => "\0".to_string(),
        Some(p) => format!("\u{1}{p}"),
    };
    Ok(Entree {
        id,
        tri: format!("{nom}\0{prenom}\0{reference}").into_boxed_str(),
        nom: cle.find(FIN_DU_NOM).unwrap_or(cle.len()) as u32,
        cle: cle.into_boxed_str(),
    })
}

const COLONNES_INDEX: &str = "id, nom, prenom, reference, recherche";

/// People per slice of the build (one short read each).
const TRANCHE_INDEX: usize = 5_000;

impl IndexRecherche {
    fn commencer(changement: i64) -> IndexRecherche {
        IndexRecherche {
            marque: None,
            changement,
            entrees: Vec::new(),
            apres: Some(i64::MIN),
        }
    }

    /// Reads the next `combien` people; returns whether the build is over. Its marks stay
    /// unset: the first use brings it up to date from the change log (people changed while
    /// it was being built included).
    fn avancer(&mut self, conn: &Connection, combien: usize) -> ResultatStore<bool> {
        let Some(apres) = self.apres else {
            return Ok(true);
        };
        // One pass over the table in storage order, sorted at the end: walking the name
        // index would read (and decrypt) the rows at random.
        let mut st = conn.prepare_cached(&format!(
            "SELECT {COLONNES_INDEX} FROM personnes WHERE id > ?1 ORDER BY id LIMIT ?2"
        ))?;
        let avant = self.entrees.len();
        for e in st.query_map(params![apres, combien as i64], entree)? {
            self.entrees.push(e?);
        }
        self.apres = self.entrees[avant..].last().map(|e| e.id);
        if self.apres.is_none() {
            // SQLite's BINARY order of (nom, prenom, reference), NULL first.
            self.entrees.sort_unstable_by(|a, b| a.tri.cmp(&b.tri));
            self.entrees.shrink_to_fit();
            return Ok(true);
        }
        Ok(false)
    }
}

impl Store {
    /// Builds the search index one slice further (the interface calls it between keys after
    /// the list is loaded, so the first search does not build it); returns whether it is
    /// ready.
    pub fn preparer_recherche(&self) -> ResultatStore<bool> {
        self.lire(|| {
            let mut index = self.index_recherche.borrow_mut();
            if index.is_none() {
                *index = Some(IndexRecherche::commencer(self.dernier_changement()?));
            }
            match index.as_mut() {
                Some(i) => i.avancer(self.connexion(), TRANCHE_INDEX),
                None => Ok(true),
            }
        })
    }

    /// Brings the in-memory index up to date: built at the first search (or ahead, by
    /// `preparer_recherche`), then patched from the change log (only the people changed are
    /// read again), built again when everyone changed (an import, another file).
    fn actualiser_index(&self, index: &mut Option<IndexRecherche>) -> ResultatStore<()> {
        let conn = self.connexion();
        let actuelle = marque(conn)?;
        if let Some(i) = index.as_ref()
            && i.marque == Some(actuelle)
        {
            return Ok(());
        }
        let (changements, dernier) = match index.as_ref() {
            Some(i) => self.changements_depuis(i.changement)?,
            None => (super::Changements::Tout, self.dernier_changement()?),
        };
        let (super::Changements::Personnes(ids), Some(i)) = (changements, index.as_mut()) else {
            let mut neuf = IndexRecherche::commencer(dernier);
            while !neuf.avancer(conn, usize::MAX / 2)? {}
            neuf.marque = Some(actuelle);
            *index = Some(neuf);
            return Ok(());
        };
        // A build left half-way ends now.
        while !i.avancer(conn, usize::MAX / 2)? {}
        i.marque = Some(actuelle);
        i.changement = dernier;
        let changes: std::collections::HashSet<i64> = ids.iter().copied().collect();
        i.entrees.retain(|e| !changes.contains(&e.id));
        let mut st = conn.prepare_cached(&format!(
            "SELECT {COLONNES_INDEX} FROM personnes WHERE id = ?1"
        ))?;
        for id in ids {
            if let Some(e) = st.query_map([id], entree)?.next().transpose()? {
                let place = i.entrees.partition_point(|x| x.tri < e.tri);
                i.entrees.insert(place, e);
            }
        }
        Ok(())
    }

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
            let mut index = self.index_recherche.borrow_mut();
            self.actualiser_index(&mut index)?;
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
            let mut index = self.index_recherche.borrow_mut();
            self.actualiser_index(&mut index)?;
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

#[cfg(test)]
mod tests {
    use crate::domain::Personne;
    use crate::store::Store;

    fn ouvrir(chemin: &std::path::Path) -> Store {
        crate::store::base_en_clair(chemin)
    }

    fn personne(reference: &str, nom: &str, prenom: Option<&str>) -> Personne {
        let mut p = crate::domain::essais::personne(reference, nom, "75");
        p.prenom = prenom.map(Into::into);
        p
    }

    /// The index patched from the change log answers as one built afresh, after this
    /// desk's and another desk's writes (new people, a rename, an erasure).
    #[test]
    fn the_patched_index_answers_as_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let chemin = dir.path().join("r.db");
        let mut s = ouvrir(&chemin);
        let mut autre = ouvrir(&chemin);
        let noms = ["MARTIN", "MARTINEZ", "DIALLO", "NGUYEN", "MARTIN", "DURAND"];
        for (i, n) in noms.iter().enumerate() {
            let prenom = (i % 2 == 0).then_some("Awa");
            s.creer_personne(&personne(&format!("R-{i}"), n, prenom))
                .unwrap();
        }
        let requetes = ["mart", "awa", "ngu", "r-3", "zoe", "dur"];
        let reponses = |s: &Store| -> Vec<Vec<String>> {
            requetes
                .iter()
                .map(|q| {
                    s.chercher(q, 100)
                        .unwrap()
                        .into_iter()
                        .map(|p| p.reference)
                        .collect()
                })
                .collect()
        };
        let _ = reponses(&s);
        // Another desk adds two people and renames one; this desk erases one.
        autre
            .creer_personne(&personne("R-10", "MARTINI", Some("Zoé")))
            .unwrap();
        autre
            .creer_personne(&personne("R-11", "AARON", None))
            .unwrap();
        let mut p = autre.personne_par_reference("R-2").unwrap().unwrap();
        p.nom = "MARTIAL".into();
        autre.modifier_personne(&p).unwrap();
        s.ecrire(|tx, _| tx.effacer_personne("R-4")).unwrap();
        let patche = reponses(&s);
        let neuf = reponses(&ouvrir(&chemin));
        assert_eq!(patche, neuf);
        assert!(
            patche[0].contains(&"R-2".to_string()),
            "the rename is found"
        );
        assert!(
            !patche[0].contains(&"R-4".to_string()),
            "the erased is gone"
        );
        assert_eq!(patche[4], vec!["R-10".to_string()]);
    }
}
