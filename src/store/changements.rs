//! The change log (migration 7): every write to a person or an event appends a number and
//! the person's id; a préfecture correction, the ids of its département's people; a bulk
//! write one 0 (everyone). A screen that keeps a list
//! evaluated from the base, or a cache of it, remembers the last number it integrated and
//! later re-reads only the people changed since (`changements_depuis`), instead of
//! re-evaluating every person (issue 17). The log is pruned to its newest `GARDES` entries:
//! a reader further behind is told to reload everything.

use super::{Ecriture, ResultatStore, Store};
use rusqlite::params;

/// Entries kept in the log (a desk's year is a few thousand writes).
const GARDES: i64 = 50_000;

/// Past this many people changed, a reader reloads everything (one pass is then cheaper
/// than as many separate reads).
pub const SEUIL_PERSONNES: usize = 5_000;

/// What changed since a number of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changements {
    /// These people (ids, ascending, each once; an id no longer in the base was erased).
    Personnes(Vec<i64>),
    /// Everyone: a bulk write, a migration, a log pruned past the number given, another file
    /// put in place (a restore), or more people than `SEUIL_PERSONNES`.
    Tout,
}

impl Changements {
    pub fn est_vide(&self) -> bool {
        matches!(self, Changements::Personnes(v) if v.is_empty())
    }
}

impl Store {
    /// The newest number of the change log (0 when empty).
    pub fn dernier_changement(&self) -> ResultatStore<i64> {
        Ok(self.connexion().query_row(
            "SELECT coalesce(max(seq), 0) FROM changements",
            [],
            |r| r.get(0),
        )?)
    }

    /// What changed after number `depuis`, with the newest number, read in one snapshot.
    pub fn changements_depuis(&self, depuis: i64) -> ResultatStore<(Changements, i64)> {
        self.lire(|| {
            let conn = self.connexion();
            let (premier, dernier): (Option<i64>, Option<i64>) =
                conn.query_row("SELECT min(seq), max(seq) FROM changements", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
            let (premier, dernier) = (premier.unwrap_or(0), dernier.unwrap_or(0));
            if dernier == depuis {
                return Ok((Changements::Personnes(Vec::new()), dernier));
            }
            // Behind the log's start (pruned), or ahead of its end (another file).
            if dernier < depuis || premier > depuis + 1 {
                return Ok((Changements::Tout, dernier));
            }
            let mut st = conn.prepare(
                "SELECT DISTINCT personne_id FROM changements WHERE seq > ?1 ORDER BY 1 LIMIT ?2",
            )?;
            let ids = st
                .query_map(params![depuis, SEUIL_PERSONNES as i64 + 1], |r| {
                    r.get::<_, i64>(0)
                })?
                .collect::<Result<Vec<i64>, _>>()?;
            if ids.len() > SEUIL_PERSONNES || ids.first() == Some(&0) {
                return Ok((Changements::Tout, dernier));
            }
            Ok((Changements::Personnes(ids), dernier))
        })
    }

    /// The people written one by one on `jour` (an event recorded, whatever its date; their
    /// file created or changed), by the log's times: « seen today ». A bulk write (an import,
    /// a demo) names no one.
    pub fn ecrits_le(
        &self,
        jour: chrono::NaiveDate,
    ) -> ResultatStore<std::collections::HashSet<i64>> {
        let (du, au) = (
            crate::domain::date_iso(jour),
            crate::domain::date_iso(jour + chrono::Days::new(1)),
        );
        let mut st = self.connexion().prepare_cached(
            "SELECT DISTINCT personne_id FROM changements \
             WHERE quand >= ?1 AND quand < ?2 AND personne_id <> 0",
        )?;
        let ids = st
            .query_map(params![du, au], |r| r.get::<_, i64>(0))?
            .collect::<Result<_, _>>()?;
        Ok(ids)
    }
}

/// Keeps the log to its newest `GARDES` entries (inside each write: nothing to do most times).
pub(super) fn elaguer(tx: &Ecriture) -> ResultatStore<()> {
    tx.tx().execute(
        "DELETE FROM changements WHERE seq <= (SELECT max(seq) FROM changements) - ?1",
        [GARDES],
    )?;
    Ok(())
}

/// Suspends the log's triggers for a bulk write (inside its one transaction: no other
/// connection ever sees the base without them): they are dropped, and `reprendre` creates
/// them again from their own stored text and logs one « everyone ». A trigger fired on each
/// of a million rows cost about a second of an import (BENCHMARKS.md).
pub(super) fn suspendre(t: &rusqlite::Connection) -> ResultatStore<Vec<String>> {
    let declencheurs = t
        .prepare(
            "SELECT name, sql FROM sqlite_master \
             WHERE type = 'trigger' AND name LIKE 'changement\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    for (nom, _) in &declencheurs {
        t.execute_batch(&format!("DROP TRIGGER \"{}\"", nom.replace('"', "\"\"")))?;
    }
    Ok(declencheurs.into_iter().map(|(_, sql)| sql).collect())
}

pub(super) fn reprendre(t: &rusqlite::Connection, declencheurs: &[String]) -> ResultatStore<()> {
    for sql in declencheurs {
        t.execute_batch(sql)?;
    }
    t.execute_batch("INSERT INTO changements (personne_id) VALUES (0)")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Departement, Evenement, Personne, TypeEvenement, parse_date};

    fn base(dir: &std::path::Path) -> Store {
        crate::store::base_en_clair(&dir.join("c.db"))
    }

    fn personne(reference: &str) -> Personne {
        crate::domain::essais::personne(reference, "N", "75")
    }

    #[test]
    fn writes_are_logged_per_person_and_bulk_writes_as_everyone() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = base(dir.path());
        // A new base: the migration logged « everyone ».
        assert_eq!(s.changements_depuis(0).unwrap().0, Changements::Tout);
        let depart = s.dernier_changement().unwrap();
        let a = s.creer_personne(&personne("A-1")).unwrap();
        let b = s.creer_personne(&personne("B-1")).unwrap();
        let apres_creation = s.dernier_changement().unwrap();
        let e = Evenement::nouveau(TypeEvenement::Visite, parse_date("2026-11-02").unwrap());
        s.ajouter_evenement(b, &e).unwrap();
        s.ajouter_evenement(b, &e).unwrap();
        assert_eq!(
            s.changements_depuis(depart).unwrap().0,
            Changements::Personnes(vec![a, b])
        );
        let (depuis_creation, dernier) = s.changements_depuis(apres_creation).unwrap();
        assert_eq!(depuis_creation, Changements::Personnes(vec![b]));
        assert_eq!(
            s.changements_depuis(dernier).unwrap(),
            (Changements::Personnes(Vec::new()), dernier)
        );
        // A bulk write: one « everyone », not one entry per row.
        s.ecrire_en_masse(|tx, benevole| {
            for i in 0..50 {
                crate::store::inserer_personne(tx, &personne(&format!("M-{i}")), benevole)?;
            }
            Ok(())
        })
        .unwrap();
        let (masse, apres_masse) = s.changements_depuis(dernier).unwrap();
        assert_eq!(masse, Changements::Tout);
        assert_eq!(
            apres_masse,
            dernier + 1,
            "one entry for the whole bulk write"
        );
        // A préfecture correction changes the evaluation of its département's people (all
        // of them are in Paris here, but for one in Lyon).
        let mut lyon = personne("L-1");
        lyon.departement = Departement::depuis_code("69").unwrap();
        let lyonnais = s.creer_personne(&lyon).unwrap();
        let apres_masse = s.dernier_changement().unwrap();
        let c = crate::store::correction_d_essai(
            Departement::depuis_code("75").unwrap(),
            "oui",
            parse_date("2026-11-01").unwrap(),
        );
        s.ecrire(|tx, _| tx.inserer_correction(&c)).unwrap();
        let Changements::Personnes(parisiens) = s.changements_depuis(apres_masse).unwrap().0 else {
            panic!("a correction is logged person by person");
        };
        assert_eq!(
            parisiens.len(),
            52,
            "the two first people and the 50 of the bulk write"
        );
        assert!(parisiens.contains(&a) && !parisiens.contains(&lyonnais));
        // A number from another file (ahead of this log) or pruned away: everything.
        let fin = s.dernier_changement().unwrap();
        assert_eq!(s.changements_depuis(fin + 10).unwrap().0, Changements::Tout);
    }

    /// A bulk write that fails rolls its suspension back with it: the triggers log again.
    #[test]
    fn a_failed_bulk_write_leaves_the_log_working() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = base(dir.path());
        let avant = s.dernier_changement().unwrap();
        let echec = s.ecrire_en_masse(|tx, benevole| -> ResultatStore<()> {
            crate::store::inserer_personne(tx, &personne("M-1"), benevole)?;
            Err(super::super::ErreurStore::Introuvable)
        });
        assert!(echec.is_err());
        assert_eq!(
            s.dernier_changement().unwrap(),
            avant,
            "nothing logged, nothing kept"
        );
        let id = s.creer_personne(&personne("A-1")).unwrap();
        assert_eq!(
            s.changements_depuis(avant).unwrap().0,
            Changements::Personnes(vec![id])
        );
    }

    #[test]
    fn a_reader_behind_the_pruned_log_reloads_everything() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = base(dir.path());
        let id = s.creer_personne(&personne("A-1")).unwrap();
        let vu = s.dernier_changement().unwrap();
        // More entries than kept, in one write (then pruned by the next write).
        s.ecrire(|tx, _| {
            tx.tx().execute(
                "INSERT INTO changements (personne_id) \
                 SELECT ?1 FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n \
                 WHERE i < ?2) SELECT i FROM n)",
                params![id, GARDES + 5],
            )?;
            Ok(())
        })
        .unwrap();
        let n: i64 = s
            .connexion()
            .query_row("SELECT count(*) FROM changements", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, GARDES, "pruned to the newest entries");
        assert_eq!(s.changements_depuis(vu).unwrap().0, Changements::Tout);
    }
}
