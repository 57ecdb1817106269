//! Rows to domain values: the column lists of people and events, and the decoding of stored
//! values (dates `AAAA-MM-JJ`, codes, `oui`/`non`), written once for every query.

use crate::domain::{
    Blocage, Canal, Demarche, Departement, Evenement, Identite, Personne, Resultat, TypeEvenement,
    parse_date,
};
use chrono::NaiveDate;
use rusqlite::Row;

pub(super) const COLONNES_PERSONNE: &str = "id, reference, nom, prenom, telephone, departement, \
     demarche, blocage, ouvert_le, titre_expire_le, api_expire_le, pan_connu, notes, captures, \
     version, date_naissance, nationalite, numero_etranger, adresse";

pub(super) const COLONNES_EVENEMENT: &str = "id, date, type, canal, resultat, echeance, ticket, \
     attente_minutes, notes, saisi_par, saisi_le";

/// `COLONNES_EVENEMENT` prefixed with a table alias (`e.id, e.date, …`).
pub(super) fn colonnes_evenement_de(alias: &str) -> String {
    COLONNES_EVENEMENT
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stored value of column `i` that does not decode.
pub(super) fn conversion(
    i: usize,
    e: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, e.into())
}

/// Dates as stored (`AAAA-MM-JJ`) parsed without allocating; anything else goes through
/// the general parser.
fn date_texte(s: &str) -> Result<NaiveDate, crate::domain::ErreurValeur> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let rapide = n(0..4)
            .and_then(|a| i32::try_from(a).ok())
            .and_then(|a| NaiveDate::from_ymd_opt(a, n(5..7)?, n(8..10)?));
        if let Some(d) = rapide {
            return Ok(d);
        }
    }
    parse_date(s)
}

/// A nullable date column.
pub(super) fn date_opt(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get_ref(i)?
        .as_str_or_null()?
        .map(|s| date_texte(s).map_err(|e| conversion(i, e)))
        .transpose()
}

/// A date column that must hold a date.
pub(super) fn date(r: &Row, i: usize) -> rusqlite::Result<NaiveDate> {
    date_texte(r.get_ref(i)?.as_str()?).map_err(|e| conversion(i, e))
}

/// A département column.
pub(super) fn departement(r: &Row, i: usize) -> rusqlite::Result<Departement> {
    Departement::depuis_code(r.get_ref(i)?.as_str()?).map_err(|e| conversion(i, e))
}

/// A `pan_connu` column (`oui`, `non` or NULL).
pub(super) fn oui_non(r: &Row, i: usize) -> rusqlite::Result<Option<bool>> {
    Ok(r.get_ref(i)?.as_str_or_null()?.map(|s| s == "oui"))
}

/// Maps a row of `COLONNES_PERSONNE`.
pub(super) fn personne(r: &Row) -> rusqlite::Result<Personne> {
    Ok(Personne {
        id: Some(r.get(0)?),
        reference: r.get(1)?,
        nom: r.get(2)?,
        prenom: r.get(3)?,
        telephone: r.get(4)?,
        departement: departement(r, 5)?,
        demarche: Demarche::depuis_code(r.get_ref(6)?.as_str()?).map_err(|e| conversion(6, e))?,
        blocage: Blocage::depuis_code(r.get_ref(7)?.as_str()?).map_err(|e| conversion(7, e))?,
        ouvert_le: date(r, 8)?,
        titre_expire_le: date_opt(r, 9)?,
        api_expire_le: date_opt(r, 10)?,
        pan_connu: oui_non(r, 11)?,
        notes: r.get(12)?,
        captures: r.get(13)?,
        identite: Identite {
            date_naissance: date_opt(r, 15)?,
            nationalite: r.get(16)?,
            numero_etranger: r.get(17)?,
            adresse: r.get(18)?,
        },
        version: r.get(14)?,
    })
}

/// Maps a row of `COLONNES_EVENEMENT`.
pub(super) fn evenement(r: &Row) -> rusqlite::Result<Evenement> {
    evenement_depuis(r, 0, true)
}

/// Maps `COLONNES_EVENEMENT` starting at column `o`; without `complet`, only up to
/// `attente_minutes` (notes and attribution left empty: what the engine needs).
pub(super) fn evenement_depuis(r: &Row, o: usize, complet: bool) -> rusqlite::Result<Evenement> {
    let t = r.get_ref(o + 2)?.as_str()?;
    let canal = r.get_ref(o + 3)?.as_str_or_null()?;
    let resultat = r.get_ref(o + 4)?.as_str_or_null()?;
    Ok(Evenement {
        id: Some(r.get(o)?),
        date: date(r, o + 1)?,
        type_evenement: TypeEvenement::depuis_code(t).map_err(|e| conversion(o + 2, e))?,
        canal: canal
            .map(|c| Canal::depuis_code(c).map_err(|e| conversion(o + 3, e)))
            .transpose()?,
        resultat: resultat
            .map(|c| Resultat::depuis_code(c).map_err(|e| conversion(o + 4, e)))
            .transpose()?,
        echeance: date_opt(r, o + 5)?,
        ticket: r.get(o + 6)?,
        attente_minutes: r.get(o + 7)?,
        notes: if complet { r.get(o + 8)? } else { None },
        saisi_par: if complet {
            r.get(o + 9)?
        } else {
            String::new()
        },
        saisi_le: if complet {
            r.get(o + 10)?
        } else {
            String::new()
        },
    })
}
