//! Events: a person's events, every event for the export, and recording one.

use super::journal::horodatage;
use super::lignes::{self, COLONNES_EVENEMENT, colonnes_evenement_de};
use super::{Ecriture, ErreurStore, ResultatStore, Store};
use crate::domain::{Evenement, date_iso};
use rusqlite::{Connection, Row, params};

impl Store {
    /// A person's events in date order, then insertion order.
    pub fn evenements(&self, personne_id: i64) -> ResultatStore<Vec<Evenement>> {
        evenements_de(self.connexion(), personne_id)
    }

    /// Every event with its person's reference, ordered by reference, date, insertion order
    /// (the order of the full export).
    pub fn evenements_tous(&self) -> ResultatStore<Vec<(String, Evenement)>> {
        let mut v = Vec::new();
        self.pour_chaque_evenement_par_reference(|reference, e| {
            v.push((reference.to_string(), e));
            Ok::<_, ErreurStore>(())
        })?;
        Ok(v)
    }

    /// Streams every event with its person's reference to `f`, in the order of
    /// `evenements_tous`, without loading them all; stops at the first error of `f`.
    pub fn pour_chaque_evenement_par_reference<E: From<ErreurStore>>(
        &self,
        mut f: impl FnMut(&str, Evenement) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut st = self
            .connexion()
            .prepare_cached(&format!(
                "SELECT p.reference, {} FROM evenements e JOIN personnes p ON p.id = e.personne_id \
                 ORDER BY p.reference, e.date, e.id",
                colonnes_evenement_de("e")
            ))
            .map_err(ErreurStore::from)?;
        let mut rangees = st.query([]).map_err(ErreurStore::from)?;
        while let Some(r) = rangees.next().map_err(ErreurStore::from)? {
            let (reference, e) = avec_reference(r).map_err(ErreurStore::from)?;
            f(reference, e)?;
        }
        Ok(())
    }

    /// Records an event for a person; returns its id.
    pub fn ajouter_evenement(&mut self, personne_id: i64, e: &Evenement) -> ResultatStore<i64> {
        self.ecrire(|tx, b| inserer_evenement(tx, personne_id, e, b, &horodatage()))
    }
}

/// A person's events in date order, then insertion order (the (person, date, id) index).
fn evenements_de(conn: &Connection, personne_id: i64) -> ResultatStore<Vec<Evenement>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT {COLONNES_EVENEMENT} FROM evenements WHERE personne_id = ?1 ORDER BY date, id"
    ))?;
    let v = st
        .query_map([personne_id], lignes::evenement)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(v)
}

/// A row of `p.reference` followed by `COLONNES_EVENEMENT`.
fn avec_reference<'r>(r: &'r Row) -> rusqlite::Result<(&'r str, Evenement)> {
    Ok((
        r.get_ref(0)?.as_str()?,
        lignes::evenement_depuis(r, 1, true)?,
    ))
}

impl Ecriture<'_> {
    /// A person's events in date order, then insertion order, inside the transaction.
    pub fn evenements_de(&self, personne_id: i64) -> ResultatStore<Vec<Evenement>> {
        evenements_de(self.tx(), personne_id)
    }
}

/// Inserts an event inside an open transaction; returns its id.
pub fn inserer_evenement(
    tx: &Ecriture,
    personne_id: i64,
    e: &Evenement,
    benevole: &str,
    saisi_le: &str,
) -> ResultatStore<i64> {
    let mut st = tx.tx().prepare_cached(
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
    Ok(tx.tx().last_insert_rowid())
}
