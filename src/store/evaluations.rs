//! The evaluations kept until their horizon (migration 9): `vigie aujourdhui` reads the
//! rows of the day's list from here, and evaluates again only the people changed since the
//! rows were complete or whose row is due (`jour::liste_du_jour`). The store keeps opaque
//! rows; `jour/gardees.rs` says what is in them. A change logged for a person erases their
//! row in the same transaction (the trigger of migration 9), so a row read is always
//! computed from the person as they are.

use super::{Changements, ResultatStore, Store};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

/// The horizon written for an evaluation that holds for ever (a closed file).
const JAMAIS: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// A kept row that holds on the day asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationGardee<'a> {
    pub personne_id: i64,
    /// The day it was computed for (its day counts are that day's).
    pub calculee_le: NaiveDate,
    pub ligne: &'a [u8],
}

/// A row to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationNouvelle {
    pub personne_id: i64,
    pub jusqua: NaiveDate,
    pub du_jour: bool,
    pub ligne: Vec<u8>,
}

/// What to evaluate again on a day, from the rows kept under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AReevaluer {
    /// Everyone: no complete set of rows under this key (first run, other rules, a bulk
    /// write, a change log pruned past the mark, rows computed for a later day).
    Tous,
    /// These people (ascending, each once): changed since the rows were complete, or whose
    /// row is due.
    Personnes(Vec<i64>),
}

impl Store {
    /// Who must be evaluated again on `jour` for the rows kept under `cle` to give the list.
    pub fn a_reevaluer(&self, cle: &str, jour: NaiveDate) -> ResultatStore<AReevaluer> {
        self.lire(|| {
            let conn = self.connexion();
            let marque: Option<(i64, String)> = conn
                .query_row(
                    "SELECT complet_a, calculee_au_plus_tard FROM evaluations_completes \
                     WHERE cle = ?1",
                    [cle],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((complet_a, au_plus_tard)) = marque else {
                return Ok(AReevaluer::Tous);
            };
            let jour = crate::domain::date_iso(jour);
            if au_plus_tard > jour {
                return Ok(AReevaluer::Tous);
            }
            let Changements::Personnes(mut ids) = self.changements_depuis(complet_a)?.0 else {
                return Ok(AReevaluer::Tous);
            };
            let mut st = conn.prepare_cached(
                "SELECT personne_id FROM evaluations WHERE cle = ?1 AND jusqua <= ?2",
            )?;
            for id in st.query_map(params![cle, jour], |r| r.get::<_, i64>(0))? {
                ids.push(id?);
            }
            ids.sort_unstable();
            ids.dedup();
            Ok(AReevaluer::Personnes(ids))
        })
    }

    /// The rows kept under `cle` that hold on `jour` (only those of the day's list unless
    /// `tous`), read from consecutive pages; returns the people whose row this store cannot
    /// read (to evaluate again, as the rows `f` cannot read).
    pub fn evaluations_gardees(
        &self,
        cle: &str,
        jour: NaiveDate,
        tous: bool,
        f: &mut impl FnMut(EvaluationGardee) -> ResultatStore<()>,
    ) -> ResultatStore<Vec<i64>> {
        let jour = crate::domain::date_iso(jour);
        let mut st = self.connexion().prepare_cached(
            "SELECT personne_id, calculee_le, ligne FROM evaluations \
             WHERE cle = ?1 AND du_jour >= ?2 AND jusqua > ?3 AND calculee_le <= ?3",
        )?;
        let mut lignes = st.query(params![cle, !tous as i64, jour])?;
        let mut illisibles = Vec::new();
        while let Some(r) = lignes.next()? {
            let personne_id: i64 = r.get(0)?;
            let calculee_le = match r.get_ref(1)? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t)
                    .ok()
                    .and_then(|t| crate::domain::parse_date(t).ok()),
                _ => None,
            };
            let (Some(calculee_le), rusqlite::types::ValueRef::Blob(ligne)) =
                (calculee_le, r.get_ref(2)?)
            else {
                illisibles.push(personne_id);
                continue;
            };
            f(EvaluationGardee {
                personne_id,
                calculee_le,
                ligne,
            })?;
        }
        Ok(illisibles)
    }

    /// Keeps `lignes`, computed on `jour` from a read whose change-log number was `lu_a`,
    /// which evaluated every person `a_reevaluer` named (`tout`: everyone; the other rows
    /// are then dropped), each of them in `lignes` unless erased: the rows under `cle` are
    /// then complete as of `lu_a`. The people
    /// changed since `lu_a` are left out (their row would describe them as they were; the
    /// log names them to the next reader). Only a cache: it never waits for another desk's
    /// lock and never fails the caller; returns how many rows were written (0 when the base
    /// was busy or could not be written).
    pub fn garder_evaluations(
        &self,
        cle: &str,
        jour: NaiveDate,
        lu_a: i64,
        tout: bool,
        lignes: &[EvaluationNouvelle],
    ) -> usize {
        let conn = self.connexion();
        if !conn.is_autocommit() || conn.busy_timeout(std::time::Duration::ZERO).is_err() {
            return 0;
        }
        let ecrits = self.garder(cle, jour, lu_a, tout, lignes).unwrap_or(0);
        let _ = conn.busy_timeout(self.attente_verrou);
        ecrits
    }

    fn garder(
        &self,
        cle: &str,
        jour: NaiveDate,
        lu_a: i64,
        tout: bool,
        lignes: &[EvaluationNouvelle],
    ) -> ResultatStore<usize> {
        let conn = self.connexion();
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let resultat = (|| -> ResultatStore<usize> {
            let Changements::Personnes(changes) = self.changements_depuis(lu_a)?.0 else {
                // A bulk write since the read: every row is out of date.
                return Ok(0);
            };
            let jour = crate::domain::date_iso(jour);
            // A few rows added to a complete set: still complete, unless another key's
            // rows replaced it since the read (no change is logged for that).
            let marque: Option<i64> = conn
                .query_row(
                    "SELECT complet_a FROM evaluations_completes WHERE cle = ?1",
                    [cle],
                    |r| r.get(0),
                )
                .optional()?;
            if !tout && marque.is_none() {
                return Ok(0);
            }
            if tout {
                conn.execute_batch("DELETE FROM evaluations; DELETE FROM evaluations_completes")?;
            }
            let mut oublier =
                conn.prepare_cached("DELETE FROM evaluations WHERE personne_id = ?1")?;
            let mut st = conn.prepare_cached(
                "INSERT INTO evaluations \
                 (cle, du_jour, personne_id, calculee_le, jusqua, ligne) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut n = 0;
            for l in lignes {
                if changes.binary_search(&l.personne_id).is_ok() {
                    continue;
                }
                if !tout {
                    oublier.execute([l.personne_id])?;
                }
                st.execute(params![
                    cle,
                    l.du_jour as i64,
                    l.personne_id,
                    jour,
                    // « Never » (`NaiveDate::MAX`) as a date every ISO date sorts before.
                    crate::domain::date_iso(l.jusqua.min(JAMAIS)),
                    l.ligne
                ])?;
                n += 1;
            }
            conn.execute(
                "INSERT INTO evaluations_completes (cle, complet_a, calculee_au_plus_tard) \
                 VALUES (?1, ?2, ?3) ON CONFLICT (cle) DO UPDATE SET \
                 complet_a = excluded.complet_a, \
                 calculee_au_plus_tard = max(calculee_au_plus_tard, excluded.calculee_au_plus_tard)",
                params![cle, lu_a, jour],
            )?;
            Ok(n)
        })();
        match resultat {
            Ok(n) => {
                conn.execute_batch("COMMIT")?;
                Ok(n)
            }
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Departement, Evenement, TypeEvenement, parse_date};

    fn jour() -> NaiveDate {
        parse_date("2026-11-23").unwrap()
    }

    fn gardees(s: &Store) -> Vec<(i64, Vec<u8>)> {
        let mut v = Vec::new();
        s.evaluations_gardees("k", jour(), true, &mut |g| {
            v.push((g.personne_id, g.ligne.to_vec()));
            Ok(())
        })
        .unwrap();
        v.sort();
        v
    }

    fn rang(id: i64, texte: &str) -> EvaluationNouvelle {
        EvaluationNouvelle {
            personne_id: id,
            jusqua: NaiveDate::MAX,
            du_jour: id % 2 == 0,
            ligne: texte.as_bytes().to_vec(),
        }
    }

    /// A write to a person erases their kept row in the same transaction, a préfecture
    /// correction the rows of its département, a bulk write every row and the mark; rows
    /// added to an incomplete set are not written.
    #[test]
    fn every_write_erases_the_rows_it_concerns() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = crate::store::base_en_clair(&dir.path().join("e.db"));
        let personne = |r: &str, dep: &str| crate::domain::essais::personne(r, r, dep);
        let a = s.creer_personne(&personne("A", "75")).unwrap();
        let b = s.creer_personne(&personne("B", "75")).unwrap();
        let c = s.creer_personne(&personne("C", "69")).unwrap();
        assert_eq!(s.a_reevaluer("k", jour()).unwrap(), AReevaluer::Tous);
        let lu_a = s.dernier_changement().unwrap();
        let tous = [rang(a, "Awa"), rang(b, "Binta"), rang(c, "Chloé")];
        // Rows added to no complete set: nothing written.
        assert_eq!(s.garder_evaluations("k", jour(), lu_a, false, &tous), 0);
        assert_eq!(s.garder_evaluations("k", jour(), lu_a, true, &tous), 3);
        assert_eq!(gardees(&s).len(), 3);
        assert_eq!(
            s.a_reevaluer("k", jour()).unwrap(),
            AReevaluer::Personnes(Vec::new())
        );
        // Another key has no complete set.
        assert_eq!(s.a_reevaluer("autre", jour()).unwrap(), AReevaluer::Tous);
        let e = Evenement::nouveau(TypeEvenement::Visite, jour());
        s.ajouter_evenement(a, &e).unwrap();
        assert_eq!(
            gardees(&s).iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![b, c]
        );
        assert_eq!(
            s.a_reevaluer("k", jour()).unwrap(),
            AReevaluer::Personnes(vec![a])
        );
        let correction = crate::store::correction_d_essai(
            Departement::depuis_code("75").unwrap(),
            "oui",
            jour(),
        );
        s.ecrire(|tx, _| tx.inserer_correction(&correction))
            .unwrap();
        assert_eq!(gardees(&s), vec![(c, b"Chlo\xc3\xa9".to_vec())]);
        assert_eq!(
            s.a_reevaluer("k", jour()).unwrap(),
            AReevaluer::Personnes(vec![a, b])
        );
        // The people named evaluated again: complete again. A row due is named, and not
        // read past its horizon.
        let lu_a = s.dernier_changement().unwrap();
        let mut echue = rang(c, "Chloé");
        echue.jusqua = jour();
        let nouvelles = [rang(a, "Awa"), rang(b, "Binta"), echue];
        assert_eq!(
            s.garder_evaluations("k", jour(), lu_a, false, &nouvelles),
            3
        );
        assert_eq!(
            gardees(&s).iter().map(|g| g.0).collect::<Vec<_>>(),
            vec![a, b]
        );
        assert_eq!(
            s.a_reevaluer("k", jour()).unwrap(),
            AReevaluer::Personnes(vec![c])
        );
        s.ecrire_en_masse(|_, _| Ok(())).unwrap();
        assert_eq!(s.a_reevaluer("k", jour()).unwrap(), AReevaluer::Tous);
        let lu_a = s.dernier_changement().unwrap();
        assert_eq!(s.garder_evaluations("k", jour(), lu_a, true, &tous), 3);
        // Erasing a person erases their row: no name outlives the person's own row.
        s.ecrire(|tx, _| tx.effacer_personne("B")).unwrap();
        assert!(gardees(&s).iter().all(|g| g.0 != b));
    }
}
