//! Drafts of the forms being typed (`brouillons`): kept in the encrypted base, never in a
//! clear-text file, so that a hang-up loses nothing. One row per volunteer, kind of form and
//! person; the content is the form's own serialization (the store does not read it).

use super::{ResultatStore, Store};
use chrono::NaiveDateTime;
use rusqlite::params;

/// The stored time format (sorts as text).
const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// One kept draft of the volunteer of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brouillon {
    /// The kind of form (`personne`, `evenement`).
    pub genre: String,
    /// The person the form is about (0: a new person).
    pub personne_id: i64,
    pub contenu: String,
    pub garde_le: NaiveDateTime,
}

impl Store {
    /// Keeps (or replaces) the volunteer's draft of this kind for this person.
    pub fn garder_brouillon(
        &mut self,
        genre: &str,
        personne_id: i64,
        contenu: &str,
        quand: NaiveDateTime,
    ) -> ResultatStore<()> {
        self.ecrire(|e, benevole| {
            e.tx().execute(
                "INSERT INTO brouillons (benevole, genre, personne_id, contenu, garde_le)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (benevole, genre, personne_id)
                 DO UPDATE SET contenu = excluded.contenu, garde_le = excluded.garde_le",
                params![
                    benevole,
                    genre,
                    personne_id,
                    contenu,
                    quand.format(FORMAT).to_string()
                ],
            )?;
            Ok(())
        })
    }

    /// The volunteer's drafts, the most recent first.
    pub fn brouillons(&self) -> ResultatStore<Vec<Brouillon>> {
        let mut st = self.connexion().prepare_cached(
            "SELECT genre, personne_id, contenu, garde_le FROM brouillons
             WHERE benevole = ?1 ORDER BY garde_le DESC, genre, personne_id",
        )?;
        let v = st
            .query_map([self.benevole()], |r| {
                let quand: String = r.get(3)?;
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, quand))
            })?
            .collect::<Result<Vec<(String, i64, String, String)>, _>>()?;
        // A time that does not read back (never written so) is taken as very old.
        Ok(v.into_iter()
            .map(|(genre, personne_id, contenu, quand)| Brouillon {
                genre,
                personne_id,
                contenu,
                garde_le: NaiveDateTime::parse_from_str(&quand, FORMAT)
                    .unwrap_or(NaiveDateTime::MIN),
            })
            .collect())
    }

    /// Drops the volunteer's draft of this kind for this person (saved or abandoned).
    pub fn oublier_brouillon(&mut self, genre: &str, personne_id: i64) -> ResultatStore<()> {
        self.ecrire(|e, benevole| {
            e.tx().execute(
                "DELETE FROM brouillons WHERE benevole = ?1 AND genre = ?2 AND personne_id = ?3",
                params![benevole, genre, personne_id],
            )?;
            Ok(())
        })
    }

    /// Drops every draft (of any volunteer) kept before `avant`; returns how many.
    pub fn purger_brouillons(&mut self, avant: NaiveDateTime) -> ResultatStore<usize> {
        self.ecrire(|e, _| {
            Ok(e.tx().execute(
                "DELETE FROM brouillons WHERE garde_le < ?1",
                [avant.format(FORMAT).to_string()],
            )?)
        })
    }
}
