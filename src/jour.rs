//! The day's list, shared by `vigie aujourdhui` and the TUI's start screen: every person with
//! a visit today or a due deadline or follow-up, evaluated by the engine, most urgent first.
//!
//! Built for the demo scale (100 000 people, 1 000 000 events): two ordered read-only
//! queries (people by id, events by person, date and id) merged in one pass, one
//! préfecture lookup per département, no query per person. See `benches/jour.rs`.

use crate::domain::moteur::{ConnaissancePrefecture, Evaluation, NiveauUrgence, evaluer};
use crate::domain::{Canal, Evenement, Personne, Resultat, TypeEvenement, parse_date};
use crate::regles::Regles;
use crate::store::{COLONNES_PERSONNE, ResultatStore, Store, ligne_personne};
use chrono::NaiveDate;
use rusqlite::Row;

/// One row of the day's list.
#[derive(Debug, Clone)]
pub struct LigneJour {
    pub personne: Personne,
    pub evaluation: Evaluation,
    /// The person has a `visite` event dated today.
    pub visite_du_jour: bool,
}

/// Counts for the header of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Decompte {
    pub total: usize,
    /// Per urgency level, in the order of `NiveauUrgence::TOUS`.
    pub par_niveau: [usize; 6],
    pub visites: usize,
}

/// Counts the rows of a list per urgency level.
pub fn decompter(lignes: &[LigneJour]) -> Decompte {
    let mut d = Decompte {
        total: lignes.len(),
        ..Decompte::default()
    };
    for l in lignes {
        if let Some(i) = NiveauUrgence::TOUS
            .iter()
            .position(|n| *n == l.evaluation.urgence)
        {
            d.par_niveau[i] += 1;
        }
        if l.visite_du_jour {
            d.visites += 1;
        }
    }
    d
}

/// Whether an evaluated person belongs on today's list.
pub fn est_du_jour(evaluation: &Evaluation, visite_du_jour: bool) -> bool {
    visite_du_jour || (!evaluation.close() && evaluation.urgence <= NiveauUrgence::DuJour)
}

/// The order of the list: most urgent first, then fewest days left, then reference.
pub fn trier(lignes: &mut [LigneJour]) {
    lignes.sort_by(|a, b| {
        a.evaluation
            .cle_urgence()
            .cmp(&b.evaluation.cle_urgence())
            .then_with(|| a.personne.reference.cmp(&b.personne.reference))
    });
}

/// Columns the engine needs (notes and attribution are not read: the list does not show them).
const COLONNES_LEGERES: &str =
    "personne_id, id, date, type, canal, resultat, echeance, ticket, attente_minutes";

fn conversion(i: usize, e: crate::domain::ErreurValeur) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn ligne_legere(r: &Row) -> rusqlite::Result<(i64, Evenement)> {
    let date: String = r.get(2)?;
    let t: String = r.get(3)?;
    let canal: Option<String> = r.get(4)?;
    let resultat: Option<String> = r.get(5)?;
    let echeance: Option<String> = r.get(6)?;
    Ok((
        r.get(0)?,
        Evenement {
            id: Some(r.get(1)?),
            date: parse_date(&date).map_err(|e| conversion(2, e))?,
            type_evenement: TypeEvenement::depuis_code(&t).map_err(|e| conversion(3, e))?,
            canal: canal
                .map(|c| Canal::depuis_code(&c).map_err(|e| conversion(4, e)))
                .transpose()?,
            resultat: resultat
                .map(|c| Resultat::depuis_code(&c).map_err(|e| conversion(5, e)))
                .transpose()?,
            echeance: echeance
                .map(|s| parse_date(&s).map_err(|e| conversion(6, e)))
                .transpose()?,
            ticket: r.get(7)?,
            attente_minutes: r.get(8)?,
            notes: None,
            saisi_par: String::new(),
            saisi_le: String::new(),
        },
    ))
}

/// The day's list (`tous`: every person, still most urgent first).
pub fn liste_du_jour(
    store: &Store,
    regles: &Regles,
    aujourdhui: NaiveDate,
    tous: bool,
) -> ResultatStore<Vec<LigneJour>> {
    let conn = store.connexion();
    let mut st_p = conn.prepare(&format!(
        "SELECT {COLONNES_PERSONNE} FROM personnes ORDER BY id"
    ))?;
    let mut st_e = conn.prepare(&format!(
        "SELECT {COLONNES_LEGERES} FROM evenements ORDER BY personne_id, date, id"
    ))?;
    let mut evenements = st_e.query_map([], ligne_legere)?.peekable();
    let mut prefectures: Vec<Option<ConnaissancePrefecture>> =
        vec![None; crate::domain::Departement::tous().count()];
    let mut lignes = Vec::new();
    let mut siens: Vec<Evenement> = Vec::new();
    for p in st_p.query_map([], ligne_personne)? {
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
        let rang = p.departement.rang();
        let connaissance = prefectures[rang]
            .get_or_insert_with(|| crate::prefectures::connaissance(p.departement));
        let evaluation = evaluer(&p, &siens, connaissance, regles, aujourdhui);
        let visite_du_jour = siens
            .iter()
            .any(|e| e.type_evenement == TypeEvenement::Visite && e.date == aujourdhui);
        if tous || est_du_jour(&evaluation, visite_du_jour) {
            lignes.push(LigneJour {
                personne: p,
                evaluation,
                visite_du_jour,
            });
        }
    }
    trier(&mut lignes);
    Ok(lignes)
}
