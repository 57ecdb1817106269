//! The statistics' SQL: one aggregate row per person followed (GROUP BY personne_id with
//! conditional aggregates, streamed), and the phone waiting times of the period. Nothing but
//! reads; no event is loaded into memory.

use super::{Accumulateur, FaitsPersonne, Periode, Tableau};
use crate::domain::{Blocage, Demarche, Departement, date_iso, parse_date};
use crate::store::{ResultatStore, Store};
use chrono::NaiveDate;
use rusqlite::Row;

/// ?1 is du, ?2 is au. The people followed are found through the events of the period (index
/// on date); only their events dated ≤ au are then aggregated, walking the (person, date)
/// index, so the cost follows the people of the period, not the whole history.
/// Dates are stored as `AAAA-MM-JJ`, so text order is date order.
const FAITS: &str = "
SELECT p.departement, p.demarche, p.blocage, p.ouvert_le, p.pan_connu,
       p.titre_expire_le, p.api_expire_le,
       a.api_delivree, a.api_echeance, a.premiere_cloture, a.premier_resolu,
       a.ccc, a.ccc_aide, a.pan, a.pan_rdv_indisponible, a.substitution_proposee,
       a.pan_ou_substitution, a.recommande_envoye, a.avocat, a.defenseur_saisi,
       a.attente_telephone
FROM (
  SELECT personne_id,
    max(type = 'api_delivree') AS api_delivree,
    max(CASE WHEN type = 'api_delivree' THEN echeance END) AS api_echeance,
    min(CASE WHEN type = 'cloture' THEN date END) AS premiere_cloture,
    min(CASE WHEN type = 'cloture' AND resultat = 'resolu' AND date >= ?1 THEN date END)
      AS premier_resolu,
    max(type = 'ccc' AND date >= ?1) AS ccc,
    max(type = 'ccc' AND date >= ?1 AND resultat IN ('resolu', 'attestation_impossibilite'))
      AS ccc_aide,
    max(type = 'pan' AND date >= ?1) AS pan,
    max(type = 'pan' AND date >= ?1 AND resultat = 'rdv_indisponible') AS pan_rdv_indisponible,
    max(date >= ?1 AND ((type = 'pan' AND resultat = 'substitution_proposee')
                        OR (type = 'substitution' AND resultat = 'invitation')))
      AS substitution_proposee,
    max(date >= ?1 AND type IN ('pan', 'substitution')) AS pan_ou_substitution,
    max(type = 'recommande' AND date >= ?1 AND resultat = 'envoye') AS recommande_envoye,
    max(type = 'avocat' AND date >= ?1) AS avocat,
    max(type = 'defenseur_droits' AND date >= ?1 AND resultat = 'saisi') AS defenseur_saisi,
    max(type = 'ccc' AND date >= ?1 AND canal = 'telephone' AND attente_minutes IS NOT NULL)
      AS attente_telephone
  FROM evenements
  WHERE personne_id IN (SELECT personne_id FROM evenements WHERE date BETWEEN ?1 AND ?2)
    AND date <= ?2
  GROUP BY personne_id
) a JOIN personnes p ON p.id = a.personne_id
";

const ATTENTES: &str = "
SELECT p.departement, e.attente_minutes
FROM evenements e JOIN personnes p ON p.id = e.personne_id
WHERE e.date BETWEEN ?1 AND ?2 AND e.type = 'ccc' AND e.canal = 'telephone'
  AND e.attente_minutes IS NOT NULL
";

fn erreur(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn date(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let s: Option<String> = r.get(i)?;
    s.map(|s| parse_date(&s).map_err(|e| erreur(i, e)))
        .transpose()
}

fn drapeau(r: &Row, i: usize) -> rusqlite::Result<bool> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0)
}

fn faits(r: &Row) -> rusqlite::Result<FaitsPersonne> {
    let dep: String = r.get(0)?;
    let demarche: String = r.get(1)?;
    let blocage: String = r.get(2)?;
    let pan: Option<String> = r.get(4)?;
    let ouvert_le = date(r, 3)?.ok_or(rusqlite::Error::InvalidColumnType(
        3,
        "ouvert_le".into(),
        rusqlite::types::Type::Null,
    ))?;
    Ok(FaitsPersonne {
        departement: Departement::depuis_code(&dep).map_err(|e| erreur(0, e))?,
        demarche: Demarche::depuis_code(&demarche).map_err(|e| erreur(1, e))?,
        blocage: Blocage::depuis_code(&blocage).map_err(|e| erreur(2, e))?,
        ouvert_le,
        pan_connu: pan.as_deref().map(|s| s == "oui"),
        titre_expire_le: date(r, 5)?,
        api_expire_le: date(r, 6)?,
        api_delivree: drapeau(r, 7)?,
        api_delivree_echeance: date(r, 8)?,
        premiere_cloture: date(r, 9)?,
        premier_resolu: date(r, 10)?,
        ccc: drapeau(r, 11)?,
        ccc_aide: drapeau(r, 12)?,
        pan: drapeau(r, 13)?,
        pan_rdv_indisponible: drapeau(r, 14)?,
        substitution_proposee: drapeau(r, 15)?,
        pan_ou_substitution: drapeau(r, 16)?,
        recommande_envoye: drapeau(r, 17)?,
        avocat: drapeau(r, 18)?,
        defenseur_saisi: drapeau(r, 19)?,
        attente_telephone: drapeau(r, 20)?,
    })
}

/// Streams the facts of every person followed in the period to `f` (unspecified order).
pub fn faits_personnes(
    store: &Store,
    periode: Periode,
    mut f: impl FnMut(FaitsPersonne),
) -> ResultatStore<()> {
    let mut st = store.connexion().prepare_cached(FAITS)?;
    let mut lignes = st.query([date_iso(periode.du), date_iso(periode.au)])?;
    while let Some(r) = lignes.next()? {
        f(faits(r)?);
    }
    Ok(())
}

/// Computes the whole table of FORMATS.md §4 for a period.
pub fn calculer(
    store: &Store,
    periode: Periode,
    par_departement: bool,
    seuil: u64,
) -> ResultatStore<Tableau> {
    let mut acc = Accumulateur::nouveau(periode);
    faits_personnes(store, periode, |f| acc.ajouter_personne(&f))?;
    let mut st = store.connexion().prepare_cached(ATTENTES)?;
    let mut lignes = st.query([date_iso(periode.du), date_iso(periode.au)])?;
    while let Some(r) = lignes.next()? {
        let dep: String = r.get(0)?;
        let minutes: i64 = r.get(1)?;
        let d = Departement::depuis_code(&dep).map_err(|e| erreur(0, e))?;
        acc.ajouter_attente(d, minutes);
    }
    Ok(acc.tableau(seuil, par_departement))
}
