//! The read behind the day's list: every person with the events the engine needs, in one
//! pass over two ordered queries (people by id, events by person, date and id), no query
//! per person. Built for the demo scale (100 000 people, 1 000 000 events).

use super::lignes::{self, COLONNES_PERSONNE};
use super::{ResultatStore, Store};
use crate::domain::{Evenement, Personne};

/// Columns the engine needs (notes and attribution are not read: the list does not show
/// them): `personne_id`, then `COLONNES_EVENEMENT` up to `attente_minutes`.
const COLONNES_LEGERES: &str =
    "personne_id, id, date, type, canal, resultat, echeance, ticket, attente_minutes";
/// The same without `personne_id` (one person's events).
pub(super) const COLONNES_LEGERES_SANS_PERSONNE: &str =
    "id, date, type, canal, resultat, echeance, ticket, attente_minutes";

impl Store {
    /// Streams every person, by id, with their events in date then insertion order, to `f`.
    /// The events carry what the engine reads: no notes, no attribution.
    pub fn pour_chaque_personne_et_ses_evenements(
        &self,
        mut f: impl FnMut(Personne, &[Evenement]) -> ResultatStore<()>,
    ) -> ResultatStore<()> {
        let conn = self.connexion();
        let mut st_p = conn.prepare(&format!(
            "SELECT {COLONNES_PERSONNE} FROM personnes ORDER BY id"
        ))?;
        let mut st_e = conn.prepare(&format!(
            "SELECT {COLONNES_LEGERES} FROM evenements ORDER BY personne_id, date, id"
        ))?;
        let mut evenements = st_e
            .query_map([], |r| {
                Ok((r.get::<_, i64>(0)?, lignes::evenement_depuis(r, 1, false)?))
            })?
            .peekable();
        let mut siens: Vec<Evenement> = Vec::new();
        for p in st_p.query_map([], lignes::personne)? {
            let p = p?;
            let Some(id) = p.id else { continue };
            siens.clear();
            // Events are ordered by person id, like the people: skip orphans, take this one's.
            loop {
                match evenements.peek() {
                    Some(Ok((pid, _))) if *pid < id => {
                        evenements.next();
                    }
                    Some(Ok((pid, _))) if *pid == id => {
                        if let Some(Ok((_, e))) = evenements.next() {
                            siens.push(e);
                        }
                    }
                    Some(Err(_)) => {
                        if let Some(Err(e)) = evenements.next() {
                            return Err(e.into());
                        }
                    }
                    _ => break,
                }
            }
            f(p, &siens)?;
        }
        Ok(())
    }
}
