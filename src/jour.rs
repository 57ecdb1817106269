//! The day's list, shared by `vigie aujourdhui` and the TUI's start screen: every person with
//! a visit today or a due deadline or follow-up, evaluated by the engine, most urgent first.
//!
//! Built for the demo scale (100 000 people, 1 000 000 events): two ordered read-only
//! queries (people by id, events by person, date and id) merged in one pass, one
//! préfecture lookup per département, no query per person. See `benches/jour.rs`.

use crate::domain::moteur::{ConnaissancePrefecture, Evaluation, NiveauUrgence, evaluer};
use crate::domain::regles::Regles;
use crate::domain::{Canal, Evenement, Personne, Resultat, TypeEvenement, parse_date};
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
    visite_du_jour || (!evaluation.est_close() && evaluation.urgence <= NiveauUrgence::DuJour)
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

/// Dates as stored (`AAAA-MM-JJ`) parsed without allocating; anything else goes through
/// the general parser.
fn date_rapide(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let annee = i32::try_from(n(0..4)?).ok()?;
        return NaiveDate::from_ymd_opt(annee, n(5..7)?, n(8..10)?);
    }
    parse_date(s).ok()
}

fn date_col(r: &Row, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    match r.get_ref(i)?.as_str_or_null()? {
        None => Ok(None),
        Some(s) => date_rapide(s)
            .map(Some)
            .ok_or_else(|| conversion(i, crate::domain::ErreurValeur::DateInvalide)),
    }
}

fn ligne_legere(r: &Row) -> rusqlite::Result<(i64, Evenement)> {
    let t = r.get_ref(3)?.as_str()?;
    let canal = r.get_ref(4)?.as_str_or_null()?;
    let resultat = r.get_ref(5)?.as_str_or_null()?;
    Ok((
        r.get(0)?,
        Evenement {
            id: Some(r.get(1)?),
            date: date_col(r, 2)?
                .ok_or_else(|| conversion(2, crate::domain::ErreurValeur::Vide))?,
            type_evenement: TypeEvenement::depuis_code(t).map_err(|e| conversion(3, e))?,
            canal: canal
                .map(|c| Canal::depuis_code(c).map_err(|e| conversion(4, e)))
                .transpose()?,
            resultat: resultat
                .map(|c| Resultat::depuis_code(c).map_err(|e| conversion(5, e)))
                .transpose()?,
            echeance: date_col(r, 6)?,
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
        let connaissance = match prefectures[rang].take() {
            Some(c) => c,
            // Local corrections of the directory count, as on the person's file.
            None => crate::prefectures::connaissance_avec(store, p.departement)?,
        };
        let evaluation = evaluer(&p, &siens, &connaissance, regles, aujourdhui);
        prefectures[rang] = Some(connaissance);
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

/// The evaluation of one person now (for the person's file): their events, their
/// préfecture's known practices, the rules in force.
pub fn evaluer_personne(
    store: &Store,
    regles: &Regles,
    personne: &Personne,
    aujourdhui: NaiveDate,
) -> ResultatStore<Evaluation> {
    let evenements = match personne.id {
        Some(id) => store.evenements(id)?,
        None => Vec::new(),
    };
    let connaissance = crate::prefectures::connaissance_avec(store, personne.departement)?;
    Ok(evaluer(
        personne,
        &evenements,
        &connaissance,
        regles,
        aujourdhui,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Blocage, Demarche, Departement};
    use crate::store::Ouverture;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn merged_list_matches_one_by_one_evaluation() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::ouvrir(&Ouverture {
            chemin: dir.path().join("j.db"),
            phrase: None,
            sans_chiffrement: true,
            benevole: "T".into(),
        })
        .unwrap();
        let auj = d("2026-11-23");
        let mut ids = Vec::new();
        for (i, dep) in ["75", "33", "2A", "971", "33"].iter().enumerate() {
            let p = Personne {
                id: None,
                reference: format!("Z{}", 9 - i),
                nom: format!("N{i}"),
                prenom: None,
                telephone: None,
                departement: Departement::depuis_code(dep).unwrap(),
                demarche: Demarche::Renouvellement,
                blocage: Blocage::Connexion,
                ouvert_le: d("2026-01-01"),
                titre_expire_le: Some(d("2026-11-01")),
                api_expire_le: (i % 2 == 0).then(|| d("2026-12-01")),
                pan_connu: None,
                notes: None,
                captures: Some(i as u32),
                version: 1,
            };
            ids.push(s.creer_personne(&p).unwrap());
        }
        // Events recorded out of person order, and one person without events.
        for (k, id) in [ids[3], ids[0], ids[3], ids[1], ids[4]].iter().enumerate() {
            let mut e = Evenement::nouveau(TypeEvenement::Ccc, d("2026-11-10"));
            e.canal = Some(Canal::Formulaire);
            e.resultat = Some(if k == 2 {
                Resultat::AttestationImpossibilite
            } else {
                Resultat::EnAttente
            });
            s.ajouter_evenement(*id, &e).unwrap();
        }
        let mut v = Evenement::nouveau(TypeEvenement::Visite, auj);
        v.notes = Some("venue".into());
        s.ajouter_evenement(ids[2], &v).unwrap();

        let regles = Regles::default();
        let tous = liste_du_jour(&s, &regles, auj, true).unwrap();
        assert_eq!(tous.len(), 5);
        for l in &tous {
            let seule = evaluer_personne(&s, &regles, &l.personne, auj).unwrap();
            assert_eq!(l.evaluation, seule, "{}", l.personne.reference);
        }
        for w in tous.windows(2) {
            assert!(w[0].evaluation.cle_urgence() <= w[1].evaluation.cle_urgence());
        }
        let du_jour = liste_du_jour(&s, &regles, auj, false).unwrap();
        assert!(
            du_jour
                .iter()
                .all(|l| est_du_jour(&l.evaluation, l.visite_du_jour))
        );
        assert!(
            du_jour
                .iter()
                .any(|l| l.visite_du_jour && l.personne.id == Some(ids[2]))
        );
        let d = decompter(&du_jour);
        assert_eq!(d.total, du_jour.len());
        assert_eq!(d.par_niveau.iter().sum::<usize>(), d.total);
        assert_eq!(d.visites, 1);
    }
}
