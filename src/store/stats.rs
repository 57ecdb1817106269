//! The statistics' reads: one aggregate row per person followed (GROUP BY personne_id with
//! conditional aggregates, streamed), and the phone waiting times of a period. Nothing but
//! reads; no event is loaded into memory.

use super::lignes::{self, date, date_opt};
use super::{ResultatStore, Store};
use crate::domain::{Blocage, Demarche, Departement, date_iso};
use chrono::NaiveDate;
use rusqlite::Row;

/// What the statistics need to know about one person followed in the period (at least one
/// event dated in [du, au]). Event-derived flags only look at events dated in the period,
/// except `api_delivree_*` and `premiere_cloture`, which look at events dated ≤ au.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaitsPersonne {
    pub departement: Departement,
    pub demarche: Demarche,
    pub blocage: Blocage,
    pub ouvert_le: NaiveDate,
    pub pan_connu: Option<bool>,
    pub titre_expire_le: Option<NaiveDate>,
    pub api_expire_le: Option<NaiveDate>,
    /// An `api_delivree` event dated ≤ au exists.
    pub api_delivree: bool,
    /// Latest `echeance` of the `api_delivree` events dated ≤ au.
    pub api_delivree_echeance: Option<NaiveDate>,
    /// Earliest `cloture` event (any result) dated ≤ au.
    pub premiere_cloture: Option<NaiveDate>,
    /// Earliest `cloture` `resolu` dated in the period.
    pub premier_resolu: Option<NaiveDate>,
    pub ccc: bool,
    /// A `ccc` event in the period has `resolu` or `attestation_impossibilite`.
    pub ccc_aide: bool,
    pub pan: bool,
    pub pan_rdv_indisponible: bool,
    pub substitution_proposee: bool,
    pub pan_ou_substitution: bool,
    pub recommande_envoye: bool,
    pub avocat: bool,
    pub defenseur_saisi: bool,
    /// A phone `ccc` event of the period has `attente_minutes` (the person is behind the
    /// waiting-time median).
    pub attente_telephone: bool,
}

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

fn drapeau(r: &Row, i: usize) -> rusqlite::Result<bool> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0) != 0)
}

fn faits(r: &Row) -> rusqlite::Result<FaitsPersonne> {
    Ok(FaitsPersonne {
        departement: lignes::departement(r, 0)?,
        demarche: Demarche::depuis_code(r.get_ref(1)?.as_str()?)
            .map_err(|e| lignes::conversion(1, e))?,
        blocage: Blocage::depuis_code(r.get_ref(2)?.as_str()?)
            .map_err(|e| lignes::conversion(2, e))?,
        ouvert_le: date(r, 3)?,
        pan_connu: lignes::oui_non(r, 4)?,
        titre_expire_le: date_opt(r, 5)?,
        api_expire_le: date_opt(r, 6)?,
        api_delivree: drapeau(r, 7)?,
        api_delivree_echeance: date_opt(r, 8)?,
        premiere_cloture: date_opt(r, 9)?,
        premier_resolu: date_opt(r, 10)?,
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

impl Store {
    /// Streams to `f` the facts of every person followed in [du, au] (at least one event
    /// dated in the period), in no particular order.
    pub fn faits_personnes_suivies_entre(
        &self,
        du: NaiveDate,
        au: NaiveDate,
        mut f: impl FnMut(FaitsPersonne),
    ) -> ResultatStore<()> {
        let mut st = self.connexion().prepare_cached(FAITS)?;
        let mut rangees = st.query([date_iso(du), date_iso(au)])?;
        while let Some(r) = rangees.next()? {
            f(faits(r)?);
        }
        Ok(())
    }

    /// Streams to `f` the département and the waiting time of every phone `ccc` event dated
    /// in [du, au] that has one.
    pub fn attentes_telephone_entre(
        &self,
        du: NaiveDate,
        au: NaiveDate,
        mut f: impl FnMut(Departement, i64),
    ) -> ResultatStore<()> {
        let mut st = self.connexion().prepare_cached(ATTENTES)?;
        let mut rangees = st.query([date_iso(du), date_iso(au)])?;
        while let Some(r) = rangees.next()? {
            f(lignes::departement(r, 0)?, r.get(1)?);
        }
        Ok(())
    }
}
