//! Local corrections of the préfecture directory (`corrections_prefecture`), as plain rows:
//! the field stays its code here; the préfecture module gives it its meaning.

use super::lignes::{self, date};
use super::{Ecriture, ResultatStore, Store};
use crate::domain::{Departement, date_iso};
use chrono::NaiveDate;
use rusqlite::{Row, params};

/// One stored correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LigneCorrection {
    pub departement: Departement,
    /// The field's code (`pan`, `adresse`…).
    pub champ: String,
    pub valeur: String,
    pub verifie_le: NaiveDate,
    pub source: String,
    pub auteur: String,
    pub saisi_le: String,
}

const COLONNES: &str = "departement, champ, valeur, verifie_le, source, auteur, saisi_le";

fn ligne(r: &Row) -> rusqlite::Result<LigneCorrection> {
    Ok(LigneCorrection {
        departement: lignes::departement(r, 0)?,
        champ: r.get(1)?,
        valeur: r.get(2)?,
        verifie_le: date(r, 3)?,
        source: r.get(4)?,
        auteur: r.get(5)?,
        saisi_le: r.get(6)?,
    })
}

impl Store {
    /// Every correction of a département (in force and history), in no particular order.
    pub fn corrections_de(&self, d: Departement) -> ResultatStore<Vec<LigneCorrection>> {
        let mut st = self.connexion().prepare_cached(&format!(
            "SELECT {COLONNES} FROM corrections_prefecture WHERE departement = ?1"
        ))?;
        let v = st.query_map([d.code()], ligne)?.collect::<Result<_, _>>()?;
        Ok(v)
    }

    /// Every correction, in no particular order.
    pub fn corrections_toutes(&self) -> ResultatStore<Vec<LigneCorrection>> {
        let mut st = self
            .connexion()
            .prepare_cached(&format!("SELECT {COLONNES} FROM corrections_prefecture"))?;
        let v = st.query_map([], ligne)?.collect::<Result<_, _>>()?;
        Ok(v)
    }
}

impl Ecriture<'_> {
    /// Inserts a correction unless an identical row exists; returns whether a row was added.
    pub fn inserer_correction(&self, c: &LigneCorrection) -> ResultatStore<bool> {
        let n = self.tx().execute(
            &format!(
                "INSERT OR IGNORE INTO corrections_prefecture ({COLONNES}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ),
            params![
                c.departement.code(),
                c.champ,
                c.valeur,
                date_iso(c.verifie_le),
                c.source,
                c.auteur,
                c.saisi_le
            ],
        )?;
        Ok(n > 0)
    }
}

/// A correction of the PAN of `departement` to `valeur`, checked on `verifie_le`, by « T »
/// (unit tests).
#[cfg(test)]
pub(crate) fn correction_d_essai(
    departement: crate::domain::Departement,
    valeur: &str,
    verifie_le: chrono::NaiveDate,
) -> LigneCorrection {
    LigneCorrection {
        departement,
        champ: "pan".into(),
        valeur: valeur.into(),
        verifie_le,
        source: String::new(),
        auteur: "T".into(),
        saisi_le: "2026-11-01T10:00:00".into(),
    }
}
