//! The statistics' reads (docs/fichiers.md §4), all streamed and each answered from an index
//! alone (no table row is read): the events of a period (`evenements_stats`), the earlier
//! `api_delivree` / `cloture` events (the partial index `evenements_jalons`), and the
//! attributes of every person (`personnes_stats`).
//! Folding them into figures is `crate::stats`' work, in Rust.

use super::lignes::{self, date, date_opt};
use super::{ResultatStore, Store};
use crate::domain::{Blocage, Canal, Demarche, Departement, Resultat, TypeEvenement, date_iso};
use chrono::NaiveDate;
use rusqlite::Row;

/// One event as the statistics see it (no ticket, no note, no author).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvenementStats {
    pub personne_id: i64,
    pub date: NaiveDate,
    pub type_evenement: TypeEvenement,
    pub canal: Option<Canal>,
    pub resultat: Option<Resultat>,
    pub echeance: Option<NaiveDate>,
    pub attente_minutes: Option<i64>,
}

/// The attributes of one person that the statistics use (no name, no reference).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonneStats {
    pub id: i64,
    pub departement: Departement,
    pub demarche: Demarche,
    pub blocage: Blocage,
    pub ouvert_le: NaiveDate,
    pub pan_connu: Option<bool>,
    pub titre_expire_le: Option<NaiveDate>,
    pub api_expire_le: Option<NaiveDate>,
}

/// Columns in the order of the covering index after `date, type` (docs: ARCHITECTURE.md).
const COLONNES: &str = "personne_id, date, type, canal, resultat, echeance, attente_minutes";

fn evenements_periode() -> String {
    format!(
        "SELECT {COLONNES} FROM evenements INDEXED BY evenements_stats \
         WHERE date BETWEEN ?1 AND ?2"
    )
}

fn evenements_anterieurs() -> String {
    format!(
        "SELECT {COLONNES} FROM evenements INDEXED BY evenements_jalons \
         WHERE type IN ('api_delivree', 'cloture') AND date < ?1"
    )
}

const PERSONNES: &str = "SELECT id, departement, demarche, blocage, ouvert_le, pan_connu, \
     titre_expire_le, api_expire_le FROM personnes INDEXED BY personnes_stats";

fn code<T>(
    r: &Row,
    i: usize,
    lire: fn(&str) -> Result<T, crate::domain::ErreurValeur>,
) -> rusqlite::Result<Option<T>> {
    r.get_ref(i)?
        .as_str_or_null()?
        .map(|s| lire(s).map_err(|e| lignes::conversion(i, e)))
        .transpose()
}

fn evenement(r: &Row) -> rusqlite::Result<EvenementStats> {
    let type_evenement = TypeEvenement::depuis_code(r.get_ref(2)?.as_str()?)
        .map_err(|e| lignes::conversion(2, e))?;
    Ok(EvenementStats {
        personne_id: r.get(0)?,
        date: date(r, 1)?,
        type_evenement,
        canal: code(r, 3, Canal::depuis_code)?,
        resultat: code(r, 4, Resultat::depuis_code)?,
        echeance: date_opt(r, 5)?,
        attente_minutes: r.get(6)?,
    })
}

fn personne(r: &Row) -> rusqlite::Result<PersonneStats> {
    Ok(PersonneStats {
        id: r.get(0)?,
        departement: lignes::departement(r, 1)?,
        demarche: Demarche::depuis_code(r.get_ref(2)?.as_str()?)
            .map_err(|e| lignes::conversion(2, e))?,
        blocage: Blocage::depuis_code(r.get_ref(3)?.as_str()?)
            .map_err(|e| lignes::conversion(3, e))?,
        ouvert_le: date(r, 4)?,
        pan_connu: lignes::oui_non(r, 5)?,
        titre_expire_le: date_opt(r, 6)?,
        api_expire_le: date_opt(r, 7)?,
    })
}

impl Store {
    /// Streams every event dated in [du, au] to `f`, in index order (date, type, person).
    pub fn evenements_stats_entre(
        &self,
        du: NaiveDate,
        au: NaiveDate,
        mut f: impl FnMut(EvenementStats),
    ) -> ResultatStore<()> {
        let mut st = self.connexion().prepare_cached(&evenements_periode())?;
        let mut rangees = st.query([date_iso(du), date_iso(au)])?;
        while let Some(r) = rangees.next()? {
            f(evenement(r)?);
        }
        Ok(())
    }

    /// Streams every `api_delivree` and `cloture` event dated before `du` to `f` (what the
    /// rupture rule needs of the history).
    pub fn evenements_stats_avant(
        &self,
        du: NaiveDate,
        mut f: impl FnMut(EvenementStats),
    ) -> ResultatStore<()> {
        let mut st = self.connexion().prepare_cached(&evenements_anterieurs())?;
        let mut rangees = st.query([date_iso(du)])?;
        while let Some(r) = rangees.next()? {
            f(evenement(r)?);
        }
        Ok(())
    }

    /// Streams the statistical attributes of every person to `f`.
    pub fn personnes_stats(&self, mut f: impl FnMut(PersonneStats)) -> ResultatStore<()> {
        let mut st = self.connexion().prepare_cached(PERSONNES)?;
        let mut rangees = st.query([])?;
        while let Some(r) = rangees.next()? {
            f(personne(r)?);
        }
        Ok(())
    }
}
