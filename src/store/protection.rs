//! The writes and maintenance of data protection: erasing a person, anonymizing closed
//! files, checkpointing the WAL, rebuilding the file, consistent copies.

use super::journal::horodatage;
use super::{Ecriture, ResultatStore, Store};
use crate::domain::date_iso;
use chrono::NaiveDate;
use rusqlite::{Connection, params};
use std::path::Path;

/// Name written in place of an anonymized person's name.
pub const NOM_ANONYME: &str = "anonyme";
/// Prefix of the opaque reference of an anonymized person (`ANON-<id>`).
pub const PREFIXE_ANONYME: &str = "ANON-";
/// What the journal holds in place of an erased person's reference.
pub const REFERENCE_EFFACEE: &str = "effacé";

/// Whether a stored person is an anonymized one (`NOM_ANONYME`, reference `ANON-…`).
pub fn est_anonymisee(nom: &str, reference: &str) -> bool {
    nom == NOM_ANONYME && reference.starts_with(PREFIXE_ANONYME)
}

/// What an anonymization changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anonymisation {
    pub personnes: usize,
    pub evenements: usize,
}

/// The people a purge would anonymize: a closed file (a `cloture` event after which no
/// ladder event reopened it) whose last event is dated before `avant`, not yet anonymized
/// (`NOM_ANONYME`, `PREFIXE_ANONYME`).
const SQL_A_PURGER: &str = "
    SELECT p.id, p.reference FROM personnes p
    WHERE (SELECT max(e.date) FROM evenements e WHERE e.personne_id = p.id) < ?1
      AND EXISTS (
          SELECT 1 FROM evenements c
          WHERE c.personne_id = p.id AND c.type = 'cloture'
            AND NOT EXISTS (
                SELECT 1 FROM evenements x
                WHERE x.personne_id = p.id
                  AND x.type NOT IN ('visite', 'api_delivree', 'cloture')
                  AND (x.date > c.date OR (x.date = c.date AND x.id > c.id))))
      AND NOT (p.nom = 'anonyme' AND p.reference LIKE 'ANON-%' AND p.prenom IS NULL
               AND p.telephone IS NULL AND p.notes IS NULL
               AND p.date_naissance IS NULL AND p.nationalite IS NULL
               AND p.numero_etranger IS NULL AND p.adresse IS NULL
               AND NOT EXISTS (SELECT 1 FROM evenements n WHERE n.personne_id = p.id
                               AND (n.notes IS NOT NULL OR n.ticket IS NOT NULL)))
    ORDER BY 1";

fn a_purger(conn: &Connection, avant: NaiveDate) -> ResultatStore<Vec<(i64, String)>> {
    let mut st = conn.prepare(SQL_A_PURGER)?;
    let v = st
        .query_map([date_iso(avant)], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

impl Store {
    /// How many closed files whose last event is before `avant` are not yet anonymized.
    pub fn nombre_clos_a_anonymiser(&self, avant: NaiveDate) -> ResultatStore<usize> {
        Ok(a_purger(self.connexion(), avant)?.len())
    }

    /// Copies the WAL back into the database and truncates it, so that old page images
    /// holding deleted text do not stay in the `-wal` file. Best effort: another desk
    /// reading at that moment only delays it to a later checkpoint.
    pub fn vider_journal_wal(&self) {
        let _ = self
            .connexion()
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Rebuilds the file (`VACUUM`), so that no old text lingers in free pages.
    pub fn reconstruire(&self) -> ResultatStore<()> {
        self.connexion().execute_batch("VACUUM")?;
        Ok(())
    }

    /// Writes a consistent copy of the whole database into the empty file `chemin`
    /// (`VACUUM INTO`: one read snapshot; encrypted like the base, with the same key).
    pub fn copier_dans(&self, chemin: &Path) -> ResultatStore<()> {
        let texte = chemin.to_string_lossy().into_owned();
        self.connexion().execute("VACUUM INTO ?1", [&texte])?;
        Ok(())
    }

    /// Whether deleted content is overwritten with zeros (`secure_delete`).
    pub fn suppression_securisee(&self) -> ResultatStore<bool> {
        let v: i64 = self
            .connexion()
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        Ok(v == 1)
    }
}

impl Ecriture<'_> {
    /// Deletes the person with this reference and their events, and replaces the reference
    /// in the journal's earlier lines by `REFERENCE_EFFACEE`; returns how many events were
    /// deleted, `None` when the reference does not exist (nothing written).
    pub fn effacer_personne(&self, reference: &str) -> ResultatStore<Option<usize>> {
        let Some(id) = self.autre_avec_reference(reference, None)? else {
            return Ok(None);
        };
        let tx = self.tx();
        let n = tx.execute("DELETE FROM evenements WHERE personne_id = ?1", [id])?;
        tx.execute("DELETE FROM personnes WHERE id = ?1", [id])?;
        // A draft about them (any volunteer's) holds their data too.
        tx.execute("DELETE FROM brouillons WHERE personne_id = ?1", [id])?;
        tx.execute(
            "UPDATE journal SET reference = ?1 WHERE reference = ?2",
            params![REFERENCE_EFFACEE, reference],
        )?;
        Ok(Some(n))
    }

    /// An opaque reference for person `id` that no other person uses.
    fn reference_opaque(&self, id: i64) -> ResultatStore<String> {
        let base = format!("{PREFIXE_ANONYME}{id}");
        let mut candidate = base.clone();
        let mut n = 1;
        while self.autre_avec_reference(&candidate, Some(id))?.is_some() {
            n += 1;
            candidate = format!("{base}-{n}");
        }
        Ok(candidate)
    }

    /// Anonymizes every closed file whose last event is before `avant`: name →
    /// `NOM_ANONYME`, first name, phone and notes cleared, reference → `ANON-<id>` (also in
    /// the journal's earlier lines), event notes and tickets cleared; every other value kept.
    pub fn anonymiser_clos_avant(
        &self,
        avant: NaiveDate,
        benevole: &str,
    ) -> ResultatStore<Anonymisation> {
        let tx = self.tx();
        let cibles = a_purger(tx, avant)?;
        let mut bilan = Anonymisation::default();
        let maintenant = horodatage();
        tx.execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS purge_references \
             (ancienne TEXT PRIMARY KEY, nouvelle TEXT NOT NULL); \
             DELETE FROM temp.purge_references;",
        )?;
        let mut renommer =
            tx.prepare("INSERT INTO temp.purge_references (ancienne, nouvelle) VALUES (?1, ?2)")?;
        for (id, ancienne) in &cibles {
            let nouvelle = self.reference_opaque(*id)?;
            let recherche = crate::domain::recherche::cle(NOM_ANONYME, None, &nouvelle, None);
            tx.execute(
                "UPDATE personnes SET reference = ?1, nom = ?2, prenom = NULL, telephone = NULL, \
                 notes = NULL, date_naissance = NULL, nationalite = NULL, \
                 numero_etranger = NULL, adresse = NULL, recherche = ?3, version = version + 1, modifie_par = ?4, \
                 modifie_le = ?5 WHERE id = ?6",
                params![nouvelle, NOM_ANONYME, recherche, benevole, maintenant, id],
            )?;
            bilan.evenements += tx.execute(
                "UPDATE evenements SET notes = NULL, ticket = NULL WHERE personne_id = ?1",
                [id],
            )?;
            tx.execute("DELETE FROM brouillons WHERE personne_id = ?1", [id])?;
            renommer.execute(params![ancienne, nouvelle])?;
            bilan.personnes += 1;
        }
        // The journal's earlier lines follow the new reference (one pass over the journal,
        // not one per person: it has no index on references).
        tx.execute(
            "UPDATE journal SET reference = \
             (SELECT nouvelle FROM temp.purge_references WHERE ancienne = journal.reference) \
             WHERE reference IN (SELECT ancienne FROM temp.purge_references)",
            [],
        )?;
        drop(renommer);
        tx.execute_batch("DROP TABLE temp.purge_references")?;
        Ok(bilan)
    }
}
