//! The read behind the day's list: every person with the events the engine needs, in slices
//! of people by id, each slice two ordered queries (its people, then their events by person,
//! date and id from the covering index), no query per person. Built for the federation
//! scale (100 000 people, 1 000 000 events): a slice is one short read, so the interface
//! reads keys between slices.

use super::lignes::{self, COLONNES_PERSONNE};
use super::{ResultatStore, Store};
use crate::domain::{Evenement, Personne};
use rusqlite::OptionalExtension;

/// People per slice: a slice of a 100 000-person base is read and evaluated in about 30 ms
/// (BENCHMARKS.md), so a key typed during a load waits no longer than that.
pub const TRANCHE: usize = 2_000;

/// Columns the engine needs (notes and attribution are not read: the list does not show
/// them): `personne_id`, then `COLONNES_EVENEMENT` up to `attente_minutes`.
const COLONNES_LEGERES: &str =
    "personne_id, id, date, type, canal, resultat, echeance, ticket, attente_minutes";
/// The same without `personne_id` (one person's events).
const COLONNES_LEGERES_SANS_PERSONNE: &str =
    "id, date, type, canal, resultat, echeance, ticket, attente_minutes";

impl Store {
    /// Streams, to `f`, every person, by id, with their events in date then insertion
    /// order. The events carry what the engine reads: no notes, no attribution. Read in
    /// slices (`pour_les_personnes_apres`), each its own short read.
    pub fn pour_chaque_personne_et_ses_evenements(
        &self,
        mut f: impl FnMut(Personne, &[Evenement]) -> ResultatStore<()>,
    ) -> ResultatStore<()> {
        let mut apres = i64::MIN;
        while let Some(dernier) = self.pour_les_personnes_apres(apres, TRANCHE, &mut f)? {
            apres = dernier;
        }
        Ok(())
    }

    /// Streams the next `limite` people after id `apres` (by id), with their events, in one
    /// read; returns the last id streamed, `None` when no one is left.
    pub fn pour_les_personnes_apres(
        &self,
        apres: i64,
        limite: usize,
        f: &mut impl FnMut(Personne, &[Evenement]) -> ResultatStore<()>,
    ) -> ResultatStore<Option<i64>> {
        self.lire(|| {
            let conn = self.connexion();
            let personnes = conn
                .prepare_cached(&format!(
                    "SELECT {COLONNES_PERSONNE} FROM personnes WHERE id > ?1 ORDER BY id LIMIT ?2"
                ))?
                .query_map(rusqlite::params![apres, limite as i64], lignes::personne)?
                .collect::<Result<Vec<Personne>, _>>()?;
            let Some(dernier) = personnes.last().and_then(|p| p.id) else {
                return Ok(None);
            };
            let mut st_e = conn.prepare_cached(&format!(
                "SELECT {COLONNES_LEGERES} FROM evenements \
                 WHERE personne_id > ?1 AND personne_id <= ?2 ORDER BY personne_id, date, id"
            ))?;
            let mut evenements = st_e
                .query_map(rusqlite::params![apres, dernier], |r| {
                    Ok((r.get::<_, i64>(0)?, lignes::evenement_depuis(r, 1, false)?))
                })?
                .peekable();
            let mut siens: Vec<Evenement> = Vec::new();
            for p in personnes {
                let Some(id) = p.id else { continue };
                siens.clear();
                // Events are ordered by person id, like the people: skip orphans, take this
                // one's.
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
            Ok(Some(dernier))
        })
    }

    /// One person with the events the engine needs (as `pour_chaque_personne_et_ses_evenements`
    /// gives them: no notes, no attribution), `None` if erased.
    pub fn personne_et_ses_evenements(
        &self,
        id: i64,
    ) -> ResultatStore<Option<(Personne, Vec<Evenement>)>> {
        let conn = self.connexion();
        let p = conn
            .prepare_cached(&format!(
                "SELECT {COLONNES_PERSONNE} FROM personnes WHERE id = ?1"
            ))?
            .query_row([id], lignes::personne)
            .optional()?;
        let Some(p) = p else { return Ok(None) };
        let evenements = conn
            .prepare_cached(&format!(
                "SELECT {} FROM evenements WHERE personne_id = ?1 ORDER BY date, id",
                COLONNES_LEGERES_SANS_PERSONNE
            ))?
            .query_map([id], |r| lignes::evenement_depuis(r, 0, false))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some((p, evenements)))
    }
}
